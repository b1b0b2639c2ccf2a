//! The write transaction: every change goes through a [`WriteTx`], which checks
//! references with clear errors, skips writes that change nothing, and records each
//! real change in the change log within the same transaction.

use crate::change_log::ChangeOp;
use crate::error::from_write;
use crate::record::{IN_CHUNK, placeholders};
use crate::{Backend, EntityKind, Error, Result};
use sqlx::{Any, AssertSqlSafe, Transaction};
use std::collections::{HashMap, HashSet};
use wegwijs_domain::Id;

/// What a `put_*` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// The record was new.
    Inserted,
    /// The record existed and its content changed.
    Updated,
    /// The record existed with exactly this content; nothing was written.
    Unchanged,
}

/// An open write transaction. Owns its connection; dropping it without
/// [`WriteTx::commit`] rolls back.
pub struct WriteTx {
    pub(crate) tx: Transaction<'static, Any>,
    pub(crate) backend: Backend,
    /// Records known to exist inside this transaction (read or written by it), so
    /// bulk imports check each reference against the database only once. Only
    /// services can be deleted, and nothing refers to services, so entries stay valid.
    known: HashMap<EntityKind, HashSet<Id>>,
    /// Whether the PostgreSQL writer lock is held (see [`WriteTx::lock_writers`]).
    writer_locked: bool,
    /// Change-log rows and service links not yet sent: they are written in multi-row
    /// inserts (fewer round trips in bulk imports), at the latest on commit.
    pending: Pending,
    /// Stored JSON read ahead by [`WriteTx::prefetch`] (`None`: no such record), used
    /// once by the next put of that record instead of a query of its own.
    prefetched: HashMap<(EntityKind, Id), Option<String>>,
    /// Who is making the changes, written into each change-log row (see [`WriteTx::act_as`]).
    actor: Option<String>,
}

/// Rows waiting to be inserted. Nothing inside the transaction reads the change log,
/// and link rows are flushed before anything touches the link tables, so holding
/// them back until commit is invisible to callers.
#[derive(Default)]
struct Pending {
    changes: Vec<PendingChange>,
    service_terms: Vec<(Id, Id)>,
    /// (service, location, service-at-location id).
    service_locations: Vec<(Id, Id, Id)>,
}

/// One change-log row waiting to be inserted.
struct PendingChange {
    entity: EntityKind,
    id: Id,
    op: ChangeOp,
    at: String,
    actor: Option<String>,
    /// The record's JSON after the change; `None` for deletes.
    data: Option<String>,
}

/// Rows per multi-row insert; a fixed size keeps the statement in sqlx's cache.
const FLUSH_ROWS: usize = 200;

/// Columns per change-log row in [`WriteTx::flush_changes`].
const CHANGE_COLUMNS: usize = 6;

/// Key of the PostgreSQL advisory lock that serialises writers ("wegwijs" in ASCII).
const WRITER_LOCK_KEY: i64 = 0x0077_6567_7769_6a73;

impl WriteTx {
    pub(crate) fn new(tx: Transaction<'static, Any>, backend: Backend) -> Self {
        Self {
            tx,
            backend,
            known: HashMap::new(),
            writer_locked: false,
            pending: Pending::default(),
            prefetched: HashMap::new(),
            actor: None,
        }
    }

    /// Names who makes the changes this transaction logs from now on: `"user:<id>"` for
    /// a person, `"import:<source>"`, `"demo"`, … It is shown in a record's history
    /// ([`crate::Store::history`]). Without it, changes are logged with no actor.
    pub fn act_as(&mut self, actor: impl Into<String>) {
        self.actor = Some(actor.into());
    }

    /// Commits every change of this transaction, change-log rows included.
    pub async fn commit(mut self) -> Result<()> {
        self.flush_links().await?;
        self.flush_changes().await?;
        self.tx.commit().await.map_err(from_write)
    }

    /// Called before the first row is written. On PostgreSQL, sequence numbers are
    /// handed out at insert time but become visible at commit time, so two concurrent
    /// writers could commit change-log rows out of `seq` order and a follower reading
    /// "seq > last seen" would skip one for good. A transaction-scoped advisory lock
    /// serialises writers: the lock is held until commit or rollback, so seqs become
    /// visible in order. (Taking it before any data row also rules out deadlocks
    /// between two store writers.) SQLite already allows one writer at a time.
    pub(crate) async fn lock_writers(&mut self) -> Result<()> {
        if self.backend == Backend::Postgres && !self.writer_locked {
            sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(WRITER_LOCK_KEY).execute(&mut *self.tx).await?;
            self.writer_locked = true;
        }
        Ok(())
    }

    /// Reads the stored JSON of many records at once, so that a bulk write of them
    /// costs one query per [`IN_CHUNK`] records instead of one per record. (Each
    /// statement is a round trip to the driver's worker thread; at 100k records those
    /// round trips, not SQLite, are most of the time.) Only records of kinds that can
    /// be written are read: taxonomies, terms, organisations, locations, services.
    pub async fn prefetch(&mut self, kind: EntityKind, ids: &[Id]) -> Result<()> {
        if !kind.is_record() {
            return Ok(());
        }
        for chunk in ids.chunks(IN_CHUNK) {
            let sql = format!("SELECT id, data FROM {} WHERE id IN ({})", table(kind), placeholders(1, chunk.len()));
            let mut query = sqlx::query_as::<_, (String, String)>(AssertSqlSafe(sql));
            for id in chunk {
                query = query.bind(id.as_str());
            }
            let mut found: HashMap<String, String> = query.fetch_all(&mut *self.tx).await?.into_iter().collect();
            for id in chunk {
                self.prefetched.insert((kind, id.clone()), found.remove(id.as_str()));
            }
        }
        Ok(())
    }

    /// The stored JSON of a record: read ahead by [`WriteTx::prefetch`], or now.
    pub(crate) async fn stored_data(&mut self, kind: EntityKind, id: &Id) -> Result<Option<String>> {
        if let Some(data) = self.prefetched.remove(&(kind, id.clone())) {
            return Ok(data);
        }
        let sql = format!("SELECT data FROM {} WHERE id = $1", table(kind));
        let data: Option<(String,)> =
            sqlx::query_as(AssertSqlSafe(sql)).bind(id.as_str()).fetch_optional(&mut *self.tx).await?;
        Ok(data.map(|(data,)| data))
    }

    /// Forgets what was read ahead for a record that is about to change otherwise.
    pub(crate) fn forget_prefetched(&mut self, kind: EntityKind, id: &Id) {
        self.prefetched.remove(&(kind, id.clone()));
    }

    /// Remembers that a record exists within this transaction.
    pub(crate) fn mark_known(&mut self, kind: EntityKind, id: &Id) {
        let ids = self.known.entry(kind).or_default();
        if !ids.contains(id) {
            ids.insert(id.clone());
        }
    }

    /// Fails with [`Error::UnknownReference`] unless `target_id` exists.
    pub(crate) async fn require(
        &mut self,
        entity: EntityKind,
        id: &Id,
        field: &'static str,
        target: EntityKind,
        target_id: &Id,
    ) -> Result<()> {
        if self.known.get(&target).is_some_and(|ids| ids.contains(target_id)) {
            return Ok(());
        }
        let sql = format!("SELECT 1 FROM {} WHERE id = $1", table(target));
        let found = sqlx::query(AssertSqlSafe(sql)).bind(target_id.as_str()).fetch_optional(&mut *self.tx).await?;
        if found.is_none() {
            return Err(Error::UnknownReference {
                entity,
                id: id.clone(),
                field,
                target,
                target_id: target_id.clone(),
            });
        }
        self.mark_known(target, target_id);
        Ok(())
    }

    /// Records a change made in this transaction in the change log, with the record's
    /// JSON after the change (`None` for a delete) and the current actor.
    pub(crate) async fn log_change(
        &mut self,
        entity: EntityKind,
        id: &Id,
        op: ChangeOp,
        data: Option<String>,
    ) -> Result<()> {
        self.lock_writers().await?;
        let at = crate::change_log::now_text();
        let actor = self.actor.clone();
        self.pending.changes.push(PendingChange { entity, id: id.clone(), op, at, actor, data });
        if self.pending.changes.len() >= FLUSH_ROWS {
            self.flush_changes().await?;
        }
        Ok(())
    }

    async fn flush_changes(&mut self) -> Result<()> {
        let changes = std::mem::take(&mut self.pending.changes);
        for chunk in changes.chunks(FLUSH_ROWS) {
            let rows: Vec<String> = (0..chunk.len())
                .map(|i| format!("({})", placeholders(CHANGE_COLUMNS * i + 1, CHANGE_COLUMNS)))
                .collect();
            let sql =
                format!("INSERT INTO change_log (entity, entity_id, op, at, actor, data) VALUES {}", rows.join(", "));
            let mut query = sqlx::query(AssertSqlSafe(sql));
            for change in chunk {
                query = query
                    .bind(change.entity.code())
                    .bind(change.id.as_str())
                    .bind(change.op.code())
                    .bind(change.at.as_str())
                    .bind(change.actor.as_deref())
                    .bind(change.data.as_deref());
            }
            query.execute(&mut *self.tx).await.map_err(from_write)?;
        }
        Ok(())
    }

    /// Queues the link rows of a service just written.
    pub(crate) async fn queue_links(&mut self, service: &Id, terms: &[&Id], locations: &[(&Id, &Id)]) -> Result<()> {
        let pending = &mut self.pending;
        pending.service_terms.extend(terms.iter().map(|t| (service.clone(), (*t).clone())));
        pending
            .service_locations
            .extend(locations.iter().map(|(l, sal)| (service.clone(), (*l).clone(), (*sal).clone())));
        if pending.service_terms.len() >= FLUSH_ROWS || pending.service_locations.len() >= FLUSH_ROWS {
            self.flush_links().await?;
        }
        Ok(())
    }

    /// Writes all queued link rows; called before anything reads or deletes links.
    pub(crate) async fn flush_links(&mut self) -> Result<()> {
        let terms = std::mem::take(&mut self.pending.service_terms);
        let terms: Vec<[&Id; 2]> = terms.iter().map(|(s, t)| [s, t]).collect();
        self.insert_rows("INSERT INTO service_term (service_id, term_id) VALUES ", &terms).await?;
        let locations = std::mem::take(&mut self.pending.service_locations);
        let locations: Vec<[&Id; 3]> = locations.iter().map(|(s, l, sal)| [s, l, sal]).collect();
        self.insert_rows("INSERT INTO service_location (service_id, location_id, sal_id) VALUES ", &locations).await
    }

    /// Multi-row insert of `rows`, `N` columns each, in chunks of [`FLUSH_ROWS`].
    async fn insert_rows<const N: usize>(&mut self, insert: &'static str, rows: &[[&Id; N]]) -> Result<()> {
        for chunk in rows.chunks(FLUSH_ROWS) {
            let tuples: Vec<String> = (0..chunk.len())
                .map(|i| {
                    let params: Vec<String> = (1..=N).map(|c| format!("${}", N * i + c)).collect();
                    format!("({})", params.join(", "))
                })
                .collect();
            let mut query = sqlx::query(AssertSqlSafe(format!("{insert}{}", tuples.join(", "))));
            for row in chunk {
                for id in row {
                    query = query.bind(id.as_str());
                }
            }
            query.execute(&mut *self.tx).await.map_err(from_write)?;
        }
        Ok(())
    }

    /// Runs an upsert (or other write) statement, taking the writer lock first.
    pub(crate) async fn write<'q>(
        &mut self,
        query: sqlx::query::Query<'q, Any, sqlx::any::AnyArguments>,
    ) -> Result<()> {
        self.lock_writers().await?;
        query.execute(&mut *self.tx).await.map_err(from_write)?;
        Ok(())
    }

    /// Finishes a put that wrote `data`: logs the change with it, and reports what happened.
    pub(crate) async fn finish_put(
        &mut self,
        entity: EntityKind,
        id: &Id,
        existed: bool,
        data: String,
    ) -> Result<Written> {
        let op = if existed { ChangeOp::Update } else { ChangeOp::Insert };
        self.log_change(entity, id, op, Some(data)).await?;
        self.mark_known(entity, id);
        Ok(if existed { Written::Updated } else { Written::Inserted })
    }
}

/// The table that holds records of `kind`.
fn table(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Taxonomy => "taxonomy",
        EntityKind::TaxonomyTerm => "taxonomy_term",
        EntityKind::Organisation => "organisation",
        EntityKind::Location => "location",
        EntityKind::Service => "service",
        EntityKind::User => "users",
        EntityKind::Proposal => "proposals",
    }
}
