//! Words and letters as the readability checks see them. The syllable count, the
//! sentence length and the jargon search must agree on what one word is, so the word
//! splitting and the letter folding live here once.

/// One word of a text, as typed, with its byte offset in that text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Word<'a> {
    /// Byte offset of the first character in the text that was split.
    pub start: usize,
    /// The word exactly as typed.
    pub text: &'a str,
}

impl Word<'_> {
    /// Byte offset just past the last character.
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

/// The words of `text`: runs of letters and digits. A hyphen or apostrophe between two
/// letters or digits stays inside the word ("e-mail", "auto's", "B1-niveau"), and so do
/// a comma or dot between two digits, so "7,50" and "10.000" are one word each.
pub(super) fn words(text: &str) -> Vec<Word<'_>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (k, &(i, c)) in chars.iter().enumerate() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
            continue;
        }
        let Some(s) = start else { continue };
        let prev = chars[k - 1].1;
        let next = chars.get(k + 1).map(|&(_, n)| n);
        let joins = match c {
            '-' | '\u{2010}' | '\'' | '\u{2019}' => next.is_some_and(char::is_alphanumeric),
            '.' | ',' => prev.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit()),
            _ => false,
        };
        if !joins {
            out.push(Word { start: s, text: &text[s..i] });
            start = None;
        }
    }
    if let Some(s) = start {
        out.push(Word { start: s, text: &text[s..] });
    }
    out
}

/// Lowercases one character and drops its accent, so "É", "é" and "ë" all become "e";
/// typographic hyphens and apostrophes become their ASCII forms. Always one character
/// for one, so positions in a folded word map back to the text as typed.
pub(super) fn fold(c: char) -> char {
    let lower = c.to_lowercase().next().unwrap_or(c);
    match lower {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' => 'e',
        'í' | 'ì' | 'î' | 'ï' | 'ī' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' => 'o',
        'ú' | 'ù' | 'û' | 'ü' | 'ū' => 'u',
        'ý' | 'ÿ' => 'y',
        'ç' | 'ć' | 'č' => 'c',
        'ñ' | 'ń' => 'n',
        'š' | 'ś' => 's',
        'ž' | 'ź' | 'ż' => 'z',
        '\u{2010}' => '-',
        '\u{2019}' => '\'',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::{fold, words};

    fn texts(text: &str) -> Vec<&str> {
        words(text).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn punctuation_and_spaces_separate_words() {
        assert_eq!(texts("Bel ons: (020) 123!"), ["Bel", "ons", "020", "123"]);
        assert_eq!(texts("  huis,tuin  "), ["huis", "tuin"]);
    }

    #[test]
    fn inner_hyphens_apostrophes_and_decimals_stay_inside_a_word() {
        assert_eq!(texts("Stuur een e-mail over auto’s."), ["Stuur", "een", "e-mail", "over", "auto’s"]);
        assert_eq!(texts("Het kost €7,50 of 7.50 of 10.000."), ["Het", "kost", "7,50", "of", "7.50", "of", "10.000"]);
        assert_eq!(texts("'s avonds - of niet"), ["s", "avonds", "of", "niet"]);
        assert_eq!(texts("jong- en oud"), ["jong", "en", "oud"]);
    }

    #[test]
    fn offsets_point_into_the_text_as_typed() {
        let text = "Één café";
        let found = words(text);
        assert_eq!(found[1].start, text.find("café").unwrap());
        assert_eq!(&text[found[1].start..found[1].end()], "café");
    }

    #[test]
    fn folding_removes_case_and_accents_one_char_for_one() {
        let folded: String = "ÉÉN Geïnteresseerd’s".chars().map(fold).collect();
        assert_eq!(folded, "een geinteresseerd's");
    }
}
