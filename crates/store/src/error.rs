//! The one error type of the store: callers tell "not found", "bad reference" and
//! "conflict" (the user's fault) apart from database failures (ours), without
//! having to look at sqlx errors themselves.

use std::fmt;
use wegwijs_domain::Id;

/// The kinds of records the store keeps, as named in errors and the change log.
/// [`EntityKind::User`] and [`EntityKind::Proposal`] are not records of the sociale
/// kaart: they are only named in errors, never in the change log, and have no `put_*`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    /// A [`wegwijs_domain::Taxonomy`].
    Taxonomy,
    /// A [`wegwijs_domain::TaxonomyTerm`].
    TaxonomyTerm,
    /// An [`wegwijs_domain::Organisation`].
    Organisation,
    /// A [`wegwijs_domain::Location`].
    Location,
    /// A [`wegwijs_domain::Service`].
    Service,
    /// An account ([`crate::User`]).
    User,
    /// A provider's change awaiting review ([`crate::Proposal`]).
    Proposal,
}

impl EntityKind {
    /// Stable code, as written to `change_log.entity`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Taxonomy => "taxonomy",
            Self::TaxonomyTerm => "taxonomy_term",
            Self::Organisation => "organisation",
            Self::Location => "location",
            Self::Service => "service",
            Self::User => "user",
            Self::Proposal => "proposal",
        }
    }

    /// Reads a stable code.
    pub fn from_code(code: &str) -> Option<Self> {
        [
            Self::Taxonomy,
            Self::TaxonomyTerm,
            Self::Organisation,
            Self::Location,
            Self::Service,
            Self::User,
            Self::Proposal,
        ]
        .into_iter()
        .find(|kind| kind.code() == code)
    }

    /// Whether this is a record of the sociale kaart, written with a `put_*` and
    /// logged in the change log (not a user or proposal).
    pub fn is_record(self) -> bool {
        !matches!(self, Self::User | Self::Proposal)
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Taxonomy => "taxonomy",
            Self::TaxonomyTerm => "taxonomy term",
            Self::Organisation => "organisation",
            Self::Location => "location",
            Self::Service => "service",
            Self::User => "user",
            Self::Proposal => "proposal",
        })
    }
}

/// Everything that can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The record does not exist.
    #[error("{entity} `{id}` does not exist")]
    NotFound {
        /// Kind of the missing record.
        entity: EntityKind,
        /// Its id.
        id: Id,
    },
    /// A record refers to a record that does not exist; nothing was written.
    #[error("{entity} {id}: field `{field}` refers to unknown {target} `{target_id}`")]
    UnknownReference {
        /// Kind of the record being written.
        entity: EntityKind,
        /// Its id.
        id: Id,
        /// The field holding the reference.
        field: &'static str,
        /// Kind of the record referred to.
        target: EntityKind,
        /// The id that was not found.
        target_id: Id,
    },
    /// A uniqueness rule of the database was violated.
    #[error("conflicts with an existing record (constraint `{constraint}`)")]
    Conflict {
        /// Name of the violated constraint, as far as the database tells.
        constraint: String,
    },
    /// The record, or its open proposal, was changed by someone else since the form was
    /// opened; nothing was written. Show the person the current version and let them
    /// start again.
    #[error("{entity} `{id}` was changed by someone else since it was opened")]
    Stale {
        /// Kind of the record.
        entity: EntityKind,
        /// Its id.
        id: Id,
    },
    /// A new password is shorter than [`crate::MIN_PASSWORD_CHARS`]; nothing was written.
    #[error("a password must have at least {min_chars} characters")]
    WeakPassword {
        /// The least number of characters (Unicode scalar values) accepted.
        min_chars: usize,
    },
    /// Hashing or checking a password failed for a technical reason (not because the
    /// password was wrong: that is [`crate::LoginCheck::Rejected`]).
    #[error("password hashing failed: {0}")]
    PasswordHashing(String),
    /// A stored record can no longer be read as a domain value.
    #[error("stored {entity} `{id}` cannot be read: {reason}")]
    Corrupt {
        /// Kind of the record.
        entity: EntityKind,
        /// Its id.
        id: Id,
        /// What is wrong with it.
        reason: String,
    },
    /// The database failed.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// Applying migrations failed.
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// Result with the store's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Translates a sqlx error from a write: unique violations become [`Error::Conflict`].
pub(crate) fn from_write(error: sqlx::Error) -> Error {
    if let Some(db) = error.as_database_error()
        && db.is_unique_violation()
    {
        return Error::Conflict { constraint: db.constraint().unwrap_or("unknown").to_owned() };
    }
    Error::Database(error)
}
