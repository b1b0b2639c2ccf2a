//! Bad files: each must be refused with every problem named by record, field path and
//! reason, and nothing imported.

use crate::fixtures::*;
use serde_json::{Value, json};
use wegwijs_hsds::{ExportOptions, ImportError, RecordProblem, TermLookup, read_services, service_to_hsds};

/// The full fixture as exported, to break in one place.
fn good() -> Value {
    let (taxonomies, terms) = taxonomies();
    service_to_hsds(
        &full_service(),
        &full_organisation(),
        &[full_location(), second_location()],
        &TermLookup::new(&taxonomies, &terms),
        ExportOptions::default(),
    )
}

fn read(value: &Value) -> Result<wegwijs_hsds::ImportBatch, ImportError> {
    read_services(value.to_string().as_bytes(), &context())
}

fn problems(value: &Value) -> Vec<RecordProblem> {
    match read(value) {
        Err(ImportError::Invalid(problems)) => problems,
        other => panic!("expected problems, got {other:?}"),
    }
}

fn set(value: &mut Value, pointer: &str, new: Value) {
    *value.pointer_mut(pointer).unwrap_or_else(|| panic!("{pointer}")) = new;
}

#[test]
fn malformed_json_is_reported_with_line_and_column() {
    let error = read_services("[\n  {\"id\": \"a\",,}\n]".as_bytes(), &context()).unwrap_err();
    let ImportError::Syntax { line, column, .. } = &error else { panic!("{error:?}") };
    assert_eq!((*line, *column), (2, 14));
    assert!(error.to_string().contains("line 2, column 14"), "{error}");
}

#[test]
fn a_top_level_number_is_refused() {
    let error = read_services("42".as_bytes(), &context()).unwrap_err();
    assert!(matches!(error, ImportError::Syntax { line: 1, .. }), "{error:?}");
    assert!(error.to_string().contains("an array of HSDS service objects"), "{error}");
}

#[test]
fn an_empty_array_is_a_valid_empty_batch() {
    let batch = read_services("[]".as_bytes(), &context()).unwrap();
    assert!(batch.services.is_empty() && batch.organisations.is_empty() && batch.locations.is_empty());
}

#[test]
fn a_service_without_a_name_is_named_as_missing() {
    let mut value = good();
    value.as_object_mut().unwrap().remove("name");
    let problems = problems(&json!([value]));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].record, "services[0] (id \"svc-maatjes\")");
    assert_eq!(problems[0].field, "name");
    assert!(problems[0].message.contains("missing"));
}

#[test]
fn missing_required_fields_are_all_named() {
    let value = json!([{ "organization": { "name": "X" } }]);
    let fields: Vec<String> = problems(&value).into_iter().map(|p| p.field).collect();
    for field in ["id", "name", "status", "organization.id", "organization.description"] {
        assert!(fields.iter().any(|f| f == field), "{field} not in {fields:?}");
    }
}

#[test]
fn a_service_without_organization_is_a_problem() {
    let mut value = good();
    value.as_object_mut().unwrap().remove("organization");
    let problems = problems(&json!([value]));
    assert_eq!(problems[0].field, "organization");
}

#[test]
fn a_five_digit_postcode_is_explained_with_its_field_path() {
    let mut value = good();
    set(&mut value, "/service_at_locations/0/location/addresses/0/postal_code", json!("12345"));
    let problems = problems(&json!([value]));
    assert_eq!(
        problems[0].to_string(),
        "services[0] (id \"svc-maatjes\", \"Maatjesproject\"): service_at_locations[0].location.addresses[0].postal_code: \
         \"12345\" is not a Dutch postcode; write it as four digits and two letters, e.g. 2171 AB"
    );
}

#[test]
fn a_bad_email_and_a_bad_phone_are_both_reported() {
    let mut value = good();
    set(&mut value, "/email", json!("maatjes at welzijn"));
    set(&mut value, "/phones/0/number", json!("12"));
    let fields: Vec<String> = problems(&json!([value])).into_iter().map(|p| p.field).collect();
    assert_eq!(fields, ["email", "phones[0].number"]);
}

#[test]
fn closing_before_opening_is_a_problem() {
    let mut value = good();
    set(&mut value, "/schedules/0/closes_at", json!("08:00"));
    let problems = problems(&json!([value]));
    assert_eq!(problems[0].field, "schedules");
    assert!(problems[0].message.contains("not after the opening time"), "{}", problems[0]);
}

#[test]
fn an_unknown_funding_source_is_a_problem() {
    let mut value = good();
    set(&mut value, "/funding/0/source", json!("subsidie"));
    assert_eq!(problems(&json!([value]))[0].field, "funding[0].source");
}

#[test]
fn a_duplicate_service_id_is_refused() {
    let problems = problems(&json!([good(), good()]));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].record.starts_with("services[1]"));
    assert!(problems[0].message.contains("used twice"), "{}", problems[0]);
}

#[test]
fn conflicting_copies_of_an_organisation_are_refused() {
    let mut other = good();
    set(&mut other, "/id", json!("svc-ander"));
    set(&mut other, "/organization/description", json!("Iets anders."));
    let problems = problems(&json!([good(), other]));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0]
            .message
            .contains("organisation \"org-welzijn\" is described differently in services[0] and services[1]"),
        "{}",
        problems[0]
    );
}

#[test]
fn problems_in_many_records_are_all_collected_up_to_the_cap() {
    let mut services = Vec::new();
    for i in 0..150 {
        let mut value = good();
        set(&mut value, "/id", json!(format!("svc-{i}")));
        set(&mut value, "/email", json!("kapot"));
        services.push(value);
    }
    let problems = problems(&Value::Array(services));
    assert_eq!(problems.len(), 101);
    assert_eq!(problems[99].record, "services[99] (id \"svc-99\", \"Maatjesproject\")");
    assert_eq!(problems[100].to_string(), "and 50 more");
    let error = ImportError::Invalid(problems);
    assert!(error.to_string().starts_with("more than 100 problems in the file:"), "{error}");
}

#[test]
fn a_value_of_the_wrong_json_type_is_reported_with_line_and_column() {
    let error = read_services("[\n{\"id\": \"a\", \"name\": 5}\n]".as_bytes(), &context()).unwrap_err();
    assert!(matches!(error, ImportError::Syntax { line: 2, .. }), "{error:?}");
}

/// Hands out one byte per read, as a slow network stream might.
struct Trickle<'a>(&'a [u8]);

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let Some((first, rest)) = self.0.split_first() else {
            return Ok(0);
        };
        buf[0] = *first;
        self.0 = rest;
        Ok(1)
    }
}

#[test]
fn a_file_that_arrives_byte_by_byte_is_read_the_same() {
    let text = json!([good()]).to_string();
    let batch = read_services(Trickle(text.as_bytes()), &context()).unwrap();
    assert_eq!(batch.services.len(), 1);
    assert_eq!(batch.locations.len(), 2);
}
