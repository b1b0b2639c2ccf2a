//! Taxonomies and their terms: the classification schemes services are tagged with.

use crate::record::{from_rows, to_data};
use crate::{EntityKind, Result, Store, WriteTx, Written};
use wegwijs_domain::{Taxonomy, TaxonomyTerm};

impl WriteTx {
    /// Inserts or replaces a taxonomy.
    pub async fn put_taxonomy(&mut self, t: &Taxonomy) -> Result<Written> {
        let kind = EntityKind::Taxonomy;
        let data = to_data(kind, &t.id, t)?;
        let before = self.stored_data(EntityKind::Taxonomy, &t.id).await?;
        if before.as_deref() == Some(data.as_str()) {
            self.mark_known(kind, &t.id);
            return Ok(Written::Unchanged);
        }
        self.write(
            sqlx::query(
                "INSERT INTO taxonomy (id, data) VALUES ($1, $2) \
                 ON CONFLICT (id) DO UPDATE SET data = excluded.data",
            )
            .bind(t.id.as_str())
            .bind(data.as_str()),
        )
        .await?;
        self.finish_put(kind, &t.id, before.is_some(), data).await
    }

    /// Inserts or replaces a taxonomy term; its taxonomy must exist.
    pub async fn put_taxonomy_term(&mut self, t: &TaxonomyTerm) -> Result<Written> {
        let kind = EntityKind::TaxonomyTerm;
        let data = to_data(kind, &t.id, t)?;
        let before = self.stored_data(EntityKind::TaxonomyTerm, &t.id).await?;
        if before.as_deref() == Some(data.as_str()) {
            self.mark_known(kind, &t.id);
            return Ok(Written::Unchanged);
        }
        self.require(kind, &t.id, "taxonomy_id", EntityKind::Taxonomy, &t.taxonomy_id).await?;
        self.write(
            sqlx::query(
                "INSERT INTO taxonomy_term (id, taxonomy_id, data) VALUES ($1, $2, $3) \
                 ON CONFLICT (id) DO UPDATE SET taxonomy_id = excluded.taxonomy_id, data = excluded.data",
            )
            .bind(t.id.as_str())
            .bind(t.taxonomy_id.as_str())
            .bind(data.as_str()),
        )
        .await?;
        self.finish_put(kind, &t.id, before.is_some(), data).await
    }
}

impl Store {
    /// All taxonomies, by id.
    pub async fn taxonomies(&self) -> Result<Vec<Taxonomy>> {
        let rows = sqlx::query("SELECT id, data FROM taxonomy ORDER BY id").fetch_all(&self.pool).await?;
        from_rows(EntityKind::Taxonomy, &rows)
    }

    /// All taxonomy terms, by taxonomy and then id.
    pub async fn taxonomy_terms(&self) -> Result<Vec<TaxonomyTerm>> {
        let rows =
            sqlx::query("SELECT id, data FROM taxonomy_term ORDER BY taxonomy_id, id").fetch_all(&self.pool).await?;
        from_rows(EntityKind::TaxonomyTerm, &rows)
    }
}
