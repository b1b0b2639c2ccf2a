//! Export: our aggregates as HSDS 3.0 fully nested service objects (and organisations,
//! locations and taxonomies on their own), with the Dutch profile's fields and what an
//! import kept ([`crate::overlay`]).
//!
//! Exports must be comparable byte for byte, so everything here is deterministic:
//! lists keep the aggregate's order (opening hours are sorted by the domain), ids
//! HSDS requires but our domain lacks are derived from the owner's id, and objects are
//! written with sorted keys.

mod common;
mod file;
mod location;
mod service;
mod taxonomy;

use std::collections::BTreeMap;
use wegwijs_domain::{Id, Taxonomy, TaxonomyTerm};

pub use file::HsdsFileWriter;
pub(crate) use location::organisation_value;
pub use location::{location_to_hsds, organisation_to_hsds};
pub use service::service_to_hsds;
pub(crate) use service::service_value;
pub use taxonomy::{taxonomy_to_hsds, term_to_hsds};

/// What an export may contain.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// Include the service's `professional_notes`. Only for exports to logged-in
    /// professionals or backups: public feeds must never set it.
    pub include_professional: bool,
}

/// Resolves a service's term ids to the term and its taxonomy, for the nested
/// `attributes[].taxonomy_term`. Terms it does not know are exported as a bare
/// `taxonomy_term_id`. It owns copies, so it can be built from freshly loaded lists.
#[derive(Debug, Clone, Default)]
pub struct TermLookup {
    terms: BTreeMap<Id, (TaxonomyTerm, Taxonomy)>,
}

impl TermLookup {
    /// A lookup over `terms`; terms whose taxonomy is not in `taxonomies` are skipped.
    pub fn new(taxonomies: &[Taxonomy], terms: &[TaxonomyTerm]) -> Self {
        let terms = terms
            .iter()
            .filter_map(|term| {
                let taxonomy = taxonomies.iter().find(|t| t.id == term.taxonomy_id)?;
                Some((term.id.clone(), (term.clone(), taxonomy.clone())))
            })
            .collect();
        Self { terms }
    }

    /// The term with `id` and its taxonomy.
    pub fn get(&self, id: &Id) -> Option<(&TaxonomyTerm, &Taxonomy)> {
        self.terms.get(id).map(|(term, taxonomy)| (term, taxonomy))
    }
}

/// A stable id for a nested HSDS object our domain has no id for.
pub(crate) fn derived_id(kind: &str, owner: &Id, key: &str) -> String {
    Id::derived(&format!("wegwijs-hsds/{kind}"), &format!("{owner}/{key}")).to_string()
}
