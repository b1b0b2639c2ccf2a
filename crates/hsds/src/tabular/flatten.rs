//! One nested HSDS object (a service with everything in it) as rows of the flat
//! tables, along the same lines import nests them ([`super::nesting`]). A row nested
//! in several places of one object (the official example puts one phone under the
//! service, its location and its contact) becomes one row with each parent's column
//! filled.

use super::catalogue::ColumnDef;
use super::nesting::{children, singles};
use super::profile_columns::{OWN_TABLE, is_exception_key};
use super::value::FieldType;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap, HashSet};
use wegwijs_domain::Id;

/// Rows made from one pushed object, in the order they were met, parents first.
#[derive(Default)]
pub(crate) struct Pending {
    pub(crate) rows: Vec<(&'static str, String, Vec<String>)>,
    at: HashMap<(&'static str, String), usize>,
    /// `file: field` → how often a field had no column.
    pub(crate) dropped: BTreeMap<String, u64>,
}

/// What flattening needs to know of the writer.
pub(crate) struct Context<'w> {
    /// The columns written for each table.
    pub(crate) columns: &'w HashMap<&'static str, Vec<&'static ColumnDef>>,
    /// Rows written by earlier pushes, by table; they are not written again.
    pub(crate) done: &'w HashMap<&'static str, HashSet<String>>,
}

impl Pending {
    /// Adds `object` as a row of `table` and its nested objects as rows of theirs.
    /// `parent` fills the column that names the parent; `fallback` names the object when
    /// it has no id of its own.
    pub(crate) fn flatten(
        &mut self,
        context: &Context<'_>,
        table: &'static str,
        object: &Value,
        parent: Option<(&'static str, &str)>,
        fallback: &str,
    ) {
        let file = super::catalogue::table(table).map_or(table, |t| t.file);
        let Value::Object(map) = object else {
            *self.dropped.entry(format!("{file}: an element that is no object")).or_default() += 1;
            return;
        };
        let own_id = map.get("id").and_then(Value::as_str).filter(|id| !id.is_empty() && table != OWN_TABLE.name);
        let id = own_id
            .map_or_else(|| Id::derived(&format!("wegwijs-hsds-tabular/{table}"), fallback).to_string(), str::to_owned);
        if context.done.get(table).is_some_and(|done| done.contains(&id)) {
            return;
        }
        let columns = &context.columns[table];
        let mut used: HashSet<&str> = HashSet::new();
        let mut row = Vec::with_capacity(columns.len());
        for column in columns {
            let value = match column.profile {
                Some(_) if table == OWN_TABLE.name && is_exception_key(column.name) => None,
                Some(profile) => {
                    used.insert(profile.path[0]);
                    get_path(map, profile.path)
                }
                None => {
                    used.insert(column.name);
                    map.get(column.name)
                }
            };
            row.push(self.cell(value, column, file));
        }
        set(&mut row, columns, "id", &id);
        if let Some((column, parent_id)) = parent {
            set(&mut row, columns, column, parent_id);
        }
        let at = self.merge(table, &id, row);
        for child in children(table) {
            used.insert(child.path[0]);
            let Some(Value::Array(items)) = get_path(map, child.path) else { continue };
            for (i, item) in items.iter().enumerate() {
                let key = format!("{table}/{id}/{}/{i}", child.path.join("."));
                let key = match item.get("date").and_then(Value::as_str) {
                    Some(date) => format!("{key}/{date}"),
                    None => key,
                };
                self.flatten(context, child.table, item, Some((child.column, &id)), &key);
            }
        }
        for single in singles(table) {
            used.insert(single.field);
            let Some(nested @ Value::Object(_)) = map.get(single.field) else { continue };
            let key = format!("{table}/{id}/{}", single.field);
            if let Some(nested_id) = nested.get("id").and_then(Value::as_str) {
                let position = columns.iter().position(|c| c.name == single.column);
                if let Some(cell) = position.map(|p| &mut self.rows[at].2[p]).filter(|cell| cell.is_empty()) {
                    *cell = nested_id.to_owned();
                }
            }
            self.flatten(context, single.table, nested, None, &key);
        }
        for key in map.keys().filter(|key| !used.contains(key.as_str())) {
            *self.dropped.entry(format!("{file}: {key}")).or_default() += 1;
        }
    }

    /// Adds `row`, or fills the empty cells of the row with the same id from this push.
    fn merge(&mut self, table: &'static str, id: &str, row: Vec<String>) -> usize {
        match self.at.get(&(table, id.to_owned())) {
            Some(&at) => {
                for (cell, new) in self.rows[at].2.iter_mut().zip(row) {
                    if cell.is_empty() {
                        *cell = new;
                    }
                }
                at
            }
            None => {
                self.at.insert((table, id.to_owned()), self.rows.len());
                self.rows.push((table, id.to_owned(), row));
                self.rows.len() - 1
            }
        }
    }

    /// The text of one cell; objects, and lists other than the profile's code lists,
    /// have no cell and are counted as dropped.
    fn cell(&mut self, value: Option<&Value>, column: &ColumnDef, file: &str) -> String {
        match value {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(text)) if column.ty == FieldType::Time => with_seconds(text),
            Some(Value::String(text)) => text.clone(),
            Some(Value::Number(number)) => number.to_string(),
            Some(Value::Bool(flag)) => flag.to_string(),
            Some(Value::Array(items)) if column.profile.is_some_and(|p| p.list) => {
                items.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(",")
            }
            Some(_) => {
                *self.dropped.entry(format!("{file}: {}", column.name)).or_default() += 1;
                String::new()
            }
        }
    }
}

fn set(row: &mut [String], columns: &[&ColumnDef], name: &str, value: &str) {
    if let Some(at) = columns.iter().position(|c| c.name == name) {
        row[at] = value.to_owned();
    }
}

pub(crate) fn get_path<'v>(map: &'v Map<String, Value>, path: &[&str]) -> Option<&'v Value> {
    let (first, rest) = path.split_first()?;
    let value = map.get(*first)?;
    match rest {
        [] => Some(value),
        _ => get_path(value.as_object()?, rest),
    }
}

/// `9:00` and `09:00` as `09:00:00`, the time format a Frictionless reader expects.
fn with_seconds(text: &str) -> String {
    match text.split_once(':') {
        Some((h, m)) if (1..=2).contains(&h.len()) && m.len() == 2 && !m.contains(':') => format!("{h:0>2}:{m}:00"),
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn context_columns() -> HashMap<&'static str, Vec<&'static ColumnDef>> {
        super::super::catalogue::tables().iter().map(|t| (t.name, t.columns.iter().collect())).collect()
    }

    fn cell<'p>(pending: &'p Pending, table: &str, column: &str, row: usize) -> &'p str {
        let columns = &super::super::catalogue::table(table).unwrap().columns;
        let at = columns.iter().position(|c| c.name == column).unwrap();
        let rows: Vec<&(&str, String, Vec<String>)> = pending.rows.iter().filter(|(t, _, _)| *t == table).collect();
        &rows[row].2[at]
    }

    #[test]
    fn a_nested_service_becomes_rows_with_their_parents_named() {
        let columns = context_columns();
        let done = HashMap::new();
        let context = Context { columns: &columns, done: &done };
        let service = json!({
            "id": "s1", "name": "Inloop", "organization": {"id": "o1", "name": "Buurtclub"},
            "referral": {"route": "wijkteam", "required": true},
            "eligibility": {"target_groups": ["ouderen", "mantelzorgers"]},
            "phones": [{"id": "p1", "number": "071 123 4567", "languages": [{"id": "l1", "code": "tr"}]}],
            "schedules": [{"id": "sc1", "byday": "MO", "opens_at": "9:00", "closes_at": "12:00"}],
            "opening_hours": {"exceptions": [{"date": "2025-12-25", "closed": true}]},
            "x_unknown": 1
        });
        let mut pending = Pending::default();
        pending.flatten(&context, "service", &service, None, "0");
        assert_eq!(cell(&pending, "service", "organization_id", 0), "o1");
        assert_eq!(cell(&pending, "service", "referral_route", 0), "wijkteam");
        assert_eq!(cell(&pending, "service", "referral_required", 0), "true");
        assert_eq!(cell(&pending, "service", "eligibility_target_groups", 0), "ouderen,mantelzorgers");
        assert_eq!(cell(&pending, "organization", "name", 0), "Buurtclub");
        assert_eq!(cell(&pending, "phone", "service_id", 0), "s1");
        assert_eq!(cell(&pending, "language", "phone_id", 0), "p1");
        assert_eq!(cell(&pending, "schedule", "opens_at", 0), "09:00:00");
        assert_eq!(cell(&pending, "opening_hours_exception", "service_id", 0), "s1");
        assert_eq!(cell(&pending, "opening_hours_exception", "closed", 0), "true");
        assert!(!cell(&pending, "opening_hours_exception", "id", 0).is_empty());
        assert_eq!(pending.dropped.get("services.csv: x_unknown"), Some(&1));
    }

    #[test]
    fn one_phone_under_several_parents_is_one_row_naming_each() {
        let columns = context_columns();
        let done = HashMap::new();
        let context = Context { columns: &columns, done: &done };
        let phone = json!({"id": "p1", "number": "071 123 4567"});
        let service = json!({"id": "s1", "phones": [phone],
            "contacts": [{"id": "c1", "phones": [phone]}]});
        let mut pending = Pending::default();
        pending.flatten(&context, "service", &service, None, "0");
        let phones: Vec<_> = pending.rows.iter().filter(|(t, _, _)| *t == "phone").collect();
        assert_eq!(phones.len(), 1);
        assert_eq!(cell(&pending, "phone", "service_id", 0), "s1");
        assert_eq!(cell(&pending, "phone", "contact_id", 0), "c1");
    }

    #[test]
    fn rows_written_by_an_earlier_push_are_not_repeated() {
        let columns = context_columns();
        let done: HashMap<&str, HashSet<String>> = HashMap::from([("organization", HashSet::from(["o1".to_owned()]))]);
        let context = Context { columns: &columns, done: &done };
        let mut pending = Pending::default();
        pending.flatten(&context, "service", &json!({"id": "s2", "organization": {"id": "o1"}}), None, "0");
        assert!(pending.rows.iter().all(|(t, _, _)| *t != "organization"));
        assert_eq!(cell(&pending, "service", "organization_id", 0), "o1");
    }

    #[test]
    fn times_get_seconds() {
        assert_eq!(with_seconds("9:00"), "09:00:00");
        assert_eq!(with_seconds("09:30"), "09:30:00");
        assert_eq!(with_seconds("09:30:00"), "09:30:00");
    }
}
