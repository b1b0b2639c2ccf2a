//! Professional-only notes that arrive by `wegwijs import` (HSDS JSON, a tabular data
//! package, a spreadsheet) never reach a public export, in any format. They do reach an
//! export made with `--include-professional`: that flag is the operator's explicit choice
//! of a trusted file for professionals or a backup (the CLI's counterpart of
//! `Viewer::ProfessionalExport`; its help says such a file must not be published), and it
//! is the positive control that the notes really were imported.

use crate::helpers::{TestDb, write};
use std::path::Path;

/// A made-up word that no public text holds (see `crates/web/tests/api/leaks.rs`).
const MARK_WORD: &str = "qorvelbrintax";
/// Parts of the notes no public text holds, lower case.
const FRAGMENTS: [&str; 4] = [MARK_WORD, "geheimlijn", "555 98 7", "5559876"];

fn notes(source: &str) -> String {
    format!("GEHEIMLIJN 071 555 98 76 ({source}), alleen voor verwijzers; intake volgens het {MARK_WORD}-protocol.")
}

fn repo(path: &str) -> String {
    format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"))
}

#[track_caller]
fn assert_clean(what: &str, text: &str) {
    let lower = text.to_lowercase();
    if let Some(fragment) = FRAGMENTS.into_iter().find(|f| lower.contains(f)) {
        let at = lower.find(fragment).unwrap();
        let around: String = lower[lower.floor_char_boundary(at.saturating_sub(200))..].chars().take(400).collect();
        panic!("professional notes leak in {what}: {fragment:?} in …{around}…");
    }
}

/// Every file of a data package folder, as text, with its name.
fn folder_files(folder: &Path) -> Vec<(String, String)> {
    let mut files: Vec<_> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            (path.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&path).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// A unique path in the test's folder.
fn fresh(db: &TestDb, name: &str) -> String {
    db.path(&format!("{}-{name}", uuid::Uuid::new_v4().simple())).to_str().unwrap().to_owned()
}

/// Every public export of `db`: HSDS JSON (to a file and to standard output), the data
/// package as a folder and as a zip, the flat CSV for Excel and with commas. A zip is
/// compressed, so it is checked by importing it into a new database and exporting that
/// with `--include-professional`: whatever the zip carried would show there.
fn assert_public_exports_clean(db: &TestDb, label: &str) {
    assert_clean(&format!("{label}: export hsds --output"), &String::from_utf8(db.export()).unwrap());
    let stdout = db.run_ok(&["export", "hsds"]).stdout;
    assert_clean(&format!("{label}: export hsds (standard output)"), &String::from_utf8(stdout).unwrap());
    let stdout = db.run_ok(&["export", "csv"]).stdout;
    assert_clean(&format!("{label}: export csv (standard output)"), &String::from_utf8(stdout).unwrap());

    let folder = fresh(db, "package");
    db.run_ok(&["export", "datapackage", "--output", &folder]);
    for (name, text) in folder_files(Path::new(&folder)) {
        assert_clean(&format!("{label}: export datapackage, {name}"), &text);
        if name == "services.csv" {
            let header = text.lines().next().unwrap();
            assert!(!header.contains("professional_notes"), "{label}: a public services.csv has no notes column");
        }
    }

    let zip = fresh(db, "package.zip");
    db.run_ok(&["export", "datapackage", "--output", &zip]);
    let reader = TestDb::sqlite();
    reader.run_ok(&["import", "datapackage", &zip]);
    let back = fresh(&reader, "back.json");
    reader.run_ok(&["export", "hsds", "--include-professional", "--output", &back]);
    let back = std::fs::read_to_string(&back).unwrap();
    assert!(back.len() > 1000, "{label}: the zip held the services");
    assert_clean(&format!("{label}: export datapackage .zip"), &back);

    let variants: [&[&str]; 2] = [&["--comma"], &[]];
    for args in variants {
        let file = fresh(db, "flat.csv");
        db.run_ok(&[&["export", "csv", "--output", file.as_str()][..], args].concat());
        let text = std::fs::read_to_string(&file).unwrap();
        assert_clean(&format!("{label}: export csv {args:?}"), &text);
        assert!(!text.lines().next().unwrap().contains("professional_notes"), "{label}: no notes column");
    }
}

/// The professional exports do carry `expected` (so it was imported, and the public
/// exports leave it out by choice, not by accident).
fn assert_professional_exports_have(db: &TestDb, expected: &str) {
    let file = fresh(db, "pro.json");
    db.run_ok(&["export", "hsds", "--include-professional", "--output", &file]);
    assert!(std::fs::read_to_string(&file).unwrap().contains(expected), "the professional HSDS export has {expected}");
    let folder = fresh(db, "pro-package");
    db.run_ok(&["export", "datapackage", "--include-professional", "--output", &folder]);
    let services = std::fs::read_to_string(Path::new(&folder).join("services.csv")).unwrap();
    assert!(services.contains(expected), "the professional package has {expected}");
    let flat = fresh(db, "pro.csv");
    db.run_ok(&["export", "csv", "--include-professional", "--output", &flat]);
    assert!(std::fs::read_to_string(&flat).unwrap().contains(expected), "the professional CSV has {expected}");
}

/// A demo database exported with its notes, two services given the marker, imported
/// into a new database with `wegwijs import hsds`.
fn imported_from_hsds() -> TestDb {
    let source = TestDb::sqlite();
    source.run_ok(&["demo", "--scale", "100"]);
    let file = fresh(&source, "pro.json");
    source.run_ok(&["export", "hsds", "--include-professional", "--output", &file]);
    let mut services: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let list = services.as_array_mut().unwrap();
    list[0]["professional_notes"] = notes("hsds 1").into();
    list[1]["professional_notes"] = notes("hsds 2").into();
    let feed = write(&source.path("feed.json"), serde_json::to_string(&services).unwrap().as_bytes());
    let target = TestDb::sqlite();
    target.run_ok(&["import", "hsds", &feed]);
    target
}

#[test]
fn notes_imported_from_hsds_json_stay_out_of_every_public_export() {
    let db = imported_from_hsds();
    assert_professional_exports_have(&db, &notes("hsds 1"));
    assert_professional_exports_have(&db, &notes("hsds 2"));
    assert_public_exports_clean(&db, "after import hsds");
}

#[test]
fn notes_imported_from_a_data_package_stay_out_of_every_public_export() {
    // A professional package (with the notes column) is what a trusted partner sends.
    let source = imported_from_hsds();
    let package = fresh(&source, "pro-package");
    source.run_ok(&["export", "datapackage", "--include-professional", "--output", &package]);
    let services = std::fs::read_to_string(Path::new(&package).join("services.csv")).unwrap();
    assert!(services.lines().next().unwrap().contains("professional_notes"), "the package has a notes column");
    let db = TestDb::sqlite();
    db.run_ok(&["import", "datapackage", &package]);
    assert_professional_exports_have(&db, &notes("hsds 1"));
    assert_public_exports_clean(&db, "after import datapackage");
}

#[test]
fn notes_imported_from_a_spreadsheet_stay_out_of_every_public_export() {
    let db = TestDb::sqlite();
    db.run_ok(&["migrate"]);
    // The example sheet with the marker in its "Alleen voor professionals" column.
    let original = std::fs::read(repo("crates/hsds/tests/data/sheet/voorbeeld-utf8.csv")).unwrap();
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(original.as_slice());
    let header = reader.headers().unwrap().clone();
    let column = header.iter().position(|h| h == "Alleen voor professionals").expect("the notes column");
    let mut out = csv::WriterBuilder::new().delimiter(b';').from_writer(Vec::new());
    out.write_record(&header).unwrap();
    for (n, row) in reader.records().enumerate() {
        let mut row: Vec<String> = row.unwrap().iter().map(str::to_owned).collect();
        row[column] = notes(&format!("sheet {}", n + 1));
        out.write_record(&row).unwrap();
    }
    let sheet = write(&db.path("sheet.csv"), &out.into_inner().unwrap());
    db.run_ok(&["import", "sheet", &sheet, "--mapping", &repo("docs/examples/mapping-example.toml")]);
    assert_professional_exports_have(&db, &notes("sheet 1"));
    assert_professional_exports_have(&db, &notes("sheet 3"));
    assert_public_exports_clean(&db, "after import sheet");
}
