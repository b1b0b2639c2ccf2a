//! The flat CSV export: the header, both separators, the professional column only on
//! request, and cells that must never run as formulas in a spreadsheet.

use crate::fixtures::*;
use std::collections::BTreeMap;
use wegwijs_domain::{Name, Organisation, Service};
use wegwijs_hsds::{FlatCsvWriter, FlatOptions, FlatSeparator, TermLookup};

const HEADER: &str = "service_id;service_name;summary;status;organisation_id;organisation_name;street;postal_code;\
city;location_count;phone;email;website;themes;target_groups;min_age;max_age;costs;funding;referral;verified_at;\
verified_by;last_changed;url_path";

fn write(services: &[(Service, Organisation)], options: FlatOptions) -> Vec<u8> {
    let (taxonomies, terms) = taxonomies();
    let lookup = TermLookup::new(&taxonomies, &terms);
    let locations = [full_location(), second_location()];
    let mut writer = FlatCsvWriter::new(Vec::new(), options).unwrap();
    for (service, organisation) in services {
        writer.push(service, organisation, &locations, &lookup).unwrap();
    }
    writer.finish().unwrap()
}

fn full() -> Vec<(Service, Organisation)> {
    vec![(full_service(), full_organisation())]
}

/// The data rows as column name → cell, read back with a CSV reader.
fn rows(bytes: &[u8], separator: u8) -> Vec<BTreeMap<String, String>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().delimiter(separator).from_reader(bytes);
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    reader
        .records()
        .map(|record| header.iter().cloned().zip(record.unwrap().iter().map(str::to_owned)).collect())
        .collect()
}

#[test]
fn the_file_for_dutch_excel_starts_with_a_bom_and_uses_semicolons() {
    let bytes = write(&full(), FlatOptions::default());
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert_eq!(text.split("\r\n").next().unwrap(), HEADER);
    assert_eq!(text.split("\r\n").filter(|line| !line.is_empty()).count(), 2);
}

#[test]
fn the_file_for_research_tools_uses_commas_and_no_bom() {
    let options = FlatOptions { separator: FlatSeparator::Comma, include_professional: false };
    let bytes = write(&full(), options);
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.starts_with(&format!("{}\r\n", HEADER.replace(';', ","))), "{text}");
    assert_eq!(rows(text.as_bytes(), b',')[0]["service_id"], "svc-maatjes");
}

#[test]
fn a_row_holds_the_service_its_organisation_and_its_first_address() {
    let row = &rows(&write(&full(), FlatOptions::default()), b';')[0];
    let expected = [
        ("service_id", "svc-maatjes"),
        ("service_name", "Maatjesproject"),
        ("status", "temporarily closed"),
        ("organisation_id", "org-welzijn"),
        ("organisation_name", "Welzijn Teylingen"),
        ("street", "Hoofdstraat 12a"),
        ("postal_code", "2171 AB"),
        ("city", "Sassenheim"),
        ("location_count", "2"),
        ("phone", "'+31715123456"),
        ("email", "maatjes@welzijnteylingen.nl"),
        ("themes", "Geld; Eenzaamheid"),
        ("target_groups", "ouderen; mantelzorgers"),
        ("min_age", "18"),
        ("max_age", "99"),
        ("costs", "Per maaltijd: € 7,50; Lidmaatschap: € 2,– tot € 5,–; Gratis, maaltijd € 7,50."),
        ("funding", "wmo; eigen_betaling"),
        ("referral", "wijkteam"),
        ("verified_at", "2024-02-04T09:00:00Z"),
        ("verified_by", "editor"),
        ("last_changed", "2024-02-03T14:00:00Z"),
        ("url_path", "/diensten/svc-maatjes"),
    ];
    for (column, value) in expected {
        assert_eq!(row[column], value, "{column}");
    }
}

#[test]
fn without_its_own_contact_details_a_service_gives_its_organisations() {
    let row = &rows(&write(&[(minimal_service(), full_organisation())], FlatOptions::default()), b';')[0];
    assert_eq!(row["phone"], "'+31252123456");
    assert_eq!(row["email"], "info@welzijnteylingen.nl");
    assert_eq!(row["website"], "https://www.welzijnteylingen.nl/");
    assert_eq!((row["street"].as_str(), row["location_count"].as_str()), ("", "0"));
}

#[test]
fn professional_notes_are_only_written_when_asked_for() {
    let notes = full_service().professional_notes.unwrap();
    for separator in [FlatSeparator::Semicolon, FlatSeparator::Comma] {
        let public = write(&full(), FlatOptions { separator, include_professional: false });
        let text = String::from_utf8_lossy(&public);
        assert!(!text.contains("professional_notes") && !text.contains(&notes), "{text}");
        let professional = write(&full(), FlatOptions { separator, include_professional: true });
        let byte = if separator == FlatSeparator::Comma { b',' } else { b';' };
        let row = &rows(&professional, byte)[0];
        assert_eq!(row["professional_notes"], notes);
        assert_eq!(row.len(), 25);
    }
}

#[test]
fn cells_that_would_run_as_formulas_in_a_spreadsheet_are_made_text() {
    let mut service = full_service();
    service.name = Name::parse("=HYPERLINK(\"https://evil.example\",\"Klik\")").unwrap();
    service.summary = "-2+3".into();
    let mut organisation = full_organisation();
    organisation.name = Name::parse("@SUM(A1:A9)").unwrap();
    let bytes = write(&[(service, organisation)], FlatOptions::default());
    let row = &rows(&bytes, b';')[0];
    assert_eq!(row["service_name"], "'=HYPERLINK(\"https://evil.example\",\"Klik\")");
    assert_eq!(row["summary"], "'-2+3");
    assert_eq!(row["organisation_name"], "'@SUM(A1:A9)");
    assert_eq!(row["service_id"], "svc-maatjes", "other cells are left alone");
}

#[test]
fn the_same_services_give_the_same_bytes() {
    let services = vec![(full_service(), full_organisation()), (minimal_service(), minimal_organisation())];
    assert_eq!(write(&services, FlatOptions::default()), write(&services, FlatOptions::default()));
}
