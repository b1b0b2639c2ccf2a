//! `wegwijs serve`: run the website.

use anyhow::Context;
use std::net::SocketAddr;
use std::sync::Arc;
use wegwijs_web::{AppState, WebConfig};

/// Arguments of `wegwijs serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Address and port to listen on.
    #[arg(long, env = "WEGWIJS_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Fill an empty database with demo data first.
    #[arg(long)]
    pub demo: bool,
    /// Number of demo services for `--demo`.
    #[arg(long, default_value_t = wegwijs_demo::DEFAULT_SERVICES as u32, requires = "demo", value_parser = clap::value_parser!(u32).range(100..=200_000))]
    pub demo_scale: u32,
}

/// Starts the server and runs until Ctrl-C or SIGTERM.
pub async fn run(database_url: &str, args: Args) -> anyhow::Result<()> {
    let store = super::migrate::run(database_url).await?;
    if args.demo {
        if store.service_count().await? == 0 {
            super::demo::fill(&store, args.demo_scale as usize, 1525, super::demo::today(), false).await?;
        } else {
            tracing::info!("the database already has services; --demo adds nothing");
        }
    }
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .with_context(|| format!("cannot listen on {} (is another program using it?)", args.addr))?;
    let address = listener.local_addr()?;
    let state = AppState { store: store.clone(), config: Arc::new(WebConfig::default()) };
    eprintln!("Wegwijs is running: open http://{address}/ in your browser (Ctrl-C stops).");
    let served = wegwijs_web::serve(state, listener, wegwijs_web::shutdown_signal()).await;
    // Closing the pool lets SQLite checkpoint its write-ahead log into the database file.
    store.close().await;
    served.context("the server stopped with an error")
}
