//! The second pass: each row as the nested HSDS service object (with the Dutch
//! profile's fields) that [`crate::import::Collector`] converts and checks. Values
//! only a spreadsheet writes this way (opening hours in words, "€ 2,50", Dutch
//! words for codes) are read here; everything else goes on as written.

mod entity;
mod lists;
mod schedule;

use super::bind::{Binding, Value as Cell};
use super::field::Field;
use super::grid::{Grid, GridRow};
use super::records::Prepared;
use super::terms::TermIndex;
use crate::RecordProblem;
use serde_json::{Map, Value, json};

pub(crate) use entity::{location, organisation};

/// What every row is built with.
pub(crate) struct Builder<'a> {
    pub(crate) grid: &'a Grid,
    pub(crate) binding: &'a Binding,
    pub(crate) source: &'a str,
    pub(crate) terms: &'a TermIndex<'a>,
}

/// Where problems and warnings found while building go, placed at their row.
pub(crate) struct Notes<'a> {
    pub(crate) grid: &'a Grid,
    pub(crate) problems: &'a mut Vec<RecordProblem>,
    pub(crate) warnings: &'a mut Vec<RecordProblem>,
}

impl Notes<'_> {
    fn entry(&self, line: Option<u64>, record: &str, field: &str, message: &str) -> RecordProblem {
        RecordProblem {
            place: line.map(|line| self.grid.place(line)),
            record: record.to_owned(),
            field: field.to_owned(),
            message: message.to_owned(),
        }
    }

    pub(crate) fn problem_at(&mut self, line: u64, record: &str, field: &str, message: &str) {
        let entry = self.entry(Some(line), record, field, message);
        self.problems.push(entry);
    }

    pub(crate) fn warn_at(&mut self, line: Option<u64>, record: &str, message: &str) {
        let entry = self.entry(line, record, "", message);
        self.warnings.push(entry);
    }
}

/// One row being built: its place, for problems with its cells.
pub(crate) struct RowNotes<'n, 'a> {
    notes: &'n mut Notes<'a>,
    line: u64,
    record: &'n str,
}

impl RowNotes<'_, '_> {
    /// A cell that cannot be read.
    pub(crate) fn problem(&mut self, cell: &Cell, message: &str) {
        self.notes.problem_at(self.line, self.record, &cell.from, message);
    }
}

/// Inserts `value` under `key` when there is one; HSDS leaves absent values out.
pub(crate) fn put(object: &mut Map<String, Value>, key: &str, value: Option<impl Into<String>>) {
    if let Some(value) = value {
        object.insert(key.to_owned(), Value::String(value.into()));
    }
}

impl Builder<'_> {
    /// The service object of `prepared`, with its organisation and location nested.
    pub(crate) fn service(
        &self,
        prepared: &Prepared,
        organisation: &Value,
        location: Option<&Value>,
        notes: &mut Notes<'_>,
    ) -> Value {
        let row = &self.grid.rows[prepared.row];
        let mut row_notes = RowNotes { notes, line: row.line, record: &prepared.label };
        let notes = &mut row_notes;
        let id = prepared.service_id.to_string();
        let text = |field| self.binding.value(field, row).map(|cell| cell.text);
        let mut object = Map::new();
        object.insert("id".into(), json!(id));
        object.insert("organization_id".into(), organisation["id"].clone());
        put(&mut object, "name", text(Field::ServiceName));
        let status = match self.binding.value(Field::Status, row) {
            None => Some(wegwijs_domain::ServiceStatus::Active),
            Some(cell) => super::words::status(&cell.text).map_err(|why| notes.problem(&cell, &why)).ok(),
        };
        put(&mut object, "status", status.map(|s| s.as_hsds()));
        put(&mut object, "summary", text(Field::Summary));
        put(&mut object, "description", text(Field::Description));
        put(&mut object, "url", text(Field::Website));
        if let Some(cell) = self.binding.value(Field::Email, row) {
            let address = entity::email(&cell.text, Some(row.line), &prepared.label, notes.notes);
            object.insert("email".into(), json!(address));
        }
        let phones: Vec<Value> = self
            .binding
            .values(Field::Phone, row)
            .iter()
            .flat_map(|cell| {
                entity::phones(&prepared.service_id, &cell.text, Some(row.line), &prepared.label, notes.notes)
            })
            .collect();
        object.insert("phones".into(), json!(phones));
        put(&mut object, "fees_description", text(Field::CostsDescription));
        put(&mut object, "eligibility_description", text(Field::EligibilityDescription));
        put(&mut object, "application_process", text(Field::ApplicationProcess));
        put(&mut object, "wait_time", text(Field::WaitTime));
        put(&mut object, "professional_notes", text(Field::ProfessionalNotes));
        object.insert("organization".into(), organisation.clone());
        if let Some(location) = location {
            let location_id = location["id"].as_str().unwrap_or_default();
            let at_id =
                wegwijs_domain::Id::derived("wegwijs-sheet/service_at_location", &format!("{id}/{location_id}"));
            object.insert(
                "service_at_locations".into(),
                json!([{ "id": at_id, "service_id": id, "location_id": location["id"], "location": location }]),
            );
        }
        lists::add(self, row, &prepared.service_id, &mut object, notes);
        schedule::add(self.binding, row, &prepared.service_id, &mut object, notes);
        self.bookkeeping(row, &mut object, notes);
        Value::Object(object)
    }

    /// Verification and source.
    fn bookkeeping(&self, row: &GridRow, object: &mut Map<String, Value>, notes: &mut RowNotes<'_, '_>) {
        if let Some(cell) = self.binding.value(Field::VerifiedAt, row) {
            match super::dates::parse_moment(&cell.text) {
                Ok(at) => {
                    let at = at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
                    object.insert("verified_at".into(), json!(at));
                    let by = match self.binding.value(Field::VerifiedBy, row) {
                        None => Some(wegwijs_domain::VerifiedBy::Import),
                        Some(cell) => {
                            super::words::verified_by(&cell.text).map_err(|why| notes.problem(&cell, &why)).ok()
                        }
                    };
                    put(object, "verified_by", by.map(|by| by.as_str()));
                }
                Err(why) => notes.problem(&cell, &why),
            }
        }
        let reference = self
            .binding
            .value(Field::SourceReference, row)
            .or_else(|| self.binding.value(Field::ServiceId, row))
            .map(|cell| cell.text);
        object.insert("source".into(), json!({ "name": self.source, "reference": reference }));
    }
}
