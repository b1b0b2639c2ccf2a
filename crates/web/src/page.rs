//! What every HTML page needs to know about the request it answers: the language,
//! the address (for the language switch and canonical links) and the host.

use crate::auth::Visitor;
use crate::i18n::Locale;
use crate::{AppState, WebConfig};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, Uri};
use std::convert::Infallible;
use std::sync::Arc;

/// The request as a page sees it. Extracting it never fails: an odd `lang` value or a
/// missing Host header falls back to defaults rather than refusing a page.
#[derive(Debug, Clone)]
pub struct PageContext {
    /// Interface language from `?lang=`.
    pub locale: Locale,
    /// Path of the request, without query.
    pub path: String,
    /// The raw query string, if any.
    pub query: Option<String>,
    /// `https://host` the site is reached at: the configured public URL, else the Host header.
    pub origin: String,
    /// The site settings.
    pub config: Arc<WebConfig>,
    /// Who is asking, and the token their forms carry.
    pub visitor: Visitor,
}

impl FromRequestParts<AppState> for PageContext {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let mut ctx = Self::new(&parts.uri, &parts.headers, state.config.clone());
        if let Some(visitor) = parts.extensions.get::<Visitor>() {
            ctx.visitor = visitor.clone();
        }
        Ok(ctx)
    }
}

impl PageContext {
    /// The context of a request for `uri` with `headers`.
    pub fn new(uri: &Uri, headers: &HeaderMap, config: Arc<WebConfig>) -> Self {
        let query = uri.query().map(str::to_owned);
        let locale = query.as_deref().map_or(Locale::Nl, Locale::from_query);
        let origin = match &config.public_url {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None => {
                // Only a plausible host name is echoed into links; anything else is ignored.
                let host = headers
                    .get(axum::http::header::HOST)
                    .and_then(|h| h.to_str().ok())
                    .filter(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c)))
                    .unwrap_or("localhost");
                format!("http://{host}")
            }
        };
        Self { locale, path: uri.path().to_owned(), query, origin, config, visitor: Visitor::default() }
    }

    /// The query pairs other than `lang`, in their order.
    pub fn pairs_without_lang(&self) -> Vec<(String, String)> {
        url::form_urlencoded::parse(self.query.as_deref().unwrap_or_default().as_bytes())
            .filter(|(key, _)| key != "lang")
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    }

    /// This same page in `locale`.
    pub fn href_in(&self, locale: Locale) -> String {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        query.extend_pairs(self.pairs_without_lang());
        if locale == Locale::En {
            query.append_pair("lang", "en");
        }
        let query = query.finish();
        if query.is_empty() { self.path.clone() } else { format!("{}?{query}", self.path) }
    }
}

/// Whether a form post comes from this site: browsers send `Origin` with every post,
/// and a page elsewhere cannot forge it. Posts without it (old browsers, tools) pass.
/// With a configured public address that is the site's origin (behind a proxy the Host
/// header names the proxy's upstream); without one, the Host header is.
pub fn same_origin(headers: &HeaderMap, config: &WebConfig) -> bool {
    let Some(origin) = headers.get(axum::http::header::ORIGIN).and_then(|v| v.to_str().ok()) else { return true };
    if let Some(public) = &config.public_url {
        return origin.eq_ignore_ascii_case(public.trim_end_matches('/'));
    }
    let host = headers.get(axum::http::header::HOST).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let origin_host = origin.split_once("://").map_or(origin, |(_, rest)| rest);
    !host.is_empty() && origin_host.eq_ignore_ascii_case(host)
}

/// A path on this site to return to after a form, or `None`: only `/…` without a second
/// slash, backslash, whitespace or control character, so it can never lead elsewhere.
pub fn local_path(raw: &str) -> Option<&str> {
    let safe = raw.starts_with('/')
        && !raw.starts_with("//")
        && !raw.chars().any(|c| c == '\\' || c.is_whitespace() || c.is_control());
    safe.then_some(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_local_paths_are_places_to_return_to() {
        assert_eq!(local_path("/zoeken?q=hulp"), Some("/zoeken?q=hulp"));
        for bad in ["//evil.example/", "/\t/evil.example", "/\\evil.example", "https://evil.example", "", "/a b", "/\n"]
        {
            assert_eq!(local_path(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn behind_a_proxy_the_public_address_is_the_origin() {
        let mut headers = HeaderMap::new();
        headers.insert(axum::http::header::HOST, "127.0.0.1:8080".parse().unwrap());
        headers.insert(axum::http::header::ORIGIN, "https://wegwijs.example.nl".parse().unwrap());
        let proxied = WebConfig { public_url: Some("https://wegwijs.example.nl".into()), ..WebConfig::default() };
        assert!(same_origin(&headers, &proxied));
        assert!(!same_origin(&headers, &WebConfig::default()), "without a public address the Host header decides");
        headers.insert(axum::http::header::ORIGIN, "https://evil.example".parse().unwrap());
        assert!(!same_origin(&headers, &proxied));
    }
}
