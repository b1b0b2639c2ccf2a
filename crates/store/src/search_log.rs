//! Counts of searches that found no or few results, per query text and day. Nothing
//! that identifies the searcher is stored.

use crate::{Result, Store};
use chrono::NaiveDate;

/// Searches for one query text on one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedSearch {
    /// The query, normalised by the caller (lowercase, no accents, single spaces).
    pub query: String,
    /// The day (Dutch local date).
    pub day: NaiveDate,
    /// How many times it was searched.
    pub searches: u64,
    /// The fewest results any of those searches found.
    pub fewest: u64,
}

/// A query with its totals over a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryTotal {
    /// The query.
    pub query: String,
    /// Searches in the period.
    pub searches: u64,
    /// The fewest results any of them found.
    pub fewest: u64,
}

impl Store {
    /// Adds counts to the log: searches add up, `fewest` keeps the minimum.
    pub async fn record_searches(&self, entries: &[LoggedSearch]) -> Result<()> {
        if entries.is_empty() {
            return Ok(());
        }
        let mut tx = self.pool.begin().await?;
        for entry in entries {
            sqlx::query(
                "INSERT INTO search_log (query, day, searches, fewest) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (query, day) DO UPDATE SET searches = search_log.searches + excluded.searches, \
                 fewest = CASE WHEN excluded.fewest < search_log.fewest THEN excluded.fewest ELSE search_log.fewest END",
            )
            .bind(&entry.query)
            .bind(entry.day.format("%Y-%m-%d").to_string())
            .bind(i64::try_from(entry.searches).unwrap_or(i64::MAX))
            .bind(i64::try_from(entry.fewest).unwrap_or(i64::MAX))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The queries searched on or after `since` that found at most `max_results`,
    /// most searched first.
    pub async fn low_result_queries(&self, since: NaiveDate, max_results: u64, limit: u32) -> Result<Vec<QueryTotal>> {
        let rows: Vec<(String, i64, i64)> = sqlx::query_as(
            "SELECT query, CAST(SUM(searches) AS BIGINT), CAST(MIN(fewest) AS BIGINT) FROM search_log WHERE day >= $1 GROUP BY query \
             HAVING MIN(fewest) <= $2 ORDER BY SUM(searches) DESC, query LIMIT $3",
        )
        .bind(since.format("%Y-%m-%d").to_string())
        .bind(i64::try_from(max_results).unwrap_or(i64::MAX))
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(query, searches, fewest)| QueryTotal {
                query,
                searches: searches.max(0).unsigned_abs(),
                fewest: fewest.max(0).unsigned_abs(),
            })
            .collect())
    }
}
