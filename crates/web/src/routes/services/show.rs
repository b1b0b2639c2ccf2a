//! The page of one service.

use crate::routes::LangQuery;
use crate::view::ServicePage;
use crate::{AppError, AppState};
use axum::extract::{Path, Query, State};
use axum::response::Html;
use wegwijs_domain::Id;

/// `GET /diensten/{id}`
pub async fn show_service(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
    Query(lang): Query<LangQuery>,
) -> Result<Html<String>, AppError> {
    let locale = lang.locale();
    // A malformed id cannot name a service, so it is "not found" rather than an error.
    let id = Id::parse(&raw_id).map_err(|_| AppError::NotFound)?;
    let service = state.store.service(&id).await?.ok_or(AppError::NotFound)?;
    let organisation = state.store.organisation(&service.organisation_id).await?;
    let location_ids: Vec<Id> = service.locations.iter().map(|sal| sal.location_id.clone()).collect();
    let locations = state.store.locations_by_ids(&location_ids).await?;
    let terms: Vec<_> = state
        .store
        .taxonomy_terms()
        .await?
        .into_iter()
        .filter(|term| service.terms.contains(&term.id) && term.taxonomy_id.as_str() == wegwijs_domain::taxonomy::THEME)
        .collect();
    let view = ServicePage::new(locale, &service, organisation.as_ref(), &locations, &terms, chrono::Utc::now());
    Ok(Html(askama::Template::render(&view)?))
}
