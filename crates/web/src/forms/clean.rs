//! Reading typed text: line ends made plain, control characters dropped, lengths
//! checked, and the domain's own parsers (`Name`, `EmailAddress`, `WebUrl`) applied,
//! with every problem collected rather than stopping at the first.

use super::FieldProblem;
use super::input::FormInput;
use super::widgets::Spec;
use crate::i18n::Locale;
use wegwijs_domain::{EmailAddress, InvalidText, InvalidUrl, Name, WebUrl};

/// Reads fields from one posted form and collects the problems found.
pub(crate) struct Reader<'a> {
    /// The form's language, for the messages.
    pub locale: Locale,
    /// What was posted.
    pub input: &'a FormInput,
    /// Problems found so far, in the order of the fields.
    pub problems: Vec<FieldProblem>,
}

impl<'a> Reader<'a> {
    /// A reader of `input` with messages in `locale`.
    pub fn new(locale: Locale, input: &'a FormInput) -> Self {
        Self { locale, input, problems: Vec::new() }
    }

    /// Files a problem with `field`.
    pub fn problem(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.problems.push(FieldProblem::new(field, message));
    }

    /// The problems, or `value` when there are none.
    pub fn finish<T>(self, value: T) -> Result<T, Vec<FieldProblem>> {
        if self.problems.is_empty() { Ok(value) } else { Err(self.problems) }
    }

    /// The text of `spec`, cleaned; `None` (and a problem) when it is too long.
    pub fn text(&mut self, spec: Spec) -> Option<String> {
        self.text_named(spec, spec.name)
    }

    /// The text of field `name` read by the rules of `spec` (a field of a row).
    pub fn text_named(&mut self, spec: Spec, name: &str) -> Option<String> {
        let multiline = matches!(spec.kind, super::widgets::Kind::Area(_));
        let text = clean(self.input.get(name), multiline);
        let count = text.chars().count();
        if count > spec.max {
            let message = self.locale.tf(
                "form.error.too_long",
                &[
                    ("field", &self.locale.t(spec.label)),
                    ("max", &self.locale.number(spec.max as u64)),
                    ("count", &self.locale.number(count as u64)),
                ],
            );
            self.problem(name, message);
            return None;
        }
        Some(text)
    }

    /// The text of `spec`, or `None` when it is empty (or too long: then the form has
    /// a problem and the result is not used).
    pub fn optional(&mut self, spec: Spec) -> Option<String> {
        self.optional_named(spec, spec.name)
    }

    /// [`Self::optional`] for field `name` of a row.
    pub fn optional_named(&mut self, spec: Spec, name: &str) -> Option<String> {
        self.text_named(spec, name).filter(|text| !text.is_empty())
    }

    /// A required name.
    pub fn name(&mut self, spec: Spec) -> Option<Name> {
        let text = self.text(spec)?;
        match Name::parse(&text) {
            Ok(name) => Some(name),
            Err(InvalidText::Empty) => {
                let message = self.locale.tf("form.error.required", &[("field", &self.locale.t(spec.label))]);
                self.problem(spec.name, message);
                None
            }
            Err(InvalidText::TooLong(max)) => {
                let message = self.locale.tf(
                    "form.error.too_long",
                    &[
                        ("field", &self.locale.t(spec.label)),
                        ("max", &self.locale.number(max as u64)),
                        ("count", &self.locale.number(text.chars().count() as u64)),
                    ],
                );
                self.problem(spec.name, message);
                None
            }
            // `clean` turned control characters of a line into spaces.
            Err(InvalidText::ControlCharacter) => {
                let message = self.locale.tf("form.error.required", &[("field", &self.locale.t(spec.label))]);
                self.problem(spec.name, message);
                None
            }
        }
    }

    /// An optional e-mail address; `Err` when something was typed that is not one.
    pub fn email(&mut self, spec: Spec) -> Result<Option<EmailAddress>, ()> {
        let text = self.text(spec).ok_or(())?;
        if text.is_empty() {
            return Ok(None);
        }
        EmailAddress::parse(&text).map(Some).map_err(|_| {
            let message = self.locale.t("form.error.email");
            self.problem(spec.name, message);
        })
    }

    /// An optional web address; `Err` when something was typed that is not one.
    pub fn url(&mut self, spec: Spec) -> Result<Option<WebUrl>, ()> {
        let text = self.text(spec).ok_or(())?;
        if text.is_empty() {
            return Ok(None);
        }
        WebUrl::parse(&text).map(Some).map_err(|error| {
            let message = match error {
                InvalidUrl::NotHttp(_) => self.locale.t("form.error.url_scheme"),
                InvalidUrl::Empty | InvalidUrl::BadFormat(_) => self.locale.t("form.error.url"),
            };
            self.problem(spec.name, message);
        })
    }
}

/// Typed text as Wegwijs stores it: trimmed, `\n` line ends in a textarea (browsers
/// send `\r\n` but count one for `maxlength`), tabs read as spaces, every other control
/// character dropped, and in a one-line field line breaks read as spaces too (a pasted
/// line break must not make a name invalid).
pub(crate) fn clean(raw: &str, multiline: bool) -> String {
    let plain = raw.replace("\r\n", "\n").replace('\r', "\n");
    let text: String = plain
        .chars()
        .filter_map(|c| match c {
            '\n' if multiline => Some('\n'),
            '\n' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    text.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_cleaned_the_same_way_everywhere() {
        assert_eq!(clean("  Eerste\r\nTweede\0 \r\n", true), "Eerste\nTweede");
        assert_eq!(clean("Buurt\r\nteam\tX", false), "Buurt team X");
        assert_eq!(clean(" \u{7} ", false), "");
    }
}
