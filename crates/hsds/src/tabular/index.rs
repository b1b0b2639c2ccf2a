//! Lookups over the loaded tables, built once: a row by its id, and the rows that
//! point at an id, so nesting 100,000 services is a walk, not a search per service.

use super::nesting::children;
use super::tables::Tables;
use std::collections::HashMap;

pub(crate) struct Index<'t> {
    /// Table → id → row.
    ids: HashMap<&'static str, HashMap<&'t str, usize>>,
    /// (table, column) → id → rows whose column holds that id, in file order.
    pointing: HashMap<(&'static str, &'static str), HashMap<&'t str, Vec<usize>>>,
}

impl<'t> Index<'t> {
    pub(crate) fn new(tables: &'t Tables) -> Self {
        let mut ids: HashMap<&'static str, HashMap<&'t str, usize>> = HashMap::new();
        for table in tables.names() {
            let by_id = ids.entry(table).or_default();
            for (row, record) in tables.records(table).iter().enumerate() {
                if let Some(id) = record.id() {
                    by_id.entry(id).or_insert(row);
                }
            }
        }
        let mut pointing: HashMap<(&'static str, &'static str), HashMap<&'t str, Vec<usize>>> = HashMap::new();
        for parent in super::catalogue::tables() {
            for child in children(parent.name) {
                let key = (child.table, child.column);
                if pointing.contains_key(&key) {
                    continue;
                }
                let mut by_value: HashMap<&'t str, Vec<usize>> = HashMap::new();
                for (row, record) in tables.records(child.table).iter().enumerate() {
                    if let Some(value) = record.text(child.column) {
                        by_value.entry(value).or_default().push(row);
                    }
                }
                pointing.insert(key, by_value);
            }
        }
        Self { ids, pointing }
    }

    /// The row of `table` with `id`.
    pub(crate) fn row(&self, table: &str, id: &str) -> Option<usize> {
        self.ids.get(table)?.get(id).copied()
    }

    /// The rows of `table` whose `column` is `id`.
    pub(crate) fn pointing_at(&self, table: &'static str, column: &'static str, id: &str) -> &[usize] {
        self.pointing.get(&(table, column)).and_then(|by_value| by_value.get(id)).map_or(&[], Vec::as_slice)
    }
}
