//! Export of taxonomies and their terms, nested in a service's attributes or on their own.

use crate::wire::{WireTaxonomy, WireTaxonomyTerm};
use serde_json::Value;
use wegwijs_domain::{Taxonomy, TaxonomyTerm};

/// A taxonomy as an HSDS 3.0 `taxonomy` object.
pub fn taxonomy_to_hsds(taxonomy: &Taxonomy) -> Value {
    serde_json::to_value(wire_taxonomy(taxonomy)).expect("HSDS wire structs always serialise")
}

/// A term as an HSDS 3.0 `taxonomy_term` object, with its taxonomy nested as
/// `taxonomy_detail`.
pub fn term_to_hsds(term: &TaxonomyTerm, taxonomy: &Taxonomy) -> Value {
    serde_json::to_value(wire_term(term, taxonomy)).expect("HSDS wire structs always serialise")
}

pub(crate) fn wire_term(term: &TaxonomyTerm, taxonomy: &Taxonomy) -> WireTaxonomyTerm {
    WireTaxonomyTerm {
        id: Some(term.id.to_string()),
        code: Some(term.code.clone()),
        name: Some(term.name.to_string()),
        description: Some(term.description.clone()),
        parent_id: term.parent_id.as_ref().map(ToString::to_string),
        taxonomy_id: Some(taxonomy.id.to_string()),
        taxonomy_detail: Some(wire_taxonomy(taxonomy)),
        // Profile fields: the words residents use; search depends on them.
        lay_name: Some(term.lay_name.clone()).filter(|name| !name.is_empty()),
        synonyms: term.synonyms.clone(),
    }
}

fn wire_taxonomy(taxonomy: &Taxonomy) -> WireTaxonomy {
    WireTaxonomy {
        id: Some(taxonomy.id.to_string()),
        name: Some(taxonomy.name.to_string()),
        description: Some(taxonomy.description.clone()),
        uri: taxonomy.uri.clone(),
        version: taxonomy.version.clone(),
    }
}
