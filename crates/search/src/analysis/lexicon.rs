//! The compound lexicon: known Dutch words, used to split compounds into parts.
//!
//! Dutch writes compounds as one word ("schuldhulpverlening", "boodschappendienst",
//! "ontmoetingsactiviteiten"), and no stemmer splits them. A word is split where both
//! sides are known words — optionally with the linking "s" of "ontmoeting-s-activiteiten"
//! — preferring the most balanced split, and each side is split again. The word list is
//! OpenTaal's (see `data/SOURCE.md`), held as a finite-state set: about 1 MB in memory
//! for 350,000 words.

use fst::Set;
use std::sync::{Arc, OnceLock};

/// The embedded word list: folded, sorted, one word per line.
const BUILTIN: &str = include_str!("../../data/lexicon-nl.txt");

/// Parts shorter than this are not split off: three-letter "words" such as "ver" or
/// "ing" would turn "verlening" into noise.
const MIN_PART: usize = 4;

/// How deep compounds are split: "schuld|hulp|verlening" needs two levels.
const MAX_DEPTH: usize = 3;

/// A set of known words. Cheap to clone.
#[derive(Clone)]
pub struct Lexicon {
    words: Arc<Set<Vec<u8>>>,
}

/// Why a word list could not be read.
#[derive(Debug, thiserror::Error)]
#[error("the word list is not sorted or not unique near line {line}")]
pub struct LexiconError {
    line: usize,
}

impl Lexicon {
    /// The embedded OpenTaal lexicon, built once on first use (about 100 ms).
    pub fn builtin() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| Lexicon::from_sorted_lines(BUILTIN).expect("the embedded lexicon is sorted"))
    }

    /// A lexicon from folded words, one per line, sorted bytewise without duplicates.
    pub fn from_sorted_lines(text: &str) -> Result<Self, LexiconError> {
        let mut builder = fst::SetBuilder::memory();
        for (n, word) in text.lines().map(str::trim).filter(|w| !w.is_empty()).enumerate() {
            builder.insert(word).map_err(|_| LexiconError { line: n + 1 })?;
        }
        let bytes = builder.into_inner().map_err(|_| LexiconError { line: 0 })?;
        let words = Set::new(bytes).map_err(|_| LexiconError { line: 0 })?;
        Ok(Self { words: Arc::new(words) })
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the lexicon is empty.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether the word is known.
    pub fn contains(&self, folded: &str) -> bool {
        self.words.contains(folded)
    }

    /// The parts of a compound, outer split first: "schuldhulpverlening" gives
    /// "schuld", "hulpverlening", "hulp", "verlening". Empty when the word cannot be
    /// split into known words.
    pub fn split(&self, folded: &str) -> Vec<String> {
        let mut parts = Vec::new();
        self.split_into(folded, 0, &mut parts);
        parts
    }

    fn split_into(&self, word: &str, depth: usize, parts: &mut Vec<String>) {
        if depth >= MAX_DEPTH || word.len() < 2 * MIN_PART || !word.bytes().all(|b| b.is_ascii_lowercase()) {
            return;
        }
        let Some((left, right)) = self.best_split(word) else { return };
        for part in [left, right] {
            if !parts.iter().any(|p| p == part) {
                parts.push(part.to_owned());
            }
        }
        self.split_into(left, depth + 1, parts);
        self.split_into(right, depth + 1, parts);
    }

    /// The split with the longest shorter side; on a tie the longer head (right side),
    /// because Dutch compounds put the main word last.
    fn best_split<'w>(&self, word: &'w str) -> Option<(&'w str, &'w str)> {
        let mut best: Option<(&str, &str)> = None;
        for at in MIN_PART..=word.len() - MIN_PART {
            let right = &word[at..];
            if !self.contains(right) {
                continue;
            }
            let left = &word[..at];
            let left = if self.contains(left) {
                left
            } else if let Some(stem) = left.strip_suffix('s').filter(|s| s.len() >= MIN_PART && self.contains(s)) {
                stem
            } else {
                continue;
            };
            let better = match best {
                None => true,
                Some((l, r)) => left.len().min(right.len()) > l.len().min(r.len()),
            };
            if better {
                best = Some((left, right));
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> &'static Lexicon {
        Lexicon::builtin()
    }

    #[test]
    fn splits_compounds_into_known_words_at_every_level() {
        let parts = lexicon().split("schuldhulpverlening");
        for part in ["schuld", "hulp", "verlening"] {
            assert!(parts.iter().any(|p| p == part), "{part} missing in {parts:?}");
        }
        assert_eq!(lexicon().split("boodschappendienst")[..2], ["boodschappen", "dienst"]);
        let parts = lexicon().split("mantelzorgondersteuning");
        assert!(parts.iter().any(|p| p == "mantelzorg"), "{parts:?}");
        assert!(parts.iter().any(|p| p == "ondersteuning"), "{parts:?}");
    }

    #[test]
    fn the_linking_s_is_dropped_from_the_first_part() {
        let parts = lexicon().split("ontmoetingsactiviteiten");
        assert!(parts.iter().any(|p| p == "ontmoeting"), "{parts:?}");
        assert!(parts.iter().any(|p| p == "activiteiten"), "{parts:?}");
    }

    #[test]
    fn plain_words_and_short_words_are_not_split() {
        assert!(lexicon().split("gemeente").is_empty());
        assert!(lexicon().split("hulp").is_empty());
        assert!(lexicon().split("2171").is_empty());
    }

    #[test]
    fn an_unsorted_word_list_is_refused_with_its_line() {
        let error = Lexicon::from_sorted_lines("zorg\nhulp\n").err().expect("unsorted");
        assert!(error.to_string().contains("line 2"), "{error}");
    }
}
