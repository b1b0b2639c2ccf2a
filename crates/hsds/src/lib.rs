//! Open data for Wegwijs: HSDS 3.0 in and out.
//!
//! - JSON: an export of our aggregates as fully nested service objects (like HSDS's
//!   `service_full.json`) and a streaming import of HSDS JSON (arrays, pages, single
//!   records) back into domain records.
//! - Tabular data packages (`datapackage.json` + CSV, a folder or a zip): import of the
//!   3.0 layout and the older 1.x/2.x layout, export of 3.0.
//! - Spreadsheets (CSV or .xlsx) read through a column-mapping file, and a flat CSV
//!   export for mailings and research.
//! - The Wegwijs Dutch HSDS profile ([`profile`]): the facts HSDS has no place for
//!   (funding scheme, referral, target groups, verification, provenance, opening-hour
//!   exceptions) as plain properties, so an export read back gives the same records.
//!
//! Every import is checked whole before anything is stored (all or nothing), and
//! reports every problem with its record, file, line and field. HSDS fields Wegwijs
//! does not model are kept per record and given back by every export (see `overlay`).
//! This crate does no I/O beyond reading the files it is given and writing exports;
//! storing a batch is the store's job.

mod error;
mod export;
mod flat;
mod import;
mod overlay;
pub mod profile;
mod sheet;
mod table;
mod tabular;
mod wire;

pub use error::{ImportError, Place, RecordProblem, SHOWN_PROBLEMS};
pub use export::{
    ExportOptions, HsdsFileWriter, TermLookup, location_to_hsds, organisation_to_hsds, service_to_hsds,
    taxonomy_to_hsds, term_to_hsds,
};
pub use flat::{FlatCsvWriter, FlatOptions, FlatSeparator};
pub use import::{ImportBatch, ImportContext, MAX_PROBLEMS, read_services};
pub use overlay::keep_property;
pub use profile::PROFILE_JSON;
pub use sheet::{MappingError, SheetMapping, read_sheet, read_sheet_bytes};
pub use tabular::{PackageLimits, TabularSummary, TabularWriter, read_package, read_package_with_limits};
