//! `wegwijs import`: read records from a file into the database, all or nothing.
//!
//! Every format ends in the same [`ImportBatch`]: read and check the whole file first,
//! then write it in one transaction. A report file lists every problem and warning
//! with file, line, field and reason, for the editor who has to fix the source.

use crate::batch::{self, Batch};
use anyhow::{Context, bail};
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;
use wegwijs_domain::{Id, Name, RecordMeta, Taxonomy, TaxonomyTerm};
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
    keep_local_words(&store, &mut batch.terms).await?;
    keep_stored_dates(&store, &mut batch, now).await?;
    name_unknown_taxonomies(&store, &mut batch, &source_name, &mut warnings).await?;
    unlink_unknown_organisations(&store, &mut batch, &mut warnings).await?;
    if let Some(report) = &args.report {
        write_report(report, &[], &warnings)?;
    }
    let summary = batch::write(&store, &batch, args.dry_run)
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

/// A plain HSDS feed has no lay names or synonyms for its terms; writing its terms as
/// they are would wipe the words residents search with from terms this kaart already
/// has. Such terms keep the stored words; a feed that has words of its own wins.
async fn keep_local_words(store: &wegwijs_store::Store, terms: &mut [TaxonomyTerm]) -> anyhow::Result<()> {
    if terms.iter().all(|term| !term.lay_name.is_empty() || !term.synonyms.is_empty()) {
        return Ok(());
    }
    let stored: HashMap<Id, TaxonomyTerm> =
        store.taxonomy_terms().await?.into_iter().map(|term| (term.id.clone(), term)).collect();
    for term in terms.iter_mut().filter(|term| term.lay_name.is_empty() && term.synonyms.is_empty()) {
        if let Some(local) = stored.get(&term.id) {
            term.lay_name.clone_from(&local.lay_name);
            term.synonyms.clone_from(&local.synonyms);
        }
    }
    Ok(())
}

/// A file without dates gives its records the time of the import as `created` and
/// `updated`. Stored as such, every re-import of an unchanged spreadsheet would
/// "change" every record and a record's creation date would move. So a record that
/// already exists keeps its stored `created`, and keeps its stored `updated` too when
/// nothing else about it changed. Files that carry dates (Wegwijs's own exports) are
/// left as they are.
async fn keep_stored_dates(store: &wegwijs_store::Store, batch: &mut Batch, now: DateTime<Utc>) -> anyhow::Result<()> {
    let ids = |metas: Vec<(&Id, &RecordMeta)>| -> Vec<Id> {
        metas
            .into_iter()
            .filter(|(_, meta)| meta.created == now || meta.updated == now)
            .map(|(id, _)| id.clone())
            .collect()
    };
    let wanted = ids(batch.organisations.iter().map(|o| (&o.id, &o.meta)).collect());
    settle(&mut batch.organisations, store.organisations_by_ids(&wanted).await?, now, |o| &o.id, |o| &mut o.meta);
    let wanted = ids(batch.locations.iter().map(|l| (&l.id, &l.meta)).collect());
    settle(&mut batch.locations, store.locations_by_ids(&wanted).await?, now, |l| &l.id, |l| &mut l.meta);
    let wanted = ids(batch.services.iter().map(|s| (&s.id, &s.meta)).collect());
    settle(&mut batch.services, store.services_by_ids(&wanted).await?, now, |s| &s.id, |s| &mut s.meta);
    Ok(())
}

/// [`keep_stored_dates`] for one kind of record.
fn settle<T: Clone + PartialEq>(
    records: &mut [T],
    stored: Vec<T>,
    now: DateTime<Utc>,
    id: impl Fn(&T) -> &Id,
    meta: impl Fn(&mut T) -> &mut RecordMeta,
) {
    let mut stored: HashMap<Id, T> = stored.into_iter().map(|record| (id(&record).clone(), record)).collect();
    for record in records.iter_mut() {
        let Some(mut old) = stored.remove(id(record)) else { continue };
        let old_meta = meta(&mut old).clone();
        let new = meta(record);
        if new.created == now {
            new.created = old_meta.created;
        }
        if new.updated == now {
            new.updated = old_meta.updated;
            if *record != old {
                meta(record).updated = now;
            }
        }
    }
}

/// HSDS lets a term name its taxonomy by an id that the feed never describes (the
/// official HSDS example package does). A term needs its taxonomy to be stored, so such
/// a taxonomy is made from what is known — its id and the source — with a warning, so
/// an editor can name it; one this kaart already has is used as it is.
async fn name_unknown_taxonomies(
    store: &wegwijs_store::Store,
    batch: &mut Batch,
    source_name: &str,
    warnings: &mut Vec<RecordProblem>,
) -> anyhow::Result<()> {
    let mut known: std::collections::HashSet<Id> = batch.taxonomies.iter().map(|t| t.id.clone()).collect();
    if batch.terms.iter().all(|term| known.contains(&term.taxonomy_id)) {
        return Ok(());
    }
    known.extend(store.taxonomies().await?.into_iter().map(|t| t.id));
    for term in &batch.terms {
        if known.insert(term.taxonomy_id.clone()) {
            let name = Name::parse(&format!("Taxonomie uit {source_name}"))
                .or_else(|_| Name::parse("Taxonomie uit een import"))
                .context("a fixed taxonomy name is valid")?;
            batch.taxonomies.push(Taxonomy {
                id: term.taxonomy_id.clone(),
                name,
                description: format!("Named by taxonomy terms of {source_name}, which does not describe it."),
                uri: None,
                version: None,
            });
            warnings.push(RecordProblem {
                place: None,
                record: format!("taxonomy_term (id {:?})", term.id.as_str()),
                field: "taxonomy_id".to_owned(),
                message: format!(
                    "the taxonomy {:?} is not in the file and not in Wegwijs; it was added as \"Taxonomie uit \
                     {source_name}\" for an editor to name",
                    term.taxonomy_id.as_str()
                ),
            });
        }
    }
    Ok(())
}

/// A location may name an organisation that is neither in the file nor in Wegwijs (the
/// official HSDS example package does). The location is still useful without that
/// link; the id is kept for HSDS exports, with a warning.
async fn unlink_unknown_organisations(
    store: &wegwijs_store::Store,
    batch: &mut Batch,
    warnings: &mut Vec<RecordProblem>,
) -> anyhow::Result<()> {
    let in_file: std::collections::HashSet<&Id> = batch.organisations.iter().map(|o| &o.id).collect();
    let elsewhere: Vec<Id> =
        batch.locations.iter().filter_map(|l| l.organisation_id.clone()).filter(|id| !in_file.contains(id)).collect();
    if elsewhere.is_empty() {
        return Ok(());
    }
    let stored: std::collections::HashSet<Id> =
        store.organisations_by_ids(&elsewhere).await?.into_iter().map(|o| o.id).collect();
    let known: std::collections::HashSet<Id> = in_file.into_iter().cloned().chain(stored).collect();
    for location in &mut batch.locations {
        let Some(id) = location.organisation_id.clone().filter(|id| !known.contains(id)) else { continue };
        location.organisation_id = None;
        wegwijs_hsds::keep_property(&mut location.hsds_extra, "organization_id", id.as_str().into());
        warnings.push(RecordProblem {
            place: None,
            record: format!("location (id {:?})", location.id.as_str()),
            field: "organization_id".to_owned(),
            message: format!(
                "the organisation {:?} is not in the file and not in Wegwijs; the location is kept without it \
                 and HSDS exports give the id back",
                id.as_str()
            ),
        });
    }
    Ok(())
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
