//! `wegwijs simulate`: a year of reminders on a small kaart. The numbers must add up,
//! organisations that all answer keep the kaart checked, and a kaart nobody looks
//! after goes stale unless the editors phone.

use crate::helpers::{stderr, wegwijs};
use serde_json::Value;

/// Runs a 12-month simulation of 40 organisations and returns its JSON report.
fn simulate(responsive: &str, calls_per_week: &str) -> Value {
    let args = [
        "simulate",
        "--organisations",
        "40",
        "--months",
        "12",
        "--seed",
        "3",
        "--responsive",
        responsive,
        "--editor-calls-per-week",
        calls_per_week,
        "--json",
    ];
    // The database is a temporary one; this URL must stay untouched.
    let output = wegwijs("sqlite:/nonexistent/never-used.db", &args);
    assert!(output.status.success(), "wegwijs {args:?} failed:\n{}", stderr(&output));
    serde_json::from_slice(&output.stdout).expect("JSON on stdout")
}

fn number(value: &Value, key: &str) -> f64 {
    value[key].as_f64().unwrap_or_else(|| panic!("no number {key:?} in {value}"))
}

/// Checks what must hold in every report.
fn consistent(report: &Value) {
    let monthly = report["monthly"].as_array().expect("monthly");
    assert_eq!(monthly.len(), 13, "the start and twelve month ends");
    let organisations = number(report, "organisations");
    let entries = number(&monthly[0], "entries");
    assert!(entries > organisations, "every organisation with its services: {entries}");
    let mut previous: Option<&Value> = None;
    for month in monthly {
        assert_eq!(number(month, "entries"), entries, "no entry appears or disappears: {month}");
        assert_eq!(number(month, "visible") + number(month, "hidden"), entries, "{month}");
        assert!(number(month, "verified_12_months") <= number(month, "visible"), "{month}");
        let share = number(month, "share_verified_12_months");
        assert!((0.0..=1.0).contains(&share), "{month}");
        // Each organisation gets at most a first and a second reminder per cycle, and
        // a cycle takes at least six months: at most 4 mails a year each.
        assert!(number(month, "reminders_sent") <= 4.0 * organisations, "{month}");
        assert!(number(month, "second_reminders") <= number(month, "reminders_sent"), "{month}");
        assert!(number(month, "confirmations") <= number(month, "reminders_sent"), "{month}");
        assert!(number(month, "escalations") <= 2.0 * organisations, "{month}");
        if let Some(previous) = previous {
            for counter in ["reminders_sent", "confirmations", "escalations", "editor_calls"] {
                assert!(number(month, counter) >= number(previous, counter), "{counter} went down: {month}");
            }
        }
        previous = Some(month);
    }
    assert_eq!(report["end"], monthly[12]);
}

#[test]
fn organisations_that_all_answer_keep_the_kaart_checked() {
    let report = simulate("1", "0");
    consistent(&report);
    let end = &report["end"];
    assert_eq!(number(&report, "responsive_organisations"), 40.0);
    assert!(number(end, "share_verified_12_months") >= 0.95, "{end}");
    assert!(number(end, "confirmations") > 0.0 && number(end, "reminders_sent") > 0.0, "{end}");
    assert_eq!(number(end, "hidden"), 0.0, "every organisation confirmed: {end}");
    assert_eq!(number(end, "escalations"), 0.0, "nobody needs the editors: {end}");
}

#[test]
fn a_kaart_nobody_answers_goes_stale_unless_the_editors_phone() {
    let alone = simulate("0", "0");
    consistent(&alone);
    let end = &alone["end"];
    assert_eq!(number(end, "confirmations"), 0.0, "{end}");
    assert!(number(end, "escalations") > 0.0, "{end}");
    assert_eq!(number(end, "editor_calls"), 0.0);
    assert!(number(end, "share_verified_12_months") < 0.7, "{end}");
    assert!(number(end, "hidden") > number(&alone["start"], "hidden"), "stale entries are hidden: {end}");

    let phoned = simulate("0", "10");
    consistent(&phoned);
    let called = &phoned["end"];
    assert!(number(called, "editor_calls") > 0.0, "{called}");
    assert!(
        number(called, "share_verified_12_months") > number(end, "share_verified_12_months") + 0.2,
        "phoning helps: {called} against {end}"
    );
    assert!(number(called, "hidden") < number(end, "hidden"), "{called}");
}
