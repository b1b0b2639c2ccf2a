//! "Klopt er iets niet?": the form a resident uses to report an error on a service page,
//! the rules its fields must follow, and the thank-you page. The form is kept as typed
//! (raw strings) so that a page with errors shows everything back unchanged.

use super::chrome::Chrome;
use crate::i18n::Locale;
use askama::Template;
use serde::Deserialize;
use wegwijs_domain::EmailAddress;

/// Fewest characters in a message: "klopt niet" says nothing an editor can check.
pub const MESSAGE_MIN: usize = 10;
/// Most characters in a message: room for a few paragraphs, not for a pasted document.
/// The textarea's `maxlength` is the same, so browsers stop typing there.
pub const MESSAGE_MAX: usize = 2000;

/// The posted form, as typed. Every field defaults to empty, so a form with a field
/// missing is shown again with an error rather than refused.
#[derive(Debug, Default, Deserialize)]
pub struct ReportForm {
    /// What is wrong.
    #[serde(default)]
    pub bericht: String,
    /// Where to answer; may be empty.
    #[serde(default)]
    pub email: String,
    /// The honeypot: hidden from people, so only a robot fills it in.
    #[serde(default)]
    pub website: String,
    /// `en` when the form was shown in English.
    #[serde(default)]
    pub lang: String,
}

/// A form that passed every check.
#[derive(Debug, PartialEq, Eq)]
pub struct CheckedReport {
    /// The message, trimmed, with `\n` line ends.
    pub message: String,
    /// The address, if one was given.
    pub email: Option<EmailAddress>,
}

/// What is wrong with a field; each has a text in the locale files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportProblem {
    /// No message.
    MessageMissing,
    /// A message shorter than [`MESSAGE_MIN`].
    MessageTooShort,
    /// A message longer than [`MESSAGE_MAX`]; holds its length.
    MessageTooLong(usize),
    /// Something in the e-mail field that is not an address.
    BadEmail,
}

impl ReportProblem {
    /// The `id` of the field it is about, for the links in the error summary.
    pub fn field(self) -> &'static str {
        match self {
            Self::MessageMissing | Self::MessageTooShort | Self::MessageTooLong(_) => "bericht",
            Self::BadEmail => "email",
        }
    }

    /// The message shown in the summary and next to the field (the same words in both,
    /// as the NL Design System and GOV.UK patterns ask).
    pub fn text(self, locale: Locale) -> String {
        match self {
            Self::MessageMissing => locale.t("report.error_message_missing").to_owned(),
            Self::MessageTooShort => locale.tf("report.error_message_short", &[("min", &MESSAGE_MIN)]),
            Self::MessageTooLong(count) => {
                locale.tf("report.error_message_long", &[("max", &MESSAGE_MAX), ("count", &count)])
            }
            Self::BadEmail => locale.t("report.error_email").to_owned(),
        }
    }
}

impl ReportForm {
    /// Whether a robot filled in the hidden field.
    pub fn is_robot(&self) -> bool {
        !self.website.trim().is_empty()
    }
}

impl TryFrom<&ReportForm> for CheckedReport {
    type Error = Vec<ReportProblem>;

    /// Checks every field, so that all problems are shown at once. Lengths count
    /// characters after trimming, with a line break as one character: browsers send
    /// `\r\n` but count one for `maxlength`. U+0000 is dropped: nobody types it and
    /// the database cannot store it.
    fn try_from(form: &ReportForm) -> Result<Self, Self::Error> {
        let message = form.bericht.replace("\r\n", "\n").replace('\r', "\n").replace('\0', "").trim().to_owned();
        let mut problems = Vec::new();
        let length = message.chars().count();
        if message.is_empty() {
            problems.push(ReportProblem::MessageMissing);
        } else if length < MESSAGE_MIN {
            problems.push(ReportProblem::MessageTooShort);
        } else if length > MESSAGE_MAX {
            problems.push(ReportProblem::MessageTooLong(length));
        }
        let email = match form.email.trim() {
            "" => None,
            raw => EmailAddress::parse(raw).map_or_else(
                |_| {
                    problems.push(ReportProblem::BadEmail);
                    None
                },
                Some,
            ),
        };
        if problems.is_empty() { Ok(Self { message, email }) } else { Err(problems) }
    }
}

/// An error as the page shows it.
pub struct FieldError {
    /// `id` of the field, the target of the summary's link.
    pub field: &'static str,
    /// The message.
    pub text: String,
}

/// `GET /diensten/{id}/fout-melden`, and the same form again when it has errors.
#[derive(Template)]
#[template(path = "report/form.html")]
pub struct ReportFormPage {
    /// Interface language.
    pub locale: Locale,
    /// The frame.
    pub chrome: Chrome,
    /// Name of the service the report is about.
    pub service_name: String,
    /// Link to the service page.
    pub service_href: String,
    /// Text of the link back to the service page.
    pub back_label: String,
    /// Where the form posts to (keeps the language).
    pub action: String,
    /// The message as typed.
    pub message: String,
    /// The e-mail address as typed.
    pub email: String,
    /// The hint under the message label (names the maximum length).
    pub message_hint: String,
    /// All errors, in the order of the fields, for the summary.
    pub errors: Vec<FieldError>,
    /// The error of the message field.
    pub message_error: Option<String>,
    /// The error of the e-mail field.
    pub email_error: Option<String>,
    /// [`MESSAGE_MAX`], for `maxlength`.
    pub max_length: usize,
}

impl ReportFormPage {
    /// The form for the service `service_name`, with what was typed and its problems
    /// (an empty form and none on first view).
    pub fn new(
        chrome: Chrome,
        service_name: String,
        service_href: String,
        action: String,
        form: &ReportForm,
        problems: &[ReportProblem],
    ) -> Self {
        let locale = chrome.locale;
        let errors: Vec<FieldError> =
            problems.iter().map(|p| FieldError { field: p.field(), text: p.text(locale) }).collect();
        let error_of = |field: &str| errors.iter().find(|e| e.field == field).map(|e| e.text.clone());
        Self {
            locale,
            back_label: locale.tf("report.back", &[("name", &service_name)]),
            service_name,
            service_href,
            action,
            message: form.bericht.clone(),
            email: form.email.clone(),
            message_hint: locale.tf("report.message_hint", &[("max", &MESSAGE_MAX)]),
            message_error: error_of("bericht"),
            email_error: error_of("email"),
            errors,
            max_length: MESSAGE_MAX,
            chrome,
        }
    }
}

/// `GET /diensten/{id}/fout-melden/bedankt`
#[derive(Template)]
#[template(path = "report/thanks.html")]
pub struct ReportThanksPage {
    /// Interface language.
    pub locale: Locale,
    /// The frame.
    pub chrome: Chrome,
    /// Link to the service page.
    pub service_href: String,
    /// Text of the link back to the service page.
    pub back_label: String,
}

impl ReportThanksPage {
    /// The page after a report about the service `service_name`.
    pub fn new(chrome: Chrome, service_name: &str, service_href: String) -> Self {
        let locale = chrome.locale;
        Self { locale, back_label: locale.tf("report.back", &[("name", &service_name)]), service_href, chrome }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(bericht: &str, email: &str) -> ReportForm {
        ReportForm { bericht: bericht.into(), email: email.into(), ..ReportForm::default() }
    }

    #[test]
    fn a_message_is_trimmed_and_its_line_ends_made_plain() {
        let checked = CheckedReport::try_from(&form("  Het nummer\r\nklopt niet.\r\n\r\n ", "")).unwrap();
        assert_eq!(checked, CheckedReport { message: "Het nummer\nklopt niet.".into(), email: None });
    }

    #[test]
    fn message_lengths_count_characters_after_trimming() {
        let ten = "é".repeat(MESSAGE_MIN);
        assert!(CheckedReport::try_from(&form(&format!("   {ten}   "), "")).is_ok());
        let nine = "é".repeat(MESSAGE_MIN - 1);
        assert_eq!(CheckedReport::try_from(&form(&format!(" {nine} "), "")), Err(vec![ReportProblem::MessageTooShort]));
        assert_eq!(CheckedReport::try_from(&form(" \n ", "")), Err(vec![ReportProblem::MessageMissing]));
        let most = "a".repeat(MESSAGE_MAX);
        assert!(CheckedReport::try_from(&form(&most, "")).is_ok());
        let long = "a".repeat(MESSAGE_MAX + 1);
        assert_eq!(
            CheckedReport::try_from(&form(&long, "")),
            Err(vec![ReportProblem::MessageTooLong(MESSAGE_MAX + 1)])
        );
    }

    #[test]
    fn line_breaks_sent_as_two_characters_count_as_one() {
        let lines = "regel\r\n".repeat(MESSAGE_MAX / 6);
        assert!(lines.chars().count() > MESSAGE_MAX);
        assert!(CheckedReport::try_from(&form(&lines, "")).is_ok());
    }

    #[test]
    fn a_nul_character_is_dropped() {
        let checked = CheckedReport::try_from(&form("Het nummer\0 klopt niet", "")).unwrap();
        assert_eq!(checked.message, "Het nummer klopt niet");
    }

    #[test]
    fn an_email_address_is_optional_but_must_be_one_when_given() {
        assert_eq!(CheckedReport::try_from(&form("Het nummer klopt niet", "  ")).unwrap().email, None);
        let checked = CheckedReport::try_from(&form("Het nummer klopt niet", " jan@Example.NL ")).unwrap();
        assert_eq!(checked.email.unwrap().as_str(), "jan@example.nl");
        assert_eq!(
            CheckedReport::try_from(&form("kort", "geen adres")),
            Err(vec![ReportProblem::MessageTooShort, ReportProblem::BadEmail])
        );
    }

    #[test]
    fn every_problem_has_a_text_in_both_languages() {
        let problems = [
            ReportProblem::MessageMissing,
            ReportProblem::MessageTooShort,
            ReportProblem::MessageTooLong(2001),
            ReportProblem::BadEmail,
        ];
        for locale in [Locale::Nl, Locale::En] {
            for problem in problems {
                let text = problem.text(locale);
                assert!(!text.is_empty() && !text.contains('{') && text != "?", "{problem:?} in {locale:?}: {text}");
            }
        }
        assert!(ReportProblem::MessageTooLong(2345).text(Locale::Nl).contains("2345"));
    }

    #[test]
    fn a_filled_honeypot_marks_a_robot() {
        assert!(!form("x", "").is_robot());
        assert!(ReportForm { website: "http://spam.example".into(), ..ReportForm::default() }.is_robot());
    }
}
