//! The opening-hours editor, through the service form.

use super::service::{minimal_service, posted_form};
use super::*;

fn read_hours(changes: &[(&str, &str)]) -> Result<OpeningHours, Vec<FieldProblem>> {
    let base = minimal_service();
    read_service(Locale::Nl, &base, &changed(&posted_form(&base), changes), &FormOptions::default())
        .map(|service| service.opening_hours)
}

fn problem_fields(changes: &[(&str, &str)]) -> Vec<String> {
    read_hours(changes).unwrap_err().into_iter().map(|p| p.field).collect()
}

#[test]
fn lenient_spellings_of_times_are_read() {
    let hours = read_hours(&[
        ("uren_ma_1_open", "9.00"),
        ("uren_ma_1_dicht", "1230"),
        ("uren_ma_2_open", "13:00"),
        ("uren_ma_2_dicht", "17"),
    ])
    .unwrap();
    let periods: Vec<String> = hours.weekly().iter().map(|p| format!("{}-{}", p.opens, p.closes)).collect();
    assert_eq!(periods, ["09:00-12:30", "13:00-17:00"]);
}

#[test]
fn midnight_as_a_closing_time_closes_the_day() {
    let hours = read_hours(&[("uren_vr_1_open", "19:00"), ("uren_vr_1_dicht", "00:00")]).unwrap();
    assert_eq!(hours.weekly()[0].closes, TimeOfDay::END_OF_DAY);
}

#[test]
fn times_that_are_not_times_are_refused() {
    let problems = read_hours(&[("uren_ma_1_open", "25:00"), ("uren_ma_1_dicht", "9 uur")]).unwrap_err();
    assert_eq!(fields_of(&problems), ["uren_ma_1_open", "uren_ma_1_dicht"]);
    assert_eq!(problems[0].message, "Maandag: 25:00 is geen tijd. Schrijf de tijd zoals 09:00.");
}

#[test]
fn a_period_needs_both_times() {
    assert_eq!(problem_fields(&[("uren_di_1_open", "09:00")]), ["uren_di_1_dicht"]);
    assert_eq!(problem_fields(&[("uren_di_2_dicht", "17:00")]), ["uren_di_2_open"]);
}

#[test]
fn closing_before_opening_is_refused() {
    let problems = read_hours(&[("uren_wo_1_open", "17:00"), ("uren_wo_1_dicht", "09:00")]).unwrap_err();
    assert_eq!(fields_of(&problems), ["uren_wo_1_dicht"]);
    assert!(problems[0].message.starts_with("Woensdag: "));
}

#[test]
fn overlapping_periods_are_refused_on_the_later_one() {
    let changes = [
        ("uren_do_1_open", "13:00"),
        ("uren_do_1_dicht", "17:00"),
        ("uren_do_2_open", "09:00"),
        ("uren_do_2_dicht", "13:30"),
    ];
    assert_eq!(problem_fields(&changes), ["uren_do_1_open"]);
}

#[test]
fn exceptions_are_read_and_checked() {
    let hours = read_hours(&[
        ("uitzondering_1_datum", "24-12-2026"),
        ("uitzondering_1_soort", "open"),
        ("uitzondering_1_open", "9:00"),
        ("uitzondering_1_dicht", "12:00"),
        ("uitzondering_2_datum", "2026-08-03"),
        ("uitzondering_2_reden", "Zomersluiting"),
        ("uren_feestdagen", "ja"),
    ])
    .unwrap();
    assert!(hours.closed_on_public_holidays());
    let exceptions = hours.exceptions();
    assert_eq!(exceptions[0].hours, ExceptionHours::Closed, "a new row is closed all day unless chosen otherwise");
    assert_eq!(exceptions[0].reason.as_deref(), Some("Zomersluiting"));
    assert!(matches!(exceptions[1].hours, ExceptionHours::Open { .. }));
}

#[test]
fn bad_exceptions_are_refused_per_row() {
    let fields = problem_fields(&[
        ("uitzondering_1_datum", "31-02-2026"),
        ("uitzondering_2_reden", "Vakantie"),
        ("uitzondering_3_datum", "2026-05-01"),
        ("uitzondering_3_soort", "open"),
        ("uitzondering_4_datum", "2026-05-02"),
        ("uitzondering_4_open", "10:00"),
        ("uitzondering_5_datum", "2026-05-03"),
        ("uitzondering_6_datum", "3-5-2026"),
    ]);
    assert_eq!(
        fields,
        [
            "uitzondering_1_datum",
            "uitzondering_2_datum",
            "uitzondering_3_open",
            "uitzondering_4_open",
            "uitzondering_6_datum"
        ]
    );
}

#[test]
fn at_most_thirty_exceptions_are_accepted() {
    let base = minimal_service();
    let mut rows: Vec<(String, String)> = Vec::new();
    for n in 1..=31 {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Duration::days(n);
        rows.push((format!("uitzondering_{n}_datum"), date.to_string()));
    }
    let changes: Vec<(&str, &str)> = rows.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let input = changed(&posted_form(&base), &changes);
    let problems = read_service(Locale::Nl, &base, &input, &FormOptions::default()).unwrap_err();
    assert_eq!(fields_of(&problems), ["uitzondering_31_datum"]);
    let thirty = changed(&input, &[("uitzondering_31_datum", "")]);
    let read = read_service(Locale::Nl, &base, &thirty, &FormOptions::default()).unwrap();
    assert_eq!(read.opening_hours.exceptions().len(), 30);
}

#[test]
fn a_day_with_more_periods_than_offered_shows_them_all() {
    let period =
        |opens, closes| WeeklyHours { weekday: chrono::Weekday::Tue, opens: time(opens), closes: time(closes) };
    let three = OpeningHours::new(
        vec![period("08:00", "09:00"), period("10:00", "11:00"), period("12:00", "13:00")],
        vec![],
        false,
        None,
    )
    .unwrap();
    let service = Service { opening_hours: three, ..minimal_service() };
    let sent = posted_form(&service);
    assert_eq!(sent.get("uren_di_3_open"), "12:00");
    assert_eq!(sent.rows("uren_ma"), [1, 2]);
    let read = read_service(Locale::Nl, &service, &sent, &FormOptions::default()).unwrap();
    assert_eq!(read.opening_hours, service.opening_hours);
}

#[test]
fn every_hours_problem_links_to_an_input_on_the_page() {
    let base = minimal_service();
    let changes = [
        ("uren_ma_1_open", "25:00"),
        ("uren_za_2_dicht", "12:00"),
        ("uitzondering_1_datum", "morgen"),
        ("uitzondering_2_datum", "2026-05-02"),
        ("uitzondering_2_open", "10:00"),
        ("uitzondering_2_dicht", "11:00"),
    ];
    let input = changed(&posted_form(&base), &changes);
    let problems = read_service(Locale::Nl, &base, &input, &FormOptions::default()).unwrap_err();
    assert_eq!(problems.len(), 4, "{problems:?}");
    let html = super::service::render(
        Locale::Nl,
        ServiceFields::from_input(Locale::Nl, &input, &problems, &FormOptions::default()),
        problems.clone(),
    );
    assert_problems_shown(&html, &problems);
}
