//! Turns the loaded tables into the nested HSDS JSON objects the JSON import already
//! understands, with the file and line of every nested part, and hands them to the
//! collector: every taxonomy, term, organisation and location on its own (so records
//! no service uses are kept), then every service with everything nested in it.

use super::index::Index;
use super::nesting::{Child, children, entity_fits, nesting_columns, singles};
use super::profile_columns::{self, OWN_TABLE, is_exception_key};
use super::references;
use super::tables::{Record, Tables};
use super::value::to_minutes;
use crate::Place;
use crate::import::{Collector, Origins};
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};

/// How one kind of record is handed to the collector.
type Add = fn(&mut Collector, Value, &Origins);

/// Nests every row and gives it to `collector`.
pub(crate) fn assemble(tables: &Tables, collector: &mut Collector) {
    let index = Index::new(tables);
    let broken = references::check(tables, &index, collector);
    let mut builder = Builder { tables, index: &index, broken: &broken, memo: HashMap::new() };
    let order: [(&'static str, Add); 5] = [
        ("taxonomy", Collector::add_taxonomy_value),
        ("taxonomy_term", Collector::add_term_value),
        ("organization", Collector::add_organisation_value),
        ("location", Collector::add_location_value),
        ("service", Collector::add_service_value),
    ];
    for (table, add) in order {
        for row in 0..tables.records(table).len() {
            if broken.contains(&(table, row)) {
                continue;
            }
            let built = builder.build(table, row);
            let origins = built.origins();
            add(collector, built.value, &origins);
        }
    }
}

/// A nested object and where each of its parts was read, by path inside it.
struct Built {
    value: Value,
    places: Vec<(String, Place)>,
}

impl Built {
    fn origins(&self) -> Origins {
        let mut origins = Origins::none();
        for (path, place) in &self.places {
            origins.add(path.clone(), place.clone());
        }
        origins
    }
}

/// Tables whose rows are nested in many parents; each is built once.
const SHARED: [&str; 5] = ["organization", "location", "program", "taxonomy_term", "taxonomy"];

struct Builder<'a> {
    tables: &'a Tables,
    index: &'a Index<'a>,
    broken: &'a HashSet<(&'static str, usize)>,
    memo: HashMap<(&'static str, usize), Built>,
}

impl Builder<'_> {
    /// The row nested with everything below it. Shared rows are built once and
    /// copied, since each parent gets (and the collector takes) its own copy.
    fn build(&mut self, table: &'static str, row: usize) -> Built {
        if let Some(built) = self.memo.get(&(table, row)) {
            return Built { value: built.value.clone(), places: built.places.clone() };
        }
        let record = &self.tables.records(table)[row];
        let mut object = flat_to_json(table, record);
        let mut places = vec![(String::new(), record.place())];
        if let Some(id) = record.id() {
            for child in children(table).iter().filter(|c| c.on_import) {
                self.nest_list(child, table, id, &mut object, &mut places);
            }
        }
        for single in singles(table) {
            let Some(target) = record.text(single.column) else { continue };
            let Some(target_row) = self.index.row(single.table, target) else { continue };
            if self.broken.contains(&(single.table, target_row)) {
                continue;
            }
            let nested = self.build(single.table, target_row);
            places.extend(prefixed(single.field, &nested.places));
            object.insert(single.field.to_owned(), nested.value);
        }
        let built = Built { value: Value::Object(object), places };
        if SHARED.contains(&table) {
            self.memo.insert((table, row), Built { value: built.value.clone(), places: built.places.clone() });
        }
        built
    }

    /// Puts the rows of `child` that belong to the `parent` row `id` in its list.
    fn nest_list(
        &mut self,
        child: &Child,
        parent: &str,
        id: &str,
        object: &mut Map<String, Value>,
        places: &mut Vec<(String, Place)>,
    ) {
        let rows: Vec<usize> = self
            .index
            .pointing_at(child.table, child.column, id)
            .iter()
            .copied()
            .filter(|row| !self.broken.contains(&(child.table, *row)))
            .filter(|row| {
                let record = &self.tables.records(child.table)[*row];
                child.entity_column.is_none_or(|column| entity_fits(record.text(column), parent))
            })
            .collect();
        if rows.is_empty() {
            return;
        }
        let path = child.path.join(".");
        let implied = nesting_columns(child.table);
        let mut items = Vec::with_capacity(rows.len());
        for (i, row) in rows.into_iter().enumerate() {
            let mut nested = self.build(child.table, row);
            if let Value::Object(object) = &mut nested.value {
                implied.iter().for_each(|column| drop(object.remove(*column)));
            }
            places.extend(prefixed(&format!("{path}[{i}]"), &nested.places));
            items.push(nested.value);
        }
        insert_at(object, child.path, Value::Array(items));
    }
}

/// The places of a nested object, moved under `prefix`.
fn prefixed(prefix: &str, places: &[(String, Place)]) -> impl Iterator<Item = (String, Place)> {
    places.iter().map(move |(path, place)| {
        let path = if path.is_empty() { prefix.to_owned() } else { format!("{prefix}.{path}") };
        (path, place.clone())
    })
}

/// A row as its HSDS object without nesting: profile columns go back to their place in
/// the profile's objects, lists of codes become arrays.
fn flat_to_json(table: &str, record: &Record) -> Map<String, Value> {
    let mut object = Map::new();
    for (key, value) in record.values() {
        if table == OWN_TABLE.name {
            if !is_exception_key(key) {
                let value = if key == "opens" || key == "closes" { to_minutes(value.clone()) } else { value.clone() };
                object.insert(key.to_owned(), value);
            }
            continue;
        }
        match profile_columns::column_of(table, key) {
            Some(column) if column.list => {
                let codes = value.as_str().unwrap_or_default().split([',', ';']).map(str::trim);
                let codes = codes.filter(|code| !code.is_empty()).map(|code| Value::String(code.to_owned()));
                insert_at(&mut object, column.path, Value::Array(codes.collect()));
            }
            Some(column) => insert_at(&mut object, column.path, value.clone()),
            None => {
                object.insert(key.to_owned(), value.clone());
            }
        }
    }
    object
}

/// Sets `path` in `object`, making the objects on the way.
pub(crate) fn insert_at(object: &mut Map<String, Value>, path: &[&str], value: Value) {
    match path {
        [] => {}
        [last] => {
            object.insert((*last).to_owned(), value);
        }
        [first, rest @ ..] => {
            let inner = object.entry((*first).to_owned()).or_insert_with(|| Value::Object(Map::new()));
            if !inner.is_object() {
                *inner = Value::Object(Map::new());
            }
            if let Value::Object(inner) = inner {
                insert_at(inner, rest, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn record(values: Value) -> Record {
        Record::from_json("services.csv", 2, values)
    }

    #[test]
    fn profile_columns_go_back_into_their_objects() {
        let row = record(json!({
            "id": "s1", "referral_route": "wijkteam", "referral_required": true,
            "eligibility_target_groups": "ouderen, mantelzorgers", "source_name": "Feed",
            "opening_hours_notes": "Bel eerst", "interpretation_services": "Tolk"
        }));
        let object = Value::Object(flat_to_json("service", &row));
        assert_eq!(
            object,
            json!({
                "id": "s1", "referral": {"route": "wijkteam", "required": true},
                "eligibility": {"target_groups": ["ouderen", "mantelzorgers"]}, "source": {"name": "Feed"},
                "opening_hours": {"notes": "Bel eerst"}, "interpretation_services": "Tolk"
            })
        );
    }

    #[test]
    fn an_exception_row_loses_its_keys_and_seconds() {
        let row = record(json!({"id": "e", "service_id": "s1", "date": "2025-12-24", "closed": false,
            "opens": "09:00:00", "closes": "12:30:00"}));
        let object = Value::Object(flat_to_json(OWN_TABLE.name, &row));
        assert_eq!(object, json!({"date": "2025-12-24", "closed": false, "opens": "09:00", "closes": "12:30"}));
    }

    #[test]
    fn places_of_nested_parts_are_prefixed_with_their_path() {
        let place = Place { file: "addresses.csv".into(), line: 40 };
        let inner = vec![(String::new(), place.clone()), ("x[0]".to_owned(), place.clone())];
        let moved: Vec<String> = prefixed("addresses[1]", &inner).map(|(path, _)| path).collect();
        assert_eq!(moved, ["addresses[1]", "addresses[1].x[0]"]);
    }
}
