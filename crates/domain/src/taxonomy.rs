//! The built-in taxonomies (themes, Positieve Gezondheid, iWmo/iJw product categories)
//! and the parser for taxonomy files.
//!
//! Taxonomies are data, not code: editors and municipalities change term names,
//! lay names and synonyms far more often than the software changes, and a
//! deployment may bring its own files. The defaults live in `data/taxonomies/` and
//! are embedded in the binary, so a fresh installation works without any files; the
//! unit tests parse them, so [`builtin`] cannot fail at run time.
//!
//! Term ids are `<taxonomy_id>-<code>` (`thema-geld-en-schulden`,
//! `iwmo-ijw-wmo-02`), so they stay the same across imports and installations.

mod parse;
#[cfg(test)]
mod tests;

pub use parse::{TaxonomyFileError, parse_taxonomies, parse_terms};

use crate::model::{Taxonomy, TaxonomyTerm};
use crate::values::Id;
use std::sync::OnceLock;

/// Id of the theme taxonomy (`thema`): the topics residents browse by.
pub const THEME: &str = "thema";
/// Id of the Positieve Gezondheid taxonomy: Huber's six dimensions.
pub const POSITIVE_HEALTH: &str = "positieve-gezondheid";
/// Id of the iWmo/iJw product category taxonomy (iStandaarden codelijsten).
pub const CARE_PRODUCT: &str = "iwmo-ijw";

/// The embedded `taxonomies.csv`.
const TAXONOMIES_CSV: &str = include_str!("../../../data/taxonomies/taxonomies.csv");
/// The embedded term files, keyed by taxonomy id.
const BUILTIN_TERM_FILES: &[(&str, &str)] = &[
    (THEME, include_str!("../../../data/taxonomies/thema.csv")),
    (POSITIVE_HEALTH, include_str!("../../../data/taxonomies/positieve-gezondheid.csv")),
    (CARE_PRODUCT, include_str!("../../../data/taxonomies/iwmo-ijw.csv")),
];

/// A set of taxonomies with all their terms.
///
/// Look-ups scan the vectors: the sets are small (tens to a few hundred terms), and
/// plain public fields keep the set easy to build, serialise and test.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TaxonomySet {
    /// The taxonomies, in file order.
    pub taxonomies: Vec<Taxonomy>,
    /// All terms of all taxonomies, grouped by taxonomy, in file order.
    pub terms: Vec<TaxonomyTerm>,
}

/// The taxonomies shipped with Wegwijs, parsed once on first use.
pub fn builtin() -> &'static TaxonomySet {
    static SET: OnceLock<TaxonomySet> = OnceLock::new();
    SET.get_or_init(|| {
        TaxonomySet::load(TAXONOMIES_CSV, BUILTIN_TERM_FILES)
            .expect("the embedded taxonomy files are checked by the unit tests")
    })
}

impl TaxonomySet {
    /// Builds a set from a `taxonomies.csv` text and one term file per taxonomy,
    /// given as `(taxonomy_id, csv_text)`. Every term file must belong to a listed
    /// taxonomy; a listed taxonomy without a term file simply has no terms.
    pub fn load(taxonomies_csv: &str, term_files: &[(&str, &str)]) -> Result<Self, TaxonomyFileError> {
        let taxonomies = parse_taxonomies(taxonomies_csv)?;
        let mut terms = Vec::new();
        for (taxonomy_id, csv) in term_files {
            let Some(taxonomy) = taxonomies.iter().find(|t| t.id.as_str() == *taxonomy_id) else {
                return Err(TaxonomyFileError::UnknownTaxonomy((*taxonomy_id).to_owned()));
            };
            terms.extend(parse_terms(&taxonomy.id, csv)?);
        }
        Ok(Self { taxonomies, terms })
    }

    /// The taxonomy with this id.
    pub fn taxonomy(&self, id: &str) -> Option<&Taxonomy> {
        self.taxonomies.iter().find(|t| t.id.as_str() == id)
    }

    /// The term with this id, e.g. `thema-geld-en-schulden`.
    pub fn term(&self, id: &Id) -> Option<&TaxonomyTerm> {
        self.terms.iter().find(|t| &t.id == id)
    }

    /// All terms of one taxonomy, in file order.
    pub fn terms_of<'a>(&'a self, taxonomy_id: &'a str) -> impl Iterator<Item = &'a TaxonomyTerm> {
        self.terms.iter().filter(move |t| t.taxonomy_id.as_str() == taxonomy_id)
    }

    /// The term with this code in this taxonomy, e.g. (`iwmo-ijw`, `wmo-02`).
    pub fn term_by_code(&self, taxonomy_id: &str, code: &str) -> Option<&TaxonomyTerm> {
        self.terms.iter().find(|t| t.taxonomy_id.as_str() == taxonomy_id && t.code == code)
    }

    /// The direct children of a term (for hierarchical taxonomies such as iWmo/iJw).
    pub fn children<'a>(&'a self, parent_id: &'a Id) -> impl Iterator<Item = &'a TaxonomyTerm> {
        self.terms.iter().filter(move |t| t.parent_id.as_ref() == Some(parent_id))
    }
}
