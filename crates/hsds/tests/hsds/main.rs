//! Integration tests of the HSDS crate, in one binary: round trips over hand-built
//! Dutch fixtures, and every kind of bad input an editor may upload.

mod bad_input;
mod fixtures;
mod round_trip;
