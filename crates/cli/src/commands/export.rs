//! `wegwijs export`: write every service as HSDS 3.0 JSON, streaming page by page so
//! 200,000 services never sit in memory at once.

use crate::progress::Progress;
use anyhow::Context;
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use wegwijs_domain::{Id, Location, Organisation, Service};
use wegwijs_hsds::{
    ExportOptions, FlatCsvWriter, FlatOptions, FlatSeparator, HsdsFileWriter, TabularWriter, TermLookup,
    organisation_to_hsds, service_to_hsds, taxonomy_to_hsds, term_to_hsds,
};
use wegwijs_store::{Page, Store};

/// Services read from the store per round trip.
const PAGE: u32 = 1000;

/// File formats `wegwijs export` writes. Professional-only notes are left out of
/// every format unless `--include-professional` is given.
#[derive(Debug, clap::Subcommand)]
pub enum Format {
    /// HSDS 3.0 JSON: an array of fully nested service objects, ordered by id.
    Hsds(Args),
    /// An HSDS 3.0 tabular data package: CSV files and datapackage.json, in a new folder
    /// or, when the output ends in .zip, one zip file.
    Datapackage(PackageArgs),
    /// A flat CSV file, one row per service, for mailings and research. Semicolons and a
    /// byte order mark by default, so Dutch Excel opens it right.
    Csv(CsvArgs),
}

/// Arguments of `wegwijs export hsds`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// File to write; standard output when left out.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Include information meant for professionals only. Such a file must not be
    /// published.
    #[arg(long)]
    pub include_professional: bool,
}

/// Arguments of `wegwijs export datapackage`.
#[derive(Debug, clap::Args)]
pub struct PackageArgs {
    /// A new or empty folder, or a file name ending in .zip.
    #[arg(long, short)]
    pub output: PathBuf,
    /// Include information meant for professionals only. Such a package must not be
    /// published.
    #[arg(long)]
    pub include_professional: bool,
}

/// Arguments of `wegwijs export csv`.
#[derive(Debug, clap::Args)]
pub struct CsvArgs {
    /// File to write; standard output when left out.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Separate with commas and leave out the byte order mark (for research tools
    /// rather than Excel).
    #[arg(long)]
    pub comma: bool,
    /// Add a column with information meant for professionals only. Such a file must
    /// not be published.
    #[arg(long)]
    pub include_professional: bool,
}

/// Writes the export.
pub async fn run(database_url: &str, format: Format) -> anyhow::Result<()> {
    let store = super::migrate::run(database_url).await?;
    match format {
        Format::Hsds(args) => {
            let options = ExportOptions { include_professional: args.include_professional };
            let count =
                to_file_or_stdout(args.output.as_deref(), async |out| write_hsds(&store, out, options).await).await?;
            if let Some(path) = &args.output {
                eprintln!("Exported {count} services to {}", path.display());
            }
        }
        Format::Datapackage(args) => {
            let options = ExportOptions { include_professional: args.include_professional };
            write_package(&store, &args.output, options).await?;
        }
        Format::Csv(args) => {
            let separator = if args.comma { FlatSeparator::Comma } else { FlatSeparator::Semicolon };
            let options = FlatOptions { separator, include_professional: args.include_professional };
            let count =
                to_file_or_stdout(args.output.as_deref(), async |out| write_flat(&store, out, options).await).await?;
            if let Some(path) = &args.output {
                eprintln!("Exported {count} services to {}", path.display());
            }
        }
    }
    Ok(())
}

/// Runs `write` into `path`, or standard output. A file is written next to its target
/// and renamed at the end, so a failed export never leaves half a file under the real name.
async fn to_file_or_stdout(
    path: Option<&std::path::Path>,
    write: impl AsyncFnOnce(&mut dyn Write) -> anyhow::Result<u64>,
) -> anyhow::Result<u64> {
    let Some(path) = path else {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        let count = write(&mut out).await?;
        out.flush()?;
        return Ok(count);
    };
    let partial = path.with_extension("partial");
    let file = std::fs::File::create(&partial).with_context(|| format!("cannot create {}", partial.display()))?;
    let mut out = std::io::BufWriter::new(file);
    let count = match write(&mut out).await {
        Ok(count) => count,
        Err(error) => {
            drop(out);
            let _ = std::fs::remove_file(&partial);
            return Err(error);
        }
    };
    out.into_inner().context("cannot finish writing")?.sync_all()?;
    std::fs::rename(&partial, path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(count)
}

/// Writes the tabular package: every service with what it nests, then the organisations
/// no service mentions, then every taxonomy and term, so the package is complete and
/// every reference in it resolves.
async fn write_package(store: &Store, output: &std::path::Path, options: ExportOptions) -> anyhow::Result<()> {
    let zip = output.extension().is_some_and(|e| e.eq_ignore_ascii_case("zip"));
    let mut writer =
        if zip { TabularWriter::to_zip(output, options) } else { TabularWriter::to_folder(output, options) }
            .with_context(|| format!("cannot write the package to {}", output.display()))?;
    let count = each_service(store, |service, organisation, locations, terms| {
        writer.push_service(&service_to_hsds(service, organisation, locations, terms, options))?;
        Ok(())
    })
    .await?;
    let mut offset = 0;
    loop {
        let organisations = store.organisations(Page { offset, limit: PAGE }).await?;
        if organisations.is_empty() {
            break;
        }
        for organisation in &organisations {
            writer.push_organization(&organisation_to_hsds(organisation, &[]))?;
        }
        offset += organisations.len() as u64;
    }
    let taxonomies = store.taxonomies().await?;
    for taxonomy in &taxonomies {
        writer.push_taxonomy(&taxonomy_to_hsds(taxonomy))?;
    }
    for term in store.taxonomy_terms().await? {
        // The store refuses a term without its taxonomy, so the lookup always succeeds.
        if let Some(taxonomy) = taxonomies.iter().find(|t| t.id == term.taxonomy_id) {
            writer.push_term(&term_to_hsds(&term, taxonomy))?;
        }
    }
    let summary = writer.finish().with_context(|| format!("cannot finish the package {}", output.display()))?;
    eprintln!("Exported {count} services to {}:", output.display());
    for (file, rows) in &summary.rows {
        eprintln!("  {file}: {rows} rows");
    }
    for (field, times) in &summary.dropped {
        eprintln!("  not written (no column for it): {field} ({times}×)");
    }
    Ok(())
}

/// Writes the flat CSV to `out`; returns how many services.
async fn write_flat(store: &Store, out: &mut dyn Write, options: FlatOptions) -> anyhow::Result<u64> {
    let mut file = FlatCsvWriter::new(out, options)?;
    let count = each_service(store, |service, organisation, locations, terms| {
        file.push(service, organisation, locations, terms)?;
        Ok(())
    })
    .await?;
    file.finish()?;
    Ok(count)
}

/// Writes all services as a JSON array to `out`; returns how many.
pub async fn write_hsds(store: &Store, out: &mut dyn Write, options: ExportOptions) -> anyhow::Result<u64> {
    let mut file = HsdsFileWriter::new(out)?;
    each_service(store, |service, organisation, locations, terms| {
        file.push(&service_to_hsds(service, organisation, locations, terms, options))?;
        Ok(())
    })
    .await?;
    let (_, count) = file.finish()?;
    Ok(count)
}

/// Calls `visit` for every service in id order, with its organisation, the locations it
/// is offered at and the taxonomy lookup, reading the store a page at a time so 200,000
/// services never sit in memory at once. Every export format is built on this walk.
pub async fn each_service(
    store: &Store,
    mut visit: impl FnMut(&Service, &Organisation, &[Location], &TermLookup) -> anyhow::Result<()>,
) -> anyhow::Result<u64> {
    let terms = TermLookup::new(&store.taxonomies().await?, &store.taxonomy_terms().await?);
    let total = store.service_count().await?;
    let mut progress = Progress::new("exporting", total);
    let mut organisations: HashMap<Id, Organisation> = HashMap::new();
    let mut locations: HashMap<Id, Location> = HashMap::new();
    let mut after: Option<Id> = None;
    let mut count = 0;
    loop {
        let services = store.services_after(after.as_ref(), PAGE).await?;
        let Some(last) = services.last() else { break };
        after = Some(last.id.clone());
        let missing_orgs: Vec<Id> =
            services.iter().map(|s| s.organisation_id.clone()).filter(|id| !organisations.contains_key(id)).collect();
        for organisation in store.organisations_by_ids(&missing_orgs).await? {
            organisations.insert(organisation.id.clone(), organisation);
        }
        let missing_locations: Vec<Id> = services
            .iter()
            .flat_map(|s| s.locations.iter().map(|sal| sal.location_id.clone()))
            .filter(|id| !locations.contains_key(id))
            .collect();
        for location in store.locations_by_ids(&missing_locations).await? {
            locations.insert(location.id.clone(), location);
        }
        for service in &services {
            let organisation = organisations
                .get(&service.organisation_id)
                .with_context(|| format!("service {} refers to a missing organisation", service.id))?;
            let service_locations: Vec<Location> =
                service.locations.iter().filter_map(|sal| locations.get(&sal.location_id).cloned()).collect();
            visit(service, organisation, &service_locations, &terms)?;
            count += 1;
        }
        progress.advance(services.len() as u64);
    }
    progress.finish();
    Ok(count)
}
