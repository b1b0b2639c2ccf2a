//! The two cookies of accounts and forms. Both are `HttpOnly` (no script reads them),
//! `SameSite=Lax` (not sent with posts from other sites) and `Secure` when the site is
//! reached over HTTPS (the configured public address says so).

use axum::http::HeaderValue;
use axum::response::Response;
use axum_extra::extract::cookie::{Cookie, SameSite};

/// The session cookie: a random token; the database keeps only its hash.
pub const SESSION: &str = "wegwijs_sessie";
/// The form cookie of visitors without a session: a random value the form tokens of
/// their pages are bound to, so a page elsewhere cannot post a form in their name.
pub const FORM: &str = "wegwijs_formulier";

/// The session cookie for `token`; it ends with the browser or the session, whichever
/// comes first (`Max-Age` is the session's lifetime).
pub fn session_cookie(token: &str, secure: bool) -> Cookie<'static> {
    base(SESSION, token.to_owned(), secure).max_age(time_duration(super::SESSION_LIFETIME_HOURS * 3600)).build()
}

/// A cookie that removes the session cookie.
pub fn removed_session_cookie(secure: bool) -> Cookie<'static> {
    base(SESSION, String::new(), secure).max_age(time_duration(0)).build()
}

/// The form cookie of an anonymous visitor, kept for 30 days so a page left open for a
/// while can still be sent.
pub fn form_cookie(value: &str, secure: bool) -> Cookie<'static> {
    base(FORM, value.to_owned(), secure).max_age(time_duration(30 * 24 * 3600)).build()
}

fn base(name: &'static str, value: String, secure: bool) -> cookie::CookieBuilder<'static> {
    Cookie::build((name, value)).path("/").http_only(true).same_site(SameSite::Lax).secure(secure)
}

fn time_duration(seconds: i64) -> cookie::time::Duration {
    cookie::time::Duration::seconds(seconds)
}

/// Adds a `Set-Cookie` header to a response.
pub fn append(response: &mut Response, cookie: &Cookie<'_>) {
    if let Ok(value) = HeaderValue::from_str(&cookie.encoded().to_string()) {
        response.headers_mut().append(axum::http::header::SET_COOKIE, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_cookies_are_http_only_lax_and_secure_over_https() {
        let text = session_cookie("abc", true).encoded().to_string();
        for part in ["wegwijs_sessie=abc", "HttpOnly", "SameSite=Lax", "Secure", "Path=/", "Max-Age=36000"] {
            assert!(text.contains(part), "{part} missing in {text}");
        }
        assert!(!session_cookie("abc", false).encoded().to_string().contains("Secure"));
        assert!(removed_session_cookie(false).encoded().to_string().contains("Max-Age=0"));
    }
}
