//! Services: the records residents search for. Besides the JSON, the query columns
//! (organisation, name, status, updated, verified) and the link tables to terms and
//! locations are kept in step on every write.

use crate::change_log::{ChangeOp, time_text};
use crate::record::{from_row, from_rows, to_data, to_i64};
use crate::{EntityKind, Error, Page, Result, Store, WriteTx, Written};
use std::collections::HashSet;
use wegwijs_domain::{Id, Service};

impl WriteTx {
    /// Inserts or replaces a service. Its organisation, every term and every location
    /// must exist; otherwise nothing is written and [`Error::UnknownReference`] names
    /// the first missing one.
    pub async fn put_service(&mut self, s: &Service) -> Result<Written> {
        let kind = EntityKind::Service;
        let data = to_data(kind, &s.id, s)?;
        let before = self.stored_data(EntityKind::Service, &s.id).await?;
        if before.as_deref() == Some(data.as_str()) {
            return Ok(Written::Unchanged);
        }
        self.require(kind, &s.id, "organisation_id", EntityKind::Organisation, &s.organisation_id).await?;
        let terms = distinct(s.terms.iter());
        for term in &terms {
            self.require(kind, &s.id, "terms", EntityKind::TaxonomyTerm, term).await?;
        }
        let mut seen = HashSet::new();
        let locations: Vec<(&Id, &Id)> =
            s.locations.iter().filter(|at| seen.insert(&at.location_id)).map(|at| (&at.location_id, &at.id)).collect();
        for (location, _) in &locations {
            self.require(kind, &s.id, "locations", EntityKind::Location, location).await?;
        }

        self.write(
            sqlx::query(
                "INSERT INTO service (id, organisation_id, name, status, updated, verified_at, data) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) \
                 ON CONFLICT (id) DO UPDATE SET organisation_id = excluded.organisation_id, \
                 name = excluded.name, status = excluded.status, updated = excluded.updated, \
                 verified_at = excluded.verified_at, data = excluded.data",
            )
            .bind(s.id.as_str())
            .bind(s.organisation_id.as_str())
            .bind(s.name.as_str())
            .bind(s.status.as_hsds())
            .bind(time_text(s.meta.updated))
            .bind(s.meta.verification.as_ref().map(|v| time_text(v.at)))
            .bind(data.as_str()),
        )
        .await?;
        if before.is_some() {
            self.delete_links(&s.id).await?;
        }
        self.queue_links(&s.id, &terms, &locations).await?;
        self.finish_put(kind, &s.id, before.is_some(), data).await
    }

    /// Deletes a service and its links; [`Error::NotFound`] if there is none.
    pub async fn delete_service(&mut self, id: &Id) -> Result<()> {
        self.forget_prefetched(EntityKind::Service, id);
        let exists =
            sqlx::query("SELECT 1 FROM service WHERE id = $1").bind(id.as_str()).fetch_optional(&mut *self.tx).await?;
        if exists.is_none() {
            return Err(Error::NotFound { entity: EntityKind::Service, id: id.clone() });
        }
        self.delete_links(id).await?;
        self.write(sqlx::query("DELETE FROM service WHERE id = $1").bind(id.as_str())).await?;
        self.log_change(EntityKind::Service, id, ChangeOp::Delete, None).await
    }

    async fn delete_links(&mut self, id: &Id) -> Result<()> {
        self.flush_links().await?;
        self.write(sqlx::query("DELETE FROM service_term WHERE service_id = $1").bind(id.as_str())).await?;
        self.write(sqlx::query("DELETE FROM service_location WHERE service_id = $1").bind(id.as_str())).await
    }
}

/// The ids in first-seen order, without repeats.
fn distinct<'a>(ids: impl Iterator<Item = &'a Id>) -> Vec<&'a Id> {
    let mut seen = HashSet::new();
    ids.filter(|id| seen.insert(*id)).collect()
}

impl Store {
    /// One service.
    pub async fn service(&self, id: &Id) -> Result<Option<Service>> {
        let row = sqlx::query("SELECT id, data FROM service WHERE id = $1")
            .bind(id.as_str())
            .fetch_optional(&self.pool)
            .await?;
        row.map(|row| from_row(EntityKind::Service, &row)).transpose()
    }

    /// A page of services, ordered by name (byte order) and then id.
    pub async fn services(&self, page: Page) -> Result<Vec<Service>> {
        let rows = sqlx::query("SELECT id, data FROM service ORDER BY name, id LIMIT $1 OFFSET $2")
            .bind(i64::from(page.limit))
            .bind(to_i64(page.offset))
            .fetch_all(&self.pool)
            .await?;
        from_rows(EntityKind::Service, &rows)
    }

    /// Up to `limit` services with an id after `after` (from the start when `None`),
    /// ordered by id: for walking all services without OFFSET costs.
    pub async fn services_after(&self, after: Option<&Id>, limit: u32) -> Result<Vec<Service>> {
        let rows = match after {
            Some(after) => {
                sqlx::query("SELECT id, data FROM service WHERE id > $1 ORDER BY id LIMIT $2")
                    .bind(after.as_str())
                    .bind(i64::from(limit))
                    .fetch_all(&self.pool)
                    .await?
            }
            None => {
                sqlx::query("SELECT id, data FROM service ORDER BY id LIMIT $1")
                    .bind(i64::from(limit))
                    .fetch_all(&self.pool)
                    .await?
            }
        };
        from_rows(EntityKind::Service, &rows)
    }

    /// The services with these ids, in the order of `ids`; unknown ids are skipped and
    /// repeated ids give one record.
    pub async fn services_by_ids(&self, ids: &[Id]) -> Result<Vec<Service>> {
        let found: Vec<Service> = crate::organisation::by_ids(self, "service", EntityKind::Service, ids).await?;
        Ok(crate::record::in_order_of(ids, found, |s| &s.id))
    }

    /// Number of services.
    pub async fn service_count(&self) -> Result<u64> {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM service").fetch_one(&self.pool).await?;
        Ok(n.max(0).unsigned_abs())
    }

    /// All services of one organisation, ordered by name and then id.
    pub async fn services_of_organisation(&self, id: &Id) -> Result<Vec<Service>> {
        let rows = sqlx::query("SELECT id, data FROM service WHERE organisation_id = $1 ORDER BY name, id")
            .bind(id.as_str())
            .fetch_all(&self.pool)
            .await?;
        from_rows(EntityKind::Service, &rows)
    }

    /// Ids of the services that show this record as part of themselves: those of an
    /// organisation, at a location, or linked to a taxonomy term. A follower that
    /// copies services elsewhere (the search index) re-reads these when the record
    /// changes. Empty for taxonomies and services.
    pub async fn service_ids_referring_to(&self, kind: EntityKind, id: &Id) -> Result<Vec<Id>> {
        let sql = match kind {
            EntityKind::Organisation => "SELECT id FROM service WHERE organisation_id = $1 ORDER BY id",
            EntityKind::Location => {
                "SELECT service_id FROM service_location WHERE location_id = $1 ORDER BY service_id"
            }
            EntityKind::TaxonomyTerm => "SELECT service_id FROM service_term WHERE term_id = $1 ORDER BY service_id",
            EntityKind::Taxonomy | EntityKind::Service | EntityKind::User | EntityKind::Proposal => {
                return Ok(Vec::new());
            }
        };
        let rows: Vec<(String,)> = sqlx::query_as(sql).bind(id.as_str()).fetch_all(&self.pool).await?;
        rows.into_iter()
            .map(|(raw,)| {
                Id::parse(&raw).map_err(|e| Error::Corrupt {
                    entity: EntityKind::Service,
                    id: id.clone(),
                    reason: e.to_string(),
                })
            })
            .collect()
    }
}
