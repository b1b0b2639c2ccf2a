//! CSRF protection for every form. A page's forms carry a token that is an HMAC of what
//! only this browser has: its session token when logged in, otherwise the random value of
//! its form cookie. A page on another site can make the browser post, but cannot read
//! the cookie or a page of ours, so it cannot know the token. [`policy::authorize`]
//! checks the token of every post before any handler runs.
//!
//! [`policy::authorize`]: super::policy::authorize

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{KeyInit, Mac};

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

/// The form field that carries the token.
pub const FIELD: &str = "csrf";

/// What a form token is bound to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Binding {
    /// The session token of a logged-in account (also during the second factor).
    Session(String),
    /// The form cookie of a visitor without a session.
    Anonymous(String),
}

/// The token for forms of a visitor with `binding`.
pub fn token(key: &[u8], binding: &Binding) -> String {
    URL_SAFE_NO_PAD.encode(mac(key, binding).finalize().into_bytes())
}

/// Whether `given` is the token for `binding`, compared in constant time.
pub fn is_valid(key: &[u8], binding: &Binding, given: &str) -> bool {
    let Ok(bytes) = URL_SAFE_NO_PAD.decode(given.trim()) else { return false };
    mac(key, binding).verify_slice(&bytes).is_ok()
}

fn mac(key: &[u8], binding: &Binding) -> HmacSha256 {
    // A key of any length is accepted by HMAC; `new_from_slice` cannot fail for it.
    let mut mac = <HmacSha256 as KeyInit>::new_from_slice(key).unwrap_or_else(|_| unreachable!("HMAC takes any key"));
    // The kind is part of the message, so a session token can never pass as a form
    // cookie value or the other way round.
    let (kind, value) = match binding {
        Binding::Session(token) => ("session:", token),
        Binding::Anonymous(value) => ("anonymous:", value),
    };
    mac.update(kind.as_bytes());
    mac.update(value.as_bytes());
    mac
}

/// A new random form-cookie value: 16 bytes, base64url.
pub fn new_form_cookie() -> String {
    let bytes: [u8; 16] = rand::random();
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Whether a cookie value looks like one we made (anything else is replaced).
pub fn is_form_cookie(value: &str) -> bool {
    value.len() == 22 && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The token in a form body (`application/x-www-form-urlencoded`), if any.
pub fn token_in_form(body: &[u8]) -> Option<String> {
    url::form_urlencoded::parse(body).find(|(name, _)| name == FIELD).map(|(_, value)| value.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_fits_only_its_own_binding_and_key() {
        let key = b"0123456789abcdef0123456789abcdef";
        let mine = Binding::Anonymous(new_form_cookie());
        let token = token(key, &mine);
        assert!(is_valid(key, &mine, &token));
        assert!(!is_valid(key, &Binding::Anonymous(new_form_cookie()), &token), "another browser");
        assert!(!is_valid(b"another key", &mine, &token), "another site");
        let Binding::Anonymous(value) = &mine else { unreachable!() };
        assert!(!is_valid(key, &Binding::Session(value.clone()), &token), "kind is part of the token");
        assert!(!is_valid(key, &mine, ""), "empty");
        assert!(!is_valid(key, &mine, "not base64 !"), "garbage");
        assert!(!is_valid(key, &mine, &token[..token.len() - 2]), "cut short");
    }

    #[test]
    fn form_cookies_are_recognised() {
        assert!(is_form_cookie(&new_form_cookie()));
        assert!(!is_form_cookie("short"));
        assert!(!is_form_cookie("aaaaaaaaaaaaaaaaaaaa;b"));
    }

    #[test]
    fn the_token_is_found_in_a_form_body() {
        assert_eq!(token_in_form(b"a=1&csrf=x%2By&b=2").as_deref(), Some("x+y"));
        assert_eq!(token_in_form(b"a=1"), None);
    }
}
