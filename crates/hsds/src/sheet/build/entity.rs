//! The HSDS objects for an organisation and a location, built once from their merged
//! cells, and the contact details (phones, e-mail) they share with services. Values
//! are passed on as written; the HSDS import checks them with the domain parsers.

use super::super::field::Field;
use super::super::records::Entity;
use super::super::text::fold;
use super::{Notes, put};
use serde_json::{Map, Value, json};
use wegwijs_domain::Id;

/// The nested `organization` object.
pub(crate) fn organisation(entity: &Entity, source: &str, id_mapped: bool, notes: &mut Notes<'_>) -> Value {
    let name = entity.get(Field::OrganisationName).unwrap_or_default();
    let description = match entity.get(Field::OrganisationDescription) {
        Some(description) => description.to_owned(),
        None => {
            notes.warn_at(
                entity.line_of(Field::OrganisationName),
                &entity.label,
                "has no description; HSDS requires one, so its name was used. Map organisation_description to \
                 give a real one",
            );
            name.to_owned()
        }
    };
    let mut object = Map::new();
    object.insert("id".into(), json!(entity.id));
    object.insert("name".into(), json!(name));
    object.insert("description".into(), json!(description));
    put(&mut object, "legal_status", entity.get(Field::OrganisationKind).map(fold));
    let line = entity.line_of(Field::OrganisationEmail);
    put(&mut object, "email", entity.get(Field::OrganisationEmail).map(|raw| email(raw, line, &entity.label, notes)));
    put(&mut object, "website", entity.get(Field::OrganisationWebsite));
    let line = entity.line_of(Field::OrganisationPhone);
    let phones = entity.get(Field::OrganisationPhone).map(|raw| phones(&entity.id, raw, line, &entity.label, notes));
    object.insert("phones".into(), json!(phones.unwrap_or_default()));
    object.insert("source".into(), json!({ "name": source, "reference": id_mapped.then(|| entity.id.to_string()) }));
    Value::Object(object)
}

/// The nested `location` object of `organisation`.
pub(crate) fn location(entity: &Entity, organisation: &Value, source: &str, id_mapped: bool) -> Value {
    let (mut street, mut postal_code, mut city) = match entity.get(Field::Address) {
        Some(whole) => split_address(whole),
        None => (None, None, None),
    };
    if let Some(own) = entity.get(Field::Street) {
        street = Some(match entity.get(Field::HouseNumber) {
            Some(number) => format!("{own} {number}"),
            None => own.to_owned(),
        });
    }
    postal_code = entity.get(Field::PostalCode).map(str::to_owned).or(postal_code);
    city = entity.get(Field::City).map(str::to_owned).or(city);
    let name = entity.get(Field::LocationName).map(str::to_owned).unwrap_or_else(|| {
        let parts: Vec<&str> = [street.as_deref(), city.as_deref()].into_iter().flatten().collect();
        if parts.is_empty() { organisation["name"].as_str().unwrap_or_default().to_owned() } else { parts.join(", ") }
    });
    let mut object = Map::new();
    object.insert("id".into(), json!(entity.id));
    object.insert("location_type".into(), json!("physical"));
    object.insert("name".into(), json!(name));
    object.insert("organization_id".into(), organisation["id"].clone());
    if street.is_some() || postal_code.is_some() || city.is_some() {
        let mut address = Map::new();
        address.insert("id".into(), json!(Id::derived("wegwijs-sheet/address", entity.id.as_str())));
        address.insert("location_id".into(), json!(entity.id));
        put(&mut address, "address_1", street);
        put(&mut address, "city", city);
        put(&mut address, "postal_code", postal_code);
        put(&mut address, "region", entity.get(Field::Municipality));
        address.insert("country".into(), json!("NL"));
        address.insert("address_type".into(), json!("physical"));
        object.insert("addresses".into(), json!([address]));
    }
    object.insert("source".into(), json!({ "name": source, "reference": id_mapped.then(|| entity.id.to_string()) }));
    Value::Object(object)
}

/// "Hoofdstraat 12, 2171 AB Sassenheim" → street, postcode, place. Without a postcode,
/// the last comma separates street and place.
pub(crate) fn split_address(whole: &str) -> (Option<String>, Option<String>, Option<String>) {
    let clean = |text: &str| {
        let text = text.trim().trim_matches(',').trim();
        (!text.is_empty()).then(|| text.to_owned())
    };
    match find_postal_code(whole) {
        Some((start, end)) => (clean(&whole[..start]), clean(&whole[start..end]), clean(&whole[end..])),
        None => match whole.rsplit_once(',') {
            Some((street, city)) => (clean(street), None, clean(city)),
            None => (clean(whole), None, None),
        },
    }
}

/// The byte range of the first "1234 AB" / "1234AB" standing on its own.
fn find_postal_code(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let boundary = |at: usize| bytes.get(at).is_none_or(|b| !b.is_ascii_alphanumeric());
    (0..bytes.len()).find_map(|start| {
        let digits = bytes.get(start..start + 4)?;
        if !digits.iter().all(u8::is_ascii_digit) || (start > 0 && !boundary(start - 1)) {
            return None;
        }
        let letters_at = if bytes.get(start + 4) == Some(&b' ') { start + 5 } else { start + 4 };
        let letters = bytes.get(letters_at..letters_at + 2)?;
        (letters.iter().all(u8::is_ascii_alphabetic) && boundary(letters_at + 2)).then_some((start, letters_at + 2))
    })
}

/// The first e-mail address of a cell ("mailto:" dropped); more than one is a warning,
/// as Wegwijs keeps one address per record.
pub(crate) fn email(raw: &str, line: Option<u64>, record: &str, notes: &mut Notes<'_>) -> String {
    let mut addresses = raw.split([';', ',', ' ', '\n']).map(str::trim).filter(|part| !part.is_empty());
    let first = addresses.next().unwrap_or_default();
    let rest: Vec<&str> = addresses.collect();
    if !rest.is_empty() {
        notes.warn_at(line, record, &format!("has more than one e-mail address; only {first:?} was kept"));
    }
    first.strip_prefix("mailto:").unwrap_or(first).to_owned()
}

/// HSDS `phone` objects for the numbers in a cell. A nine-digit number without its
/// leading zero is what Excel makes of 0612345678 in a number cell, so the zero is
/// put back, with a warning.
pub(crate) fn phones(owner: &Id, raw: &str, line: Option<u64>, record: &str, notes: &mut Notes<'_>) -> Vec<Value> {
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for part in raw.split([';', ',', '\n']).flat_map(|p| p.split(" / ")).flat_map(|p| p.split(" of ")) {
        let mut number = part.trim().to_owned();
        if number.is_empty() {
            continue;
        }
        let mut digits: String = number.chars().filter(char::is_ascii_digit).collect();
        let only_digits = number.chars().all(|c| c.is_ascii_digit() || c == ' ');
        if only_digits && digits.len() == 9 && !digits.starts_with('0') {
            notes.warn_at(line, record, &format!("{number:?} lost its leading zero in Excel; read as 0{digits}"));
            digits.insert(0, '0');
            number.clone_from(&digits);
        }
        if seen.contains(&digits) {
            continue;
        }
        let id = Id::derived("wegwijs-sheet/phone", &format!("{owner}/{digits}"));
        out.push(json!({ "id": id, "number": number }));
        seen.push(digits);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_in_one_cell_is_split_at_the_postcode() {
        let split = |s: &str| split_address(s);
        assert_eq!(
            split("Hoofdstraat 12, 2171 AB Sassenheim"),
            (Some("Hoofdstraat 12".into()), Some("2171 AB".into()), Some("Sassenheim".into()))
        );
        assert_eq!(
            split("Postbus 1234 2170AA Sassenheim"),
            (Some("Postbus 1234".into()), Some("2170AA".into()), Some("Sassenheim".into()))
        );
        assert_eq!(split("Dorpsstraat 3, Warmond"), (Some("Dorpsstraat 3".into()), None, Some("Warmond".into())));
    }
}
