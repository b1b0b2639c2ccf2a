//! Keeps the search index in step with the store by following its change log.
//!
//! The index is a projection: it records in its own commits which change-log position
//! it reflects, so after a restart it continues where it stopped, and an empty or
//! outdated index is rebuilt from the store. It is never written to directly.

use crate::document::{ServiceRecord, TermCatalog};
use crate::{Result, SearchIndex};
use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::{Duration, Instant};
use wegwijs_domain::{Id, Service};
use wegwijs_store::{ChangeOp, EntityKind, Store};

/// Services loaded per batch when rebuilding.
const REBUILD_BATCH: u32 = 1_000;
/// Change-log entries read per catch-up step.
const CHANGES_PER_STEP: u32 = 2_000;

/// What a rebuild did.
#[derive(Debug, Clone, Copy)]
pub struct RebuildStats {
    /// Services read from the store.
    pub services: u64,
    /// Time taken.
    pub elapsed: Duration,
}

/// Follows the store's change log into a search index.
#[derive(Clone)]
pub struct Follower {
    store: Store,
    index: Arc<SearchIndex>,
}

impl Follower {
    /// A follower of `store` into `index`.
    pub fn new(store: Store, index: Arc<SearchIndex>) -> Self {
        Self { store, index }
    }

    /// Rebuilds the whole index from the store. `progress` is told the number of
    /// services read so far.
    pub async fn rebuild(&self, mut progress: impl FnMut(u64)) -> Result<RebuildStats> {
        let started = Instant::now();
        // Read the position first: changes written during the rebuild are replayed
        // afterwards (re-indexing a service twice is harmless).
        let seq = self.store.last_change_seq().await?;
        self.index.set_terms(TermCatalog::new(self.store.taxonomy_terms().await?));
        self.index.start_rebuild()?;
        let mut after: Option<Id> = None;
        let mut services = 0;
        loop {
            let batch = self.store.services_after(after.as_ref(), REBUILD_BATCH).await?;
            let Some(last) = batch.last() else { break };
            after = Some(last.id.clone());
            services += batch.len() as u64;
            let records = self.records(batch).await?;
            let index = self.index.clone();
            tokio::task::spawn_blocking(move || index.add_batch(&records)).await.expect("indexing task panicked")?;
            progress(services);
        }
        let index = self.index.clone();
        tokio::task::spawn_blocking(move || index.finish_rebuild(seq)).await.expect("commit task panicked")?;
        Ok(RebuildStats { services, elapsed: started.elapsed() })
    }

    /// Applies every change written since the index's position. Rebuilds when the
    /// index is new. Returns the number of change-log entries applied.
    pub async fn catch_up(&self) -> Result<u64> {
        let mut applied = self.index.applied_seq()?;
        if applied == 0 && self.store.last_change_seq().await? > 0 {
            self.rebuild(|_| {}).await?;
            return Ok(0);
        }
        // An index opened from disk has its documents but not the taxonomy that labels
        // facets and indexes new services: read it before anything else.
        if self.index.terms().is_empty() {
            self.index.set_terms(TermCatalog::new(self.store.taxonomy_terms().await?));
        }
        let mut total = 0;
        loop {
            let changes = self.store.changes_since(applied, CHANGES_PER_STEP).await?;
            let Some(last) = changes.last() else { return Ok(total) };
            let last_seq = last.seq;
            total += changes.len() as u64;

            let mut touched: BTreeSet<Id> = BTreeSet::new();
            let mut deleted: BTreeSet<Id> = BTreeSet::new();
            let mut terms_changed = false;
            for change in &changes {
                match change.entity {
                    EntityKind::Service if change.op == ChangeOp::Delete => {
                        touched.remove(&change.id);
                        deleted.insert(change.id.clone());
                    }
                    EntityKind::Service => {
                        deleted.remove(&change.id);
                        touched.insert(change.id.clone());
                    }
                    kind => {
                        terms_changed |= kind == EntityKind::TaxonomyTerm;
                        touched.extend(self.store.service_ids_referring_to(kind, &change.id).await?);
                    }
                }
            }
            if terms_changed {
                self.index.set_terms(TermCatalog::new(self.store.taxonomy_terms().await?));
            }
            let mut upserts = Vec::new();
            for id in &touched {
                match self.store.service(id).await? {
                    Some(service) => upserts.push(service),
                    None => {
                        deleted.insert(id.clone());
                    }
                }
            }
            let records = self.records(upserts).await?;
            let deleted: Vec<Id> = deleted.into_iter().collect();
            let index = self.index.clone();
            tokio::task::spawn_blocking(move || index.apply(&records, &deleted, last_seq))
                .await
                .expect("indexing task panicked")?;
            applied = last_seq;
        }
    }

    /// Catches up, then keeps polling the change log every `interval` until
    /// `shutdown` completes. Errors are logged and retried: search may lag, but the
    /// server keeps serving.
    pub async fn run(self, interval: Duration, shutdown: impl std::future::Future<Output = ()>) {
        tokio::pin!(shutdown);
        loop {
            match self.catch_up().await {
                Ok(0) => {}
                Ok(n) => tracing::debug!(changes = n, "search index caught up"),
                Err(error) => tracing::error!(%error, "search index could not follow the store"),
            }
            tokio::select! {
                () = &mut shutdown => return,
                () = tokio::time::sleep(interval) => {}
            }
        }
    }

    /// Loads the organisations and locations of services.
    async fn records(&self, services: Vec<Service>) -> Result<Vec<ServiceRecord>> {
        let org_ids: Vec<Id> =
            services.iter().map(|s| s.organisation_id.clone()).collect::<BTreeSet<_>>().into_iter().collect();
        let location_ids: Vec<Id> = services
            .iter()
            .flat_map(|s| s.locations.iter().map(|l| l.location_id.clone()))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let organisations = self.store.organisations_by_ids(&org_ids).await?;
        let locations = self.store.locations_by_ids(&location_ids).await?;
        Ok(ServiceRecord::join(services, organisations, locations))
    }
}
