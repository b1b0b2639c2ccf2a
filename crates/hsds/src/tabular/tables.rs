//! The rows of a package once read and typed, in HSDS 3.0 shape whatever layout the
//! package had: this is what a 1.x/2.x mapping produces and what assembly consumes.

use crate::Place;
use serde_json::Value;
use std::collections::BTreeMap;
use std::rc::Rc;

/// One row: where it was read and its values by HSDS 3.0 column name (profile columns
/// included, flat). Empty cells are absent. A package can hold a million rows, so a row
/// is kept small: column names are the catalogue's own strings, and all rows of a file
/// share its name.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Record {
    file: Rc<str>,
    pub(crate) line: u64,
    values: Vec<(&'static str, Value)>,
}

impl Record {
    pub(crate) fn new(file: Rc<str>, line: u64) -> Self {
        Self { file, line, values: Vec::new() }
    }

    /// An empty row read at the same place, for a row a mapping makes from this one.
    pub(crate) fn sibling(&self) -> Self {
        Self::new(self.file.clone(), self.line)
    }

    pub(crate) fn file(&self) -> &str {
        &self.file
    }

    pub(crate) fn place(&self) -> Place {
        Place { file: self.file.to_string(), line: self.line }
    }

    pub(crate) fn get(&self, column: &str) -> Option<&Value> {
        self.values.iter().find(|(key, _)| *key == column).map(|(_, value)| value)
    }

    /// The text in `column`, if any.
    pub(crate) fn text(&self, column: &str) -> Option<&str> {
        self.get(column).and_then(Value::as_str).filter(|text| !text.is_empty())
    }

    pub(crate) fn id(&self) -> Option<&str> {
        self.text("id")
    }

    pub(crate) fn set(&mut self, column: &'static str, value: impl Into<Value>) {
        let value = value.into();
        match self.values.iter_mut().find(|(key, _)| *key == column) {
            Some((_, old)) => *old = value,
            None => self.values.push((column, value)),
        }
    }

    pub(crate) fn remove(&mut self, column: &str) -> Option<Value> {
        let at = self.values.iter().position(|(key, _)| *key == column)?;
        Some(self.values.remove(at).1)
    }

    /// The values in the order they were set.
    pub(crate) fn values(&self) -> impl Iterator<Item = (&'static str, &Value)> {
        self.values.iter().map(|(key, value)| (*key, value))
    }

    /// Whether both rows hold the same values (wherever they were read).
    pub(crate) fn same_values(&self, other: &Record) -> bool {
        self.values == other.values
    }

    /// "phone \"12\"", for problem reports.
    pub(crate) fn label(&self, table: &str) -> String {
        match self.id() {
            Some(id) => format!("{} {id:?}", table.replace('_', " ")),
            None => format!("{} without id", table.replace('_', " ")),
        }
    }

    /// A row from a JSON object, for tests. The keys are leaked to get `'static`
    /// names, which is fine in a test and never done outside one.
    #[cfg(test)]
    pub(crate) fn from_json(file: &str, line: u64, values: serde_json::Value) -> Self {
        let mut record = Self::new(file.into(), line);
        for (key, value) in values.as_object().expect("a test row is an object") {
            record.set(Box::leak(key.clone().into_boxed_str()), value.clone());
        }
        record
    }
}

/// The rows of one table. A table may have been read from more than one file (a 1.x
/// package's physical and postal addresses both become addresses).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Loaded {
    /// The file(s) the rows came from, for messages ("in addresses.csv").
    pub(crate) files: Vec<String>,
    pub(crate) records: Vec<Record>,
}

/// Every table of the package, by resource name (`service`).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Tables(BTreeMap<&'static str, Loaded>);

impl Tables {
    pub(crate) fn get(&self, table: &str) -> Option<&Loaded> {
        self.0.get(table)
    }

    pub(crate) fn records(&self, table: &str) -> &[Record] {
        self.0.get(table).map_or(&[], |loaded| &loaded.records)
    }

    /// Adds the rows of `file` to `table`.
    pub(crate) fn add(&mut self, table: &'static str, file: &str, records: Vec<Record>) {
        let loaded = self.0.entry(table).or_default();
        if !loaded.files.iter().any(|f| f == file) {
            loaded.files.push(file.to_owned());
        }
        loaded.records.extend(records);
    }

    /// Adds one row made by a mapping (its place names the file it came from).
    pub(crate) fn push(&mut self, table: &'static str, record: Record) {
        let file = record.file().to_owned();
        self.add(table, &file, vec![record]);
    }

    pub(crate) fn records_mut(&mut self, table: &str) -> Option<&mut Vec<Record>> {
        self.0.get_mut(table).map(|loaded| &mut loaded.records)
    }

    /// The file names of `table` for a message, or `fallback` when the package has none.
    pub(crate) fn files_of(&self, table: &str, fallback: &str) -> String {
        match self.0.get(table) {
            Some(loaded) if !loaded.files.is_empty() => loaded.files.join(" and "),
            _ => format!("{fallback} (the package has no such file)"),
        }
    }

    pub(crate) fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.0.keys().copied()
    }
}
