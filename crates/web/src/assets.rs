//! The site's own static files (stylesheet, script, icons), embedded in the binary and
//! served with their content hash in the URL, so browsers cache them for a year and
//! still see a new version at once.

use crate::AppState;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::sync::OnceLock;

/// The embedded files: name, content type, content.
const FILES: &[(&str, &str, &str)] = &[
    ("site.css", "text/css; charset=utf-8", include_str!("../static/site.css")),
    ("print.css", "text/css; charset=utf-8", include_str!("../static/print.css")),
    ("site.js", "text/javascript; charset=utf-8", include_str!("../static/site.js")),
    ("icons.svg", "image/svg+xml", include_str!("../static/icons.svg")),
];

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new().route("/static/logo", get(logo)).route("/static/{name}", get(file))
}

/// FNV-1a of the content, enough to tell versions of a file apart.
fn fingerprint(content: &str) -> String {
    use std::hash::Hasher;
    let mut hasher = fnv::FnvHasher::default();
    hasher.write(content.as_bytes());
    format!("{:08x}", hasher.finish() >> 32)
}

fn hrefs() -> &'static Vec<(&'static str, String)> {
    static HREFS: OnceLock<Vec<(&'static str, String)>> = OnceLock::new();
    HREFS.get_or_init(|| {
        FILES.iter().map(|(name, _, content)| (*name, format!("/static/{name}?v={}", fingerprint(content)))).collect()
    })
}

/// The URL of the embedded file `name`.
pub fn href(name: &str) -> String {
    hrefs().iter().find(|(n, _)| *n == name).map_or_else(|| format!("/static/{name}"), |(_, href)| href.clone())
}

fn cached(content_type: &'static str, body: impl IntoResponse) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    response
}

async fn file(Path(name): Path<String>) -> Response {
    match FILES.iter().find(|(n, _, _)| *n == name) {
        Some((_, content_type, content)) => cached(content_type, *content),
        None => crate::AppError::NotFound.into_response(),
    }
}

async fn logo(State(state): State<AppState>) -> Response {
    match &state.config.brand.logo {
        Some(logo) => {
            let mut response = cached(logo.content_type, logo.bytes.clone());
            // A configured logo can change between restarts under the same URL.
            response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600"));
            response
        }
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asset_urls_carry_the_content_hash() {
        let css = href("site.css");
        assert!(css.starts_with("/static/site.css?v="), "{css}");
        assert_ne!(fingerprint("a"), fingerprint("b"));
    }
}
