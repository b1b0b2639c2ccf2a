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

/// Longest term, in words.
const MAX_TERM_WORDS: usize = 6;

/// A vocabulary: terms (as folded word sequences) with their expansions.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    entries: HashMap<Vec<String>, Vec<Vec<String>>>,
    /// Per entry: its content-word stems, sorted and unique, once [`compile`](Self::compile)d.
    stem_sets: Vec<(Vec<String>, Vec<String>)>,
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
    /// The term as written in the vocabulary.
    pub term: String,
    /// The stems of the query it covers.
    pub stems: Vec<String>,
    /// The expansions, each as folded words.
    pub expansions: Vec<Vec<String>>,
}

/// At most this many vocabulary terms are used for one query, those of most words
/// first: a long sentence must not pull in half the vocabulary.
const MAX_MATCHES: usize = 6;

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
        Ok(Self { entries, stem_sets: Vec::new() })
    }

    /// Number of terms.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no terms.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Prepares matching by stems: call once with the analyser's stemmer and stop-word
    /// test before [`find`](Self::find).
    pub fn compile(&mut self, stem: impl Fn(&str) -> String, is_stop_word: impl Fn(&str) -> bool) {
        let mut sets: Vec<(Vec<String>, Vec<String>)> = self
            .entries
            .keys()
            .map(|term| (match_stems(term, &stem, &is_stop_word), term.clone()))
            .filter(|(stems, _)| !stems.is_empty())
            .collect();
        sets.sort();
        // Terms that differ only in stop words ("huur niet betalen", "kan huur niet
        // betalen") always match together: keep one, with the expansions of all.
        let mut merged: Vec<(Vec<String>, Vec<String>)> = Vec::new();
        for (stems, term) in sets {
            match merged.last() {
                Some((last, kept)) if *last == stems => {
                    let extra = self.entries.get(&term).cloned().unwrap_or_default();
                    let kept = kept.clone();
                    let slot = self.entries.entry(kept).or_default();
                    for expansion in extra {
                        if !slot.contains(&expansion) {
                            slot.push(expansion);
                        }
                    }
                }
                _ => merged.push((stems, term)),
            }
        }
        self.stem_sets = merged;
    }

    /// The terms whose content words all occur in the query, in any order and with
    /// other words between them ("mijn kind wordt gepest" finds "kind gepest"); terms
    /// of more words first.
    pub fn find(&self, query_stems: &[String]) -> Vec<Match> {
        let mut found: Vec<&(Vec<String>, Vec<String>)> =
            self.stem_sets.iter().filter(|(stems, _)| stems.iter().all(|s| query_stems.contains(s))).collect();
        found.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.1.cmp(&b.1)));
        found
            .into_iter()
            .take(MAX_MATCHES)
            .map(|(stems, term)| Match {
                term: term.join(" "),
                stems: stems.clone(),
                expansions: self.entries[term].clone(),
            })
            .collect()
    }

    /// The terms (folded words), for suggestions.
    pub fn terms(&self) -> impl Iterator<Item = &Vec<String>> {
        self.entries.keys()
    }
}

/// Words of the field that residents do not use, each with a plainer word if known, for
/// the plain-language check of the portal: the abbreviations of the embedded vocabulary
/// (with what they stand for), and the one-word professional terms that lay words
/// expand to (with the first lay word). Only long one-word terms count: expansions such
/// as "schulden" or "financiële hulp" are plain Dutch already.
pub fn jargon() -> Vec<(String, Option<String>)> {
    /// Professional one-word terms shorter than this are mostly plain words.
    const MIN_LETTERS: usize = 11;
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(BUILTIN.as_bytes());
    let mut plain_words = std::collections::HashSet::new();
    let mut rows = Vec::new();
    for record in reader.records().flatten() {
        let (term, expands, kind) = (record[0].trim().to_owned(), record[1].to_owned(), record[2].trim().to_owned());
        if kind == "lay" {
            plain_words.insert(term.clone());
        }
        rows.push((term, expands, kind));
    }
    let mut out: Vec<(String, Option<String>)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (term, expands, kind) in &rows {
        let expansions: Vec<&str> = expands.split('|').map(str::trim).filter(|e| !e.is_empty()).collect();
        match kind.as_str() {
            "abbreviation" if seen.insert(term.clone()) => {
                out.push((term.clone(), expansions.first().map(|e| (*e).to_owned())));
            }
            // A search phrase about one person ("zorgen voor mijn moeder") is no
            // replacement word in a text about a service.
            "lay" if !is_personal(term) => {
                for professional in expansions {
                    let one_word = !professional.contains(' ');
                    if one_word
                        && professional.chars().count() >= MIN_LETTERS
                        && !plain_words.contains(professional)
                        && seen.insert(professional.to_owned())
                    {
                        out.push((professional.to_owned(), Some(term.clone())));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Words that make a lay phrase about someone's own situation.
const PERSONAL_WORDS: &[&str] =
    &["ik", "mijn", "me", "mij", "moeder", "vader", "partner", "kind", "zoon", "dochter", "opa", "oma", "man", "vrouw"];

fn is_personal(phrase: &str) -> bool {
    phrase.split_whitespace().any(|word| PERSONAL_WORDS.contains(&word.to_lowercase().as_str()))
}

/// Words that turn a phrase around: kept when matching, so "huur niet betalen" does not
/// match "huur betalen" and "niet naar school" does not match "school".
pub const NEGATIONS: &[&str] = &["geen", "niet", "nooit", "zonder", "no", "not", "without"];

/// The stems a term or query is matched on: content words and negations, sorted and
/// unique.
pub fn match_stems(
    words: &[String],
    stem: impl Fn(&str) -> String,
    is_stop_word: impl Fn(&str) -> bool,
) -> Vec<String> {
    let mut stems: Vec<String> = words
        .iter()
        .filter(|w| NEGATIONS.contains(&w.as_str()) || !is_stop_word(w))
        .map(|w| if NEGATIONS.contains(&w.as_str()) { w.clone() } else { stem(w) })
        .collect();
    stems.sort();
    stems.dedup();
    stems
}

fn folded_words(text: &str) -> Vec<String> {
    words(text).into_iter().map(|w| w.folded).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jargon_names_professional_terms_with_a_plain_word() {
        let jargon = super::jargon();
        let find = |word: &str| jargon.iter().find(|(term, _)| term == word).cloned();
        let (_, plain) = find("schuldhulpverlening").expect("a professional term");
        assert!(plain.is_some());
        assert!(find("wsnp").is_some(), "abbreviations are jargon");
        assert!(find("schulden").is_none(), "plain words are not");
        for (term, plain) in &jargon {
            let plain = plain.as_deref().unwrap_or_default();
            assert!(!is_personal(plain), "{term}: {plain:?} is a search phrase about a person, not a plainer word");
        }
    }

    #[test]
    fn the_builtin_vocabulary_parses_and_is_large() {
        let vocabulary = Vocabulary::builtin();
        assert!(vocabulary.len() >= 300, "{} entries", vocabulary.len());
    }

    #[test]
    fn terms_match_by_stems_in_any_order_with_words_between() {
        let mut v = Vocabulary::parse(
            "term,expands_to,kind\nhuur,huurachterstand,lay\nhuur niet betalen,schuldhulpverlening|budgetbeheer,lay\nkind gepest,pesten,lay\n",
        )
        .unwrap();
        let analyzer = crate::analysis::Analyzer::builtin();
        v.compile(|w| analyzer.stem(w), crate::analysis::is_stop_word);
        let stems = |text: &str| {
            let words: Vec<String> = crate::analysis::words(text).into_iter().map(|w| w.folded).collect();
            match_stems(&words, |w| analyzer.stem(w), crate::analysis::is_stop_word)
        };
        let found = v.find(&stems("ik kan mijn huur niet betalen"));
        assert_eq!(found.iter().map(|m| m.term.as_str()).collect::<Vec<_>>(), ["huur niet betalen", "huur"]);
        assert_eq!(found[0].expansions, [vec!["schuldhulpverlening".to_owned()], vec!["budgetbeheer".to_owned()]]);
        assert_eq!(v.find(&stems("mijn kind wordt vaak gepest op school")).len(), 1, "other words between");
        assert!(v.find(&stems("gepest")).is_empty(), "every content word of a term must occur");
        let found = v.find(&stems("ik wil mijn huur betalen"));
        assert_eq!(found.iter().map(|m| m.term.as_str()).collect::<Vec<_>>(), ["huur"], "a negation must occur too");
    }

    #[test]
    fn bad_files_name_the_line() {
        let error = Vocabulary::parse("term,expands_to,kind\ngeld,schulden,lay\nhuur,,lay\n").unwrap_err();
        assert!(error.to_string().contains("line 3"), "{error}");
        assert!(Vocabulary::parse("a,b\n").is_err());
    }
}
