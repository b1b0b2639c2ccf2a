//! Words that HSDS 1.x feeds write where 3.0 wants codes: weekdays as numbers or
//! names, languages as names ("Spanish", "Turks").

/// The RFC 5545 day (`MO` … `SU`) of a 1.x `weekday`: 1 = Monday … 7 = Sunday as the
/// specification says (0 is read as Sunday, as some exports count), or an English or
/// Dutch name, full or short.
pub(crate) fn weekday(raw: &str) -> Option<&'static str> {
    const DAYS: [(&str, [&str; 6]); 7] = [
        ("MO", ["1", "monday", "mon", "mo", "maandag", "ma"]),
        ("TU", ["2", "tuesday", "tue", "tu", "dinsdag", "di"]),
        ("WE", ["3", "wednesday", "wed", "we", "woensdag", "wo"]),
        ("TH", ["4", "thursday", "thu", "th", "donderdag", "do"]),
        ("FR", ["5", "friday", "fri", "fr", "vrijdag", "vr"]),
        ("SA", ["6", "saturday", "sat", "sa", "zaterdag", "za"]),
        ("SU", ["7", "sunday", "sun", "su", "zondag", "zo"]),
    ];
    let word = raw.trim().trim_end_matches('.').to_lowercase();
    if word == "0" {
        return Some("SU");
    }
    DAYS.iter().find(|(_, words)| words.contains(&word.as_str())).map(|(code, _)| *code)
}

/// Languages heard in Dutch social services, by their English and Dutch names.
const LANGUAGES: [(&str, &[&str]); 30] = [
    ("nl", &["dutch", "nederlands"]),
    ("en", &["english", "engels"]),
    ("de", &["german", "duits"]),
    ("fr", &["french", "frans"]),
    ("es", &["spanish", "spaans"]),
    ("pt", &["portuguese", "portugees"]),
    ("it", &["italian", "italiaans"]),
    ("pl", &["polish", "pools"]),
    ("ro", &["romanian", "roemeens"]),
    ("bg", &["bulgarian", "bulgaars"]),
    ("uk", &["ukrainian", "oekraïens", "oekraiens"]),
    ("ru", &["russian", "russisch"]),
    ("tr", &["turkish", "turks"]),
    ("ar", &["arabic", "arabisch"]),
    ("fa", &["persian", "farsi", "perzisch"]),
    ("prs", &["dari"]),
    ("ps", &["pashto", "pasjtoe"]),
    ("ku", &["kurdish", "koerdisch"]),
    ("ti", &["tigrinya", "tigrinia"]),
    ("so", &["somali", "somalisch"]),
    ("am", &["amharic", "amhaars"]),
    ("zh", &["chinese", "chinees", "mandarin"]),
    ("vi", &["vietnamese", "vietnamees"]),
    ("hi", &["hindi"]),
    ("ur", &["urdu"]),
    ("pap", &["papiamento", "papiaments", "papiamentu"]),
    ("srn", &["sranan", "sranantongo", "sranan tongo"]),
    ("fy", &["frisian", "fries", "frysk"]),
    ("dse", &["nederlandse gebarentaal", "ngt", "dutch sign language", "gebarentaal"]),
    ("zgh", &["tamazight", "berber", "berbers"]),
];

/// A language as 3.0 wants it, `(code, name)`, from what a 1.x feed wrote: a code
/// (`es`, `pap`) stays a code; a name Wegwijs knows gets its code; another name keeps
/// only its name (the import then asks for the code).
pub(crate) fn language(raw: &str) -> (Option<String>, Option<String>) {
    let text = raw.trim();
    let lower = text.to_lowercase();
    if let Some((code, _)) = LANGUAGES.iter().find(|(_, names)| names.contains(&lower.as_str())) {
        return (Some((*code).to_owned()), Some(text.to_owned()));
    }
    if (2..=3).contains(&lower.len()) && lower.bytes().all(|b| b.is_ascii_lowercase()) {
        return (Some(lower), None);
    }
    (None, Some(text.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_are_read_as_numbers_and_english_or_dutch_names() {
        assert_eq!(weekday("1"), Some("MO"));
        assert_eq!(weekday("7"), Some("SU"));
        assert_eq!(weekday("0"), Some("SU"));
        assert_eq!(weekday("Sunday"), Some("SU"));
        assert_eq!(weekday("Wed."), Some("WE"));
        assert_eq!(weekday("donderdag"), Some("TH"));
        assert_eq!(weekday("za"), Some("SA"));
        assert_eq!(weekday("8"), None);
        assert_eq!(weekday("someday"), None);
    }

    #[test]
    fn language_names_get_their_code_and_codes_stay_codes() {
        assert_eq!(language("Spanish"), (Some("es".into()), Some("Spanish".into())));
        assert_eq!(language("Turks"), (Some("tr".into()), Some("Turks".into())));
        assert_eq!(language("PAP"), (Some("pap".into()), None));
        assert_eq!(language("Klingon"), (None, Some("Klingon".into())));
    }
}
