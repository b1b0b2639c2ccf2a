//! `wegwijs serve`: run the website.

use anyhow::Context;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use wegwijs_search::follow::Follower;
use wegwijs_web::search_log::SearchLog;
use wegwijs_web::{AppState, WebConfig};

/// How often the search index looks for new changes: a write shows up in search
/// within this time plus the indexing itself.
const FOLLOW_INTERVAL: Duration = Duration::from_millis(250);
/// How often counts of searches with few results are written to the database.
const LOG_FLUSH_INTERVAL: Duration = Duration::from_secs(60);

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
    /// Search index options.
    #[command(flatten)]
    pub index: super::search_index::IndexArgs,
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

    let index = args.index.open(database_url)?;
    let follower = Follower::new(store.clone(), index.clone());
    if index.applied_seq()? == 0 {
        eprintln!("Building the search index…");
    }
    follower.catch_up().await.context("cannot bring the search index up to date")?;
    let search_log = SearchLog::default();
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let until_stopped = move || {
        let mut stopped = stopped.clone();
        async move {
            let _ = stopped.wait_for(|stop| *stop).await;
        }
    };
    let following = tokio::spawn(follower.run(FOLLOW_INTERVAL, until_stopped()));
    let logging = tokio::spawn(search_log.clone().run(store.clone(), LOG_FLUSH_INTERVAL, until_stopped()));

    let state = AppState { store: store.clone(), search: index, search_log, config: Arc::new(WebConfig::default()) };
    eprintln!("Wegwijs is running: open http://{address}/ in your browser (Ctrl-C stops).");
    let served = wegwijs_web::serve(state, listener, wegwijs_web::shutdown_signal()).await;
    let _ = stop.send(true);
    let _ = following.await;
    let _ = logging.await;
    // Closing the pool lets SQLite checkpoint its write-ahead log into the database file.
    store.close().await;
    served.context("the server stopped with an error")
}
