//! Ways to reach an organisation, service or location.

use crate::values::{EmailAddress, Id, PhoneNumber};
use serde::{Deserialize, Serialize};

/// A phone line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Phone {
    /// Stable id (HSDS `phone.id`).
    pub id: Id,
    /// The number.
    pub number: PhoneNumber,
    /// What kind of line it is.
    pub kind: PhoneKind,
    /// When or what for, e.g. "Bereikbaar op werkdagen van 9.00 tot 12.00 uur".
    pub description: Option<String>,
}

/// HSDS phone types that matter to residents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhoneKind {
    /// An ordinary line.
    Voice,
    /// A mobile line, often also reachable by WhatsApp or SMS.
    Cell,
    /// Text only (SMS or WhatsApp).
    Text,
    /// Video calls, e.g. for sign language.
    Video,
}

impl PhoneKind {
    /// The HSDS spelling.
    pub fn as_hsds(self) -> &'static str {
        match self {
            Self::Voice => "voice",
            Self::Cell => "cell",
            Self::Text => "text",
            Self::Video => "video",
        }
    }

    /// Reads the HSDS spelling; unknown and fax types are ordinary lines.
    pub fn from_hsds(raw: &str) -> Self {
        match raw.trim().to_ascii_lowercase().as_str() {
            "cell" | "mobile" => Self::Cell,
            "text" | "sms" => Self::Text,
            "video" => Self::Video,
            _ => Self::Voice,
        }
    }
}

/// A named person or desk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    /// Stable id (HSDS `contact.id`).
    pub id: Id,
    /// The person's or desk's name.
    pub name: Option<String>,
    /// Job title, e.g. "Consulent schuldhulpverlening".
    pub title: Option<String>,
    /// E-mail address.
    pub email: Option<EmailAddress>,
    /// Phone lines.
    pub phones: Vec<Phone>,
}

/// A language in which help is given, as an ISO 639-1 code with its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Language {
    /// Stable id (HSDS `language.id`).
    pub id: Id,
    /// ISO 639-1 code, lowercase: `nl`, `en`, `tr`, `ar`, `pl`.
    pub code: String,
    /// Name of the language in Dutch: "Turks".
    pub name: String,
    /// A note such as "met tolk".
    pub note: Option<String>,
}
