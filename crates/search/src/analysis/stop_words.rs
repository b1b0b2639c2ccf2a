//! Function words that carry no meaning on their own in a search for help.
//!
//! The Dutch list is Snowball's (the one tantivy ships). "niet", "geen" and "zonder"
//! are on it: in "ik kan mijn huur niet betalen" the meaning sits in "huur" and
//! "betalen", and the vocabulary matches whole phrases such as "huur niet betalen"
//! before stop words are dropped. A few English function words are added for expat
//! residents ("help for my mother with dementia").

/// Whether a folded word is a stop word.
pub fn is_stop_word(folded: &str) -> bool {
    DUTCH.binary_search(&folded).is_ok() || ENGLISH.binary_search(&folded).is_ok()
}

/// Snowball's Dutch stop words, folded and sorted.
const DUTCH: &[&str] = &[
    "aan", "al", "alles", "als", "altijd", "andere", "ben", "bij", "daar", "dan", "dat", "de", "der", "deze", "die",
    "dit", "doch", "doen", "door", "dus", "een", "eens", "en", "er", "ge", "geen", "geweest", "haar", "had", "heb",
    "hebben", "heeft", "hem", "het", "hier", "hij", "hoe", "hun", "iemand", "iets", "ik", "in", "is", "ja", "je",
    "kan", "kon", "kunnen", "maar", "me", "meer", "men", "met", "mij", "mijn", "moet", "na", "naar", "niet", "niets",
    "nog", "nu", "of", "om", "omdat", "onder", "ons", "ook", "op", "over", "reeds", "te", "tegen", "toch", "toen",
    "tot", "u", "uit", "uw", "van", "veel", "voor", "want", "waren", "was", "wat", "werd", "wezen", "wie", "wil",
    "worden", "wordt", "zal", "ze", "zelf", "zich", "zij", "zijn", "zo", "zonder", "zou",
];

/// English function words, sorted.
const ENGLISH: &[&str] = &[
    "a", "an", "and", "are", "at", "can", "do", "for", "from", "i", "is", "it", "my", "of", "on", "or", "our", "the",
    "their", "to", "with", "your",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_for_binary_search() {
        assert!(DUTCH.windows(2).all(|w| w[0] < w[1]));
        assert!(ENGLISH.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn function_words_are_stop_words_and_content_words_are_not() {
        assert!(is_stop_word("mijn") && is_stop_word("niet") && is_stop_word("the"));
        assert!(!is_stop_word("huur") && !is_stop_word("betalen") && !is_stop_word("hulp"));
    }
}
