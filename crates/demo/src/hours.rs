//! Opening hours per template pattern, varied per instance (lunch breaks, an evening,
//! Saturday for sports) and with closing dates relative to `now`, so "open now" and
//! holiday exceptions have realistic data.

use crate::catalogue::Hours;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
use rand::Rng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;
use wegwijs_domain::schedule::{DateException, ExceptionHours, OpeningHours, TimeOfDay, WeeklyHours, public_holiday};

const WEEKDAYS: [Weekday; 5] = [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri];

fn t(h: u16, m: u16) -> TimeOfDay {
    TimeOfDay::from_hm(h, m).expect("fixed times are valid")
}

fn period(weekday: Weekday, opens: (u16, u16), closes: (u16, u16)) -> WeeklyHours {
    WeeklyHours { weekday, opens: t(opens.0, opens.1), closes: t(closes.0, closes.1) }
}

/// Opening hours for a template pattern.
pub fn opening_hours(rng: &mut ChaCha8Rng, style: Hours, now: DateTime<Utc>) -> OpeningHours {
    let mut weekly = Vec::new();
    let mut closed_on_holidays = true;
    let mut notes = None;
    match style {
        Hours::Office => {
            let (start, lunch, back, end) = *[
                ((9, 0), (12, 30), (13, 30), (17, 0)),
                ((8, 30), (12, 0), (13, 0), (16, 30)),
                ((9, 0), (12, 0), (13, 0), (16, 0)),
            ]
            .choose(rng)
            .expect("non-empty");
            let short_friday = rng.random_bool(0.3);
            for day in WEEKDAYS {
                weekly.push(period(day, start, lunch));
                if !(short_friday && day == Weekday::Fri) {
                    weekly.push(period(day, back, end));
                }
            }
            if rng.random_bool(0.15) {
                weekly.push(period(Weekday::Thu, (19, 0), (21, 0)));
                notes = Some("Op donderdagavond alleen op afspraak.".to_owned());
            }
        }
        Hours::Mornings => {
            let start = *[(9, 0), (9, 30), (10, 0)].choose(rng).expect("non-empty");
            let count = rng.random_range(2..=4);
            for day in WEEKDAYS.choose_multiple(rng, count) {
                weekly.push(period(*day, start, (12, 30)));
            }
        }
        Hours::Spreekuur => {
            let day = *WEEKDAYS.choose(rng).expect("non-empty");
            let (from, to) = *[((10, 0), (12, 0)), ((13, 30), (15, 30)), ((9, 30), (11, 30)), ((19, 0), (20, 30))]
                .choose(rng)
                .expect("non-empty");
            weekly.push(period(day, from, to));
            if rng.random_bool(0.3) {
                weekly.push(period(Weekday::Sat, (10, 0), (13, 0)));
            }
        }
        Hours::Evenings => {
            let count = rng.random_range(1..=2);
            for day in WEEKDAYS[..4].choose_multiple(rng, count) {
                weekly.push(period(*day, (19, 0), (21, 30)));
            }
            if rng.random_bool(0.3) {
                weekly.push(period(Weekday::Wed, (14, 0), (16, 30)));
            }
        }
        Hours::Sport => {
            for day in [Weekday::Mon, Weekday::Wed, Weekday::Thu] {
                weekly.push(period(day, (18, 30), (22, 30)));
            }
            weekly.push(period(Weekday::Sat, (8, 30), (17, 0)));
            if rng.random_bool(0.5) {
                weekly.push(period(Weekday::Sun, (9, 30), (13, 0)));
            }
            closed_on_holidays = rng.random_bool(0.5);
        }
        Hours::Always => {
            for day in
                [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun]
            {
                weekly.push(period(day, (0, 0), (24, 0)));
            }
            closed_on_holidays = false;
            notes = Some("Dag en nacht bereikbaar, ook in het weekend en op feestdagen.".to_owned());
        }
        Hours::Appointment => {
            notes = Some(
                [
                    "Alleen op afspraak.",
                    "Op afspraak, ook 's avonds mogelijk.",
                    "Wij komen bij u thuis; bel voor een afspraak.",
                ]
                .choose(rng)
                .expect("non-empty")
                .to_string(),
            );
        }
    }
    let mut exceptions = Vec::new();
    if style != Hours::Always && !weekly.is_empty() {
        if rng.random_bool(0.2) {
            exceptions.extend(closing(summer_start(now, rng), 14, "Zomersluiting"));
        } else if rng.random_bool(0.12) {
            exceptions.extend(closing(christmas_start(now), 7, "Kerstsluiting"));
        }
    }
    OpeningHours::new(weekly, exceptions, closed_on_holidays, notes).expect("generated hours are consistent")
}

/// The first Monday of the coming summer closing (late July or early August).
fn summer_start(now: DateTime<Utc>, rng: &mut ChaCha8Rng) -> NaiveDate {
    let today = now.date_naive();
    let year = if today.month() >= 7 { today.year() + 1 } else { today.year() };
    let start = NaiveDate::from_ymd_opt(year, 7, 20).expect("valid date") + Duration::weeks(rng.random_range(0..3));
    start - Duration::days(i64::from(start.weekday().num_days_from_monday()))
}

/// 27 December of this year, or next year's once it has passed.
fn christmas_start(now: DateTime<Utc>) -> NaiveDate {
    let today = now.date_naive();
    let this_year = NaiveDate::from_ymd_opt(today.year(), 12, 27).expect("valid date");
    if today < this_year { this_year } else { NaiveDate::from_ymd_opt(today.year() + 1, 12, 27).expect("valid date") }
}

/// Closed on the working days from `start` for `days` days.
fn closing(start: NaiveDate, days: i64, reason: &str) -> Vec<DateException> {
    (0..days)
        .map(|offset| start + Duration::days(offset))
        .filter(|date| date.weekday().num_days_from_monday() < 5 && public_holiday(*date).is_none())
        .map(|date| DateException { date, hours: ExceptionHours::Closed, reason: Some(reason.to_owned()) })
        .collect()
}
