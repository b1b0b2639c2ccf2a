//! The official HSDS 3.0 example package (`data/hsds/3.0/examples/csv`) imports: its
//! records arrive with their values, also those Wegwijs keeps only for exports (a US
//! address, a UK phone number), and its inconsistent references (the example links its
//! attribute and location to ids that are in no file) are warnings with file and line.

use crate::fixtures::context;
use serde_json::Value;
use std::path::PathBuf;
use wegwijs_hsds::{ExportOptions, ImportBatch, TermLookup, read_package, service_to_hsds};

fn official() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/hsds/3.0/examples/csv")
}

fn import() -> ImportBatch {
    read_package(&official(), &context()).unwrap_or_else(|error| panic!("{error}"))
}

/// The imported service as Wegwijs exports it again.
fn exported(batch: &ImportBatch) -> Value {
    let terms = TermLookup::new(&batch.taxonomies, &batch.terms);
    service_to_hsds(&batch.services[0], &batch.organisations[0], &batch.locations, &terms, ExportOptions::default())
}

#[test]
fn the_official_example_package_gives_its_service_organisation_location_and_term() {
    let batch = import();
    assert_eq!(batch.services.len(), 1);
    let service = &batch.services[0];
    assert_eq!(service.id.as_str(), "ac148810-d857-441c-9679-408f346de14b");
    assert_eq!(service.name.as_ref(), "Community Counselling");
    assert_eq!(service.alternate_name.as_deref(), Some("MyCity Counselling Services"));
    assert_eq!((service.eligibility.min_age, service.eligibility.max_age), (Some(12), Some(100)));
    assert_eq!(batch.organisations[0].name.as_ref(), "Example Organization Inc.");
    assert_eq!(batch.locations[0].name.as_ref(), "MyCity Civic Center");
    assert_eq!(service.locations[0].location_id, batch.locations[0].id);
    assert_eq!(service.languages[0].code, "ur");
    assert_eq!(batch.terms[0].id.as_str(), "3f7b145d-84af-42d7-8fae-eaca714b02b2");
    assert_eq!(batch.taxonomies[0].id.as_str(), "5c4d79d7-cc55-470e-9f1f-8cad074e4892");
}

#[test]
fn values_wegwijs_does_not_model_arrive_and_are_exported_again() {
    let batch = import();
    let service = exported(&batch);
    let location = &service["service_at_locations"][0]["location"];
    assert_eq!(location["addresses"][0]["address_1"], "1-30 Main Street");
    assert_eq!(location["addresses"][0]["country"], "US");
    assert_eq!(
        location["accessibility"][0]["details"],
        "Switch hearing aid to T-coil to access the induction loop facility."
    );
    let schedule = &service["schedules"][0];
    assert_eq!(
        (&schedule["byday"], &schedule["opens_at"], &schedule["closes_at"]),
        (&"TH,FR".into(), &"10:00:00".into(), &"18:00:00".into())
    );
    assert_eq!(service["phones"][0]["number"], "\"+44 1234 234567\"");
    assert_eq!(service["phones"][0]["extension"], 100);
    assert_eq!(service["phones"][0]["languages"][0]["name"], "Urdu");
    assert_eq!(service["contacts"][0]["name"], "Ann Persona");
    assert_eq!(service["interpretation_services"], "Interpretation services are available in Urdu, Polish, and Slovak");
    assert_eq!(service["program"]["name"], "Community Mental Health Support");
    assert_eq!(service["required_documents"][0]["uri"], "http://example.com");
    assert_eq!(service["cost_options"][0]["amount"], 35);
    assert_eq!(service["organization"]["organization_identifiers"][0]["identifier"], "1234567");
    assert_eq!(service["organization"]["year_incorporated"], 2011);
}

#[test]
fn the_example_packages_loose_references_are_warnings_with_file_line_and_column() {
    let batch = import();
    let mine: Vec<String> = batch
        .warnings
        .iter()
        .filter(|w| w.message.contains(" in this package") || w.message.contains(".csv"))
        .map(|w| format!("{} {}", w.place.as_ref().map_or_else(String::new, ToString::to_string), w.field))
        .collect();
    assert_eq!(
        mine,
        [
            "attributes.csv line 2 link_id",
            "contacts.csv line 2 organization_id",
            "contacts.csv line 2 service_at_location_id",
            "locations.csv line 2 organization_id",
            "metadata.csv line 2 resource_id",
            "organizations.csv line 2 parent_organization_id",
            "taxonomy_terms.csv line 2 parent_id",
            "taxonomy_terms.csv line 2 taxonomy_id",
        ],
        "{:#?}",
        batch.warnings
    );
    // The examples' datapackage.json is a link to the official one, lost in the copy.
    assert!(batch.warnings[0].message.contains("link to another file"), "{}", batch.warnings[0]);
    // A value Wegwijs cannot take is reported where it was read.
    let phone = batch.warnings.iter().find(|w| w.field == "number").unwrap();
    assert_eq!(phone.place.as_ref().unwrap().to_string(), "phones.csv line 2");
}
