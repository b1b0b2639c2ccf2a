//! The vocabulary: what residents type mapped to the words services are written in
//! ("geldproblemen" → schuldhulpverlening, budgetbeheer; "debt help" → schulden).
//!
//! It is data (`data/vocabulary.csv`, see `data/VOCABULARY.md`), embedded as the
//! default and replaceable by a deployment's own file without recompiling.

use crate::analysis::words;
use std::collections::HashMap;
use std::path::Path;

/// The embedded default vocabulary.
const BUILTIN: &str = include_str!("../data/vocabulary.csv");

/// Longest term, in words, that is looked for in a query.
const MAX_TERM_WORDS: usize = 6;

/// A vocabulary: terms (as folded word sequences) with their expansions.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    entries: HashMap<Vec<String>, Vec<Vec<String>>>,
}

/// Why a vocabulary file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum VocabularyError {
    /// The file could not be read.
    #[error("cannot read the vocabulary file {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A line is wrong.
    #[error("vocabulary line {line}: {reason}")]
    Line {
        /// Line number, 1-based, counting the header.
        line: u64,
        /// What is wrong.
        reason: String,
    },
}

/// A vocabulary term found in a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// Indexes of the query words the term covers.
    pub first: usize,
    /// One past the last word.
    pub end: usize,
    /// The expansions, each as folded words.
    pub expansions: Vec<Vec<String>>,
}

impl Vocabulary {
    /// The embedded vocabulary.
    pub fn builtin() -> Self {
        Self::parse(BUILTIN).expect("the embedded vocabulary is checked by the unit tests")
    }

    /// Reads a vocabulary file.
    pub fn load(path: &Path) -> Result<Self, VocabularyError> {
        let text = std::fs::read_to_string(path)
            .map_err(|source| VocabularyError::Read { path: path.display().to_string(), source })?;
        Self::parse(&text)
    }

    /// Parses the CSV text of a vocabulary (`term,expands_to,kind`).
    pub fn parse(text: &str) -> Result<Self, VocabularyError> {
        let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
        let headers = reader.headers().map_err(|e| VocabularyError::Line { line: 1, reason: e.to_string() })?;
        if headers.iter().collect::<Vec<_>>() != ["term", "expands_to", "kind"] {
            return Err(VocabularyError::Line { line: 1, reason: "the header must be term,expands_to,kind".into() });
        }
        let mut entries: HashMap<Vec<String>, Vec<Vec<String>>> = HashMap::new();
        for record in reader.records() {
            let record = record.map_err(|e| VocabularyError::Line {
                line: e.position().map_or(0, |p| p.line()),
                reason: e.to_string(),
            })?;
            let line = record.position().map_or(0, |p| p.line());
            let bad = |reason: &str| VocabularyError::Line { line, reason: reason.to_owned() };
            let term = folded_words(&record[0]);
            if term.is_empty() {
                return Err(bad("the term is empty"));
            }
            if term.len() > MAX_TERM_WORDS {
                return Err(bad(&format!("the term has more than {MAX_TERM_WORDS} words")));
            }
            let expansions: Vec<Vec<String>> =
                record[1].split('|').map(folded_words).filter(|words| !words.is_empty()).collect();
            if expansions.is_empty() {
                return Err(bad("expands_to is empty"));
            }
            let slot = entries.entry(term).or_default();
            for expansion in expansions {
                if !slot.contains(&expansion) {
                    slot.push(expansion);
                }
            }
        }
        Ok(Self { entries })
    }

    /// Number of terms.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no terms.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The terms in a query, longest first at each position, not overlapping.
    pub fn find(&self, query_words: &[&str]) -> Vec<Match> {
        let mut found = Vec::new();
        let mut i = 0;
        while i < query_words.len() {
            let longest = (1..=MAX_TERM_WORDS.min(query_words.len() - i)).rev().find_map(|n| {
                let key: Vec<String> = query_words[i..i + n].iter().map(|w| (*w).to_owned()).collect();
                self.entries.get(&key).map(|expansions| (n, expansions))
            });
            match longest {
                Some((n, expansions)) => {
                    found.push(Match { first: i, end: i + n, expansions: expansions.clone() });
                    i += n;
                }
                None => i += 1,
            }
        }
        found
    }

    /// Every expansion word and term word, for suggestions.
    pub fn terms(&self) -> impl Iterator<Item = &Vec<String>> {
        self.entries.keys()
    }
}

fn folded_words(text: &str) -> Vec<String> {
    words(text).into_iter().map(|w| w.folded).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_vocabulary_parses_and_is_large() {
        let vocabulary = Vocabulary::builtin();
        assert!(vocabulary.len() >= 300, "{} entries", vocabulary.len());
    }

    #[test]
    fn longest_terms_win_and_do_not_overlap() {
        let v = Vocabulary::parse("term,expands_to,kind\nhuur,huurachterstand,lay\nhuur niet betalen,schuldhulpverlening|budgetbeheer,lay\n").unwrap();
        let found = v.find(&["ik", "kan", "huur", "niet", "betalen"]);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].first, found[0].end), (2, 5));
        assert_eq!(found[0].expansions, [vec!["schuldhulpverlening".to_owned()], vec!["budgetbeheer".to_owned()]]);
    }

    #[test]
    fn bad_files_name_the_line() {
        let error = Vocabulary::parse("term,expands_to,kind\ngeld,schulden,lay\nhuur,,lay\n").unwrap_err();
        assert!(error.to_string().contains("line 3"), "{error}");
        assert!(Vocabulary::parse("a,b\n").is_err());
    }
}
