//! Where the search index lives and how it is opened, shared by `serve` and `reindex`.

use anyhow::Context;
use std::path::PathBuf;
use std::sync::Arc;
use wegwijs_search::{IndexLocation, SearchIndex, Vocabulary};
use wegwijs_store::{Target, parse_target};

/// Options for the search index.
#[derive(Debug, Clone, clap::Args)]
pub struct IndexArgs {
    /// Directory of the search index. Default: next to a SQLite database file
    /// (`wegwijs.db` → `wegwijs.db.search/`), `wegwijs-search/` for PostgreSQL, and in
    /// memory for an in-memory database.
    #[arg(long, env = "WEGWIJS_INDEX_DIR")]
    pub index_dir: Option<PathBuf>,
    /// A vocabulary file (CSV with columns `term,expands_to,kind`) instead of the built-in one.
    #[arg(long, env = "WEGWIJS_VOCABULARY")]
    pub vocabulary: Option<PathBuf>,
}

impl IndexArgs {
    /// Opens (or creates) the index for the database at `database_url`.
    pub fn open(&self, database_url: &str) -> anyhow::Result<Arc<SearchIndex>> {
        let vocabulary = match &self.vocabulary {
            Some(path) => Vocabulary::load(path)?,
            None => Vocabulary::builtin(),
        };
        let dir = self.index_dir.clone().or_else(|| default_dir(database_url));
        let location = match &dir {
            Some(dir) => IndexLocation::Dir(dir),
            None => IndexLocation::Memory,
        };
        let index = SearchIndex::open(location, vocabulary, wegwijs_domain::geo::builtin()).with_context(|| {
            format!(
                "cannot open the search index in {}",
                dir.as_ref().map_or("memory".into(), |d| d.display().to_string())
            )
        })?;
        Ok(Arc::new(index))
    }
}

/// The default index directory for a database URL; `None` means in memory.
fn default_dir(database_url: &str) -> Option<PathBuf> {
    match parse_target(database_url) {
        Target::SqliteFile(path) => Some(PathBuf::from(format!("{path}.search"))),
        Target::SqliteMemory => None,
        Target::Postgres(_) => Some(PathBuf::from("wegwijs-search")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_lives_next_to_the_database() {
        assert_eq!(default_dir("sqlite:wegwijs.db"), Some(PathBuf::from("wegwijs.db.search")));
        assert_eq!(default_dir("sqlite:///tmp/w.db?mode=rwc"), Some(PathBuf::from("/tmp/w.db.search")));
        assert_eq!(default_dir("sqlite::memory:"), None);
        assert_eq!(default_dir("postgres://postgres@127.0.0.1/w"), Some(PathBuf::from("wegwijs-search")));
    }
}
