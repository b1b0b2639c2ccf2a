//! The Wegwijs search engine: a Dutch-language projection of the store that follows
//! its change log.
//!
//! - [`analysis`]: words, folding, stemming and compound splitting for Dutch.
//! - [`vocabulary`]: lay language and English mapped to the words services use.
//! - [`place`]: the searcher's location, also when typed in the query.
//! - [`query`]: from typed text to a tantivy query.
//! - [`engine`]: the index, searching, facets and snippets; [`collect`] and [`rank`]
//!   score hits by text, locality and freshness.
//! - [`follow`]: keeps the index in step with the store.

pub mod analysis;
pub mod collect;
pub mod document;
pub mod engine;
pub mod follow;
mod labels;
pub mod place;
pub mod query;
pub mod rank;
pub mod schema;
pub mod suggest;
pub mod vocabulary;

pub use collect::Sort;
pub use engine::{FacetCounts, FacetValue, Hit, IndexLocation, SearchIndex, SearchRequest, SearchResults, Snippet};
pub use query::{Audience, Interpretation};
pub use schema::Facet;
pub use suggest::{Suggestion, SuggestionKind};
pub use vocabulary::{Vocabulary, VocabularyError};

/// What can go wrong in the search engine.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The index library failed.
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// The index directory could not be used.
    #[error("search index directory {path}: {source}")]
    Io {
        /// The directory or file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The index directory holds other files: it is not emptied.
    #[error("{path} is not empty and is not a Wegwijs search index; choose an empty or new directory for the index")]
    NotAnIndex {
        /// The directory.
        path: String,
    },
    /// The store could not be read.
    #[error("reading the store for the search index: {0}")]
    Store(#[from] wegwijs_store::Error),
    /// A thread panicked while holding the index writer.
    #[error("the search index writer is unusable after an earlier failure")]
    Poisoned,
}

/// Result with the search [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
