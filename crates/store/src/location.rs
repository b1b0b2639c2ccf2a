//! Locations: the places where services are given.

use crate::organisation::by_ids;
use crate::record::{from_row, in_order_of, to_data};
use crate::{EntityKind, Result, Store, WriteTx, Written};
use wegwijs_domain::{Id, Location};

impl WriteTx {
    /// Inserts or replaces a location; its organisation, if set, must exist.
    pub async fn put_location(&mut self, l: &Location) -> Result<Written> {
        let kind = EntityKind::Location;
        let data = to_data(kind, &l.id, l)?;
        let before = self.stored_data(EntityKind::Location, &l.id).await?;
        if before.as_deref() == Some(data.as_str()) {
            self.mark_known(kind, &l.id);
            return Ok(Written::Unchanged);
        }
        if let Some(organisation_id) = &l.organisation_id {
            self.require(kind, &l.id, "organisation_id", EntityKind::Organisation, organisation_id).await?;
        }
        self.write(
            sqlx::query(
                "INSERT INTO location (id, organisation_id, data) VALUES ($1, $2, $3) \
                 ON CONFLICT (id) DO UPDATE SET organisation_id = excluded.organisation_id, data = excluded.data",
            )
            .bind(l.id.as_str())
            .bind(l.organisation_id.as_ref().map(|id| id.as_str().to_owned()))
            .bind(data.as_str()),
        )
        .await?;
        self.finish_put(kind, &l.id, before.is_some(), data).await
    }
}

impl Store {
    /// One location.
    pub async fn location(&self, id: &Id) -> Result<Option<Location>> {
        let row = sqlx::query("SELECT id, data FROM location WHERE id = $1")
            .bind(id.as_str())
            .fetch_optional(&self.pool)
            .await?;
        row.map(|row| from_row(EntityKind::Location, &row)).transpose()
    }

    /// The locations with these ids, in the order of `ids`; unknown ids are skipped
    /// and repeated ids give one record.
    pub async fn locations_by_ids(&self, ids: &[Id]) -> Result<Vec<Location>> {
        let found: Vec<Location> = by_ids(self, "location", EntityKind::Location, ids).await?;
        Ok(in_order_of(ids, found, |l| &l.id))
    }
}
