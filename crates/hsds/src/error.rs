//! What can go wrong reading an HSDS file, worded for the editor who has to fix the
//! file: every problem names the record, the field path and the reason.

use std::fmt;

/// Where a record was read: a file of a tabular import and its 1-based line (the line
/// a CSV record starts on, counting the header as line 1). JSON files report records by
/// index instead, so they have no place.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    /// File name inside the package or folder, e.g. `services.csv`.
    pub file: String,
    /// 1-based line number.
    pub line: u64,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} line {}", self.file, self.line)
    }
}

/// One problem in one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordProblem {
    /// File and line, for tabular imports.
    pub place: Option<Place>,
    /// The record: `services[12] (id "7f3a0c5e-…", "Maatjesproject")`.
    pub record: String,
    /// Path of the field inside the record, e.g.
    /// `service_at_locations[0].location.addresses[0].postal_code`.
    pub field: String,
    /// The reason, in plain English.
    pub message: String,
}

impl fmt::Display for RecordProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A problem of a whole file names the file as its record; its place says it already.
        let record = match &self.place {
            Some(place) if place.file == self.record => None,
            _ => Some(self.record.as_str()).filter(|r| !r.is_empty()),
        };
        let parts = [self.place.as_ref().map(ToString::to_string), record.map(str::to_owned)]
            .into_iter()
            .flatten()
            .chain([self.field.clone(), self.message.clone()].into_iter().filter(|p| !p.is_empty()));
        write!(f, "{}", parts.collect::<Vec<_>>().join(": "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(place: Option<(&str, u64)>, record: &str, field: &str, message: &str) -> String {
        RecordProblem {
            place: place.map(|(file, line)| Place { file: file.into(), line }),
            record: record.into(),
            field: field.into(),
            message: message.into(),
        }
        .to_string()
    }

    #[test]
    fn a_problem_names_place_record_field_and_reason_once_each() {
        assert_eq!(problem(None, "services[0]", "name", "is missing"), "services[0]: name: is missing");
        assert_eq!(
            problem(Some(("addresses.csv", 4)), "services[0]", "postal_code", "bad"),
            "addresses.csv line 4: services[0]: postal_code: bad"
        );
        assert_eq!(problem(Some(("x.xls", 1)), "x.xls", "", "save it as .xlsx"), "x.xls line 1: save it as .xlsx");
        assert_eq!(problem(None, "and 3 more", "", ""), "and 3 more");
    }
}

/// Why an HSDS file could not be imported. An import is all or nothing, so any of
/// these means no record of the file should be stored.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file is not JSON, or a value has the wrong JSON type.
    #[error("the file is not valid HSDS JSON at line {line}, column {column}: {message}")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser expected.
        message: String,
    },
    /// The file could not be read.
    #[error("the file could not be read: {0}")]
    Read(#[source] std::io::Error),
    /// Records have problems; all of them (up to [`crate::MAX_PROBLEMS`]) are listed.
    /// The text shows the first [`SHOWN_PROBLEMS`]; the list holds them all, for a report.
    #[error("{}", list(.0))]
    Invalid(Vec<RecordProblem>),
}

/// How many problems the error's text shows; a terminal full of the same mistake helps
/// nobody, the full list goes to a report file.
pub const SHOWN_PROBLEMS: usize = 50;

fn list(problems: &[RecordProblem]) -> String {
    let mut text = match problems.len() {
        1 => "1 problem in the file:".to_owned(),
        n if n > crate::MAX_PROBLEMS => {
            format!("more than {} problems in the file:", crate::MAX_PROBLEMS)
        }
        n => format!("{n} problems in the file:"),
    };
    for problem in problems.iter().take(SHOWN_PROBLEMS) {
        text.push_str("\n- ");
        text.push_str(&problem.to_string());
    }
    if problems.len() > SHOWN_PROBLEMS {
        text.push_str(&format!("\n- … and {} more (write them all with --report)", problems.len() - SHOWN_PROBLEMS));
    }
    text
}

impl From<serde_json::Error> for ImportError {
    fn from(error: serde_json::Error) -> Self {
        if error.is_io() {
            return Self::Read(error.into());
        }
        let message = error.to_string();
        // serde_json appends " at line L column C"; the fields carry that already.
        let message = match message.rfind(" at line ") {
            Some(at) => message[..at].to_owned(),
            None => message,
        };
        Self::Syntax { line: error.line(), column: error.column(), message }
    }
}
