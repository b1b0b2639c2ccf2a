//! `wegwijs migrate`: bring the database schema up to date and load the built-in
//! taxonomies. Every command that opens the database does this first, so a fresh
//! SQLite file needs no setup.

use crate::batch::{self, Batch};
use anyhow::Context;
use wegwijs_store::Store;

/// Connects, migrates, and makes sure the built-in taxonomies are present.
pub async fn run(database_url: &str) -> anyhow::Result<Store> {
    let store = Store::connect(database_url)
        .await
        .with_context(|| format!("cannot open the database {}", redact(database_url)))?;
    store.migrate().await.context("cannot update the database schema")?;
    let builtin = wegwijs_domain::taxonomy::builtin();
    let taxonomies = Batch { taxonomies: builtin.taxonomies.clone(), terms: builtin.terms.clone(), ..Batch::default() };
    let summary =
        batch::write(&store, &taxonomies, "wegwijs", false).await.context("cannot load the built-in taxonomies")?;
    if summary.taxonomy_terms.inserted + summary.taxonomy_terms.updated > 0 {
        tracing::info!("built-in taxonomies: {}", summary.taxonomy_terms);
    }
    Ok(store)
}

/// The URL without a password, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_are_hidden_in_messages() {
        assert_eq!(redact("postgres://wegwijs:geheim@db/kaart"), "postgres://wegwijs:***@db/kaart");
        assert_eq!(redact("postgres://postgres@127.0.0.1/x"), "postgres://postgres@127.0.0.1/x");
        assert_eq!(redact("sqlite:wegwijs.db"), "sqlite:wegwijs.db");
    }
}
