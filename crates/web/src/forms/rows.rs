//! Numbered rows of a form: phone lines and prices. The stored rows are shown with
//! their ids in hidden inputs, so that a row that is changed keeps its id (and its
//! history), followed by empty rows to add one. A row left empty is ignored.

use super::amount::{AmountError, format_euros, parse_euros};
use super::clean::Reader;
use super::input::{FormInput, row_name};
use super::widgets::{Kind, SelectField, Spec, TextField};
use super::{COSTS_MAX, EMPTY_ROWS, FieldProblem, PHONES_MAX, SHORT_MAX};
use crate::i18n::Locale;
use wegwijs_domain::{CostOption, Id, InvalidPhone, Phone, PhoneKind, PhoneNumber};

/// Prefix of the phone rows: `telefoon_1_nummer`.
const PHONE: &str = "telefoon";
/// Prefix of the price rows: `kosten_1_bedrag`.
const COST: &str = "kosten";
/// Longest phone number as typed: "+31 (0)71 123 45 67" with room to spare.
const NUMBER_MAX: usize = 30;
/// Phone kinds in the order the select offers them.
const PHONE_KINDS: [PhoneKind; 4] = [PhoneKind::Voice, PhoneKind::Cell, PhoneKind::Text, PhoneKind::Video];

const NUMBER: Spec = Spec::line("", "form.phone.number", Some("form.phone.number_hint"), NUMBER_MAX).kind(Kind::Tel);
const PHONE_DESCRIPTION: Spec =
    Spec::line("", "form.phone.description", Some("form.phone.description_hint"), SHORT_MAX);
const COST_OPTION: Spec = Spec::line("", "form.cost.option", Some("form.cost.option_hint"), SHORT_MAX);
const COST_AMOUNT: Spec = Spec::line("", "form.cost.amount", Some("form.cost.amount_hint"), 20).kind(Kind::Amount);
const COST_DESCRIPTION: Spec = Spec::line("", "form.cost.description", Some("form.cost.description_hint"), SHORT_MAX);

/// A phone line in the form.
#[derive(Debug, Clone)]
pub struct PhoneRow {
    /// "Telefoonnummer 2".
    pub legend: String,
    /// `name` of the hidden input that carries the stored line's id.
    pub id_name: String,
    /// The stored line's id; empty for a new line.
    pub id_value: String,
    /// The number.
    pub number: TextField,
    /// Ordinary, mobile, text only or video.
    pub kind: SelectField,
    /// When or what for.
    pub description: TextField,
}

/// A price in the form.
#[derive(Debug, Clone)]
pub struct CostRow {
    /// "Prijs 2".
    pub legend: String,
    /// `name` of the hidden input that carries the stored price's id.
    pub id_name: String,
    /// The stored price's id; empty for a new one.
    pub id_value: String,
    /// What the price is for.
    pub option: TextField,
    /// The amount in euros.
    pub amount: TextField,
    /// The price in words.
    pub description: TextField,
}

/// The rows to show for `prefix`: every row up to the last one filled in, and
/// [`EMPTY_ROWS`] more.
fn shown_rows(input: &FormInput, prefix: &str, fields: &[&str]) -> std::ops::RangeInclusive<usize> {
    let filled = input.rows(prefix).into_iter().filter(|n| !row_is_empty(input, prefix, *n, fields)).max();
    1..=filled.unwrap_or(0) + EMPTY_ROWS
}

fn row_is_empty(input: &FormInput, prefix: &str, n: usize, fields: &[&str]) -> bool {
    !input.any_filled(&fields.iter().map(|f| row_name(prefix, n, f)).collect::<Vec<_>>())
}

/// The filled rows of `prefix`, at most `max`; more gets a problem on the first
/// field of the first row too many.
fn filled_rows(reader: &mut Reader<'_>, prefix: &str, fields: &[&str], max: usize, key: &str) -> Vec<usize> {
    let rows: Vec<usize> =
        reader.input.rows(prefix).into_iter().filter(|n| !row_is_empty(reader.input, prefix, *n, fields)).collect();
    if let Some(extra) = rows.get(max) {
        let message = reader.locale.tf(key, &[("max", &max)]);
        reader.problem(row_name(prefix, *extra, fields[0]), message);
    }
    rows.into_iter().take(max).collect()
}

/// The id for row `n`: the stored one the hidden input names, if `stored` has it and
/// no earlier row took it, or a new id derived from the owner and what was typed.
fn row_id(reader: &Reader<'_>, prefix: &str, n: usize, stored: &[&Id], taken: &[Id], fresh: impl Fn() -> Id) -> Id {
    let sent = reader.input.get(&row_name(prefix, n, "id")).trim();
    stored.iter().find(|id| id.as_str() == sent && !taken.contains(id)).map_or_else(fresh, |id| (*id).clone())
}

/// The phone rows to show.
pub(crate) fn phone_rows(locale: Locale, input: &FormInput, problems: &[FieldProblem]) -> Vec<PhoneRow> {
    shown_rows(input, PHONE, &["nummer", "omschrijving"])
        .map(|n| {
            let name = |field| row_name(PHONE, n, field);
            let kinds = PHONE_KINDS.iter().map(|kind| {
                (kind.as_hsds().to_owned(), locale.t(&format!("form.phone.kind.{}", kind.as_hsds())).to_owned())
            });
            PhoneRow {
                legend: locale.tf("form.phone.row", &[("n", &n)]),
                id_value: input.get(&name("id")).trim().to_owned(),
                id_name: name("id"),
                number: TextField::named(locale, NUMBER, name("nummer"), input, problems),
                kind: SelectField::new(name("soort"), locale.t("form.phone.kind").to_owned(), kinds, input, problems),
                description: TextField::named(locale, PHONE_DESCRIPTION, name("omschrijving"), input, problems),
            }
        })
        .collect()
}

/// Writes `phones` into `input` as the rows post them.
pub(crate) fn write_phones(phones: &[Phone], input: &mut FormInput) {
    for (i, phone) in phones.iter().enumerate() {
        let name = |field| row_name(PHONE, i + 1, field);
        input.push(name("id"), phone.id.as_str());
        input.push(name("nummer"), phone.number.display_national());
        input.push(name("soort"), phone.kind.as_hsds());
        input.push(name("omschrijving"), phone.description.clone().unwrap_or_default());
    }
}

/// Reads the phone rows of a record `owner` whose stored lines are `stored`.
pub(crate) fn read_phones(reader: &mut Reader<'_>, owner: &Id, stored: &[Phone]) -> Vec<Phone> {
    let stored_ids: Vec<&Id> = stored.iter().map(|p| &p.id).collect();
    let mut phones: Vec<Phone> = Vec::new();
    for n in filled_rows(reader, PHONE, &["nummer", "omschrijving"], PHONES_MAX, "form.phone.error_too_many") {
        let name = |field| row_name(PHONE, n, field);
        let what = reader.locale.tf("form.phone.row", &[("n", &n)]);
        let description = reader.optional_named(PHONE_DESCRIPTION, &name("omschrijving"));
        let Some(raw) = reader.text_named(NUMBER, &name("nummer")) else { continue };
        let number = match PhoneNumber::parse(&raw) {
            Ok(number) => number,
            Err(error) => {
                let key = match error {
                    InvalidPhone::Empty => "form.phone.error_missing",
                    InvalidPhone::BadCharacter(_) => "form.phone.error_characters",
                    InvalidPhone::WrongLength(_) => "form.phone.error_length",
                };
                let message = reader.locale.tf(key, &[("what", &what)]);
                reader.problem(name("nummer"), message);
                continue;
            }
        };
        let taken: Vec<Id> = phones.iter().map(|p| p.id.clone()).collect();
        let id = row_id(reader, PHONE, n, &stored_ids, &taken, || {
            Id::derived("wegwijs-form/phone", &format!("{owner}/{n}/{}", number.as_str()))
        });
        let kind = PhoneKind::from_hsds(reader.input.get(&name("soort")));
        phones.push(Phone { id, number, kind, description });
    }
    phones
}

/// The price rows to show.
pub(crate) fn cost_rows(locale: Locale, input: &FormInput, problems: &[FieldProblem]) -> Vec<CostRow> {
    shown_rows(input, COST, &["waarvoor", "bedrag", "omschrijving"])
        .map(|n| {
            let name = |field| row_name(COST, n, field);
            CostRow {
                legend: locale.tf("form.cost.row", &[("n", &n)]),
                id_value: input.get(&name("id")).trim().to_owned(),
                id_name: name("id"),
                option: TextField::named(locale, COST_OPTION, name("waarvoor"), input, problems),
                amount: TextField::named(locale, COST_AMOUNT, name("bedrag"), input, problems),
                description: TextField::named(locale, COST_DESCRIPTION, name("omschrijving"), input, problems),
            }
        })
        .collect()
}

/// Writes `costs` into `input` as the rows post them.
pub(crate) fn write_costs(costs: &[CostOption], input: &mut FormInput) {
    for (i, cost) in costs.iter().enumerate() {
        let name = |field| row_name(COST, i + 1, field);
        input.push(name("id"), cost.id.as_str());
        input.push(name("waarvoor"), cost.option.clone());
        input.push(name("bedrag"), cost.amount_cents.map(format_euros).unwrap_or_default());
        input.push(name("omschrijving"), cost.amount_description.clone().unwrap_or_default());
    }
}

/// Reads the price rows of service `owner` whose stored prices are `stored`.
pub(crate) fn read_costs(reader: &mut Reader<'_>, owner: &Id, stored: &[CostOption]) -> Vec<CostOption> {
    let stored_ids: Vec<&Id> = stored.iter().map(|c| &c.id).collect();
    let mut costs: Vec<CostOption> = Vec::new();
    for n in filled_rows(reader, COST, &["waarvoor", "bedrag", "omschrijving"], COSTS_MAX, "form.cost.error_too_many") {
        let name = |field| row_name(COST, n, field);
        let what = reader.locale.tf("form.cost.row", &[("n", &n)]);
        let option = reader.text_named(COST_OPTION, &name("waarvoor")).unwrap_or_default();
        let amount_description = reader.optional_named(COST_DESCRIPTION, &name("omschrijving"));
        let amount = match parse_euros(reader.input.get(&name("bedrag"))) {
            Ok(amount) => amount,
            Err(error) => {
                let key = match error {
                    AmountError::NotAnAmount => "form.cost.error_amount",
                    AmountError::TooHigh => "form.cost.error_too_high",
                };
                let message = reader.locale.tf(key, &[("what", &what)]);
                reader.problem(name("bedrag"), message);
                continue;
            }
        };
        let taken: Vec<Id> = costs.iter().map(|c| c.id.clone()).collect();
        let id = row_id(reader, COST, n, &stored_ids, &taken, || {
            Id::derived("wegwijs-form/cost_option", &format!("{owner}/{n}/{option}"))
        });
        costs.push(CostOption { id, option, amount_cents: amount, amount_description });
    }
    costs
}
