//! Proposals: a provider's change to a record, waiting for an editor. The published
//! record stays as it is until an editor approves; approving puts the proposal's data
//! and settles the proposal in one transaction ([`WriteTx::decide_proposal`]). Saves
//! are checked against what the person saw when the form was opened ([`Expected`]), so
//! nobody overwrites someone else's change unseen.

use crate::change_log::now_text;
use crate::error::from_write;
use crate::history::record_seq_on;
use crate::record::{bad_column, id_column, opt_id_column, opt_time_column, time_column, to_i64};
use crate::{EntityKind, Error, Page, Result, Store, WriteTx};
use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::{Any, AssertSqlSafe, Executor, Row};
use wegwijs_domain::Id;

/// Where a proposal is in review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProposalStatus {
    /// Waiting for an editor; at most one per record.
    Pending,
    /// Published by an editor.
    Approved,
    /// Turned down by an editor (see [`Proposal::message`]).
    Rejected,
    /// Taken back by its author.
    Withdrawn,
}

impl ProposalStatus {
    /// Stable code, as written to `proposals.status`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
            Self::Withdrawn => "withdrawn",
        }
    }

    /// Reads a stable code.
    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Pending, Self::Approved, Self::Rejected, Self::Withdrawn].into_iter().find(|s| s.code() == code)
    }
}

/// A stored proposal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// Its own id (a random UUID).
    pub id: Id,
    /// Kind of the record it changes.
    pub entity: EntityKind,
    /// Id of that record (which need not exist yet: a proposal may create it).
    pub entity_id: Id,
    /// The organisation whose providers may see and edit it.
    pub organisation_id: Id,
    /// The account that saved it last.
    pub author_id: Id,
    /// The change-log seq of the record when the proposal was first saved (0: the
    /// record did not exist); compare with [`Store::record_seq`] to see whether the
    /// published record changed since.
    pub base_seq: i64,
    /// The proposed record: the domain type's serde JSON, as given.
    pub data: String,
    /// Counts saves, from 1; forms keep it in [`Expected::proposal_revision`].
    pub revision: i64,
    /// Where it is in review.
    pub status: ProposalStatus,
    /// When it was first saved.
    pub created_at: DateTime<Utc>,
    /// When it was last saved or decided.
    pub updated_at: DateTime<Utc>,
    /// Who approved, rejected or withdrew it.
    pub decided_by: Option<Id>,
    /// When that happened.
    pub decided_at: Option<DateTime<Utc>>,
    /// The editor's note to the author, e.g. why it was rejected.
    pub message: Option<String>,
}

/// What the editing person saw when the form was opened: the published record's seq
/// ([`Store::record_seq`]) and the open proposal's revision (`None`: there was none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Expected {
    /// See [`Store::record_seq`].
    pub record_seq: i64,
    /// See [`Proposal::revision`].
    pub proposal_revision: Option<i64>,
}

/// A proposal as the form sends it.
#[derive(Debug, Clone)]
pub struct ProposalDraft {
    /// See [`Proposal::entity`]; a record kind ([`EntityKind::is_record`]).
    pub entity: EntityKind,
    /// See [`Proposal::entity_id`].
    pub entity_id: Id,
    /// See [`Proposal::organisation_id`]; must exist.
    pub organisation_id: Id,
    /// See [`Proposal::author_id`]; must exist.
    pub author_id: Id,
    /// See [`Proposal::data`].
    pub data: String,
}

/// The columns [`from_row`] reads.
const COLUMNS: &str = "id, entity, entity_id, organisation_id, author_id, base_seq, data, revision, status, \
                       created_at, updated_at, decided_by, decided_at, message";

impl Store {
    /// Saves a draft as the record's open proposal: creates it (revision 1) or replaces
    /// its data (revision + 1). [`Error::Stale`] when the record or its open proposal
    /// changed since the form was opened (`expected`); of two saves made on the same
    /// `expected` at the same time, exactly one succeeds and the other is Stale.
    pub async fn save_proposal(&self, draft: &ProposalDraft, expected: Expected) -> Result<Proposal> {
        let stale = || Error::Stale { entity: draft.entity, id: draft.entity_id.clone() };
        // SQLite: BEGIN IMMEDIATE serialises the two saves. PostgreSQL: the unique
        // partial index (insert) and `WHERE revision = …` (update) let only one win.
        let mut tx = self.begin_plain().await?;
        let seq = record_seq_on(&mut *tx, draft.entity, &draft.entity_id).await?;
        if seq != expected.record_seq {
            return Err(stale());
        }
        let pending: Option<(String, i64)> =
            sqlx::query_as("SELECT id, revision FROM proposals WHERE entity = $1 AND entity_id = $2 AND status = $3")
                .bind(draft.entity.code())
                .bind(draft.entity_id.as_str())
                .bind(ProposalStatus::Pending.code())
                .fetch_optional(&mut *tx)
                .await?;
        let now = now_text();
        let id = match (pending, expected.proposal_revision) {
            (None, None) => {
                let id = Id::random();
                sqlx::query(
                    "INSERT INTO proposals (id, entity, entity_id, organisation_id, author_id, base_seq, data, \
                     revision, status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9, $9)",
                )
                .bind(id.as_str())
                .bind(draft.entity.code())
                .bind(draft.entity_id.as_str())
                .bind(draft.organisation_id.as_str())
                .bind(draft.author_id.as_str())
                .bind(seq)
                .bind(draft.data.as_str())
                .bind(ProposalStatus::Pending.code())
                .bind(&now)
                .execute(&mut *tx)
                .await
                .map_err(|e| match from_write(e) {
                    Error::Conflict { .. } => stale(),
                    other => other,
                })?;
                id
            }
            (Some((id, revision)), Some(expected_revision)) if revision == expected_revision => {
                let done = sqlx::query(
                    "UPDATE proposals SET data = $1, author_id = $2, organisation_id = $3, revision = revision + 1, \
                     updated_at = $4 WHERE id = $5 AND status = $6 AND revision = $7",
                )
                .bind(draft.data.as_str())
                .bind(draft.author_id.as_str())
                .bind(draft.organisation_id.as_str())
                .bind(&now)
                .bind(&id)
                .bind(ProposalStatus::Pending.code())
                .bind(expected_revision)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() == 0 {
                    return Err(stale());
                }
                Id::parse(&id).map_err(|e| bad_column("id", e.to_string()))?
            }
            _ => return Err(stale()),
        };
        let proposal = fetch(&mut *tx, &id).await?.ok_or_else(stale)?;
        tx.commit().await?;
        Ok(proposal)
    }

    /// One proposal.
    pub async fn proposal(&self, id: &Id) -> Result<Option<Proposal>> {
        fetch(&self.pool, id).await
    }

    /// The open proposal of a record, if there is one.
    pub async fn pending_proposal_for(&self, kind: EntityKind, id: &Id) -> Result<Option<Proposal>> {
        let sql = format!("SELECT {COLUMNS} FROM proposals WHERE entity = $1 AND entity_id = $2 AND status = $3");
        let row = sqlx::query(AssertSqlSafe(sql))
            .bind(kind.code())
            .bind(id.as_str())
            .bind(ProposalStatus::Pending.code())
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(from_row).transpose()
    }

    /// A page of the proposals with this status, of one organisation or of all: pending
    /// ones oldest first (the review queue), others newest first (by last change).
    pub async fn proposals(
        &self,
        status: ProposalStatus,
        organisation: Option<&Id>,
        page: Page,
    ) -> Result<Vec<Proposal>> {
        let order = match status {
            ProposalStatus::Pending => "created_at, id",
            _ => "updated_at DESC, id DESC",
        };
        let filter = if organisation.is_some() { "AND organisation_id = $4" } else { "" };
        let sql =
            format!("SELECT {COLUMNS} FROM proposals WHERE status = $1 {filter} ORDER BY {order} LIMIT $2 OFFSET $3");
        let mut query =
            sqlx::query(AssertSqlSafe(sql)).bind(status.code()).bind(i64::from(page.limit)).bind(to_i64(page.offset));
        if let Some(organisation) = organisation {
            query = query.bind(organisation.as_str());
        }
        let rows = query.fetch_all(&self.pool).await?;
        rows.iter().map(from_row).collect()
    }

    /// Number of proposals with this status.
    pub async fn proposal_count(&self, status: ProposalStatus) -> Result<u64> {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM proposals WHERE status = $1")
            .bind(status.code())
            .fetch_one(&self.pool)
            .await?;
        Ok(n.max(0).unsigned_abs())
    }

    /// Takes back an open proposal (its author, usually). [`Error::Stale`] when it is
    /// no longer pending, [`Error::NotFound`] when there is no such proposal.
    pub async fn withdraw_proposal(&self, id: &Id, by: &Id) -> Result<()> {
        let mut conn = self.pool.acquire().await?;
        settle(&mut conn, id, ProposalStatus::Withdrawn, by, None).await.map(|_| ())
    }
}

impl WriteTx {
    /// Settles a pending proposal inside the transaction that publishes it (or not):
    /// approving is `act_as`, `put_*` of the proposal's data, this, then commit, so the
    /// record and the decision change together or not at all. `status` must be a
    /// decision; only a pending proposal can be decided, anything else (Pending as
    /// decision included) is [`Error::Stale`]. [`Error::NotFound`] for an unknown id.
    pub async fn decide_proposal(
        &mut self,
        id: &Id,
        status: ProposalStatus,
        by: &Id,
        message: Option<&str>,
    ) -> Result<Proposal> {
        settle(&mut self.tx, id, status, by, message).await
    }
}

/// Moves a pending proposal to `status`, noting who and when; see
/// [`WriteTx::decide_proposal`] for the errors.
async fn settle(
    conn: &mut sqlx::AnyConnection,
    id: &Id,
    status: ProposalStatus,
    by: &Id,
    message: Option<&str>,
) -> Result<Proposal> {
    let now = now_text();
    let done = if status == ProposalStatus::Pending {
        0
    } else {
        sqlx::query(
            "UPDATE proposals SET status = $1, decided_by = $2, decided_at = $3, updated_at = $3, message = $4 \
             WHERE id = $5 AND status = $6",
        )
        .bind(status.code())
        .bind(by.as_str())
        .bind(&now)
        .bind(message)
        .bind(id.as_str())
        .bind(ProposalStatus::Pending.code())
        .execute(&mut *conn)
        .await?
        .rows_affected()
    };
    let proposal = fetch(&mut *conn, id).await?;
    match proposal {
        None => Err(Error::NotFound { entity: EntityKind::Proposal, id: id.clone() }),
        Some(proposal) if done == 0 => Err(Error::Stale { entity: proposal.entity, id: proposal.entity_id }),
        Some(proposal) => Ok(proposal),
    }
}

/// One proposal, on any connection.
async fn fetch<'e>(executor: impl Executor<'e, Database = Any>, id: &Id) -> Result<Option<Proposal>> {
    let sql = format!("SELECT {COLUMNS} FROM proposals WHERE id = $1");
    let row = sqlx::query(AssertSqlSafe(sql)).bind(id.as_str()).fetch_optional(executor).await?;
    row.as_ref().map(from_row).transpose()
}

/// Reads one row of [`COLUMNS`].
fn from_row(row: &AnyRow) -> Result<Proposal> {
    let entity: String = row.try_get("entity")?;
    let status: String = row.try_get("status")?;
    Ok(Proposal {
        id: id_column(row, "id")?,
        entity: EntityKind::from_code(&entity)
            .ok_or_else(|| bad_column("entity", format!("unknown entity `{entity}`")))?,
        entity_id: id_column(row, "entity_id")?,
        organisation_id: id_column(row, "organisation_id")?,
        author_id: id_column(row, "author_id")?,
        base_seq: row.try_get("base_seq")?,
        data: row.try_get("data")?,
        revision: row.try_get("revision")?,
        status: ProposalStatus::from_code(&status)
            .ok_or_else(|| bad_column("status", format!("unknown status `{status}`")))?,
        created_at: time_column(row, "created_at")?,
        updated_at: time_column(row, "updated_at")?,
        decided_by: opt_id_column(row, "decided_by")?,
        decided_at: opt_time_column(row, "decided_at")?,
        message: row.try_get("message")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_codes_read_back() {
        for status in
            [ProposalStatus::Pending, ProposalStatus::Approved, ProposalStatus::Rejected, ProposalStatus::Withdrawn]
        {
            assert_eq!(ProposalStatus::from_code(status.code()), Some(status));
        }
        assert_eq!(ProposalStatus::from_code("open"), None);
    }
}
