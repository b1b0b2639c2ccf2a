//! The one error type that becomes an HTTP response. Handlers return
//! `Result<_, AppError>`; internal details are logged, never shown. Pages get an error
//! page in the visitor's language; the machine APIs under `/api/` get a JSON problem
//! (RFC 9457) in English that says what is wrong, because a program cannot read a page.

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
    /// A record asked for by id does not exist (or is not public); the API says which.
    #[error("there is no {kind} with id {id:?}")]
    Missing {
        /// What was asked for: "service", "organization", ….
        kind: &'static str,
        /// The id as given.
        id: String,
    },
    /// The request cannot be understood (bad id, bad page number).
    #[error("bad request: {0}")]
    BadRequest(String),
    /// The visitor may not do this (a logged-in account without the right role).
    #[error("forbidden")]
    Forbidden,
    /// A form came without the right CSRF token: from another site, or a page kept open
    /// past its session.
    #[error("form token missing or wrong")]
    FormExpired,
    /// Too many tries from one address in a short time.
    #[error("too many requests")]
    TooManyRequests,
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
            Self::NotFound | Self::Missing { .. } => StatusCode::NOT_FOUND,
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Forbidden | Self::FormExpired => StatusCode::FORBIDDEN,
            Self::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            Self::Store(wegwijs_store::Error::NotFound { .. }) => StatusCode::NOT_FOUND,
            Self::Store(_) | Self::Search(_) | Self::Render(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Translation keys of the title and message shown to the visitor: a wrong address
    /// is not "something went wrong", and a resident should be able to tell the two apart.
    fn text_keys(&self) -> (&'static str, &'static str) {
        match self {
            Self::FormExpired => return ("error.form_expired_title", "error.form_expired"),
            Self::TooManyRequests => return ("error.too_many_title", "error.too_many"),
            _ => {}
        }
        match self.status() {
            StatusCode::FORBIDDEN => ("error.forbidden_title", "error.forbidden"),
            StatusCode::NOT_FOUND => ("error.not_found_title", "error.not_found"),
            StatusCode::BAD_REQUEST => ("error.bad_request_title", "error.bad_request"),
            _ => ("error.title", "error.internal"),
        }
    }
}

/// Marks a response as an error page still to be rendered: the middleware
/// [`render_error_pages`] knows the request (language, address) and renders it.
#[derive(Debug, Clone)]
struct ErrorPageMarker {
    title_key: &'static str,
    message_key: &'static str,
    /// What a program is told: the reason of a bad request, which record is missing.
    detail: String,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
        let (title_key, message_key) = self.text_keys();
        let detail = match &self {
            Self::BadRequest(reason) => reason.clone(),
            Self::Missing { .. } => self.to_string(),
            Self::NotFound | Self::Store(wegwijs_store::Error::NotFound { .. }) => {
                "nothing is found at this address".to_owned()
            }
            Self::Forbidden => "you may not do this".to_owned(),
            Self::FormExpired => "the form token is missing or wrong".to_owned(),
            Self::TooManyRequests => "too many requests; wait a minute".to_owned(),
            Self::Store(_) | Self::Search(_) | Self::Render(_) => {
                "the server failed to answer; please try again later".to_owned()
            }
        };
        let mut response = status.into_response();
        response.extensions_mut().insert(ErrorPageMarker { title_key, message_key, detail });
        response
    }
}

/// The body of an API error: an RFC 9457 problem.
#[derive(Debug, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct Problem {
    /// Always `about:blank`: the status says what kind of problem it is.
    #[serde(rename = "type")]
    pub kind: String,
    /// The HTTP status text, e.g. "Bad Request".
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What is wrong, in English, e.g. "parameter `per_page`: must be between 1 and 100".
    pub detail: String,
}

/// Whether a path belongs to a machine API, which is answered in JSON. `/api` itself is
/// the page that explains the APIs to people.
pub fn is_api_path(path: &str) -> bool {
    path.starts_with("/api/")
}

/// The JSON problem for an error response: the headers the route already set (CORS,
/// request id) are kept, the body and its type are replaced.
fn problem_response(response: Response, detail: String) -> Response {
    let (mut parts, _) = response.into_parts();
    let status = parts.status;
    let problem = Problem {
        kind: "about:blank".to_owned(),
        title: status.canonical_reason().unwrap_or("Error").to_owned(),
        status: status.as_u16(),
        detail,
    };
    let body = serde_json::to_vec(&problem).unwrap_or_default();
    parts
        .headers
        .insert(axum::http::header::CONTENT_TYPE, axum::http::HeaderValue::from_static("application/problem+json"));
    parts.headers.remove(axum::http::header::CONTENT_LENGTH);
    Response::from_parts(parts, axum::body::Body::from(body))
}

/// Renders the error page for responses marked by [`AppError`], in the language and
/// with the frame of the page that was asked for; API paths get a JSON problem.
pub async fn render_error_pages(
    axum::extract::State(state): axum::extract::State<crate::AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let mut ctx = PageContext::new(request.uri(), request.headers(), state.config.clone());
    let response = next.run(request).await;
    let Some(marker) = response.extensions().get::<ErrorPageMarker>().cloned() else { return response };
    if let Some(visitor) = response.extensions().get::<crate::auth::Visitor>() {
        ctx.visitor = visitor.clone();
    }
    if is_api_path(&ctx.path) {
        return problem_response(response, marker.detail);
    }
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
        let errors = [
            AppError::NotFound,
            AppError::Missing { kind: "service", id: "x".into() },
            AppError::BadRequest("x".into()),
            AppError::Forbidden,
            AppError::FormExpired,
            AppError::TooManyRequests,
            AppError::Render(askama::Error::Fmt),
        ];
        for error in errors {
            let (title, message) = error.text_keys();
            for locale in [Locale::Nl, Locale::En] {
                for key in [title, message] {
                    assert!(locale.has(key), "{key} missing in {locale:?}");
                }
            }
        }
    }

    #[test]
    fn only_paths_below_api_are_machine_apis() {
        assert!(is_api_path("/api/hsds/services"));
        assert!(is_api_path("/api/"));
        assert!(!is_api_path("/api"), "the page about the APIs is a page");
        assert!(!is_api_path("/apiary"));
        assert!(!is_api_path("/diensten/x"));
    }

    #[test]
    fn a_problem_keeps_the_headers_of_the_route_and_says_what_is_wrong() {
        let mut response = AppError::BadRequest("parameter page: must be at least 1".into()).into_response();
        response.headers_mut().insert("access-control-allow-origin", axum::http::HeaderValue::from_static("*"));
        let detail = response.extensions().get::<ErrorPageMarker>().unwrap().detail.clone();
        let problem = problem_response(response, detail);
        assert_eq!(problem.status(), StatusCode::BAD_REQUEST);
        assert_eq!(problem.headers()["access-control-allow-origin"], "*");
        assert_eq!(problem.headers()["content-type"], "application/problem+json");
    }

    #[test]
    fn internal_details_never_reach_a_program() {
        let error = AppError::Search("index file /var/lib/wegwijs/x is corrupt".into());
        let marker = error.into_response().extensions().get::<ErrorPageMarker>().unwrap().clone();
        assert!(!marker.detail.contains("/var/lib"), "{}", marker.detail);
    }
}
