//! `/redactie/uitnodigingen`: an editor invites the contact of an organisation to keep
//! its entries up to date; the mail carries a link to `/uitnodiging/{token}`.

use crate::auth::SignedIn;
use crate::forms::FieldProblem;
use crate::page::PageContext;
use crate::view::editor::{InvitationItem, InvitationsPage};
use crate::view::{Chrome, Section};
use crate::{AppError, AppState};
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::Utc;
use serde::Deserialize;
use wegwijs_domain::{EmailAddress, Id};
use wegwijs_mail::{Mail, MailContent};
use wegwijs_store::{NewToken, Page, TokenPurpose};

/// How long an invitation works: two weeks, time for a volunteer organisation to find
/// the mail and someone to act on it.
const INVITATION_DAYS: i64 = 14;
/// Organisations offered in the list.
const ORGANISATION_LIMIT: u32 = 5000;

/// `?melding=` codes.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    melding: String,
}

/// The posted invitation.
#[derive(Debug, Default, Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    organisatie: String,
    #[serde(default)]
    email: String,
}

/// `GET /redactie/uitnodigingen`
pub async fn list(
    State(state): State<AppState>,
    ctx: PageContext,
    _editor: SignedIn,
    Query(query): Query<ListQuery>,
) -> Result<Html<String>, AppError> {
    let notice = (query.melding == "verstuurd").then(|| ctx.locale.t("editor.notice_invited").to_owned());
    Ok(Html(render(&state, &ctx, notice, InviteForm::default(), Vec::new()).await?))
}

async fn render(
    state: &AppState,
    ctx: &PageContext,
    notice: Option<String>,
    form: InviteForm,
    problems: Vec<FieldProblem>,
) -> Result<String, AppError> {
    let locale = ctx.locale;
    let organisations: Vec<(String, String)> = state
        .store
        .organisations(Page::first(ORGANISATION_LIMIT))
        .await?
        .into_iter()
        .map(|o| (o.id.to_string(), o.name.to_string()))
        .collect();
    let now = Utc::now();
    let mut items = Vec::new();
    for invitation in state.store.invitations().await? {
        let organisation = match &invitation.organisation_id {
            Some(id) => organisations.iter().find(|(i, _)| i == id.as_str()).map(|(_, n)| n.clone()),
            None => None,
        };
        let state_text = if invitation.used_at.is_some() {
            locale.t("editor.invitation_accepted").to_owned()
        } else if invitation.expires_at <= now {
            locale.t("editor.invitation_expired").to_owned()
        } else {
            locale.tf("editor.invitation_open", &[("date", &locale.date(invitation.expires_at.date_naive()))])
        };
        items.push(InvitationItem {
            email: invitation.email.to_string(),
            organisation: organisation.unwrap_or_default(),
            sent: locale.date(invitation.created_at.date_naive()),
            state: state_text,
        });
    }
    let chrome = Chrome::new(ctx, locale.t("editor.invitations_heading"), "", &[]).noindex().section(Section::Editor);
    let page = InvitationsPage {
        locale,
        chrome,
        notice,
        organisations,
        organisation: form.organisatie,
        email: form.email,
        problems,
        items,
    };
    Ok(askama::Template::render(&page)?)
}

/// `POST /redactie/uitnodigingen`
pub async fn invite(
    State(state): State<AppState>,
    ctx: PageContext,
    editor: SignedIn,
    Form(form): Form<InviteForm>,
) -> Result<Response, AppError> {
    let locale = ctx.locale;
    let mut problems = Vec::new();
    let organisation = match Id::parse(form.organisatie.trim()) {
        Ok(id) => state.store.organisation(&id).await?,
        Err(_) => None,
    };
    if organisation.is_none() {
        problems.push(FieldProblem::new("organisatie", locale.t("editor.error_organisation")));
    }
    let email = EmailAddress::parse(form.email.trim()).ok();
    if email.is_none() {
        problems.push(FieldProblem::new("email", locale.t("account.error_email")));
    }
    let (Some(organisation), Some(email)) = (organisation, email) else {
        let body = render(&state, &ctx, None, form, problems).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(body)).into_response());
    };
    let lifetime = chrono::Duration::days(INVITATION_DAYS);
    let token = state
        .store
        .create_token(&NewToken {
            purpose: TokenPurpose::Invitation,
            email: email.clone(),
            user_id: None,
            organisation_id: Some(organisation.id.clone()),
            created_by: Some(editor.user.id.clone()),
            lifetime,
        })
        .await?;
    let mail = Mail {
        to: email.to_string(),
        to_name: None,
        reply_to: Some(editor.user.email.to_string()),
        language: locale.mail_language(),
        content: MailContent::Invitation {
            organisation: organisation.name.to_string(),
            inviter: editor.user.name.clone(),
            link: format!("{}{}", ctx.config.link_origin(), locale.href(&format!("/uitnodiging/{token}"))),
            expires: crate::routes::account::moment(locale, Utc::now() + lifetime),
        },
    };
    state.send_mail(&mail).await;
    tracing::info!(organisation = %organisation.id, editor = %editor.user.id, "invitation sent");
    Ok(Redirect::to(&locale.href("/redactie/uitnodigingen?melding=verstuurd")).into_response())
}
