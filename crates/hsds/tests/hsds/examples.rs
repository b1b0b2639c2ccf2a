//! The official HSDS 3.0 examples (`data/hsds/3.0/examples`) import, and exporting what
//! was imported gives back every value they hold: fields Wegwijs has no place for and
//! values it cannot take come back from the records' extras. What Wegwijs writes in its
//! own way (a web address with a closing slash) is listed per example, and so are the
//! warnings the import gives.

use crate::fixtures::context;
use serde_json::Value;
use std::path::PathBuf;
use wegwijs_hsds::{
    ExportOptions, ImportBatch, TermLookup, location_to_hsds, organisation_to_hsds, read_services, service_to_hsds,
    taxonomy_to_hsds, term_to_hsds,
};

fn example(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/hsds/3.0/examples").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

fn import(value: &Value) -> ImportBatch {
    read_services(value.to_string().as_bytes(), &context()).unwrap_or_else(|error| panic!("{error}"))
}

/// Every service of `batch` exported as a service feed would give it, by id.
fn services(batch: &ImportBatch) -> Vec<Value> {
    let terms = TermLookup::new(&batch.taxonomies, &batch.terms);
    batch
        .services
        .iter()
        .map(|service| {
            let org = batch.organisations.iter().find(|o| o.id == service.organisation_id).unwrap();
            service_to_hsds(service, org, &batch.locations, &terms, ExportOptions::default())
        })
        .collect()
}

/// A service export whose organisation is given as the organisation export, which
/// also lists the organisation's own locations (a service nests its organisation
/// without them).
fn service_with_full_organisation(batch: &ImportBatch, service: Value) -> Value {
    let mut service = service;
    let org = batch.organisations.iter().find(|o| o.id.as_str() == service["organization"]["id"]).unwrap();
    service["organization"] = organisation_to_hsds(org, &batch.locations);
    service
}

/// Where `expected` is not held by `actual`, one line per place: a field that is
/// missing, or a value written differently. `null` counts as absent; lists of objects
/// with ids are compared by id in any order, other lists item by item in any order;
/// numbers by value (35 and 35.0 are the same price).
fn not_contained(expected: &Value, actual: &Value, path: &str, out: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(expected), Value::Object(actual)) => {
            for (key, value) in expected.iter().filter(|(_, v)| !v.is_null()) {
                let at = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                match actual.get(key).filter(|v| !v.is_null()) {
                    Some(found) => not_contained(value, found, &at, out),
                    None => out.push(format!("{at}: missing, was {value}")),
                }
            }
        }
        (Value::Array(expected), Value::Array(actual)) => {
            for (i, item) in expected.iter().enumerate() {
                match item.get("id").filter(|id| !id.is_null()) {
                    Some(id) => match actual.iter().find(|other| other.get("id") == Some(id)) {
                        Some(found) => not_contained(item, found, &format!("{path}[id={id}]"), out),
                        None => out.push(format!("{path}[id={id}]: missing")),
                    },
                    None => {
                        let held = actual.iter().any(|other| {
                            let mut lines = Vec::new();
                            not_contained(item, other, "", &mut lines);
                            lines.is_empty()
                        });
                        if !held {
                            out.push(format!("{path}[{i}]: missing, was {item}"));
                        }
                    }
                }
            }
        }
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => {}
        _ if expected == actual => {}
        _ => out.push(format!("{path}: {expected} became {actual}")),
    }
}

/// Asserts that `actual` holds `expected` except for `rewritten`, the places where
/// Wegwijs writes a value in its own way.
fn assert_holds(expected: &Value, actual: &Value, rewritten: &[&str]) {
    let mut lines = Vec::new();
    not_contained(expected, actual, "", &mut lines);
    assert_eq!(lines, rewritten, "\nexported:\n{}\n", serde_json::to_string_pretty(actual).unwrap());
}

fn warnings(batch: &ImportBatch) -> Vec<String> {
    batch.warnings.iter().map(|w| w.field.clone()).collect()
}

/// The web address of the organisation gets the closing slash every Wegwijs URL has.
const WEBSITE_SLASH: &str = "organization.website: \"http://example.com\" became \"http://example.com/\"";

/// Warnings on the example service, its organisation and location: a UK phone number
/// in quotes, a schedule limited to weeks 41 and 42, an area given as `geojson`, a
/// funding text, a price in pounds, a latitude of 100, an address in the US.
const SERVICE_WARNINGS: &[&str] = &[
    "organization.phones[0].number",
    "organization.contacts[0].phones[0].number",
    "organization.locations[0].latitude",
    "organization.locations[0].addresses[0].country",
    "organization.locations[0].phones[0].number",
    "organization.locations[0].schedules[0]",
    "phones[0].number",
    "contacts[0].phones[0].number",
    "schedules[0]",
    "service_areas[0].extent_type",
    "cost_options[0].currency",
    "funding[0].source",
    "service_at_locations[0].location.latitude",
    "service_at_locations[0].location.addresses[0].country",
    "service_at_locations[0].location.phones[0].number",
    "service_at_locations[0].location.schedules[0]",
    "service_at_locations[0].schedules[0]",
];

#[test]
fn the_full_service_example_comes_back_whole() {
    let original = example("service_full.json");
    let batch = import(&original);
    assert_eq!((batch.services.len(), batch.organisations.len(), batch.locations.len()), (1, 1, 1));
    let mut got = warnings(&batch);
    got.sort();
    let mut expected: Vec<String> = SERVICE_WARNINGS.iter().map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(got, expected);
    // The term its attribute describes is a record of its own, though the attribute
    // links something other than a service.
    assert_eq!(batch.terms[0].id.as_str(), "3f7b145d-84af-42d7-8fae-eaca714b02b2");
    assert_eq!(batch.taxonomies[0].id.as_str(), "5c4d79d7-cc55-470e-9f1f-8cad074e4892");
    let exported = service_with_full_organisation(&batch, services(&batch).remove(0));
    assert_holds(&original, &exported, &[WEBSITE_SLASH]);
}

#[test]
fn the_service_list_example_comes_back_whole() {
    let original = example("service_list.json");
    let batch = import(&original);
    let exported = services(&batch);
    for item in original["contents"].as_array().unwrap() {
        let again = exported.iter().find(|s| s["id"] == item["id"]).unwrap();
        assert_holds(item, again, &[WEBSITE_SLASH]);
    }
    assert!(batch.warnings.is_empty(), "{:?}", batch.warnings);
}

#[test]
fn the_full_organisation_example_comes_back_whole() {
    let original = example("organization_full.json");
    let batch = import(&original);
    assert_eq!((batch.services.len(), batch.organisations.len(), batch.locations.len()), (1, 1, 1));
    let mut exported = organisation_to_hsds(&batch.organisations[0], &batch.locations);
    exported["services"] = Value::Array(services(&batch));
    assert_holds(&original, &exported, &["website: \"http://example.com\" became \"http://example.com/\""]);
}

#[test]
fn the_organisation_list_example_comes_back_whole() {
    let original = example("organization_list.json");
    let batch = import(&original);
    assert!(batch.services.is_empty());
    let exported = organisation_to_hsds(&batch.organisations[0], &batch.locations);
    assert_holds(
        &original["contents"][0],
        &exported,
        &["website: \"http://example.com\" became \"http://example.com/\""],
    );
}

#[test]
fn the_full_service_at_location_example_comes_back_whole() {
    let original = example("service_at_location_full.json");
    let batch = import(&original);
    let service = service_with_full_organisation(&batch, services(&batch).remove(0));
    let mut exported = service["service_at_locations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|sal| sal["id"] == original["id"])
        .unwrap()
        .clone();
    exported["service"] = service;
    assert_holds(
        &original,
        &exported,
        &["service.organization.website: \"http://example.com\" became \"http://example.com/\""],
    );
}

#[test]
fn the_service_at_location_list_example_comes_back_whole() {
    let original = example("service_at_location_list.json");
    let batch = import(&original);
    for item in original["contents"].as_array().unwrap() {
        let service = services(&batch).into_iter().find(|s| s["id"] == item["service"]["id"]).unwrap();
        let mut exported = service["service_at_locations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|sal| sal["id"] == item["id"])
            .unwrap()
            .clone();
        exported["service"] = service;
        assert_holds(
            item,
            &exported,
            &["service.organization.website: \"http://example.com\" became \"http://example.com/\""],
        );
    }
}

#[test]
fn the_location_example_comes_back_whole() {
    let original = example("location.json");
    let batch = import(&original);
    assert_eq!(
        warnings(&batch),
        ["location.latitude", "location.addresses[0].country", "location.phones[0].number", "location.schedules[0]"]
    );
    assert_holds(&original, &location_to_hsds(&batch.locations[0]), &[]);
}

#[test]
fn the_taxonomy_examples_come_back_whole() {
    for name in ["taxonomy.json", "taxonomy_list.json"] {
        let original = example(name);
        let batch = import(&original);
        let expected = original.get("contents").map_or(&original, |contents| &contents[0]);
        assert_holds(expected, &taxonomy_to_hsds(&batch.taxonomies[0]), &[]);
    }
}

/// Terms keep no extras yet (`TaxonomyTerm` has no field for them), so a term read on
/// its own loses the fields Wegwijs does not model. Nested in a service, the service
/// keeps them (see the full service example).
#[test]
fn the_taxonomy_term_examples_come_back_except_the_fields_terms_cannot_keep() {
    for name in ["taxonomy_term.json", "taxonomy_term_list.json"] {
        let original = example(name);
        let batch = import(&original);
        let expected = original.get("contents").map_or(&original, |contents| &contents[0]);
        let exported = term_to_hsds(&batch.terms[0], &batch.taxonomies[0]);
        assert_holds(
            expected,
            &exported,
            &[
                "language: missing, was \"eng\"",
                "taxonomy: missing, was \"taxonomy\"",
                "term_uri: missing, was \"http://example.com\"",
            ],
        );
    }
}

#[test]
fn importing_an_export_of_an_example_again_gives_the_same_bytes() {
    let batch = import(&example("service_full.json"));
    let first = services(&batch);
    let again = import(&Value::Array(first.clone()));
    assert_eq!(services(&again), first);
    assert_eq!(again.services, batch.services);
    assert_eq!(again.locations, batch.locations);
}

#[test]
fn the_comparison_names_what_is_missing_and_what_changed() {
    let expected = serde_json::json!({"a": 1, "b": {"c": "x"}, "l": [{"id": "1", "v": 2}, {"id": "2"}], "n": null});
    let actual = serde_json::json!({"a": 1.0, "b": {"c": "y"}, "l": [{"id": "1", "v": 3}]});
    let mut lines = Vec::new();
    not_contained(&expected, &actual, "", &mut lines);
    assert_eq!(lines, ["b.c: \"x\" became \"y\"", "l[id=\"1\"].v: 2 became 3", "l[id=\"2\"]: missing"]);
}
