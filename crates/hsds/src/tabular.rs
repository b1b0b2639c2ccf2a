//! HSDS tabular data packages: a `datapackage.json` with one CSV file per table, the
//! form in which municipalities and partners most often exchange a sociale kaart,
//! because it opens in Excel.
//!
//! Import reads a folder or a zip file, in the HSDS 3.0 layout or the 1.x/2.x layout
//! many publishers still export, nests the rows into HSDS 3.0 JSON objects and hands
//! them to the same collector as the JSON import, so both check records the same way;
//! every problem names its file, line and column. Export writes HSDS 3.0 tables with
//! the Dutch profile's columns, streamed row by row.

mod assemble;
mod catalogue;
mod describe;
mod flatten;
mod index;
mod legacy;
mod load;
mod nesting;
mod package;
mod profile_columns;
mod references;
mod source;
mod tables;
mod v3;
mod value;
mod writer;
mod written;

pub use source::PackageLimits;
pub use writer::{TabularSummary, TabularWriter};

use crate::import::Collector;
use crate::{ImportBatch, ImportContext, ImportError, RecordProblem};
use package::{DESCRIPTION, Description, Layout};
use source::{Source, refused};
use std::collections::HashMap;
use std::path::Path;

/// Reads the HSDS tabular package in the folder or `.zip` file at `path`, within
/// [`PackageLimits::DEFAULT`]. All or nothing: any problem in any file fails the import
/// with every problem listed.
pub fn read_package(path: &Path, context: &ImportContext) -> Result<ImportBatch, ImportError> {
    read_package_with_limits(path, context, PackageLimits::DEFAULT)
}

/// [`read_package`] with other limits, e.g. smaller ones for an upload form.
pub fn read_package_with_limits(
    path: &Path,
    context: &ImportContext,
    limits: PackageLimits,
) -> Result<ImportBatch, ImportError> {
    let mut source = Source::open(path, limits)?;
    let mut collector = Collector::new(context.clone());
    let files = source.files();
    let description = if source.has(DESCRIPTION) {
        let bytes = source.read(DESCRIPTION)?;
        let mut warnings = Vec::new();
        let description = Description::parse(&bytes, &mut warnings);
        warnings.into_iter().for_each(|w| collector.warn(w));
        description
    } else {
        if files.iter().any(|f| f.to_ascii_lowercase().ends_with(".csv")) {
            collector.warn(v3::file_warning(
                &source.label,
                "the package has no datapackage.json; the tables were recognised by their file names",
            ));
        }
        None
    };
    let tables = match package::layout(&files, description.as_ref()) {
        Layout::V3 => v3::read(&mut source, description.as_ref(), &mut collector)?,
        Layout::Legacy => legacy::read(&mut source, description.as_ref(), context, &mut collector)?,
    };
    let Some(tables) = tables else { return collector.finish() };
    if tables.names().next().is_none() {
        return Err(refused(
            &source.label,
            "no HSDS table was found; a package holds files such as services.csv and organizations.csv",
        ));
    }
    assemble::assemble(&tables, &mut collector);
    let files_to_tables: HashMap<String, &'static str> = tables
        .names()
        .flat_map(|table| {
            tables.get(table).into_iter().flat_map(move |t| t.files.iter().map(move |f| (f.clone(), table)))
        })
        .collect();
    collector.finish().map_err(|error| match error {
        ImportError::Invalid(problems) => {
            ImportError::Invalid(problems.into_iter().map(|p| name_columns(p, &files_to_tables)).collect())
        }
        other => other,
    })
}

/// The collector names fields by their JSON path; in a CSV file, the profile's nested
/// fields are columns (`referral.route` is `referral_route`).
fn name_columns(mut problem: RecordProblem, files: &HashMap<String, &'static str>) -> RecordProblem {
    if let Some(table) = problem.place.as_ref().and_then(|place| files.get(&place.file))
        && let Some(column) = profile_columns::column_of_field(table, &problem.field)
    {
        problem.field = column.to_owned();
    }
    problem
}
