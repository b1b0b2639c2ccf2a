//! The location form: name, visiting address, how to get there and in, phone lines and
//! opening hours. The coordinates follow the postcode: they stay while it stays, and
//! a new postcode takes the centre of its four-digit area, because a point left at
//! the old address would put the location on the map where it no longer is.

use super::clean::Reader;
use super::hours::{self, HoursFields};
use super::input::FormInput;
use super::rows::{self, PhoneRow};
use super::widgets::{Kind, Spec, TextField};
use super::{DESCRIPTION_MAX, FieldProblem, FormOptions, NAME_MAX, SHORT_MAX};
use crate::i18n::Locale;
use wegwijs_domain::{Address, GeoPoint, InvalidPostalCode, Location, PostalCode};

const NAME: Spec = Spec::line("naam", "form.location.name", Some("form.location.name_hint"), NAME_MAX);
const STREET: Spec = Spec::line("straat", "form.location.street", Some("form.location.street_hint"), NAME_MAX);
const POSTCODE: Spec = Spec::line("postcode", "form.location.postcode", Some("form.location.postcode_hint"), 10);
const CITY: Spec = Spec::line("plaats", "form.location.city", Some("form.location.city_hint"), NAME_MAX);
const DESCRIPTION: Spec =
    Spec::line("beschrijving", "form.location.description", Some("form.location.description_hint"), DESCRIPTION_MAX)
        .kind(Kind::Area(5));
const TRANSPORTATION: Spec =
    Spec::line("vervoer", "form.location.transportation", Some("form.location.transportation_hint"), SHORT_MAX)
        .kind(Kind::Area(3));
const ACCESSIBILITY: Spec =
    Spec::line("toegankelijkheid", "form.location.accessibility", Some("form.location.accessibility_hint"), SHORT_MAX)
        .kind(Kind::Area(3));

/// The text fields of the form, for the test that every label and hint has a text.
#[cfg(test)]
pub(crate) const SPECS: [Spec; 7] = [NAME, STREET, POSTCODE, CITY, DESCRIPTION, TRANSPORTATION, ACCESSIBILITY];

/// The location form as the fragment `forms/location.html` draws it (page field
/// `fields`).
#[derive(Debug, Clone)]
pub struct LocationFields {
    /// Name.
    pub name: TextField,
    /// Street and house number.
    pub street: TextField,
    /// Postcode.
    pub postcode: TextField,
    /// Place.
    pub city: TextField,
    /// Description of the place.
    pub description: TextField,
    /// How to get there.
    pub transportation: TextField,
    /// Accessibility.
    pub accessibility: TextField,
    /// Phone lines of the location.
    pub phones: Vec<PhoneRow>,
    /// When the building is open.
    pub hours: HoursFields,
}

impl LocationFields {
    /// The form filled with `location`.
    pub fn from_record(locale: Locale, location: &Location, options: &FormOptions) -> Self {
        Self::from_input(locale, &location_input(location), &[], options)
    }

    /// The form as typed, with `problems` next to their fields.
    pub fn from_input(locale: Locale, input: &FormInput, problems: &[FieldProblem], _options: &FormOptions) -> Self {
        let text = |spec| TextField::new(locale, spec, input, problems);
        Self {
            name: text(NAME),
            street: text(STREET),
            postcode: text(POSTCODE),
            city: text(CITY),
            description: text(DESCRIPTION),
            transportation: text(TRANSPORTATION),
            accessibility: text(ACCESSIBILITY),
            phones: rows::phone_rows(locale, input, problems),
            hours: HoursFields::new(locale, input, problems),
        }
    }
}

/// `location` as its form posts it.
pub(crate) fn location_input(location: &Location) -> FormInput {
    let mut input = FormInput::default();
    let optional = |value: &Option<String>| value.clone().unwrap_or_default();
    input.push(NAME.name, location.name.as_str());
    let address = location.address.as_ref();
    input.push(STREET.name, address.map(|a| a.street.clone()).unwrap_or_default());
    input.push(POSTCODE.name, address.map(|a| a.postal_code.as_str().to_owned()).unwrap_or_default());
    input.push(CITY.name, address.map(|a| a.city.clone()).unwrap_or_default());
    input.push(DESCRIPTION.name, optional(&location.description));
    input.push(TRANSPORTATION.name, optional(&location.transportation));
    input.push(ACCESSIBILITY.name, optional(&location.accessibility));
    rows::write_phones(&location.phones, &mut input);
    hours::write(&location.opening_hours, &mut input);
    input
}

/// Applies the posted form to a copy of `base` and checks every field at once.
pub fn read_location(
    locale: Locale,
    base: &Location,
    input: &FormInput,
    _options: &FormOptions,
) -> Result<Location, Vec<FieldProblem>> {
    let mut r = Reader::new(locale, input);
    let name = r.name(NAME);
    let address = read_address(&mut r, base);
    let description = r.optional(DESCRIPTION);
    let transportation = r.optional(TRANSPORTATION);
    let accessibility = r.optional(ACCESSIBILITY);
    let phones = rows::read_phones(&mut r, &base.id, &base.phones);
    let opening_hours = hours::read(&mut r);
    let (Some(name), Some(address), Some(opening_hours)) = (name, address, opening_hours) else {
        return Err(r.problems);
    };
    let point = point_for(base, address.as_ref());
    r.finish(Location {
        name,
        address,
        point,
        description,
        transportation,
        accessibility,
        phones,
        opening_hours,
        ..base.clone()
    })
}

/// The address: `Some(None)` when all three fields are empty, `None` on a problem.
fn read_address(r: &mut Reader<'_>, base: &Location) -> Option<Option<Address>> {
    let street = r.text(STREET);
    let city = r.text(CITY);
    let raw_postcode = r.text(POSTCODE);
    let (street, city, raw_postcode) = (street?, city?, raw_postcode?);
    if street.is_empty() && city.is_empty() && raw_postcode.is_empty() {
        return Some(None);
    }
    let before = r.problems.len();
    for (spec, value) in [(STREET, &street), (POSTCODE, &raw_postcode), (CITY, &city)] {
        if value.is_empty() {
            let message = r.locale.tf("form.location.error_address_part", &[("field", &r.locale.t(spec.label))]);
            r.problem(spec.name, message);
        }
    }
    let postal_code = if raw_postcode.is_empty() {
        None
    } else {
        PostalCode::parse(&raw_postcode)
            .map_err(|error| {
                let key = match error {
                    InvalidPostalCode::LeadingZero(_) => "form.location.error_postcode_zero",
                    InvalidPostalCode::UnusedLetters(_) => "form.location.error_postcode_letters",
                    InvalidPostalCode::Empty | InvalidPostalCode::BadFormat(_) => "form.location.error_postcode",
                };
                let message = r.locale.t(key);
                r.problem(POSTCODE.name, message);
            })
            .ok()
    };
    if r.problems.len() > before {
        return None;
    }
    let postal_code = postal_code?;
    let stored = base.address.as_ref();
    let municipality = match stored {
        Some(address) if address.postal_code == postal_code => address.municipality.clone(),
        _ => wegwijs_domain::geo::builtin()
            .postcode(&postal_code)
            .map(|area| area.municipality.clone())
            .or_else(|| stored.and_then(|a| a.municipality.clone())),
    };
    Some(Some(Address { street, postal_code, city, municipality }))
}

/// The coordinates: the stored ones while the postcode stays, else the centre of the
/// new postcode's four-digit area (none when it is unknown or the address is gone).
fn point_for(base: &Location, address: Option<&Address>) -> Option<GeoPoint> {
    let stored_postcode = base.address.as_ref().map(|a| &a.postal_code);
    let new_postcode = address.map(|a| &a.postal_code);
    if stored_postcode == new_postcode {
        return base.point;
    }
    new_postcode.and_then(|postcode| wegwijs_domain::geo::builtin().postcode(postcode)).map(|area| area.point)
}
