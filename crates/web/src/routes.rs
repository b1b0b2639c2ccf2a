//! All routes, one module per resource; each exposes `router()`.

mod health;
mod search;
mod services;

use crate::{AppError, AppState};
use axum::Router;
use serde::Deserialize;

/// The merged router of every resource.
pub fn router() -> Router<AppState> {
    Router::new().merge(health::router()).merge(search::router()).merge(services::router())
}

/// Answer for any path that matches no route.
pub async fn not_found() -> AppError {
    AppError::NotFound
}

/// The `lang` query parameter every page accepts.
#[derive(Debug, Deserialize, Default)]
pub struct LangQuery {
    /// `en` for English; anything else or absent is Dutch.
    pub lang: Option<String>,
}

impl LangQuery {
    /// The interface language asked for.
    pub fn locale(&self) -> crate::Locale {
        match self.lang.as_deref() {
            Some("en") => crate::Locale::En,
            _ => crate::Locale::Nl,
        }
    }
}
