//! HTTP tests: the real application on a random port against a fresh SQLite file.

mod backoffice;
mod browsing;
mod editorial;
mod health;
mod helpers;
mod hsds;
mod hsds_schema;
mod openapi;
mod pages;
mod report;
mod search;
mod services;
