//! Opening a store from a URL and bringing its schema up to date. This is the only
//! place that knows how SQLite and PostgreSQL differ in how they are reached and
//! configured; everything after `connect` speaks sqlx's `Any` driver.

use crate::{Backend, Result, Store};
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{AnyConnection, Connection, Executor, SqlSafeStr};
use std::borrow::Cow;
use std::str::FromStr;
use std::time::Duration;

/// Version of the first migration; the file names under `migrations/` carry it too.
const CREATE_RECORDS_VERSION: i64 = 20261123000000;
/// Version of the search log migration.
const SEARCH_LOG_VERSION: i64 = 20261123100000;
/// Version of the error reports migration.
const ERROR_REPORTS_VERSION: i64 = 20261124000000;
/// Version of the migration that indexes public services for the open-data API.
const PUBLIC_SERVICE_INDEX_VERSION: i64 = 20261124100000;
/// Version of the migration for accounts, sessions, proposals and record history.
const ACCOUNTS_AND_REVIEW_VERSION: i64 = 20261125000000;
const REMINDERS_VERSION: i64 = 20261126000000;

/// What a database URL asks for, before any connection is made. Public so that
/// things kept next to the database (the search index) can find their place.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A SQLite file (created if missing).
    SqliteFile(String),
    /// A private in-memory SQLite database.
    SqliteMemory,
    /// A PostgreSQL URL, passed on unchanged.
    Postgres(String),
}

/// Reads `sqlite:path`, `sqlite://path`, `sqlite::memory:`, `postgres://…`,
/// `postgresql://…`, or a bare file path such as `wegwijs.db`.
pub fn parse_target(url: &str) -> Target {
    let url = url.trim();
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Target::Postgres(url.to_owned());
    }
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")).unwrap_or(url);
    let path = rest.split('?').next().unwrap_or_default();
    if path == ":memory:" || path.is_empty() { Target::SqliteMemory } else { Target::SqliteFile(path.to_owned()) }
}

/// Escapes the characters that would end the path part of a `sqlite://` URL.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3F"),
            '#' => out.push_str("%23"),
            ' ' => out.push_str("%20"),
            _ => out.push(c),
        }
    }
    out
}

/// PRAGMAs run on every new SQLite connection: WAL so readers never block the writer,
/// foreign keys enforced, and a 5 s wait instead of an immediate "database is locked".
/// `synchronous = NORMAL` is the recommended (crash-safe) setting in WAL mode.
const SQLITE_PRAGMAS: &str = "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; \
     PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;";

impl Store {
    /// Connects to the database named by `url`; see [`Store`] for the accepted forms.
    pub async fn connect(url: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        match parse_target(url) {
            Target::Postgres(url) => {
                let options = AnyConnectOptions::from_str(&url)?;
                // One direct connection first: when the server is down or refuses us, a
                // pool only says "timed out" after its acquire timeout, while a plain
                // connection reports the cause (refused, unknown database) at once.
                AnyConnection::connect_with(&options).await?.close().await?;
                let pool = AnyPoolOptions::new()
                    .max_connections(10)
                    .acquire_timeout(Duration::from_secs(10))
                    .connect_with(options)
                    .await?;
                Ok(Store { pool, backend: Backend::Postgres })
            }
            Target::SqliteMemory => {
                // One connection that never closes: the database lives as long as it does.
                let options = AnyConnectOptions::from_str("sqlite::memory:")?;
                let pool = AnyPoolOptions::new()
                    .max_connections(1)
                    .min_connections(1)
                    .idle_timeout(None)
                    .max_lifetime(None)
                    .after_connect(|conn, _| {
                        Box::pin(async move {
                            conn.execute("PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;").await?;
                            Ok(())
                        })
                    })
                    .connect_with(options)
                    .await?;
                Ok(Store { pool, backend: Backend::Sqlite })
            }
            Target::SqliteFile(path) => {
                let url = format!("sqlite://{}?mode=rwc", encode_path(&path));
                let options = AnyConnectOptions::from_str(&url)?;
                let pool = AnyPoolOptions::new()
                    .max_connections(4)
                    .after_connect(|conn, _| {
                        Box::pin(async move {
                            conn.execute(SQLITE_PRAGMAS).await?;
                            Ok(())
                        })
                    })
                    .connect_with(options)
                    .await?;
                Ok(Store { pool, backend: Backend::Sqlite })
            }
        }
    }

    /// Applies the migrations of this backend that have not been applied yet.
    /// Running it again is harmless.
    pub async fn migrate(&self) -> Result<()> {
        migrator(self.backend).run(&self.pool).await?;
        Ok(())
    }
}

/// The embedded migrations of one backend. Built by hand rather than with
/// `sqlx::migrate!` (which needs sqlx's `macros` feature); the checksums are the
/// same, so the sqlx CLI sees the same history.
fn migrator(backend: Backend) -> Migrator {
    let (create_records, search_log, error_reports, public_service_index, accounts_and_review, reminders) =
        match backend {
            Backend::Sqlite => (
                include_str!("../migrations/sqlite/20261123000000_create_records.sql"),
                include_str!("../migrations/sqlite/20261123100000_search_log.sql"),
                include_str!("../migrations/sqlite/20261124000000_error_reports.sql"),
                include_str!("../migrations/sqlite/20261124100000_public_service_index.sql"),
                include_str!("../migrations/sqlite/20261125000000_accounts_and_review.sql"),
                include_str!("../migrations/sqlite/20261126000000_reminders.sql"),
            ),
            Backend::Postgres => (
                include_str!("../migrations/postgres/20261123000000_create_records.sql"),
                include_str!("../migrations/postgres/20261123100000_search_log.sql"),
                include_str!("../migrations/postgres/20261124000000_error_reports.sql"),
                include_str!("../migrations/postgres/20261124100000_public_service_index.sql"),
                include_str!("../migrations/postgres/20261125000000_accounts_and_review.sql"),
                include_str!("../migrations/postgres/20261126000000_reminders.sql"),
            ),
        };
    let migration = |version, name, sql: &'static str| {
        Migration::new(version, Cow::Borrowed(name), MigrationType::Simple, sql.into_sql_str(), false)
    };
    Migrator::with_migrations(vec![
        migration(CREATE_RECORDS_VERSION, "create records", create_records),
        migration(SEARCH_LOG_VERSION, "search log", search_log),
        migration(ERROR_REPORTS_VERSION, "error reports", error_reports),
        migration(PUBLIC_SERVICE_INDEX_VERSION, "public service index", public_service_index),
        migration(ACCOUNTS_AND_REVIEW_VERSION, "accounts and review", accounts_and_review),
        migration(REMINDERS_VERSION, "reminders", reminders),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_accepted_url_form_is_understood() {
        assert_eq!(parse_target("sqlite::memory:"), Target::SqliteMemory);
        assert_eq!(parse_target("sqlite:data/w.db"), Target::SqliteFile("data/w.db".into()));
        assert_eq!(parse_target("sqlite:///tmp/w.db"), Target::SqliteFile("/tmp/w.db".into()));
        assert_eq!(parse_target("sqlite://w.db?mode=rwc"), Target::SqliteFile("w.db".into()));
        assert_eq!(parse_target("wegwijs.db"), Target::SqliteFile("wegwijs.db".into()));
        assert_eq!(parse_target("postgresql://u@h/db"), Target::Postgres("postgresql://u@h/db".into()));
    }

    async fn pragma(store: &Store, name: &str) -> String {
        use sqlx::Row;
        let row = sqlx::query(sqlx::AssertSqlSafe(format!("PRAGMA {name}"))).fetch_one(&store.pool).await.unwrap();
        row.try_get::<String, _>(0).or_else(|_| row.try_get::<i64, _>(0).map(|n| n.to_string())).unwrap()
    }

    #[tokio::test]
    async fn a_sqlite_file_is_created_in_wal_mode_with_foreign_keys_and_a_busy_timeout() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new dir.db");
        let store = Store::connect(path.to_str().unwrap()).await.unwrap();
        assert_eq!(store.backend(), Backend::Sqlite);
        assert_eq!(pragma(&store, "journal_mode").await, "wal");
        assert_eq!(pragma(&store, "foreign_keys").await, "1");
        assert_eq!(pragma(&store, "busy_timeout").await, "5000");
        assert_eq!(pragma(&store, "cache_size").await, "-65536");
        store.migrate().await.unwrap();
        let files: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert!(path.exists(), "{files:?}");
    }

    #[tokio::test]
    async fn an_in_memory_store_keeps_its_data_between_calls() {
        let store = Store::connect("sqlite::memory:").await.unwrap();
        store.migrate().await.unwrap();
        store.migrate().await.unwrap();
        assert_eq!(store.service_count().await.unwrap(), 0);
        assert_eq!(pragma(&store, "foreign_keys").await, "1");
    }

    #[tokio::test]
    async fn an_unreachable_postgres_server_is_reported_at_once_with_its_cause() {
        let started = std::time::Instant::now();
        let error = Store::connect("postgres://postgres@127.0.0.1:1/wegwijs").await.unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(5), "took {:?}", started.elapsed());
        let message = error.to_string().to_lowercase();
        assert!(message.contains("refused"), "{message}");
    }
}
