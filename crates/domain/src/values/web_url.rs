//! Website addresses.

use serde::{Deserialize, Serialize};

/// An absolute `http` or `https` URL with a host. A bare `www.example.nl` is
/// accepted and read as `https://www.example.nl/`, because that is how people write
/// addresses in spreadsheets.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct WebUrl(String);

/// Why a text is not a website address.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidUrl {
    /// Nothing was given.
    #[error("web address is empty")]
    Empty,
    /// Not a URL.
    #[error("{0:?} is not a web address")]
    BadFormat(String),
    /// A URL, but not one a browser should open from our pages.
    #[error("{0:?} must start with http:// or https://")]
    NotHttp(String),
}

impl WebUrl {
    /// Parses a URL; see the type's documentation for what is accepted.
    pub fn parse(raw: &str) -> Result<Self, InvalidUrl> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(InvalidUrl::Empty);
        }
        let with_scheme = if raw.contains("://") || raw.contains(':') && !raw.starts_with("www.") {
            raw.to_owned()
        } else {
            format!("https://{raw}")
        };
        let url = url::Url::parse(&with_scheme).map_err(|_| InvalidUrl::BadFormat(raw.to_owned()))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(InvalidUrl::NotHttp(raw.to_owned()));
        }
        match url.host_str() {
            Some(host) if host.contains('.') || host == "localhost" => Ok(Self(url.into())),
            _ => Err(InvalidUrl::BadFormat(raw.to_owned())),
        }
    }

    /// The URL as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

text_value!(WebUrl, InvalidUrl);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_www_address_gets_https() {
        assert_eq!(WebUrl::parse("www.teylingen.nl").unwrap().as_str(), "https://www.teylingen.nl/");
    }

    #[test]
    fn full_url_is_kept() {
        let url = WebUrl::parse("https://www.teylingen.nl/zorg?x=1").unwrap();
        assert_eq!(url.as_str(), "https://www.teylingen.nl/zorg?x=1");
    }

    #[test]
    fn non_web_addresses_are_rejected() {
        assert!(matches!(WebUrl::parse("javascript:alert(1)"), Err(InvalidUrl::NotHttp(_))));
        assert!(matches!(WebUrl::parse("ftp://x.nl"), Err(InvalidUrl::NotHttp(_))));
        assert!(matches!(WebUrl::parse("niet een url"), Err(InvalidUrl::BadFormat(_))));
        assert_eq!(WebUrl::parse(" "), Err(InvalidUrl::Empty));
    }
}
