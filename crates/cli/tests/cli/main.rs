//! End-to-end tests of the `wegwijs` binary: what an administrator types, what the
//! database holds afterwards.

mod bad_input;
mod browser;
mod browser_editorial;
mod browser_support;
mod helpers;
mod leaks;
mod open_data;
mod round_trip;
mod search;
mod serve;
mod simulate;
mod users;
