//! The edit forms of the provider portal and the editors' edit screen: what a posted
//! form says, turned into domain records with a problem per field, and the view models
//! the fragments in `templates/forms/` render. The pages around them (the `<form>`
//! element, CSRF, buttons, proposals and review) live with their handlers; this module
//! only knows fields, so both portals show and check a record in exactly the same way.
//!
//! The flow for every record: `XFields::from_record` fills the form, the browser posts
//! it back as name/value pairs ([`FormInput`]), `read_x` applies it to a copy of the
//! stored record and checks everything at once, and on problems
//! `XFields::from_input` shows the form again with what was typed and a message next
//! to each field that needs attention.

mod amount;
mod choices;
mod clean;
mod hours;
mod input;
mod location;
mod organisation;
mod readability;
mod rows;
mod service;
mod when;
mod widgets;

#[cfg(test)]
mod tests;

pub(crate) use choices::{kind_key, status_key};
pub use hours::{DayRow, ExceptionRow, HoursFields, PeriodRow};
pub use input::FormInput;
pub use location::{LocationFields, read_location};
pub use organisation::{OrganisationFields, read_organisation};
pub use readability::{JargonView, ReadabilityView, TextReadability};
pub use rows::{CostRow, PhoneRow};
pub use service::{ServiceFields, read_service};
pub use widgets::{Choice, ChoiceGroup, SelectField, TextField};

use wegwijs_domain::Id;

/// Most characters in a name (service, organisation, location), the same limit as the
/// domain's `Name`: a longer "name" is a description in the wrong field.
pub const NAME_MAX: usize = 200;
/// Most characters in a short text: an alternate wording, a phone line's description,
/// a waiting time, a reason for closing. Enough for two or three sentences.
pub const SHORT_MAX: usize = 500;
/// Most characters in a service's summary: one or two B1 sentences fit easily; more is
/// a description.
pub const SUMMARY_MAX: usize = 600;
/// Most characters in a description: room for a full page of text, not for a pasted
/// brochure.
pub const DESCRIPTION_MAX: usize = 10_000;
/// Most characters in the professional notes.
pub const PROFESSIONAL_NOTES_MAX: usize = 5_000;
/// Most phone lines on one record.
pub const PHONES_MAX: usize = 10;
/// Most prices on one service.
pub const COSTS_MAX: usize = 10;
/// Most dated exceptions in one set of opening hours: a year of holidays and closing
/// days fits.
pub const EXCEPTIONS_MAX: usize = 30;
/// Empty rows the form offers below the filled ones, so that a provider can add a
/// phone line, price or exception without JavaScript.
pub const EMPTY_ROWS: usize = 2;

/// Something wrong with one input, as the error summary and the field show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    /// The `id` of the input (for checkbox and radio groups: of the first option), the
    /// target of the summary's link.
    pub field: String,
    /// The message, in the form's language; it names the field or row, because the
    /// summary shows it without the field next to it.
    pub message: String,
}

impl FieldProblem {
    /// A problem with the input `field`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { field: field.into(), message: message.into() }
    }

    /// The message about `field` among `problems`, if any (for a template showing it
    /// next to its input).
    pub fn of<'a>(problems: &'a [FieldProblem], field: &str) -> Option<&'a str> {
        problems.iter().find(|p| p.field == field).map(|p| p.message.as_str())
    }
}

/// What a form offers to choose from that comes from the store rather than the domain.
/// Organisation and location forms ignore it; pass `FormOptions::default()`.
#[derive(Debug, Clone, Default)]
pub struct FormOptions {
    /// Theme terms a service can be linked to, with their names, in display order.
    /// Terms a service has that are not in this list (other taxonomies such as iWmo
    /// codes) are not shown and stay as they are.
    pub terms: Vec<(Id, String)>,
    /// The locations of the service's organisation, with their names, in display order.
    /// Only these can be linked; links to other locations stay as they are.
    pub locations: Vec<(Id, String)>,
}
