//! The plain-language check shown under the form: how easy the summary and
//! description are to read, which sentences are long and which words are jargon, with
//! a plainer word where the editors' list has one. It advises and never blocks a save:
//! the measures are rough, and the provider knows the audience.

use super::input::FormInput;
use crate::i18n::Locale;
use wegwijs_domain::readability::{JargonList, Level, flesch_douma, jargon_in};

/// The check of one or more texts, for the fragment `forms/readability.html` (page
/// field `readability: Option<ReadabilityView>`).
#[derive(Debug, Clone)]
pub struct ReadabilityView {
    /// One entry per text checked, in the order of the form.
    pub texts: Vec<TextReadability>,
}

/// The check of one text.
#[derive(Debug, Clone)]
pub struct TextReadability {
    /// `id` of the field the text is in, to link to it.
    pub field: String,
    /// The field's label: "Korte omschrijving".
    pub label: String,
    /// The verdict: "Makkelijk te lezen (B1)", "Redelijk", "Moeilijk", or that there is
    /// no text yet.
    pub verdict: String,
    /// The score explained in words (Flesch-Douma, 0 to 100).
    /// Empty when there is no text.
    pub score: String,
    /// `easy`, `fair`, `hard` or `none`, for the CSS class.
    pub level: &'static str,
    /// Sentences of more than 20 words, as typed.
    pub long_sentences: Vec<String>,
    /// Jargon found, with advice.
    pub jargon: Vec<JargonView>,
}

/// A jargon word found in a text.
#[derive(Debug, Clone)]
pub struct JargonView {
    /// The word as the provider typed it.
    pub word: String,
    /// "Schrijf liever: geldproblemen", or a general nudge when the list has no
    /// plainer word.
    pub advice: String,
}

impl ReadabilityView {
    /// Checks `texts`, each given as (field id, label, text).
    pub fn new(locale: Locale, texts: &[(&str, &str, &str)], jargon: &JargonList) -> Self {
        let texts = texts.iter().map(|(field, label, text)| check(locale, field, label, text, jargon)).collect();
        Self { texts }
    }

    /// Checks the summary and description of a posted service form, as typed (also
    /// when other fields have problems, so "Controleer de tekst" works before saving).
    pub fn for_service(locale: Locale, input: &FormInput, jargon: &JargonList) -> Self {
        Self::new(
            locale,
            &[
                ("samenvatting", locale.t("form.service.summary"), input.get("samenvatting")),
                ("beschrijving", locale.t("form.service.description"), input.get("beschrijving")),
            ],
            jargon,
        )
    }

    /// Checks the description of a posted organisation form.
    pub fn for_organisation(locale: Locale, input: &FormInput, jargon: &JargonList) -> Self {
        Self::new(
            locale,
            &[("beschrijving", locale.t("form.organisation.description"), input.get("beschrijving"))],
            jargon,
        )
    }

    /// Whether some text could be read more easily: for a page title or a summary line.
    pub fn has_advice(&self) -> bool {
        self.texts
            .iter()
            .any(|t| t.level == "hard" || t.level == "fair" || !t.long_sentences.is_empty() || !t.jargon.is_empty())
    }
}

fn check(locale: Locale, field: &str, label: &str, text: &str, jargon: &JargonList) -> TextReadability {
    let measured = flesch_douma(text);
    let (verdict, score, level) = match &measured {
        None => (locale.t("form.readability.no_text").to_owned(), String::new(), "none"),
        Some(r) => {
            let level = r.level();
            let key = match level {
                Level::Easy => "form.readability.easy",
                Level::Fair => "form.readability.fair",
                Level::Hard => "form.readability.hard",
            };
            let score = locale.tf(
                "form.readability.score",
                &[("score", &r.score.round()), ("words", &r.words), ("sentences", &r.sentences)],
            );
            (locale.t(key).to_owned(), score, level.code())
        }
    };
    let jargon = jargon_in(text, jargon)
        .into_iter()
        .map(|hit| JargonView {
            advice: match &hit.plain {
                Some(plain) => locale.tf("form.readability.plain_word", &[("plain", plain)]),
                None => locale.t("form.readability.no_plain_word").to_owned(),
            },
            word: hit.word,
        })
        .collect();
    TextReadability {
        field: field.to_owned(),
        label: label.to_owned(),
        verdict,
        score,
        level,
        long_sentences: measured.map(|r| r.long_sentences).unwrap_or_default(),
        jargon,
    }
}
