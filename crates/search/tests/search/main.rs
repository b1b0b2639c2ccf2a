//! Integration tests of the search engine on demo data.

mod behaviour;
mod follow;
mod freshness;
mod relevance;
mod support;
