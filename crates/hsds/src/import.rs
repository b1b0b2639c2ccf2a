//! Import: an HSDS 3.0 JSON file of nested service objects into domain records.
//!
//! The top-level array is streamed element by element, so a file of 100k services
//! never becomes one JSON tree in memory. Each element is converted at once; every
//! problem is collected with its record and field path, and the batch is only
//! returned when the whole file is clean (an import is all or nothing). Values a
//! record can do without are warnings instead, and what Wegwijs has no place for is
//! kept with the record, so an export gives it back.

mod collect;
mod common;
mod keep;
mod legacy;
mod lists;
mod location;
mod pool;
mod read;
mod service;
mod stream;
mod taxonomy;

use chrono::{DateTime, Utc};
use std::collections::BTreeSet;
use wegwijs_domain::{Id, Location, Organisation, Service, Taxonomy, TaxonomyTerm};

use crate::{ImportError, RecordProblem};

pub(crate) use collect::{Collector, Origins};
pub(crate) use common::KEPT;

/// After this many problems the import stops collecting: a file this broken needs
/// fixing at the source, not a longer list. Below it, every problem is kept, so a
/// report can list every rejected row.
pub const MAX_PROBLEMS: usize = 10_000;

/// Facts about the import that the file does not carry.
#[derive(Debug, Clone)]
pub struct ImportContext {
    /// When the import runs: `created`/`updated` of records that carry no dates.
    pub now: DateTime<Utc>,
    /// The feed or file name, recorded as the source of records that name none.
    pub source_name: String,
}

/// Everything one file describes, deduplicated.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportBatch {
    /// Organisations, in order of first appearance.
    pub organisations: Vec<Organisation>,
    /// Locations, in order of first appearance.
    pub locations: Vec<Location>,
    /// Services, in file order.
    pub services: Vec<Service>,
    /// Taxonomies the file describes (nested in attributes, or a taxonomies table).
    pub taxonomies: Vec<Taxonomy>,
    /// Taxonomy terms the file describes.
    pub terms: Vec<TaxonomyTerm>,
    /// Every taxonomy term the services refer to; the store rejects unknown ones.
    pub term_ids: BTreeSet<Id>,
    /// What was read but could not be used, or was read in a way the editor should
    /// know about (a Latin-1 file, a column Wegwijs has no place for). Not errors: the
    /// import goes ahead, and the report shows them.
    pub warnings: Vec<RecordProblem>,
}

/// Reads an HSDS 3.0 JSON array of nested service objects, or what an HSDS API gives:
/// one service, organisation (with its `services`), service at a location, location,
/// taxonomy or taxonomy term, or a page (`contents`) of them.
pub fn read_services(reader: impl std::io::Read, context: &ImportContext) -> Result<ImportBatch, ImportError> {
    let mut collector = collect::Collector::new(context.clone());
    stream::read(std::io::BufReader::new(reader), &mut collector)?;
    collector.finish()
}
