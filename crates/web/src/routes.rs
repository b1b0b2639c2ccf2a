//! All routes, one module per resource; each exposes `router()`.

mod compare;
mod health;
mod home;
mod my_list;
mod organisations;
mod report;
mod results;
mod search;
mod seo;
mod services;
mod themes;

use crate::{AppError, AppState};
use axum::Router;
use axum::routing::get;

/// The merged router of every resource.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home::home))
        .route("/zoeken", get(results::search_page))
        .route("/themas", get(themes::index))
        .route("/themas/{code}", get(themes::show))
        .merge(health::router())
        .merge(search::router())
        .merge(services::router())
        .merge(organisations::router())
        .merge(compare::router())
        .merge(my_list::router())
        .merge(report::router())
        .merge(seo::router())
}

/// The service a public page is about: it must exist and be running. A malformed id
/// cannot name a service, so it is "not found" rather than a bad request; a service that
/// stopped is "not found (any more)" as well.
pub async fn public_service(state: &AppState, raw_id: &str) -> Result<wegwijs_domain::Service, AppError> {
    let id = wegwijs_domain::Id::parse(raw_id).map_err(|_| AppError::NotFound)?;
    let service = state.store.service(&id).await?.ok_or(AppError::NotFound)?;
    if service.status == wegwijs_domain::ServiceStatus::Active { Ok(service) } else { Err(AppError::NotFound) }
}

/// Text as a query-string value (`geld zorgen` → `geld+zorgen`).
pub fn encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// Answer for any path that matches no route.
pub async fn not_found() -> AppError {
    AppError::NotFound
}
