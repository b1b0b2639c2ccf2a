//! The append-only change log: one row per real change, in commit order, so that a
//! follower (search index, export feed) can ask "what changed after seq N?".

use crate::{EntityKind, Error, Result, Store};
use chrono::{DateTime, SecondsFormat, Utc};
use sqlx::Row;
use wegwijs_domain::Id;

/// One change, as recorded in the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Position in the log; increases with every change.
    pub seq: i64,
    /// Kind of the record that changed.
    pub entity: EntityKind,
    /// Its id.
    pub id: Id,
    /// What happened.
    pub op: ChangeOp,
    /// When the change was written.
    pub at: DateTime<Utc>,
}

/// What happened to a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChangeOp {
    /// It was created.
    Insert,
    /// Its content changed.
    Update,
    /// It was deleted.
    Delete,
}

impl ChangeOp {
    /// Stable code, as written to `change_log.op`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Insert => "insert",
            Self::Update => "update",
            Self::Delete => "delete",
        }
    }

    /// Reads a stable code.
    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Insert, Self::Update, Self::Delete].into_iter().find(|op| op.code() == code)
    }
}

/// The current time as stored: RFC 3339, UTC, microseconds.
pub(crate) fn now_text() -> String {
    time_text(Utc::now())
}

/// A time as stored: RFC 3339, UTC, microseconds, so text order is time order.
pub(crate) fn time_text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

impl Store {
    /// Up to `limit` changes with `seq > after_seq`, oldest first.
    pub async fn changes_since(&self, after_seq: i64, limit: u32) -> Result<Vec<Change>> {
        let rows =
            sqlx::query("SELECT seq, entity, entity_id, op, at FROM change_log WHERE seq > $1 ORDER BY seq LIMIT $2")
                .bind(after_seq)
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await?;
        rows.iter()
            .map(|row| {
                let seq: i64 = row.try_get("seq")?;
                let entity: String = row.try_get("entity")?;
                let id: String = row.try_get("entity_id")?;
                let op: String = row.try_get("op")?;
                let at: String = row.try_get("at")?;
                let corrupt = |reason: String| Error::Corrupt {
                    entity: EntityKind::from_code(&entity).unwrap_or(EntityKind::Service),
                    id: Id::parse(&id).unwrap_or_else(|_| Id::derived("corrupt", &id)),
                    reason: format!("change log row {seq}: {reason}"),
                };
                Ok(Change {
                    seq,
                    entity: EntityKind::from_code(&entity)
                        .ok_or_else(|| corrupt(format!("unknown entity `{entity}`")))?,
                    id: Id::parse(&id).map_err(|e| corrupt(e.to_string()))?,
                    op: ChangeOp::from_code(&op).ok_or_else(|| corrupt(format!("unknown op `{op}`")))?,
                    at: DateTime::parse_from_rfc3339(&at).map_err(|e| corrupt(e.to_string()))?.to_utc(),
                })
            })
            .collect()
    }

    /// The seq of the newest change; 0 when the log is empty.
    pub async fn last_change_seq(&self) -> Result<i64> {
        let (seq,): (Option<i64>,) = sqlx::query_as("SELECT MAX(seq) FROM change_log").fetch_one(&self.pool).await?;
        Ok(seq.unwrap_or(0))
    }
}
