//! Classification schemes (themes, Positieve Gezondheid, iWmo/iJw) as data.

use crate::values::{Id, Name};
use serde::{Deserialize, Serialize};

/// A classification scheme (HSDS `taxonomy`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Taxonomy {
    /// Stable id, e.g. `thema`.
    pub id: Id,
    /// Name: "Thema's".
    pub name: Name,
    /// What the scheme is for.
    pub description: String,
    /// Where the scheme is published, if anywhere.
    pub uri: Option<String>,
    /// Version of the scheme.
    pub version: Option<String>,
}

/// One term of a taxonomy (HSDS `taxonomy_term`), with the words residents use for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxonomyTerm {
    /// Stable id, e.g. `thema-geld-en-schulden`.
    pub id: Id,
    /// The taxonomy this term belongs to.
    pub taxonomy_id: Id,
    /// Short code within the taxonomy (iWmo product code, slug).
    pub code: String,
    /// Official name: "Schuldhulpverlening".
    pub name: Name,
    /// What the term covers.
    pub description: String,
    /// Lay-language name a resident would use: "Hulp bij geldzaken".
    pub lay_name: String,
    /// Other words for the same thing, for search.
    pub synonyms: Vec<String>,
    /// Parent term, for hierarchical taxonomies.
    pub parent_id: Option<Id>,
}
