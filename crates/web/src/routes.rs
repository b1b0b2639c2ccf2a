//! All routes, one module per resource; each exposes `router()`.

mod account;
mod api_docs;
mod compare;
mod editor;
mod health;
mod home;
mod hsds;
mod my_list;
mod organisations;
mod paths;
mod portal;
mod report;
mod results;
mod search;
mod seo;
mod services;
mod themes;

use crate::{AppError, AppState};
use axum::Router;
use axum::routing::get;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The merged router of every page and of `/health`; the APIs are in [`api`].
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home::home))
        .route("/zoeken", get(results::search_page))
        .route("/themas", get(themes::index))
        .route("/themas/{code}", get(themes::show))
        .route("/api", get(api_docs::show_api_page))
        .merge(account::router())
        .merge(portal::router())
        .merge(editor::router())
        .merge(health::router())
        .merge(services::router())
        .merge(organisations::router())
        .merge(compare::router())
        .merge(my_list::router())
        .merge(report::router())
        .merge(seo::router())
}

/// Every machine API under `/api/`, each route with its OpenAPI description: routes and
/// document come from this one builder (see `crate::openapi`).
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().merge(hsds::router()).merge(search::router()).routes(routes!(api_docs::show_openapi))
}

/// The service a public page is about, as `viewer` may see it: it must exist and be
/// public (the store's `is_public_service`, which the API follows too), and
/// professional-only information is removed unless the viewer may read it
/// (`Service::for_viewer`). A malformed id cannot name a service, so it is "not found"
/// rather than a bad request; a service that stopped is "not found (any more)" as well.
pub async fn public_service(
    state: &AppState,
    raw_id: &str,
    viewer: &wegwijs_domain::Viewer,
) -> Result<wegwijs_domain::Service, AppError> {
    let id = wegwijs_domain::Id::parse(raw_id).map_err(|_| AppError::NotFound)?;
    let service = state.store.service(&id).await?.ok_or(AppError::NotFound)?;
    if wegwijs_store::is_public_service(&service) { Ok(service.for_viewer(viewer)) } else { Err(AppError::NotFound) }
}

/// Runs a search off the async workers (it is CPU work of milliseconds), for every page
/// and API that lists through the search engine.
pub async fn run_search(
    state: &AppState,
    request: wegwijs_search::SearchRequest,
) -> Result<wegwijs_search::SearchResults, AppError> {
    let index = state.search.clone();
    tokio::task::spawn_blocking(move || index.search(&request))
        .await
        .map_err(|e| AppError::Search(e.to_string()))?
        .map_err(|e| AppError::Search(e.to_string()))
}

/// Text as a query-string value (`geld zorgen` → `geld+zorgen`).
pub fn encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// Answer for any path that matches no route.
pub async fn not_found() -> AppError {
    AppError::NotFound
}
