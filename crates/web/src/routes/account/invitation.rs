//! `/uitnodiging/{token}`: the contact of an organisation accepts an editor's
//! invitation. Without an account they choose a name and password and get a provider
//! account bound to the organisation; with an account already they log in first and
//! then add the organisation to it.

use super::password::ChooseForm;
use crate::auth::{SESSION_LIFETIME_HOURS, cookies};
use crate::forms::FieldProblem;
use crate::page::PageContext;
use crate::view::Chrome;
use crate::view::account::{ChoosePasswordPage, MessagePage};
use crate::{AppError, AppState, Locale};
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::Utc;
use wegwijs_domain::Role;
use wegwijs_store::{NewUser, OneTimeToken, TokenPurpose};

/// Longest name accepted.
const MAX_NAME: usize = 100;

/// `GET /uitnodiging/{token}`
pub async fn show(
    State(state): State<AppState>,
    ctx: PageContext,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let Some(invitation) = state.store.peek_token(&token, TokenPurpose::Invitation, Utc::now()).await? else {
        return invitation_used(&ctx);
    };
    let organisation = organisation_name(&state, &invitation).await?;
    if let Some(existing) = state.store.user_by_email(invitation.email.as_str()).await? {
        return existing_account(&ctx, &token, &organisation, &existing);
    }
    Ok(Html(render(&ctx, &token, &invitation, &organisation, String::new(), Vec::new())?).into_response())
}

/// The page for an invitation that is used, expired or never existed: whoever made an
/// account with it is pointed to the login.
fn invitation_used(ctx: &PageContext) -> Result<Response, AppError> {
    let locale = ctx.locale;
    let chrome = Chrome::new(ctx, locale.t("account.invitation_used_heading"), "", &[]).noindex();
    let page = MessagePage {
        chrome,
        heading: locale.t("account.invitation_used_heading").to_owned(),
        text: locale.t("account.invitation_used_text").to_owned(),
        link: Some((locale.href("/inloggen"), locale.t("account.to_login").to_owned())),
        button: None,
    };
    Ok((StatusCode::GONE, Html(askama::Template::render(&page)?)).into_response())
}

/// The page for an address that has an account: log in as it, then press the button.
fn existing_account(
    ctx: &PageContext,
    token: &str,
    organisation: &str,
    existing: &wegwijs_store::User,
) -> Result<Response, AppError> {
    let locale = ctx.locale;
    let signed_in_as_invitee = ctx.visitor.signed_in.as_ref().is_some_and(|s| s.user.id == existing.id);
    let heading = locale.tf("account.invitation_heading", &[("organisation", &organisation)]);
    let chrome = Chrome::new(ctx, heading.clone(), "", &[]).noindex();
    let here = format!("/uitnodiging/{token}");
    let page = if signed_in_as_invitee {
        MessagePage {
            chrome,
            heading,
            text: locale.tf("account.invitation_link_text", &[("organisation", &organisation)]),
            link: None,
            button: Some((here, locale.t("account.invitation_link_submit").to_owned())),
        }
    } else {
        MessagePage {
            chrome,
            heading,
            text: locale.tf("account.invitation_login_first", &[("email", &existing.email)]),
            link: Some((
                format!("/inloggen?terug={}", crate::routes::encode(&here)),
                locale.t("account.to_login").to_owned(),
            )),
            button: None,
        }
    };
    Ok(Html(askama::Template::render(&page)?).into_response())
}

async fn organisation_name(state: &AppState, invitation: &OneTimeToken) -> Result<String, AppError> {
    let Some(id) = &invitation.organisation_id else { return Err(AppError::NotFound) };
    let organisation = state.store.organisation(id).await?.ok_or(AppError::NotFound)?;
    Ok(organisation.name.to_string())
}

fn render(
    ctx: &PageContext,
    token: &str,
    invitation: &OneTimeToken,
    organisation: &str,
    name: String,
    problems: Vec<FieldProblem>,
) -> Result<String, AppError> {
    let locale = ctx.locale;
    let heading = locale.tf("account.invitation_heading", &[("organisation", &organisation)]);
    let intro = locale.tf("account.invitation_intro", &[("organisation", &organisation)]);
    let chrome = Chrome::new(ctx, heading.clone(), intro.clone(), &[]).noindex();
    let page = ChoosePasswordPage {
        locale,
        chrome,
        heading,
        intro,
        action: format!("/uitnodiging/{token}"),
        email: invitation.email.to_string(),
        ask_name: true,
        name,
        problems,
        submit: locale.t("account.invitation_submit").to_owned(),
    };
    Ok(askama::Template::render(&page)?)
}

/// `POST /uitnodiging/{token}`
pub async fn accept(
    State(state): State<AppState>,
    mut ctx: PageContext,
    Path(token): Path<String>,
    Form(form): Form<ChooseForm>,
) -> Result<Response, AppError> {
    if form.lang == "en" {
        ctx.locale = Locale::En;
    }
    let locale = ctx.locale;
    let now = Utc::now();
    let Some(invitation) = state.store.peek_token(&token, TokenPurpose::Invitation, now).await? else {
        return invitation_used(&ctx);
    };
    let Some(organisation) = invitation.organisation_id.clone() else { return invitation_used(&ctx) };
    let organisation_name = organisation_name(&state, &invitation).await?;

    if let Some(existing) = state.store.user_by_email(invitation.email.as_str()).await? {
        let signed_in_as_invitee = ctx.visitor.signed_in.as_ref().is_some_and(|s| s.user.id == existing.id);
        if !signed_in_as_invitee {
            return existing_account(&ctx, &token, &organisation_name, &existing);
        }
        if state.store.use_token(&token, TokenPurpose::Invitation, now).await?.is_none() {
            return invitation_used(&ctx);
        }
        state.store.add_user_organisation(&existing.id, &organisation).await?;
        tracing::info!(user = %existing.id, %organisation, "invitation accepted by an existing account");
        return Ok(Redirect::to(&locale.href("/portaal")).into_response());
    }

    let name = form.naam.trim().to_owned();
    let mut problems = Vec::new();
    if name.is_empty() {
        problems.push(FieldProblem::new("naam", locale.t("account.error_name")));
    } else if name.chars().count() > MAX_NAME {
        problems.push(FieldProblem::new("naam", locale.tf("account.error_name_long", &[("max", &MAX_NAME)])));
    }
    problems.extend(super::password_problems(locale, &form.wachtwoord, &form.herhaling));
    if !problems.is_empty() {
        let body = render(&ctx, &token, &invitation, &organisation_name, form.naam.clone(), problems)?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(body)).into_response());
    }
    if state.store.use_token(&token, TokenPurpose::Invitation, now).await?.is_none() {
        return invitation_used(&ctx);
    }
    let user = state
        .store
        .create_user(&NewUser {
            email: invitation.email.clone(),
            name,
            role: Role::Aanbieder,
            organisations: vec![organisation.clone()],
            password: Some(form.wachtwoord.clone()),
        })
        .await?;
    tracing::info!(user = %user.id, %organisation, "invitation accepted: provider account created");
    let token = state.store.create_session(&user.id, chrono::Duration::hours(SESSION_LIFETIME_HOURS), true).await?;
    let mut response = Redirect::to(&locale.href("/portaal?melding=welkom")).into_response();
    cookies::append(&mut response, &cookies::session_cookie(&token, state.config.secure_cookies()));
    Ok(response)
}
