//! Record identifiers: stable strings shared with HSDS feeds (usually UUIDs).

use serde::{Deserialize, Serialize};

/// Longest id we accept. HSDS ids are UUIDs (36 chars); partners sometimes use
/// their own keys, so we allow more, but not unbounded text.
const MAX_ID_LENGTH: usize = 128;

/// Identifier of a record. Only ASCII letters, digits, `-`, `_`, `.` and `:` so that
/// ids are safe in URLs, CSV files and log lines without escaping.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Id(String);

/// Why a string is not an [`Id`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidId {
    /// The id is empty.
    #[error("id is empty")]
    Empty,
    /// The id is longer than [`MAX_ID_LENGTH`].
    #[error("id is longer than {MAX_ID_LENGTH} characters")]
    TooLong,
    /// The id contains a character outside the allowed set.
    #[error("id contains the character {0:?}; only letters, digits, '-', '_', '.' and ':' are allowed")]
    BadCharacter(char),
}

impl Id {
    /// Parses an id, trimming surrounding white space.
    pub fn parse(raw: &str) -> Result<Self, InvalidId> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(InvalidId::Empty);
        }
        if raw.len() > MAX_ID_LENGTH {
            return Err(InvalidId::TooLong);
        }
        if let Some(bad) = raw.chars().find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))) {
            return Err(InvalidId::BadCharacter(bad));
        }
        Ok(Self(raw.to_owned()))
    }

    /// A deterministic id derived from a namespace and a name (UUID v5), so that
    /// generated and imported records get the same id every time they are made.
    pub fn derived(namespace: &str, name: &str) -> Self {
        let ns = uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, namespace.as_bytes());
        Self(uuid::Uuid::new_v5(&ns, name.as_bytes()).to_string())
    }

    /// A new random id (UUID v4).
    pub fn random() -> Self {
        Self(uuid::Uuid::new_v4().to_string())
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

text_value!(Id, InvalidId);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_is_accepted() {
        assert!(Id::parse("ac148810-d857-441c-9679-408f346de14b").is_ok());
    }

    #[test]
    fn empty_and_spaces_are_rejected() {
        assert_eq!(Id::parse("  "), Err(InvalidId::Empty));
        assert_eq!(Id::parse("a b"), Err(InvalidId::BadCharacter(' ')));
    }

    #[test]
    fn derived_ids_are_stable_and_distinct() {
        assert_eq!(Id::derived("org", "a"), Id::derived("org", "a"));
        assert_ne!(Id::derived("org", "a"), Id::derived("service", "a"));
    }
}
