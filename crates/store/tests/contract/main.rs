//! The store's contract: every test here runs against both backends, a fresh SQLite
//! file and a fresh PostgreSQL database, because the contract is what lets the rest
//! of Wegwijs ignore which one it runs on.
//!
//! PostgreSQL is reached at `postgres://postgres@127.0.0.1:5432/postgres` (override with
//! `WEGWIJS_TEST_POSTGRES_URL`); each test creates its own database and drops it.

/// Expands `contract_test!(async fn a_sentence(store) { … })` into a module
/// `a_sentence` with the tests `sqlite` and `postgres`, each getting a fresh,
/// migrated [`wegwijs_store::Store`].
macro_rules! contract_test {
    ($(#[$meta:meta])* async fn $name:ident($store:ident) $body:block) => {
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn body($store: wegwijs_store::Store) $body

            #[tokio::test]
            async fn sqlite() {
                let db = crate::harness::TestDb::sqlite().await;
                body(db.store.clone()).await;
                db.finish().await;
            }

            #[tokio::test]
            async fn postgres() {
                let db = crate::harness::TestDb::postgres().await;
                body(db.store.clone()).await;
                db.finish().await;
            }
        }
    };
}

mod accounts;
mod change_log;
mod error_reports;
mod fixtures;
mod harness;
mod history;
mod hsds_query;
mod listing;
mod proposals;
mod references;
mod reminders;
mod round_trip;
mod search_log;
mod secret;
mod sessions;
mod tokens;
mod writes;
