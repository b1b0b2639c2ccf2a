//! Writing a set of records to the store in one transaction: all of it, or — on the
//! first refused record, or in a dry run — none of it.

use crate::progress::Progress;
use anyhow::Context;
use std::fmt;
use wegwijs_domain::{Id, Location, Organisation, Service, Taxonomy, TaxonomyTerm};
use wegwijs_store::{EntityKind, Store, WriteTx, Written};

/// Records to write, in the order references need: taxonomies before terms,
/// organisations before locations, everything before services.
#[derive(Debug, Default)]
pub struct Batch {
    pub taxonomies: Vec<Taxonomy>,
    pub terms: Vec<TaxonomyTerm>,
    pub organisations: Vec<Organisation>,
    pub locations: Vec<Location>,
    pub services: Vec<Service>,
}

/// What a write changed, per kind of record.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub inserted: u64,
    pub updated: u64,
    pub unchanged: u64,
}

impl Counts {
    fn add(&mut self, written: Written) {
        match written {
            Written::Inserted => self.inserted += 1,
            Written::Updated => self.updated += 1,
            Written::Unchanged => self.unchanged += 1,
        }
    }
}

impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} new, {} changed, {} unchanged", self.inserted, self.updated, self.unchanged)
    }
}

/// The outcome of a write.
#[derive(Debug, Default)]
pub struct Summary {
    pub organisations: Counts,
    pub locations: Counts,
    pub services: Counts,
    pub taxonomy_terms: Counts,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "organisations:  {}", self.organisations)?;
        writeln!(f, "locations:      {}", self.locations)?;
        writeln!(f, "services:       {}", self.services)?;
        write!(f, "taxonomy terms: {}", self.taxonomy_terms)
    }
}

/// Writes `batch` in one transaction and commits it, unless `dry_run`, in which case
/// everything is written and checked but rolled back. `actor` is who the record
/// histories name for these versions: `demo`, `import:<source>`, `wegwijs`.
pub async fn write(store: &Store, batch: &Batch, actor: &str, dry_run: bool) -> anyhow::Result<Summary> {
    let mut tx = store.begin().await.context("cannot start a transaction")?;
    tx.act_as(actor);
    let mut summary = Summary::default();
    let total = batch.taxonomies.len()
        + batch.terms.len()
        + batch.organisations.len()
        + batch.locations.len()
        + batch.services.len();
    let mut progress = Progress::new("writing", total as u64);
    for taxonomy in &batch.taxonomies {
        tx.put_taxonomy(taxonomy).await?;
        progress.advance(1);
    }
    for term in &batch.terms {
        summary.taxonomy_terms.add(tx.put_taxonomy_term(term).await?);
        progress.advance(1);
    }
    put_all(
        &mut tx,
        &mut progress,
        &mut summary.organisations,
        EntityKind::Organisation,
        &batch.organisations,
        |o| &o.id,
        async |tx, o| tx.put_organisation(o).await,
    )
    .await?;
    put_all(
        &mut tx,
        &mut progress,
        &mut summary.locations,
        EntityKind::Location,
        &batch.locations,
        |l| &l.id,
        async |tx, l| tx.put_location(l).await,
    )
    .await?;
    put_all(
        &mut tx,
        &mut progress,
        &mut summary.services,
        EntityKind::Service,
        &batch.services,
        |s| &s.id,
        async |tx, s| tx.put_service(s).await,
    )
    .await?;
    progress.finish();
    if dry_run {
        drop(tx);
    } else {
        tx.commit().await.context("cannot commit the transaction")?;
    }
    Ok(summary)
}

/// Records written between two read-aheads.
const CHUNK: usize = 500;

/// Writes `records` of one kind with `put`. Writing in id order turns random inserts
/// into the primary-key B-trees (ids are UUIDs) into appends, and reading each chunk's
/// stored versions ahead in one query saves a round trip per record: together they
/// keep 100k-service imports fast.
async fn put_all<T>(
    tx: &mut WriteTx,
    progress: &mut Progress,
    counts: &mut Counts,
    kind: EntityKind,
    records: &[T],
    id: impl Fn(&T) -> &Id,
    mut put: impl AsyncFnMut(&mut WriteTx, &T) -> wegwijs_store::Result<Written>,
) -> anyhow::Result<()> {
    let mut sorted: Vec<&T> = records.iter().collect();
    sorted.sort_unstable_by(|a, b| id(a).cmp(id(b)));
    for chunk in sorted.chunks(CHUNK) {
        let ids: Vec<Id> = chunk.iter().map(|record| id(record).clone()).collect();
        tx.prefetch(kind, &ids).await?;
        for record in chunk {
            counts.add(put(tx, record).await?);
        }
        progress.advance(chunk.len() as u64);
    }
    Ok(())
}
