//! Export of organisations and locations, on their own or nested inside a service.

use super::common::{Bookkeeping, bookkeeping, contacts, opening_hours, phones, schedules};
use super::derived_id;
use crate::overlay::apply_extra;
use crate::wire::{WireAccessibility, WireAddress, WireLocation, WireOrganization};
use serde_json::{Number, Value};
use wegwijs_domain::{Location, LocationKind, Organisation, OrganisationKind};

/// An organisation as an HSDS 3.0 `organization` object, with the locations from
/// `locations` that belong to it (`organisation_id`) nested in `locations`, and the
/// HSDS fields it was imported with given back.
pub fn organisation_to_hsds(org: &Organisation, locations: &[Location]) -> Value {
    let mut value = organisation_value(org);
    let own: Vec<Value> =
        locations.iter().filter(|l| l.organisation_id.as_ref() == Some(&org.id)).map(location_to_hsds).collect();
    if let (Value::Object(object), false) = (&mut value, own.is_empty()) {
        object.insert("locations".to_owned(), Value::Array(own));
    }
    value
}

/// A location as an HSDS 3.0 `location` object, with the HSDS fields it was imported
/// with given back.
pub fn location_to_hsds(loc: &Location) -> Value {
    let mut value = serde_json::to_value(location(loc)).expect("HSDS wire structs always serialise");
    apply_extra(&loc.hsds_extra, &mut value);
    value
}

/// The organisation as nested in a service: without its locations, which the service
/// nests where it is given.
pub(crate) fn organisation_value(org: &Organisation) -> Value {
    let mut value = serde_json::to_value(organisation(org)).expect("HSDS wire structs always serialise");
    apply_extra(&org.hsds_extra, &mut value);
    value
}

pub(crate) fn organisation(org: &Organisation) -> WireOrganization {
    let Bookkeeping { created, updated, verified_at, verified_by, source } = bookkeeping(&org.meta);
    WireOrganization {
        id: Some(org.id.to_string()),
        name: Some(org.name.to_string()),
        alternate_name: org.alternate_name.clone(),
        description: Some(org.description.clone()),
        email: org.email.as_ref().map(ToString::to_string),
        website: org.website.as_ref().map(ToString::to_string),
        // `overig` says only that the form is unknown: leave the field to the text an
        // import may have kept ("Limited Company").
        legal_status: (org.kind != OrganisationKind::Overig).then(|| org.kind.code().to_owned()),
        phones: phones(&org.phones),
        contacts: contacts(&org.contacts),
        created,
        updated,
        verified_at,
        verified_by,
        source,
        ..WireOrganization::default()
    }
}

pub(crate) fn location(loc: &Location) -> WireLocation {
    let id = loc.id.to_string();
    let addresses = loc
        .address
        .iter()
        .map(|address| WireAddress {
            id: Some(derived_id("address", &loc.id, "0")),
            location_id: Some(id.clone()),
            address_1: Some(address.street.clone()),
            city: Some(address.city.clone()),
            region: address.municipality.clone(),
            // Our addresses carry no province; HSDS requires the field.
            state_province: Some(String::new()),
            postal_code: Some(address.postal_code.to_string()),
            country: Some("NL".to_owned()),
            address_type: Some(if loc.kind == LocationKind::Postal { "postal" } else { "physical" }.to_owned()),
        })
        .collect();
    // One HSDS accessibility object per line, as the import joined them.
    let accessibility = loc
        .accessibility
        .iter()
        .flat_map(|text| text.lines())
        .filter(|line| !line.trim().is_empty())
        .enumerate()
        .map(|(i, description)| WireAccessibility {
            id: Some(derived_id("accessibility", &loc.id, &i.to_string())),
            location_id: Some(id.clone()),
            description: Some(description.to_owned()),
        })
        .collect();
    let Bookkeeping { created, updated, verified_at, verified_by, source } = bookkeeping(&loc.meta);
    WireLocation {
        id: Some(id.clone()),
        location_type: Some(loc.kind.as_hsds().to_owned()),
        organization_id: loc.organisation_id.as_ref().map(ToString::to_string),
        name: Some(loc.name.to_string()),
        description: loc.description.clone(),
        transportation: loc.transportation.clone(),
        latitude: loc.point.and_then(|p| Number::from_f64(p.lat)),
        longitude: loc.point.and_then(|p| Number::from_f64(p.lon)),
        addresses,
        accessibility,
        phones: phones(&loc.phones),
        schedules: schedules(&loc.id, &loc.opening_hours),
        created,
        updated,
        verified_at,
        verified_by,
        source,
        opening_hours: opening_hours(&loc.opening_hours),
        ..WireLocation::default()
    }
}
