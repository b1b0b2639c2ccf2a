//! E-mail addresses.

use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// An e-mail address checked against RFC 5322 by the `email_address` crate, with the
/// extra demand of a dot in the domain: `info@localhost` is valid mail syntax but never
/// a real address of a Dutch organisation.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EmailAddress(String);

/// Why a text is not an e-mail address.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidEmail {
    /// Nothing was given.
    #[error("e-mail address is empty")]
    Empty,
    /// Not an address.
    #[error("{0:?} is not an e-mail address")]
    BadFormat(String),
}

impl EmailAddress {
    /// Parses an address, trimming white space and lowercasing the domain.
    pub fn parse(raw: &str) -> Result<Self, InvalidEmail> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(InvalidEmail::Empty);
        }
        let bad = || InvalidEmail::BadFormat(raw.to_owned());
        let parsed = email_address::EmailAddress::from_str(raw).map_err(|_| bad())?;
        let domain = parsed.domain().to_ascii_lowercase();
        let has_real_domain =
            domain.contains('.') && !domain.starts_with('[') && domain.split('.').all(|label| !label.is_empty());
        if !has_real_domain || raw.contains('<') {
            return Err(bad());
        }
        Ok(Self(format!("{}@{domain}", parsed.local_part())))
    }

    /// The address as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

text_value!(EmailAddress, InvalidEmail);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_address_is_accepted_with_lowercase_domain() {
        let email = EmailAddress::parse(" Info@Welzijn-Teylingen.NL ").unwrap();
        assert_eq!(email.as_str(), "Info@welzijn-teylingen.nl");
    }

    #[test]
    fn non_addresses_are_rejected() {
        for raw in
            ["info", "info@", "@teylingen.nl", "info@localhost", "a b@c.nl", "info@teylingen..nl", "Jan <jan@x.nl>"]
        {
            assert!(EmailAddress::parse(raw).is_err(), "{raw} accepted");
        }
        assert_eq!(EmailAddress::parse(""), Err(InvalidEmail::Empty));
    }
}
