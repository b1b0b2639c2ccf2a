//! `/bevestigen/{token}`: the "Alles klopt nog" link of a reminder mail. Opening it
//! shows the organisation's entries and one button, and changes nothing but the
//! dashboard's "opened" mark; pressing the button confirms the entries shown (a fresh
//! verification by the provider), once. The token is the only key: it names its
//! organisation, so it cannot confirm another organisation's entries.

use crate::page::PageContext;
use crate::view::Chrome;
use crate::view::account::MessagePage;
use crate::{AppError, AppState};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Router};
use chrono::Utc;
use wegwijs_domain::Id;
use wegwijs_store::{Confirmed, EntityKind, LinkState};

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new().route("/bevestigen/{token}", get(show).post(confirm))
}

/// One entry on the page.
struct EntryView {
    name: String,
    checked: String,
    href: Option<String>,
    /// `service:<id>` or `organisation:<id>`, posted back.
    key: String,
}

#[derive(Template)]
#[template(path = "confirm/entries.html")]
struct EntriesPage {
    chrome: Chrome,
    heading: String,
    intro: String,
    entries: Vec<EntryView>,
    action: String,
    button: String,
    change_heading: String,
    change_text: String,
    change_href: String,
    change_link: String,
}

/// `GET /bevestigen/{token}`
async fn show(
    State(state): State<AppState>,
    ctx: PageContext,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let now = Utc::now();
    let reminder = match state.store.reminder_link(&token, now).await? {
        LinkState::Valid(reminder) => reminder,
        other => return refused(&ctx, &other),
    };
    state.store.note_reminder_opened(&reminder.id, now).await?;
    let Some(organisation) = wegwijs_upkeep::entries::of(&state.store, &reminder.organisation_id).await? else {
        return refused(&ctx, &LinkState::Unknown);
    };
    let locale = ctx.locale;
    let entries = organisation
        .entries
        .iter()
        .map(|entry| EntryView {
            name: entry.name.clone(),
            checked: locale.tf("confirm.checked_on", &[("date", &locale.day(entry.checked))]),
            href: (entry.kind == EntityKind::Service).then(|| locale.href(&format!("/diensten/{}", entry.id))),
            key: format!("{}:{}", kind_word(entry.kind), entry.id),
        })
        .collect();
    let heading = locale.tf("confirm.heading", &[("organisation", &organisation.name)]);
    let chrome = Chrome::new(&ctx, &heading, "", &[]).noindex();
    let page = EntriesPage {
        chrome,
        heading,
        intro: locale.t("confirm.intro").to_owned(),
        entries,
        action: format!("/bevestigen/{token}"),
        button: locale.t("confirm.button").to_owned(),
        change_heading: locale.t("confirm.change_heading").to_owned(),
        change_text: locale.t("confirm.change_text").to_owned(),
        change_href: locale.href("/portaal"),
        change_link: locale.t("confirm.change_link").to_owned(),
    };
    Ok(Html(page.render()?).into_response())
}

/// `POST /bevestigen/{token}`: confirms the entries that were on the page.
async fn confirm(
    State(state): State<AppState>,
    ctx: PageContext,
    Path(token): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let chosen: Vec<(EntityKind, Id)> =
        form.iter().filter(|(name, _)| name == "record").filter_map(|(_, value)| parse_key(value)).collect();
    let now = Utc::now();
    match state.store.confirm_with_link(&token, &chosen, now).await? {
        Confirmed::Done { organisation_id, records } => {
            tracing::info!(organisation = %organisation_id, records = records.len(), "entries confirmed by link");
            let locale = ctx.locale;
            let text = locale.tf(
                "confirm.done_text",
                &[("count", &locale.number(records.len() as u64)), ("date", &locale.day(now))],
            );
            message(&ctx, StatusCode::OK, locale.t("confirm.done_heading"), &text)
        }
        Confirmed::Refused(state) => refused(&ctx, &state),
    }
}

/// The page for a link that does not work (any more).
fn refused(ctx: &PageContext, state: &LinkState) -> Result<Response, AppError> {
    let locale = ctx.locale;
    match state {
        LinkState::AlreadyConfirmed(at) => message(
            ctx,
            StatusCode::OK,
            locale.t("confirm.already_heading"),
            &locale.tf("confirm.already_text", &[("date", &locale.day(*at))]),
        ),
        LinkState::Expired => {
            message(ctx, StatusCode::GONE, locale.t("confirm.expired_heading"), locale.t("confirm.expired_text"))
        }
        LinkState::Unknown | LinkState::Valid(_) => {
            message(ctx, StatusCode::NOT_FOUND, locale.t("confirm.unknown_heading"), locale.t("confirm.unknown_text"))
        }
    }
}

fn message(ctx: &PageContext, status: StatusCode, heading: &str, text: &str) -> Result<Response, AppError> {
    let chrome = Chrome::new(ctx, heading, "", &[]).noindex();
    let page = MessagePage {
        chrome,
        heading: heading.to_owned(),
        text: text.to_owned(),
        link: Some((ctx.locale.href("/"), ctx.locale.t("confirm.home").to_owned())),
        button: None,
    };
    Ok((status, Html(page.render()?)).into_response())
}

fn kind_word(kind: EntityKind) -> &'static str {
    if kind == EntityKind::Organisation { "organisation" } else { "service" }
}

fn parse_key(value: &str) -> Option<(EntityKind, Id)> {
    let (kind, id) = value.split_once(':')?;
    let kind = match kind {
        "organisation" => EntityKind::Organisation,
        "service" => EntityKind::Service,
        _ => return None,
    };
    Some((kind, Id::parse(id).ok()?))
}
