//! Rate limits on the forms that guess at secrets: logging in, asking for a password
//! reset, and setting a password from a link. Per client address, in memory: they slow
//! down one machine trying many passwords; the account lockout in the store (five wrong
//! passwords lock an account for a while, on every node) stops a slow guesser spread over
//! many addresses.

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::IpAddr;
use std::num::NonZeroU32;

/// The limits, one per kind of form.
pub struct Limits {
    login: DefaultKeyedRateLimiter<IpAddr>,
    mail: DefaultKeyedRateLimiter<IpAddr>,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            // Ten tries a minute, refilled one every six seconds: a person who mistypes a
            // few times never notices; a script gets 10 guesses a minute.
            login: RateLimiter::keyed(Quota::per_minute(nonzero(10))),
            // Mails (password reset): five an hour per address, so the form cannot be
            // used to flood someone's inbox.
            mail: RateLimiter::keyed(Quota::per_hour(nonzero(5))),
        }
    }
}

impl Limits {
    /// Whether `client` may try a login (or another secret) now; counts the try.
    pub fn try_login(&self, client: IpAddr) -> bool {
        self.login.check_key(&client).is_ok()
    }

    /// Whether `client` may ask for a mail now; counts the request.
    pub fn try_mail(&self, client: IpAddr) -> bool {
        self.mail.check_key(&client).is_ok()
    }

    /// Forgets counters that are full again, so the maps do not grow for ever.
    pub fn shrink(&self) {
        self.login.retain_recent();
        self.mail.retain_recent();
    }
}

fn nonzero(n: u32) -> NonZeroU32 {
    NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN)
}

/// The address of the client of a request: the connection's peer. (Behind a reverse
/// proxy every client has the proxy's address; the limits then apply to all together,
/// which errs on the safe side.)
#[derive(Debug, Clone, Copy)]
pub struct ClientAddress(pub IpAddr);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, _: &S) -> Result<Self, Self::Rejection> {
        let peer = parts.extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>();
        Ok(Self(peer.map_or(IpAddr::from([0, 0, 0, 0]), |info| info.0.ip())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_eleventh_login_in_a_minute_is_refused_for_that_address_only() {
        let limits = Limits::default();
        let a = IpAddr::from([10, 0, 0, 1]);
        let b = IpAddr::from([10, 0, 0, 2]);
        for attempt in 1..=10 {
            assert!(limits.try_login(a), "attempt {attempt}");
        }
        assert!(!limits.try_login(a));
        assert!(limits.try_login(b));
    }
}
