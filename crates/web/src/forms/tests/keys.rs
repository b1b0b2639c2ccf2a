//! Every text the forms show exists in both languages.

use super::super::{choices, location, organisation, service};
use crate::i18n::Locale;

#[test]
fn every_label_hint_and_choice_has_a_text_in_both_languages() {
    let mut keys = choices::runtime_keys();
    for spec in service::SPECS.iter().chain(&organisation::SPECS).chain(&location::SPECS) {
        keys.push(spec.label.to_owned());
        keys.extend(spec.hint.map(str::to_owned));
    }
    for locale in [Locale::Nl, Locale::En] {
        let missing: Vec<&String> = keys.iter().filter(|key| !locale.has(key)).collect();
        assert!(missing.is_empty(), "{locale:?} misses {missing:?}");
    }
}

#[test]
fn the_forms_texts_are_in_their_own_file_under_their_own_prefix() {
    for json in [include_str!("../../../locales/nl/forms.json"), include_str!("../../../locales/en/forms.json")] {
        let texts: std::collections::HashMap<String, String> = serde_json::from_str(json).unwrap();
        assert!(texts.keys().all(|k| k.starts_with("form.")), "a key without the form. prefix");
        assert!(texts.values().all(|v| !v.trim().is_empty()));
    }
}
