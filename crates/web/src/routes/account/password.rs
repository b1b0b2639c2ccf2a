//! A forgotten password: ask for a link by e-mail, then choose a new password with it.
//! The answer to "send me a link" is the same whether the address is known or not, so
//! the form cannot be used to find out who has an account.

use crate::auth::limits::ClientAddress;
use crate::forms::FieldProblem;
use crate::page::PageContext;
use crate::view::Chrome;
use crate::view::account::{ChoosePasswordPage, ForgotPage, MessagePage};
use crate::{AppError, AppState, Locale};
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::Utc;
use serde::Deserialize;
use wegwijs_mail::{Mail, MailContent};
use wegwijs_store::{NewToken, TokenPurpose};

/// How long a reset link works: long enough to find the mail, short enough that an old
/// mail in a mailbox is no key.
const RESET_LIFETIME_MINUTES: i64 = 60;

/// The posted "forgot password" form.
#[derive(Debug, Default, Deserialize)]
pub struct ForgotForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    lang: String,
}

/// `GET /wachtwoord-vergeten`
pub async fn show_forgot(ctx: PageContext) -> Result<Html<String>, AppError> {
    Ok(Html(render_forgot(&ctx, String::new(), false, Vec::new())?))
}

fn render_forgot(
    ctx: &PageContext,
    email: String,
    sent: bool,
    problems: Vec<FieldProblem>,
) -> Result<String, AppError> {
    let locale = ctx.locale;
    let chrome = Chrome::new(ctx, locale.t("account.forgot_heading"), locale.t("account.forgot_intro"), &[]).noindex();
    Ok(askama::Template::render(&ForgotPage { locale, chrome, email, sent, problems })?)
}

/// `POST /wachtwoord-vergeten`
pub async fn submit_forgot(
    State(state): State<AppState>,
    mut ctx: PageContext,
    ClientAddress(client): ClientAddress,
    Form(form): Form<ForgotForm>,
) -> Result<Response, AppError> {
    if form.lang == "en" {
        ctx.locale = Locale::En;
    }
    let locale = ctx.locale;
    let email = form.email.trim();
    if wegwijs_domain::EmailAddress::parse(email).is_err() {
        let problems = vec![FieldProblem::new("email", locale.t("account.error_email"))];
        let body = render_forgot(&ctx, form.email.clone(), false, problems)?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(body)).into_response());
    }
    if !state.security.limits().try_mail(client) {
        return Err(AppError::TooManyRequests);
    }
    if let Some(user) = state.store.user_by_email(email).await?.filter(|u| !u.disabled) {
        let lifetime = chrono::Duration::minutes(RESET_LIFETIME_MINUTES);
        send_password_link(&state, &ctx, &user, lifetime, None).await?;
    }
    Ok(Html(render_forgot(&ctx, String::new(), true, Vec::new())?).into_response())
}

/// Mails `user` a single-use link to choose a password, valid for `lifetime`. With
/// `made_by` (an admin who just made the account) the mail says so; without, it is the
/// answer to "forgot password".
pub async fn send_password_link(
    state: &AppState,
    ctx: &PageContext,
    user: &wegwijs_store::User,
    lifetime: chrono::Duration,
    made_by: Option<&crate::auth::SignedIn>,
) -> Result<(), AppError> {
    let locale = ctx.locale;
    let token = state
        .store
        .create_token(&NewToken {
            purpose: TokenPurpose::PasswordReset,
            email: user.email.clone(),
            user_id: Some(user.id.clone()),
            organisation_id: None,
            created_by: made_by.map(|admin| admin.user.id.clone()),
            lifetime,
        })
        .await?;
    let link = format!("{}{}", ctx.config.link_origin(), locale.href(&format!("/wachtwoord-herstellen/{token}")));
    let expires = super::moment(locale, Utc::now() + lifetime);
    let content = match made_by {
        Some(admin) => MailContent::AccountCreated {
            role: locale.t(&format!("role.{}", user.role.code())).to_lowercase(),
            inviter: admin.user.name.clone(),
            link,
            expires,
        },
        None => MailContent::PasswordReset { link, expires },
    };
    let mail = Mail {
        to: user.email.to_string(),
        to_name: Some(user.name.clone()),
        reply_to: None,
        language: locale.mail_language(),
        content,
    };
    state.send_mail(&mail).await;
    Ok(())
}

/// The posted new password.
#[derive(Debug, Default, Deserialize)]
pub struct ChooseForm {
    #[serde(default)]
    pub naam: String,
    #[serde(default)]
    pub wachtwoord: String,
    #[serde(default)]
    pub herhaling: String,
    #[serde(default)]
    pub lang: String,
}

/// `GET /wachtwoord-herstellen/{token}`: the form, if the link still works. Looking
/// does not use the link up.
pub async fn show_reset(
    State(state): State<AppState>,
    ctx: PageContext,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    match state.store.peek_token(&token, TokenPurpose::PasswordReset, Utc::now()).await? {
        Some(found) => Ok(Html(render_reset(&ctx, &token, found.email.as_str(), Vec::new())?).into_response()),
        None => link_expired(&ctx),
    }
}

fn render_reset(ctx: &PageContext, token: &str, email: &str, problems: Vec<FieldProblem>) -> Result<String, AppError> {
    let locale = ctx.locale;
    let chrome = Chrome::new(ctx, locale.t("account.reset_heading"), locale.t("account.reset_intro"), &[]).noindex();
    let page = ChoosePasswordPage {
        locale,
        chrome,
        heading: locale.t("account.reset_heading").to_owned(),
        intro: locale.t("account.reset_intro").to_owned(),
        action: format!("/wachtwoord-herstellen/{token}"),
        email: email.to_owned(),
        ask_name: false,
        name: String::new(),
        problems,
        submit: locale.t("account.reset_submit").to_owned(),
    };
    Ok(askama::Template::render(&page)?)
}

/// The page for a link that is used, expired or never existed.
pub fn link_expired(ctx: &PageContext) -> Result<Response, AppError> {
    let locale = ctx.locale;
    let chrome = Chrome::new(ctx, locale.t("account.link_expired_heading"), "", &[]).noindex();
    let page = MessagePage {
        chrome,
        heading: locale.t("account.link_expired_heading").to_owned(),
        text: locale.t("account.link_expired_text").to_owned(),
        link: Some((locale.href("/wachtwoord-vergeten"), locale.t("account.forgot_link").to_owned())),
        button: None,
    };
    Ok((StatusCode::GONE, Html(askama::Template::render(&page)?)).into_response())
}

/// `POST /wachtwoord-herstellen/{token}`: uses the link up (once, atomically) and sets the
/// password, which ends every session of the account.
pub async fn submit_reset(
    State(state): State<AppState>,
    mut ctx: PageContext,
    ClientAddress(client): ClientAddress,
    Path(token): Path<String>,
    Form(form): Form<ChooseForm>,
) -> Result<Response, AppError> {
    if form.lang == "en" {
        ctx.locale = Locale::En;
    }
    if !state.security.limits().try_login(client) {
        return Err(AppError::TooManyRequests);
    }
    let now = Utc::now();
    let Some(found) = state.store.peek_token(&token, TokenPurpose::PasswordReset, now).await? else {
        return link_expired(&ctx);
    };
    let problems = super::password_problems(ctx.locale, &form.wachtwoord, &form.herhaling);
    if !problems.is_empty() {
        let body = render_reset(&ctx, &token, found.email.as_str(), problems)?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(body)).into_response());
    }
    let Some(used) = state.store.use_token(&token, TokenPurpose::PasswordReset, now).await? else {
        return link_expired(&ctx);
    };
    let Some(user) = used.user_id else { return link_expired(&ctx) };
    state.store.set_password(&user, &form.wachtwoord).await?;
    tracing::info!(%user, "password set with a reset link");
    Ok(Redirect::to(&ctx.locale.href("/inloggen?melding=wachtwoord")).into_response())
}
