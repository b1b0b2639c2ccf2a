//! Import of a plain spreadsheet: the list of organisations and services a
//! municipality or GGD already keeps in Excel, read through a mapping file that says
//! which column is which Wegwijs field (see `docs/import-spreadsheet.md`).
//!
//! One row is one service with its organisation and, optionally, one location. Each
//! row becomes a nested HSDS service object and goes through the same checks as an
//! HSDS import, so both accept and refuse the same values; every problem is reported
//! as file, line, column header and reason. As with every import, it is all or nothing.

mod bind;
mod build;
mod dates;
mod field;
mod grid;
mod hours;
mod mapping;
mod money;
mod records;
mod report;
mod terms;
mod text;
mod words;
mod workbook;

use crate::import::{Collector, KEPT, Origins};
use crate::{ImportBatch, ImportContext, ImportError, MAX_PROBLEMS, RecordProblem};
use bind::Binding;
use build::{Builder, Notes};
use field::Field;
use records::Records;
use std::path::Path;
use terms::TermIndex;
use wegwijs_domain::TaxonomyTerm;

pub use mapping::{MappingError, SheetMapping};

/// Reads the spreadsheet at `path` (.csv or .xlsx) with `mapping`. `known_terms` are
/// the taxonomy terms themes may name (the store's, or the built-in ones).
pub fn read_sheet(
    path: &Path,
    mapping: &SheetMapping,
    known_terms: &[TaxonomyTerm],
    context: &ImportContext,
) -> Result<ImportBatch, ImportError> {
    let bytes = std::fs::read(path).map_err(ImportError::Read)?;
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    read_sheet_bytes(&name, &bytes, mapping, known_terms, context)
}

/// [`read_sheet`] for a file already in memory (an upload); `file_name` decides
/// how it is read (.csv or .xlsx) and names it in reports.
pub fn read_sheet_bytes(
    file_name: &str,
    bytes: &[u8],
    mapping: &SheetMapping,
    known_terms: &[TaxonomyTerm],
    context: &ImportContext,
) -> Result<ImportBatch, ImportError> {
    let mut warnings = Vec::new();
    let mut problems = Vec::new();
    let grid = grid::read(file_name, bytes, mapping.sheet(), &mut warnings, &mut problems)
        .map_err(|problem| ImportError::Invalid(vec![problem]))?;
    let binding = Binding::new(mapping, &grid, &mut warnings).map_err(ImportError::Invalid)?;
    let terms = TermIndex::new(known_terms, mapping.taxonomies()).map_err(|message| {
        ImportError::Invalid(vec![RecordProblem {
            place: None,
            record: "mapping file".to_owned(),
            field: "taxonomies".to_owned(),
            message,
        }])
    })?;
    let records = records::prepare(&grid, &binding, mapping.source(), &mut problems, &mut warnings);
    let mut notes = Notes { grid: &grid, problems: &mut problems, warnings: &mut warnings };
    let builder = Builder { grid: &grid, binding: &binding, source: mapping.source(), terms: &terms };
    let collector = collect(&builder, &records, context, &mut notes);
    let relabel = report::Relabel::new(
        &binding,
        &records,
        records.rows.iter().enumerate().map(|(at, prepared)| (grid.rows[prepared.row].line, at)),
    );
    match collector.finish() {
        Ok(mut batch) => {
            for warning in std::mem::take(&mut batch.warnings) {
                match left_out(&warning) {
                    Some(message) => problems.push(relabel.apply(RecordProblem { message, ..warning })),
                    None => warnings.push(relabel.apply(warning)),
                }
            }
            if !problems.is_empty() {
                return Err(invalid(problems));
            }
            batch.warnings = report::tidy(warnings);
            without_extras(&mut batch);
            Ok(batch)
        }
        Err(ImportError::Invalid(found)) => {
            problems.extend(found.into_iter().map(|problem| relabel.apply(problem)));
            Err(invalid(problems))
        }
        Err(other) => Err(other),
    }
}

/// Builds every row's service object and hands it to the HSDS import's collector.
/// Organisations and locations are built once, from their merged cells, and nested in
/// each of their services.
fn collect(builder: &Builder<'_>, records: &Records, context: &ImportContext, notes: &mut Notes<'_>) -> Collector {
    let (grid, binding, source) = (builder.grid, builder.binding, builder.source);
    let organisations: Vec<serde_json::Value> = records
        .organisations
        .iter()
        .map(|entity| build::organisation(entity, source, binding.is_mapped(Field::OrganisationId), notes))
        .collect();
    let locations: Vec<serde_json::Value> = records
        .locations
        .iter()
        .map(|entity| {
            build::location(entity, &organisations[entity.owner], source, binding.is_mapped(Field::LocationId))
        })
        .collect();
    let mut collector = Collector::new(context.clone());
    for prepared in &records.rows {
        let location = prepared.location.map(|at| &locations[at]);
        let value = builder.service(prepared, &organisations[prepared.organisation], location, notes);
        let mut origins = Origins::none();
        origins.add("", grid.place(grid.rows[prepared.row].line));
        collector.add_service_value(value, &origins);
    }
    collector
}

/// The reason of a warning about a value the HSDS import left out (an e-mail address
/// that is not one), without the promise that an HSDS export gives it back. From a
/// foreign feed such a value is kept aside; in a spreadsheet the editor can fix it, and
/// [`without_extras`] keeps nothing aside, so here it stops the import.
fn left_out(warning: &RecordProblem) -> Option<String> {
    let at = warning.message.find(KEPT)?;
    let reason = warning.message[..at].trim_end();
    let reason = reason.strip_suffix(" and").unwrap_or(reason).trim_end_matches([';', '.', ',', ' ']);
    // "…; the address is not used" is true of a lenient import, not of this one.
    let reason = match reason.rsplit_once("; ") {
        Some((cause, consequence)) if consequence.ends_with(" not used") => cause,
        _ => reason,
    };
    Some(reason.to_owned())
}

/// Drops what the HSDS import kept of the objects beyond what Wegwijs exports
/// ([`wegwijs_domain::HsdsExtra`]). It keeps that so foreign HSDS data passes through
/// unchanged; here every property was written by [`build`] from a mapped column, so
/// what differs from the export (ids of schedules, texts next to codes) is ours, not the
/// spreadsheet's, and would only make an export differ from a fresh one.
fn without_extras(batch: &mut ImportBatch) {
    batch.services.iter_mut().for_each(|service| service.hsds_extra = Default::default());
    batch.organisations.iter_mut().for_each(|organisation| organisation.hsds_extra = Default::default());
    batch.locations.iter_mut().for_each(|location| location.hsds_extra = Default::default());
}

/// The problems in row order, each once, at most [`MAX_PROBLEMS`].
fn invalid(problems: Vec<RecordProblem>) -> ImportError {
    let mut problems = report::tidy(problems);
    if problems.len() > MAX_PROBLEMS {
        let more = problems.len() - MAX_PROBLEMS;
        problems.truncate(MAX_PROBLEMS);
        problems.push(RecordProblem {
            place: None,
            record: format!("and {more} more"),
            field: String::new(),
            message: String::new(),
        });
    }
    ImportError::Invalid(problems)
}
