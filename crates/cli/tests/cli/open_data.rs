//! The open-data formats end to end through the binary: tabular packages, spreadsheets
//! and flat CSV, with reports, dry runs and re-imports, as an administrator uses them.

use crate::helpers::{TestDb, stderr, write};

/// The repository root, for the example files under `docs/` and test data.
fn repo(path: &str) -> String {
    format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"))
}

fn package_round_trip(output_name: &str, target: TestDb) {
    let source = TestDb::sqlite();
    source.run_ok(&["demo", "--scale", "150"]);
    let package = source.path(output_name);
    let package = package.to_str().unwrap();
    source.run_ok(&["export", "datapackage", "--output", package]);

    // A dry run changes nothing; the real import then gives the same export.
    let dry = target.run_ok(&["import", "datapackage", "--dry-run", package]);
    assert!(stderr(&dry).contains("150 new"), "{}", stderr(&dry));
    assert_eq!(target.export(), b"[]\n");
    target.run_ok(&["import", "datapackage", package]);
    assert!(target.export() == source.export(), "the package did not give the same services back");

    // Importing it again changes nothing.
    let again = target.run_ok(&["import", "datapackage", package]);
    assert!(stderr(&again).contains("services:       0 new, 0 changed, 150 unchanged"), "{}", stderr(&again));
    assert!(stderr(&again).contains("taxonomy terms: 0 new, 0 changed"), "{}", stderr(&again));
}

#[test]
fn a_tabular_package_folder_round_trips_through_sqlite() {
    package_round_trip("package", TestDb::sqlite());
}

#[test]
fn a_tabular_package_zip_round_trips_through_postgres() {
    package_round_trip("package.zip", TestDb::postgres());
}

#[test]
fn an_export_into_a_folder_that_holds_files_is_refused() {
    let db = TestDb::sqlite();
    db.run_ok(&["demo", "--scale", "100"]);
    let folder = db.path("full");
    std::fs::create_dir_all(&folder).unwrap();
    write(&folder.join("old.csv"), b"id\n1\n");
    let output = db.run(&["export", "datapackage", "--output", folder.to_str().unwrap()]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("not empty"), "{}", stderr(&output));
}

#[test]
fn the_official_hsds_example_package_imports_with_its_warnings_in_the_report() {
    let db = TestDb::sqlite();
    let report = db.path("report.csv");
    let output = db.run_ok(&[
        "import",
        "datapackage",
        &repo("data/hsds/3.0/examples/csv"),
        "--report",
        report.to_str().unwrap(),
    ]);
    assert!(stderr(&output).contains("services:       1 new"), "{}", stderr(&output));
    let report = std::fs::read_to_string(report).unwrap();
    let mut lines = report.lines();
    assert_eq!(lines.next(), Some("severity,file,line,record,field,message"));
    // Every warning names its file and line (the example's loose references, its
    // US address and UK phone numbers).
    let rows: Vec<&str> = lines.collect();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|row| row.starts_with("warning,")), "{report}");
    assert!(rows.iter().any(|row| row.contains("addresses.csv")), "{report}");

    // Stored and exported again, nothing of the example is lost: fields Wegwijs does not
    // model and values it cannot use come back as they were.
    let export = String::from_utf8(db.export()).unwrap();
    for kept in [
        "Community Counselling",
        "interpretation_services",
        "1-30 Main Street",
        "\"gbp\"",
        "UPRN",
        "985e4a42-bd9f-4edc-911d-0243a4640aca",
    ] {
        assert!(export.contains(kept), "{kept} is missing from {export}");
    }
}

#[test]
fn a_bad_package_is_refused_with_file_line_and_column_and_nothing_changes() {
    let db = TestDb::sqlite();
    db.run_ok(&["demo", "--scale", "100"]);
    let before = db.export();
    let package = db.path("package");
    db.run_ok(&["export", "datapackage", "--output", package.to_str().unwrap()]);
    // Break one postcode in the middle of the addresses file.
    let addresses = package.join("addresses.csv");
    let text = std::fs::read_to_string(&addresses).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let header: Vec<&str> = lines[0].split(',').collect();
    let column = header.iter().position(|h| *h == "postal_code").unwrap();
    let mut cells: Vec<String> = lines[3].split(',').map(str::to_owned).collect();
    cells[column] = "12345".to_owned();
    lines[3] = cells.join(",");
    write(&addresses, (lines.join("\n") + "\n").as_bytes());

    let report = db.path("report.csv");
    let output = db.run(&["import", "datapackage", package.to_str().unwrap(), "--report", report.to_str().unwrap()]);
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(message.contains("nothing was changed"), "{message}");
    assert!(message.contains("addresses.csv line 4") && message.contains("postal_code"), "{message}");
    assert!(db.export() == before, "the database changed");
    let report = std::fs::read_to_string(report).unwrap();
    assert!(report.lines().any(|row| row.starts_with("error,addresses.csv,4,")), "{report}");
}

#[test]
fn a_spreadsheet_imports_through_its_mapping_and_again_changes_nothing() {
    let db = TestDb::sqlite();
    db.run_ok(&["migrate"]);
    let sheet = repo("crates/hsds/tests/data/sheet/voorbeeld-excel.csv");
    let mapping = repo("docs/examples/mapping-example.toml");
    let first = db.run_ok(&["import", "sheet", &sheet, "--mapping", &mapping]);
    assert!(stderr(&first).contains("services:       3 new"), "{}", stderr(&first));
    let again = db.run_ok(&["import", "sheet", &sheet, "--mapping", &mapping]);
    assert!(stderr(&again).contains("services:       0 new, 0 changed, 3 unchanged"), "{}", stderr(&again));
    let xlsx = repo("crates/hsds/tests/data/sheet/voorbeeld.xlsx");
    let from_excel = db.run_ok(&["import", "sheet", &xlsx, "--mapping", &mapping]);
    assert!(stderr(&from_excel).contains("services:       0 new, 0 changed, 3 unchanged"), "{}", stderr(&from_excel));
}

#[test]
fn a_spreadsheet_given_as_a_data_package_is_pointed_to_the_sheet_import() {
    let db = TestDb::sqlite();
    let sheet = repo("crates/hsds/tests/data/sheet/voorbeeld-utf8.csv");
    let output = db.run(&["import", "datapackage", &sheet]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("wegwijs import sheet"), "{}", stderr(&output));
}

#[test]
fn a_broken_mapping_file_is_named_with_its_line() {
    let db = TestDb::sqlite();
    let mapping = write(&db.path("mapping.toml"), b"source = \"test\"\n[columns]\nservice_nam = \"Dienst\"\n");
    let sheet = repo("crates/hsds/tests/data/sheet/voorbeeld-utf8.csv");
    let output = db.run(&["import", "sheet", &sheet, "--mapping", &mapping]);
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(message.contains("mapping file") && message.contains("line 3"), "{message}");
}

#[test]
fn the_flat_csv_opens_in_dutch_excel_and_has_professional_notes_only_when_asked() {
    let db = TestDb::sqlite();
    db.run_ok(&["demo", "--scale", "100"]);
    let public = db.path("public.csv");
    db.run_ok(&["export", "csv", "--output", public.to_str().unwrap()]);
    let bytes = std::fs::read(&public).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFservice_id;service_name;"));
    let text = String::from_utf8(bytes).unwrap();
    assert!(!text.contains("professional_notes"));
    // 100 services, each one record (values may hold line breaks inside quotes).
    let mut reader =
        csv::ReaderBuilder::new().delimiter(b';').from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    assert_eq!(reader.records().count(), 100);

    let professional = db.path("pro.csv");
    db.run_ok(&["export", "csv", "--comma", "--include-professional", "--output", professional.to_str().unwrap()]);
    let text = std::fs::read_to_string(professional).unwrap();
    assert!(text.starts_with("service_id,service_name,"));
    assert!(text.lines().next().unwrap().ends_with(",professional_notes"));
}

#[test]
fn importing_a_plain_hsds_feed_keeps_the_local_words_for_themes() {
    let db = TestDb::sqlite();
    db.run_ok(&["demo", "--scale", "100"]);
    let export: serde_json::Value = serde_json::from_slice(&db.export()).unwrap();
    let service = &export[0];
    let term = &service["attributes"][0]["taxonomy_term"];
    let term_id = term["id"].as_str().unwrap().to_owned();
    assert!(term["lay_name"].as_str().is_some_and(|n| !n.is_empty()), "the export carries the lay name: {term}");

    // The same service as another kaart without the profile would publish it.
    let mut plain = service.clone();
    for attribute in plain["attributes"].as_array_mut().unwrap() {
        let term = attribute["taxonomy_term"].as_object_mut().unwrap();
        term.remove("lay_name");
        term.remove("synonyms");
    }
    let file = write(&db.path("plain.json"), serde_json::to_string(&serde_json::json!([plain])).unwrap().as_bytes());
    db.run_ok(&["import", "hsds", &file]);
    let after: serde_json::Value = serde_json::from_slice(&db.export()).unwrap();
    let kept = after[0]["attributes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["taxonomy_term"]["id"] == term_id.as_str())
        .unwrap();
    assert_eq!(kept["taxonomy_term"]["lay_name"], term["lay_name"]);
    assert_eq!(kept["taxonomy_term"]["synonyms"], term["synonyms"]);
}

#[test]
fn record_histories_name_the_import_or_the_demo_that_wrote_them() {
    let db = TestDb::sqlite();
    db.run_ok(&["demo", "--scale", "100"]);
    let sheet = repo("crates/hsds/tests/data/sheet/voorbeeld-excel.csv");
    db.run_ok(&["import", "sheet", &sheet, "--mapping", &repo("docs/examples/mapping-example.toml")]);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let actors: Vec<String> = runtime.block_on(async {
        let store = wegwijs_store::Store::connect(&db.url).await.unwrap();
        let mut actors = Vec::new();
        for service in store.services(wegwijs_store::Page::first(500)).await.unwrap() {
            for version in store.history(wegwijs_store::EntityKind::Service, &service.id).await.unwrap() {
                actors.push(version.actor.unwrap_or_default());
            }
        }
        store.close().await;
        actors
    });
    assert!(actors.iter().any(|a| a == "demo"), "{actors:?}");
    assert!(actors.iter().any(|a| a.starts_with("import:")), "{actors:?}");
    assert!(
        actors.iter().all(|a| a == "demo" || a.starts_with("import:")),
        "every version names its writer: {actors:?}"
    );
}
