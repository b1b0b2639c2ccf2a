//! HTTP tests: the real application on a random port against a fresh SQLite file.

mod helpers;
mod health;
mod services;
