//! Name folding for look-ups: "Súdwest-Fryslân", "sudwest fryslan" and
//! "SUDWEST-FRYSLAN" must all find the same municipality.

/// Lowercases, removes accents from Latin letters and turns every run of
/// non-alphanumeric characters into one space: "'s-Gravenhage" becomes "s gravenhage".
pub(super) fn normalize_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_space = false;
    for c in name.chars().flat_map(char::to_lowercase) {
        let folded = fold_accent(c);
        if folded.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(folded);
        } else {
            pending_space = true;
        }
    }
    out
}

/// The base letter of an accented lowercase Latin letter; other characters unchanged.
fn fold_accent(c: char) -> char {
    match c {
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
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::normalize_name;

    #[test]
    fn case_accents_and_punctuation_are_ignored() {
        assert_eq!(normalize_name("Súdwest-Fryslân"), "sudwest fryslan");
        assert_eq!(normalize_name("  'S-GRAVENHAGE "), "s gravenhage");
        assert_eq!(normalize_name("Hengelo (O.)"), "hengelo o");
        assert_eq!(normalize_name("Kaag en  Braassem"), "kaag en braassem");
    }
}
