//! HSDS 3.0 JSON for Wegwijs: an export of our aggregates as "fully nested service
//! objects" (like HSDS's `service_full.json`), and a streaming import of such files back
//! into domain records. Dutch data HSDS has no place for travels in one `x_wegwijs`
//! property per object, so an export read back gives the same records.
//!
//! This crate does no I/O beyond reading a `std::io::Read`; storing the batch is the
//! store's job.

mod error;
mod export;
mod import;
mod wire;

pub use error::{ImportError, RecordProblem};
pub use export::{ExportOptions, HsdsFileWriter, TermLookup, service_to_hsds};
pub use import::{ImportBatch, ImportContext, MAX_PROBLEMS, read_services};
