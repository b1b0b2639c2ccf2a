//! Gives each converted record the part of its HSDS object that Wegwijs's export would
//! not give back ([`crate::overlay`]). The organisation nested in a service and the
//! locations nested in it keep theirs on their own records, not on the service.
//!
//! The incoming objects are taken apart rather than copied: this runs for every record
//! of an import.

use super::location::Nested;
use super::service::Converted;
use crate::export::{ExportOptions, TermLookup, location_to_hsds, organisation_value, service_value};
use crate::overlay::diff;
use serde_json::{Map, Value};
use wegwijs_domain::{HsdsExtra, Location, Organisation};

/// Compared with the professional export, so that professional notes are never kept as
/// an extra, which a public export would then give back.
const EVERYTHING: ExportOptions = ExportOptions { include_professional: true };

/// Fills the extras of everything `converted` holds from `incoming`, the service object
/// as read (old `x_wegwijs` objects removed).
pub(crate) fn keep_service(incoming: Value, converted: &mut Converted) {
    let location = |id: &str| converted.locations.iter().map(|(_, loc)| loc).find(|loc| loc.id.as_str() == id);
    let terms = TermLookup::new(&converted.taxonomies, &converted.terms);
    let exported = service_value(&converted.service, &converted.organisation, location, &terms, EVERYTHING);
    let (Value::Object(mut incoming), Value::Object(mut exported)) = (incoming, exported) else { return };
    let mut incoming_at = take_locations(&mut incoming);
    let mut exported_at = take_locations(&mut exported);
    let incoming_org = incoming.remove("organization");
    let exported_org = exported.remove("organization");
    converted.service.hsds_extra = extra(&incoming, &exported);
    let mut org_locations = Vec::new();
    if let (Some(Value::Object(mut incoming_org)), Some(Value::Object(exported_org))) = (incoming_org, exported_org) {
        org_locations = take_list(&mut incoming_org, "locations");
        incoming_org.remove("services");
        converted.organisation.hsds_extra = extra(&incoming_org, &exported_org);
    }
    for (nested, location) in &mut converted.locations {
        let (incoming, exported) = match *nested {
            Nested::AtLocation(i) => {
                (incoming_at.get_mut(i).and_then(Option::take), exported_at.get_mut(i).and_then(Option::take))
            }
            Nested::OfOrganisation(i) => (org_locations.get_mut(i).map(std::mem::take), None),
        };
        if let Some(Value::Object(incoming)) = incoming {
            location.hsds_extra = location_extra(&incoming, location, exported);
        }
    }
}

/// Fills the extras of an organisation read on its own and of the locations nested in it.
pub(crate) fn keep_organisation(incoming: Value, org: &mut Organisation, locations: &mut [(Nested, Location)]) {
    let Value::Object(mut incoming) = incoming else { return };
    let mut nested = take_list(&mut incoming, "locations");
    incoming.remove("services");
    if let Value::Object(exported) = organisation_value(org) {
        org.hsds_extra = extra(&incoming, &exported);
    }
    for (place, location) in locations {
        let Nested::OfOrganisation(i) = *place else { continue };
        if let Some(Value::Object(incoming)) = nested.get_mut(i).map(std::mem::take) {
            location.hsds_extra = location_extra(&incoming, location, None);
        }
    }
}

/// The extras of a location read as `incoming`; `exported` when its export is at hand.
pub(crate) fn location_extra(incoming: &Map<String, Value>, location: &Location, exported: Option<Value>) -> HsdsExtra {
    match exported.unwrap_or_else(|| location_to_hsds(location)) {
        Value::Object(exported) => extra(incoming, &exported),
        _ => HsdsExtra::default(),
    }
}

fn extra(incoming: &Map<String, Value>, exported: &Map<String, Value>) -> HsdsExtra {
    diff(incoming, exported).into_extra()
}

/// Takes the nested `location` out of each service at location, by position.
fn take_locations(service: &mut Map<String, Value>) -> Vec<Option<Value>> {
    match service.get_mut("service_at_locations") {
        Some(Value::Array(at_locations)) => at_locations
            .iter_mut()
            .map(|at_location| at_location.as_object_mut().and_then(|sal| sal.remove("location")))
            .collect(),
        _ => Vec::new(),
    }
}

fn take_list(object: &mut Map<String, Value>, key: &str) -> Vec<Value> {
    match object.remove(key) {
        Some(Value::Array(items)) => items,
        _ => Vec::new(),
    }
}
