//! Small helpers shared by the entity modules: turning records into and out of the
//! JSON `data` column, reading typed columns, and building `IN (...)` lists for
//! batched look-ups.

use crate::{EntityKind, Error, Result};
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde::de::DeserializeOwned;
use sqlx::Row;
use sqlx::any::AnyRow;
use wegwijs_domain::{EmailAddress, Id};

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

/// Why a stored column cannot be read back as its domain type.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct BadColumn(String);

/// The error for a column whose stored value is not what the store writes there.
pub(crate) fn bad_column(column: &str, reason: String) -> Error {
    sqlx::Error::ColumnDecode { index: column.to_owned(), source: Box::new(BadColumn(reason)) }.into()
}

/// Reads a time as stored (RFC 3339 text).
pub(crate) fn parse_time(column: &str, raw: &str) -> Result<DateTime<Utc>> {
    Ok(DateTime::parse_from_rfc3339(raw).map_err(|e| bad_column(column, e.to_string()))?.to_utc())
}

/// Reads a text column holding an [`Id`].
pub(crate) fn id_column(row: &AnyRow, column: &str) -> Result<Id> {
    let raw: String = row.try_get(column)?;
    Id::parse(&raw).map_err(|e| bad_column(column, e.to_string()))
}

/// Reads a nullable text column holding an [`Id`].
pub(crate) fn opt_id_column(row: &AnyRow, column: &str) -> Result<Option<Id>> {
    let raw: Option<String> = row.try_get(column)?;
    raw.map(|raw| Id::parse(&raw).map_err(|e| bad_column(column, e.to_string()))).transpose()
}

/// Reads a text column holding a time.
pub(crate) fn time_column(row: &AnyRow, column: &str) -> Result<DateTime<Utc>> {
    let raw: String = row.try_get(column)?;
    parse_time(column, &raw)
}

/// Reads a nullable text column holding a time.
pub(crate) fn opt_time_column(row: &AnyRow, column: &str) -> Result<Option<DateTime<Utc>>> {
    let raw: Option<String> = row.try_get(column)?;
    raw.map(|raw| parse_time(column, &raw)).transpose()
}

/// Reads a 0/1 integer column as a boolean (sqlx's Any driver has no portable bool).
pub(crate) fn flag_column(row: &AnyRow, column: &str) -> Result<bool> {
    let raw: i64 = row.try_get(column)?;
    Ok(raw != 0)
}

/// Reads a text column holding an [`EmailAddress`].
pub(crate) fn email_column(row: &AnyRow, column: &str) -> Result<EmailAddress> {
    let raw: String = row.try_get(column)?;
    EmailAddress::parse(&raw).map_err(|e| bad_column(column, e.to_string()))
}
