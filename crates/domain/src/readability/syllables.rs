//! Counting Dutch syllables without a dictionary. The Flesch-Douma score needs the
//! syllable count of every word a provider types, including compounds and names no
//! word list knows, so this counts vowel nuclei: a syllable has exactly one.

/// Vowel sequences of three letters that are one sound ("nieuw", "leeuw", "groei",
/// "mooi", "draai"). Tried before the two-letter ones, so "groeien" is oei + e.
const TRIGRAPHS: [&str; 5] = ["ieu", "eeu", "oei", "ooi", "aai"];

/// Vowel sequences of two letters that are one sound. "ij" is missing on purpose: the
/// "j" counts as a consonant, which gives the same count ("vrij", "bijeen" = bij-een).
/// "ai", "ay", "ey" and "oy" come from loan words ("e-mail", "hockey", "display") where
/// counting two syllables would always be wrong.
const DIGRAPHS: [&str; 15] = ["aa", "ee", "oo", "uu", "ie", "oe", "eu", "ui", "ei", "ou", "au", "ai", "ay", "ey", "oy"];

/// The number of syllables of one word as split by `text::words`; at least 1, so
/// abbreviations without vowels ("pgb", "nr") still weigh something.
/// A number ("7,50", "2026") counts as one syllable, like a short word.
pub(super) fn count(word: &str) -> usize {
    let chars: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
    let mut total = 0;
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            total += 1;
            i += 1;
            while i < chars.len() && (chars[i].is_ascii_digit() || is_digit_separator(&chars, i)) {
                i += 1;
            }
        } else if vowel(&chars, i).is_some() {
            let mut run = Vec::new();
            while let Some(v) = vowel(&chars, i) {
                run.push(v);
                i += 1;
            }
            total += nuclei(&run);
        } else {
            i += 1;
        }
    }
    total.max(1)
}

/// A comma or dot between digits, as in "7,50" and "10.000".
fn is_digit_separator(chars: &[char], i: usize) -> bool {
    matches!(chars[i], '.' | ',') && chars.get(i + 1).is_some_and(char::is_ascii_digit)
}

/// One vowel of a run: its letter without accent, and whether it carries a diaeresis.
#[derive(Debug, Clone, Copy)]
struct Vowel {
    base: char,
    diaeresis: bool,
}

/// The vowel at `i`, if there is a character and it is one. "y" before another vowel is a consonant
/// ("yoga", "royaal"); elsewhere it is a vowel ("baby", "typisch").
fn vowel(chars: &[char], i: usize) -> Option<Vowel> {
    let (base, diaeresis) = match *chars.get(i)? {
        c @ ('a' | 'e' | 'i' | 'o' | 'u' | 'y') => (c, false),
        'á' | 'à' | 'â' | 'ã' | 'å' => ('a', false),
        'é' | 'è' | 'ê' => ('e', false),
        'í' | 'ì' | 'î' => ('i', false),
        'ó' | 'ò' | 'ô' | 'õ' => ('o', false),
        'ú' | 'ù' | 'û' => ('u', false),
        'ý' => ('y', false),
        'ä' => ('a', true),
        'ë' => ('e', true),
        'ï' => ('i', true),
        'ö' => ('o', true),
        'ü' => ('u', true),
        'ÿ' => ('y', true),
        _ => return None,
    };
    if base == 'y' && chars.get(i + 1).is_some_and(|&next| is_plain_vowel(next)) {
        return None;
    }
    Some(Vowel { base, diaeresis })
}

/// Whether `c` is a vowel letter, for the "y before a vowel" rule.
fn is_plain_vowel(c: char) -> bool {
    matches!(super::text::fold(c), 'a' | 'e' | 'i' | 'o' | 'u')
}

/// Syllable nuclei in one run of vowels. A diaeresis marks the start of a new syllable
/// ("ideeën" = i-dee-en, "geïnteresseerd" = ge-in-...), so the run is cut before every
/// vowel with a diaeresis that follows another vowel; each piece is then read from left
/// to right, taking the longest known vowel sequence each time.
fn nuclei(run: &[Vowel]) -> usize {
    let mut total = 0;
    let mut piece = String::new();
    for (k, v) in run.iter().enumerate() {
        if v.diaeresis && k > 0 {
            total += greedy_nuclei(&piece);
            piece.clear();
        }
        piece.push(v.base);
    }
    total + greedy_nuclei(&piece)
}

/// Nuclei in a piece of vowels without diaeresis, longest match first.
fn greedy_nuclei(piece: &str) -> usize {
    let mut rest = piece;
    let mut total = 0;
    while !rest.is_empty() {
        let len = if TRIGRAPHS.iter().any(|t| rest.starts_with(t)) {
            3
        } else if DIGRAPHS.iter().any(|d| rest.starts_with(d)) {
            2
        } else {
            1
        };
        // Every vowel letter handled here is ASCII, so byte and letter counts agree.
        rest = &rest[len..];
        total += 1;
    }
    total
}

#[cfg(test)]
mod tests {
    use super::count;

    /// Each expectation was split by hand, following the Dutch hyphenation rules.
    #[test]
    fn common_dutch_words_have_the_syllables_a_reader_hears() {
        for (word, expected) in [
            ("schuldhulpverlening", 5), // schuld-hulp-ver-le-ning
            ("mantelzorg", 3),          // man-tel-zorg
            ("vrijwilliger", 4),        // vrij-wil-li-ger
            ("gemeente", 3),            // ge-meen-te
            ("oefenen", 3),             // oe-fe-nen
            ("huis", 1),
            ("maaltijd", 2),    // maal-tijd
            ("uitkering", 3),   // uit-ke-ring
            ("organisatie", 5), // or-ga-ni-sa-tie
            ("situatie", 4),    // si-tu-a-tie
            ("sociaal", 3),     // so-ci-aal
            ("theater", 3),     // the-a-ter
            ("bijeen", 2),      // bij-een
            ("jij", 1),
            ("u", 1),
        ] {
            assert_eq!(count(word), expected, "{word}");
        }
    }

    #[test]
    fn long_vowel_sequences_are_one_sound() {
        for (word, expected) in [
            ("nieuw", 1),
            ("leeuwen", 2), // leeu-wen
            ("mooi", 1),
            ("draaien", 2), // draai-en
            ("groeien", 2), // groei-en
            ("beurt", 1),
            ("hout", 1),
            ("auto", 2), // au-to
        ] {
            assert_eq!(count(word), expected, "{word}");
        }
    }

    #[test]
    fn a_diaeresis_starts_a_new_syllable() {
        for (word, expected) in [
            ("geïnteresseerd", 5), // ge-ïn-te-res-seerd
            ("ideeën", 3),         // i-dee-ën
            ("zeeën", 2),          // zee-ën
            ("België", 3),         // Bel-gi-ë
            ("financiële", 5),     // fi-nan-ci-ë-le
            ("coördinator", 5),    // co-ör-di-na-tor
            ("ruïne", 3),          // ru-ï-ne
            ("Geïnteresseerd", 5),
        ] {
            assert_eq!(count(word), expected, "{word}");
        }
    }

    #[test]
    fn other_accents_do_not_split() {
        assert_eq!(count("één"), 1);
        assert_eq!(count("vóór"), 1);
        assert_eq!(count("café"), 2); // ca-fé
    }

    #[test]
    fn y_is_a_consonant_before_a_vowel_and_a_vowel_elsewhere() {
        assert_eq!(count("yoga"), 2); // yo-ga
        assert_eq!(count("royaal"), 2); // ro-yaal
        assert_eq!(count("baby"), 2); // ba-by
        assert_eq!(count("hockey"), 2); // hoc-key
    }

    #[test]
    fn numbers_and_words_without_vowels_count_once() {
        assert_eq!(count("7,50"), 1);
        assert_eq!(count("10.000"), 1);
        assert_eq!(count("2026"), 1);
        assert_eq!(count("pgb"), 1);
        assert_eq!(count("B1"), 1);
        assert_eq!(count("e-mail"), 2); // ie-meel
    }
}
