//! Parsing of taxonomy CSV files, with errors that name the line and the field so
//! that an editor can fix a file without reading code.

use crate::model::{Taxonomy, TaxonomyTerm};
use crate::values::{Id, Name};
use std::collections::HashMap;

/// Why a taxonomy file cannot be used. Line numbers count the header as line 1.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TaxonomyFileError {
    /// The text is not valid CSV (e.g. an unclosed quote or a wrong number of fields).
    #[error("line {line}: not valid CSV: {message}")]
    Csv {
        /// Line of the problem.
        line: u64,
        /// What the CSV reader reported.
        message: String,
    },
    /// The header lacks a required column.
    #[error("the header has no column {0:?}")]
    MissingColumn(&'static str),
    /// A required field is empty.
    #[error("line {line}: field {field:?} is empty")]
    EmptyField {
        /// Line of the row.
        line: u64,
        /// Column name.
        field: &'static str,
    },
    /// A field holds a value that is not allowed (too long, control characters, bad id).
    #[error("line {line}: field {field:?} is invalid: {reason}")]
    InvalidField {
        /// Line of the row.
        line: u64,
        /// Column name.
        field: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// A term code is not a lowercase slug (`a-z`, `0-9`, single `-` between parts).
    #[error(
        "line {line}: code {code:?} is not allowed; use lowercase letters, digits and single hyphens, e.g. geld-en-schulden or wmo-02"
    )]
    BadCode {
        /// Line of the row.
        line: u64,
        /// The code as written.
        code: String,
    },
    /// A code (or taxonomy id) occurs twice.
    #[error("line {line}: code {code:?} was already used on line {first_line}")]
    DuplicateCode {
        /// Line of the second occurrence.
        line: u64,
        /// The repeated code.
        code: String,
        /// Line of the first occurrence.
        first_line: u64,
    },
    /// `parent_code` names a code that is not in the file.
    #[error("line {line}: parent_code {parent_code:?} is not a code in this file")]
    UnknownParent {
        /// Line of the row.
        line: u64,
        /// The parent code as written.
        parent_code: String,
    },
    /// Following `parent_code` from this row leads back to it.
    #[error("line {line}: the parents of {code:?} form a loop")]
    ParentCycle {
        /// Line of the row.
        line: u64,
        /// The code whose ancestry loops.
        code: String,
    },
    /// A term file was given for a taxonomy that `taxonomies.csv` does not list.
    #[error("there is a term file for taxonomy {0:?}, but taxonomies.csv does not list it")]
    UnknownTaxonomy(String),
}

/// One CSV row with its line number and named field access.
struct Row<'h> {
    line: u64,
    record: csv::StringRecord,
    columns: &'h HashMap<String, usize>,
}

impl Row<'_> {
    /// The trimmed field, or "" when the column is absent.
    fn get(&self, field: &str) -> &str {
        self.columns.get(field).and_then(|&i| self.record.get(i)).unwrap_or("").trim()
    }

    /// The trimmed field, which must not be empty.
    fn required(&self, field: &'static str) -> Result<&str, TaxonomyFileError> {
        match self.get(field) {
            "" => Err(TaxonomyFileError::EmptyField { line: self.line, field }),
            value => Ok(value),
        }
    }

    fn name(&self, field: &'static str) -> Result<Name, TaxonomyFileError> {
        Name::parse(self.required(field)?).map_err(|e| self.invalid(field, e))
    }

    fn id(&self, field: &'static str, raw: &str) -> Result<Id, TaxonomyFileError> {
        Id::parse(raw).map_err(|e| self.invalid(field, e))
    }

    fn invalid(&self, field: &'static str, reason: impl ToString) -> TaxonomyFileError {
        TaxonomyFileError::InvalidField { line: self.line, field, reason: reason.to_string() }
    }
}

/// Reads all rows, checking that the required columns exist.
fn read_rows<'h>(
    csv_text: &str,
    required: &[&'static str],
    columns: &'h mut HashMap<String, usize>,
) -> Result<Vec<Row<'h>>, TaxonomyFileError> {
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(csv_text.as_bytes());
    let csv_error = |e: csv::Error| TaxonomyFileError::Csv {
        line: e.position().map_or(1, csv::Position::line),
        message: e.to_string(),
    };
    let headers = reader.headers().map_err(csv_error)?.clone();
    columns.extend(headers.iter().enumerate().map(|(i, h)| (h.trim().trim_start_matches('\u{feff}').to_owned(), i)));
    if let Some(missing) = required.iter().find(|c| !columns.contains_key(**c)) {
        return Err(TaxonomyFileError::MissingColumn(missing));
    }
    let mut records = Vec::new();
    for record in reader.records() {
        let record = record.map_err(csv_error)?;
        let line = record.position().map_or(0, csv::Position::line);
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        records.push((line, record));
    }
    let columns: &'h HashMap<String, usize> = columns;
    Ok(records.into_iter().map(|(line, record)| Row { line, record, columns }).collect())
}

/// Whether a code is a lowercase slug: `geld-en-schulden`, `wmo-02`.
fn is_valid_code(code: &str) -> bool {
    !code.is_empty()
        && code
            .split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// Parses a `taxonomies.csv` file (`id,name,description,uri,version`).
pub fn parse_taxonomies(csv_text: &str) -> Result<Vec<Taxonomy>, TaxonomyFileError> {
    let mut columns = HashMap::new();
    let rows = read_rows(csv_text, &["id", "name"], &mut columns)?;
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for row in &rows {
        let raw_id = row.required("id")?;
        if !is_valid_code(raw_id) {
            return Err(TaxonomyFileError::BadCode { line: row.line, code: raw_id.to_owned() });
        }
        if let Some(&first_line) = seen.get(raw_id) {
            return Err(TaxonomyFileError::DuplicateCode { line: row.line, code: raw_id.to_owned(), first_line });
        }
        seen.insert(raw_id.to_owned(), row.line);
        let optional = |field| Some(row.get(field)).filter(|v| !v.is_empty()).map(str::to_owned);
        out.push(Taxonomy {
            id: row.id("id", raw_id)?,
            name: row.name("name")?,
            description: row.get("description").to_owned(),
            uri: optional("uri"),
            version: optional("version"),
        });
    }
    Ok(out)
}

/// Parses one taxonomy's term file (`code,name,lay_name,description,synonyms,parent_code`).
///
/// Synonyms are `|`-separated; empty ones and case-insensitive repeats are dropped.
/// `parent_code` must name a code in the same file (before or after the row).
/// Term ids become `<taxonomy_id>-<code>`.
pub fn parse_terms(taxonomy_id: &Id, csv_text: &str) -> Result<Vec<TaxonomyTerm>, TaxonomyFileError> {
    let mut columns = HashMap::new();
    let rows = read_rows(csv_text, &["code", "name", "lay_name"], &mut columns)?;
    let mut line_of_code: HashMap<&str, u64> = HashMap::new();
    for row in &rows {
        let code = row.required("code")?;
        if !is_valid_code(code) {
            return Err(TaxonomyFileError::BadCode { line: row.line, code: code.to_owned() });
        }
        if let Some(&first_line) = line_of_code.get(code) {
            return Err(TaxonomyFileError::DuplicateCode { line: row.line, code: code.to_owned(), first_line });
        }
        line_of_code.insert(code, row.line);
    }
    let parent_of: HashMap<&str, &str> =
        rows.iter().map(|r| (r.get("code"), r.get("parent_code"))).filter(|(_, p)| !p.is_empty()).collect();
    let term_id = |row: &Row, code: &str| row.id("code", &format!("{taxonomy_id}-{code}"));

    let mut terms = Vec::with_capacity(rows.len());
    for row in &rows {
        let code = row.get("code");
        let parent_code = row.get("parent_code");
        let parent_id = if parent_code.is_empty() {
            None
        } else if line_of_code.contains_key(parent_code) {
            Some(term_id(row, parent_code)?)
        } else {
            return Err(TaxonomyFileError::UnknownParent { line: row.line, parent_code: parent_code.to_owned() });
        };
        // Walk up at most rows.len() steps; any longer chain must contain a loop.
        let mut ancestor = parent_of.get(code).copied();
        for _ in 0..rows.len() {
            match ancestor {
                Some(a) if a == code => {
                    return Err(TaxonomyFileError::ParentCycle { line: row.line, code: code.to_owned() });
                }
                Some(a) => ancestor = parent_of.get(a).copied(),
                None => break,
            }
        }
        let mut synonyms: Vec<String> = Vec::new();
        for synonym in row.get("synonyms").split('|').map(str::trim).filter(|s| !s.is_empty()) {
            if !synonyms.iter().any(|s| s.to_lowercase() == synonym.to_lowercase()) {
                synonyms.push(synonym.to_owned());
            }
        }
        terms.push(TaxonomyTerm {
            id: term_id(row, code)?,
            taxonomy_id: taxonomy_id.clone(),
            code: code.to_owned(),
            name: row.name("name")?,
            description: row.get("description").to_owned(),
            lay_name: row.required("lay_name")?.to_owned(),
            synonyms,
            parent_id,
        });
    }
    Ok(terms)
}
