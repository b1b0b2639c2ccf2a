//! Organisations that offer services.

use super::{Contact, HsdsExtra, Phone, RecordMeta};
use crate::values::{EmailAddress, Id, Name, WebUrl};
use serde::{Deserialize, Serialize};

/// An organisation: a foundation, association, municipality, practice or a residents'
/// initiative (HSDS `organization`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Organisation {
    /// Stable id.
    pub id: Id,
    /// Name as the organisation writes it.
    pub name: Name,
    /// Another name it is known by (abbreviation, former name).
    pub alternate_name: Option<String>,
    /// What the organisation does (required by HSDS).
    pub description: String,
    /// Legal or practical form.
    pub kind: OrganisationKind,
    /// General e-mail address.
    pub email: Option<EmailAddress>,
    /// Website.
    pub website: Option<WebUrl>,
    /// General phone lines.
    pub phones: Vec<Phone>,
    /// Contact persons.
    pub contacts: Vec<Contact>,
    /// Created/updated/verified/source.
    pub meta: RecordMeta,
    /// HSDS fields from an import that Wegwijs has no place for; given back on export.
    #[serde(default, skip_serializing_if = "HsdsExtra::is_empty")]
    pub hsds_extra: HsdsExtra,
}

/// The kind of organisation, which residents use to judge who they deal with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrganisationKind {
    /// Stichting (foundation): most welfare and care organisations.
    Stichting,
    /// Vereniging (association): sports clubs, patient associations.
    Vereniging,
    /// The municipality or a joint municipal body.
    Gemeente,
    /// A practice of one or more professionals (huisarts, fysiotherapeut).
    Praktijk,
    /// A residents' initiative without legal form.
    Buurtinitiatief,
    /// A company (BV, eenmanszaak).
    Bedrijf,
    /// Church or other faith community.
    Kerkgenootschap,
    /// Anything else.
    Overig,
}

impl OrganisationKind {
    /// Every kind, in display order.
    pub const ALL: [Self; 8] = [
        Self::Stichting,
        Self::Vereniging,
        Self::Gemeente,
        Self::Praktijk,
        Self::Buurtinitiatief,
        Self::Bedrijf,
        Self::Kerkgenootschap,
        Self::Overig,
    ];

    /// Stable code; also written to HSDS `legal_status`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Stichting => "stichting",
            Self::Vereniging => "vereniging",
            Self::Gemeente => "gemeente",
            Self::Praktijk => "praktijk",
            Self::Buurtinitiatief => "buurtinitiatief",
            Self::Bedrijf => "bedrijf",
            Self::Kerkgenootschap => "kerkgenootschap",
            Self::Overig => "overig",
        }
    }

    /// Reads a code or a legal-status text; unknown text is [`Self::Overig`].
    pub fn from_text(raw: &str) -> Self {
        let raw = raw.trim().to_lowercase();
        Self::ALL.into_iter().find(|kind| raw == kind.code()).unwrap_or(Self::Overig)
    }
}
