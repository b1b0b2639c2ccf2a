//! HTTP tests: the real application on a random port against a fresh SQLite file.

mod accounts;
mod authorization;
mod backoffice;
mod bad_input;
mod browsing;
mod dashboard;
mod editorial;
mod freshness;
mod health;
mod helpers;
mod hsds;
mod hsds_schema;
mod leaks;
mod openapi;
mod pages;
mod report;
mod search;
mod services;
mod upkeep;
