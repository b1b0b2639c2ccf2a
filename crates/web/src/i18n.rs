//! UI texts per language, read from `locales/*.json`. Templates ask for keys; the
//! words live only in the locale files, so translators never touch code.

use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A language of the user interface. Dutch is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    /// Dutch, written at B1 level.
    #[default]
    Nl,
    /// English, for expat residents.
    En,
}

type Texts = HashMap<String, String>;

/// The translation files, one per part of the site, so that a part's texts can be
/// found (and edited) next to each other. Every file exists in every language.
macro_rules! locale_files {
    ($lang:literal: $($file:literal),+) => {
        &[$(($file, include_str!(concat!("../locales/", $lang, "/", $file, ".json")))),+]
    };
}

const NL_FILES: &[(&str, &str)] = locale_files!("nl": "common", "home", "search", "service", "organisation", "compare", "list", "report", "theme", "values", "api", "forms", "account", "portal", "editor", "backoffice", "upkeep");
const EN_FILES: &[(&str, &str)] = locale_files!("en": "common", "home", "search", "service", "organisation", "compare", "list", "report", "theme", "values", "api", "forms", "account", "portal", "editor", "backoffice", "upkeep");

fn merge(files: &[(&str, &str)]) -> Texts {
    let mut texts = Texts::new();
    for (name, json) in files {
        // The files are embedded and checked by tests, so parsing cannot fail at run time.
        let part: Texts = serde_json::from_str(json).unwrap_or_else(|e| panic!("locale file {name}: {e}"));
        texts.extend(part);
    }
    texts
}

fn texts(locale: Locale) -> &'static Texts {
    static NL: OnceLock<Texts> = OnceLock::new();
    static EN: OnceLock<Texts> = OnceLock::new();
    match locale {
        Locale::Nl => NL.get_or_init(|| merge(NL_FILES)),
        Locale::En => EN.get_or_init(|| merge(EN_FILES)),
    }
}

impl Locale {
    /// The language asked for by the `lang` parameter of a query string: `en` for
    /// English; anything else, or no `lang`, is Dutch.
    pub fn from_query(query: &str) -> Self {
        let asked = url::form_urlencoded::parse(query.as_bytes()).find(|(key, _)| key == "lang");
        match asked {
            Some((_, value)) if value == "en" => Self::En,
            _ => Self::Nl,
        }
    }

    /// `path` (which may carry a query already) in this language: English adds `lang=en`.
    pub fn href(self, path: &str) -> String {
        match self {
            Self::Nl => path.to_owned(),
            Self::En if path.contains('?') => format!("{path}&lang=en"),
            Self::En => format!("{path}?lang=en"),
        }
    }

    /// The other language, for the switch in the header.
    pub fn other(self) -> Self {
        match self {
            Self::Nl => Self::En,
            Self::En => Self::Nl,
        }
    }

    /// The name of this language in itself ("Nederlands", "English").
    pub fn own_name(self) -> &'static str {
        match self {
            Self::Nl => "Nederlands",
            Self::En => "English",
        }
    }

    /// The language of mails to someone who uses the site in this language.
    pub fn mail_language(self) -> wegwijs_mail::Language {
        match self {
            Self::Nl => wegwijs_mail::Language::Nl,
            Self::En => wegwijs_mail::Language::En,
        }
    }

    /// The `lang` attribute value.
    pub fn code(self) -> &'static str {
        match self {
            Self::Nl => "nl",
            Self::En => "en",
        }
    }

    /// The text for `key`. A missing key falls back to Dutch, then to "?" (and a test
    /// fails), rather than breaking the page.
    pub fn t(self, key: &str) -> &'static str {
        match texts(self).get(key) {
            Some(text) => text,
            None => {
                tracing::warn!(key, locale = self.code(), "missing translation");
                texts(Locale::Nl).get(key).map_or("?", String::as_str)
            }
        }
    }

    /// Whether this language has a text for `key` (for tests of keys chosen at run time).
    #[cfg(test)]
    pub(crate) fn has(self, key: &str) -> bool {
        texts(self).contains_key(key)
    }

    /// The text for `key` if this language has one: for values that have a name in the
    /// data (a theme's Dutch name) and may have a translation in the locale files.
    pub fn get(self, key: &str) -> Option<&'static str> {
        texts(self).get(key).map(String::as_str)
    }

    /// The text for `key` with `{name}` placeholders filled in.
    pub fn tf(self, key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        let mut text = self.t(key).to_owned();
        for (name, value) in args {
            text = text.replace(&format!("{{{name}}}"), &value.to_string());
        }
        text
    }

    /// A whole number with thousands grouped: "12.345" in Dutch, "12,345" in English.
    pub fn number(self, n: u64) -> String {
        let digits = n.to_string();
        let separator = match self {
            Self::Nl => '.',
            Self::En => ',',
        };
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(separator);
            }
            out.push(digit);
        }
        out
    }

    /// A date as residents write it: "3 oktober 2026".
    pub fn date(self, date: chrono::NaiveDate) -> String {
        wegwijs_domain::calendar::in_words(date, self == Self::En)
    }

    /// The date of a moment in Dutch time, as residents write it: "3 oktober 2026" (a
    /// check at 00:30 Dutch time is on that day, not the day before as in UTC).
    pub fn day(self, at: chrono::DateTime<chrono::Utc>) -> String {
        self.date(at.with_timezone(&chrono_tz::Europe::Amsterdam).date_naive())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn dutch_and_english_have_the_same_keys() {
        // `values.json` translates names that Dutch takes from the data (themes, facet
        // values), so it exists only in the other languages.
        let interface = |files: &[(&str, &str)]| -> BTreeSet<String> {
            files
                .iter()
                .filter(|(name, _)| *name != "values")
                .flat_map(|(_, json)| serde_json::from_str::<Texts>(json).unwrap().into_keys())
                .collect()
        };
        assert_eq!(interface(NL_FILES), interface(EN_FILES));
        let values: Texts = serde_json::from_str(EN_FILES.iter().find(|(n, _)| *n == "values").unwrap().1).unwrap();
        assert!(
            values.keys().all(|k| k.starts_with("facet.") || k.starts_with("theme.")),
            "values.json holds data names only"
        );
    }

    #[test]
    fn every_key_used_in_templates_and_code_exists() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/");
        let mut used = BTreeSet::new();
        for dir in ["templates", "src"] {
            collect_keys(&std::path::Path::new(root).join(dir), &mut used);
        }
        assert!(used.len() > 10, "the key scan found too few keys: {used:?}");
        let missing: Vec<_> = used.iter().filter(|key| !texts(Locale::Nl).contains_key(*key)).collect();
        assert!(missing.is_empty(), "keys missing from the Dutch locale files: {missing:?}");
    }

    fn collect_keys(dir: &std::path::Path, used: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                collect_keys(&path, used);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for call in [".t(\"", ".tf(\""] {
                for piece in text.split(call).skip(1) {
                    let key = piece.split('"').next().unwrap();
                    // Keys built at run time are checked by their own tests.
                    if !key.is_empty() && !key.ends_with('.') && key.contains('.') {
                        used.insert(key.to_owned());
                    }
                }
            }
        }
    }

    #[test]
    fn no_key_is_defined_twice() {
        for files in [NL_FILES, EN_FILES] {
            let mut seen = std::collections::HashMap::new();
            for (name, json) in files {
                let part: Texts = serde_json::from_str(json).unwrap();
                for key in part.into_keys() {
                    if let Some(other) = seen.insert(key.clone(), *name) {
                        panic!("{key} is in both {other}.json and {name}.json");
                    }
                }
            }
        }
    }

    #[test]
    fn dates_are_written_in_dutch() {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 10, 3).unwrap();
        assert_eq!(Locale::Nl.date(date), "3 oktober 2026");
        assert_eq!(Locale::En.date(date), "3 October 2026");
    }

    #[test]
    fn numbers_group_thousands_as_each_language_does() {
        assert_eq!(Locale::Nl.number(100_000), "100.000");
        assert_eq!(Locale::En.number(1_234_567), "1,234,567");
        assert_eq!(Locale::Nl.number(999), "999");
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(Locale::Nl.tf("results.count", &[("count", &12)]), "12 resultaten");
    }
}
