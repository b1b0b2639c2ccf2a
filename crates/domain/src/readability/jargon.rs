//! Finding jargon in a provider's text. Residents do not know the words of the
//! social domain ("indicatie", "maatwerkvoorziening"); editors keep a list of such
//! terms, with a plainer word where there is one, and the portal points them out
//! while the provider writes.

use super::text::{Word, fold, words};
use serde::Serialize;

/// Terms of at least this many letters are also found inside compounds
/// ("schuldhulpverleningstraject" contains "schuldhulpverlening"). Shorter terms only
/// match whole words or hyphenated parts: "wmo" inside "twmoeder" would be noise.
const COMPOUND_MIN_LETTERS: usize = 8;

/// A list of jargon terms, each with an optional plainer alternative. Build it once
/// and reuse it for every text.
#[derive(Debug, Clone, Default)]
pub struct JargonList {
    terms: Vec<Term>,
}

/// One term, prepared for matching.
#[derive(Debug, Clone)]
struct Term {
    /// The folded words of the term; more than one for "persoonsgebonden budget".
    words: Vec<Vec<char>>,
    /// Whether the term is also looked for inside longer words.
    in_compounds: bool,
    /// The plainer alternative.
    plain: Option<String>,
}

impl JargonList {
    /// Builds the list from (term, plainer alternative) pairs. Case and accents of the
    /// terms do not matter; a term without letters or digits is skipped, and of two
    /// terms that are the same after folding only the first is kept.
    pub fn new(pairs: impl IntoIterator<Item = (String, Option<String>)>) -> Self {
        let mut terms: Vec<Term> = Vec::new();
        for (term, plain) in pairs {
            let folded: String = term.chars().map(fold).collect();
            let term_words: Vec<Vec<char>> = words(&folded).iter().map(|w| w.text.chars().collect()).collect();
            if term_words.is_empty() || terms.iter().any(|t| t.words == term_words) {
                continue;
            }
            let in_compounds = term_words.len() == 1
                && term_words[0].iter().filter(|c| c.is_alphabetic()).count() >= COMPOUND_MIN_LETTERS;
            let plain = plain.map(|p| p.trim().to_owned()).filter(|p| !p.is_empty());
            terms.push(Term { words: term_words, in_compounds, plain });
        }
        Self { terms }
    }

    /// The number of distinct terms.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// Whether the list has no terms, so checking a text is pointless.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// A jargon term found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JargonHit {
    /// The matching part of the text as typed, e.g. "Schuldhulpverlening" inside
    /// "Schuldhulpverleningstraject", so the page can quote the provider's own words.
    pub word: String,
    /// A plainer alternative, if the list has one.
    pub plain: Option<String>,
}

/// The terms of `jargon` that occur in `text`, each once, in order of first appearance.
/// Matching ignores case and accents and respects word boundaries, except that terms
/// of eight letters or more are also found inside compounds. Where two terms overlap
/// ("hulpverlening" inside "schuldhulpverlening"), only the longer one is reported there.
pub fn jargon_in(text: &str, jargon: &JargonList) -> Vec<JargonHit> {
    if jargon.is_empty() {
        return Vec::new();
    }
    let text_words: Vec<FoldedWord> = words(text).iter().map(FoldedWord::new).collect();
    let mut found: Vec<Match> = Vec::new();
    for (at, word) in text_words.iter().enumerate() {
        for (term_index, term) in jargon.terms.iter().enumerate() {
            if let Some((start, end)) = match_at(&text_words, at, word, term) {
                found.push(Match { start, end, term_index });
            }
        }
    }
    // Earliest first; at the same place the longest, so it can cover the shorter ones.
    found.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut accepted: Vec<Match> = Vec::new();
    for m in found {
        let reported = accepted.iter().any(|a| a.term_index == m.term_index);
        let covered = accepted.iter().any(|a| a.start <= m.start && m.end <= a.end);
        if !reported && !covered {
            accepted.push(m);
        }
    }
    accepted
        .into_iter()
        .map(|m| JargonHit { word: text[m.start..m.end].to_owned(), plain: jargon.terms[m.term_index].plain.clone() })
        .collect()
}

/// A place in the text where a term matched, as byte offsets.
#[derive(Debug, Clone, Copy)]
struct Match {
    start: usize,
    end: usize,
    term_index: usize,
}

/// A word of the text, folded, with the byte offset of every character so a match in
/// the folded form can be cut from the text as typed.
struct FoldedWord {
    chars: Vec<char>,
    /// `offsets[k]` is where `chars[k]` starts; one extra entry for the end of the word.
    offsets: Vec<usize>,
}

impl FoldedWord {
    fn new(word: &Word<'_>) -> Self {
        let (mut offsets, chars): (Vec<usize>, Vec<char>) =
            word.text.char_indices().map(|(i, c)| (word.start + i, fold(c))).unzip();
        offsets.push(word.end());
        Self { chars, offsets }
    }

    /// The byte range of the characters `from..to`.
    fn span(&self, from: usize, to: usize) -> (usize, usize) {
        (self.offsets[from], self.offsets[to])
    }
}

/// Where `term` matches starting in the word at index `at`, if it does.
fn match_at(text_words: &[FoldedWord], at: usize, word: &FoldedWord, term: &Term) -> Option<(usize, usize)> {
    if let [only] = term.words.as_slice() {
        return match_one_word(word, only, term.in_compounds);
    }
    let following = text_words.get(at..at + term.words.len())?;
    if following.iter().zip(&term.words).all(|(w, t)| &w.chars == t) {
        let last = following.last()?;
        return Some((word.offsets[0], last.offsets[last.chars.len()]));
    }
    None
}

/// Where a one-word term matches inside `word`: the whole word, one of its hyphenated
/// parts ("Wmo" in "Wmo-consulent"), or for long terms any part of a compound.
fn match_one_word(word: &FoldedWord, term: &[char], in_compounds: bool) -> Option<(usize, usize)> {
    if word.chars == term {
        return Some(word.span(0, word.chars.len()));
    }
    if in_compounds {
        let from = word.chars.windows(term.len()).position(|w| w == term)?;
        return Some(word.span(from, from + term.len()));
    }
    let mut part_start = 0;
    for (k, c) in word.chars.iter().chain(std::iter::once(&'-')).enumerate() {
        if !c.is_alphanumeric() {
            if word.chars[part_start..k] == *term {
                return Some(word.span(part_start, k));
            }
            part_start = k + 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{JargonHit, JargonList, jargon_in};

    fn list(pairs: &[(&str, Option<&str>)]) -> JargonList {
        JargonList::new(pairs.iter().map(|(t, p)| ((*t).to_owned(), p.map(str::to_owned))))
    }

    fn words_found(text: &str, jargon: &JargonList) -> Vec<String> {
        jargon_in(text, jargon).into_iter().map(|h| h.word).collect()
    }

    #[test]
    fn terms_are_found_whatever_their_case_and_accents() {
        let jargon = list(&[("indicatie", Some("toestemming")), ("cliënt", None)]);
        assert_eq!(
            jargon_in("U heeft een INDICATIE nodig. Elke client krijgt hulp.", &jargon),
            [
                JargonHit { word: "INDICATIE".into(), plain: Some("toestemming".into()) },
                JargonHit { word: "client".into(), plain: None },
            ]
        );
    }

    #[test]
    fn short_terms_match_whole_words_and_hyphenated_parts_only() {
        let jargon = list(&[("wmo", Some("wet voor hulp thuis")), ("pgb", None)]);
        assert_eq!(words_found("De Wmo-consulent komt langs.", &jargon), ["Wmo"]);
        assert!(words_found("De twmoeder en pgbx tellen niet.", &jargon).is_empty());
    }

    #[test]
    fn long_terms_are_found_inside_compounds() {
        let jargon = list(&[("schuldhulpverlening", Some("hulp bij schulden"))]);
        assert_eq!(
            jargon_in("Het Schuldhulpverleningstraject duurt lang.", &jargon),
            [JargonHit { word: "Schuldhulpverlening".into(), plain: Some("hulp bij schulden".into()) }]
        );
    }

    #[test]
    fn each_term_is_reported_once_in_order_of_first_appearance() {
        let jargon = list(&[("mantelzorg", None), ("indicatie", None)]);
        assert_eq!(
            words_found("Een indicatie voor mantelzorg. Nog een Indicatie en mantelzorgers.", &jargon),
            ["indicatie", "mantelzorg"]
        );
    }

    #[test]
    fn multi_word_terms_match_consecutive_words() {
        let jargon = list(&[("persoonsgebonden budget", Some("geld voor zorg"))]);
        assert_eq!(words_found("Vraag een Persoonsgebonden  Budget aan.", &jargon), ["Persoonsgebonden  Budget"]);
        assert!(words_found("Het budget is persoonsgebonden.", &jargon).is_empty());
    }

    #[test]
    fn a_longer_overlapping_term_hides_the_shorter_one_at_that_place() {
        let jargon = list(&[("hulpverlening", Some("hulp")), ("schuldhulpverlening", Some("hulp bij schulden"))]);
        assert_eq!(
            words_found("Schuldhulpverlening is een vorm van hulpverlening.", &jargon),
            ["Schuldhulpverlening", "hulpverlening"]
        );
        assert_eq!(words_found("Schuldhulpverlening helpt.", &jargon), ["Schuldhulpverlening"]);
    }

    #[test]
    fn duplicate_and_empty_terms_are_dropped() {
        let jargon = list(&[("Indicatie", Some("toestemming")), ("indicatie", Some("besluit")), (" - ", None)]);
        assert_eq!(jargon.len(), 1);
        assert_eq!(jargon_in("indicatie", &jargon)[0].plain.as_deref(), Some("toestemming"));
        assert!(jargon_in("indicatie", &JargonList::default()).is_empty());
    }
}
