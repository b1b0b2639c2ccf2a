//! The one error type that becomes an HTTP response. Handlers return
//! `Result<_, AppError>`; internal details are logged, never shown.

use crate::i18n::Locale;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

/// Everything a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The page or record does not exist.
    #[error("not found")]
    NotFound,
    /// The request cannot be understood (bad id, bad page number).
    #[error("bad request: {0}")]
    BadRequest(String),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] wegwijs_store::Error),
    /// A template failed to render.
    #[error(transparent)]
    Render(#[from] askama::Error),
}

impl AppError {
    fn status(&self) -> StatusCode {
        match self {
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Store(wegwijs_store::Error::NotFound { .. }) => StatusCode::NOT_FOUND,
            Self::Store(_) | Self::Render(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Translation keys of the title and message shown to the visitor: a wrong address
    /// is not "something went wrong", and a resident should be able to tell the two apart.
    fn text_keys(&self) -> (&'static str, &'static str) {
        match self.status() {
            StatusCode::NOT_FOUND => ("error.not_found_title", "error.not_found"),
            StatusCode::BAD_REQUEST => ("error.bad_request_title", "error.bad_request"),
            _ => ("error.title", "error.internal"),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
        // Error pages are rendered without a request's language: Dutch is the default.
        let (title_key, message_key) = self.text_keys();
        let page = crate::view::ErrorPage { locale: Locale::Nl, title_key, message_key };
        let body = askama::Template::render(&page)
            .unwrap_or_else(|_| "<!doctype html><title>Fout</title><p>Er ging iets mis.</p>".to_owned());
        (status, Html(body)).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_has_a_title_and_message_in_both_languages() {
        let errors = [AppError::NotFound, AppError::BadRequest("x".into()), AppError::Render(askama::Error::Fmt)];
        for error in errors {
            let (title, message) = error.text_keys();
            for locale in [Locale::Nl, Locale::En] {
                for key in [title, message] {
                    assert!(locale.has(key), "{key} missing in {locale:?}");
                }
            }
        }
    }
}
