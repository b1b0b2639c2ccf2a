//! Services: the help a resident is looking for.

use super::{Contact, Eligibility, FundingScheme, HsdsExtra, Language, Phone, RecordMeta, Referral};
use crate::schedule::OpeningHours;
use crate::values::{EmailAddress, Id, Name, WebUrl};
use serde::{Deserialize, Serialize};

/// A service (HSDS `service`) with everything that belongs only to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Service {
    /// Stable id.
    pub id: Id,
    /// The organisation that delivers the service.
    pub organisation_id: Id,
    /// Name: "Schuldhulpverlening", "Maatjesproject Warmond".
    pub name: Name,
    /// Another name the service is known by.
    pub alternate_name: Option<String>,
    /// Plain-language summary (B1) for residents: one or two sentences.
    pub summary: String,
    /// Full description; may use the professional terms of the field.
    pub description: String,
    /// Whether the service is running.
    pub status: ServiceStatus,
    /// Web page of the service.
    pub url: Option<WebUrl>,
    /// E-mail address for the service.
    pub email: Option<EmailAddress>,
    /// Phone lines for the service.
    pub phones: Vec<Phone>,
    /// Contact persons.
    pub contacts: Vec<Contact>,
    /// When the service can be reached (independent of a location).
    pub opening_hours: OpeningHours,
    /// Where people live who can use the service.
    pub areas: Vec<ServiceArea>,
    /// Languages in which help is given besides Dutch.
    pub languages: Vec<Language>,
    /// Prices.
    pub costs: Vec<CostOption>,
    /// Costs explained in words: "Gratis. Alleen de maaltijd kost € 7,50."
    pub fees_description: Option<String>,
    /// Who pays.
    pub funding: Vec<FundingScheme>,
    /// Whether a referral is needed.
    pub referral: Referral,
    /// Who the service is for.
    pub eligibility: Eligibility,
    /// How to apply, in plain language.
    pub application_process: Option<String>,
    /// Typical waiting time, in words.
    pub wait_time: Option<String>,
    /// Taxonomy terms (themes, Positieve Gezondheid, iWmo/iJw), by id.
    pub terms: Vec<Id>,
    /// The locations where the service is given.
    pub locations: Vec<ServiceAtLocation>,
    /// Information for professionals only (direct lines, intake criteria, referral
    /// procedure). Never shown or exported to the public: see DESIGN.md.
    pub professional_notes: Option<String>,
    /// Created/updated/verified/source.
    pub meta: RecordMeta,
    /// HSDS fields from an import that Wegwijs has no place for; given back on export.
    #[serde(default, skip_serializing_if = "HsdsExtra::is_empty")]
    pub hsds_extra: HsdsExtra,
}

/// HSDS service status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceStatus {
    /// Running.
    Active,
    /// Not running for now.
    Inactive,
    /// Stopped for good.
    Defunct,
    /// Closed for a while (holiday, renovation).
    TemporarilyClosed,
}

impl ServiceStatus {
    /// The HSDS spelling.
    pub fn as_hsds(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Inactive => "inactive",
            Self::Defunct => "defunct",
            Self::TemporarilyClosed => "temporarily closed",
        }
    }

    /// Reads the HSDS spelling.
    pub fn from_hsds(raw: &str) -> Option<Self> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "active" => Some(Self::Active),
            "inactive" => Some(Self::Inactive),
            "defunct" => Some(Self::Defunct),
            "temporarily closed" | "temporarily_closed" => Some(Self::TemporarilyClosed),
            _ => None,
        }
    }
}

/// A service given at a location (HSDS `service_at_location`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceAtLocation {
    /// Stable id.
    pub id: Id,
    /// The location.
    pub location_id: Id,
    /// What is special about the service here.
    pub description: Option<String>,
    /// Hours of the service at this location (e.g. "spreekuur dinsdag").
    pub opening_hours: OpeningHours,
}

/// The area whose residents can use the service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceArea {
    /// Stable id.
    pub id: Id,
    /// What kind of area `code` names.
    pub kind: AreaKind,
    /// CBS code (GM1525, WK152501), PC4 ("2171"), or a place name ("Warmond").
    pub code: String,
    /// Name for display: "Teylingen".
    pub name: String,
}

/// Kinds of service areas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AreaKind {
    /// The whole country.
    Nederland,
    /// A municipality, by CBS code.
    Gemeente,
    /// A village or town, by name.
    Woonplaats,
    /// A district, by CBS code.
    Wijk,
    /// A four-digit postcode area.
    Postcode,
}

impl AreaKind {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Nederland => "nederland",
            Self::Gemeente => "gemeente",
            Self::Woonplaats => "woonplaats",
            Self::Wijk => "wijk",
            Self::Postcode => "postcode",
        }
    }

    /// Parses a stable code.
    pub fn parse(raw: &str) -> Option<Self> {
        [Self::Nederland, Self::Gemeente, Self::Woonplaats, Self::Wijk, Self::Postcode]
            .into_iter()
            .find(|kind| kind.code() == raw.trim())
    }
}

/// One price (HSDS `cost_option`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostOption {
    /// Stable id.
    pub id: Id,
    /// What the price is for: "Per maaltijd", "Lidmaatschap per jaar".
    pub option: String,
    /// Amount in euro cents, so that prices add up exactly.
    pub amount_cents: Option<u32>,
    /// The price in words when it is not one amount: "€ 2,– tot € 5,– per uur".
    pub amount_description: Option<String>,
}
