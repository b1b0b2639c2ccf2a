//! `wegwijs import`: read records from a file into the database, all or nothing.
//!
//! Every format ends in the same [`ImportBatch`]: read and check the whole file first,
//! then write it in one transaction. A report file lists every problem and warning
//! with file, line, field and reason, for the editor who has to fix the source.

mod reconcile;

use crate::batch::{self, Batch};
use anyhow::{Context, bail};
use chrono::Utc;
use std::path::{Path, PathBuf};
use std::time::Instant;
use wegwijs_hsds::{ImportBatch, ImportContext, ImportError, RecordProblem, SHOWN_PROBLEMS};

/// File formats `wegwijs import` reads.
#[derive(Debug, clap::Subcommand)]
pub enum Format {
    /// HSDS 3.0 JSON: an array of fully nested service objects (as `export hsds` writes),
    /// one service, or one organisation with its services.
    Hsds(Args),
    /// An HSDS tabular data package: a folder or .zip with datapackage.json and CSV
    /// files, in the 3.0 layout or the older 1.x/2.x layout.
    Datapackage(Args),
    /// A spreadsheet (.csv or .xlsx) of organisations and services, read through a
    /// column-mapping file (see docs/import-spreadsheet.md).
    Sheet(SheetArgs),
}

/// Arguments every import takes.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The file (or, for a data package, the folder or .zip) to read.
    pub file: PathBuf,
    /// Check the file and show what would change, without changing anything.
    #[arg(long)]
    pub dry_run: bool,
    /// Name recorded as the source of every imported record (default: the file name).
    #[arg(long)]
    pub source: Option<String>,
    /// Write every problem and warning, with file, line, field and reason, to this CSV file.
    #[arg(long)]
    pub report: Option<PathBuf>,
}

/// Arguments of `wegwijs import sheet`.
#[derive(Debug, clap::Args)]
pub struct SheetArgs {
    #[command(flatten)]
    pub common: Args,
    /// The column-mapping file (TOML) that says which column holds what.
    #[arg(long)]
    pub mapping: PathBuf,
}

/// Reads, checks and writes the file.
pub async fn run(database_url: &str, format: Format) -> anyhow::Result<()> {
    let started = Instant::now();
    let args = match &format {
        Format::Hsds(args) | Format::Datapackage(args) => args,
        Format::Sheet(sheet) => &sheet.common,
    };
    if !args.file.exists() {
        bail!("cannot open {}: it does not exist", args.file.display());
    }
    let source_name = args.source.clone().unwrap_or_else(|| {
        args.file.file_name().map_or_else(|| "import".to_owned(), |n| n.to_string_lossy().into_owned())
    });
    let now = Utc::now();
    let context = ImportContext { now, source_name: source_name.clone() };
    let store = super::migrate::run(database_url).await?;
    let parsed = read(&format, context, &store).await?;
    let imported = match parsed {
        Ok(imported) => imported,
        Err(error) => {
            if let (Some(report), ImportError::Invalid(problems)) = (&args.report, &error) {
                write_report(report, problems, &[])?;
            }
            bail!("{} was not imported; nothing was changed.\n{error}", args.file.display());
        }
    };
    tracing::info!(
        services = imported.services.len(),
        warnings = imported.warnings.len(),
        elapsed_ms = started.elapsed().as_millis() as u64,
        "file read and checked"
    );
    let mut warnings = imported.warnings;
    let mut batch = Batch {
        taxonomies: imported.taxonomies,
        terms: imported.terms,
        organisations: imported.organisations,
        locations: imported.locations,
        services: imported.services,
    };
    reconcile::keep_local_words(&store, &mut batch.terms).await?;
    reconcile::keep_stored_dates(&store, &mut batch, now).await?;
    reconcile::name_unknown_taxonomies(&store, &mut batch, &source_name, &mut warnings).await?;
    reconcile::unlink_unknown_organisations(&store, &mut batch, &mut warnings).await?;
    if let Some(report) = &args.report {
        write_report(report, &[], &warnings)?;
    }
    let summary = batch::write(&store, &batch, &format!("import:{source_name}"), args.dry_run)
        .await
        .with_context(|| format!("{} was not imported; nothing was changed", args.file.display()))?;
    print_warnings(&warnings, args.report.as_deref());
    let verb = if args.dry_run { "Dry run, nothing changed. The import would write" } else { "Imported" };
    eprintln!("{verb} in {:.1} s:\n{summary}", started.elapsed().as_secs_f64());
    Ok(())
}

/// Reads and checks the whole input on a blocking thread; nothing is written yet.
async fn read(
    format: &Format,
    context: ImportContext,
    store: &wegwijs_store::Store,
) -> anyhow::Result<Result<ImportBatch, ImportError>> {
    let read = match format {
        Format::Hsds(args) => {
            let path = args.file.clone();
            let file = std::fs::File::open(&path).with_context(|| format!("cannot open {}", path.display()))?;
            if file.metadata()?.is_dir() {
                bail!("{} is a folder, not a file; a folder is read by `wegwijs import datapackage`", path.display());
            }
            tokio::task::spawn_blocking(move || wegwijs_hsds::read_services(std::io::BufReader::new(file), &context))
                .await
        }
        Format::Datapackage(args) => {
            let path = args.file.clone();
            let extension = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
            if matches!(extension.as_deref(), Some("csv" | "xlsx" | "xls" | "ods")) {
                bail!(
                    "{} is one spreadsheet, not a data package (a folder or .zip with datapackage.json); \
                     read it with `wegwijs import sheet {} --mapping MAPPING.toml`",
                    path.display(),
                    path.display()
                );
            }
            tokio::task::spawn_blocking(move || wegwijs_hsds::read_package(&path, &context)).await
        }
        Format::Sheet(sheet) => {
            let text = std::fs::read_to_string(&sheet.mapping)
                .with_context(|| format!("cannot read the mapping file {}", sheet.mapping.display()))?;
            let mapping = wegwijs_hsds::SheetMapping::from_toml(&text).map_err(|error| {
                anyhow::anyhow!("the mapping file {} is not right: {error}", sheet.mapping.display())
            })?;
            let terms = store.taxonomy_terms().await?;
            let path = sheet.common.file.clone();
            tokio::task::spawn_blocking(move || wegwijs_hsds::read_sheet(&path, &mapping, &terms, &context)).await
        }
    };
    read.context("the import stopped unexpectedly")
}

/// Shows the first warnings on the terminal; the report file has them all.
fn print_warnings(warnings: &[RecordProblem], report: Option<&Path>) {
    if warnings.is_empty() {
        return;
    }
    eprintln!("{} warning{}:", warnings.len(), if warnings.len() == 1 { "" } else { "s" });
    for warning in warnings.iter().take(SHOWN_PROBLEMS) {
        eprintln!("- {warning}");
    }
    if warnings.len() > SHOWN_PROBLEMS {
        match report {
            Some(report) => eprintln!("- … and {} more in {}", warnings.len() - SHOWN_PROBLEMS, report.display()),
            None => eprintln!("- … and {} more (write them all with --report)", warnings.len() - SHOWN_PROBLEMS),
        }
    }
}

/// Writes problems and warnings as CSV: one row each, with severity, file, line,
/// record, field and message, so an editor can sort and filter them in a spreadsheet.
fn write_report(path: &Path, problems: &[RecordProblem], warnings: &[RecordProblem]) -> anyhow::Result<()> {
    let mut out =
        csv::Writer::from_path(path).with_context(|| format!("cannot write the report {}", path.display()))?;
    out.write_record(["severity", "file", "line", "record", "field", "message"])?;
    let rows = problems.iter().map(|p| ("error", p)).chain(warnings.iter().map(|w| ("warning", w)));
    for (severity, problem) in rows {
        let (file, line) = match &problem.place {
            Some(place) => (place.file.clone(), place.line.to_string()),
            None => (String::new(), String::new()),
        };
        out.write_record([severity, &file, &line, &problem.record, &problem.field, &problem.message])?;
    }
    out.flush()?;
    eprintln!("Report written to {}", path.display());
    Ok(())
}
