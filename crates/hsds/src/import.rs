//! Import: an HSDS 3.0 JSON file of nested service objects into domain records.
//!
//! The top-level array is streamed element by element, so a file of 100k services
//! never becomes one JSON tree in memory. Each element is converted at once; every
//! problem is collected with its record and field path, and the batch is only
//! returned when the whole file is clean (an import is all or nothing).

mod collect;
mod common;
mod lists;
mod location;
mod service;
mod stream;

use chrono::{DateTime, Utc};
use std::collections::BTreeSet;
use wegwijs_domain::{Id, Location, Organisation, Service};

use crate::ImportError;

/// After this many problems the import stops collecting: a file this broken needs
/// fixing at the source, not a longer list.
pub const MAX_PROBLEMS: usize = 100;

/// Facts about the import that the file does not carry.
#[derive(Debug, Clone)]
pub struct ImportContext {
    /// When the import runs: `created`/`updated` of records that carry no dates.
    pub now: DateTime<Utc>,
    /// The feed or file name, recorded as the source of records without `x_wegwijs`.
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
    /// Every taxonomy term the services refer to; the store rejects unknown ones.
    pub term_ids: BTreeSet<Id>,
}

/// Reads an HSDS 3.0 JSON array of nested service objects (or one service object, or
/// one organisation object with a `services` array).
pub fn read_services(reader: impl std::io::Read, context: &ImportContext) -> Result<ImportBatch, ImportError> {
    let mut collector = collect::Collector::new(context.clone());
    stream::read(std::io::BufReader::new(reader), &mut collector)?;
    collector.finish()
}
