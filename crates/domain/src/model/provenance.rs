//! Where a record came from, and who last confirmed it is still correct.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Bookkeeping every record carries (DESIGN.md: "Every record keeps `created`, `updated`,
/// `verified_at`, `verified_by` and its source").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordMeta {
    /// When the record first entered Wegwijs.
    pub created: DateTime<Utc>,
    /// When its content last changed.
    pub updated: DateTime<Utc>,
    /// The last confirmation that the content is correct, if any.
    pub verification: Option<Verification>,
    /// Where the record came from.
    pub source: Source,
}

impl RecordMeta {
    /// Metadata for a record created now from `source`, not yet verified.
    pub fn new(now: DateTime<Utc>, source: Source) -> Self {
        Self { created: now, updated: now, verification: None, source }
    }
}

/// A confirmation that a record is correct.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verification {
    /// When it was confirmed.
    pub at: DateTime<Utc>,
    /// Who confirmed it.
    pub by: VerifiedBy,
}

/// The kind of party that confirmed a record; stale-data policy treats them alike,
/// the editor dashboard tells them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerifiedBy {
    /// The organisation itself (portal or one-click confirmation).
    Provider,
    /// A member of the editorial team.
    Editor,
    /// A trusted import or federated feed.
    Import,
}

impl VerifiedBy {
    /// Stable text form, used in storage and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Provider => "provider",
            Self::Editor => "editor",
            Self::Import => "import",
        }
    }

    /// Parses the stable text form.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim() {
            "provider" => Some(Self::Provider),
            "editor" => Some(Self::Editor),
            "import" => Some(Self::Import),
            _ => None,
        }
    }
}

/// Provenance of a record: the system or file it came from and its key there, so an
/// import can be traced and re-run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// Name of the source: `demo`, `portal`, a feed name or a file name.
    pub name: String,
    /// The record's own key in that source, when it has one.
    pub reference: Option<String>,
}

impl Source {
    /// A source without an external key.
    pub fn named(name: impl Into<String>) -> Self {
        Self { name: name.into(), reference: None }
    }
}
