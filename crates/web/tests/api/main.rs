//! HTTP tests: the real application on a random port against a fresh SQLite file.

mod health;
mod helpers;
mod pages;
mod report;
mod search;
mod services;
