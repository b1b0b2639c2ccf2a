//! Running the binary against a fresh SQLite file or a fresh PostgreSQL database.

use std::path::{Path, PathBuf};
use std::process::Output;

const POSTGRES: &str = "postgres://postgres@127.0.0.1:5432";

/// A database that exists for one test.
pub struct TestDb {
    pub url: String,
    postgres_name: Option<String>,
    _dir: tempfile::TempDir,
}

impl TestDb {
    /// A folder for the server's mails next to the database, so tests never write into
    /// the working directory.
    pub fn outbox(&self) -> std::path::PathBuf {
        self._dir.path().join("outbox")
    }

    pub fn sqlite() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite:{}", dir.path().join("wegwijs.db").display());
        Self { url, postgres_name: None, _dir: dir }
    }

    pub fn postgres() -> Self {
        let name = format!("wegwijs_cli_{}", uuid::Uuid::new_v4().simple());
        admin(&format!("CREATE DATABASE {name}"));
        Self { url: format!("{POSTGRES}/{name}"), postgres_name: Some(name), _dir: tempfile::tempdir().unwrap() }
    }

    /// A path in this test's own temporary folder.
    pub fn path(&self, name: &str) -> PathBuf {
        self._dir.path().join(name)
    }

    /// Runs `wegwijs` with this database.
    pub fn run(&self, args: &[&str]) -> Output {
        wegwijs(&self.url, args)
    }

    /// Runs `wegwijs` and fails the test unless it succeeds.
    pub fn run_ok(&self, args: &[&str]) -> Output {
        let output = self.run(args);
        assert!(output.status.success(), "wegwijs {args:?} failed:\n{}", String::from_utf8_lossy(&output.stderr));
        output
    }

    /// The database's full content as a public HSDS export.
    pub fn export(&self) -> Vec<u8> {
        let file = self.path(&format!("export-{}.json", uuid::Uuid::new_v4().simple()));
        self.run_ok(&["export", "hsds", "--output", file.to_str().unwrap()]);
        std::fs::read(file).unwrap()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some(name) = &self.postgres_name {
            admin(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        }
    }
}

pub fn wegwijs(database_url: &str, args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_wegwijs"))
        .args(args)
        .env("WEGWIJS_DATABASE_URL", database_url)
        .env("WEGWIJS_LOG", "warn")
        .output()
        .expect("the wegwijs binary runs")
}

fn admin(sql: &str) {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        use sqlx::Connection;
        let mut connection = sqlx::PgConnection::connect(&format!("{POSTGRES}/postgres"))
            .await
            .expect("PostgreSQL on 127.0.0.1:5432 (see README) is needed for these tests");
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned())).execute(&mut connection).await.unwrap();
    });
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn write(path: &Path, content: &[u8]) -> String {
    std::fs::write(path, content).unwrap();
    path.to_str().unwrap().to_owned()
}
