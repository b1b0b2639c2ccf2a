//! All routes, one module per resource; each exposes `router()`.

mod account;
mod api_docs;
mod compare;
mod confirm;
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
        .merge(confirm::router())
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
/// A service hidden because it was not checked for a long time is "not found" for the
/// public, but still shown to editors and to its own organisation's providers, so they
/// can check it (see [`public_service_at`]).
pub async fn public_service(
    state: &AppState,
    raw_id: &str,
    viewer: &wegwijs_domain::Viewer,
) -> Result<wegwijs_domain::Service, AppError> {
    public_service_at(state, raw_id, viewer, &state.config.visibility(chrono::Utc::now())).await
}

/// [`public_service`] at the moment of `visibility`, for a page that shows more of the
/// same moment (the service page's notices).
pub async fn public_service_at(
    state: &AppState,
    raw_id: &str,
    viewer: &wegwijs_domain::Viewer,
    visibility: &wegwijs_store::Visibility,
) -> Result<wegwijs_domain::Service, AppError> {
    let id = wegwijs_domain::Id::parse(raw_id).map_err(|_| AppError::NotFound)?;
    let service = state.store.service(&id).await?.ok_or(AppError::NotFound)?;
    let shown = wegwijs_store::is_public_service(&service, visibility)
        || (wegwijs_store::is_running_service(&service) && sees_hidden_services_of(viewer, &service.organisation_id));
    if shown { Ok(service.for_viewer(viewer)) } else { Err(AppError::NotFound) }
}

/// The services with these ids that the public may see, in the order of `ids`, as the
/// public sees them — for pages built from a list of ids (compare, "mijn lijst"), which
/// show the same to everyone. Unknown, stopped and hidden services are left out.
pub async fn public_services(
    state: &AppState,
    ids: &[wegwijs_domain::Id],
) -> Result<Vec<wegwijs_domain::Service>, AppError> {
    let visibility = state.config.visibility(chrono::Utc::now());
    Ok(state
        .store
        .services_by_ids(ids)
        .await?
        .into_iter()
        .filter(|s| wegwijs_store::is_public_service(s, &visibility))
        .map(|s| s.for_viewer(&wegwijs_domain::Viewer::Public))
        .collect())
}

/// Whether `viewer` still sees the services of `organisation` that are hidden for
/// staleness: editors, and the organisation's own providers (who can confirm them).
pub fn sees_hidden_services_of(viewer: &wegwijs_domain::Viewer, organisation: &wegwijs_domain::Id) -> bool {
    match viewer {
        wegwijs_domain::Viewer::Account { role, organisations } => {
            role.is_editor() || (*role == wegwijs_domain::Role::Aanbieder && organisations.contains(organisation))
        }
        wegwijs_domain::Viewer::Public | wegwijs_domain::Viewer::ProfessionalExport => false,
    }
}

/// Runs a search off the async workers (it is CPU work of milliseconds), for every page
/// and API that lists through the search engine.
pub async fn run_search(
    state: &AppState,
    mut request: wegwijs_search::SearchRequest,
) -> Result<wegwijs_search::SearchResults, AppError> {
    // Every search hides and ranks by this deployment's thresholds.
    request.freshness = state.config.freshness;
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
