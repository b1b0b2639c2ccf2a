//! Organisations: stored whole, listed by name, fetched in batches for pages that
//! show many services.

use crate::record::{IN_CHUNK, from_row, from_rows, placeholders, to_data, to_i64};
use crate::{EntityKind, Page, Result, Store, WriteTx, Written};
use sqlx::AssertSqlSafe;
use wegwijs_domain::{Id, Organisation};

impl WriteTx {
    /// Inserts or replaces an organisation.
    pub async fn put_organisation(&mut self, o: &Organisation) -> Result<Written> {
        let kind = EntityKind::Organisation;
        let data = to_data(kind, &o.id, o)?;
        let before = self.stored_data(EntityKind::Organisation, &o.id).await?;
        if before.as_deref() == Some(data.as_str()) {
            self.mark_known(kind, &o.id);
            return Ok(Written::Unchanged);
        }
        self.write(
            sqlx::query(
                "INSERT INTO organisation (id, name, data) VALUES ($1, $2, $3) \
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name, data = excluded.data",
            )
            .bind(o.id.as_str())
            .bind(o.name.as_str())
            .bind(data.as_str()),
        )
        .await?;
        self.finish_put(kind, &o.id, before.is_some(), data).await
    }
}

impl Store {
    /// One organisation.
    pub async fn organisation(&self, id: &Id) -> Result<Option<Organisation>> {
        let row = sqlx::query("SELECT id, data FROM organisation WHERE id = $1")
            .bind(id.as_str())
            .fetch_optional(&self.pool)
            .await?;
        row.map(|row| from_row(EntityKind::Organisation, &row)).transpose()
    }

    /// The organisations with these ids, in the order of `ids`; unknown ids are
    /// skipped and repeated ids give one record.
    pub async fn organisations_by_ids(&self, ids: &[Id]) -> Result<Vec<Organisation>> {
        let found: Vec<Organisation> = by_ids(self, "organisation", EntityKind::Organisation, ids).await?;
        Ok(crate::record::in_order_of(ids, found, |o| &o.id))
    }

    /// A page of organisations, ordered by name and then id.
    pub async fn organisations(&self, page: Page) -> Result<Vec<Organisation>> {
        let rows = sqlx::query("SELECT id, data FROM organisation ORDER BY name, id LIMIT $1 OFFSET $2")
            .bind(i64::from(page.limit))
            .bind(to_i64(page.offset))
            .fetch_all(&self.pool)
            .await?;
        from_rows(EntityKind::Organisation, &rows)
    }

    /// Number of organisations.
    pub async fn organisation_count(&self) -> Result<u64> {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM organisation").fetch_one(&self.pool).await?;
        Ok(n.max(0).unsigned_abs())
    }
}

/// Fetches records of `table` by id, in chunks, in no particular order.
pub(crate) async fn by_ids<T: serde::de::DeserializeOwned>(
    store: &Store,
    table: &'static str,
    kind: EntityKind,
    ids: &[Id],
) -> Result<Vec<T>> {
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(IN_CHUNK) {
        let sql = format!("SELECT id, data FROM {table} WHERE id IN ({})", placeholders(1, chunk.len()));
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for id in chunk {
            query = query.bind(id.as_str());
        }
        let rows = query.fetch_all(&store.pool).await?;
        out.extend(from_rows::<T>(kind, &rows)?);
    }
    Ok(out)
}
