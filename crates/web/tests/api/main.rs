//! HTTP tests: the real application on a random port against a fresh SQLite file.

mod health;
mod search;
mod helpers;
mod services;
