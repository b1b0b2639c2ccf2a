//! Export of one service with everything nested in it.

use super::common::{Bookkeeping, bookkeeping, contacts, opening_hours, phones, schedules, time};
use super::location::{location_to_hsds, organisation_value};
use super::taxonomy::wire_term;
use super::{ExportOptions, TermLookup, derived_id};
use crate::overlay::apply_extra;
use crate::wire::{
    HsdsService, WireAttribute, WireCostOption, WireEligibility, WireFunding, WireLanguage, WireReferral,
    WireServiceArea, WireServiceAtLocation, funding_text,
};
use serde_json::{Number, Value};
use wegwijs_domain::{Location, Organisation, ReferralRoute, Service};

/// A service as a fully nested HSDS 3.0 service object, with the Dutch profile's
/// fields and the HSDS fields the service, its organisation and its locations were
/// imported with.
///
/// `organisation` is the service's organisation; `locations` must hold the locations
/// its `service_at_locations` point to (others are ignored, missing ones are exported
/// without the nested `location`).
pub fn service_to_hsds(
    service: &Service,
    organisation_record: &Organisation,
    locations: &[Location],
    terms: &TermLookup,
    options: ExportOptions,
) -> Value {
    let location = |id: &str| locations.iter().find(|l| l.id.as_str() == id);
    service_value(service, organisation_record, location, terms, options)
}

/// [`service_to_hsds`] with the locations found by id through `location`, for a
/// caller that holds them otherwise than in one slice.
pub(crate) fn service_value<'l>(
    service: &Service,
    organisation_record: &Organisation,
    location: impl Fn(&str) -> Option<&'l Location>,
    terms: &TermLookup,
    options: ExportOptions,
) -> Value {
    let mut value =
        serde_json::to_value(wire_service(service, terms, options)).expect("HSDS wire structs always serialise");
    apply_extra(&service.hsds_extra, &mut value);
    let Value::Object(object) = &mut value else { unreachable!("a service serialises to an object") };
    object.insert("organization".to_owned(), organisation_value(organisation_record));
    if let Some(Value::Array(at_locations)) = object.get_mut("service_at_locations") {
        for at_location in at_locations.iter_mut() {
            let id = at_location.get("location_id").and_then(Value::as_str).unwrap_or_default();
            if let (Some(found), Value::Object(sal)) = (location(id), &mut *at_location) {
                sal.insert("location".to_owned(), location_to_hsds(found));
            }
        }
    }
    value
}

/// The service's own fields in their wire form; the organisation and the locations
/// are nested by [`service_to_hsds`].
fn wire_service(service: &Service, terms: &TermLookup, options: ExportOptions) -> HsdsService {
    let id = service.id.to_string();
    let Bookkeeping { created, verified_at, verified_by, source, .. } = bookkeeping(&service.meta);
    let target_groups: Vec<String> = service.eligibility.target_groups.iter().map(|g| g.code().to_owned()).collect();
    HsdsService {
        id: Some(id.clone()),
        organization_id: Some(service.organisation_id.to_string()),
        name: Some(service.name.to_string()),
        alternate_name: service.alternate_name.clone(),
        description: Some(service.description.clone()),
        url: service.url.as_ref().map(ToString::to_string),
        email: service.email.as_ref().map(ToString::to_string),
        status: Some(service.status.as_hsds().to_owned()),
        application_process: service.application_process.clone(),
        fees_description: service.fees_description.clone(),
        wait_time: service.wait_time.clone(),
        eligibility_description: service.eligibility.description.clone(),
        minimum_age: service.eligibility.min_age.map(Number::from),
        maximum_age: service.eligibility.max_age.map(Number::from),
        assured_date: service.meta.verification.as_ref().map(|v| v.at.date_naive().to_string()),
        last_modified: Some(time(service.meta.updated)),
        phones: phones(&service.phones),
        schedules: schedules(&service.id, &service.opening_hours),
        service_areas: service
            .areas
            .iter()
            .map(|area| WireServiceArea {
                id: Some(area.id.to_string()),
                name: Some(area.name.clone()),
                extent: Some(area.code.clone()),
                extent_type: Some(area.kind.code().to_owned()),
            })
            .collect(),
        service_at_locations: service
            .locations
            .iter()
            .map(|sal| WireServiceAtLocation {
                id: Some(sal.id.to_string()),
                service_id: Some(id.clone()),
                location_id: Some(sal.location_id.to_string()),
                description: sal.description.clone(),
                schedules: schedules(&sal.id, &sal.opening_hours),
                opening_hours: opening_hours(&sal.opening_hours),
                ..WireServiceAtLocation::default()
            })
            .collect(),
        languages: service
            .languages
            .iter()
            .map(|language| WireLanguage {
                id: Some(language.id.to_string()),
                name: Some(language.name.clone()),
                code: Some(language.code.clone()),
                note: language.note.clone(),
            })
            .collect(),
        organization: None,
        funding: service
            .funding
            .iter()
            .map(|scheme| WireFunding {
                id: Some(derived_id("funding", &service.id, scheme.code())),
                scheme: Some(scheme.code().to_owned()),
                source: Some(funding_text(*scheme).to_owned()),
            })
            .collect(),
        cost_options: service
            .costs
            .iter()
            .map(|cost| WireCostOption {
                id: Some(cost.id.to_string()),
                option: Some(cost.option.clone()),
                currency: Some("EUR".to_owned()),
                amount: cost.amount_cents.and_then(|cents| Number::from_f64(f64::from(cents) / 100.0)),
                amount_description: cost.amount_description.clone(),
            })
            .collect(),
        contacts: contacts(&service.contacts),
        attributes: service
            .terms
            .iter()
            .map(|term_id| WireAttribute {
                id: Some(derived_id("attribute", &service.id, term_id.as_str())),
                link_id: Some(id.clone()),
                link_type: None,
                link_entity: Some("service".to_owned()),
                taxonomy_term_id: Some(term_id.to_string()),
                taxonomy_term: terms.get(term_id).map(|(term, taxonomy)| wire_term(term, taxonomy)),
            })
            .collect(),
        summary: Some(service.summary.clone()),
        referral: Some(WireReferral {
            required: Some(service.referral.route != ReferralRoute::None),
            route: Some(service.referral.route.code().to_owned()),
            how: service.referral.how.clone(),
        }),
        eligibility: (!target_groups.is_empty()).then_some(WireEligibility { target_groups }),
        verified_at,
        verified_by,
        created,
        source,
        opening_hours: opening_hours(&service.opening_hours),
        professional_notes: service.professional_notes.clone().filter(|_| options.include_professional),
        x_wegwijs: None,
    }
}
