//! Export of one service with everything nested in it.

use super::common::{contacts, hours_extras, phones, schedules, source, time, verification};
use super::location::{location, organisation};
use super::{ExportOptions, TermLookup, derived_id};
use crate::wire::{
    HsdsService, WireAttribute, WireCostOption, WireFunding, WireLanguage, WireServiceArea, WireServiceAtLocation,
    WireTaxonomy, WireTaxonomyTerm, XReferral, XService,
};
use serde_json::Number;
use wegwijs_domain::{Location, Organisation, Service};

/// A service as a fully nested HSDS 3.0 service object.
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
) -> serde_json::Value {
    serde_json::to_value(wire_service(service, organisation_record, locations, terms, options))
        .expect("HSDS wire structs always serialise")
}

/// The typed wire form of [`service_to_hsds`].
pub(crate) fn wire_service(
    service: &Service,
    organisation_record: &Organisation,
    locations: &[Location],
    terms: &TermLookup,
    options: ExportOptions,
) -> HsdsService {
    let id = service.id.to_string();
    let x_wegwijs = XService {
        summary: Some(service.summary.clone()),
        referral: Some(XReferral {
            route: Some(service.referral.route.code().to_owned()),
            how: service.referral.how.clone(),
        }),
        target_groups: service.eligibility.target_groups.iter().map(|g| g.code().to_owned()).collect(),
        professional_notes: service.professional_notes.clone().filter(|_| options.include_professional),
        created: Some(time(service.meta.created)),
        verification: verification(service.meta.verification.as_ref()),
        source: Some(source(&service.meta.source)),
        opening_hours: hours_extras(&service.opening_hours),
    };
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
                location: locations.iter().find(|l| l.id == sal.location_id).map(location),
                x_wegwijs: hours_extras(&sal.opening_hours),
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
        organization: Some(organisation(organisation_record)),
        funding: service
            .funding
            .iter()
            .map(|scheme| WireFunding {
                id: Some(derived_id("funding", &service.id, scheme.code())),
                source: Some(scheme.code().to_owned()),
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
                taxonomy_term: terms.get(term_id).map(|(term, taxonomy)| WireTaxonomyTerm {
                    id: Some(term.id.to_string()),
                    code: Some(term.code.clone()),
                    name: Some(term.name.to_string()),
                    description: Some(term.description.clone()),
                    parent_id: term.parent_id.as_ref().map(ToString::to_string),
                    taxonomy_id: Some(taxonomy.id.to_string()),
                    taxonomy_detail: Some(WireTaxonomy {
                        id: Some(taxonomy.id.to_string()),
                        name: Some(taxonomy.name.to_string()),
                        description: Some(taxonomy.description.clone()),
                        uri: taxonomy.uri.clone(),
                        version: taxonomy.version.clone(),
                    }),
                }),
            })
            .collect(),
        x_wegwijs: Some(x_wegwijs),
    }
}
