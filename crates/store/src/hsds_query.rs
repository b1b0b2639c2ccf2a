//! The queries behind the open HSDS API: filtered listings with a count and a page,
//! so a client can page through 100,000 services without the server ever loading
//! more than one page of records.
//!
//! Filters are combined with AND; SQL is put together at run time from fixed pieces,
//! and every value is a bound parameter. Each listing has a stable order (name or id
//! with the id as tie-breaker), so pages do not overlap.
//!
//! Which services the public sees is decided here, once: [`is_public_service`] for a
//! record in hand and [`public_service_sql`] for the listings, both from a
//! [`Visibility`] (the deployment's freshness policy and the moment of the request).
//! The search engine applies the same [`Visibility::hidden_until`] to its index.

use crate::change_log::time_text;
use crate::record::{from_row, from_rows, in_order_of, to_i64};
use crate::{Backend, EntityKind, Error, Page, Result, Store};
use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::{AssertSqlSafe, Row};
use wegwijs_domain::freshness::last_checked;
use wegwijs_domain::{FreshnessPolicy, Id, Location, Organisation, Service, ServiceStatus, Taxonomy, TaxonomyTerm};

/// What the public may see at one moment: the deployment's freshness thresholds and the
/// moment of the request (a fake one in tests and simulations). Make one per request, so
/// every list and page of that request draws the line at the same instant.
///
/// A service whose last check ([`last_checked`]: its verification, or else its last
/// change) is `hide_after` old or older is hidden from the public site, the API and
/// search. It is not deleted: it comes back as soon as it is verified again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Visibility {
    /// The thresholds; `hide_after` decides what is hidden.
    pub policy: FreshnessPolicy,
    /// The moment the public looks.
    pub now: DateTime<Utc>,
}

impl Visibility {
    /// The visibility under `policy` at `now`.
    pub fn new(policy: FreshnessPolicy, now: DateTime<Utc>) -> Self {
        Self { policy, now }
    }

    /// Whether `service` is kept from the public because its last check is too old
    /// ([`FreshnessPolicy::is_hidden`]), whatever its status.
    pub fn hides(&self, service: &Service) -> bool {
        self.policy.is_hidden(last_checked(&service.meta), self.now)
    }

    /// The newest last check that is hidden: a service is shown only when it was
    /// checked *after* this moment (`policy.visible_since(now)`; a check exactly then is
    /// `hide_after` old and hidden, as [`FreshnessPolicy::is_hidden`] says). The SQL of
    /// the listings and the search index compare with it at microseconds, the precision
    /// of the stored columns, so all three agree except for a check less than a
    /// microsecond after this moment.
    pub fn hidden_until(&self) -> DateTime<Utc> {
        self.policy.visible_since(self.now)
    }
}

/// Whether a service is running (active). Editors and a service's own provider still
/// reach the page of a running service that is hidden for staleness, so links for
/// them (portal, editor pages) ask this rather than [`is_public_service`].
pub fn is_running_service(service: &Service) -> bool {
    service.status == ServiceStatus::Active
}

/// Whether the public may see a service: it is running and was checked recently
/// enough ([`Visibility::hides`]). [`public_service_sql`] is the same rule for the
/// listings, so the API listings, the API's single records and the website agree.
pub fn is_public_service(service: &Service, visibility: &Visibility) -> bool {
    is_running_service(service) && !visibility.hides(service)
}

/// [`is_public_service`] as a condition on the `service` table aliased `s`: its
/// `verified_at` and `updated` columns hold the same moments as the record's
/// `meta.verification.at` and `meta.updated`, as RFC 3339 text in UTC with
/// microseconds, so text order is time order.
fn public_service_sql(sql: &mut Sql, visibility: &Visibility) {
    sql.push("s.status = 'active'");
    sql.push_bound(" AND COALESCE(s.verified_at, s.updated) > {}", time_text(visibility.hidden_until()));
}

/// Which public services a listing shows. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ServiceFilter {
    /// Only services of this organisation.
    pub organisation_id: Option<Id>,
    /// Only services linked to at least one of these taxonomy terms.
    pub term_ids: Vec<Id>,
    /// Only services linked to at least one term of this taxonomy.
    pub taxonomy_id: Option<Id>,
    /// Only services changed at or after this moment.
    pub modified_after: Option<DateTime<Utc>>,
    /// Only services with these ids (the hits of a search); `Some(empty)` matches nothing.
    pub ids: Option<Vec<Id>>,
}

/// The id and last change of a service: all HSDS's `minimal` listing shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceStamp {
    /// The service.
    pub id: Id,
    /// When it last changed.
    pub updated: DateTime<Utc>,
}

/// A service offered at a location (HSDS `service_at_location`), as the link table
/// holds it; the rest lives in the service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceAtLocationLink {
    /// The id of the service-at-location.
    pub id: Id,
    /// The service.
    pub service_id: Id,
    /// The location.
    pub location_id: Id,
}

/// Which taxonomy terms a listing shows. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TermFilter {
    /// Only terms of this taxonomy.
    pub taxonomy_id: Option<Id>,
    /// Only terms directly under this term.
    pub parent_id: Option<Id>,
    /// Only terms without a parent.
    pub top_only: bool,
    /// Only terms whose name contains this text (see [`NameSearch`]).
    pub name: Option<NameSearch>,
}

/// Text a name must contain. Letter case is ignored; SQLite ignores the case of
/// ASCII letters only, so `É` and `é` match each other on PostgreSQL only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameSearch(String);

impl NameSearch {
    /// The search for `text`, or `None` for text that is empty or only spaces.
    pub fn new(text: &str) -> Option<Self> {
        let text = text.trim();
        (!text.is_empty()).then(|| Self(text.to_owned()))
    }

    /// The LIKE pattern: `%`, `_` and `\` in the text are matched literally.
    fn pattern(&self) -> String {
        let mut pattern = String::from("%");
        for c in self.0.chars() {
            if matches!(c, '%' | '_' | '\\') {
                pattern.push('\\');
            }
            pattern.push(c);
        }
        pattern.push('%');
        pattern
    }
}

/// An SQL text with its bound text values, numbered in the order they are added.
struct Sql {
    backend: Backend,
    text: String,
    binds: Vec<String>,
}

impl Sql {
    fn new(backend: Backend, text: &str) -> Self {
        Self { backend, text: text.to_owned(), binds: Vec::new() }
    }

    /// Appends `piece`, where `{}` is the placeholder of `value`.
    fn push_bound(&mut self, piece: &str, value: String) {
        self.binds.push(value);
        self.text.push_str(&piece.replace("{}", &format!("${}", self.binds.len())));
    }

    fn push(&mut self, piece: &str) {
        self.text.push_str(piece);
    }

    /// ` AND <column> LIKE <pattern>`, ignoring case.
    fn push_name_search(&mut self, column: &str, search: &NameSearch) {
        let like = match self.backend {
            Backend::Sqlite => "LIKE",
            Backend::Postgres => "ILIKE",
        };
        self.push_bound(&format!(" AND {column} {like} {{}} ESCAPE '\\'"), search.pattern());
    }

    /// ` AND s.id IN (…)` for any number of ids, as one JSON parameter.
    fn push_id_list(&mut self, ids: &[Id]) {
        let json = serde_json::Value::from(ids.iter().map(Id::as_str).collect::<Vec<_>>()).to_string();
        let piece = match self.backend {
            Backend::Sqlite => " AND s.id IN (SELECT value FROM json_each({}))",
            Backend::Postgres => " AND s.id IN (SELECT jsonb_array_elements_text(CAST({} AS jsonb)))",
        };
        self.push_bound(piece, json);
    }

    /// ` ORDER BY … LIMIT … OFFSET …`.
    fn push_page(&mut self, order: &str, page: Page) {
        self.text.push_str(&format!(" ORDER BY {order} LIMIT {} OFFSET {}", page.limit, to_i64(page.offset)));
    }

    async fn fetch_all(self, store: &Store) -> Result<Vec<AnyRow>> {
        let mut query = sqlx::query(AssertSqlSafe(self.text));
        for value in self.binds {
            query = query.bind(value);
        }
        Ok(query.fetch_all(&store.pool).await?)
    }

    async fn count(self, store: &Store) -> Result<u64> {
        let rows = self.fetch_all(store).await?;
        let n: i64 = rows.first().map(|row| row.try_get(0)).transpose()?.unwrap_or(0);
        Ok(n.max(0).unsigned_abs())
    }
}

/// `FROM service s WHERE <public> AND <filter>`.
fn public_services_where(backend: Backend, select: &str, visibility: &Visibility, filter: &ServiceFilter) -> Sql {
    let mut sql = Sql::new(backend, &format!("SELECT {select} FROM service s WHERE "));
    public_service_sql(&mut sql, visibility);
    push_service_filter(&mut sql, filter);
    sql
}

fn push_service_filter(sql: &mut Sql, filter: &ServiceFilter) {
    if let Some(organisation) = &filter.organisation_id {
        sql.push_bound(" AND s.organisation_id = {}", organisation.to_string());
    }
    // `IN (subquery)` rather than a correlated `EXISTS`: the linked services are looked
    // up once through the term index, not once per service (3× faster at 100,000).
    if !filter.term_ids.is_empty() {
        sql.push(" AND s.id IN (SELECT st.service_id FROM service_term st WHERE st.term_id IN (");
        for (i, term) in filter.term_ids.iter().enumerate() {
            sql.push_bound(if i == 0 { "{}" } else { ", {}" }, term.to_string());
        }
        sql.push("))");
    }
    if let Some(taxonomy) = &filter.taxonomy_id {
        sql.push_bound(
            " AND s.id IN (SELECT st.service_id FROM service_term st JOIN taxonomy_term t ON t.id = st.term_id \
             WHERE t.taxonomy_id = {})",
            taxonomy.to_string(),
        );
    }
    if let Some(after) = filter.modified_after {
        // `updated` is stored in the same fixed format, so text order is time order.
        sql.push_bound(" AND s.updated >= {}", time_text(after));
    }
    if let Some(ids) = &filter.ids {
        sql.push_id_list(ids);
    }
}

fn parse_id(entity: EntityKind, raw: &str) -> Result<Id> {
    Id::parse(raw).map_err(|e| Error::Corrupt { entity, id: Id::derived("corrupt", raw), reason: e.to_string() })
}

impl Store {
    /// Number of public services matching `filter`.
    pub async fn public_service_count(&self, visibility: &Visibility, filter: &ServiceFilter) -> Result<u64> {
        public_services_where(self.backend, "COUNT(*)", visibility, filter).count(self).await
    }

    /// A page of the public services matching `filter`, by name (byte order) and id.
    pub async fn public_services(
        &self,
        visibility: &Visibility,
        filter: &ServiceFilter,
        page: Page,
    ) -> Result<Vec<Service>> {
        let mut sql = public_services_where(self.backend, "s.id, s.data", visibility, filter);
        sql.push_page("s.name, s.id", page);
        from_rows(EntityKind::Service, &sql.fetch_all(self).await?)
    }

    /// [`public_services`](Self::public_services) reduced to id and last change; reads
    /// no record data, so a client can fetch thousands per page.
    pub async fn public_service_stamps(
        &self,
        visibility: &Visibility,
        filter: &ServiceFilter,
        page: Page,
    ) -> Result<Vec<ServiceStamp>> {
        let mut sql = public_services_where(self.backend, "s.id, s.updated", visibility, filter);
        sql.push_page("s.name, s.id", page);
        sql.fetch_all(self)
            .await?
            .iter()
            .map(|row| {
                let id = parse_id(EntityKind::Service, &row.try_get::<String, _>("id")?)?;
                let updated: String = row.try_get("updated")?;
                let updated = DateTime::parse_from_rfc3339(&updated)
                    .map_err(|e| Error::Corrupt { entity: EntityKind::Service, id: id.clone(), reason: e.to_string() })?
                    .with_timezone(&Utc);
                Ok(ServiceStamp { id, updated })
            })
            .collect()
    }

    /// The ids of all public services matching `filter`, in no particular order: meant
    /// with [`ServiceFilter::ids`], to keep the search hits that pass the other filters.
    pub async fn public_service_ids(&self, visibility: &Visibility, filter: &ServiceFilter) -> Result<Vec<Id>> {
        let rows = public_services_where(self.backend, "s.id", visibility, filter).fetch_all(self).await?;
        rows.iter().map(|row| parse_id(EntityKind::Service, &row.try_get::<String, _>("id")?)).collect()
    }

    /// The public services with these ids, in the order of `ids`; ids of unknown or
    /// non-public services are skipped.
    pub async fn public_services_by_ids(&self, visibility: &Visibility, ids: &[Id]) -> Result<Vec<Service>> {
        let filter = ServiceFilter { ids: Some(ids.to_vec()), ..ServiceFilter::default() };
        let rows = public_services_where(self.backend, "s.id, s.data", visibility, &filter).fetch_all(self).await?;
        Ok(in_order_of(ids, from_rows(EntityKind::Service, &rows)?, |s: &Service| &s.id))
    }

    /// Number of service-at-locations of the public services matching `filter`.
    pub async fn public_service_at_location_count(
        &self,
        visibility: &Visibility,
        filter: &ServiceFilter,
    ) -> Result<u64> {
        let mut sql = Sql::new(
            self.backend,
            "SELECT COUNT(*) FROM service_location sl JOIN service s ON s.id = sl.service_id WHERE ",
        );
        public_service_sql(&mut sql, visibility);
        push_service_filter(&mut sql, filter);
        sql.count(self).await
    }

    /// A page of the service-at-locations of the public services matching `filter`, by
    /// service name, service id and then their own id. `None` as page gives them all.
    pub async fn public_service_at_locations(
        &self,
        visibility: &Visibility,
        filter: &ServiceFilter,
        page: Option<Page>,
    ) -> Result<Vec<ServiceAtLocationLink>> {
        let mut sql = Sql::new(
            self.backend,
            "SELECT sl.sal_id, sl.service_id, sl.location_id FROM service_location sl JOIN service s ON s.id = sl.service_id WHERE ",
        );
        public_service_sql(&mut sql, visibility);
        push_service_filter(&mut sql, filter);
        let order = "s.name, s.id, sl.sal_id";
        match page {
            Some(page) => sql.push_page(order, page),
            None => sql.push(&format!(" ORDER BY {order}")),
        }
        sql.fetch_all(self)
            .await?
            .iter()
            .map(|row| {
                let text = |column: &str| row.try_get::<String, _>(column);
                Ok(ServiceAtLocationLink {
                    id: parse_id(EntityKind::Service, &text("sal_id")?)?,
                    service_id: parse_id(EntityKind::Service, &text("service_id")?)?,
                    location_id: parse_id(EntityKind::Location, &text("location_id")?)?,
                })
            })
            .collect()
    }

    /// The service a service-at-location belongs to, public or not.
    pub async fn service_id_of_service_at_location(&self, id: &Id) -> Result<Option<Id>> {
        let row: Option<(String,)> = sqlx::query_as("SELECT service_id FROM service_location WHERE sal_id = $1")
            .bind(id.as_str())
            .fetch_optional(&self.pool)
            .await?;
        row.map(|(raw,)| parse_id(EntityKind::Service, &raw)).transpose()
    }

    /// Number of organisations whose name contains `name` (all without it).
    pub async fn organisation_count_named(&self, name: Option<&NameSearch>) -> Result<u64> {
        organisations_named(self.backend, "COUNT(*)", name).count(self).await
    }

    /// A page of the organisations whose name contains `name` (all without it), by
    /// name and id.
    pub async fn organisations_named(&self, name: Option<&NameSearch>, page: Page) -> Result<Vec<Organisation>> {
        let mut sql = organisations_named(self.backend, "id, data", name);
        sql.push_page("name, id", page);
        from_rows(EntityKind::Organisation, &sql.fetch_all(self).await?)
    }

    /// The locations of an organisation, by id.
    pub async fn locations_of_organisation(&self, id: &Id) -> Result<Vec<Location>> {
        let rows = sqlx::query("SELECT id, data FROM location WHERE organisation_id = $1 ORDER BY id")
            .bind(id.as_str())
            .fetch_all(&self.pool)
            .await?;
        from_rows(EntityKind::Location, &rows)
    }

    /// Number of taxonomies whose name contains `name` (all without it).
    pub async fn taxonomy_count_named(&self, name: Option<&NameSearch>) -> Result<u64> {
        taxonomies_named(self.backend, "COUNT(*)", name).count(self).await
    }

    /// A page of the taxonomies whose name contains `name` (all without it), by id.
    pub async fn taxonomies_named(&self, name: Option<&NameSearch>, page: Page) -> Result<Vec<Taxonomy>> {
        let mut sql = taxonomies_named(self.backend, "id, data", name);
        sql.push_page("id", page);
        from_rows(EntityKind::Taxonomy, &sql.fetch_all(self).await?)
    }

    /// One taxonomy.
    pub async fn taxonomy(&self, id: &Id) -> Result<Option<Taxonomy>> {
        let row = sqlx::query("SELECT id, data FROM taxonomy WHERE id = $1")
            .bind(id.as_str())
            .fetch_optional(&self.pool)
            .await?;
        row.map(|row| from_row(EntityKind::Taxonomy, &row)).transpose()
    }

    /// Number of taxonomy terms matching `filter`.
    pub async fn taxonomy_term_count(&self, filter: &TermFilter) -> Result<u64> {
        terms_where(self.backend, "COUNT(*)", filter).count(self).await
    }

    /// A page of the taxonomy terms matching `filter`, by taxonomy and id.
    pub async fn taxonomy_terms_matching(&self, filter: &TermFilter, page: Page) -> Result<Vec<TaxonomyTerm>> {
        let mut sql = terms_where(self.backend, "id, data", filter);
        sql.push_page("taxonomy_id, id", page);
        from_rows(EntityKind::TaxonomyTerm, &sql.fetch_all(self).await?)
    }

    /// One taxonomy term.
    pub async fn taxonomy_term(&self, id: &Id) -> Result<Option<TaxonomyTerm>> {
        let row = sqlx::query("SELECT id, data FROM taxonomy_term WHERE id = $1")
            .bind(id.as_str())
            .fetch_optional(&self.pool)
            .await?;
        row.map(|row| from_row(EntityKind::TaxonomyTerm, &row)).transpose()
    }
}

fn organisations_named(backend: Backend, select: &str, name: Option<&NameSearch>) -> Sql {
    let mut sql = Sql::new(backend, &format!("SELECT {select} FROM organisation WHERE 1 = 1"));
    if let Some(name) = name {
        sql.push_name_search("name", name);
    }
    sql
}

/// A text field of the record's JSON `data`; taxonomies have no name column.
fn json_field(backend: Backend, field: &str) -> String {
    match backend {
        Backend::Sqlite => format!("json_extract(data, '$.{field}')"),
        Backend::Postgres => format!("(CAST(data AS jsonb) ->> '{field}')"),
    }
}

fn taxonomies_named(backend: Backend, select: &str, name: Option<&NameSearch>) -> Sql {
    let mut sql = Sql::new(backend, &format!("SELECT {select} FROM taxonomy WHERE 1 = 1"));
    if let Some(name) = name {
        sql.push_name_search(&json_field(backend, "name"), name);
    }
    sql
}

fn terms_where(backend: Backend, select: &str, filter: &TermFilter) -> Sql {
    let mut sql = Sql::new(backend, &format!("SELECT {select} FROM taxonomy_term WHERE 1 = 1"));
    if let Some(taxonomy) = &filter.taxonomy_id {
        sql.push_bound(" AND taxonomy_id = {}", taxonomy.to_string());
    }
    let parent = json_field(backend, "parent_id");
    if let Some(parent_id) = &filter.parent_id {
        sql.push_bound(&format!(" AND {parent} = {{}}"), parent_id.to_string());
    }
    if filter.top_only {
        sql.push(&format!(" AND {parent} IS NULL"));
    }
    if let Some(name) = &filter.name {
        sql.push_name_search(&json_field(backend, "name"), name);
    }
    sql
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_wildcards_in_a_search_are_taken_literally() {
        assert_eq!(NameSearch::new(" 100%_zeker\\ ").unwrap().pattern(), "%100\\%\\_zeker\\\\%");
        assert_eq!(NameSearch::new("   "), None);
    }

    #[test]
    fn placeholders_are_numbered_in_the_order_values_are_bound() {
        let filter = ServiceFilter {
            organisation_id: Some(Id::parse("org").unwrap()),
            term_ids: vec![Id::parse("t1").unwrap(), Id::parse("t2").unwrap()],
            ..ServiceFilter::default()
        };
        let now = chrono::TimeZone::with_ymd_and_hms(&Utc, 2027, 6, 1, 12, 0, 0).unwrap();
        let visibility = Visibility::new(FreshnessPolicy::default(), now);
        let sql = public_services_where(Backend::Postgres, "s.id", &visibility, &filter);
        assert!(sql.text.contains("COALESCE(s.verified_at, s.updated) > $1"), "{}", sql.text);
        assert!(sql.text.contains("s.organisation_id = $2"), "{}", sql.text);
        assert!(sql.text.contains("st.term_id IN ($3, $4)"), "{}", sql.text);
        assert_eq!(sql.binds, ["2025-12-08T12:00:00.000000Z", "org", "t1", "t2"], "540 days before");
    }
}
