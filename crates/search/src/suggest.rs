//! As-you-type suggestions: service names, taxonomy terms (names, lay names,
//! synonyms) and vocabulary terms whose words start with what was typed.
//!
//! Only public text goes in, so a suggestion can never reveal a professional note.
//! The last word typed is a prefix ("mantelz" → "Mantelzorg"); the words before it
//! must match whole words. When nothing starts with the last word, a prefix one typo
//! away is accepted ("mantlez").

use crate::analysis::{is_stop_word, words};
use crate::document::TermCatalog;
use crate::vocabulary::Vocabulary;
use serde::Serialize;
use std::collections::HashMap;

/// What a suggestion is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SuggestionKind {
    /// The name of one or more services.
    Service,
    /// A theme or category.
    Term,
    /// A word or phrase people search for.
    Phrase,
}

/// One suggestion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    /// The text to show and to search for.
    pub text: String,
    /// What it is.
    pub kind: SuggestionKind,
}

#[derive(Debug)]
struct Entry {
    text: String,
    folded: Vec<String>,
    kind: SuggestionKind,
    weight: u32,
}

/// The suggestion list.
#[derive(Debug, Default)]
pub struct Suggester {
    entries: Vec<Entry>,
}

impl Suggester {
    /// Builds the list from service names (with how many services carry each),
    /// taxonomy terms and the vocabulary.
    pub fn build(service_names: &HashMap<String, u32>, terms: &TermCatalog, vocabulary: &Vocabulary) -> Self {
        let mut by_text: HashMap<Vec<String>, Entry> = HashMap::new();
        let mut add = |text: &str, kind: SuggestionKind, weight: u32| {
            let folded: Vec<String> = words(text).into_iter().map(|w| w.folded).collect();
            if folded.is_empty() || folded.iter().all(|w| is_stop_word(w)) {
                return;
            }
            let entry = by_text.entry(folded.clone()).or_insert(Entry {
                text: text.trim().to_owned(),
                folded,
                kind,
                weight: 0,
            });
            entry.weight += weight;
        };
        for (name, count) in service_names {
            add(name, SuggestionKind::Service, *count);
        }
        for term in terms.iter() {
            add(term.name.as_str(), SuggestionKind::Term, 50);
            add(&term.lay_name, SuggestionKind::Term, 40);
            for synonym in &term.synonyms {
                add(synonym, SuggestionKind::Phrase, 20);
            }
        }
        for term in vocabulary.terms() {
            add(&term.join(" "), SuggestionKind::Phrase, 10);
        }
        let mut entries: Vec<Entry> = by_text.into_values().collect();
        entries.sort_by(|a, b| b.weight.cmp(&a.weight).then_with(|| a.text.cmp(&b.text)));
        Self { entries }
    }

    /// Up to `limit` suggestions for what has been typed so far.
    pub fn suggest(&self, typed: &str, limit: usize) -> Vec<Suggestion> {
        let typed: Vec<String> = words(typed).into_iter().map(|w| w.folded).collect();
        let Some((last, before)) = typed.split_last() else { return Vec::new() };
        let mut exact = self.matching(before, |word| word.starts_with(last.as_str()), limit);
        if exact.is_empty() && last.chars().count() >= 4 {
            exact = self.matching(before, |word| within_one_edit_prefix(word, last), limit);
        }
        exact
    }

    fn matching(&self, before: &[String], last_matches: impl Fn(&str) -> bool, limit: usize) -> Vec<Suggestion> {
        let mut starts = Vec::new();
        let mut inside = Vec::new();
        for entry in &self.entries {
            let whole_words = before.iter().all(|b| entry.folded.contains(b));
            let Some(position) = entry.folded.iter().position(|w| last_matches(w)) else { continue };
            if !whole_words {
                continue;
            }
            let suggestion = Suggestion { text: entry.text.clone(), kind: entry.kind };
            if position == before.len() {
                starts.push(suggestion)
            } else {
                inside.push(suggestion)
            }
            if starts.len() >= limit {
                break;
            }
        }
        starts.into_iter().chain(inside).take(limit).collect()
    }
}

/// Whether `word` starts with something one edit away from `prefix`.
fn within_one_edit_prefix(word: &str, prefix: &str) -> bool {
    // The first letter counts as typed right, as in search; it also spares the edit
    // distance for almost every entry, which matters with 100,000 service names.
    if word.chars().next() != prefix.chars().next() {
        return false;
    }
    let n = prefix.chars().count();
    (n.saturating_sub(1)..=n + 1).any(|len| {
        let head: String = word.chars().take(len).collect();
        head.chars().count() == len && strsim::damerau_levenshtein(&head, prefix) <= 1
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suggester() -> Suggester {
        let names = HashMap::from([
            ("Steunpunt Mantelzorg".to_owned(), 3),
            ("Mantelzorgondersteuning".to_owned(), 5),
            ("Maaltijden aan huis".to_owned(), 4),
        ]);
        Suggester::build(&names, &TermCatalog::default(), &Vocabulary::default())
    }

    #[test]
    fn the_last_word_is_a_prefix_and_names_starting_with_it_come_first() {
        let texts: Vec<String> = suggester().suggest("mantelz", 5).into_iter().map(|s| s.text).collect();
        assert_eq!(texts, ["Mantelzorgondersteuning", "Steunpunt Mantelzorg"]);
        assert_eq!(suggester().suggest("steunpunt mant", 5)[0].text, "Steunpunt Mantelzorg");
        assert!(suggester().suggest("", 5).is_empty());
    }

    #[test]
    fn a_typo_in_the_prefix_still_suggests() {
        assert_eq!(suggester().suggest("mantlez", 5).len(), 2);
        assert_eq!(suggester().suggest("maaltjd", 5)[0].text, "Maaltijden aan huis");
    }

    #[test]
    fn a_wrong_first_letter_suggests_nothing_as_in_search() {
        // "nantelzorg" is one edit from "mantelzorg", but search keeps the first letter
        // too; suggesting what a search would not find misleads.
        assert!(suggester().suggest("nantelz", 5).is_empty());
    }
}
