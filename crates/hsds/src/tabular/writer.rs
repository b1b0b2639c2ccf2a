//! Writing an HSDS 3.0 tabular package, streamed: each pushed service is flattened
//! and its rows go straight to one buffered CSV file per table, so an export of
//! 100,000 services holds one service at a time (plus the ids written, to write each
//! organisation and location once). A zip is made from those files at the end.
//! Everything is deterministic: the same data gives the same bytes, zip included.

use super::catalogue::{self, ColumnDef, TableDef};
use super::describe::{WrittenTable, describe};
use super::flatten::{Context, Pending};
use super::profile_columns::PROFESSIONAL_NOTES;
use super::written::Written;
use crate::ExportOptions;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Tables written even when empty, so every package has its two core files.
const ALWAYS: [&str; 2] = ["organization", "service"];

/// What an export wrote and left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TabularSummary {
    /// Rows written per file, in package order.
    pub rows: Vec<(String, u64)>,
    /// Fields of the pushed objects that have no column, as `file: field`, with how
    /// often they were met (an HSDS extension of another publisher, say).
    pub dropped: BTreeMap<String, u64>,
    /// References that point at no row of the package (a term a service uses but that
    /// was not pushed), as `file: column`, with how many rows; their foreign key is
    /// left out of `datapackage.json`.
    pub dangling: BTreeMap<String, u64>,
}

/// Writes an HSDS 3.0 tabular package (see the module documentation).
pub struct TabularWriter {
    /// Where the CSV files go: the target folder, or a staging folder for a zip.
    dir: PathBuf,
    /// The zip file to make at the end, if any.
    zip: Option<PathBuf>,
    columns: HashMap<&'static str, Vec<&'static ColumnDef>>,
    tables: Vec<TableOut>,
    /// Table → its position in `tables`.
    positions: HashMap<&'static str, usize>,
    /// Ids written so far, per table.
    done: HashMap<&'static str, HashSet<String>>,
    dropped: BTreeMap<String, u64>,
}

struct TableOut {
    def: &'static TableDef,
    file: Option<csv::Writer<BufWriter<File>>>,
    rows: u64,
    written: Vec<Written>,
    /// (column position, column, target table, values not found when written).
    references: Vec<(usize, &'static str, &'static str, HashSet<String>)>,
}

impl TabularWriter {
    /// Writes the package into `folder`, which is made if needed and must hold no
    /// files yet (a stale table from an earlier export would otherwise look current).
    pub fn to_folder(folder: &Path, options: ExportOptions) -> io::Result<Self> {
        std::fs::create_dir_all(folder)?;
        if std::fs::read_dir(folder)?.next().is_some() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("{} is not empty; export into a new or empty folder", folder.display()),
            ));
        }
        Ok(Self::new(folder.to_owned(), None, options))
    }

    /// Writes the package as the zip file `file`; the tables are staged in a temporary
    /// folder that is removed afterwards.
    pub fn to_zip(file: &Path, options: ExportOptions) -> io::Result<Self> {
        // Fail now, not after an hour of writing, when the zip cannot be made there.
        if let Some(parent) = file.parent().filter(|p| !p.as_os_str().is_empty() && !p.is_dir()) {
            return Err(io::Error::new(io::ErrorKind::NotFound, format!("{} is no folder", parent.display())));
        }
        Ok(Self::new(staging_folder()?, Some(file.to_owned()), options))
    }

    fn new(dir: PathBuf, zip: Option<PathBuf>, options: ExportOptions) -> Self {
        let columns: HashMap<&'static str, Vec<&'static ColumnDef>> = catalogue::tables()
            .iter()
            .map(|table| {
                let shown = table
                    .columns
                    .iter()
                    .filter(|c| options.include_professional || !(c.profile.is_some() && c.name == PROFESSIONAL_NOTES));
                (table.name, shown.collect())
            })
            .collect();
        let tables = catalogue::tables()
            .iter()
            .map(|def| {
                let shown = &columns[def.name];
                let references = def
                    .foreign_keys
                    .iter()
                    .filter_map(|key| {
                        let column = key["fields"].as_str()?;
                        let target = catalogue::table(key["reference"]["resource"].as_str()?)?.name;
                        let position = shown.iter().position(|c| c.name == column)?;
                        Some((position, shown[position].name, target, HashSet::new()))
                    })
                    .collect();
                TableOut { def, file: None, rows: 0, written: vec![Written::default(); shown.len()], references }
            })
            .collect();
        let positions = catalogue::tables().iter().enumerate().map(|(at, t)| (t.name, at)).collect();
        Self { dir, zip, columns, tables, positions, done: HashMap::new(), dropped: BTreeMap::new() }
    }

    /// Writes one fully nested service object (as made by `service_to_hsds`).
    pub fn push_service(&mut self, service: &Value) -> io::Result<()> {
        self.push("service", service)
    }

    /// Writes an organisation on its own (as made by `organisation_to_hsds`), for one
    /// that no service mentions; an organisation already written is skipped.
    pub fn push_organization(&mut self, organization: &Value) -> io::Result<()> {
        self.push("organization", organization)
    }

    /// Writes a location on its own (as made by `location_to_hsds`).
    pub fn push_location(&mut self, location: &Value) -> io::Result<()> {
        self.push("location", location)
    }

    /// Writes a taxonomy (as made by `taxonomy_to_hsds`).
    pub fn push_taxonomy(&mut self, taxonomy: &Value) -> io::Result<()> {
        self.push("taxonomy", taxonomy)
    }

    /// Writes a taxonomy term (as made by `term_to_hsds`), with its taxonomy.
    pub fn push_term(&mut self, term: &Value) -> io::Result<()> {
        self.push("taxonomy_term", term)
    }

    fn push(&mut self, table: &'static str, object: &Value) -> io::Result<()> {
        let mut pending = Pending::default();
        let context = Context { columns: &self.columns, done: &self.done };
        let fallback = format!("{}", self.done.get(table).map_or(0, HashSet::len));
        pending.flatten(&context, table, object, None, &fallback);
        for (key, count) in std::mem::take(&mut pending.dropped) {
            *self.dropped.entry(key).or_default() += count;
        }
        for (table, id, row) in pending.rows {
            self.write_row(table, id, &row)?;
        }
        Ok(())
    }

    fn write_row(&mut self, table: &'static str, id: String, row: &[String]) -> io::Result<()> {
        let position = self.positions[table];
        let columns = &self.columns[table];
        let found: Vec<bool> = self.tables[position]
            .references
            .iter()
            .map(|(at, _, target, _)| {
                row[*at].is_empty() || self.done.get(target).is_some_and(|ids| ids.contains(&row[*at]))
            })
            .collect();
        let out = &mut self.tables[position];
        for ((at, _, _, missing), found) in out.references.iter_mut().zip(found) {
            if !found {
                missing.insert(row[*at].clone());
            }
        }
        for ((cell, column), written) in row.iter().zip(columns).zip(&mut out.written) {
            let format = column.official.as_ref().and_then(|f| f["format"].as_str());
            written.note(cell, column.ty, format);
        }
        let file = match &mut out.file {
            Some(file) => file,
            None => out.file.insert(open_table(&self.dir, out.def, columns)?),
        };
        file.write_record(row)?;
        out.rows += 1;
        self.done.entry(table).or_default().insert(id);
        Ok(())
    }

    /// Writes `datapackage.json` (and the zip), and says what was written.
    pub fn finish(mut self) -> io::Result<TabularSummary> {
        let mut summary = TabularSummary { dropped: std::mem::take(&mut self.dropped), ..TabularSummary::default() };
        for name in ALWAYS {
            let out = self.tables.iter_mut().find(|t| t.def.name == name).expect("core tables exist");
            if out.file.is_none() {
                out.file = Some(open_table(&self.dir, out.def, &self.columns[name])?);
            }
        }
        let mut described = Vec::new();
        for out in &mut self.tables {
            let Some(mut file) = out.file.take() else { continue };
            file.flush()?;
            file.into_inner().map_err(|error| error.into_error())?.flush()?;
            summary.rows.push((out.def.file.to_owned(), out.rows));
            let mut foreign_keys = Vec::new();
            for (_, column, target, missing) in &out.references {
                let ids = self.done.get(target);
                let dangling = missing.iter().filter(|value| ids.is_none_or(|ids| !ids.contains(*value))).count();
                if dangling == 0 && ids.is_some() {
                    foreign_keys.push((*column, *target));
                } else if dangling > 0 {
                    summary.dangling.insert(format!("{}: {column}", out.def.file), dangling as u64);
                }
            }
            described.push((out.def, out.written.clone(), foreign_keys));
        }
        let written_tables: Vec<WrittenTable<'_>> = described
            .iter()
            .map(|(def, written, foreign_keys)| WrittenTable {
                def,
                columns: &self.columns[def.name],
                written,
                foreign_keys: foreign_keys.clone(),
            })
            .collect();
        let mut description = serde_json::to_vec_pretty(&describe(&written_tables))?;
        description.push(b'\n');
        std::fs::write(self.dir.join(super::package::DESCRIPTION), description)?;
        if let Some(zip) = &self.zip {
            let names: Vec<&str> = std::iter::once(super::package::DESCRIPTION)
                .chain(described.iter().map(|(def, _, _)| def.file))
                .collect();
            write_zip(&self.dir, &names, zip)?;
        }
        Ok(summary)
    }
}

impl Drop for TabularWriter {
    fn drop(&mut self) {
        if self.zip.is_some() {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

fn open_table(dir: &Path, def: &TableDef, columns: &[&ColumnDef]) -> io::Result<csv::Writer<BufWriter<File>>> {
    let file = BufWriter::new(File::create(dir.join(def.file))?);
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(file);
    writer.write_record(columns.iter().map(|c| c.name))?;
    Ok(writer)
}

/// A new empty folder in the system's temporary folder.
fn staging_folder() -> io::Result<PathBuf> {
    let base = std::env::temp_dir();
    let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    for attempt in 0..100 {
        let dir = base.join(format!("wegwijs-tabular-{}-{stamp}-{attempt}", std::process::id()));
        match std::fs::create_dir(&dir) {
            Ok(()) => return Ok(dir),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(error),
        }
    }
    Err(io::Error::new(io::ErrorKind::AlreadyExists, "no free name for a temporary folder"))
}

/// Packs `names` from `dir` into `target`, with fixed dates and permissions so the
/// same files give the same zip. Written to a side file first, so a failed export
/// leaves no half zip under the target's name.
fn write_zip(dir: &Path, names: &[&str], target: &Path) -> io::Result<()> {
    let partial = target.with_extension("zip.part");
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::DEFAULT)
        .unix_permissions(0o644);
    let mut zip = zip::ZipWriter::new(BufWriter::new(File::create(&partial)?));
    for name in names {
        zip.start_file(*name, options).map_err(io::Error::other)?;
        io::copy(&mut File::open(dir.join(name))?, &mut zip)?;
    }
    zip.finish().map_err(io::Error::other)?.flush()?;
    std::fs::rename(&partial, target)
}
