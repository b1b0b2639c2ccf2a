//! Import of taxonomies and their terms, read on their own (tabular packages) or nested
//! in a service's attributes.

use super::common::Check;
use crate::wire::{WireTaxonomy, WireTaxonomyTerm};
use wegwijs_domain::{Name, Taxonomy, TaxonomyTerm};

/// The taxonomy at `field`.
pub(crate) fn taxonomy(check: &mut Check<'_>, field: &str, wire: &WireTaxonomy) -> Option<Taxonomy> {
    let id = check.id(&format!("{field}.id"), &wire.id);
    let name = check
        .required(&format!("{field}.name"), &wire.name)
        .and_then(|raw| check.parse(&format!("{field}.name"), Name::parse(raw)));
    Some(Taxonomy {
        id: id?,
        name: name?,
        description: wire.description.clone().unwrap_or_default(),
        uri: wire.uri.clone(),
        version: wire.version.clone(),
    })
}

/// The taxonomy term at `field`. HSDS lets a term name its taxonomy only in free text;
/// Wegwijs needs the taxonomy's id, so the terms it lists can be shown per taxonomy.
pub(crate) fn term(check: &mut Check<'_>, field: &str, wire: &WireTaxonomyTerm) -> Option<TaxonomyTerm> {
    let id = check.id(&format!("{field}.id"), &wire.id);
    let taxonomy_id = match (&wire.taxonomy_id, &wire.taxonomy_detail) {
        (Some(_), _) => check.id(&format!("{field}.taxonomy_id"), &wire.taxonomy_id),
        (None, Some(detail)) => check.id(&format!("{field}.taxonomy_detail.id"), &detail.id),
        (None, None) => {
            check.report(&format!("{field}.taxonomy_id"), "is missing; name the id of the term's taxonomy");
            None
        }
    };
    let name = check
        .required(&format!("{field}.name"), &wire.name)
        .and_then(|raw| check.parse(&format!("{field}.name"), Name::parse(raw)));
    let parent_id = check.optional(&format!("{field}.parent_id"), &wire.parent_id, wegwijs_domain::Id::parse);
    Some(TaxonomyTerm {
        id: id?,
        taxonomy_id: taxonomy_id?,
        code: wire.code.clone().unwrap_or_default(),
        name: name?,
        description: wire.description.clone().unwrap_or_default(),
        lay_name: wire.lay_name.clone().unwrap_or_default(),
        synonyms: wire.synonyms.iter().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect(),
        parent_id: parent_id.ok()?,
    })
}
