//! Every bad file gives a clear message and leaves the database exactly as it was.

use crate::helpers::{TestDb, stderr, write};
use serde_json::{Value, json};

/// A database with demo data, the first exported service as a template, and the
/// export taken before the bad import.
fn setup() -> (TestDb, Value, Vec<u8>) {
    let db = TestDb::sqlite();
    db.run_ok(&["demo", "--scale", "100"]);
    let before = db.export();
    let services: Vec<Value> = serde_json::from_slice(&before).unwrap();
    (db, services[0].clone(), before)
}

/// Imports `content` and returns the error message; asserts nothing changed.
fn refused(db: &TestDb, before: &[u8], content: &[u8]) -> String {
    let file = write(&db.path("bad.json"), content);
    let output = db.run(&["import", "hsds", &file]);
    assert!(!output.status.success(), "the bad file was accepted");
    assert!(db.export() == before, "the database changed");
    let message = stderr(&output);
    assert!(message.contains("nothing was changed"), "{message}");
    message
}

fn with_new_id(service: &Value, id: &str) -> Value {
    let mut service = service.clone();
    service["id"] = json!(id);
    service
}

#[test]
fn malformed_json_names_line_and_column() {
    let (db, _, before) = setup();
    let message = refused(&db, &before, b"[\n  {\"id\": \"x\",\n  \"name\": }\n]");
    assert!(message.contains("line 3"), "{message}");
}

#[test]
fn missing_required_field_is_named() {
    let (db, template, before) = setup();
    let mut service = with_new_id(&template, "zonder-naam");
    service.as_object_mut().unwrap().remove("name");
    let message = refused(&db, &before, &serde_json::to_vec(&json!([service])).unwrap());
    assert!(message.contains("zonder-naam") && message.contains("name"), "{message}");
}

#[test]
fn five_digit_postcode_is_refused_with_record_and_field() {
    let (db, template, before) = setup();
    let mut service = with_new_id(&template, "postcode-fout");
    let sal = service["service_at_locations"].as_array_mut().unwrap();
    assert!(!sal.is_empty(), "the template service has a location");
    sal[0]["location"]["addresses"][0]["postal_code"] = json!("12345");
    let message = refused(&db, &before, &serde_json::to_vec(&json!([service])).unwrap());
    assert!(
        message.contains("postcode-fout") && message.contains("postal_code") && message.contains("12345"),
        "{message}"
    );
}

#[test]
fn unknown_taxonomy_term_is_refused() {
    let (db, template, before) = setup();
    let mut service = with_new_id(&template, "onbekende-term");
    let attributes = service["attributes"].as_array_mut().unwrap();
    // A bare reference: a term described in full would be imported as a new term.
    attributes[0].as_object_mut().unwrap().remove("taxonomy_term");
    attributes[0]["taxonomy_term_id"] = json!("thema-bestaat-niet");
    let message = refused(&db, &before, &serde_json::to_vec(&json!([service])).unwrap());
    assert!(message.contains("thema-bestaat-niet"), "{message}");
}

#[test]
fn duplicate_service_id_is_refused() {
    let (db, template, before) = setup();
    let service = with_new_id(&template, "dubbel");
    let message = refused(&db, &before, &serde_json::to_vec(&json!([service, service])).unwrap());
    assert!(message.contains("dubbel"), "{message}");
}

#[test]
fn a_valid_record_in_a_bad_file_is_not_imported_either() {
    let (db, template, before) = setup();
    let good = with_new_id(&template, "goed");
    let mut bad = with_new_id(&template, "fout");
    bad["status"] = json!("misschien");
    let message = refused(&db, &before, &serde_json::to_vec(&json!([good, bad])).unwrap());
    assert!(message.contains("status") && message.contains("misschien"), "{message}");
}

#[test]
fn fifty_megabyte_file_of_garbage_is_refused_quickly() {
    let (db, template, before) = setup();
    // 50 MB: many valid services, then a broken tail.
    let one = serde_json::to_string(&template).unwrap();
    let mut content = String::with_capacity(50 * 1024 * 1024 + one.len());
    content.push('[');
    let mut n = 0;
    while content.len() < 50 * 1024 * 1024 {
        let service = with_new_id(&template, &format!("groot-{n}"));
        content.push_str(&serde_json::to_string(&service).unwrap());
        content.push(',');
        n += 1;
    }
    content.push_str("{\"id\": ");
    let message = refused(&db, &before, content.as_bytes());
    assert!(message.contains("line") || message.contains("EOF") || message.contains("end of"), "{message}");
}

#[test]
fn missing_file_is_reported() {
    let db = TestDb::sqlite();
    let output = db.run(&["import", "hsds", "/nonexistent/file.json"]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("cannot open /nonexistent/file.json"), "{}", stderr(&output));
}

#[test]
fn demo_scale_out_of_range_is_refused_by_the_argument_parser() {
    let db = TestDb::sqlite();
    let output = db.run(&["demo", "--scale", "5"]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("100..=200000") || stderr(&output).contains("100"), "{}", stderr(&output));
}
