//! `wegwijs reindex`: rebuild the search index from the database.

use super::search_index::IndexArgs;
use crate::progress::Progress;
use wegwijs_search::follow::Follower;

/// Rebuilds the index and reports how long it took.
pub async fn run(database_url: &str, args: IndexArgs) -> anyhow::Result<()> {
    let store = super::migrate::run(database_url).await?;
    let index = args.open(database_url)?;
    let total = store.service_count().await?;
    let mut progress = Progress::new("indexing", total);
    let mut seen = 0;
    let stats = Follower::new(store.clone(), index.clone())
        .rebuild(|n| {
            progress.advance(n - seen);
            seen = n;
        })
        .await?;
    progress.finish();
    eprintln!(
        "Indexed {} services ({} searchable) in {:.1} s.",
        stats.services,
        index.len(),
        stats.elapsed.as_secs_f64()
    );
    store.close().await;
    Ok(())
}
