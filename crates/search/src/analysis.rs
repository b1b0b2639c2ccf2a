//! Dutch text analysis shared by indexing and querying: words, folding, stop words,
//! stemming and compound splitting.
//!
//! Residents and services rarely use the same form of a word: "geldproblemen" against
//! "geldprobleem", "één" against "een", "schuldhulp" against "schuldhulpverlening". Both
//! sides therefore go through the same steps: cut the text into [`Word`]s, fold case and
//! accents, drop function words, and reduce each word to its stem. Compound words are
//! additionally split into their parts on the index side (see [`Lexicon`]), so that a
//! part the resident types finds the compound the service wrote.

mod fold;
mod lexicon;
mod stop_words;
mod tokenizer;

pub use fold::fold;
pub use lexicon::Lexicon;
pub use stop_words::is_stop_word;
pub use tokenizer::{DutchTokenizer, TokenizerKind};

use rust_stemmers::{Algorithm, Stemmer};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

/// Words longer than this are not indexed or searched: no Dutch word needs more, and a
/// 10,000-letter "word" in a query must not reach the term dictionary.
pub const MAX_WORD_BYTES: usize = 48;

/// One word of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Lowercase, accents removed: "geinteresseerd".
    pub folded: String,
    /// Byte range of the word in the original text.
    pub start: usize,
    /// End of the byte range (exclusive).
    pub end: usize,
    /// Whether the original starts with a capital letter ("Warmond", "Best").
    pub capitalised: bool,
}

/// Cuts a text into words: runs of letters and digits (combining accents belong to the
/// word they follow), folded to lowercase ASCII where a Latin letter has a base form.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    let is_word_char = |c: char| c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c);
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (start, is_word_char(c)) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                start = None;
                let raw = &text[s..i];
                if raw.len() > MAX_WORD_BYTES {
                    continue;
                }
                let folded = fold(raw);
                if folded.is_empty() {
                    continue;
                }
                let capitalised = raw.chars().next().is_some_and(char::is_uppercase);
                out.push(Word { folded, start: s, end: i, capitalised });
            }
            _ => {}
        }
    }
    out
}

/// The Dutch analyser: a stemmer and the compound lexicon. Cheap to clone.
#[derive(Clone)]
pub struct Analyzer {
    inner: Arc<Inner>,
}

struct Inner {
    stemmer: Stemmer,
    lexicon: Lexicon,
    /// Compound splits already worked out: texts repeat the same words endlessly, and
    /// a split costs dozens of lexicon look-ups.
    splits: RwLock<HashMap<String, Arc<[String]>>>,
    /// Stems already worked out, for the same reason.
    stems: RwLock<HashMap<String, Arc<str>>>,
}

/// Beyond this many remembered splits (or stems) a cache starts afresh, bounding its memory.
const MAX_CACHED_SPLITS: usize = 200_000;

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer").field("lexicon_words", &self.inner.lexicon.len()).finish()
    }
}

impl Analyzer {
    /// An analyser with the given compound lexicon.
    pub fn new(lexicon: Lexicon) -> Self {
        // The Porter-style Dutch stemmer of rust-stemmers, not tantivy's newer Snowball
        // one: the latter strips "ge" so eagerly that "gemeente" becomes "meen" and
        // "geldproblemen" "ldproblem" (see STACK.md).
        Self {
            inner: Arc::new(Inner {
                stemmer: Stemmer::create(Algorithm::Dutch),
                lexicon,
                splits: RwLock::new(HashMap::new()),
                stems: RwLock::new(HashMap::new()),
            }),
        }
    }

    /// The analyser with the embedded OpenTaal lexicon.
    pub fn builtin() -> Self {
        Self::new(Lexicon::builtin().clone())
    }

    /// The stem of a folded word: "geldproblemen" → "geldproblem".
    pub fn stem(&self, folded: &str) -> String {
        if folded.bytes().any(|b| b.is_ascii_digit()) {
            return folded.to_owned();
        }
        if let Some(stem) = self.inner.stems.read().ok().and_then(|cache| cache.get(folded).cloned()) {
            return stem.to_string();
        }
        let stem = self.inner.stemmer.stem(folded).into_owned();
        if let Ok(mut cache) = self.inner.stems.write() {
            if cache.len() >= MAX_CACHED_SPLITS {
                cache.clear();
            }
            cache.insert(folded.to_owned(), stem.as_str().into());
        }
        stem
    }

    /// The parts of a compound word, largest first, without the word itself; empty for
    /// a word that is not a compound of known words.
    pub fn compound_parts(&self, folded: &str) -> Arc<[String]> {
        if let Some(parts) = self.inner.splits.read().ok().and_then(|cache| cache.get(folded).cloned()) {
            return parts;
        }
        let parts: Arc<[String]> = self.inner.lexicon.split(folded).into();
        if let Ok(mut cache) = self.inner.splits.write() {
            if cache.len() >= MAX_CACHED_SPLITS {
                cache.clear();
            }
            cache.insert(folded.to_owned(), parts.clone());
        }
        parts
    }

    /// Whether the lexicon knows this folded word as an ordinary Dutch word.
    pub fn is_dictionary_word(&self, folded: &str) -> bool {
        self.inner.lexicon.contains(folded)
    }

    /// The stems of the content words of a text, in order: stop words dropped.
    pub fn stems(&self, text: &str) -> Vec<String> {
        words(text).into_iter().filter(|w| !is_stop_word(&w.folded)).map(|w| self.stem(&w.folded)).collect()
    }
}

#[cfg(test)]
mod tests;
