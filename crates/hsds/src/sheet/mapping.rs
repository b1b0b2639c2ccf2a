//! The mapping file: which spreadsheet column fills which Wegwijs field. It is TOML,
//! written by an administrator by hand, so every mistake is reported with its line.

use super::field::{Combine, Field};
use super::text::{nearest, suggestion};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use toml::Spanned;

/// How a spreadsheet maps onto Wegwijs: see `docs/import-spreadsheet.md`.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetMapping {
    source: String,
    sheet: Option<String>,
    taxonomies: Vec<String>,
    columns: Vec<ColumnRef>,
    constants: Vec<Constant>,
}

/// A column the mapping names for a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ColumnRef {
    pub(crate) field: Field,
    /// The header as written in the mapping.
    pub(crate) header: String,
    /// Line in the mapping file, for errors.
    pub(crate) line: usize,
}

/// A value the mapping gives a field for every row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Constant {
    pub(crate) field: Field,
    pub(crate) values: Vec<String>,
}

/// Why a mapping file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct MappingError {
    /// 1-based line in the mapping file, when the mistake is on one line.
    pub line: Option<usize>,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl fmt::Display for MappingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "mapping file line {line}: {}", self.message),
            None => write!(f, "mapping file: {}", self.message),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMapping {
    source: Option<Spanned<String>>,
    sheet: Option<String>,
    #[serde(default)]
    taxonomies: Vec<String>,
    #[serde(default)]
    columns: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    #[serde(default)]
    constants: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
}

impl SheetMapping {
    /// Reads a mapping file. Fails on TOML syntax, unknown keys, values of the wrong
    /// kind and a missing `source`, `organisation_name` or `service_name`.
    pub fn from_toml(text: &str) -> Result<Self, MappingError> {
        let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
        let raw: RawMapping = toml::from_str(text).map_err(|error| MappingError {
            line: error.span().map(|span| line_of(span.start)),
            message: error.message().trim().to_owned(),
        })?;
        let Some(source) = raw.source.filter(|s| !s.get_ref().trim().is_empty()) else {
            return Err(MappingError {
                line: None,
                message: "there is no `source`. Name the source of the spreadsheet, e.g. \
                          source = \"sociale-kaart-teylingen\"; ids are derived from it, so keep it \
                          the same on every import"
                    .to_owned(),
            });
        };
        let mut columns = Vec::new();
        for (key, value) in &raw.columns {
            let line = line_of(key.span().start);
            let field = field(key.get_ref(), line)?;
            let headers = match value.get_ref() {
                toml::Value::String(header) => vec![header.clone()],
                toml::Value::Array(items) if field.combine() != Combine::Single => items
                    .iter()
                    .map(|item| item.as_str().map(str::to_owned))
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(|| wrong(line, "a list of column names must hold text only"))?,
                toml::Value::Array(_) => {
                    return Err(wrong(line, &format!("{} takes one column, not a list", field.key())));
                }
                _ => return Err(wrong(line, "give the column name as text in quotes")),
            };
            for header in headers {
                if header.trim().is_empty() {
                    return Err(wrong(line, "the column name is empty"));
                }
                columns.push(ColumnRef { field, header: header.trim().to_owned(), line });
            }
        }
        let mut constants = Vec::new();
        for (key, value) in &raw.constants {
            let line = line_of(key.span().start);
            let field = field(key.get_ref(), line)?;
            if !field.constant_allowed() {
                return Err(wrong(line, &format!("{} differs per row; map it to a column instead", field.key())));
            }
            let values = match value.get_ref() {
                toml::Value::Array(items) if field.combine() == Combine::List => {
                    items.iter().map(|item| scalar(item, line)).collect::<Result<Vec<_>, _>>()?
                }
                toml::Value::Array(_) => {
                    return Err(wrong(line, &format!("{} takes one value, not a list", field.key())));
                }
                other => vec![scalar(other, line)?],
            };
            constants.push(Constant { field, values });
        }
        let mapping = Self {
            source: source.into_inner().trim().to_owned(),
            sheet: raw.sheet.filter(|s| !s.trim().is_empty()),
            taxonomies: raw.taxonomies,
            columns,
            constants,
        };
        mapping.check_required()?;
        Ok(mapping)
    }

    fn check_required(&self) -> Result<(), MappingError> {
        let missing = |field: Field, how: &str| MappingError {
            line: None,
            message: format!("{} is not mapped: {how}", field.key()),
        };
        if !self.columns.iter().any(|c| c.field == Field::ServiceName) {
            return Err(missing(
                Field::ServiceName,
                "every row is a service and needs its name; add service_name = \"<column>\" under [columns]",
            ));
        }
        let organisation_named = self.columns.iter().any(|c| c.field == Field::OrganisationName)
            || self.constants.iter().any(|c| c.field == Field::OrganisationName);
        if !organisation_named {
            return Err(missing(
                Field::OrganisationName,
                "every service belongs to an organisation; add organisation_name = \"<column>\" under \
                 [columns], or under [constants] when one organisation offers them all",
            ));
        }
        Ok(())
    }

    /// The name recorded as every record's source; derived ids depend on it.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The worksheet of an .xlsx to read; the first when `None`.
    pub fn sheet(&self) -> Option<&str> {
        self.sheet.as_deref()
    }

    /// Taxonomy ids that theme values are looked up in; every known taxonomy when empty.
    pub(crate) fn taxonomies(&self) -> &[String] {
        &self.taxonomies
    }

    pub(crate) fn columns(&self) -> &[ColumnRef] {
        &self.columns
    }

    pub(crate) fn constants(&self) -> &[Constant] {
        &self.constants
    }
}

fn wrong(line: usize, message: &str) -> MappingError {
    MappingError { line: Some(line), message: message.to_owned() }
}

fn field(key: &str, line: usize) -> Result<Field, MappingError> {
    Field::from_key(key).ok_or_else(|| {
        let near = nearest(key, Field::ALL.iter().map(|f| f.key()), 2);
        wrong(line, &format!("{key:?} is not a Wegwijs field{}", suggestion(&near)))
    })
}

/// A constant as text: strings as written, numbers and yes/no in the form the row
/// parsers read.
fn scalar(value: &toml::Value, line: usize) -> Result<String, MappingError> {
    match value {
        toml::Value::String(text) => Ok(text.clone()),
        toml::Value::Integer(n) => Ok(n.to_string()),
        toml::Value::Float(x) => Ok(x.to_string()),
        toml::Value::Boolean(yes) => Ok(if *yes { "ja" } else { "nee" }.to_owned()),
        _ => Err(wrong(line, "a constant must be text, a number or true/false")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str =
        "source = \"test\"\n[columns]\norganisation_name = \"Organisatie\"\nservice_name = \"Dienst\"\n";

    #[test]
    fn a_minimal_mapping_is_read() {
        let mapping = SheetMapping::from_toml(MINIMAL).unwrap();
        assert_eq!(mapping.source(), "test");
        assert_eq!(mapping.columns().len(), 2);
        assert_eq!(mapping.columns()[1].line, 4);
    }

    #[test]
    fn an_unknown_field_is_named_with_its_line_and_the_nearest_key() {
        let text = format!("{MINIMAL}postcode = \"Postcode\"\n");
        let error = SheetMapping::from_toml(&text).unwrap_err();
        assert_eq!(error.line, Some(5));
        assert!(error.message.contains("did you mean \"postal_code\"?"), "{error}");
    }

    #[test]
    fn toml_syntax_errors_carry_the_line() {
        let error = SheetMapping::from_toml("source = \"x\"\n[columns]\nservice_name = Dienst\n").unwrap_err();
        assert_eq!(error.line, Some(3), "{error}");
    }

    #[test]
    fn an_unknown_top_level_key_is_refused_with_its_line() {
        let error = SheetMapping::from_toml(&format!("{MINIMAL}[constant]\nstatus = \"actief\"\n")).unwrap_err();
        assert_eq!(error.line, Some(5), "{error}");
        assert!(error.message.contains("constant"), "{error}");
    }

    #[test]
    fn a_mapping_without_source_or_service_name_is_refused() {
        let error = SheetMapping::from_toml("[columns]\nservice_name = \"D\"\n").unwrap_err();
        assert!(error.message.contains("source"), "{error}");
        let error = SheetMapping::from_toml("source = \"x\"\n[columns]\norganisation_name = \"O\"\n").unwrap_err();
        assert!(error.message.starts_with("service_name is not mapped"), "{error}");
    }

    #[test]
    fn lists_are_only_accepted_where_a_field_combines_columns() {
        let ok =
            format!("{MINIMAL}themes = [\"Thema 1\", \"Thema 2\"]\n[constants]\nfunding = [\"wmo\", \"gratis\"]\n");
        let mapping = SheetMapping::from_toml(&ok).unwrap();
        assert_eq!(mapping.columns().len(), 4);
        assert_eq!(mapping.constants()[0].values, ["wmo", "gratis"]);
        let error = SheetMapping::from_toml(&format!("{MINIMAL}email = [\"a\", \"b\"]\n")).unwrap_err();
        assert_eq!(error.line, Some(5));
    }

    #[test]
    fn a_constant_service_id_is_refused() {
        let error = SheetMapping::from_toml(&format!("{MINIMAL}[constants]\nservice_id = \"x\"\n")).unwrap_err();
        assert_eq!(error.line, Some(6));
    }
}
