//! Comparing what people type with what we know: case and accents do not matter
//! ("Diëtist" = "dietist"), and a near miss gets a suggestion instead of a bare "unknown".

/// Lowercase, accents removed, runs of white space made one space, trimmed: the form
/// in which column names, term names and Dutch words are compared.
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        let c = unaccented(c);
        if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The letter without its accent, for the Latin letters Dutch and its loan words use.
/// (The crate has no Unicode normalisation; these cover what Dutch data holds.)
fn unaccented(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        // A non-breaking space pasted from a web page is still a space.
        '\u{a0}' => ' ',
        other => other,
    }
}

/// Splits a cell that lists several values: "Wmo; Jeugdwet", "ouderen, mantelzorgers",
/// or one value per line (Alt+Enter in Excel).
pub(crate) fn split_list(cell: &str) -> impl Iterator<Item = &str> {
    cell.split([';', ',', '\n']).map(str::trim).filter(|part| !part.is_empty())
}

/// Edit distance (insertions, deletions, substitutions) between two texts, by character.
pub(crate) fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// The candidates closest to `typed` (compared folded), best first, at most `limit`;
/// only those close enough to be a plausible typo or abbreviation of it.
pub(crate) fn nearest<'c>(typed: &str, candidates: impl IntoIterator<Item = &'c str>, limit: usize) -> Vec<&'c str> {
    let typed = fold(typed);
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter_map(|candidate| {
            let folded = fold(candidate);
            let d = if folded.contains(&typed) || typed.contains(&folded) { 1 } else { distance(&typed, &folded) };
            let allowed = (typed.chars().count().max(folded.chars().count()) / 3).max(2);
            (d <= allowed).then_some((d, candidate))
        })
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(limit).map(|(_, candidate)| candidate).collect()
}

/// "did you mean "a" or "b"?", or nothing when there is no near candidate.
pub(crate) fn suggestion(near: &[&str]) -> String {
    match near {
        [] => String::new(),
        [one] => format!("; did you mean {one:?}?"),
        [init @ .., last] => {
            let init: Vec<String> = init.iter().map(|c| format!("{c:?}")).collect();
            format!("; did you mean {} or {last:?}?", init.join(", "))
        }
    }
}

/// The spreadsheet column letter of a 0-based column index: 0 → A, 26 → AA.
pub(crate) fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rest = (n - 1) % 26;
        letters.push(char::from(b'A' + rest as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_accents_and_extra_spaces() {
        assert_eq!(fold("  Diëtist   en\u{a0}Café "), "dietist en cafe");
    }

    #[test]
    fn lists_split_on_semicolons_commas_and_lines() {
        let parts: Vec<&str> = split_list("Wmo; Jeugdwet,\ngratis ;").collect();
        assert_eq!(parts, ["Wmo", "Jeugdwet", "gratis"]);
    }

    #[test]
    fn the_nearest_names_are_typos_and_abbreviations_only() {
        let names = ["Mantelzorg", "Geld en schulden", "Wonen"];
        assert_eq!(nearest("mantelzrg", names, 3), ["Mantelzorg"]);
        assert_eq!(nearest("geld", names, 3), ["Geld en schulden"]);
        assert!(nearest("fietsenmaker", names, 3).is_empty());
        assert_eq!(distance("kitten", "sitting"), 3);
    }

    #[test]
    fn column_letters_count_like_a_spreadsheet() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }
}
