//! The Wegwijs domain: the records of a sociale kaart, the rules their values must
//! follow, opening hours, taxonomies and Dutch geography. No I/O happens here; every
//! other crate builds on these types.
#![warn(missing_docs)]

pub mod access;
pub mod calendar;
pub mod diff;
pub mod freshness;
pub mod geo;
pub mod model;
pub mod readability;
pub mod schedule;
pub mod taxonomy;
pub mod values;

pub use access::{Role, Viewer};
pub use freshness::{FreshnessPolicy, Stage};
pub use model::*;
pub use values::*;
