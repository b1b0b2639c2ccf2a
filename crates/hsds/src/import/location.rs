//! Import of the organisation and the locations nested in a service. Each nested copy
//! is converted on its own; the collector then checks that copies agree.

use super::common::Check;
use crate::wire::{WireAddress, WireLocation, WireOrganization, XRecord};
use wegwijs_domain::{
    Address, EmailAddress, GeoPoint, Location, LocationKind, Name, Organisation, OrganisationKind, PostalCode, WebUrl,
};

/// The nested `organization` at `field` (e.g. `organization`).
pub(crate) fn organisation(check: &mut Check<'_>, field: &str, wire: &WireOrganization) -> Option<Organisation> {
    let id = check.id(&format!("{field}.id"), &wire.id);
    let name = check
        .required(&format!("{field}.name"), &wire.name)
        .and_then(|raw| check.parse(&format!("{field}.name"), Name::parse(raw)));
    let description = check.required(&format!("{field}.description"), &wire.description).map(str::to_owned);
    let email = check.optional(&format!("{field}.email"), &wire.email, EmailAddress::parse);
    let website = check.optional(&format!("{field}.website"), &wire.website, WebUrl::parse);
    let phones = check.phones(&format!("{field}.phones"), &wire.phones);
    let contacts = check.contacts(&format!("{field}.contacts"), &wire.contacts);
    let meta = record_meta(check, field, wire.x_wegwijs.as_ref(), wire.id.as_deref());
    Some(Organisation {
        id: id?,
        name: name?,
        alternate_name: wire.alternate_name.clone(),
        description: description?,
        kind: wire.legal_status.as_deref().map_or(OrganisationKind::Overig, OrganisationKind::from_text),
        email: email.ok()?,
        website: website.ok()?,
        phones,
        contacts,
        meta,
    })
}

/// The nested `location` at `field` (e.g. `service_at_locations[0].location`).
pub(crate) fn location(check: &mut Check<'_>, field: &str, wire: &WireLocation) -> Option<Location> {
    let id = check.id(&format!("{field}.id"), &wire.id);
    let kind = check.required(&format!("{field}.location_type"), &wire.location_type).and_then(|raw| {
        let kind = LocationKind::from_hsds(raw);
        if kind.is_none() {
            check.report(&format!("{field}.location_type"), format!("{raw:?} is not one of physical, postal, virtual"));
        }
        kind
    });
    let name = match wire.name.as_deref() {
        Some(raw) => check.parse(&format!("{field}.name"), Name::parse(raw)),
        None => {
            check.report(&format!("{field}.name"), "is missing; Wegwijs needs a name for every location");
            None
        }
    };
    let organisation_id =
        check.optional(&format!("{field}.organization_id"), &wire.organization_id, wegwijs_domain::Id::parse);
    let point = match (wire.latitude, wire.longitude) {
        (None, None) => Ok(None),
        (Some(lat), Some(lon)) => {
            check.parse(&format!("{field}.latitude"), GeoPoint::new(lat, lon)).map(Some).ok_or(())
        }
        _ => {
            check.report(&format!("{field}.latitude"), "latitude and longitude must be given together");
            Err(())
        }
    };
    let address = address(check, field, &wire.addresses);
    let accessibility: Vec<&str> = wire.accessibility.iter().filter_map(|a| a.description.as_deref()).collect();
    let phones = check.phones(&format!("{field}.phones"), &wire.phones);
    let extras = wire.x_wegwijs.as_ref().and_then(|x| x.opening_hours.as_ref());
    let hours = check.hours(
        &format!("{field}.schedules"),
        &wire.schedules,
        &format!("{field}.x_wegwijs.opening_hours"),
        extras,
    );
    let meta = record_meta(check, field, wire.x_wegwijs.as_ref(), wire.id.as_deref());
    Some(Location {
        id: id?,
        organisation_id: organisation_id.ok()?,
        name: name?,
        description: wire.description.clone(),
        kind: kind?,
        address: address.ok()?,
        point: point.ok()?,
        transportation: wire.transportation.clone(),
        accessibility: (!accessibility.is_empty()).then(|| accessibility.join("\n")),
        phones,
        opening_hours: hours?,
        meta,
    })
}

/// The visiting address: the first physical address, else the first address.
fn address(check: &mut Check<'_>, field: &str, addresses: &[WireAddress]) -> Result<Option<Address>, ()> {
    let chosen = addresses
        .iter()
        .position(|a| a.address_type.as_deref().is_none_or(|t| t.eq_ignore_ascii_case("physical")))
        .or((!addresses.is_empty()).then_some(0));
    let Some(index) = chosen else { return Ok(None) };
    let wire = &addresses[index];
    let at = format!("{field}.addresses[{index}]");
    if let Some(country) = wire.country.as_deref().filter(|c| !c.trim().is_empty()) {
        let country = country.trim().to_ascii_uppercase();
        if !matches!(country.as_str(), "NL" | "NLD" | "NEDERLAND" | "THE NETHERLANDS" | "NETHERLANDS") {
            check.report(
                &format!("{at}.country"),
                format!("{country:?} is not the Netherlands; Wegwijs holds Dutch addresses only"),
            );
            return Err(());
        }
    }
    let street = check.required(&format!("{at}.address_1"), &wire.address_1).map(str::to_owned);
    let city = check.required(&format!("{at}.city"), &wire.city).map(str::to_owned);
    let postal_code = check
        .required(&format!("{at}.postal_code"), &wire.postal_code)
        .and_then(|raw| check.parse(&format!("{at}.postal_code"), PostalCode::parse(raw)));
    match (street, city, postal_code) {
        (Some(street), Some(city), Some(postal_code)) => Ok(Some(Address {
            street,
            postal_code,
            city,
            municipality: wire.region.clone().filter(|r| !r.trim().is_empty()),
        })),
        _ => Err(()),
    }
}

fn record_meta(
    check: &mut Check<'_>,
    field: &str,
    x: Option<&XRecord>,
    reference: Option<&str>,
) -> wegwijs_domain::RecordMeta {
    let empty = XRecord::default();
    let x = x.unwrap_or(&empty);
    let prefix = format!("{field}.");
    let updated_field = format!("{prefix}x_wegwijs.updated");
    check.meta(&prefix, &x.created, (&updated_field, &x.updated), x.verification.as_ref(), x.source.as_ref(), reference)
}
