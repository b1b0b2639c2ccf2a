//! One module per subcommand.

pub mod bench;
pub mod demo;
pub mod export;
pub mod import;
pub mod migrate;
pub mod reindex;
pub mod search_index;
pub mod serve;
pub mod simulate;
pub mod upkeep_args;
pub mod user;
