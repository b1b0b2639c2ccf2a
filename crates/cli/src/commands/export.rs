//! `wegwijs export`: write every service as HSDS 3.0 JSON, streaming page by page so
//! 200,000 services never sit in memory at once.

use crate::progress::Progress;
use anyhow::Context;
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use wegwijs_domain::{Id, Location, Organisation};
use wegwijs_hsds::{ExportOptions, HsdsFileWriter, TermLookup, service_to_hsds};
use wegwijs_store::Store;

/// Services read from the store per round trip.
const PAGE: u32 = 1000;

/// File formats `wegwijs export` writes.
#[derive(Debug, clap::Subcommand)]
pub enum Format {
    /// HSDS 3.0 JSON: an array of fully nested service objects, ordered by id.
    Hsds(Args),
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

/// Writes the export.
pub async fn run(database_url: &str, format: Format) -> anyhow::Result<()> {
    let Format::Hsds(args) = format;
    let store = super::migrate::run(database_url).await?;
    let options = ExportOptions { include_professional: args.include_professional };
    match &args.output {
        Some(path) => {
            // Write next to the target and rename, so a failed export never leaves
            // half a file under the real name.
            let partial = path.with_extension("partial");
            let file =
                std::fs::File::create(&partial).with_context(|| format!("cannot create {}", partial.display()))?;
            let mut out = std::io::BufWriter::new(file);
            let count = write_hsds(&store, &mut out, options).await?;
            out.into_inner().context("cannot finish writing")?.sync_all()?;
            std::fs::rename(&partial, path).with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("Exported {count} services to {}", path.display());
        }
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            write_hsds(&store, &mut out, options).await?;
            out.flush()?;
        }
    }
    Ok(())
}

/// Writes all services as a JSON array to `out`; returns how many.
pub async fn write_hsds(store: &Store, out: &mut impl Write, options: ExportOptions) -> anyhow::Result<u64> {
    let terms = TermLookup::new(&store.taxonomies().await?, &store.taxonomy_terms().await?);
    let total = store.service_count().await?;
    let mut progress = Progress::new("exporting", total);
    let mut organisations: HashMap<Id, Organisation> = HashMap::new();
    let mut locations: HashMap<Id, Location> = HashMap::new();
    let mut after: Option<Id> = None;
    let mut file = HsdsFileWriter::new(out)?;
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
            let json = service_to_hsds(service, organisation, &service_locations, &terms, options);
            file.push(&json)?;
        }
        progress.advance(services.len() as u64);
    }
    let (_, count) = file.finish()?;
    progress.finish();
    Ok(count)
}
