//! Dates as Dutch spreadsheets hold them: `31-12-2025`, `31/12/2025`, `31.12.2025`,
//! `31 december 2025`, ISO dates and times, and Excel date cells (already ISO by the
//! time they get here).

use super::text::fold;
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};

/// The moment a date or date-time cell names; a date alone is midnight UTC, the way
/// HSDS `assured_date` is read.
pub(crate) fn parse_moment(raw: &str) -> Result<DateTime<Utc>, String> {
    let text = raw.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Ok(at.with_timezone(&Utc));
    }
    for format in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"] {
        if let Ok(at) = NaiveDateTime::parse_from_str(text, format) {
            return Ok(at.and_utc());
        }
    }
    parse_date(text).map(|date| date.and_time(NaiveTime::MIN).and_utc())
}

/// A calendar date, day first as the Dutch write it.
pub(crate) fn parse_date(raw: &str) -> Result<NaiveDate, String> {
    let text = fold(raw);
    let bad = || format!("{:?} is not a date; write it as 31-12-2025 or 2025-12-31", raw.trim());
    let iso = text.as_bytes().get(4) == Some(&b'-') && text[..4].bytes().all(|b| b.is_ascii_digit());
    if iso {
        return NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|_| bad());
    }
    let parts: Vec<&str> = text.split(['-', '/', '.', ' ']).filter(|p| !p.is_empty()).collect();
    let [day, month, year] = parts.as_slice() else { return Err(bad()) };
    let day: u32 = day.parse().map_err(|_| bad())?;
    let month: u32 = match month.parse() {
        Ok(number) => number,
        Err(_) => wegwijs_domain::calendar::MONTHS_NL
            .iter()
            .position(|name| month.len() >= 3 && name.starts_with(month))
            .map(|index| index as u32 + 1)
            .ok_or_else(bad)?,
    };
    let year: i32 = match year.parse::<i32>().map_err(|_| bad())? {
        short @ 0..=99 if year.len() == 2 => 2000 + short,
        full if year.len() == 4 => full,
        _ => return Err(bad()),
    };
    if month > 12 && day <= 12 {
        return Err(format!("{:?} puts the month first; write the day first: 31-12-2025", raw.trim()));
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| format!("{:?} does not exist on the calendar", raw.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(raw: &str) -> String {
        parse_date(raw).map(|d| d.to_string()).unwrap_or_else(|e| e)
    }

    #[test]
    fn dutch_and_iso_dates_are_read() {
        for raw in
            ["31-12-2025", "31/12/2025", "31.12.2025", "2025-12-31", "31 december 2025", "31 dec 2025", "31-12-25"]
        {
            assert_eq!(date(raw), "2025-12-31", "{raw}");
        }
        assert_eq!(date("1-2-2025"), "2025-02-01");
    }

    #[test]
    fn impossible_and_american_dates_are_refused() {
        assert!(date("31-02-2025").contains("does not exist"));
        assert!(date("12/31/2025").contains("puts the month first"));
        assert!(date("gisteren").contains("is not a date"));
    }

    #[test]
    fn moments_keep_their_time() {
        assert_eq!(parse_moment("2025-12-31T10:30:00").unwrap().to_rfc3339(), "2025-12-31T10:30:00+00:00");
        assert_eq!(parse_moment("2025-12-31T10:30:00+01:00").unwrap().to_rfc3339(), "2025-12-31T09:30:00+00:00");
        assert_eq!(parse_moment("31-12-2025").unwrap().to_rfc3339(), "2025-12-31T00:00:00+00:00");
    }
}
