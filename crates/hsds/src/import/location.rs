//! Import of organisations and locations, nested in a service or read on their own.
//! Each nested copy is converted on its own; the collector then checks that copies agree.

use super::common::{Check, KEPT, MetaFields};
use crate::wire::{WireAddress, WireLocation, WireOrganization};
use serde_json::Number;
use wegwijs_domain::{
    Address, EmailAddress, GeoPoint, HsdsExtra, Id, Location, LocationKind, Name, Organisation, OrganisationKind,
    PostalCode, WebUrl,
};

/// The bookkeeping of the organisation or location at `field`: both wire types name
/// these fields alike, with `updated` for the last change.
macro_rules! nested_meta {
    ($check:expr, $field:expr, $wire:expr) => {{
        let prefix = format!("{}.", $field);
        $check.meta(MetaFields {
            prefix: &prefix,
            created: &$wire.created,
            updated: (&format!("{prefix}updated"), &$wire.updated),
            verified_at: &$wire.verified_at,
            verified_by: &$wire.verified_by,
            source: $wire.source.as_ref(),
            reference: $wire.id.as_deref(),
        })
    }};
}

/// The organisation at `field` (e.g. `organization`).
pub(crate) fn organisation(check: &mut Check<'_>, field: &str, wire: &WireOrganization) -> Option<Organisation> {
    let id = check.id(&format!("{field}.id"), &wire.id);
    let name = check
        .required(&format!("{field}.name"), &wire.name)
        .and_then(|raw| check.parse(&format!("{field}.name"), Name::parse(raw)));
    let description = check.required(&format!("{field}.description"), &wire.description).map(str::to_owned);
    let email = check.lenient(&format!("{field}.email"), &wire.email, EmailAddress::parse);
    let website = check.lenient(&format!("{field}.website"), &wire.website, WebUrl::parse);
    let phones = check.phones(&format!("{field}.phones"), &wire.phones);
    let contacts = check.contacts(&format!("{field}.contacts"), &wire.contacts);
    let meta = nested_meta!(check, field, wire);
    Some(Organisation {
        id: id?,
        name: name?,
        alternate_name: wire.alternate_name.clone(),
        description: description?,
        kind: wire.legal_status.as_deref().map_or(OrganisationKind::Overig, OrganisationKind::from_text),
        email,
        website,
        phones,
        contacts,
        meta,
        hsds_extra: HsdsExtra::default(),
    })
}

/// Where in a service or organisation object a location was read, so its extras can
/// be taken from the same place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Nested {
    /// `service_at_locations[i].location` of a service.
    AtLocation(usize),
    /// `locations[i]` of the organisation.
    OfOrganisation(usize),
}

/// The organisation's own `locations` (HSDS: where it operates); a location that names
/// no organisation belongs to this one.
pub(crate) fn organisation_locations(
    check: &mut Check<'_>,
    field: &str,
    wire: &WireOrganization,
    organisation: Option<&Organisation>,
) -> Vec<(Nested, Location)> {
    let mut out = Vec::new();
    for (i, nested) in wire.locations.iter().enumerate() {
        if let Some(mut converted) = location(check, &format!("{field}.locations[{i}]"), nested) {
            if converted.organisation_id.is_none() {
                converted.organisation_id = organisation.map(|org| org.id.clone());
            }
            out.push((Nested::OfOrganisation(i), converted));
        }
    }
    out
}

/// The location at `field` (e.g. `service_at_locations[0].location`).
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
    let organisation_id = check.optional(&format!("{field}.organization_id"), &wire.organization_id, Id::parse);
    let point = point(check, field, wire.latitude.as_ref(), wire.longitude.as_ref());
    let address = address(check, field, &wire.addresses);
    let accessibility: Vec<&str> = wire.accessibility.iter().filter_map(|a| a.description.as_deref()).collect();
    let phones = check.phones(&format!("{field}.phones"), &wire.phones);
    let hours = check.hours(
        &format!("{field}.schedules"),
        &wire.schedules,
        &format!("{field}.opening_hours"),
        wire.opening_hours.as_ref(),
    );
    let meta = nested_meta!(check, field, wire);
    Some(Location {
        id: id?,
        organisation_id: organisation_id.ok()?,
        name: name?,
        description: wire.description.clone(),
        kind: kind?,
        address,
        point,
        transportation: wire.transportation.clone(),
        accessibility: (!accessibility.is_empty()).then(|| accessibility.join("\n")),
        phones,
        opening_hours: hours?,
        meta,
        hsds_extra: HsdsExtra::default(),
    })
}

/// The map point; coordinates that are not one (a latitude of 100, only one of the two)
/// give none, with a warning.
fn point(check: &mut Check<'_>, field: &str, lat: Option<&Number>, lon: Option<&Number>) -> Option<GeoPoint> {
    match (lat.and_then(Number::as_f64), lon.and_then(Number::as_f64)) {
        (None, None) => None,
        (Some(lat), Some(lon)) => GeoPoint::new(lat, lon)
            .map_err(|error| {
                check.warn(&format!("{field}.latitude"), format!("{error}, so there is no map point; {KEPT}"))
            })
            .ok(),
        _ => {
            check.warn(
                &format!("{field}.latitude"),
                format!("latitude and longitude must be given together, so there is no map point; {KEPT}"),
            );
            None
        }
    }
}

/// The visiting address: the first physical address, else the first address. One that
/// is not Dutch or not complete is left out with a warning; a Dutch one with an
/// impossible postcode is a problem.
fn address(check: &mut Check<'_>, field: &str, addresses: &[WireAddress]) -> Option<Address> {
    let index = addresses
        .iter()
        .position(|a| a.address_type.as_deref().is_none_or(|t| t.eq_ignore_ascii_case("physical")))
        .or((!addresses.is_empty()).then_some(0))?;
    let wire = &addresses[index];
    let at = format!("{field}.addresses[{index}]");
    if let Some(country) = wire.country.as_deref().filter(|c| !c.trim().is_empty()) {
        let country = country.trim().to_ascii_uppercase();
        if !matches!(country.as_str(), "NL" | "NLD" | "NEDERLAND" | "THE NETHERLANDS" | "NETHERLANDS") {
            check.warn(
                &format!("{at}.country"),
                format!("{country:?} is not the Netherlands and Wegwijs holds Dutch addresses only; {KEPT}"),
            );
            return None;
        }
    }
    let text = |value: &Option<String>| value.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
    let (street, city) = (text(&wire.address_1), text(&wire.city));
    let postal_code = match wire.postal_code.as_deref().map(PostalCode::parse) {
        Some(Ok(code)) => Some(code),
        // A Dutch address with a postcode that cannot be right is a typo to fix at the
        // source: a resident would be sent to the wrong place.
        Some(Err(error)) => {
            check.report(&format!("{at}.postal_code"), error);
            return None;
        }
        None => None,
    };
    match (street, city, postal_code) {
        (Some(street), Some(city), Some(postal_code)) => Some(Address {
            street,
            postal_code,
            city,
            municipality: wire.region.clone().filter(|r| !r.trim().is_empty()),
        }),
        _ => {
            check.warn(&at, format!("needs address_1, city and postal_code; the address is not used and {KEPT}"));
            None
        }
    }
}
