//! `wegwijs demo`: generate a realistic synthetic data set and write it to the database.

use crate::batch::{self, Batch};
use chrono::{DateTime, Utc};
use std::time::Instant;
use wegwijs_demo::{DemoConfig, DemoData};
use wegwijs_store::Store;

/// Arguments of `wegwijs demo`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Number of services to generate (100 to 200000). The default covers Teylingen
    /// and its neighbours; larger numbers spread over the whole country.
    #[arg(long, default_value_t = wegwijs_demo::DEFAULT_SERVICES as u32, value_parser = clap::value_parser!(u32).range(100..=200_000))]
    pub scale: u32,
    /// Seed of the random generator: the same seed gives the same data.
    #[arg(long, default_value_t = 1525)]
    pub seed: u64,
    /// Show what would be written without writing it.
    #[arg(long)]
    pub dry_run: bool,
}

/// Generates and writes the data set.
pub async fn run(database_url: &str, args: Args) -> anyhow::Result<()> {
    let store = super::migrate::run(database_url).await?;
    fill(&store, args.scale as usize, args.seed, today(), args.dry_run).await
}

/// Noon (UTC) of the current day: demo dates are relative to "now", and rounding it
/// to the day makes two runs on the same day give the same data set.
pub fn today() -> DateTime<Utc> {
    let noon = Utc::now().date_naive().and_hms_opt(12, 0, 0).expect("noon exists");
    DateTime::from_naive_utc_and_offset(noon, Utc)
}

/// Generates `scale` services and writes them; shared with `serve --demo`.
pub async fn fill(store: &Store, scale: usize, seed: u64, now: DateTime<Utc>, dry_run: bool) -> anyhow::Result<()> {
    let started = Instant::now();
    let data = wegwijs_demo::generate(&DemoConfig { services: scale, seed, now });
    tracing::info!(
        services = data.services.len(),
        elapsed_ms = started.elapsed().as_millis() as u64,
        "demo data generated"
    );
    let started = Instant::now();
    let summary = batch::write(store, &into_batch(data), "demo", dry_run).await?;
    let verb = if dry_run { "would write (dry run, nothing changed)" } else { "written" };
    eprintln!("{verb} in {:.1} s:\n{summary}", started.elapsed().as_secs_f64());
    Ok(())
}

fn into_batch(data: DemoData) -> Batch {
    Batch {
        taxonomies: data.taxonomies,
        terms: data.terms,
        organisations: data.organisations,
        locations: data.locations,
        services: data.services,
    }
}
