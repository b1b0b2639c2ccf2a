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

fn texts(locale: Locale) -> &'static Texts {
    static NL: OnceLock<Texts> = OnceLock::new();
    static EN: OnceLock<Texts> = OnceLock::new();
    // The files are embedded and checked by tests, so parsing cannot fail at run time.
    match locale {
        Locale::Nl => NL.get_or_init(|| serde_json::from_str(include_str!("../locales/nl.json")).expect("nl.json")),
        Locale::En => EN.get_or_init(|| serde_json::from_str(include_str!("../locales/en.json")).expect("en.json")),
    }
}

impl Locale {
    /// The `lang` attribute value.
    pub fn code(self) -> &'static str {
        match self {
            Self::Nl => "nl",
            Self::En => "en",
        }
    }

    /// The text for `key`. A missing key shows the key itself (and a test fails),
    /// rather than breaking the page.
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

    /// The text for `key` with `{name}` placeholders filled in.
    pub fn tf(self, key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        let mut text = self.t(key).to_owned();
        for (name, value) in args {
            text = text.replace(&format!("{{{name}}}"), &value.to_string());
        }
        text
    }

    /// A date as residents write it: "3 oktober 2026".
    pub fn date(self, date: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        format!("{} {} {}", date.day(), self.t(&format!("month.{}", date.month())), date.year())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn dutch_and_english_have_the_same_keys() {
        let nl: BTreeSet<_> = texts(Locale::Nl).keys().collect();
        let en: BTreeSet<_> = texts(Locale::En).keys().collect();
        assert_eq!(nl, en);
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
        assert!(missing.is_empty(), "keys missing from nl.json: {missing:?}");
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
                    // Keys built at run time ("month." + n) are checked by their own tests.
                    if !key.is_empty() && !key.ends_with('.') && key.contains('.') {
                        used.insert(key.to_owned());
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
    fn placeholders_are_filled() {
        assert_eq!(Locale::Nl.tf("list.count", &[("count", &12)]), "12 resultaten");
    }
}
