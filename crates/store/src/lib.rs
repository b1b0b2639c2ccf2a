//! Persistence for Wegwijs: one API over two backends, SQLite (embedded, the default)
//! and PostgreSQL.
//!
//! Records are stored whole as JSON next to a few query columns; links from services
//! to taxonomy terms and locations are kept in link tables. Every change is written
//! to an append-only change log in the same transaction, so followers (search index,
//! feeds) can catch up with [`Store::changes_since`].
//!
//! [`Store::connect`] accepts `sqlite:path`, `sqlite://path`, `sqlite::memory:`, a bare
//! file path such as `wegwijs.db` (SQLite; the file is created if missing and opened
//! in WAL mode), or `postgres://…` / `postgresql://…`. File names containing `?` or
//! `#` are not supported. `sqlite::memory:` has a single connection: do not read through
//! the [`Store`] while a [`WriteTx`] is open on it (the read would wait for the
//! connection the transaction holds).
//!
//! Listings sort names by byte order (the "C" collation on PostgreSQL, as on SQLite),
//! so both backends return the same order.
//!
//! Besides the records, the store keeps accounts, sessions, one-time links, providers'
//! proposals awaiting review, and each record's history (the change log holds who made
//! every change and the record's JSON after it).

mod account;
mod change_log;
mod connect;
mod error;
mod error_report;
mod history;
mod hsds_query;
mod location;
mod one_time_token;
mod organisation;
mod proposal;
mod record;
mod reminder;
mod search_log;
mod secret;
mod service;
mod session;
mod taxonomy;
mod token;
mod tx;

pub use account::{LOCKOUT, LoginCheck, MAX_FAILED_LOGINS, MIN_PASSWORD_CHARS, NewUser, User, is_long_enough};
pub use change_log::{Change, ChangeOp};
pub use connect::{Target, parse_target};
pub use error::{EntityKind, Error, Result};
pub use error_report::{ErrorReport, NewErrorReport, PageLanguage, ReportStatus};
pub use history::Version;
pub use hsds_query::{
    NameSearch, ServiceAtLocationLink, ServiceFilter, ServiceStamp, TermFilter, Visibility, is_public_service,
    is_running_service,
};
pub use one_time_token::{NewToken, OneTimeToken, TokenPurpose};
pub use proposal::{Expected, Proposal, ProposalDraft, ProposalStatus};
pub use reminder::{Confirmed, LinkState, MAX_ATTEMPTS, NewReminder, Reminder, ReminderStatus};
pub use search_log::{LoggedSearch, QueryTotal};
pub use secret::SITE_SECRET_BYTES;
pub use session::Session;
pub use tx::{WriteTx, Written};

use sqlx::{Any, AnyPool, Transaction};

/// A handle to the database; cheap to clone (it wraps a connection pool).
#[derive(Clone)]
pub struct Store {
    pub(crate) pool: AnyPool,
    pub(crate) backend: Backend,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("backend", &self.backend).finish_non_exhaustive()
    }
}

/// The database behind a [`Store`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Backend {
    /// SQLite, embedded.
    Sqlite,
    /// PostgreSQL server.
    Postgres,
}

/// A page of a listing: skip `offset` records, return at most `limit`.
#[derive(Debug, Clone, Copy)]
pub struct Page {
    /// Records to skip.
    pub offset: u64,
    /// Most records to return.
    pub limit: u32,
}

impl Page {
    /// The first `limit` records.
    pub fn first(limit: u32) -> Self {
        Self { offset: 0, limit }
    }
}

impl Store {
    /// Which database this store talks to.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Starts a write transaction. Dropping the [`WriteTx`] without
    /// [`WriteTx::commit`] rolls everything back, change-log rows included.
    pub async fn begin(&self) -> Result<WriteTx> {
        let tx = match self.backend {
            // IMMEDIATE takes the write lock up front, so a second writer waits
            // (busy_timeout) instead of failing when it later upgrades its lock.
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        };
        Ok(WriteTx::new(tx, self.backend))
    }

    /// A plain transaction for the store's own bookkeeping (accounts, proposals): on
    /// SQLite it takes the write lock up front like [`Store::begin`], so two of them
    /// run one after the other; on PostgreSQL it does not take the writers' lock, so
    /// it never waits for a long import.
    pub(crate) async fn begin_plain(&self) -> Result<Transaction<'static, Any>> {
        Ok(match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        })
    }

    /// Closes all connections; waits until they are returned to the pool.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}
