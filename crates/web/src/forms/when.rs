//! Times and dates as typed in the opening-hours editor. Browsers with a time or date
//! picker send `09:00` and `2026-12-24`; older ones, and people who type, send "9.00",
//! "900" or "24-12-2026". The spellings are made plain here and then checked by the
//! domain's `TimeOfDay`, so the rules of a valid time live in one place.

use chrono::NaiveDate;
use wegwijs_domain::schedule::{InvalidTime, TimeOfDay};

/// Reads an opening or closing time. Accepts what `TimeOfDay::parse` does ("09:00",
/// "9.00", "17:00:00"), plus whole hours ("9") and digits without a separator ("900",
/// "0930"). `closing` reads "00:00" as midnight at the end of the day, because a time
/// picker cannot show 24:00.
pub(crate) fn parse_time(raw: &str, closing: bool) -> Result<TimeOfDay, InvalidTime> {
    let text = raw.trim();
    let digits_only = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    let spelled = match text.len() {
        1 | 2 if digits_only => format!("{text}:00"),
        3 | 4 if digits_only => format!("{}:{}", &text[..text.len() - 2], &text[text.len() - 2..]),
        _ => text.to_owned(),
    };
    let time = TimeOfDay::parse(&spelled)?;
    Ok(if closing && time == TimeOfDay::START_OF_DAY { TimeOfDay::END_OF_DAY } else { time })
}

/// A time as a time picker takes it: `HH:MM`, with midnight at the end of a day as
/// `00:00` (see [`parse_time`]).
pub(crate) fn format_time(time: TimeOfDay) -> String {
    if time == TimeOfDay::END_OF_DAY { "00:00".to_owned() } else { time.to_string() }
}

/// Earliest and latest year a dated exception may fall in: wider is a typing error.
const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// Reads a date: `2026-12-24` from a date picker, or `24-12-2026`, `24/12/2026` and
/// `24.12.2026` as Dutch people write it. `None` when it is no date.
pub(crate) fn parse_date(raw: &str) -> Option<NaiveDate> {
    let text = raw.trim();
    ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"]
        .into_iter()
        .find_map(|format| NaiveDate::parse_from_str(text, format).ok())
        .filter(|date| YEARS.contains(&chrono::Datelike::year(date)))
}

/// A date as a date picker takes it: `2026-12-24`.
pub(crate) fn format_date(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hm(raw: &str) -> String {
        parse_time(raw, false).map(|t| t.to_string()).unwrap_or_else(|e| format!("error: {e}"))
    }

    #[test]
    fn times_are_read_in_every_usual_spelling() {
        for raw in ["9:00", "09:00", "9.00", "09.00", "900", "0900", "9", "09", " 9:00 ", "09:00:00"] {
            assert_eq!(hm(raw), "09:00", "{raw}");
        }
        assert_eq!(hm("1730"), "17:30");
        assert_eq!(hm("24:00"), "24:00");
    }

    #[test]
    fn things_that_are_not_times_are_refused() {
        for raw in ["25:00", "9 uur", "12:60", "24:30", "9:0", "negen", "12345", "9:00 uur", "-9"] {
            assert!(parse_time(raw, false).is_err(), "{raw} was read as a time");
        }
    }

    #[test]
    fn midnight_closes_the_day_and_shows_as_a_picker_can() {
        assert_eq!(parse_time("00:00", true), Ok(TimeOfDay::END_OF_DAY));
        assert_eq!(parse_time("00:00", false), Ok(TimeOfDay::START_OF_DAY));
        assert_eq!(format_time(TimeOfDay::END_OF_DAY), "00:00");
        assert_eq!(format_time(TimeOfDay::parse("9.05").unwrap()), "09:05");
    }

    #[test]
    fn dates_are_read_from_pickers_and_dutch_spellings() {
        let christmas = NaiveDate::from_ymd_opt(2026, 12, 24);
        for raw in ["2026-12-24", "24-12-2026", "24/12/2026", "24.12.2026", " 24-12-2026 "] {
            assert_eq!(parse_date(raw), christmas, "{raw}");
        }
        for raw in ["31-02-2026", "2026-13-01", "morgen", "24-12", "24-12-26", "1899-01-01", ""] {
            assert_eq!(parse_date(raw), None, "{raw}");
        }
        assert_eq!(format_date(christmas.unwrap()), "2026-12-24");
    }
}
