//! Files exported before the Dutch profile's fields became top-level properties carry
//! them in one `x_wegwijs` object per record. They are moved to their new places before
//! conversion, so such files import to the same records; where a file has both, the
//! new property wins. Problems in them are reported under the new names.

use crate::wire::{
    HsdsService, WireEligibility, WireLocation, WireOrganization, WireReferral, WireServiceAtLocation, XRecord,
    XVerification,
};
use serde_json::Value;

/// Moves the `x_wegwijs` fields of the service and everything nested in it.
pub(crate) fn upgrade_service(service: &mut HsdsService) {
    if let Some(x) = service.x_wegwijs.take() {
        fill(&mut service.summary, x.summary);
        if service.referral.is_none() {
            service.referral = x.referral.map(|r| WireReferral { required: None, route: r.route, how: r.how });
        }
        if service.eligibility.is_none() && !x.target_groups.is_empty() {
            service.eligibility = Some(WireEligibility { target_groups: x.target_groups });
        }
        fill(&mut service.professional_notes, x.professional_notes);
        fill(&mut service.created, x.created);
        verification(&mut service.verified_at, &mut service.verified_by, x.verification);
        fill(&mut service.source, x.source);
        fill(&mut service.opening_hours, x.opening_hours);
    }
    if let Some(org) = &mut service.organization {
        upgrade_organisation(org);
    }
    for at_location in &mut service.service_at_locations {
        upgrade_service_at_location(at_location);
    }
}

pub(crate) fn upgrade_organisation(org: &mut WireOrganization) {
    if let Some(x) = org.x_wegwijs.take() {
        let XRecord { created, updated, verification: checked, source, opening_hours: _ } = x;
        fill(&mut org.created, created);
        fill(&mut org.updated, updated);
        verification(&mut org.verified_at, &mut org.verified_by, checked);
        fill(&mut org.source, source);
    }
    for location in &mut org.locations {
        upgrade_location(location);
    }
}

pub(crate) fn upgrade_location(location: &mut WireLocation) {
    if let Some(x) = location.x_wegwijs.take() {
        let XRecord { created, updated, verification: checked, source, opening_hours } = x;
        fill(&mut location.created, created);
        fill(&mut location.updated, updated);
        verification(&mut location.verified_at, &mut location.verified_by, checked);
        fill(&mut location.source, source);
        fill(&mut location.opening_hours, opening_hours);
    }
}

fn upgrade_service_at_location(at_location: &mut WireServiceAtLocation) {
    fill(&mut at_location.opening_hours, at_location.x_wegwijs.take());
    if let Some(location) = &mut at_location.location {
        upgrade_location(location);
    }
}

/// Removes every `x_wegwijs` object: its content is read into the records, and an
/// export must not give back a stale copy of it (nor professional notes in public).
pub(crate) fn strip(value: &mut Value) {
    match value {
        Value::Object(object) => {
            object.remove("x_wegwijs");
            object.values_mut().for_each(strip);
        }
        Value::Array(items) => items.iter_mut().for_each(strip),
        _ => {}
    }
}

fn fill<T>(new: &mut Option<T>, old: Option<T>) {
    if new.is_none() {
        *new = old;
    }
}

fn verification(at: &mut Option<String>, by: &mut Option<String>, old: Option<XVerification>) {
    if at.is_none()
        && let Some(old) = old
    {
        *at = old.at;
        fill(by, old.by);
    }
}
