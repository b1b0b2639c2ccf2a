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

/// Answer for any path that matches no route.
pub async fn not_found() -> AppError {
    AppError::NotFound
}
