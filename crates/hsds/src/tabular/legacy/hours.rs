//! Old opening hours: `regular_schedules.csv` (one row per weekday) becomes weekly
//! HSDS 3.0 schedules, `holiday_schedules.csv` (closed, or other hours, from one date
//! to another) becomes the Dutch profile's dated exceptions, one per day.

use super::super::tables::Record;
use super::{row_problem, words};
use crate::RecordProblem;
use crate::import::Collector;
use chrono::NaiveDate;

/// A holiday longer than this is not a holiday but a closure; its first days are
/// kept, and the editor is told to mark the service as temporarily closed instead.
/// Two months covers every school and summer closure in the Netherlands.
pub(crate) const MAX_EXCEPTION_DAYS: i64 = 62;

/// Turns a `regular_schedules.csv` row into a weekly schedule, in place. `false` when
/// the row is to be dropped: a day without hours (old feeds list closed days so), or
/// a row with a problem (reported).
pub(crate) fn weekly(record: &mut Record, collector: &mut Collector) -> bool {
    let what = "regular schedule";
    let day = record.remove("weekday");
    let day_text = day.as_ref().and_then(|d| d.as_str()).unwrap_or_default().to_owned();
    let (opens, closes) = (record.text("opens_at").is_some(), record.text("closes_at").is_some());
    if !opens && !closes {
        return false;
    }
    let mut ok = true;
    if opens != closes {
        let missing = if opens { "closes_at" } else { "opens_at" };
        collector.problem(row_problem(record, what, missing, "is missing; give both opening and closing time".into()));
        ok = false;
    }
    match words::weekday(&day_text) {
        Some(code) => record.set("byday", code),
        None if day_text.is_empty() => {
            collector.problem(row_problem(record, what, "weekday", "is missing; give 1 (Monday) to 7 (Sunday)".into()));
            ok = false;
        }
        None => {
            let message = format!("{day_text:?} is not a day; give 1 (Monday) to 7 (Sunday) or the day's name");
            collector.problem(row_problem(record, what, "weekday", message));
            ok = false;
        }
    }
    record.set("freq", "WEEKLY");
    ok
}

/// The days of a `holiday_schedules.csv` row as exception rows (owners and times
/// copied, `date` set), or nothing when the row has a problem (reported).
pub(crate) fn exceptions(record: &Record, collector: &mut Collector) -> Vec<(NaiveDate, Record)> {
    let what = "holiday schedule";
    let date = |column: &str| record.text(column).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let Some(start) = date("start_date") else {
        collector.problem(row_problem(record, what, "start_date", "is missing; give the first day".into()));
        return Vec::new();
    };
    let end = date("end_date").unwrap_or(start);
    if end < start {
        let message = format!("{end} is before start_date {start}");
        collector.problem(row_problem(record, what, "end_date", message));
        return Vec::new();
    }
    let has_times = record.text("opens").is_some() || record.text("closes").is_some();
    let closed = record.get("closed").and_then(|c| c.as_bool()).unwrap_or(!has_times);
    if !closed && (record.text("opens").is_none() || record.text("closes").is_none()) {
        let message = "the place is open that day, so give both opens_at and closes_at".to_owned();
        collector.problem(row_problem(record, what, "opens_at", message));
        return Vec::new();
    }
    let days = (end - start).num_days() + 1;
    if days > MAX_EXCEPTION_DAYS {
        collector.warn(RecordProblem {
            place: Some(record.place()),
            record: record.label(what),
            field: "end_date".to_owned(),
            message: format!(
                "the period has {days} days; only the first {MAX_EXCEPTION_DAYS} were kept. For a longer closure, \
                 set the service's status to temporarily closed"
            ),
        });
    }
    start
        .iter_days()
        .take(days.min(MAX_EXCEPTION_DAYS) as usize)
        .map(|day| {
            let mut exception = record.sibling();
            for column in ["service_id", "location_id", "service_at_location_id", "reason"] {
                if let Some(value) = record.get(column) {
                    exception.set(column, value.clone());
                }
            }
            exception.set("date", day.to_string());
            exception.set("closed", closed);
            if !closed {
                for column in ["opens", "closes"] {
                    exception.set(column, record.get(column).cloned().unwrap_or_default());
                }
            }
            (day, exception)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::ImportContext;
    use serde_json::json;

    fn record(values: serde_json::Value) -> Record {
        Record::from_json("h.csv", 2, values)
    }

    fn collector() -> Collector {
        Collector::new(ImportContext { now: chrono::Utc::now(), source_name: "t".into() })
    }

    #[test]
    fn a_weekday_row_becomes_a_weekly_schedule_and_a_closed_day_is_dropped() {
        let mut collector = collector();
        let mut row = record(json!({"weekday": "Tuesday", "opens_at": "09:00:00", "closes_at": "17:00:00"}));
        assert!(weekly(&mut row, &mut collector));
        assert_eq!((row.text("byday"), row.text("freq")), (Some("TU"), Some("WEEKLY")));
        assert!(row.get("weekday").is_none());
        let mut closed = record(json!({"weekday": "Sunday"}));
        assert!(!weekly(&mut closed, &mut collector));
        assert!(collector.finish().is_ok());
    }

    #[test]
    fn a_day_that_is_no_day_is_a_problem() {
        let mut collector = collector();
        let mut row = record(json!({"weekday": "9", "opens_at": "09:00:00", "closes_at": "17:00:00"}));
        assert!(!weekly(&mut row, &mut collector));
        assert!(collector.finish().is_err());
    }

    #[test]
    fn a_holiday_period_becomes_one_exception_per_day() {
        let mut collector = collector();
        let row = record(json!({"location_id": "l", "closed": true, "start_date": "2025-12-24",
            "end_date": "2025-12-26", "reason": "Kerst"}));
        let days = exceptions(&row, &mut collector);
        let dates: Vec<String> = days.iter().map(|(d, _)| d.to_string()).collect();
        assert_eq!(dates, ["2025-12-24", "2025-12-25", "2025-12-26"]);
        assert_eq!(days[1].1.get("reason"), Some(&json!("Kerst")));
        assert_eq!(days[1].1.get("closed"), Some(&json!(true)));
        assert_eq!(days[1].1.text("location_id"), Some("l"));
    }

    #[test]
    fn a_holiday_with_hours_is_open_and_a_long_one_is_capped_with_a_warning() {
        let mut collector = collector();
        let open = record(json!({"start_date": "2025-12-31", "opens": "09:00:00", "closes": "12:00:00"}));
        let days = exceptions(&open, &mut collector);
        assert_eq!(days[0].1.get("closed"), Some(&json!(false)));
        let long = record(json!({"closed": true, "start_date": "2025-01-01", "end_date": "2025-12-31"}));
        assert_eq!(exceptions(&long, &mut collector).len() as i64, MAX_EXCEPTION_DAYS);
        let batch = collector.finish().unwrap();
        assert!(batch.warnings[0].message.contains("365 days"), "{}", batch.warnings[0].message);
    }

    #[test]
    fn an_end_before_the_start_is_a_problem() {
        let mut collector = collector();
        let row = record(json!({"closed": true, "start_date": "2025-12-31", "end_date": "2025-12-01"}));
        assert!(exceptions(&row, &mut collector).is_empty());
        assert!(collector.finish().is_err());
    }
}
