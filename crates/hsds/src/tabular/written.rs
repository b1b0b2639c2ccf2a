//! What an export actually wrote in each column, so its `datapackage.json` promises
//! no more than the files hold: a column HSDS requires is only declared required when
//! every row filled it (Wegwijs has no province for `addresses.state_province`), a
//! `uuid` or `email` format only when every value has it (Wegwijs ids need not be
//! UUIDs), and a type only when every value parses as it.

use super::value::FieldType;
use chrono::{DateTime, NaiveDate, NaiveTime};

/// The record of one written column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Written {
    /// Every row had a value.
    pub(crate) always_filled: bool,
    /// Every value parses as the declared type (strictly, as Frictionless reads it).
    pub(crate) type_holds: bool,
    /// Every value has the declared format (`uuid`, `email`, `uri`).
    pub(crate) format_holds: bool,
}

impl Default for Written {
    fn default() -> Self {
        Self { always_filled: true, type_holds: true, format_holds: true }
    }
}

impl Written {
    /// Notes one cell.
    pub(crate) fn note(&mut self, cell: &str, ty: FieldType, format: Option<&str>) {
        if cell.is_empty() {
            self.always_filled = false;
            return;
        }
        self.type_holds &= parses_as(cell, ty);
        if let Some(format) = format {
            self.format_holds &= has_format(cell, format);
        }
    }
}

/// Whether `cell` is a value of `ty` in Frictionless's default formats.
pub(crate) fn parses_as(cell: &str, ty: FieldType) -> bool {
    match ty {
        FieldType::Text => true,
        FieldType::Integer | FieldType::Year => cell.parse::<i64>().is_ok(),
        FieldType::Number => cell.parse::<f64>().is_ok_and(f64::is_finite),
        FieldType::Boolean => matches!(cell, "true" | "false"),
        FieldType::Date => NaiveDate::parse_from_str(cell, "%Y-%m-%d").is_ok(),
        FieldType::DateTime => DateTime::parse_from_rfc3339(cell).is_ok(),
        FieldType::Time => NaiveTime::parse_from_str(cell, "%H:%M:%S").is_ok() || cell == "24:00:00",
    }
}

/// Whether `cell` has the Frictionless string `format`; unknown formats hold.
pub(crate) fn has_format(cell: &str, format: &str) -> bool {
    match format {
        "uuid" => {
            let groups: Vec<&str> = cell.split('-').collect();
            groups.len() == 5
                && groups
                    .iter()
                    .zip([8, 4, 4, 4, 12])
                    .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
        }
        "email" => cell.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty() && host.contains('.') && !cell.chars().any(char::is_whitespace)
        }),
        "uri" => cell.split_once(':').is_some_and(|(scheme, rest)| {
            !rest.is_empty()
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && !cell.chars().any(char::is_whitespace)
        }),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_cell_clears_required_and_a_bad_one_clears_type_or_format() {
        let mut written = Written::default();
        written.note("ac148810-d857-441c-9679-408f346de14b", FieldType::Text, Some("uuid"));
        assert_eq!(written, Written::default());
        written.note("svc-maatjes", FieldType::Text, Some("uuid"));
        assert!(!written.format_holds && written.always_filled);
        written.note("", FieldType::Text, Some("uuid"));
        assert!(!written.always_filled);
        let mut number = Written::default();
        number.note("7,50", FieldType::Number, None);
        assert!(!number.type_holds);
    }

    #[test]
    fn values_are_checked_as_frictionless_reads_them_by_default() {
        assert!(parses_as("2024-02-03T14:00:00Z", FieldType::DateTime));
        assert!(parses_as("09:00:00", FieldType::Time) && !parses_as("09:00", FieldType::Time));
        assert!(parses_as("7.5", FieldType::Number) && !parses_as("NaN", FieldType::Number));
        assert!(parses_as("true", FieldType::Boolean) && !parses_as("ja", FieldType::Boolean));
        assert!(has_format("https://www.welzijnteylingen.nl", "uri") && !has_format("www.x.nl", "uri"));
        assert!(has_format("info@x.nl", "email") && !has_format("info at x", "email"));
    }
}
