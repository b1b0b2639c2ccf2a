//! Dutch postcodes ("2171 AB").

use serde::{Deserialize, Serialize};

/// A Dutch postcode, stored in the canonical form `1234 AB`.
///
/// Accepts `1234AB`, `1234 ab` and `1234  AB`. Refuses a leading zero (PostNL never
/// issues 0xxx) and the letter pairs SA, SD and SS, which PostNL does not use.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PostalCode(String);

/// Why a text is not a Dutch postcode.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidPostalCode {
    /// Nothing was given.
    #[error("postcode is empty")]
    Empty,
    /// Not four digits followed by two letters.
    #[error("{0:?} is not a Dutch postcode; write it as four digits and two letters, e.g. 2171 AB")]
    BadFormat(String),
    /// The number part starts with 0.
    #[error("{0:?} is not a Dutch postcode: the number cannot start with 0")]
    LeadingZero(String),
    /// SA, SD and SS are never used.
    #[error("{0:?} is not a Dutch postcode: the letters SA, SD and SS are not used")]
    UnusedLetters(String),
}

impl PostalCode {
    /// Parses a postcode in any common spelling.
    pub fn parse(raw: &str) -> Result<Self, InvalidPostalCode> {
        let compact: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.is_empty() {
            return Err(InvalidPostalCode::Empty);
        }
        let bytes = compact.as_bytes();
        let well_formed = bytes.len() == 6
            && bytes[..4].iter().all(u8::is_ascii_digit)
            && bytes[4..].iter().all(u8::is_ascii_alphabetic);
        if !well_formed {
            return Err(InvalidPostalCode::BadFormat(raw.trim().to_owned()));
        }
        if bytes[0] == b'0' {
            return Err(InvalidPostalCode::LeadingZero(raw.trim().to_owned()));
        }
        let letters = compact[4..].to_ascii_uppercase();
        if matches!(letters.as_str(), "SA" | "SD" | "SS") {
            return Err(InvalidPostalCode::UnusedLetters(raw.trim().to_owned()));
        }
        Ok(Self(format!("{} {letters}", &compact[..4])))
    }

    /// The four-digit area code (PC4), used for geographic lookups.
    pub fn pc4(&self) -> &str {
        &self.0[..4]
    }

    /// The postcode as `1234 AB`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

text_value!(PostalCode, InvalidPostalCode);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_spellings_become_canonical() {
        for raw in ["2171AB", "2171 ab", " 2171  AB ", "2171aB"] {
            assert_eq!(PostalCode::parse(raw).unwrap().as_str(), "2171 AB", "{raw}");
        }
    }

    #[test]
    fn five_digits_are_rejected() {
        assert!(matches!(PostalCode::parse("12345"), Err(InvalidPostalCode::BadFormat(_))));
    }

    #[test]
    fn other_bad_postcodes_are_rejected() {
        assert_eq!(PostalCode::parse(""), Err(InvalidPostalCode::Empty));
        assert!(matches!(PostalCode::parse("0123 AB"), Err(InvalidPostalCode::LeadingZero(_))));
        assert!(matches!(PostalCode::parse("2171 SS"), Err(InvalidPostalCode::UnusedLetters(_))));
        assert!(matches!(PostalCode::parse("2171 A1"), Err(InvalidPostalCode::BadFormat(_))));
        assert!(matches!(PostalCode::parse("2171 ÄB"), Err(InvalidPostalCode::BadFormat(_))));
    }

    #[test]
    fn pc4_is_the_number_part() {
        assert_eq!(PostalCode::parse("2215 ab").unwrap().pc4(), "2215");
    }
}
