//! Bad files: each must be refused with every problem named by record, field path and
//! reason, and nothing imported. Values a record can do without are warnings instead,
//! and the export gives them back.

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

/// The batch of a file that must import, with the warnings it gave.
fn imported(value: &Value) -> wegwijs_hsds::ImportBatch {
    read(value).unwrap_or_else(|error| panic!("{error}"))
}

/// The first service of `batch` exported again, as a service would be.
fn exported(batch: &wegwijs_hsds::ImportBatch) -> Value {
    service_to_hsds(
        &batch.services[0],
        &batch.organisations[0],
        &batch.locations,
        &TermLookup::new(&batch.taxonomies, &batch.terms),
        ExportOptions::default(),
    )
}

#[test]
fn a_five_digit_postcode_in_a_dutch_address_is_a_problem_with_record_and_field() {
    let mut value = good();
    set(&mut value, "/service_at_locations/0/location/addresses/0/postal_code", json!("12345"));
    assert_eq!(
        problems(&value).iter().map(ToString::to_string).collect::<Vec<_>>(),
        [
            "services[0] (id \"svc-maatjes\", \"Maatjesproject\"): service_at_locations[0].location.addresses[0].postal_code: \
          \"12345\" is not a Dutch postcode; write it as four digits and two letters, e.g. 2171 AB"
        ]
    );
}

#[test]
fn a_foreign_address_and_impossible_coordinates_are_warnings() {
    let mut value = good();
    set(&mut value, "/service_at_locations/0/location/addresses/0/country", json!("US"));
    set(&mut value, "/service_at_locations/0/location/latitude", json!(100));
    let batch = imported(&json!([value]));
    let fields: Vec<&str> = batch.warnings.iter().map(|w| w.field.as_str()).collect();
    assert_eq!(
        fields,
        ["service_at_locations[0].location.latitude", "service_at_locations[0].location.addresses[0].country"]
    );
    assert_eq!((batch.locations[0].address.as_ref(), batch.locations[0].point), (None, None));
    let location = &exported(&batch)["service_at_locations"][0]["location"];
    assert_eq!(location["latitude"], 100);
    assert_eq!(location["addresses"][0]["country"], "US");
}

#[test]
fn a_bad_email_and_a_bad_phone_are_warnings_and_kept_for_export() {
    let mut value = good();
    set(&mut value, "/email", json!("maatjes at welzijn"));
    set(&mut value, "/phones/0/number", json!("12"));
    let batch = imported(&json!([value]));
    let fields: Vec<&str> = batch.warnings.iter().map(|w| w.field.as_str()).collect();
    assert_eq!(fields, ["email", "phones[0].number"]);
    assert!(batch.warnings[0].message.contains("not an e-mail address"), "{}", batch.warnings[0]);
    assert_eq!((batch.services[0].email.as_ref(), batch.services[0].phones.len()), (None, 0));
    let again = exported(&batch);
    assert_eq!(again["email"], "maatjes at welzijn");
    assert_eq!(again["phones"][0]["number"], "12");
}

#[test]
fn closing_before_opening_leaves_that_schedule_out_with_a_warning() {
    let mut value = good();
    set(&mut value, "/schedules/0/closes_at", json!("08:00"));
    let batch = imported(&json!([value]));
    assert_eq!(batch.warnings[0].field, "schedules[0]");
    assert!(batch.warnings[0].message.contains("not after the opening time"), "{}", batch.warnings[0]);
    // The other periods stay; the broken one is given back as it was.
    assert_eq!(batch.services[0].opening_hours.weekly().len(), 2);
    let again = exported(&batch);
    let schedules = again["schedules"].as_array().unwrap();
    assert!(schedules.iter().any(|s| s["closes_at"] == "08:00" && s["opens_at"] == "09:00"), "{schedules:?}");
}

#[test]
fn an_opening_hours_text_where_the_profile_has_an_object_is_a_warning() {
    let mut value = good();
    set(&mut value, "/opening_hours", json!("Mo-Fr 09:00-17:00"));
    let batch = imported(&json!([value]));
    assert_eq!(batch.warnings[0].field, "opening_hours");
    assert!(batch.warnings[0].message.contains("wrong JSON type"), "{}", batch.warnings[0]);
    assert!(batch.services[0].opening_hours.exceptions().is_empty());
    assert_eq!(exported(&batch)["opening_hours"], "Mo-Fr 09:00-17:00");
}

#[test]
fn overlapping_opening_periods_are_a_problem() {
    let mut value = good();
    set(&mut value, "/schedules/1/opens_at", json!("11:00"));
    let problems = problems(&json!([value]));
    assert_eq!(problems[0].field, "schedules");
    assert!(problems[0].message.contains("overlap"), "{}", problems[0]);
}

#[test]
fn an_unknown_funding_source_is_a_warning_and_kept_for_export() {
    let mut value = good();
    set(&mut value, "/funding/0", json!({"id": "f-eigen", "source": "Subsidie van de provincie"}));
    let batch = imported(&json!([value]));
    assert_eq!(batch.warnings.len(), 1, "{:?}", batch.warnings);
    assert_eq!(batch.warnings[0].field, "funding[0].source");
    assert_eq!(batch.services[0].funding, vec![wegwijs_domain::FundingScheme::EigenBetaling]);
    let funding = exported(&batch)["funding"].clone();
    assert!(funding.as_array().unwrap().contains(&json!({"id": "f-eigen", "source": "Subsidie van de provincie"})));
}

#[test]
fn an_unknown_scheme_code_is_a_warning() {
    let mut value = good();
    set(&mut value, "/funding/0/scheme", json!("subsidie"));
    let batch = imported(&json!([value]));
    assert_eq!(batch.warnings[0].field, "funding[0].scheme");
}

#[test]
fn a_referral_route_wegwijs_does_not_know_is_a_problem() {
    let mut value = good();
    set(&mut value, "/referral/route", json!("buurvrouw"));
    let problems = problems(&json!([value]));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].field, "referral.route");
}

#[test]
fn a_referral_that_contradicts_itself_is_a_problem() {
    let mut value = good();
    set(&mut value, "/referral/required", json!(false));
    assert_eq!(problems(&json!([value]))[0].field, "referral.required");
}

#[test]
fn an_unknown_verifier_is_a_problem() {
    let mut value = good();
    set(&mut value, "/verified_by", json!("buurman"));
    assert_eq!(problems(&json!([value]))[0].field, "verified_by");
}

#[test]
fn a_location_without_a_type_is_a_problem() {
    let mut value = good();
    value["service_at_locations"][0]["location"].as_object_mut().unwrap().remove("location_type");
    assert_eq!(problems(&json!([value]))[0].field, "service_at_locations[0].location.location_type");
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
    // Four problems per record, so the cap is reached with a quarter of the records.
    let max = wegwijs_hsds::MAX_PROBLEMS;
    let records = max / 4 + 13;
    let mut services = Vec::new();
    for i in 0..records {
        let mut value = good();
        set(&mut value, "/id", json!(format!("svc-{i}")));
        set(&mut value, "/status", json!("kapot"));
        set(&mut value, "/referral/route", json!("kapot"));
        set(&mut value, "/verified_by", json!("kapot"));
        set(&mut value, "/service_at_locations/0/location/location_type", json!("kapot"));
        services.push(value);
    }
    let problems = problems(&Value::Array(services));
    assert_eq!(problems.len(), max + 1);
    let last = max / 4 - 1;
    assert_eq!(problems[max - 1].record, format!("services[{last}] (id \"svc-{last}\", \"Maatjesproject\")"));
    assert_eq!(problems[max].to_string(), format!("and {} more", records * 4 - max));
    let error = ImportError::Invalid(problems);
    assert!(error.to_string().starts_with(&format!("more than {max} problems in the file:")), "{error}");
}

#[test]
fn a_value_of_the_wrong_json_type_is_a_problem_of_its_record_and_field() {
    let error =
        read_services("[\n{\"id\": \"a\", \"name\": 5, \"status\": \"active\"}\n]".as_bytes(), &context()).unwrap_err();
    let ImportError::Invalid(problems) = &error else { panic!("{error:?}") };
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!((problems[0].record.as_str(), problems[0].field.as_str()), ("services[0] (id \"a\")", "name"));
    assert!(problems[0].message.contains("wrong JSON type"), "{}", problems[0]);
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
