//! The Wegwijs search engine: a projection of the store that follows its change log.
//!
//! Nothing lives here yet; the search issue builds the Dutch-language index here.
//! The crate exists now so the dependency direction of the workspace
//! (cli → web → search → store → domain) is fixed from the start.
