//! The inputs the fragments draw, as view models: a text input or textarea, a group of
//! checkboxes or radios, and a select. Each carries its label, hint, value and
//! problem, already in the page's language, so one macro in `forms/macros.html`
//! draws every field of every form the same accessible way.

use super::FieldProblem;
use super::input::FormInput;
use crate::i18n::Locale;

/// What kind of text input a field is, which sets the HTML element and its `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// One line of text.
    Line,
    /// An e-mail address: browsers offer the right keyboard and autofill.
    Email,
    /// A web address. `type="text"`, not `url`, because people write `www.example.nl`
    /// without `https://` and browsers would refuse that.
    Url,
    /// A phone number.
    Tel,
    /// A whole number (ages). `type="text"` with `inputmode="numeric"`, as GOV.UK
    /// advises: `type="number"` changes values when scrolling and drops what it
    /// cannot read.
    Number,
    /// An amount in euros: `inputmode="decimal"` for a keyboard with a comma.
    Amount,
    /// A time of day; browsers show a time picker.
    Time,
    /// A date; browsers show a date picker and send `YYYY-MM-DD`.
    Date,
    /// Several lines of text, with this many rows.
    Area(usize),
}

/// Everything the form knows about one text field before it is drawn: its name (also
/// its `id`), the locale keys of its label and hint, and its maximum length.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Spec {
    /// `name` and `id` of the input.
    pub name: &'static str,
    /// Locale key of the label; also names the field in problem messages.
    pub label: &'static str,
    /// Locale key of the hint under the label.
    pub hint: Option<&'static str>,
    /// Most characters.
    pub max: usize,
    /// The element and `type`.
    pub kind: Kind,
}

impl Spec {
    /// A one-line field.
    pub const fn line(name: &'static str, label: &'static str, hint: Option<&'static str>, max: usize) -> Self {
        Self { name, label, hint, max, kind: Kind::Line }
    }

    /// The same field with another kind.
    pub const fn kind(self, kind: Kind) -> Self {
        Self { kind, ..self }
    }
}

/// A text input or textarea as the page shows it.
#[derive(Debug, Clone)]
pub struct TextField {
    /// `id` and `name`.
    pub id: String,
    /// The label.
    pub label: String,
    /// Help under the label: what to type, with an example.
    pub hint: Option<String>,
    /// The value: from the record, or as typed.
    pub value: String,
    /// The problem with the value, if any.
    pub error: Option<String>,
    /// `maxlength`.
    pub max: usize,
    /// The `type` of an `<input>` (`text`, `email`, `tel`, `time`, `date`).
    pub input_type: &'static str,
    /// `inputmode`, or empty.
    pub input_mode: &'static str,
    /// `autocomplete`, or empty.
    pub autocomplete: &'static str,
    /// Rows of a textarea; 0 for an `<input>`.
    pub rows: usize,
    /// An extra class on the field (`field--short` for times, ages and amounts).
    pub class: &'static str,
}

impl TextField {
    /// The field `spec` with the value and problem `input` and `problems` give.
    pub(crate) fn new(locale: Locale, spec: Spec, input: &FormInput, problems: &[FieldProblem]) -> Self {
        Self::named(locale, spec, spec.name.to_owned(), input, problems)
    }

    /// The field `spec` under another name: a field of a numbered row.
    pub(crate) fn named(
        locale: Locale,
        spec: Spec,
        name: String,
        input: &FormInput,
        problems: &[FieldProblem],
    ) -> Self {
        let (input_type, input_mode, rows, class) = match spec.kind {
            Kind::Line => ("text", "", 0, ""),
            Kind::Email => ("email", "", 0, ""),
            Kind::Url => ("text", "url", 0, ""),
            Kind::Tel => ("tel", "", 0, "field--medium"),
            Kind::Number => ("text", "numeric", 0, "field--short"),
            Kind::Amount => ("text", "decimal", 0, "field--short"),
            Kind::Time => ("time", "", 0, "field--short"),
            Kind::Date => ("date", "", 0, "field--medium"),
            Kind::Area(rows) => ("text", "", rows, ""),
        };
        let autocomplete = match spec.kind {
            Kind::Email => "email",
            Kind::Url => "url",
            Kind::Tel => "tel",
            _ => "off",
        };
        Self {
            value: input.get(&name).to_owned(),
            error: problem_of(problems, &name),
            id: name,
            label: locale.t(spec.label).to_owned(),
            hint: spec.hint.map(|key| locale.t(key).to_owned()),
            max: spec.max,
            input_type,
            input_mode,
            autocomplete,
            rows,
            class,
        }
    }

    /// The same field with another label (the times of a second period).
    pub(crate) fn labelled(self, label: &str) -> Self {
        Self { label: label.to_owned(), ..self }
    }

    /// The ids `aria-describedby` names: the hint and the problem.
    pub fn described_by(&self) -> String {
        let mut ids = Vec::new();
        if self.hint.is_some() {
            ids.push(format!("{}-hint", self.id));
        }
        if self.error.is_some() {
            ids.push(format!("{}-error", self.id));
        }
        ids.join(" ")
    }
}

/// One checkbox, radio button or select option.
#[derive(Debug, Clone)]
pub struct Choice {
    /// `id` of the input (unused for select options).
    pub id: String,
    /// The value sent when chosen.
    pub value: String,
    /// What the person reads.
    pub label: String,
    /// Whether it is ticked or selected.
    pub checked: bool,
}

/// A group of checkboxes or radio buttons in a fieldset.
#[derive(Debug, Clone)]
pub struct ChoiceGroup {
    /// The `name` all inputs share; their ids are `{name}_1`, `{name}_2`, ….
    pub name: String,
    /// The legend.
    pub legend: String,
    /// Help under the legend.
    pub hint: Option<String>,
    /// The problem with the group, if any.
    pub error: Option<String>,
    /// The options.
    pub choices: Vec<Choice>,
    /// Radio buttons (one choice) rather than checkboxes.
    pub radio: bool,
}

impl ChoiceGroup {
    /// A group named `name` offering `options` (value, label); ticked are those `input`
    /// sent. Problems are filed under the first option's id, the summary's link target.
    pub(crate) fn new(
        name: &str,
        legend: String,
        hint: Option<String>,
        options: impl IntoIterator<Item = (String, String)>,
        input: &FormInput,
        problems: &[FieldProblem],
    ) -> Self {
        let choices = options
            .into_iter()
            .enumerate()
            .map(|(n, (value, label))| Choice {
                id: format!("{name}_{}", n + 1),
                checked: input.has(name, &value),
                value,
                label,
            })
            .collect();
        Self {
            error: problem_of(problems, &first_id(name)),
            name: name.to_owned(),
            legend,
            hint,
            choices,
            radio: false,
        }
    }

    /// The same group as radio buttons.
    pub(crate) fn radios(self) -> Self {
        Self { radio: true, ..self }
    }

    /// The `id` of the first option, the target for the group's problems.
    pub fn first_id(&self) -> String {
        first_id(&self.name)
    }

    /// The ids `aria-describedby` of the fieldset names.
    pub fn described_by(&self) -> String {
        let mut ids = Vec::new();
        if self.hint.is_some() {
            ids.push(format!("{}-hint", self.name));
        }
        if self.error.is_some() {
            ids.push(format!("{}-error", self.name));
        }
        ids.join(" ")
    }
}

/// The id under which problems of the checkbox or radio group `name` are filed.
pub(crate) fn first_id(name: &str) -> String {
    format!("{name}_1")
}

/// A select list.
#[derive(Debug, Clone)]
pub struct SelectField {
    /// `id` and `name`.
    pub id: String,
    /// The label.
    pub label: String,
    /// The problem, if any.
    pub error: Option<String>,
    /// The options; `checked` marks the selected one.
    pub options: Vec<Choice>,
}

impl SelectField {
    /// A select named `name` offering `options` (value, label), with what `input` sent
    /// selected.
    pub(crate) fn new(
        name: String,
        label: String,
        options: impl IntoIterator<Item = (String, String)>,
        input: &FormInput,
        problems: &[FieldProblem],
    ) -> Self {
        let sent = input.get(&name).trim().to_owned();
        let options = options
            .into_iter()
            .map(|(value, label)| Choice { id: String::new(), checked: value == sent, value, label })
            .collect();
        Self { error: problem_of(problems, &name), id: name, label, options }
    }

    /// The id `aria-describedby` names when there is a problem.
    pub fn described_by(&self) -> String {
        if self.error.is_some() { format!("{}-error", self.id) } else { String::new() }
    }
}

/// The first problem filed under `field`: one message per field, like the summary.
pub(crate) fn problem_of(problems: &[FieldProblem], field: &str) -> Option<String> {
    problems.iter().find(|p| p.field == field).map(|p| p.message.clone())
}
