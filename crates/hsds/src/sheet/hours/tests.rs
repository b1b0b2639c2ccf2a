use super::*;
use chrono::Weekday::*;

/// The periods as `MO 09:00-17:00` lines, for compact assertions.
fn read(raw: &str) -> Vec<String> {
    read_with(raw, &[])
}

fn read_with(raw: &str, days: &[Weekday]) -> Vec<String> {
    let hours = parse_hours(raw, days).unwrap_or_else(|e| panic!("{raw}: {e}"));
    hours.weekly.iter().map(|(day, opens, closes)| format!("{day} {opens}-{closes}")).collect()
}

fn refused(raw: &str) -> String {
    parse_hours(raw, &[]).expect_err(raw)
}

#[test]
fn the_short_form_with_day_ranges_and_bare_hours_is_read() {
    assert_eq!(
        read("ma-vr 9:00-17:00; za 10-12"),
        [
            "Mon 09:00-17:00",
            "Tue 09:00-17:00",
            "Wed 09:00-17:00",
            "Thu 09:00-17:00",
            "Fri 09:00-17:00",
            "Sat 10:00-12:00"
        ]
    );
}

#[test]
fn the_long_form_with_t_m_dots_dashes_and_uur_is_read() {
    let five = ["Mon 09:00-17:00", "Tue 09:00-17:00", "Wed 09:00-17:00", "Thu 09:00-17:00", "Fri 09:00-17:00"];
    assert_eq!(read("maandag t/m vrijdag 09.00–17.00 uur"), five);
    assert_eq!(read("Maandag tot en met vrijdag van 9 tot 17 uur"), five);
    assert_eq!(read("werkdagen 9u-17u"), five);
}

#[test]
fn lists_of_days_and_two_periods_a_day_are_read() {
    assert_eq!(read("ma, wo en vr van 9 tot 12 uur"), ["Mon 09:00-12:00", "Wed 09:00-12:00", "Fri 09:00-12:00"]);
    assert_eq!(read("di 9.00-12.30 en 13.30-17.00"), ["Tue 09:00-12:30", "Tue 13:30-17:00"]);
    assert_eq!(read("ma-di 9-12, do 13-17"), ["Mon 09:00-12:00", "Tue 09:00-12:00", "Thu 13:00-17:00"]);
}

#[test]
fn whole_weeks_weekends_and_closed_days_are_read() {
    assert_eq!(read("dagelijks 8-20").len(), 7);
    assert_eq!(read("24/7").len(), 7);
    assert_eq!(read("weekend 10:00-16:00"), ["Sat 10:00-16:00", "Sun 10:00-16:00"]);
    assert_eq!(read("ma 9-12; za en zo gesloten"), ["Mon 09:00-12:00"]);
    assert_eq!(read("za-ma 10-12"), ["Sat 10:00-12:00", "Sun 10:00-12:00", "Mon 10:00-12:00"]);
}

#[test]
fn public_holidays_and_remarks_are_kept_apart_from_the_hours() {
    let hours = parse_hours("ma-vr 9-17 (gesloten op feestdagen). Op afspraak ook 's avonds", &[]).unwrap();
    assert_eq!(hours.weekly.len(), 5);
    assert!(hours.closed_on_public_holidays);
    assert_eq!(hours.notes, ["Op afspraak ook 's avonds"]);
    let note = parse_hours("Op afspraak", &[]).unwrap();
    assert!(note.weekly.is_empty());
    assert_eq!(note.notes, ["Op afspraak"]);
}

#[test]
fn abbreviations_with_dots_are_days_and_a_dot_before_a_capital_ends_a_sentence() {
    assert_eq!(read("Ma. t/m Do. 9.00 - 12.00 uur").len(), 4);
    assert_eq!(read("Ma. Di. 9-12"), ["Mon 09:00-12:00", "Tue 09:00-12:00"]);
    let hours = parse_hours("ma-vr 9.00-17.00. Bel voor een afspraak", &[]).unwrap();
    assert_eq!((hours.weekly.len(), hours.notes.as_slice()), (5, ["Bel voor een afspraak".to_owned()].as_slice()));
}

#[test]
fn a_column_per_day_gives_the_day_to_times_without_one() {
    assert_eq!(header_days("Maandag"), [Mon]);
    assert_eq!(header_days("Openingstijden"), []);
    assert_eq!(read_with("9:00-12:00 en 13:00-17:00", &[Wed]), ["Wed 09:00-12:00", "Wed 13:00-17:00"]);
}

#[test]
fn hours_that_cannot_be_read_are_refused_with_the_reason() {
    assert!(refused("ma-vr 9:00").contains("has no closing time"), "{}", refused("ma-vr 9:00"));
    assert!(refused("9-17").contains("not given a day"));
    assert!(refused("ma").contains("a day has no times"));
    assert!(refused("ma 25:00-26:00").contains("cannot read \"25:00\""), "{}", refused("ma 25:00-26:00"));
    assert!(refused("ma 9 12").contains("need a dash"));
    assert!(refused("ma 's ochtends").contains("cannot read \"ochtends\""), "{}", refused("ma 's ochtends"));
}
