//! `wegwijs reindex`: rebuilding the search index, and its options.

use crate::helpers::{TestDb, stderr, write};

#[test]
fn reindex_builds_the_index_next_to_the_database() {
    let db = TestDb::sqlite();
    db.run_ok(&["demo", "--scale", "100"]);
    let output = db.run_ok(&["reindex"]);
    let message = stderr(&output);
    assert!(message.contains("Indexed 100 services"), "{message}");
    assert!(db.path("wegwijs.db.search").is_dir());

    let elsewhere = db.path("index-elsewhere");
    db.run_ok(&["reindex", "--index-dir", elsewhere.to_str().unwrap()]);
    assert!(elsewhere.is_dir());
}

#[test]
fn a_broken_vocabulary_file_is_refused_with_its_line() {
    let db = TestDb::sqlite();
    let file = write(&db.path("vocabulary.csv"), b"term,expands_to,kind\ngeld,schulden,lay\nhuur,,lay\n");
    let output = db.run(&["reindex", "--vocabulary", &file]);
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(message.contains("line 3"), "{message}");

    let output = db.run(&["reindex", "--vocabulary", "/no/such/vocabulary.csv"]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("/no/such/vocabulary.csv"), "{}", stderr(&output));
}
