//! `/account`: one's own account: its facts, a new password, and (for editors and
//! admins) the second factor.

use crate::auth::{SESSION_LIFETIME_HOURS, SignedIn, cookies, second_factor};
use crate::forms::FieldProblem;
use crate::page::PageContext;
use crate::view::account::{AccountPage, SecondFactorPage};
use crate::view::{Chrome, Section};
use crate::{AppError, AppState};
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::Utc;
use serde::Deserialize;
use wegwijs_store::LoginCheck;

/// `?melding=` codes of the account page.
#[derive(Debug, Default, Deserialize)]
pub struct AccountQuery {
    #[serde(default)]
    melding: String,
}

/// `GET /account`
pub async fn show(
    State(state): State<AppState>,
    ctx: PageContext,
    signed_in: SignedIn,
    Query(query): Query<AccountQuery>,
) -> Result<Html<String>, AppError> {
    let notice = match query.melding.as_str() {
        "wachtwoord" => Some(ctx.locale.t("account.notice_password_changed").to_owned()),
        "tweestaps-aan" => Some(ctx.locale.t("account.notice_second_factor_on").to_owned()),
        "tweestaps-uit" => Some(ctx.locale.t("account.notice_second_factor_off").to_owned()),
        _ => None,
    };
    Ok(Html(render(&state, &ctx, &signed_in, notice, Vec::new()).await?))
}

async fn render(
    state: &AppState,
    ctx: &PageContext,
    signed_in: &SignedIn,
    notice: Option<String>,
    problems: Vec<FieldProblem>,
) -> Result<String, AppError> {
    let locale = ctx.locale;
    let user = &signed_in.user;
    let organisations =
        state.store.organisations_by_ids(&user.organisations).await?.into_iter().map(|o| o.name.to_string()).collect();
    let chrome = Chrome::new(ctx, locale.t("account.heading"), "", &[]).noindex().section(Section::Portal);
    let page = AccountPage {
        locale,
        chrome,
        name: user.name.clone(),
        email: user.email.to_string(),
        role: locale.t(&format!("role.{}", user.role.code())).to_owned(),
        organisations,
        second_factor: user.role.is_editor().then_some(user.has_totp),
        notice,
        problems,
    };
    Ok(askama::Template::render(&page)?)
}

/// The posted password change.
#[derive(Debug, Default, Deserialize)]
pub struct ChangeForm {
    #[serde(default)]
    huidig: String,
    #[serde(default)]
    wachtwoord: String,
    #[serde(default)]
    herhaling: String,
}

/// `POST /account/wachtwoord`: needs the current password. Setting it ends every session
/// of the account (elsewhere too); this browser gets a new one.
pub async fn change_password(
    State(state): State<AppState>,
    ctx: PageContext,
    signed_in: SignedIn,
    Form(form): Form<ChangeForm>,
) -> Result<Response, AppError> {
    let locale = ctx.locale;
    let user = &signed_in.user;
    let mut problems = super::password_problems(locale, &form.wachtwoord, &form.herhaling);
    let current_ok = matches!(
        state.store.check_login(user.email.as_str(), &form.huidig, Utc::now()).await?,
        LoginCheck::Accepted(_)
    );
    if !current_ok {
        problems.insert(0, FieldProblem::new("huidig", locale.t("account.error_current_password")));
    }
    if !problems.is_empty() {
        let body = render(&state, &ctx, &signed_in, None, problems).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(body)).into_response());
    }
    state.store.set_password(&user.id, &form.wachtwoord).await?;
    let token = state.store.create_session(&user.id, chrono::Duration::hours(SESSION_LIFETIME_HOURS), true).await?;
    let mut response = Redirect::to(&locale.href("/account?melding=wachtwoord")).into_response();
    cookies::append(&mut response, &cookies::session_cookie(&token, state.config.secure_cookies()));
    Ok(response)
}

/// `GET /account/tweestaps`: a new secret to set up, or the form to switch it off.
pub async fn show_second_factor(ctx: PageContext, signed_in: SignedIn) -> Result<Html<String>, AppError> {
    let secret = second_factor::new_secret();
    Ok(Html(render_second_factor(&ctx, &signed_in, &secret, Vec::new())?))
}

fn render_second_factor(
    ctx: &PageContext,
    signed_in: &SignedIn,
    secret: &str,
    problems: Vec<FieldProblem>,
) -> Result<String, AppError> {
    let locale = ctx.locale;
    let chrome =
        Chrome::new(ctx, locale.t("account.second_factor_heading"), "", &[]).noindex().section(Section::Portal);
    let link =
        second_factor::setup_link(secret, &ctx.config.site_name, signed_in.user.email.as_str()).unwrap_or_default();
    let page = SecondFactorPage {
        locale,
        chrome,
        enabled: signed_in.user.has_totp,
        secret_grouped: second_factor::grouped(secret),
        secret: secret.to_owned(),
        link,
        problems,
    };
    Ok(askama::Template::render(&page)?)
}

/// The posted code (with the secret being set up).
#[derive(Debug, Default, Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    geheim: String,
}

/// `POST /account/tweestaps`: switches the second factor on once the app shows the
/// right code for the new secret (so nobody locks themselves out with a mistyped key).
pub async fn enable_second_factor(
    State(state): State<AppState>,
    ctx: PageContext,
    signed_in: SignedIn,
    Form(form): Form<CodeForm>,
) -> Result<Response, AppError> {
    let secret = form.geheim.trim();
    if signed_in.user.has_totp {
        return Ok(Redirect::to("/account/tweestaps").into_response());
    }
    if secret.len() < 16 || !second_factor::is_valid(secret, &form.code) {
        let problems = vec![FieldProblem::new("code", ctx.locale.t("account.error_code"))];
        let body = render_second_factor(&ctx, &signed_in, secret, problems)?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(body)).into_response());
    }
    state.store.set_totp_secret(&signed_in.user.id, Some(secret)).await?;
    tracing::info!(user = %signed_in.user.id, "second factor switched on");
    Ok(Redirect::to(&ctx.locale.href("/account?melding=tweestaps-aan")).into_response())
}

/// `POST /account/tweestaps/uitzetten`: needs a current code.
pub async fn disable_second_factor(
    State(state): State<AppState>,
    ctx: PageContext,
    signed_in: SignedIn,
    Form(form): Form<CodeForm>,
) -> Result<Response, AppError> {
    let secret = state.store.totp_secret(&signed_in.user.id).await?;
    if !secret.is_some_and(|s| second_factor::is_valid(&s, &form.code)) {
        let problems = vec![FieldProblem::new("code", ctx.locale.t("account.error_code"))];
        let body = render_second_factor(&ctx, &signed_in, &second_factor::new_secret(), problems)?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(body)).into_response());
    }
    state.store.set_totp_secret(&signed_in.user.id, None).await?;
    tracing::info!(user = %signed_in.user.id, "second factor switched off");
    Ok(Redirect::to(&ctx.locale.href("/account?melding=tweestaps-uit")).into_response())
}
