//! `/health`: tells a load balancer or monitor whether this node can serve.

use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new().route("/health", get(show_health)).route("/health/live", get(live))
}

/// 200 as long as the process answers HTTP at all, without touching the database: a
/// liveness probe, and the baseline of what the HTTP stack costs in benchmarks.
async fn live() -> &'static str {
    "ok"
}

/// 200 with the change-log position when the database answers, 503 otherwise.
async fn show_health(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    match state.store.last_change_seq().await {
        Ok(seq) => (StatusCode::OK, Json(json!({ "status": "ok", "database": "ok", "change_seq": seq }))),
        Err(error) => {
            tracing::error!(%error, "health check: database does not answer");
            (StatusCode::SERVICE_UNAVAILABLE, Json(json!({ "status": "error", "database": "unavailable" })))
        }
    }
}
