//! Names and short texts that must carry content.

use serde::{Deserialize, Serialize};

/// Longest name we accept; longer "names" are descriptions pasted in the wrong field.
const MAX_NAME_LENGTH: usize = 200;

/// A display name of an organisation, service or location: trimmed, not empty,
/// at most [`MAX_NAME_LENGTH`] characters and without control characters.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Name(String);

/// Why a text is not a valid [`Name`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidText {
    /// Nothing but white space.
    #[error("is empty")]
    Empty,
    /// Longer than allowed.
    #[error("is longer than {0} characters")]
    TooLong(usize),
    /// Contains a control character such as a tab or newline.
    #[error("contains a control character")]
    ControlCharacter,
}

impl Name {
    /// Parses a name, trimming surrounding white space.
    pub fn parse(raw: &str) -> Result<Self, InvalidText> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(InvalidText::Empty);
        }
        if trimmed.chars().count() > MAX_NAME_LENGTH {
            return Err(InvalidText::TooLong(MAX_NAME_LENGTH));
        }
        if trimmed.chars().any(char::is_control) {
            return Err(InvalidText::ControlCharacter);
        }
        Ok(Self(trimmed.to_owned()))
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

text_value!(Name, InvalidText);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_is_trimmed() {
        assert_eq!(Name::parse("  Buurtteam Voorhout ").unwrap().as_str(), "Buurtteam Voorhout");
    }

    #[test]
    fn blank_or_multiline_names_are_rejected() {
        assert_eq!(Name::parse(" \t "), Err(InvalidText::Empty));
        assert_eq!(Name::parse("Buurt\nteam"), Err(InvalidText::ControlCharacter));
        assert_eq!(Name::parse(&"a".repeat(201)), Err(InvalidText::TooLong(200)));
    }
}
