//! A plain-language check for the provider portal. Many residents who look for help
//! read at B1 level or below, so the portal tells providers how hard their text is to
//! read, which sentences are too long and which words are jargon. It only measures;
//! the web layer decides how to show the results.

mod jargon;
mod sentences;
mod syllables;
mod text;

pub use jargon::{JargonHit, JargonList, jargon_in};

use serde::Serialize;

/// Sentences with more words than this are listed as long. Dutch plain-language
/// guidelines (e.g. Rijksoverheid, "Direct duidelijk") advise at most 15 to 20 words.
pub const LONG_SENTENCE_WORDS: usize = 20;

/// How readable a text is, by the Flesch-Douma formula.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Readability {
    /// The Flesch-Douma score, from 0 (very hard) to 100 (very easy).
    pub score: f64,
    /// The number of words.
    pub words: usize,
    /// The number of sentences.
    pub sentences: usize,
    /// The number of syllables, counted by rule, so an estimate for loan words.
    pub syllables: usize,
    /// The sentences of more than [`LONG_SENTENCE_WORDS`] words, as typed (trimmed).
    pub long_sentences: Vec<String>,
}

impl Readability {
    /// The band the score falls in.
    pub fn level(&self) -> Level {
        Level::from_score(self.score)
    }
}

/// Scores `text` with Flesch-Douma, the Dutch adaptation of Flesch Reading Ease
/// (W.H. Douma, 1960): 206.835 − 0.93 × (words / sentences) − 77 × (syllables / words),
/// limited to 0..=100. `None` when the text has no words, because a score of an empty
/// text would mislead.
///
/// The score is a rough guide: it only sees word and sentence length, not whether the
/// words are familiar. Use it together with [`jargon_in`].
pub fn flesch_douma(text: &str) -> Option<Readability> {
    let mut words = 0;
    let mut syllables = 0;
    let mut sentence_count = 0;
    let mut long_sentences = Vec::new();
    for sentence in sentences::sentences(text) {
        let sentence_words = text::words(sentence);
        if sentence_words.is_empty() {
            continue;
        }
        sentence_count += 1;
        words += sentence_words.len();
        syllables += sentence_words.iter().map(|w| syllables::count(w.text)).sum::<usize>();
        if sentence_words.len() > LONG_SENTENCE_WORDS {
            long_sentences.push(sentence.to_owned());
        }
    }
    if words == 0 {
        return None;
    }
    let words_per_sentence = words as f64 / sentence_count as f64;
    let syllables_per_word = syllables as f64 / words as f64;
    let score = 206.835 - 0.93 * words_per_sentence - 77.0 * syllables_per_word;
    Some(Readability { score: score.clamp(0.0, 100.0), words, sentences: sentence_count, syllables, long_sentences })
}

/// A band of Flesch-Douma scores, for a simple verdict in the portal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Readable for most adults, about B1 or easier.
    Easy,
    /// Readable with some effort; worth simplifying for a broad audience.
    Fair,
    /// Hard for many residents; should be rewritten.
    Hard,
}

/// The lowest score of each band, from easy to hard; the only place the bands are set.
///
/// The usual interpretation table for Flesch-Douma (as used in Dutch readability tools
/// and plain-language guides) calls 60–70 "normal" and 70 and up "easy" to "very easy",
/// 45–60 "fairly difficult" and below 45 "difficult" (below 30: academic). The boundary
/// of 60 for B1 is an interpretation, not an official CEFR mapping: no formula can
/// certify a language level.
const BANDS: [(f64, Level); 3] = [(60.0, Level::Easy), (45.0, Level::Fair), (f64::NEG_INFINITY, Level::Hard)];

impl Level {
    /// The band of a Flesch-Douma score.
    pub fn from_score(score: f64) -> Self {
        BANDS.iter().find(|(lowest, _)| score >= *lowest).map_or(Self::Hard, |&(_, level)| level)
    }

    /// Stable code, for translation keys and CSS classes (`readability.level.easy`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Easy => "easy",
            Self::Fair => "fair",
            Self::Hard => "hard",
        }
    }

    /// The lowest score that still falls in this band.
    pub fn lowest_score(self) -> f64 {
        BANDS.iter().find(|(_, level)| *level == self).map_or(0.0, |&(lowest, _)| lowest.max(0.0))
    }
}

#[cfg(test)]
mod tests {
    use super::{Level, flesch_douma};

    #[test]
    fn empty_text_has_no_score() {
        assert_eq!(flesch_douma(""), None);
        assert_eq!(flesch_douma("  ...\n - "), None);
    }

    #[test]
    fn score_follows_the_flesch_douma_formula() {
        // wij(1) hel-pen(2) u(1) met(1) schuld-hulp-ver-le-ning(5): 5 words, 10
        // syllables, 1 sentence: 206.835 - 0.93 * 5 - 77 * 2 = 48.185.
        let r = flesch_douma("Wij helpen u met schuldhulpverlening.").unwrap();
        assert_eq!((r.words, r.sentences, r.syllables), (5, 1, 10));
        assert!((r.score - 48.185).abs() < 1e-9, "{}", r.score);
        assert_eq!(r.level(), Level::Fair);
        assert!(r.long_sentences.is_empty());
    }

    #[test]
    fn averages_run_over_all_sentences() {
        // Bel ons(2 words, 2 syllables). Wij zijn er voor u(5 words, 5 syllables).
        // 7 words, 2 sentences, 7 syllables: 206.835 - 0.93 * 3.5 - 77 = 126.58 -> 100.
        let r = flesch_douma("Bel ons. Wij zijn er voor u.").unwrap();
        assert_eq!((r.words, r.sentences, r.syllables), (7, 2, 7));
        assert_eq!(r.score, 100.0);
        assert_eq!(r.level(), Level::Easy);
    }

    #[test]
    fn score_is_never_below_zero() {
        // 2 words of 5 and 7 syllables: 206.835 - 1.86 - 77 * 6 is far below 0.
        let r = flesch_douma("Schuldhulpverlening mantelzorgondersteuning").unwrap();
        assert_eq!(r.syllables, 12);
        assert_eq!(r.score, 0.0);
        assert_eq!(r.level(), Level::Hard);
    }

    #[test]
    fn sentences_of_more_than_twenty_words_are_listed_as_typed() {
        let twenty = "een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien \
                      vijftien zestien zeventien achttien negentien twintig";
        let long = format!("Dit zijn er {twenty}!");
        let text = format!("{twenty}. Kort.\n{long}");
        let r = flesch_douma(&text).unwrap();
        assert_eq!(r.sentences, 3);
        assert_eq!(r.long_sentences, [long]);
    }

    #[test]
    fn bands_have_inclusive_lower_bounds() {
        assert_eq!(Level::from_score(100.0), Level::Easy);
        assert_eq!(Level::from_score(60.0), Level::Easy);
        assert_eq!(Level::from_score(59.99), Level::Fair);
        assert_eq!(Level::from_score(45.0), Level::Fair);
        assert_eq!(Level::from_score(44.99), Level::Hard);
        assert_eq!(Level::from_score(0.0), Level::Hard);
        assert_eq!(Level::Fair.lowest_score(), 45.0);
        assert_eq!(Level::Hard.lowest_score(), 0.0);
        assert_eq!(Level::Easy.code(), "easy");
    }
}
