//! Domain → HSDS → domain gives the same records, and HSDS → domain → HSDS the same
//! bytes.

use crate::fixtures::*;
use serde_json::Value;
use wegwijs_domain::{Location, Organisation, Service};
use wegwijs_hsds::{ExportOptions, HsdsFileWriter, ImportBatch, TermLookup, read_services, service_to_hsds};

const PROFESSIONAL: ExportOptions = ExportOptions { include_professional: true };

fn export(services: &[(Service, Organisation)], locations: &[Location], options: ExportOptions) -> String {
    let (taxonomies, terms) = taxonomies();
    let lookup = TermLookup::new(&taxonomies, &terms);
    let mut writer = HsdsFileWriter::new(Vec::new()).unwrap();
    for (service, org) in services {
        writer.push(&service_to_hsds(service, org, locations, &lookup, options)).unwrap();
    }
    String::from_utf8(writer.finish().unwrap().0).unwrap()
}

fn import(json: &str) -> ImportBatch {
    read_services(json.as_bytes(), &context()).unwrap_or_else(|error| panic!("{error}\n{json}"))
}

fn full() -> Vec<(Service, Organisation)> {
    vec![(full_service(), full_organisation())]
}

#[test]
fn a_full_service_comes_back_equal_from_a_professional_export() {
    let batch = import(&export(&full(), &[full_location(), second_location()], PROFESSIONAL));
    assert_eq!(batch.services, vec![full_service()]);
    assert_eq!(batch.organisations, vec![full_organisation()]);
    assert_eq!(batch.locations, vec![full_location(), second_location()]);
    assert_eq!(batch.term_ids.iter().map(|id| id.as_str()).collect::<Vec<_>>(), ["thema-eenzaamheid", "thema-geld"]);
}

#[test]
fn a_public_export_comes_back_equal_except_for_the_professional_notes() {
    let batch = import(&export(&full(), &[full_location(), second_location()], ExportOptions::default()));
    let mut expected = full_service();
    expected.professional_notes = None;
    assert_eq!(batch.services, vec![expected]);
}

#[test]
fn a_public_export_never_contains_professional_notes() {
    let json = export(&full(), &[full_location(), second_location()], ExportOptions::default());
    assert!(!json.contains("professional_notes"), "{json}");
    assert!(!json.contains("Direct lijn intake"));
    let professional = export(&full(), &[full_location(), second_location()], PROFESSIONAL);
    let professional: Value = serde_json::from_str(&professional).unwrap();
    assert_eq!(professional[0]["x_wegwijs"]["professional_notes"], "Direct lijn intake: 071 000 0000");
}

#[test]
fn a_minimal_service_comes_back_equal() {
    let batch = import(&export(&[(minimal_service(), minimal_organisation())], &[], ExportOptions::default()));
    assert_eq!(batch.services, vec![minimal_service()]);
    assert_eq!(batch.organisations, vec![minimal_organisation()]);
    assert!(batch.locations.is_empty() && batch.term_ids.is_empty());
}

#[test]
fn export_import_export_gives_identical_bytes() {
    let services = vec![(full_service(), full_organisation()), (minimal_service(), minimal_organisation())];
    let locations = [full_location(), second_location()];
    let first = export(&services, &locations, PROFESSIONAL);
    let batch = import(&first);
    let again: Vec<(Service, Organisation)> = batch
        .services
        .iter()
        .map(|s| (s.clone(), batch.organisations.iter().find(|o| o.id == s.organisation_id).unwrap().clone()))
        .collect();
    assert_eq!(export(&again, &batch.locations, PROFESSIONAL), first);
}

#[test]
fn exporting_twice_gives_identical_bytes_with_derived_nested_ids() {
    let a = export(&full(), &[full_location(), second_location()], PROFESSIONAL);
    let b = export(&full(), &[full_location(), second_location()], PROFESSIONAL);
    assert_eq!(a, b);
    let value: Value = serde_json::from_str(&a).unwrap();
    let address_id = value[0]["service_at_locations"][0]["location"]["addresses"][0]["id"].as_str().unwrap();
    assert_eq!(address_id.len(), 36, "a derived UUID: {address_id}");
}

#[test]
fn organisations_and_locations_shared_by_services_are_kept_once() {
    let mut second = full_service();
    second.id = id("svc-tweede");
    let json = export(
        &[(full_service(), full_organisation()), (second, full_organisation())],
        &[full_location(), second_location()],
        PROFESSIONAL,
    );
    let batch = import(&json);
    assert_eq!(batch.services.len(), 2);
    assert_eq!(batch.organisations.len(), 1);
    assert_eq!(batch.locations.len(), 2);
}

#[test]
fn the_export_puts_standard_fields_in_their_hsds_places() {
    let json = export(&full(), &[full_location(), second_location()], ExportOptions::default());
    let v: Value = serde_json::from_str(&json).unwrap();
    let s = &v[0];
    assert_eq!(s["status"], "temporarily closed");
    assert_eq!(s["assured_date"], "2024-02-04");
    assert_eq!(s["last_modified"], "2024-02-03T14:00:00Z");
    assert_eq!(s["minimum_age"], 18);
    assert_eq!(s["schedules"][0]["freq"], "WEEKLY");
    assert_eq!(s["schedules"][0]["byday"], "MO");
    assert_eq!(s["schedules"][0]["opens_at"], "09:00");
    assert_eq!(s["schedules"][0]["closes_at"], "12:00");
    assert_eq!(s["service_areas"][0]["extent"], "GM1525");
    assert_eq!(s["cost_options"][0]["amount"], 7.5);
    assert_eq!(s["cost_options"][0]["currency"], "EUR");
    assert_eq!(s["funding"][0]["source"], "wmo");
    assert_eq!(s["attributes"][0]["link_entity"], "service");
    assert_eq!(s["attributes"][0]["taxonomy_term"]["taxonomy_id"], "thema");
    assert_eq!(s["attributes"][0]["taxonomy_term"]["taxonomy_detail"]["name"], "Thema's");
    assert_eq!(s["organization"]["legal_status"], "stichting");
    let location = &s["service_at_locations"][0]["location"];
    assert_eq!(location["addresses"][0]["region"], "Teylingen");
    assert_eq!(location["addresses"][0]["country"], "NL");
    assert_eq!(location["addresses"][0]["postal_code"], "2171 AB");
    assert_eq!(location["accessibility"][0]["description"], "Rolstoeltoegankelijk, ringleiding");
    assert_eq!(s["x_wegwijs"]["referral"]["route"], "wijkteam");
    assert_eq!(s["x_wegwijs"]["opening_hours"]["closed_on_public_holidays"], true);
}

#[test]
fn the_export_always_has_the_fields_hsds_requires() {
    let json = export(&full(), &[full_location(), second_location()], ExportOptions::default());
    let v: Value = serde_json::from_str(&json).unwrap();
    let has = |object: &Value, fields: &[&str]| {
        for field in fields {
            assert!(object.get(field).is_some(), "{field} missing in {object}");
        }
    };
    let s = &v[0];
    has(s, &["id", "name", "status"]);
    has(&s["organization"], &["id", "name", "description"]);
    has(&s["phones"][0], &["id", "number"]);
    has(&s["attributes"][0]["taxonomy_term"], &["id", "name", "description"]);
    for sal in s["service_at_locations"].as_array().unwrap() {
        has(&sal["location"], &["id", "location_type"]);
    }
    has(
        &s["service_at_locations"][0]["location"]["addresses"][0],
        &["id", "address_1", "city", "state_province", "postal_code", "country", "address_type"],
    );
}

#[test]
fn a_foreign_feed_without_extensions_gets_sensible_defaults() {
    let json = r#"[{
        "id": "ext-1", "name": "Voedselbank", "status": "active",
        "description": "Wij delen voedselpakketten uit. Aanmelden via de gemeente.",
        "last_modified": "2024-06-01T10:00:00Z", "assured_date": "2024-05-30",
        "funding": [{"id": "f1", "source": "Gratis"}],
        "organization": {"id": "ext-org", "name": "Stichting Voedselbank", "description": "Voedselhulp."}
    }]"#;
    let batch = import(json);
    let service = &batch.services[0];
    assert_eq!(service.summary, "Wij delen voedselpakketten uit.");
    assert_eq!(service.referral, wegwijs_domain::Referral::none());
    assert_eq!(service.funding, vec![wegwijs_domain::FundingScheme::Gratis]);
    assert_eq!(service.meta.updated, at(2024, 6, 1, 10));
    assert_eq!(service.meta.created, at(2024, 6, 1, 10));
    assert_eq!(service.meta.source.name, "feed.json");
    assert_eq!(service.meta.source.reference.as_deref(), Some("ext-1"));
    let verification = service.meta.verification.as_ref().unwrap();
    assert_eq!((verification.at, verification.by), (at(2024, 5, 30, 0), wegwijs_domain::VerifiedBy::Import));
    assert_eq!(batch.organisations[0].meta.created, context().now);
}

#[test]
fn a_single_service_object_is_read_like_an_array_of_one() {
    let json = export(&[(minimal_service(), minimal_organisation())], &[], ExportOptions::default());
    let value: Value = serde_json::from_str(&json).unwrap();
    let single = serde_json::to_string(&value[0]).unwrap();
    assert_eq!(import(&single).services, vec![minimal_service()]);
}

#[test]
fn the_hsds_example_service_full_is_read_or_rejected_with_field_problems() {
    let Ok(text) = std::fs::read_to_string("/work/shared/hsds/3.0/examples/service_full.json") else {
        return;
    };
    match read_services(text.as_bytes(), &context()) {
        Ok(batch) => assert_eq!(batch.services.len(), 1),
        Err(wegwijs_hsds::ImportError::Invalid(problems)) => {
            assert!(problems.iter().all(|p| p.record.starts_with("services[0]")), "{problems:?}");
        }
        Err(other) => panic!("{other}"),
    }
}
