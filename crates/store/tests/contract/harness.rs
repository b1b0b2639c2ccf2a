//! Fresh databases for each test: a SQLite file in a temporary directory, or a
//! PostgreSQL database with a random name that is dropped again (even when the test
//! panics) by a drop guard.

use sqlx::{Connection, Executor, PgConnection};
use wegwijs_store::Store;

const DEFAULT_ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

fn admin_url() -> String {
    std::env::var("WEGWIJS_TEST_POSTGRES_URL").unwrap_or_else(|_| DEFAULT_ADMIN_URL.to_owned())
}

/// A migrated store on a database that exists only for one test.
pub struct TestDb {
    pub store: Store,
    /// The URL the store was opened with, for tests that look at the raw tables.
    pub url: String,
    _sqlite_dir: Option<tempfile::TempDir>,
    _postgres: Option<DropDatabase>,
}

impl TestDb {
    pub async fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("wegwijs.db");
        let url = format!("sqlite://{}", path.to_str().expect("UTF-8 path"));
        let store = Store::connect(&url).await.expect("open SQLite");
        store.migrate().await.expect("migrate SQLite");
        Self { store, url, _sqlite_dir: Some(dir), _postgres: None }
    }

    pub async fn postgres() -> Self {
        let admin = admin_url();
        let name = format!("wegwijs_test_{}", wegwijs_domain::Id::random().as_str().replace('-', ""));
        let mut conn = PgConnection::connect(&admin)
            .await
            .unwrap_or_else(|e| panic!("PostgreSQL at {admin} is not answering ({e}); start it with `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`"));
        conn.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).await.expect("create database");
        conn.close().await.ok();
        let guard = DropDatabase { admin: admin.clone(), name: name.clone() };
        let url = match admin.rsplit_once('/') {
            Some((server, _)) => format!("{server}/{name}"),
            None => panic!("admin URL {admin} names no database"),
        };
        let store = Store::connect(&url).await.expect("open PostgreSQL");
        store.migrate().await.expect("migrate PostgreSQL");
        Self { store, url, _sqlite_dir: None, _postgres: Some(guard) }
    }

    /// The directory holding the SQLite database and its WAL files; `None` on PostgreSQL.
    pub fn sqlite_dir(&self) -> Option<&std::path::Path> {
        self._sqlite_dir.as_ref().map(|dir| dir.path())
    }

    /// A connection of its own to the test database, for reading raw tables.
    pub async fn raw(&self) -> sqlx::AnyConnection {
        sqlx::any::install_default_drivers();
        sqlx::AnyConnection::connect(&self.url).await.expect("raw connection")
    }

    /// Closes the pool before the database is removed.
    pub async fn finish(self) {
        self.store.close().await;
    }
}

/// Drops the test database when the test ends, also after a panic.
struct DropDatabase {
    admin: String,
    name: String,
}

impl Drop for DropDatabase {
    fn drop(&mut self) {
        let admin = self.admin.clone();
        let sql = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
        // Drop cannot await, and the test's runtime may be shutting down: use a
        // runtime of our own on another thread.
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
            runtime.block_on(async move {
                let mut conn = PgConnection::connect(&admin).await?;
                conn.execute(sqlx::AssertSqlSafe(sql)).await?;
                conn.close().await
            })?;
            Ok::<(), Box<dyn std::error::Error + Send + Sync>>(())
        })
        .join();
        if let Ok(Err(e)) = dropped {
            eprintln!("could not drop test database {}: {e}", self.name);
        }
    }
}
