//! The history of one record, read from the change log: every version with who made it
//! and the record's JSON after it, so editors can see what changed and restore an
//! older version (by putting its `data` again).

use crate::change_log::ChangeOp;
use crate::record::{bad_column, parse_time};
use crate::{EntityKind, Result, Store};
use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::{Any, Executor, Row};
use wegwijs_domain::Id;

/// One version of a record: one row of the change log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// Position in the change log; a later version has a higher seq.
    pub seq: i64,
    /// When the change was written.
    pub at: DateTime<Utc>,
    /// What happened.
    pub op: ChangeOp,
    /// Who made the change, as given to [`crate::WriteTx::act_as`] (`"user:<id>"`,
    /// `"import:<source>"`, …); `None` when no actor was named.
    pub actor: Option<String>,
    /// The record's JSON after the change, as stored: the domain type's serde JSON,
    /// readable with `serde_json::from_str`. `None` for deletes and for changes
    /// written before the store kept versions.
    pub data: Option<String>,
}

impl Store {
    /// Every version of a record, newest first; empty when it never changed.
    pub async fn history(&self, kind: EntityKind, id: &Id) -> Result<Vec<Version>> {
        let rows = sqlx::query(
            "SELECT seq, at, op, actor, data FROM change_log WHERE entity = $1 AND entity_id = $2 ORDER BY seq DESC",
        )
        .bind(kind.code())
        .bind(id.as_str())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(version_from_row).collect()
    }

    /// One version by its seq, with the kind and id of its record; `None` when there
    /// is no such seq.
    pub async fn version(&self, seq: i64) -> Result<Option<(EntityKind, Id, Version)>> {
        let row = sqlx::query("SELECT seq, entity, entity_id, at, op, actor, data FROM change_log WHERE seq = $1")
            .bind(seq)
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let entity: String = row.try_get("entity")?;
        let kind =
            EntityKind::from_code(&entity).ok_or_else(|| bad_column("entity", format!("unknown entity `{entity}`")))?;
        let id: String = row.try_get("entity_id")?;
        let id = Id::parse(&id).map_err(|e| bad_column("entity_id", e.to_string()))?;
        Ok(Some((kind, id, version_from_row(&row)?)))
    }

    /// The seq of the newest change of a record; 0 when it never changed (it does not
    /// exist, or was written before the change log). Forms keep it to notice, on
    /// saving, that someone else changed the record in between.
    pub async fn record_seq(&self, kind: EntityKind, id: &Id) -> Result<i64> {
        record_seq_on(&self.pool, kind, id).await
    }
}

impl crate::WriteTx {
    /// [`Store::record_seq`] inside this transaction, under the writers' lock: no other
    /// writer can change the record between this check and this transaction's commit.
    pub async fn record_seq(&mut self, kind: EntityKind, id: &Id) -> Result<i64> {
        self.lock_writers().await?;
        record_seq_on(&mut *self.tx, kind, id).await
    }
}

/// [`Store::record_seq`] on any connection, so a transaction can check it too.
pub(crate) async fn record_seq_on<'e>(
    executor: impl Executor<'e, Database = Any>,
    kind: EntityKind,
    id: &Id,
) -> Result<i64> {
    let (seq,): (Option<i64>,) = sqlx::query_as("SELECT MAX(seq) FROM change_log WHERE entity = $1 AND entity_id = $2")
        .bind(kind.code())
        .bind(id.as_str())
        .fetch_one(executor)
        .await?;
    Ok(seq.unwrap_or(0))
}

fn version_from_row(row: &AnyRow) -> Result<Version> {
    let op: String = row.try_get("op")?;
    let at: String = row.try_get("at")?;
    Ok(Version {
        seq: row.try_get("seq")?,
        at: parse_time("at", &at)?,
        op: ChangeOp::from_code(&op).ok_or_else(|| bad_column("op", format!("unknown op `{op}`")))?,
        actor: row.try_get("actor")?,
        data: row.try_get("data")?,
    })
}
