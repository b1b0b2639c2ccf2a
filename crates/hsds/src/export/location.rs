//! Export of organisations and locations, as they are nested inside a service.

use super::common::{contacts, phones, record, schedules};
use super::derived_id;
use crate::wire::{WireAccessibility, WireAddress, WireLocation, WireOrganization};
use wegwijs_domain::{Location, LocationKind, Organisation};

pub(crate) fn organisation(org: &Organisation) -> WireOrganization {
    WireOrganization {
        id: Some(org.id.to_string()),
        name: Some(org.name.to_string()),
        alternate_name: org.alternate_name.clone(),
        description: Some(org.description.clone()),
        email: org.email.as_ref().map(ToString::to_string),
        website: org.website.as_ref().map(ToString::to_string),
        legal_status: Some(org.kind.code().to_owned()),
        phones: phones(&org.phones),
        contacts: contacts(&org.contacts),
        services: Vec::new(),
        x_wegwijs: Some(record(&org.meta, None)),
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
    let accessibility = loc
        .accessibility
        .iter()
        .map(|description| WireAccessibility {
            id: Some(derived_id("accessibility", &loc.id, "0")),
            location_id: Some(id.clone()),
            description: Some(description.clone()),
        })
        .collect();
    WireLocation {
        id: Some(id.clone()),
        location_type: Some(loc.kind.as_hsds().to_owned()),
        organization_id: loc.organisation_id.as_ref().map(ToString::to_string),
        name: Some(loc.name.to_string()),
        description: loc.description.clone(),
        transportation: loc.transportation.clone(),
        latitude: loc.point.map(|p| p.lat),
        longitude: loc.point.map(|p| p.lon),
        addresses,
        accessibility,
        phones: phones(&loc.phones),
        schedules: schedules(&loc.id, &loc.opening_hours),
        x_wegwijs: Some(record(&loc.meta, Some(&loc.opening_hours))),
    }
}
