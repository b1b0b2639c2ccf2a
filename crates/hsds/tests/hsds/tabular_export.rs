//! HSDS 3.0 tabular export of the hand-built Dutch fixtures: export → import → export
//! gives identical files, the records come back equal, and the package passes an
//! independent check against its own `datapackage.json` and the official one.

use crate::fixtures::*;
use crate::tabular_check::{breaches, differences_from_official};
use std::collections::BTreeMap;
use std::path::Path;
use wegwijs_domain::{Location, Organisation, Service, Taxonomy, TaxonomyTerm};
use wegwijs_hsds::{
    ExportOptions, ImportBatch, TabularSummary, TabularWriter, TermLookup, location_to_hsds, organisation_to_hsds,
    read_package, service_to_hsds, taxonomy_to_hsds, term_to_hsds,
};

const PROFESSIONAL: ExportOptions = ExportOptions { include_professional: true };

/// What one export holds.
struct Data {
    services: Vec<(Service, Organisation)>,
    organisations: Vec<Organisation>,
    locations: Vec<Location>,
    taxonomies: Vec<Taxonomy>,
    terms: Vec<TaxonomyTerm>,
}

fn fixtures() -> Data {
    let (taxonomies, terms) = taxonomies();
    Data {
        services: vec![(full_service(), full_organisation()), (minimal_service(), minimal_organisation())],
        organisations: vec![full_organisation(), minimal_organisation()],
        locations: vec![full_location(), second_location()],
        taxonomies,
        terms,
    }
}

fn from_batch(batch: &ImportBatch) -> Data {
    let organisation = |id| batch.organisations.iter().find(|o| &o.id == id).unwrap().clone();
    Data {
        services: batch.services.iter().map(|s| (s.clone(), organisation(&s.organisation_id))).collect(),
        organisations: batch.organisations.clone(),
        locations: batch.locations.clone(),
        taxonomies: batch.taxonomies.clone(),
        terms: batch.terms.clone(),
    }
}

/// Pushes everything in `data` the way an export command would.
fn push_all(writer: &mut TabularWriter, data: &Data, options: ExportOptions) {
    let lookup = TermLookup::new(&data.taxonomies, &data.terms);
    for taxonomy in &data.taxonomies {
        writer.push_taxonomy(&taxonomy_to_hsds(taxonomy)).unwrap();
    }
    for term in &data.terms {
        let taxonomy = data.taxonomies.iter().find(|t| t.id == term.taxonomy_id).unwrap();
        writer.push_term(&term_to_hsds(term, taxonomy)).unwrap();
    }
    for (service, organisation) in &data.services {
        writer.push_service(&service_to_hsds(service, organisation, &data.locations, &lookup, options)).unwrap();
    }
    for organisation in &data.organisations {
        writer.push_organization(&organisation_to_hsds(organisation, &data.locations)).unwrap();
    }
    for location in &data.locations {
        writer.push_location(&location_to_hsds(location)).unwrap();
    }
}

fn export_to_folder(data: &Data, folder: &Path, options: ExportOptions) -> TabularSummary {
    let mut writer = TabularWriter::to_folder(folder, options).unwrap();
    push_all(&mut writer, data, options);
    writer.finish().unwrap()
}

fn files(folder: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            (entry.file_name().into_string().unwrap(), std::fs::read_to_string(entry.path()).unwrap())
        })
        .collect()
}

fn import(path: &Path) -> ImportBatch {
    read_package(path, &context()).unwrap_or_else(|error| panic!("{error}"))
}

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn export_import_export_gives_identical_files() {
    let (first, second) = (temp(), temp());
    export_to_folder(&fixtures(), first.path(), PROFESSIONAL);
    let batch = import(first.path());
    export_to_folder(&from_batch(&batch), second.path(), PROFESSIONAL);
    let (before, after) = (files(first.path()), files(second.path()));
    assert_eq!(before.keys().collect::<Vec<_>>(), after.keys().collect::<Vec<_>>());
    for (name, text) in &before {
        assert_eq!(text, &after[name], "{name} differs after a round trip");
    }
}

#[test]
fn the_fixtures_come_back_equal_from_a_tabular_export() {
    let folder = temp();
    export_to_folder(&fixtures(), folder.path(), PROFESSIONAL);
    let batch = import(folder.path());
    assert_eq!(batch.services, vec![full_service(), minimal_service()]);
    assert_eq!(batch.organisations, vec![full_organisation(), minimal_organisation()]);
    assert_eq!(batch.locations, vec![full_location(), second_location()]);
    let (taxonomies, _) = taxonomies();
    assert_eq!(batch.taxonomies, taxonomies);
    assert!(batch.warnings.is_empty(), "{:#?}", batch.warnings);
}

#[test]
fn the_exported_package_meets_its_own_description_and_the_official_one() {
    let folder = temp();
    export_to_folder(&fixtures(), folder.path(), PROFESSIONAL);
    assert_eq!(breaches(folder.path()), Vec::<String>::new());
    assert_eq!(differences_from_official(folder.path(), &["opening_hours_exception"]), Vec::<String>::new());
}

#[test]
fn the_description_promises_only_what_the_rows_keep() {
    let folder = temp();
    export_to_folder(&fixtures(), folder.path(), PROFESSIONAL);
    let description: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(folder.path().join("datapackage.json")).unwrap()).unwrap();
    let field = |table: &str, column: &str| {
        let resource = description["resources"].as_array().unwrap().iter().find(|r| r["name"] == table).unwrap();
        resource["schema"]["fields"].as_array().unwrap().iter().find(|f| f["name"] == column).unwrap().clone()
    };
    // Wegwijs has no province, and its ids are not all UUIDs.
    assert_eq!(field("address", "state_province")["constraints"]["required"], false);
    assert!(field("service", "id").get("format").is_none());
    assert_eq!(field("service", "id")["constraints"]["required"], true);
    // Profile columns are described with their type.
    assert_eq!(field("service", "referral_required")["type"], "boolean");
    assert_eq!(field("opening_hours_exception", "date")["type"], "date");
    assert_eq!(field("funding", "scheme")["type"], "string");
}

#[test]
fn the_same_data_gives_the_same_bytes_also_as_a_zip_that_reads_like_the_folder() {
    let dir = temp();
    let (a, b) = (dir.path().join("a.zip"), dir.path().join("b.zip"));
    for path in [&a, &b] {
        let mut writer = TabularWriter::to_zip(path, PROFESSIONAL).unwrap();
        push_all(&mut writer, &fixtures(), PROFESSIONAL);
        writer.finish().unwrap();
    }
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    let folder = temp();
    export_to_folder(&fixtures(), folder.path(), PROFESSIONAL);
    assert_eq!(import(&a), import(folder.path()));
}

#[test]
fn a_public_export_has_no_professional_notes_column() {
    let folder = temp();
    export_to_folder(&fixtures(), folder.path(), ExportOptions::default());
    let services = std::fs::read_to_string(folder.path().join("services.csv")).unwrap();
    assert!(!services.lines().next().unwrap().contains("professional_notes"));
    assert!(!files(folder.path()).values().any(|text| text.contains("Direct lijn intake")));
    let professional = temp();
    export_to_folder(&fixtures(), professional.path(), PROFESSIONAL);
    let services = std::fs::read_to_string(professional.path().join("services.csv")).unwrap();
    assert!(services.contains("Direct lijn intake"));
}

#[test]
fn profile_facts_get_their_own_columns_and_table() {
    let folder = temp();
    export_to_folder(&fixtures(), folder.path(), PROFESSIONAL);
    let mut services = csv::Reader::from_path(folder.path().join("services.csv")).unwrap();
    let headers = services.headers().unwrap().clone();
    let full = services.records().next().unwrap().unwrap();
    let cell = |column: &str| full.get(headers.iter().position(|h| h == column).unwrap()).unwrap().to_owned();
    assert_eq!(cell("referral_route"), "wijkteam");
    assert_eq!(cell("eligibility_target_groups"), "ouderen,mantelzorgers");
    assert_eq!(cell("opening_hours_closed_on_public_holidays"), "true");
    let exceptions = std::fs::read_to_string(folder.path().join("opening_hours_exceptions.csv")).unwrap();
    assert!(exceptions.contains("2024-12-24,true,,,Kerst"), "{exceptions}");
    let funding = std::fs::read_to_string(folder.path().join("funding.csv")).unwrap();
    assert!(funding.lines().next().unwrap().ends_with(",scheme"));
}

#[test]
fn a_term_that_was_not_written_leaves_its_foreign_key_out_and_is_counted() {
    let folder = temp();
    let mut data = fixtures();
    data.terms.retain(|term| term.id.as_str() != "thema-geld");
    let summary = export_to_folder(&data, folder.path(), PROFESSIONAL);
    assert_eq!(summary.dangling, BTreeMap::from([("attributes.csv: taxonomy_term_id".to_owned(), 1)]));
    assert_eq!(breaches(folder.path()), Vec::<String>::new());
    let rows: BTreeMap<String, u64> = summary.rows.into_iter().collect();
    assert_eq!((rows["services.csv"], rows["organizations.csv"], rows["locations.csv"]), (2, 2, 2));
}

#[test]
fn an_empty_export_reads_back_as_an_empty_batch() {
    let folder = temp();
    let summary = export_to_folder(
        &Data { services: vec![], organisations: vec![], locations: vec![], taxonomies: vec![], terms: vec![] },
        folder.path(),
        PROFESSIONAL,
    );
    assert_eq!(summary.rows, [("organizations.csv".to_owned(), 0), ("services.csv".to_owned(), 0)]);
    assert_eq!(breaches(folder.path()), Vec::<String>::new());
    let batch = import(folder.path());
    assert!(batch.services.is_empty() && batch.organisations.is_empty() && batch.warnings.is_empty());
}

#[test]
fn exporting_into_a_folder_with_files_is_refused() {
    let folder = temp();
    std::fs::write(folder.path().join("services.csv"), "oud").unwrap();
    assert!(TabularWriter::to_folder(folder.path(), PROFESSIONAL).is_err());
}
