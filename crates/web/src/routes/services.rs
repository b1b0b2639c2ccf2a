//! Public pages about services.

mod show;

use crate::AppState;
use axum::Router;
use axum::routing::get;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/diensten/{id}", get(show::redirect_to_slug))
        .route("/diensten/{id}/{slug}", get(show::show_service))
}
