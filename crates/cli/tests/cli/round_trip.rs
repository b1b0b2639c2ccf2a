use crate::helpers::{TestDb, stderr, write};

fn export_import_export_is_identical(target: TestDb) {
    let source = TestDb::sqlite();
    source.run_ok(&["demo", "--scale", "300"]);
    let first = source.export();
    let parsed: serde_json::Value = serde_json::from_slice(&first).unwrap();
    assert_eq!(parsed.as_array().unwrap().len(), 300);

    let file = write(&target.path("demo.json"), &first);
    target.run_ok(&["import", "hsds", &file]);
    let second = target.export();
    assert!(first == second, "the second export differs from the first");

    // Importing the same file again changes nothing.
    let again = target.run_ok(&["import", "hsds", &file]);
    assert!(stderr(&again).contains("services:       0 new, 0 changed, 300 unchanged"), "{}", stderr(&again));
    assert!(target.export() == first);
}

#[test]
fn round_trip_through_sqlite() {
    export_import_export_is_identical(TestDb::sqlite());
}

#[test]
fn round_trip_through_postgres() {
    export_import_export_is_identical(TestDb::postgres());
}

#[test]
fn demo_is_deterministic() {
    let (a, b) = (TestDb::sqlite(), TestDb::sqlite());
    a.run_ok(&["demo", "--scale", "100", "--seed", "3"]);
    b.run_ok(&["demo", "--scale", "100", "--seed", "3"]);
    // Verification dates depend on the day the demo is made; both runs share it.
    assert!(a.export() == b.export());
}

#[test]
fn public_export_has_no_professional_notes_unless_asked() {
    let db = TestDb::sqlite();
    db.run_ok(&["demo", "--scale", "100"]);
    let public = String::from_utf8(db.export()).unwrap();
    assert!(!public.contains("professional_notes"));
    let file = db.path("pro.json");
    db.run_ok(&["export", "hsds", "--include-professional", "--output", file.to_str().unwrap()]);
    assert!(std::fs::read_to_string(file).unwrap().contains("professional_notes"));
}

#[test]
fn dry_run_changes_nothing() {
    let source = TestDb::sqlite();
    source.run_ok(&["demo", "--scale", "100"]);
    let file = write(&source.path("demo.json"), &source.export());
    let target = TestDb::sqlite();
    let output = target.run_ok(&["import", "hsds", "--dry-run", &file]);
    assert!(stderr(&output).contains("100 new"), "{}", stderr(&output));
    assert_eq!(target.export(), b"[]\n");
}

#[test]
fn logs_written_to_a_file_are_plain_text() {
    let db = TestDb::sqlite();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_wegwijs"))
        .args(["demo", "--scale", "100", "--dry-run"])
        .env("WEGWIJS_DATABASE_URL", &db.url)
        .env("WEGWIJS_LOG", "info")
        .output()
        .unwrap();
    let log = stderr(&output);
    assert!(log.contains("demo data generated"), "{log}");
    assert!(!log.contains('\u{1b}'), "escape codes in a non-terminal log: {log:?}");
}
