//! A deterministic generator of a synthetic but realistic Dutch sociale kaart, for
//! demos, benchmarks and tests: the same [`DemoConfig`] always gives the same data.
//!
//! Small data sets cover Teylingen and its neighbours; large ones fill those first and
//! then spread over every Dutch municipality in proportion to its inhabitants.

mod catalogue;
mod contact;
mod generate;
mod hours;
mod meta;
mod names;
mod places;
mod service;
mod text;

pub use generate::generate;

use chrono::{DateTime, Utc};
use wegwijs_domain::{Location, Organisation, Service, Taxonomy, TaxonomyTerm};

/// The default size: Teylingen and its neighbours, enough to browse every theme.
pub const DEFAULT_SERVICES: usize = 400;

/// What to generate.
#[derive(Debug, Clone)]
pub struct DemoConfig {
    /// Number of services; the generator makes exactly this many.
    pub services: usize,
    /// Seed of the random generator.
    pub seed: u64,
    /// The moment the data set is "made": all dates are relative to it, so the output
    /// does not depend on the clock.
    pub now: DateTime<Utc>,
}

/// A generated data set; every id it refers to is in it.
#[derive(Debug, Clone)]
pub struct DemoData {
    /// The built-in taxonomies.
    pub taxonomies: Vec<Taxonomy>,
    /// All terms of the built-in taxonomies.
    pub terms: Vec<TaxonomyTerm>,
    /// Providers.
    pub organisations: Vec<Organisation>,
    /// Addresses of the providers.
    pub locations: Vec<Location>,
    /// The services.
    pub services: Vec<Service>,
    /// For each service (same order), the key of the catalogue template it was made
    /// from: what relevance judgements of the demo data refer to.
    pub templates: Vec<&'static str>,
}

#[cfg(test)]
mod tests;
