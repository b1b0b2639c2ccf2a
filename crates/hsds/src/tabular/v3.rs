//! Reading an HSDS 3.0 package: every table it has, typed by the package's own
//! description where that fits HSDS, by the official description otherwise.

use super::catalogue::{self, TableDef};
use super::load::{ColumnPlan, load};
use super::package::{DESCRIPTION, Description, Resource};
use super::source::Source;
use super::tables::Tables;
use crate::import::Collector;
use crate::{ImportError, RecordProblem};

/// Reads every HSDS 3.0 table of `source`. `None` when a file is not readable as CSV
/// (reported); a refused file (too large, an archive) ends the import at once.
pub(crate) fn read(
    source: &mut Source,
    description: Option<&Description>,
    collector: &mut Collector,
) -> Result<Option<Tables>, ImportError> {
    let mut tables = Tables::default();
    let mut readable = true;
    for (path, table, resource) in plan_files(source, description, collector) {
        let bytes = source.read(&path)?;
        let plan = |header: &str| column_plan(table, resource, header);
        match load(table.name, &path, &bytes, plan, collector) {
            Some(records) => tables.add(table.name, &path, records),
            None => readable = false,
        }
    }
    Ok(readable.then_some(tables))
}

/// The files to read, with their table and description. Described files come first,
/// then HSDS tables the description forgot; other files are reported.
fn plan_files<'d>(
    source: &Source,
    description: Option<&'d Description>,
    collector: &mut Collector,
) -> Vec<(String, &'static TableDef, Option<&'d Resource>)> {
    let mut files = Vec::new();
    for resource in description.into_iter().flat_map(|d| d.resources.iter()) {
        if !source.has(&resource.path) {
            continue;
        }
        let base = resource.path.rsplit('/').next().unwrap_or(&resource.path);
        let table = resource.name.as_deref().and_then(catalogue::table).or_else(|| catalogue::table_for_file(base));
        match table {
            Some(table) => files.push((resource.path.clone(), table, Some(resource))),
            None => collector.warn(file_warning(&resource.path, "this file is no HSDS 3.0 table; ignored")),
        }
    }
    for name in source.files() {
        if name == DESCRIPTION || files.iter().any(|(path, _, _)| path.eq_ignore_ascii_case(&name)) {
            continue;
        }
        if !name.to_ascii_lowercase().ends_with(".csv") {
            continue;
        }
        match catalogue::table_for_file(&name) {
            Some(table) => {
                if description.is_some() {
                    collector.warn(file_warning(
                        &name,
                        "datapackage.json does not describe this file; it was read as the official HSDS table",
                    ));
                }
                files.push((name, table, None));
            }
            None => collector.warn(file_warning(&name, "this file is no HSDS 3.0 table; ignored")),
        }
    }
    files
}

/// The column `header` of `table`: HSDS's type, or the package's when it fits, and
/// the package's parse hints.
fn column_plan(table: &TableDef, resource: Option<&Resource>, header: &str) -> Option<ColumnPlan> {
    let column = table.column(header)?;
    let declared = resource.and_then(|r| r.fields.get(&header.trim().to_ascii_lowercase()));
    let ty = match declared {
        Some((Some(declared), _)) if declared.fits(column.ty) => *declared,
        _ => column.ty,
    };
    let hints = declared.map(|(_, hints)| hints.clone()).unwrap_or_default();
    Some(ColumnPlan { key: column.name, ty, hints })
}

/// A warning about a whole file.
pub(crate) fn file_warning(file: &str, message: &str) -> RecordProblem {
    RecordProblem { place: None, record: file.to_owned(), field: String::new(), message: message.to_owned() }
}
