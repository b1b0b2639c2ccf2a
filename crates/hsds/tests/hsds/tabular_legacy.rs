//! HSDS 1.x/2.x tabular packages (`tests/data/tabular/legacy-lisse`, an export of an
//! old Dutch system with integer ids, physical and postal addresses, weekday rows,
//! holiday periods and a taxonomy): read as 3.0 records with ids that are stable and
//! cannot collide with another feed's, and every column without a place reported.

use crate::fixtures::at;
use chrono::{NaiveDate, Weekday};
use std::io::Write;
use std::path::{Path, PathBuf};
use wegwijs_domain::schedule::{ExceptionHours, TimeOfDay};
use wegwijs_domain::{Id, LocationKind, ServiceStatus};
use wegwijs_hsds::{ImportBatch, ImportContext, read_package};

pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/tabular").join(name)
}

const SOURCE: &str = "Sociale kaart Lisse";

fn context() -> ImportContext {
    ImportContext { now: at(2025, 1, 1, 12), source_name: SOURCE.into() }
}

fn import(path: &Path) -> ImportBatch {
    read_package(path, &context()).unwrap_or_else(|error| panic!("{error}"))
}

/// The id an old row gets.
fn derived(table: &str, raw: &str) -> Id {
    Id::derived(&format!("hsds-tabular/{SOURCE}/{table}"), raw)
}

fn time(raw: &str) -> TimeOfDay {
    TimeOfDay::parse(raw).unwrap()
}

#[test]
fn an_old_package_gives_its_records_with_derived_ids_and_the_old_ids_as_source() {
    let batch = import(&fixture("legacy-lisse"));
    let names: Vec<&str> = batch.organisations.iter().map(|o| o.name.as_ref()).collect();
    assert_eq!(names, ["Welzijn Lisse", "Voedselbank Bollenstreek"]);
    assert_eq!(batch.organisations[0].id, derived("organizations", "1"));
    assert_eq!(batch.organisations[0].meta.source.name, SOURCE);
    assert_eq!(batch.organisations[0].meta.source.reference.as_deref(), Some("organizations:1"));
    assert_eq!(batch.organisations[0].phones[0].number.as_ref(), "+31252111222");
    let services: Vec<(&str, Id)> = batch.services.iter().map(|s| (s.name.as_ref(), s.id.clone())).collect();
    assert_eq!(
        services,
        [
            ("Maatjesproject", derived("services", "10")),
            ("Mantelzorgsteunpunt", derived("services", "11")),
            ("Voedselpakket", derived("services", "20")),
        ]
    );
    let pakket = &batch.services[2];
    assert_eq!(pakket.organisation_id, derived("organizations", "2"));
    assert_eq!(pakket.status, ServiceStatus::Active);
    assert_eq!(pakket.meta.source.reference.as_deref(), Some("services:20"));
    let codes: Vec<&str> = pakket.languages.iter().map(|l| l.code.as_str()).collect();
    assert_eq!(codes, ["ar", "pl"]);
    assert_eq!(pakket.terms, [derived("taxonomy", "4"), derived("taxonomy", "3")]);
    assert_eq!(pakket.locations[0].location_id, derived("locations", "101"));
}

#[test]
fn weekday_rows_and_holiday_periods_become_opening_hours() {
    let batch = import(&fixture("legacy-lisse"));
    let maatjes = &batch.services[0];
    let weekly: Vec<(Weekday, TimeOfDay, TimeOfDay)> =
        maatjes.opening_hours.weekly().iter().map(|w| (w.weekday, w.opens, w.closes)).collect();
    // Sunday is listed without hours, as old feeds list closed days.
    assert_eq!(weekly, [(Weekday::Mon, time("09:00"), time("12:00")), (Weekday::Wed, time("13:00"), time("17:00"))]);
    let koningsdag = &maatjes.opening_hours.exceptions()[0];
    assert_eq!(
        (koningsdag.date, &koningsdag.hours),
        (NaiveDate::from_ymd_opt(2026, 4, 27).unwrap(), &ExceptionHours::Closed)
    );
    let at_location = &maatjes.locations[0].opening_hours.weekly()[0];
    assert_eq!((at_location.weekday, at_location.opens), (Weekday::Tue, time("10:00")));
    let dorpshuis = &batch.locations[0];
    let days: Vec<(String, bool)> = dorpshuis
        .opening_hours
        .exceptions()
        .iter()
        .map(|e| (e.date.to_string(), e.hours == ExceptionHours::Closed))
        .collect();
    assert_eq!(
        days,
        [
            ("2025-12-24".to_owned(), true),
            ("2025-12-25".to_owned(), true),
            ("2025-12-26".to_owned(), true),
            ("2025-12-31".to_owned(), false),
        ]
    );
    let weekdays: Vec<Weekday> = dorpshuis.opening_hours.weekly().iter().map(|w| w.weekday).collect();
    assert_eq!(weekdays, [Weekday::Mon, Weekday::Tue]);
}

#[test]
fn addresses_eligibility_languages_and_taxonomy_find_their_place() {
    let batch = import(&fixture("legacy-lisse"));
    let dorpshuis = &batch.locations[0];
    let address = dorpshuis.address.as_ref().unwrap();
    assert_eq!((address.street.as_str(), address.postal_code.to_string().as_str()), ("Kanaalstraat 12", "2161 JB"));
    assert_eq!(dorpshuis.kind, LocationKind::Physical);
    assert_eq!(dorpshuis.accessibility.as_deref(), Some("Rolstoeltoegankelijk"));
    assert_eq!(dorpshuis.organisation_id, Some(derived("organizations", "1")));
    // A location with only a postal address is a postal location.
    assert_eq!(batch.locations[2].kind, LocationKind::Postal);
    let maatjes = &batch.services[0];
    assert_eq!(maatjes.eligibility.description.as_deref(), Some("U woont in Lisse.\nU bent 18 jaar of ouder."));
    assert_eq!(maatjes.fees_description.as_deref(), Some("Gratis"));
    assert_eq!((maatjes.languages[0].code.as_str(), maatjes.languages[0].name.as_str()), ("en", "Engels"));
    assert_eq!(batch.taxonomies.len(), 1);
    assert_eq!(batch.taxonomies[0].name.as_ref(), "Thema's Lisse");
    let eenzaamheid = batch.terms.iter().find(|t| t.name.as_ref() == "Eenzaamheid").unwrap();
    assert_eq!(eenzaamheid.parent_id, Some(derived("taxonomy", "1")));
    assert_eq!(eenzaamheid.taxonomy_id, batch.taxonomies[0].id);
    assert_eq!(maatjes.terms, std::slice::from_ref(&eenzaamheid.id));
}

#[test]
fn what_an_old_package_holds_without_a_place_is_reported_by_file_and_column() {
    let batch = import(&fixture("legacy-lisse"));
    let warnings: Vec<(String, String)> = batch
        .warnings
        .iter()
        .map(|w| (w.place.as_ref().map_or(w.record.clone(), |p| p.to_string()), w.field.clone()))
        .collect();
    assert_eq!(
        warnings,
        [
            ("payments_accepted.csv".to_owned(), String::new()),
            ("phones.csv line 2".to_owned(), "department".to_owned()),
            ("services.csv line 2".to_owned(), "interne_notitie".to_owned()),
        ],
        "{:#?}",
        batch.warnings
    );
}

#[test]
fn importing_the_same_old_package_twice_gives_the_same_ids_and_records() {
    assert_eq!(import(&fixture("legacy-lisse")), import(&fixture("legacy-lisse")));
}

#[test]
fn two_feeds_with_the_same_row_numbers_get_different_ids() {
    let other = ImportContext { source_name: "Sociale kaart Hillegom".into(), ..context() };
    let lisse = import(&fixture("legacy-lisse"));
    let hillegom = read_package(&fixture("legacy-lisse"), &other).unwrap();
    assert!(lisse.services.iter().all(|s| hillegom.services.iter().all(|h| h.id != s.id)));
}

#[test]
fn an_old_package_without_datapackage_json_is_recognised_by_its_file_names() {
    let folder = tempfile::tempdir().unwrap();
    copy_tables(&fixture("legacy-lisse"), folder.path(), |name| name != "datapackage.json");
    let batch = import(folder.path());
    let with_description = import(&fixture("legacy-lisse"));
    assert_eq!(batch.services, with_description.services);
    assert_eq!(batch.locations, with_description.locations);
    assert!(batch.warnings.iter().any(|w| w.message.contains("no datapackage.json")), "{:#?}", batch.warnings);
}

#[test]
fn a_zip_with_the_package_in_one_sub_folder_is_read_like_the_folder() {
    let folder = tempfile::tempdir().unwrap();
    let zip_path = folder.path().join("export-lisse.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    for entry in std::fs::read_dir(fixture("legacy-lisse")).unwrap() {
        let entry = entry.unwrap();
        zip.start_file(format!("export-lisse/{}", entry.file_name().to_string_lossy()), options).unwrap();
        zip.write_all(&std::fs::read(entry.path()).unwrap()).unwrap();
    }
    zip.start_file("__MACOSX/export-lisse/._services.csv", options).unwrap();
    zip.write_all(b"\0\x05\x16\x07").unwrap();
    zip.finish().unwrap();
    assert_eq!(import(&zip_path), import(&fixture("legacy-lisse")));
}

/// Copies the files of `from` that `keep` keeps into `to`.
pub fn copy_tables(from: &Path, to: &Path, keep: impl Fn(&str) -> bool) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().into_string().unwrap();
        if keep(&name) {
            std::fs::copy(entry.path(), to.join(&name)).unwrap();
        }
    }
}

#[test]
fn an_hsds_2_package_gives_its_attributes_terms_and_rule_schedules() {
    let source = "Werk en inkomen Bollenstreek";
    let context = ImportContext { source_name: source.into(), ..context() };
    let batch = read_package(&fixture("legacy-2x"), &context).unwrap_or_else(|error| panic!("{error}"));
    let derived = |table: &str, raw: &str| Id::derived(&format!("hsds-tabular/{source}/{table}"), raw);
    let service = &batch.services[0];
    assert_eq!(service.id, derived("services", "31"));
    assert_eq!(service.terms, [derived("taxonomy_terms", "2")]);
    assert_eq!(service.contacts[0].phones[0].number.as_ref(), "+31612345678");
    let at_location = &service.locations[0];
    assert_eq!(at_location.id, derived("services_at_location", "12"));
    let days: Vec<Weekday> = at_location.opening_hours.weekly().iter().map(|w| w.weekday).collect();
    assert_eq!(days, [Weekday::Mon, Weekday::Wed]);
    let schulden = batch.terms.iter().find(|t| t.name.as_ref() == "Schulden").unwrap();
    assert_eq!(schulden.parent_id, Some(derived("taxonomy_terms", "1")));
    assert_eq!(batch.taxonomies[0].name.as_ref(), "Thema's Bollenstreek");
    assert_eq!(
        batch.organisations[0].website.as_ref().map(|w| w.as_ref()),
        Some("https://www.schuldhulpbollenstreek.nl/")
    );
    // The organisation's own term (other_attributes.csv) travels with it.
    let exported = wegwijs_hsds::organisation_to_hsds(&batch.organisations[0], &batch.locations);
    assert_eq!(exported["attributes"][0]["taxonomy_term_id"], derived("taxonomy_terms", "1").as_str());
    let warnings: Vec<String> = batch.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings, ["metadata.csv: this file has no place in HSDS 3.0 or Wegwijs; ignored"]);
}
