//! Splitting a text into sentences. Sentence length is half of the Flesch-Douma score
//! and the list of long sentences is what a provider acts on, so a dot in "bijv." or
//! "7.50" must not end a sentence, and a list typed one item per line must not become
//! one endless sentence.

/// Abbreviations that are written with a dot and do not end a sentence, lowercase and
/// without their final dot. Dutch official style (Taalunie) writes these with dots.
const ABBREVIATIONS: [&str; 45] = [
    "a.s", "bijv", "blz", "bv", "b.v", "ca", "d.w.z", "dhr", "dr", "drs", "e.a", "e.d", "e.v", "enz", "etc", "evt",
    "excl", "i.p.v", "i.v.m", "incl", "ing", "ir", "jl", "jr", "m.b.t", "m.i.v", "m.u.v", "max", "mevr", "min", "mr",
    "n.a.v", "nr", "o.a", "o.b.v", "plm", "prof", "resp", "sr", "st", "t.a.v", "t.o.v", "tel", "vgl", "z.s.m",
];

/// Abbreviations that often close a list at the very end of a sentence ("geld, wonen
/// enz. Bel ons"): after these a capital letter means a new sentence did start.
const LIST_ENDINGS: [&str; 5] = ["enz", "etc", "e.d", "e.a", "e.v"];

/// The sentences of `text`, each trimmed but otherwise as typed (with its final
/// punctuation). Pieces without a letter or digit, such as a lone "-", are left out.
///
/// A sentence ends at `!`, `?`, `;`, `…`, at a dot that is not part of an abbreviation,
/// initial ("J. de Vries", a single capital), number ("7.50") or address ("wegwijs.nl"), and at a line
/// break, unless the next line starts with a lowercase letter and so continues the
/// sentence. A blank line always ends one.
pub(super) fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let ends = match c {
            '!' | '?' | ';' | '…' => true,
            '.' => dot_ends_sentence(&text[..i], &text[i + 1..]),
            '\n' => {
                if line_break_ends_sentence(&text[i + 1..]) {
                    push(&mut out, &text[start..i]);
                    start = i + 1;
                }
                continue;
            }
            _ => false,
        };
        if ends {
            // "?!", "..." and a closing quote or bracket belong to the sentence they end.
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if !matches!(d, '.' | '!' | '?' | ';' | '…' | '"' | '\'' | '”' | '’' | ')' | '»') {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            push(&mut out, &text[start..end]);
            start = end;
        }
    }
    push(&mut out, &text[start..]);
    out
}

/// Keeps a sentence if it has something to read.
fn push<'a>(out: &mut Vec<&'a str>, piece: &'a str) {
    let piece = piece.trim();
    if piece.chars().any(char::is_alphanumeric) {
        out.push(piece);
    }
}

/// Whether the dot between `before` and `after` ends a sentence.
fn dot_ends_sentence(before: &str, after: &str) -> bool {
    // "o.a", "7.50", "wegwijs.nl", and all but the last dot of "...".
    if after.chars().next().is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | ',' | ':')) {
        return false;
    }
    let token_start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '.')
        .last()
        .map_or(before.len(), |(k, _)| k);
    let token = before[token_start..].trim_end_matches('.');
    let mut letters = token.chars();
    // An initial ("J. de Vries"). Only capitals: "Wij helpen u." ends a sentence.
    if letters.next().is_some_and(char::is_uppercase) && letters.next().is_none() {
        return false;
    }
    let token = token.to_lowercase();
    if !ABBREVIATIONS.contains(&token.as_str()) {
        return true;
    }
    LIST_ENDINGS.contains(&token.as_str()) && after.trim_start().chars().next().is_some_and(char::is_uppercase)
}

/// Whether a line break followed by `after` ends a sentence.
fn line_break_ends_sentence(after: &str) -> bool {
    let next_line = after.split('\n').next().unwrap_or_default().trim();
    match next_line.chars().next() {
        None => true,
        Some(first) => !first.is_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::sentences;

    #[test]
    fn sentences_end_at_dots_exclamation_and_question_marks_and_semicolons() {
        assert_eq!(
            sentences("Wij helpen u. Bel ons! Heeft u vragen? Kom langs; het is gratis"),
            ["Wij helpen u.", "Bel ons!", "Heeft u vragen?", "Kom langs;", "het is gratis"]
        );
    }

    #[test]
    fn abbreviations_initials_and_decimals_do_not_end_a_sentence() {
        assert_eq!(
            sentences("Wij helpen bijv. met o.a. formulieren. Het kost ca. €7.50 of 7,50 per uur."),
            ["Wij helpen bijv. met o.a. formulieren.", "Het kost ca. €7.50 of 7,50 per uur."]
        );
        assert_eq!(sentences("Vraag naar J. de Vries. Zij helpt."), ["Vraag naar J. de Vries.", "Zij helpt."]);
        assert_eq!(sentences("Kijk op wegwijs.nl. Daar staat het."), ["Kijk op wegwijs.nl.", "Daar staat het."]);
    }

    #[test]
    fn a_list_ending_abbreviation_before_a_capital_ends_the_sentence() {
        assert_eq!(
            sentences("Hulp bij geld, wonen enz. Bel ons. Dit geldt voor huur, gas enz. die u niet kunt betalen."),
            ["Hulp bij geld, wonen enz.", "Bel ons.", "Dit geldt voor huur, gas enz. die u niet kunt betalen."]
        );
    }

    #[test]
    fn repeated_marks_and_closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            sentences("Echt?! Ja... \"Kom maar.\" (Of bel.) Klaar"),
            ["Echt?!", "Ja...", "\"Kom maar.\"", "(Of bel.)", "Klaar"]
        );
    }

    #[test]
    fn a_line_break_ends_a_sentence_unless_the_next_line_continues_it() {
        assert_eq!(
            sentences("U kunt komen voor:\n- geldzaken\n- wonen\n\nDe hulp is\ngratis en wij zijn\nvriendelijk"),
            ["U kunt komen voor:", "- geldzaken", "- wonen", "De hulp is\ngratis en wij zijn\nvriendelijk"]
        );
        assert_eq!(sentences("Eerste regel\r\nTweede regel\r\n"), ["Eerste regel", "Tweede regel"]);
    }

    #[test]
    fn pieces_without_words_are_not_sentences() {
        assert!(sentences("").is_empty());
        assert!(sentences(" ... \n - \n").is_empty());
        assert_eq!(sentences("?? Hallo"), ["Hallo"]);
    }
}
