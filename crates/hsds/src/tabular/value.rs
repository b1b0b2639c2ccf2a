//! One CSV cell to the JSON value its column has in HSDS. Spreadsheets are written by
//! people, and Dutch Excel writes numbers with a decimal comma (`2,50`), booleans as
//! `WAAR`/`ONWAAR` and dates as `31-12-2025`; all of that is read here, so the rest of the
//! import only sees HSDS JSON.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};
use serde_json::{Number, Value};

/// The JSON type of a column, as far as reading a cell needs to know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FieldType {
    /// Kept as text.
    Text,
    /// A whole number.
    Integer,
    /// A number, whole or with decimals.
    Number,
    /// `true` or `false`.
    Boolean,
    /// A calendar date, `YYYY-MM-DD` in JSON.
    Date,
    /// A date and time, RFC 3339 in JSON (a bare date is kept as a date).
    DateTime,
    /// A wall-clock time, `HH:MM:SS` in JSON.
    Time,
    /// A year written as a date (`%Y` in HSDS 1.x), a whole number in JSON.
    Year,
}

impl FieldType {
    /// The Frictionless type name (`"datetime"`, `"integer"`, …), or `None` for the
    /// types Wegwijs reads as text (object, array, geojson, duration, …).
    pub(crate) fn from_frictionless(name: &str) -> Option<Self> {
        Some(match name {
            "string" => Self::Text,
            "integer" => Self::Integer,
            "number" => Self::Number,
            "boolean" => Self::Boolean,
            "date" => Self::Date,
            "datetime" => Self::DateTime,
            "time" => Self::Time,
            "year" => Self::Year,
            _ => return None,
        })
    }

    /// The Frictionless type name, for a written `datapackage.json`.
    pub(crate) fn frictionless(self) -> &'static str {
        match self {
            Self::Text => "string",
            Self::Integer => "integer",
            Self::Number => "number",
            Self::Boolean => "boolean",
            Self::Date => "date",
            Self::DateTime => "datetime",
            Self::Time => "time",
            Self::Year => "year",
        }
    }

    /// Whether a value of this type may stand where HSDS expects `wanted`: a package
    /// may say `integer` where HSDS says `number`, but not `string`.
    pub(crate) fn fits(self, wanted: FieldType) -> bool {
        self == wanted
            || matches!(
                (self, wanted),
                (Self::Integer | Self::Year, Self::Number)
                    | (Self::Number, Self::Integer)
                    | (Self::Date, Self::DateTime)
            )
    }
}

/// How a package says its values are written (Frictionless field properties).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Hints {
    /// A strftime pattern for dates and times, e.g. `%d/%m/%Y`.
    pub(crate) format: Option<String>,
    /// Extra words for `true` and `false`.
    pub(crate) true_values: Vec<String>,
    pub(crate) false_values: Vec<String>,
}

/// A converted cell, and whether something was dropped on the way.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Converted {
    pub(crate) value: Value,
    /// A time zone was cut from a time (Wegwijs times are Dutch wall-clock times).
    pub(crate) zone_dropped: bool,
}

impl From<Value> for Converted {
    fn from(value: Value) -> Self {
        Self { value, zone_dropped: false }
    }
}

/// Converts `raw` (already trimmed, not empty) to `ty`; the error is the reason, worded
/// for the editor who has to fix the cell.
pub(crate) fn convert(ty: FieldType, raw: &str, hints: &Hints) -> Result<Converted, String> {
    match ty {
        FieldType::Text => Ok(Value::String(raw.to_owned()).into()),
        FieldType::Integer => integer(raw).map(|n| Value::Number(n).into()),
        FieldType::Number => number(raw).map(|n| Value::Number(n).into()),
        FieldType::Year => year(raw).map(|n| Value::Number(n).into()),
        FieldType::Boolean => boolean(raw, hints).map(|b| Value::Bool(b).into()),
        FieldType::Date => date(raw, hints).map(|d| Value::String(d.to_string()).into()),
        FieldType::DateTime => date_time(raw, hints).map(|t| Value::String(t).into()),
        FieldType::Time => time(raw),
    }
}

fn integer(raw: &str) -> Result<Number, String> {
    let wrong = || format!("{raw:?} is not a whole number");
    let number = number(raw).map_err(|_| wrong())?;
    if number.is_i64() || number.is_u64() {
        return Ok(number);
    }
    match number.as_f64() {
        Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Ok(Number::from(f as i64)),
        _ => Err(wrong()),
    }
}

/// A number as Dutch and English spreadsheets write it: `2,50` and `2.50`, `1.234,50`
/// and `1,234.50`, with an optional euro sign. A lone comma is a decimal comma.
fn number(raw: &str) -> Result<Number, String> {
    let wrong = || format!("{raw:?} is not a number; write it as 2.50 or 2,50");
    let text: String = raw.trim_start_matches('€').chars().filter(|c| !c.is_whitespace()).collect();
    let (commas, dots) = (text.matches(',').count(), text.matches('.').count());
    let plain = match (commas, dots) {
        (0, _) => text.clone(),
        (1, 0) => text.replace(',', "."),
        (_, 0) => text.replace(',', ""),
        _ if text.rfind(',') > text.rfind('.') => text.replace('.', "").replace(',', "."),
        _ => text.replace(',', ""),
    };
    if plain.is_empty() || !plain.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+')) {
        return Err(wrong());
    }
    if let Ok(whole) = plain.parse::<i64>() {
        return Ok(Number::from(whole));
    }
    plain.parse::<f64>().ok().and_then(Number::from_f64).ok_or_else(wrong)
}

fn year(raw: &str) -> Result<Number, String> {
    let digits = raw.get(..4).filter(|y| y.bytes().all(|b| b.is_ascii_digit()));
    match digits.and_then(|y| y.parse::<u16>().ok()) {
        Some(year) if raw.len() == 4 || date(raw, &Hints::default()).is_ok() => Ok(Number::from(year)),
        _ => Err(format!("{raw:?} is not a year; write it as 2011")),
    }
}

fn boolean(raw: &str, hints: &Hints) -> Result<bool, String> {
    if hints.true_values.iter().any(|v| v == raw) {
        return Ok(true);
    }
    if hints.false_values.iter().any(|v| v == raw) {
        return Ok(false);
    }
    match raw.to_lowercase().as_str() {
        "true" | "waar" | "ja" | "j" | "yes" | "y" | "1" | "t" => Ok(true),
        "false" | "onwaar" | "nee" | "n" | "no" | "0" | "f" => Ok(false),
        _ => Err(format!("{raw:?} is not true or false; write true/false or ja/nee")),
    }
}

/// ISO dates, and the day-first dates Dutch spreadsheets write (`31-12-2025`,
/// `31/12/2025`, `31.12.2025`). A date with a midnight time is a date.
pub(crate) fn date(raw: &str, hints: &Hints) -> Result<NaiveDate, String> {
    if let Some(format) = &hints.format
        && let Ok(date) = NaiveDate::parse_from_str(raw, strftime(format))
    {
        return Ok(date);
    }
    for pattern in ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d"] {
        if let Ok(date) = NaiveDate::parse_from_str(raw, pattern) {
            return Ok(date);
        }
    }
    if let Ok(at) = local_date_time(raw)
        && at.time() == NaiveTime::MIN
    {
        return Ok(at.date());
    }
    Err(format!("{raw:?} is not a date; write it as 2025-12-31 or 31-12-2025"))
}

/// RFC 3339 is kept as written; a time without a zone stays without one (the import
/// reads it as Dutch time); a bare date stays a date.
fn date_time(raw: &str, hints: &Hints) -> Result<String, String> {
    if let Ok(at) = DateTime::parse_from_rfc3339(raw) {
        return Ok(at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true));
    }
    if let Some(format) = &hints.format
        && let Ok(at) = NaiveDateTime::parse_from_str(raw, strftime(format))
    {
        return Ok(at.format("%Y-%m-%dT%H:%M:%S").to_string());
    }
    if let Ok(at) = local_date_time(raw) {
        return Ok(at.format("%Y-%m-%dT%H:%M:%S").to_string());
    }
    date(raw, hints)
        .map(|d| d.to_string())
        .map_err(|_| format!("{raw:?} is not a date and time; write it as 2025-12-31T09:30:00Z"))
}

/// A date and time without a zone, ISO or day-first, with a `T` or a space.
fn local_date_time(raw: &str) -> Result<NaiveDateTime, ()> {
    let raw = raw.replacen('T', " ", 1);
    for date in ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"] {
        for time in ["%H:%M:%S%.f", "%H:%M"] {
            if let Ok(at) = NaiveDateTime::parse_from_str(&raw, &format!("{date} {time}")) {
                return Ok(at);
            }
        }
    }
    Err(())
}

/// Frictionless allows `default`, `any` and a strftime pattern; only the pattern helps.
fn strftime(format: &str) -> &str {
    match format {
        "default" | "any" => "%Y-%m-%d",
        pattern => pattern,
    }
}

/// `9:00`, `09:00`, `9.00`, `09:00:00`, also with a zone (`09:00Z`, `09:00+01:00`) as HSDS
/// 1.x asked for; the zone is dropped and reported.
fn time(raw: &str) -> Result<Converted, String> {
    let wrong = || format!("{raw:?} is not a time; write it as 09:00");
    let (clock, zone_dropped) = match raw.find(['Z', 'z', '+']).or_else(|| raw.rfind('-')) {
        Some(at) if at > 0 => (&raw[..at], true),
        _ => (raw, false),
    };
    let mut parts = clock.trim().split([':', '.']);
    let (Some(h), Some(m)) = (parts.next(), parts.next()) else { return Err(wrong()) };
    let s = parts.next().unwrap_or("00");
    let field = |part: &str, max: u32| {
        (!part.is_empty() && part.len() <= 2 && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
            .filter(|n| *n <= max)
    };
    match (field(h, 24), field(m, 59), field(s, 59), parts.next(), m.len()) {
        (Some(h), Some(m), Some(s), None, 2) if h < 24 || (m == 0 && s == 0) => {
            Ok(Converted { value: Value::String(format!("{h:02}:{m:02}:{s:02}")), zone_dropped })
        }
        _ => Err(wrong()),
    }
}

/// `HH:MM:SS` → `HH:MM` when the seconds are zero: the Dutch profile's opening-hour
/// exceptions are written to the minute.
pub(crate) fn to_minutes(value: Value) -> Value {
    match value {
        Value::String(text) if text.len() == 8 && text.ends_with(":00") => Value::String(text[..5].to_owned()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ok(ty: FieldType, raw: &str) -> Value {
        convert(ty, raw, &Hints::default()).unwrap_or_else(|e| panic!("{raw}: {e}")).value
    }

    fn bad(ty: FieldType, raw: &str) -> String {
        convert(ty, raw, &Hints::default()).unwrap_err()
    }

    #[test]
    fn numbers_accept_a_decimal_comma_and_thousands_separators() {
        assert_eq!(ok(FieldType::Number, "2,50"), json!(2.5));
        assert_eq!(ok(FieldType::Number, "2.50"), json!(2.5));
        assert_eq!(ok(FieldType::Number, "€ 1.234,50"), json!(1234.5));
        assert_eq!(ok(FieldType::Number, "1,234.50"), json!(1234.5));
        assert_eq!(ok(FieldType::Number, "35"), json!(35));
        assert_eq!(ok(FieldType::Number, "-4"), json!(-4));
        assert!(bad(FieldType::Number, "twee").contains("not a number"));
        assert!(convert(FieldType::Number, "1e400", &Hints::default()).is_err());
    }

    #[test]
    fn integers_take_whole_numbers_written_with_a_decimal_part_of_zero() {
        assert_eq!(ok(FieldType::Integer, "12"), json!(12));
        assert_eq!(ok(FieldType::Integer, "12,0"), json!(12));
        assert!(bad(FieldType::Integer, "12,5").contains("whole number"));
    }

    #[test]
    fn booleans_in_dutch_english_and_as_excel_writes_them() {
        for raw in ["true", "TRUE", "ja", "Ja", "WAAR", "1", "yes"] {
            assert_eq!(ok(FieldType::Boolean, raw), json!(true), "{raw}");
        }
        for raw in ["false", "nee", "ONWAAR", "0", "no"] {
            assert_eq!(ok(FieldType::Boolean, raw), json!(false), "{raw}");
        }
        assert!(bad(FieldType::Boolean, "misschien").contains("true or false"));
        let hints = Hints { true_values: vec!["open".into()], ..Hints::default() };
        assert_eq!(convert(FieldType::Boolean, "open", &hints).unwrap().value, json!(true));
    }

    #[test]
    fn day_first_dutch_dates_become_iso_dates() {
        assert_eq!(ok(FieldType::Date, "2025-12-31"), json!("2025-12-31"));
        assert_eq!(ok(FieldType::Date, "31-12-2025"), json!("2025-12-31"));
        assert_eq!(ok(FieldType::Date, "31/12/2025"), json!("2025-12-31"));
        assert_eq!(ok(FieldType::Date, "1-2-2025"), json!("2025-02-01"));
        assert_eq!(ok(FieldType::Date, "2025-12-31 00:00:00"), json!("2025-12-31"));
        assert!(bad(FieldType::Date, "31-13-2025").contains("not a date"));
        let hints = Hints { format: Some("%m/%d/%Y".into()), ..Hints::default() };
        assert_eq!(convert(FieldType::Date, "12/31/2025", &hints).unwrap().value, json!("2025-12-31"));
    }

    #[test]
    fn date_times_keep_their_zone_and_dutch_ones_are_made_iso() {
        assert_eq!(ok(FieldType::DateTime, "2023-03-15T10:30:45.123Z"), json!("2023-03-15T10:30:45.123Z"));
        assert_eq!(ok(FieldType::DateTime, "2024-02-03T14:00:00+01:00"), json!("2024-02-03T14:00:00+01:00"));
        assert_eq!(ok(FieldType::DateTime, "31-12-2025 14:30"), json!("2025-12-31T14:30:00"));
        assert_eq!(ok(FieldType::DateTime, "2025-12-31 14:30:05"), json!("2025-12-31T14:30:05"));
        assert_eq!(ok(FieldType::DateTime, "31-12-2025"), json!("2025-12-31"));
        assert!(bad(FieldType::DateTime, "gisteren").contains("not a date and time"));
    }

    #[test]
    fn times_get_two_digit_hours_and_seconds_and_lose_a_zone_with_a_note() {
        assert_eq!(ok(FieldType::Time, "9:00"), json!("09:00:00"));
        assert_eq!(ok(FieldType::Time, "9.30"), json!("09:30:00"));
        assert_eq!(ok(FieldType::Time, "10:00:00"), json!("10:00:00"));
        assert_eq!(ok(FieldType::Time, "24:00"), json!("24:00:00"));
        let zoned = convert(FieldType::Time, "09:00Z", &Hints::default()).unwrap();
        assert_eq!((zoned.value, zoned.zone_dropped), (json!("09:00:00"), true));
        assert!(convert(FieldType::Time, "09:00+01:00", &Hints::default()).unwrap().zone_dropped);
        for raw in ["25:00", "9:0", "negen uur", "24:30", "-9:00"] {
            assert!(bad(FieldType::Time, raw).contains("not a time"), "{raw}");
        }
        assert_eq!(to_minutes(json!("09:30:00")), json!("09:30"));
        assert_eq!(to_minutes(json!("09:30:15")), json!("09:30:15"));
    }

    #[test]
    fn years_are_numbers_whether_written_as_a_year_or_a_date() {
        assert_eq!(ok(FieldType::Year, "2011"), json!(2011));
        assert_eq!(ok(FieldType::Year, "2011-01-01"), json!(2011));
        assert!(bad(FieldType::Year, "elf").contains("not a year"));
    }

    #[test]
    fn package_types_fit_where_hsds_expects_a_compatible_type() {
        assert!(FieldType::Integer.fits(FieldType::Number));
        assert!(!FieldType::Text.fits(FieldType::Number));
        assert_eq!(FieldType::from_frictionless("datetime"), Some(FieldType::DateTime));
        assert_eq!(FieldType::from_frictionless("geojson"), None);
    }
}
