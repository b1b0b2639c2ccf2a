//! HTTP tests: the real application on a random port against a fresh SQLite file.

mod health;
mod pages;
mod search;
mod helpers;
mod report;
mod services;
