//! The organisation form: name, description, kind and how to reach it. Contacts and
//! metadata are not in the form and stay as stored.

use super::choices::kind_key;
use super::clean::Reader;
use super::input::FormInput;
use super::rows::{self, PhoneRow};
use super::widgets::{Kind, SelectField, Spec, TextField};
use super::{DESCRIPTION_MAX, FieldProblem, FormOptions, NAME_MAX, SHORT_MAX};
use crate::i18n::Locale;
use wegwijs_domain::{Organisation, OrganisationKind};

const NAME: Spec = Spec::line("naam", "form.organisation.name", Some("form.organisation.name_hint"), NAME_MAX);
const ALTERNATE_NAME: Spec =
    Spec::line("andere_naam", "form.alternate_name", Some("form.alternate_name_hint"), NAME_MAX);
const DESCRIPTION: Spec = Spec::line(
    "beschrijving",
    "form.organisation.description",
    Some("form.organisation.description_hint"),
    DESCRIPTION_MAX,
)
.kind(Kind::Area(8));
const EMAIL: Spec = Spec::line("email", "form.email", Some("form.email_hint"), SHORT_MAX).kind(Kind::Email);
const WEBSITE: Spec = Spec::line("website", "form.website", Some("form.website_hint"), SHORT_MAX).kind(Kind::Url);
const KIND: &str = "soort";

/// The text fields of the form, for the test that every label and hint has a text.
#[cfg(test)]
pub(crate) const SPECS: [Spec; 5] = [NAME, ALTERNATE_NAME, DESCRIPTION, EMAIL, WEBSITE];

/// The organisation form as the fragment `forms/organisation.html` draws it (page
/// field `fields`).
#[derive(Debug, Clone)]
pub struct OrganisationFields {
    /// Name.
    pub name: TextField,
    /// Another name it is known by.
    pub alternate_name: TextField,
    /// What it does.
    pub description: TextField,
    /// Legal or practical form.
    pub kind: SelectField,
    /// General e-mail address.
    pub email: TextField,
    /// Website.
    pub website: TextField,
    /// General phone lines.
    pub phones: Vec<PhoneRow>,
}

impl OrganisationFields {
    /// The form filled with `organisation`.
    pub fn from_record(locale: Locale, organisation: &Organisation, options: &FormOptions) -> Self {
        Self::from_input(locale, &organisation_input(organisation), &[], options)
    }

    /// The form as typed, with `problems` next to their fields.
    pub fn from_input(locale: Locale, input: &FormInput, problems: &[FieldProblem], _options: &FormOptions) -> Self {
        let text = |spec| TextField::new(locale, spec, input, problems);
        let kinds = OrganisationKind::ALL.iter().map(|k| (k.code().to_owned(), locale.t(&kind_key(*k)).to_owned()));
        Self {
            name: text(NAME),
            alternate_name: text(ALTERNATE_NAME),
            description: text(DESCRIPTION),
            kind: SelectField::new(
                KIND.to_owned(),
                locale.t("form.organisation.kind").to_owned(),
                kinds,
                input,
                problems,
            ),
            email: text(EMAIL),
            website: text(WEBSITE),
            phones: rows::phone_rows(locale, input, problems),
        }
    }
}

/// `organisation` as its form posts it.
pub(crate) fn organisation_input(organisation: &Organisation) -> FormInput {
    let mut input = FormInput::default();
    input.push(NAME.name, organisation.name.as_str());
    input.push(ALTERNATE_NAME.name, organisation.alternate_name.clone().unwrap_or_default());
    input.push(DESCRIPTION.name, organisation.description.clone());
    input.push(KIND, organisation.kind.code());
    input.push(EMAIL.name, organisation.email.as_ref().map(|e| e.as_str().to_owned()).unwrap_or_default());
    input.push(WEBSITE.name, organisation.website.as_ref().map(|w| w.as_str().to_owned()).unwrap_or_default());
    rows::write_phones(&organisation.phones, &mut input);
    input
}

/// Applies the posted form to a copy of `base` and checks every field at once.
pub fn read_organisation(
    locale: Locale,
    base: &Organisation,
    input: &FormInput,
    _options: &FormOptions,
) -> Result<Organisation, Vec<FieldProblem>> {
    let mut r = Reader::new(locale, input);
    let name = r.name(NAME);
    let alternate_name = r.optional(ALTERNATE_NAME);
    let description = r.text(DESCRIPTION).unwrap_or_default();
    let kind = OrganisationKind::ALL.into_iter().find(|k| k.code() == input.get(KIND).trim()).or_else(|| {
        let message = locale.t("form.organisation.error_kind");
        r.problem(KIND, message);
        None
    });
    let email = r.email(EMAIL);
    let website = r.url(WEBSITE);
    let phones = rows::read_phones(&mut r, &base.id, &base.phones);
    let (Some(name), Some(kind), Ok(email), Ok(website)) = (name, kind, email, website) else {
        return Err(r.problems);
    };
    r.finish(Organisation { name, alternate_name, description, kind, email, website, phones, ..base.clone() })
}
