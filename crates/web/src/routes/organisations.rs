//! `/organisaties/{id}/{slug}`: an organisation and all its services the public sees,
//! with when its own information was last checked.

use crate::page::PageContext;
use crate::slug::slug_of;
use crate::view::service::{PhoneView, checked_line, stale_warning};
use crate::view::{Chrome, OrganisationPage, ServiceListItem, organisation_href};
use crate::{AppError, AppState};
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use serde_json::json;
use wegwijs_domain::{Id, Organisation};

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new().route("/organisaties/{id}", get(redirect_to_slug)).route("/organisaties/{id}/{slug}", get(show))
}

async fn find(state: &AppState, raw_id: &str) -> Result<Organisation, AppError> {
    let id = Id::parse(raw_id).map_err(|_| AppError::NotFound)?;
    state.store.organisation(&id).await?.ok_or(AppError::NotFound)
}

async fn redirect_to_slug(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
    ctx: PageContext,
) -> Result<Response, AppError> {
    let organisation = find(&state, &raw_id).await?;
    let href = organisation_href(ctx.locale, organisation.id.as_str(), organisation.name.as_str());
    Ok(Redirect::permanent(&href).into_response())
}

async fn show(
    State(state): State<AppState>,
    Path((raw_id, slug)): Path<(String, String)>,
    ctx: PageContext,
) -> Result<Response, AppError> {
    let locale = ctx.locale;
    let organisation = find(&state, &raw_id).await?;
    let href = organisation_href(locale, organisation.id.as_str(), organisation.name.as_str());
    if slug != slug_of(organisation.name.as_str()) {
        return Ok(Redirect::permanent(&href).into_response());
    }
    let visibility = state.config.visibility(chrono::Utc::now());
    let mut services: Vec<_> = state
        .store
        .services_of_organisation(&organisation.id)
        .await?
        .into_iter()
        .filter(|s| wegwijs_store::is_public_service(s, &visibility))
        .map(|s| s.for_viewer(&wegwijs_domain::Viewer::Public))
        .collect();
    services.sort_by(|a, b| a.name.as_str().cmp(b.name.as_str()));
    let items = services.iter().map(|s| ServiceListItem::new(locale, s, Some(&organisation))).collect();
    let description = if organisation.description.is_empty() {
        locale.tf("organisation.description_fallback", &[("name", &organisation.name.as_str())])
    } else {
        organisation.description.clone()
    };
    let chrome = Chrome::new(&ctx, organisation.name.as_str(), description.clone(), &[]).json_ld(&json!({
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": organisation.name.as_str(),
        "description": organisation.description,
        "url": organisation.website.as_ref().map(ToString::to_string),
        "email": organisation.email.as_ref().map(ToString::to_string),
        "telephone": organisation.phones.first().map(|p| p.number.as_str().to_owned()),
    }));
    let page = OrganisationPage {
        locale,
        chrome,
        name: organisation.name.to_string(),
        description,
        phones: organisation.phones.iter().map(PhoneView::new).collect(),
        email: organisation.email.as_ref().map(ToString::to_string),
        website: organisation.website.as_ref().map(ToString::to_string),
        services: items,
        verified: checked_line(locale, &organisation.meta),
        stale_warning: stale_warning(locale, &visibility.policy, &organisation.meta, visibility.now),
    };
    Ok(Html(askama::Template::render(&page)?).into_response())
}
