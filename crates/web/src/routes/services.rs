//! Public pages about services.

mod list;
mod show;

use crate::AppState;
use axum::Router;
use axum::routing::get;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new().route("/", get(list::list_services)).route("/diensten/{id}", get(show::show_service))
}
