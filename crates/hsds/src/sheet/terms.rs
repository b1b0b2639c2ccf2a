//! Finds the taxonomy terms a themes cell names. People write a term's name
//! ("Geld en schulden"), its lay name ("Hulp bij geld en schulden"), its code or id,
//! in any case and with or without accents; a name that is not known gets the
//! nearest known names as a suggestion.

use super::text::{fold, nearest, split_list, suggestion};
use std::collections::HashMap;
use wegwijs_domain::{Id, TaxonomyTerm};

pub(crate) struct TermIndex<'t> {
    terms: Vec<&'t TaxonomyTerm>,
    /// Folded id, code, name and lay name → positions in `terms`.
    by_key: HashMap<String, Vec<usize>>,
}

impl<'t> TermIndex<'t> {
    /// An index over `known` terms, limited to `taxonomies` when any are given. Fails
    /// when one of `taxonomies` has no known terms (a typo in the mapping).
    pub(crate) fn new(known: &'t [TaxonomyTerm], taxonomies: &[String]) -> Result<Self, String> {
        for taxonomy in taxonomies {
            if !known.iter().any(|term| term.taxonomy_id.as_str() == taxonomy) {
                let mut ids: Vec<&str> = known.iter().map(|term| term.taxonomy_id.as_str()).collect();
                ids.dedup();
                return Err(format!(
                    "the mapping's taxonomies names {taxonomy:?}, which has no terms; known taxonomies are {}",
                    ids.join(", ")
                ));
            }
        }
        let terms: Vec<&TaxonomyTerm> = known
            .iter()
            .filter(|term| taxonomies.is_empty() || taxonomies.iter().any(|t| t == term.taxonomy_id.as_str()))
            .collect();
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        for (position, term) in terms.iter().enumerate() {
            for key in [term.id.as_str(), &term.code, term.name.as_str(), &term.lay_name] {
                let entry = by_key.entry(fold(key)).or_default();
                if !entry.contains(&position) {
                    entry.push(position);
                }
            }
        }
        Ok(Self { terms, by_key })
    }

    /// The terms a cell names: the whole cell as one name, or else each part of a
    /// list ("Wonen; Mantelzorg"). One result per name, so each problem is its own.
    pub(crate) fn resolve_cell(&self, cell: &str) -> Vec<Result<Id, String>> {
        if let Some(found) = self.by_key.get(&fold(cell)) {
            return vec![self.one(cell, found)];
        }
        split_list(cell).map(|part| self.resolve(part)).collect()
    }

    fn resolve(&self, raw: &str) -> Result<Id, String> {
        match self.by_key.get(&fold(raw)) {
            Some(found) => self.one(raw, found),
            None => {
                let names = self.terms.iter().flat_map(|term| [term.name.as_str(), term.lay_name.as_str()]);
                let near = nearest(raw, names, 3);
                Err(format!("{raw:?} is not a known theme or taxonomy term{}", suggestion(&near)))
            }
        }
    }

    fn one(&self, raw: &str, found: &[usize]) -> Result<Id, String> {
        match found {
            [only] => Ok(self.terms[*only].id.clone()),
            several => {
                let names: Vec<String> =
                    several.iter().map(|&i| format!("{} ({})", self.terms[i].id, self.terms[i].taxonomy_id)).collect();
                Err(format!(
                    "{:?} names more than one term: {}; write the term id, or limit `taxonomies` in the mapping",
                    raw.trim(),
                    names.join(", ")
                ))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wegwijs_domain::Name;

    fn term(taxonomy: &str, code: &str, name: &str, lay: &str) -> TaxonomyTerm {
        TaxonomyTerm {
            id: Id::parse(&format!("{taxonomy}-{code}")).unwrap(),
            taxonomy_id: Id::parse(taxonomy).unwrap(),
            code: code.into(),
            name: Name::parse(name).unwrap(),
            description: String::new(),
            lay_name: lay.into(),
            synonyms: Vec::new(),
            parent_id: None,
        }
    }

    fn known() -> Vec<TaxonomyTerm> {
        vec![
            term("thema", "geld-en-schulden", "Geld en schulden", "Hulp bij geld en schulden"),
            term("thema", "gezondheid", "Gezondheid", "Gezond blijven"),
            term("thema", "begeleiding", "Begeleiding", "Iemand die meekijkt"),
            term("iwmo-ijw", "wmo-02", "Begeleiding", "Begeleiding"),
        ]
    }

    #[test]
    fn terms_are_found_by_name_lay_name_code_and_id_ignoring_case_and_accents() {
        let known = known();
        let index = TermIndex::new(&known, &[]).unwrap();
        let id = |raw: &str| index.resolve_cell(raw).pop().unwrap().unwrap().to_string();
        assert_eq!(id("geld en schulden"), "thema-geld-en-schulden");
        assert_eq!(id("HULP BIJ GELD EN SCHULDEN"), "thema-geld-en-schulden");
        assert_eq!(id("gezondheid"), "thema-gezondheid");
        assert_eq!(id("iwmo-ijw-wmo-02"), "iwmo-ijw-wmo-02");
        let several = index.resolve_cell("Gezondheid; geld en schulden");
        assert_eq!(several.len(), 2);
    }

    #[test]
    fn an_unknown_term_suggests_the_nearest_names() {
        let known = known();
        let index = TermIndex::new(&known, &[]).unwrap();
        let error = index.resolve_cell("Geld en schuld").pop().unwrap().unwrap_err();
        assert!(error.contains("did you mean \"Geld en schulden\""), "{error}");
    }

    #[test]
    fn a_name_in_two_taxonomies_is_ambiguous_until_the_mapping_limits_them() {
        let known = known();
        let everything = TermIndex::new(&known, &[]).unwrap();
        assert!(everything.resolve_cell("begeleiding").pop().unwrap().unwrap_err().contains("more than one term"));
        let themes = TermIndex::new(&known, &["thema".to_owned()]).unwrap();
        assert_eq!(themes.resolve_cell("begeleiding").pop().unwrap().unwrap().as_str(), "thema-begeleiding");
        assert!(TermIndex::new(&known, &["themas".to_owned()]).is_err());
    }
}
