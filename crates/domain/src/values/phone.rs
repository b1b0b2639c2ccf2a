//! Phone numbers, normalised so that the same number is always written the same way.

use serde::{Deserialize, Serialize};

/// A phone number in international form (`+31712345678`).
///
/// Dutch numbers may be written the way people write them (`071-123 45 67`,
/// `(071) 1234567`, `06 12345678`, `0031 71 ...`); they are checked for the right
/// number of digits. Service numbers (0800/0900/088-style 14 + 3 digits such as
/// `14 0252`) are kept as written in digits because they only work inside the
/// Netherlands. Foreign numbers must start with `+` or `00`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber(String);

/// Why a text is not a phone number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidPhone {
    /// Nothing was given.
    #[error("phone number is empty")]
    Empty,
    /// Letters or other characters that do not belong in a number.
    #[error("{0:?} contains characters that do not belong in a phone number")]
    BadCharacter(String),
    /// The number of digits does not fit any Dutch or international number.
    #[error("{0:?} has the wrong number of digits for a phone number")]
    WrongLength(String),
}

impl PhoneNumber {
    /// Parses and normalises a number; see the type's documentation.
    pub fn parse(raw: &str) -> Result<Self, InvalidPhone> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(InvalidPhone::Empty);
        }
        if raw.chars().any(|c| !(c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')' | '.' | '/'))) {
            return Err(InvalidPhone::BadCharacter(raw.to_owned()));
        }
        if raw.rfind('+').is_some_and(|at| at > 0) {
            return Err(InvalidPhone::BadCharacter(raw.to_owned()));
        }
        let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
        let wrong_length = || InvalidPhone::WrongLength(raw.to_owned());
        // Short Dutch service numbers: 14 + area code (14 071) and 0800/0900 numbers.
        if digits.starts_with("14") && !raw.starts_with('+') && (5..=6).contains(&digits.len()) {
            return Ok(Self(digits));
        }
        if (digits.starts_with("0800") || digits.starts_with("0900") || digits.starts_with("0909"))
            && (8..=11).contains(&digits.len())
        {
            return Ok(Self(digits));
        }
        let international = if raw.starts_with('+') {
            digits
        } else if let Some(rest) = digits.strip_prefix("00") {
            rest.to_owned()
        } else if let Some(national) = digits.strip_prefix('0') {
            if national.len() != 9 {
                return Err(wrong_length());
            }
            format!("31{national}")
        } else {
            return Err(wrong_length());
        };
        // Dutch numbers, also when written with +31, have nine digits after the
        // country code; people often write "+31 (0)71", so drop that trunk zero.
        let international = match international.strip_prefix("310") {
            Some(rest) if rest.len() == 9 => format!("31{rest}"),
            _ => international,
        };
        if international.starts_with("31") && international.len() != 11 {
            return Err(wrong_length());
        }
        if !(8..=15).contains(&international.len()) {
            return Err(wrong_length());
        }
        Ok(Self(format!("+{international}")))
    }

    /// The number in normalised form, suitable for a `tel:` link.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number as Dutch readers expect it: `071 123 4567`, `06 1234 5678`.
    /// Foreign and service numbers are shown in their normalised form.
    pub fn display_national(&self) -> String {
        let Some(national) = self.0.strip_prefix("+31") else {
            return self.0.clone();
        };
        // Two-digit area codes (010, 020, 030, ...) vs three-digit ones (071, 0252)
        // cannot be told apart without the full area code list; mobile (06) and
        // the big cities are the common cases.
        let area_len = if national.starts_with('6') {
            1
        } else if matches!(
            &national[..2],
            "10" | "13"
                | "15"
                | "20"
                | "23"
                | "24"
                | "26"
                | "30"
                | "33"
                | "35"
                | "36"
                | "38"
                | "40"
                | "43"
                | "45"
                | "46"
                | "50"
                | "53"
                | "55"
                | "58"
                | "70"
                | "71"
                | "72"
                | "73"
                | "74"
                | "75"
                | "76"
                | "77"
                | "78"
                | "79"
                | "85"
                | "88"
                | "91"
        ) {
            2
        } else {
            3
        };
        let (area, subscriber) = national.split_at(area_len);
        let split = subscriber.len() / 2;
        format!("0{area} {} {}", &subscriber[..split], &subscriber[split..])
    }
}

text_value!(PhoneNumber, InvalidPhone);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_spellings_normalise_to_the_same_number() {
        for raw in ["071-1234567", "(071) 123 45 67", "+31 71 123 4567", "+31 (0)71 1234567", "0031711234567"] {
            assert_eq!(PhoneNumber::parse(raw).unwrap().as_str(), "+31711234567", "{raw}");
        }
    }

    #[test]
    fn mobile_number_is_shown_nationally() {
        let phone = PhoneNumber::parse("06-12345678").unwrap();
        assert_eq!(phone.as_str(), "+31612345678");
        assert_eq!(phone.display_national(), "06 1234 5678");
    }

    #[test]
    fn service_numbers_are_kept() {
        assert_eq!(PhoneNumber::parse("14 0252").unwrap().as_str(), "140252");
        assert_eq!(PhoneNumber::parse("0800-0123").unwrap().as_str(), "08000123");
    }

    #[test]
    fn bad_numbers_are_rejected() {
        assert!(matches!(PhoneNumber::parse("071-12345"), Err(InvalidPhone::WrongLength(_))));
        assert!(matches!(PhoneNumber::parse("bel ons"), Err(InvalidPhone::BadCharacter(_))));
        assert!(matches!(PhoneNumber::parse("071+1234567"), Err(InvalidPhone::BadCharacter(_))));
        assert_eq!(PhoneNumber::parse(""), Err(InvalidPhone::Empty));
    }

    #[test]
    fn foreign_number_is_kept_international() {
        assert_eq!(PhoneNumber::parse("+44 1234 234567").unwrap().as_str(), "+441234234567");
    }
}
