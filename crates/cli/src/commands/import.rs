//! `wegwijs import`: read records from a file into the database, all or nothing.

use crate::batch::{self, Batch};
use anyhow::{Context, bail};
use std::path::PathBuf;
use std::time::Instant;
use wegwijs_hsds::{ImportContext, read_services};

/// File formats `wegwijs import` reads.
#[derive(Debug, clap::Subcommand)]
pub enum Format {
    /// HSDS 3.0 JSON: an array of fully nested service objects (as `export hsds` writes).
    Hsds(Args),
}

/// Arguments of `wegwijs import hsds`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The file to read.
    pub file: PathBuf,
    /// Check the file and show what would change, without changing anything.
    #[arg(long)]
    pub dry_run: bool,
    /// Name recorded as the source of every imported record (default: the file name).
    #[arg(long)]
    pub source: Option<String>,
}

/// Reads, checks and writes the file.
pub async fn run(database_url: &str, format: Format) -> anyhow::Result<()> {
    let Format::Hsds(args) = format;
    let started = Instant::now();
    let file = std::fs::File::open(&args.file).with_context(|| format!("cannot open {}", args.file.display()))?;
    if file.metadata()?.is_dir() {
        bail!("{} is a folder, not a file", args.file.display());
    }
    let source_name = args.source.clone().unwrap_or_else(|| {
        args.file.file_name().map_or_else(|| "import".to_owned(), |n| n.to_string_lossy().into_owned())
    });
    let context = ImportContext { now: chrono::Utc::now(), source_name };
    let parsed = tokio::task::spawn_blocking(move || read_services(std::io::BufReader::new(file), &context))
        .await
        .context("the import stopped unexpectedly")?;
    let imported = match parsed {
        Ok(imported) => imported,
        Err(error) => bail!("{} was not imported; nothing was changed.\n{error}", args.file.display()),
    };
    tracing::info!(
        services = imported.services.len(),
        elapsed_ms = started.elapsed().as_millis() as u64,
        "file read and checked"
    );
    let store = super::migrate::run(database_url).await?;
    let batch = Batch {
        organisations: imported.organisations,
        locations: imported.locations,
        services: imported.services,
        ..Batch::default()
    };
    let summary = batch::write(&store, &batch, args.dry_run)
        .await
        .with_context(|| format!("{} was not imported; nothing was changed", args.file.display()))?;
    let verb = if args.dry_run { "Dry run, nothing changed. The import would write" } else { "Imported" };
    eprintln!("{verb} in {:.1} s:\n{summary}", started.elapsed().as_secs_f64());
    Ok(())
}
