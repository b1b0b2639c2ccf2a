//! `/inloggen`, `/inloggen/code` and `/uitloggen`.

use crate::auth::limits::ClientAddress;
use crate::auth::{PendingSecondFactor, SESSION_LIFETIME_HOURS, Visitor, cookies, second_factor};
use crate::forms::FieldProblem;
use crate::page::PageContext;
use crate::view::account::{CodePage, LoginPage};
use crate::view::{Chrome, Section};
use crate::{AppError, AppState, Locale};
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use chrono::Utc;
use serde::Deserialize;
use wegwijs_store::LoginCheck;

/// `?terug=` and the notice codes of the login page.
#[derive(Debug, Default, Deserialize)]
pub struct LoginQuery {
    #[serde(default)]
    terug: String,
    /// `wachtwoord` after a reset, `uit` after logging out.
    #[serde(default)]
    melding: String,
}

/// The posted login form.
#[derive(Debug, Default, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    wachtwoord: String,
    #[serde(default)]
    terug: String,
    #[serde(default)]
    lang: String,
}

/// `GET /inloggen`
pub async fn show(ctx: PageContext, Query(query): Query<LoginQuery>) -> Result<Response, AppError> {
    if let Some(signed_in) = &ctx.visitor.signed_in {
        return Ok(Redirect::to(&super::landing(&query.terug, &signed_in.user)).into_response());
    }
    let notice = match query.melding.as_str() {
        "wachtwoord" => Some(ctx.locale.t("account.notice_password_set").to_owned()),
        "uit" => Some(ctx.locale.t("account.notice_logged_out").to_owned()),
        _ => None,
    };
    Ok(Html(render(&ctx, String::new(), query.terug, notice, Vec::new())?).into_response())
}

fn render(
    ctx: &PageContext,
    email: String,
    back: String,
    notice: Option<String>,
    problems: Vec<FieldProblem>,
) -> Result<String, AppError> {
    let locale = ctx.locale;
    let mut title = locale.t("account.login_heading").to_owned();
    if !problems.is_empty() {
        title = locale.tf("account.title_with_errors", &[("title", &title)]);
    }
    let chrome = Chrome::new(ctx, title, locale.t("account.login_intro"), &[]).noindex().section(Section::Portal);
    let back = crate::page::local_path(&back).unwrap_or_default().to_owned();
    Ok(askama::Template::render(&LoginPage { locale, chrome, email, back, notice, problems })?)
}

/// `POST /inloggen`: checks the password; on success a new session (never one the
/// browser brought along, so a planted session id is worthless) and on to the page
/// asked for, or to the second factor first.
pub async fn submit(
    State(state): State<AppState>,
    mut ctx: PageContext,
    ClientAddress(client): ClientAddress,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    if form.lang == "en" {
        ctx.locale = Locale::En;
    }
    let locale = ctx.locale;
    let refuse = |problem: FieldProblem, status: axum::http::StatusCode| -> Result<Response, AppError> {
        let body = render(&ctx, form.email.clone(), form.terug.clone(), None, vec![problem])?;
        Ok((status, Html(body)).into_response())
    };
    if !state.security.limits().try_login(client) {
        return refuse(
            FieldProblem::new("email", locale.t("account.error_too_many")),
            axum::http::StatusCode::TOO_MANY_REQUESTS,
        );
    }
    let missing: Vec<FieldProblem> = [
        (form.email.trim().is_empty(), "email", "account.error_email_missing"),
        (form.wachtwoord.is_empty(), "wachtwoord", "account.error_password_missing"),
    ]
    .into_iter()
    .filter(|(empty, _, _)| *empty)
    .map(|(_, field, key)| FieldProblem::new(field, locale.t(key)))
    .collect();
    if !missing.is_empty() {
        let body = render(&ctx, form.email.clone(), form.terug.clone(), None, missing)?;
        return Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, Html(body)).into_response());
    }
    let now = Utc::now();
    match state.store.check_login(&form.email, &form.wachtwoord, now).await? {
        LoginCheck::Accepted(user) => {
            if let Some(old) = ctx.visitor.signed_in.as_ref() {
                state.store.end_session(&old.token).await?;
            }
            let lifetime = chrono::Duration::hours(SESSION_LIFETIME_HOURS);
            let token = state.store.create_session(&user.id, lifetime, !user.has_totp).await?;
            tracing::info!(user = %user.id, "logged in");
            let next = if user.has_totp {
                format!("/inloggen/code?terug={}", crate::routes::encode(&form.terug))
            } else {
                locale.href(&super::landing(&form.terug, &user))
            };
            let mut response = Redirect::to(&next).into_response();
            cookies::append(&mut response, &cookies::session_cookie(&token, state.config.secure_cookies()));
            Ok(response)
        }
        LoginCheck::Rejected => {
            refuse(FieldProblem::new("email", locale.t("account.error_login")), axum::http::StatusCode::UNAUTHORIZED)
        }
        LoginCheck::Locked { until } => refuse(
            FieldProblem::new("email", locale.tf("account.error_locked", &[("time", &super::moment(locale, until))])),
            axum::http::StatusCode::UNAUTHORIZED,
        ),
        LoginCheck::Disabled => {
            refuse(FieldProblem::new("email", locale.t("account.error_disabled")), axum::http::StatusCode::FORBIDDEN)
        }
    }
}

/// `GET /inloggen/code`
pub async fn show_code(ctx: PageContext, Query(query): Query<LoginQuery>) -> Result<Html<String>, AppError> {
    Ok(Html(render_code(&ctx, query.terug, Vec::new())?))
}

fn render_code(ctx: &PageContext, back: String, problems: Vec<FieldProblem>) -> Result<String, AppError> {
    let locale = ctx.locale;
    let chrome = Chrome::new(ctx, locale.t("account.code_heading"), locale.t("account.code_intro"), &[]).noindex();
    let back = crate::page::local_path(&back).unwrap_or_default().to_owned();
    Ok(askama::Template::render(&CodePage { locale, chrome, back, problems })?)
}

/// The posted second-factor form.
#[derive(Debug, Default, Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    terug: String,
}

/// `POST /inloggen/code`: with the right code the half session is replaced by a whole
/// one (a new token again).
pub async fn submit_code(
    State(state): State<AppState>,
    ctx: PageContext,
    Extension(PendingSecondFactor(pending)): Extension<PendingSecondFactor>,
    ClientAddress(client): ClientAddress,
    Form(form): Form<CodeForm>,
) -> Result<Response, AppError> {
    let locale = ctx.locale;
    let again = |key: &str| -> Result<Response, AppError> {
        let body = render_code(&ctx, form.terug.clone(), vec![FieldProblem::new("code", locale.t(key))])?;
        Ok((axum::http::StatusCode::UNAUTHORIZED, Html(body)).into_response())
    };
    if !state.security.limits().try_login(client) {
        return again("account.error_too_many");
    }
    let secret = state.store.totp_secret(&pending.user.id).await?;
    let step = secret.and_then(|secret| second_factor::accepted_step(&secret, &form.code));
    if !step.is_some_and(|step| state.security.use_code_step(&pending.user.id, step)) {
        return again("account.error_code");
    }
    state.store.end_session(&pending.token).await?;
    let lifetime = chrono::Duration::hours(SESSION_LIFETIME_HOURS);
    let token = state.store.create_session(&pending.user.id, lifetime, true).await?;
    let mut response = Redirect::to(&locale.href(&super::landing(&form.terug, &pending.user))).into_response();
    cookies::append(&mut response, &cookies::session_cookie(&token, state.config.secure_cookies()));
    Ok(response)
}

/// `POST /uitloggen`: ends the session in the database (a copied cookie is worthless
/// afterwards) and removes the cookie.
pub async fn logout(
    State(state): State<AppState>,
    visitor: Visitor,
    pending: Option<Extension<PendingSecondFactor>>,
) -> Result<Response, AppError> {
    let token = visitor.signed_in.map(|s| s.token).or(pending.map(|Extension(PendingSecondFactor(p))| p.token));
    if let Some(token) = token {
        state.store.end_session(&token).await?;
    }
    let mut response = Redirect::to("/inloggen?melding=uit").into_response();
    cookies::append(&mut response, &cookies::removed_session_cookie(state.config.secure_cookies()));
    Ok(response)
}
