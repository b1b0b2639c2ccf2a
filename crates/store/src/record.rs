//! Small helpers shared by the entity modules: turning records into and out of the
//! JSON `data` column, and building `IN (...)` lists for batched look-ups.

use crate::{EntityKind, Error, Result};
use serde::Serialize;
use serde::de::DeserializeOwned;
use sqlx::Row;
use sqlx::any::AnyRow;
use wegwijs_domain::Id;

/// Most ids sent in one `IN (...)` list; well below the parameter limits of both backends.
pub(crate) const IN_CHUNK: usize = 500;

/// The JSON stored for a record.
pub(crate) fn to_data<T: Serialize>(entity: EntityKind, id: &Id, record: &T) -> Result<String> {
    serde_json::to_string(record).map_err(|e| Error::Corrupt { entity, id: id.clone(), reason: e.to_string() })
}

/// Reads a record from a row with columns `id` and `data`.
pub(crate) fn from_row<T: DeserializeOwned>(entity: EntityKind, row: &AnyRow) -> Result<T> {
    let id: String = row.try_get("id")?;
    let data: String = row.try_get("data")?;
    serde_json::from_str(&data).map_err(|e| Error::Corrupt {
        entity,
        id: Id::parse(&id).unwrap_or_else(|_| Id::derived("corrupt", &id)),
        reason: e.to_string(),
    })
}

/// Reads all rows (columns `id`, `data`) as records.
pub(crate) fn from_rows<T: DeserializeOwned>(entity: EntityKind, rows: &[AnyRow]) -> Result<Vec<T>> {
    rows.iter().map(|row| from_row(entity, row)).collect()
}

/// `$first, $first+1, …` for `count` parameters.
pub(crate) fn placeholders(first: usize, count: usize) -> String {
    (first..first + count).map(|n| format!("${n}")).collect::<Vec<_>>().join(", ")
}

/// Converts a page size or offset to the i64 the drivers bind.
pub(crate) fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Puts `found` in the order of `ids`, once per id, skipping ids that were not found.
pub(crate) fn in_order_of<T>(ids: &[Id], found: Vec<T>, id_of: impl Fn(&T) -> &Id) -> Vec<T> {
    let mut by_id: std::collections::HashMap<Id, T> =
        found.into_iter().map(|record| (id_of(&record).clone(), record)).collect();
    ids.iter().filter_map(|id| by_id.remove(id)).collect()
}
