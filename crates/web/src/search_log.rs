//! Counts searches that found no or few results, in memory, and writes them to the
//! store now and then: a search must not wait for a database write. Only the query
//! text (folded, at most 200 characters) and the day are kept — no address, session
//! or user.

use chrono::{NaiveDate, Utc};
use chrono_tz::Europe::Amsterdam;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use wegwijs_store::{LoggedSearch, Store};

/// Searches with fewer results than this are logged.
pub const FEW_RESULTS: u64 = 3;
/// Longest query text kept, in characters.
const MAX_LOGGED_CHARS: usize = 200;

/// Searches and fewest results, per normalised query and day.
type Counts = HashMap<(String, NaiveDate), (u64, u64)>;

/// The in-memory counts. Cheap to clone.
#[derive(Debug, Clone, Default)]
pub struct SearchLog {
    pending: Arc<Mutex<Counts>>,
}

/// The words of a query worth showing editors: without numbers (house numbers,
/// postcodes, phone numbers) and without the letters of a postcode, so an address
/// typed into the search box is not kept.
fn loggable_words(text: &str) -> Vec<String> {
    let words = wegwijs_search::analysis::words(text);
    let mut kept = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let has_digit = word.folded.chars().any(|c| c.is_ascii_digit());
        let postcode_letters = i > 0
            && word.folded.len() == 2
            && words[i - 1].folded.len() == 4
            && words[i - 1].folded.chars().all(|c| c.is_ascii_digit());
        if !has_digit && !postcode_letters {
            kept.push(word.folded.clone());
        }
    }
    kept
}

impl SearchLog {
    /// Counts a search if it found few results.
    pub fn record(&self, text: &str, results: u64) {
        if results >= FEW_RESULTS {
            return;
        }
        let query: String = loggable_words(text).join(" ").chars().take(MAX_LOGGED_CHARS).collect();
        if query.is_empty() {
            return;
        }
        let day = Utc::now().with_timezone(&Amsterdam).date_naive();
        let Ok(mut pending) = self.pending.lock() else { return };
        let entry = pending.entry((query, day)).or_insert((0, results));
        entry.0 += 1;
        entry.1 = entry.1.min(results);
    }

    /// Writes the counts so far to the store. On failure they are kept for the next try.
    pub async fn flush(&self, store: &Store) {
        let taken: Vec<LoggedSearch> = match self.pending.lock() {
            Ok(mut pending) => pending
                .drain()
                .map(|((query, day), (searches, fewest))| LoggedSearch { query, day, searches, fewest })
                .collect(),
            Err(_) => return,
        };
        if let Err(error) = store.record_searches(&taken).await {
            tracing::warn!(%error, "could not write the search log; keeping it for the next try");
            if let Ok(mut pending) = self.pending.lock() {
                for entry in taken {
                    let slot = pending.entry((entry.query, entry.day)).or_insert((0, entry.fewest));
                    slot.0 += entry.searches;
                    slot.1 = slot.1.min(entry.fewest);
                }
            }
        }
    }

    /// Flushes every `interval` until `shutdown`, and once more at the end.
    pub async fn run(self, store: Store, interval: Duration, shutdown: impl std::future::Future<Output = ()>) {
        tokio::pin!(shutdown);
        loop {
            tokio::select! {
                () = &mut shutdown => break,
                () = tokio::time::sleep(interval) => self.flush(&store).await,
            }
        }
        self.flush(&store).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_postcodes_are_not_logged() {
        assert_eq!(loggable_words("Schuldhulp Kerkstraat 12 2171 AB"), ["schuldhulp", "kerkstraat"]);
        assert_eq!(loggable_words("bel 06-12345678 voor hulp"), ["bel", "voor", "hulp"]);
        assert_eq!(loggable_words("Vliegticket Barcelona"), ["vliegticket", "barcelona"]);
    }
}
