//! Integration tests of the HSDS crate, in one binary: round trips over hand-built
//! Dutch fixtures and the official HSDS examples, and every kind of bad input an
//! editor may upload.

mod bad_input;
mod examples;
mod fixtures;
mod flat;
mod round_trip;
mod sheet;
mod sheet_errors;
mod tabular_bad_input;
mod tabular_check;
mod tabular_export;
mod tabular_legacy;
mod tabular_official;
