//! The records of the sociale kaart, shaped after HSDS 3.0 with the Dutch extensions
//! from DESIGN.md.
//!
//! Records are aggregates: an [`Organisation`], a [`Location`] and a [`Service`] each
//! carry their own phones, contacts and opening hours, because that is the unit an
//! editor changes and reviews. Links between aggregates are ids.

mod contact;
mod dutch;
mod hsds_extra;
mod location;
mod organisation;
mod provenance;
mod service;
mod taxonomy;

pub use contact::{Contact, Language, Phone, PhoneKind};
pub use dutch::{Eligibility, FundingScheme, Referral, ReferralRoute, TargetGroup};
pub use hsds_extra::HsdsExtra;
pub use location::{Address, GeoPoint, InvalidPoint, Location, LocationKind};
pub use organisation::{Organisation, OrganisationKind};
pub use provenance::{RecordMeta, Source, Verification, VerifiedBy};
pub use service::{AreaKind, CostOption, Service, ServiceArea, ServiceAtLocation, ServiceStatus};
pub use taxonomy::{Taxonomy, TaxonomyTerm};
