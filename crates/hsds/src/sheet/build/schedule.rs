//! Opening-hours cells as HSDS weekly schedules, plus the profile's `opening_hours`
//! for what schedules cannot say (closed on public holidays, remarks).

use super::super::bind::Binding;
use super::super::field::Field;
use super::super::grid::GridRow;
use super::super::hours::{header_days, parse_hours};
use super::RowNotes;
use chrono::Weekday;
use serde_json::{Map, Value, json};
use wegwijs_domain::Id;
use wegwijs_domain::schedule::TimeOfDay;

pub(super) fn add(
    binding: &Binding,
    row: &GridRow,
    service: &Id,
    object: &mut Map<String, Value>,
    notes: &mut RowNotes<'_, '_>,
) {
    let mut periods: Vec<(Weekday, TimeOfDay, TimeOfDay)> = Vec::new();
    let mut closed_on_public_holidays = false;
    let mut remarks: Vec<String> = Vec::new();
    for cell in binding.values(Field::OpeningHours, row) {
        match parse_hours(&cell.text, &header_days(&cell.from)) {
            Ok(hours) => {
                for period in hours.weekly {
                    if !periods.contains(&period) {
                        periods.push(period);
                    }
                }
                closed_on_public_holidays |= hours.closed_on_public_holidays;
                remarks.extend(hours.notes);
            }
            Err(why) => notes.problem(&cell, &format!("opening hours {why}")),
        }
    }
    let schedules: Vec<Value> = periods
        .iter()
        .map(|(day, opens, closes)| {
            let byday = byday(*day);
            let id = Id::derived("wegwijs-sheet/schedule", &format!("{service}/{byday}/{opens}"));
            json!({ "id": id, "freq": "WEEKLY", "byday": byday, "opens_at": opens.to_string(),
                    "closes_at": closes.to_string() })
        })
        .collect();
    object.insert("schedules".into(), json!(schedules));
    if closed_on_public_holidays || !remarks.is_empty() {
        let notes = (!remarks.is_empty()).then(|| remarks.join("\n"));
        object.insert(
            "opening_hours".into(),
            json!({ "closed_on_public_holidays": closed_on_public_holidays, "notes": notes }),
        );
    }
}

fn byday(day: Weekday) -> &'static str {
    ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][day.num_days_from_monday() as usize]
}
