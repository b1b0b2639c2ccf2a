//! The one error type that becomes an HTTP response. Handlers return
//! `Result<_, AppError>`; internal details are logged, never shown.

use crate::page::PageContext;
use crate::view::Chrome;
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
    /// The search engine failed.
    #[error("search failed: {0}")]
    Search(String),
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
            Self::Store(_) | Self::Search(_) | Self::Render(_) => StatusCode::INTERNAL_SERVER_ERROR,
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

/// Marks a response as an error page still to be rendered: the middleware
/// [`render_error_pages`] knows the request (language, address) and renders it.
#[derive(Debug, Clone, Copy)]
struct ErrorPageMarker {
    title_key: &'static str,
    message_key: &'static str,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
        let (title_key, message_key) = self.text_keys();
        let mut response = status.into_response();
        response.extensions_mut().insert(ErrorPageMarker { title_key, message_key });
        response
    }
}

/// Renders the error page for responses marked by [`AppError`], in the language and
/// with the frame of the page that was asked for.
pub async fn render_error_pages(
    axum::extract::State(state): axum::extract::State<crate::AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let ctx = PageContext::new(request.uri(), request.headers(), state.config.clone());
    let response = next.run(request).await;
    let Some(marker) = response.extensions().get::<ErrorPageMarker>().copied() else { return response };
    let status = response.status();
    let locale = ctx.locale;
    let chrome = Chrome::new(&ctx, locale.t(marker.title_key), locale.t(marker.message_key), &[]).noindex();
    let page = crate::view::ErrorPage { locale, chrome, title_key: marker.title_key, message_key: marker.message_key };
    let body = askama::Template::render(&page)
        .unwrap_or_else(|_| "<!doctype html><title>Fout</title><p>Er ging iets mis.</p>".to_owned());
    (status, Html(body)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

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
