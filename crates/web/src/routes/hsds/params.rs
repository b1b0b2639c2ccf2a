//! The query parameters of the HSDS API, as HSDS 3.0's OpenAPI document names them,
//! read raw and checked once: every mistake is a 400 that names the parameter and says
//! what is allowed, so a partner's developer can fix the call without asking us.

use crate::AppError;
use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use utoipa::IntoParams;
use wegwijs_domain::Id;
use wegwijs_store::NameSearch;

/// Items per page unless `per_page` says otherwise.
pub const DEFAULT_PER_PAGE: u32 = 50;
/// Most items per page: a page of nested services stays well under a megabyte.
pub const MAX_PER_PAGE: u32 = 100;
/// Most items per page with `minimal=true`, which HSDS wants in as few calls as possible.
pub const MAX_MINIMAL_PER_PAGE: u32 = 10_000;
/// Deepest page number.
const MAX_PAGE: u64 = 1_000_000;
/// Most taxonomy terms in one `taxonomy_term_id`.
const MAX_TERM_IDS: usize = 50;
/// Longest distance for `proximity`, in metres (the search engine's largest radius).
const MAX_PROXIMITY_M: f64 = 500_000.0;

/// A query string read into `T`; a query that does not fit (a parameter given twice) is
/// a 400 rather than axum's plain-text rejection.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, AppError> {
        Query::try_from_uri(&parts.uri)
            .map(|Query(value)| Self(value))
            .map_err(|rejection| AppError::BadRequest(rejection.body_text()))
    }
}

/// Paging, for every list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Page number, from 1. A page after the last one is empty.
    #[param(value_type = Option<u64>, minimum = 1)]
    pub page: Option<String>,
    /// Items per page: 1 to 100, default 50 (with `minimal=true` up to 10,000, default 10,000).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 10000, example = 5)]
    pub per_page: Option<String>,
    /// Only `json` (the default) is offered.
    #[param(value_type = Option<String>, pattern = "^json$")]
    pub format: Option<String>,
}

/// Which page of how many items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// From 1.
    pub page: u64,
    /// Items per page.
    pub per_page: u32,
}

impl Paging {
    /// Checks `query`; `max` is the largest page size allowed for this call.
    pub fn parse(query: &PageQuery, default: u32, max: u32) -> Result<Self, AppError> {
        if let Some(format) = text(query.format.as_deref())
            && format != "json"
        {
            return Err(invalid("format", format!("only json is offered, got {format:?}")));
        }
        let page = number::<u64>("page", query.page.as_deref())?.unwrap_or(1);
        if !(1..=MAX_PAGE).contains(&page) {
            return Err(invalid("page", format!("must be between 1 and {MAX_PAGE}, got {page}")));
        }
        let per_page = number::<u32>("per_page", query.per_page.as_deref())?.unwrap_or(default);
        if !(1..=max).contains(&per_page) {
            return Err(invalid("per_page", format!("must be between 1 and {max}, got {per_page}")));
        }
        Ok(Self { page, per_page })
    }

    /// The store's page.
    pub fn store_page(self) -> wegwijs_store::Page {
        wegwijs_store::Page { offset: self.offset(), limit: self.per_page }
    }

    /// Items before this page.
    pub fn offset(self) -> u64 {
        (self.page - 1).saturating_mul(u64::from(self.per_page))
    }
}

/// The filters of `/services` and `/service_at_locations`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ServiceQuery {
    /// Full-text search in Dutch, as on the website: everyday words find the right
    /// services ("geldproblemen" finds debt counselling). Results come best match first;
    /// a search lists at most the 10,000 best matches.
    #[param(value_type = Option<String>, max_length = 500)]
    pub search: Option<String>,
    /// Only services linked to one of these taxonomy terms (ids, comma-separated).
    #[param(value_type = Option<String>)]
    pub taxonomy_term_id: Option<String>,
    /// Only services linked to a term of this taxonomy.
    #[param(value_type = Option<String>)]
    pub taxonomy_id: Option<String>,
    /// Only services of this organization.
    #[param(value_type = Option<String>)]
    pub organization_id: Option<String>,
    /// Only services changed at or after this moment (RFC 3339, e.g.
    /// `2026-11-01T00:00:00Z`; a date alone means midnight UTC).
    #[param(value_type = Option<String>, format = DateTime)]
    pub modified_after: Option<String>,
    /// A Dutch postcode (`2171` or `2171 AB`). Alone, it ranks services that serve this
    /// postcode and are nearby first; with `proximity`, it also filters.
    #[param(value_type = Option<String>)]
    pub postcode: Option<String>,
    /// With `postcode`: only services with a location within this many metres of the
    /// postcode's centre, or without a location but serving the postcode's area. Without
    /// `search`, the nearest come first.
    #[param(value_type = Option<u32>, minimum = 1, maximum = 500000)]
    pub proximity: Option<String>,
    /// `true`: fully nested objects instead of the one-to-one fields only.
    #[param(value_type = Option<bool>)]
    pub full: Option<String>,
}

/// `minimal` of `/services`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MinimalQuery {
    /// `true`: only `id` and `last_modified` of each service, up to 10,000 per page, to
    /// find what changed.
    #[param(value_type = Option<bool>)]
    pub minimal: Option<String>,
}

/// The searcher's place for a search near a postcode.
#[derive(Debug, Clone)]
pub struct Near {
    /// The postcode, resolved.
    pub place: wegwijs_search::place::Whereabouts,
    /// Only within this distance.
    pub radius_km: Option<f64>,
}

/// The checked filters of a service listing.
#[derive(Debug, Clone, Default)]
pub struct ServiceSelection {
    /// What the store filters on.
    pub filter: wegwijs_store::ServiceFilter,
    /// Words to search for (the engine ranks).
    pub search: Option<String>,
    /// A postcode to rank or filter by (the engine ranks).
    pub near: Option<Near>,
    /// Fully nested items.
    pub full: bool,
}

impl ServiceSelection {
    /// Checks `query`.
    pub fn parse(query: &ServiceQuery) -> Result<Self, AppError> {
        let search = text(query.search.as_deref()).map(str::to_owned);
        if search.as_ref().is_some_and(|s| s.chars().count() > crate::routes::search::params::MAX_QUERY_CHARS) {
            let max = crate::routes::search::params::MAX_QUERY_CHARS;
            return Err(invalid("search", format!("must be at most {max} characters")));
        }
        let term_ids = match text(query.taxonomy_term_id.as_deref()) {
            None => Vec::new(),
            Some(list) => {
                let ids = list.split(',').map(str::trim).filter(|s| !s.is_empty());
                let ids = ids.map(|raw| id("taxonomy_term_id", raw)).collect::<Result<Vec<_>, _>>()?;
                if ids.len() > MAX_TERM_IDS {
                    return Err(invalid("taxonomy_term_id", format!("at most {MAX_TERM_IDS} ids")));
                }
                ids
            }
        };
        let filter = wegwijs_store::ServiceFilter {
            organisation_id: optional_id("organization_id", query.organization_id.as_deref())?,
            term_ids,
            taxonomy_id: optional_id("taxonomy_id", query.taxonomy_id.as_deref())?,
            modified_after: text(query.modified_after.as_deref()).map(moment).transpose()?,
            ids: None,
        };
        let near = near(query.postcode.as_deref(), query.proximity.as_deref())?;
        Ok(Self { filter, search, near, full: flag("full", query.full.as_deref())? })
    }

    /// Whether the search engine orders the results (a search or a postcode).
    pub fn ranked(&self) -> bool {
        self.search.is_some() || self.near.is_some()
    }
}

fn near(postcode: Option<&str>, proximity: Option<&str>) -> Result<Option<Near>, AppError> {
    let metres = number::<f64>("proximity", proximity)?;
    if let Some(m) = metres
        && !(m > 0.0 && m <= MAX_PROXIMITY_M)
    {
        return Err(invalid("proximity", format!("must be more than 0 and at most {MAX_PROXIMITY_M} metres")));
    }
    let Some(postcode) = text(postcode) else {
        return match metres {
            Some(_) => Err(invalid("proximity", "needs a postcode to measure from".to_owned())),
            None => Ok(None),
        };
    };
    let place = wegwijs_search::place::from_postcode(wegwijs_domain::geo::builtin(), postcode).ok_or_else(|| {
        invalid("postcode", format!("{postcode:?} is not a known Dutch postcode (e.g. 2171 or 2171 AB)"))
    })?;
    Ok(Some(Near { place, radius_km: metres.map(|m| m / 1000.0) }))
}

/// A name search (`search` of organisations, taxonomies and terms).
pub fn name_search(raw: Option<&str>) -> Result<Option<NameSearch>, AppError> {
    match raw {
        Some(text) if text.chars().count() > crate::routes::search::params::MAX_QUERY_CHARS => {
            Err(invalid("search", "is too long".to_owned()))
        }
        raw => Ok(raw.and_then(NameSearch::new)),
    }
}

/// A `true`/`false` parameter; absent is false.
pub fn flag(name: &'static str, raw: Option<&str>) -> Result<bool, AppError> {
    match text(raw) {
        None | Some("false" | "0") => Ok(false),
        Some("true" | "1") => Ok(true),
        Some(other) => Err(invalid(name, format!("expected true or false, got {other:?}"))),
    }
}

/// An id parameter; absent or empty is `None`.
pub fn optional_id(name: &'static str, raw: Option<&str>) -> Result<Option<Id>, AppError> {
    text(raw).map(|raw| id(name, raw)).transpose()
}

fn id(name: &'static str, raw: &str) -> Result<Id, AppError> {
    Id::parse(raw).map_err(|e| invalid(name, format!("{raw:?} is not an id: {e}")))
}

/// RFC 3339; a `+` of a time zone that arrived as a space (an unencoded `+` in a query
/// string) is read as `+`; a date alone is midnight UTC.
fn moment(raw: &str) -> Result<DateTime<Utc>, AppError> {
    let parsed = DateTime::parse_from_rfc3339(raw)
        .or_else(|_| DateTime::parse_from_rfc3339(&raw.replace(' ', "+")))
        .map(|at| at.with_timezone(&Utc));
    parsed
        .or_else(|_| NaiveDate::parse_from_str(raw, "%Y-%m-%d").map(|d| d.and_time(chrono::NaiveTime::MIN).and_utc()))
        .map_err(|_| invalid("modified_after", format!("expected a date-time like 2026-11-01T00:00:00Z, got {raw:?}")))
}

fn number<T: std::str::FromStr>(name: &'static str, raw: Option<&str>) -> Result<Option<T>, AppError> {
    text(raw).map(|v| v.parse().map_err(|_| invalid(name, format!("expected a number, got {v:?}")))).transpose()
}

/// The trimmed value, `None` when absent or blank.
fn text(raw: Option<&str>) -> Option<&str> {
    raw.map(str::trim).filter(|v| !v.is_empty())
}

fn invalid(name: &str, reason: String) -> AppError {
    AppError::BadRequest(format!("parameter {name}: {reason}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paging(page: Option<&str>, per_page: Option<&str>) -> Result<Paging, AppError> {
        let query = PageQuery { page: page.map(str::to_owned), per_page: per_page.map(str::to_owned), format: None };
        Paging::parse(&query, DEFAULT_PER_PAGE, MAX_PER_PAGE)
    }

    fn message(error: AppError) -> String {
        error.to_string()
    }

    #[test]
    fn paging_has_defaults_and_refuses_what_cannot_be_a_page() {
        assert_eq!(paging(None, None).unwrap(), Paging { page: 1, per_page: 50 });
        assert_eq!(paging(Some(" 3 "), Some("10")).unwrap().offset(), 20);
        for (page, per_page, name) in [
            (Some("0"), None, "page"),
            (Some("-1"), None, "page"),
            (Some("abc"), None, "page"),
            (None, Some("abc"), "per_page"),
            (None, Some("101"), "per_page"),
            (None, Some("0"), "per_page"),
        ] {
            let error = message(paging(page, per_page).unwrap_err());
            assert!(error.contains(&format!("parameter {name}")), "{page:?} {per_page:?}: {error}");
        }
        let ndjson = PageQuery { format: Some("ndjson".into()), ..PageQuery::default() };
        assert!(message(Paging::parse(&ndjson, 50, 100).unwrap_err()).contains("format"));
    }

    #[test]
    fn modified_after_reads_what_partners_send() {
        use chrono::TimeZone;
        let expected = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
        for raw in ["2026-11-01T00:00:00Z", "2026-11-01T01:00:00+01:00", "2026-11-01T01:00:00 01:00", "2026-11-01"] {
            assert_eq!(moment(raw).unwrap(), expected, "{raw}");
        }
        assert!(message(moment("gisteren").unwrap_err()).contains("modified_after"));
    }

    #[test]
    fn proximity_needs_a_known_postcode() {
        let selection = |postcode: Option<&str>, proximity: Option<&str>| {
            ServiceSelection::parse(&ServiceQuery {
                postcode: postcode.map(str::to_owned),
                proximity: proximity.map(str::to_owned),
                ..ServiceQuery::default()
            })
        };
        let near = selection(Some("2171 AB"), Some("2500")).unwrap().near.unwrap();
        assert_eq!(near.radius_km, Some(2.5));
        assert!(near.place.label.starts_with("2171"));
        assert!(selection(Some("2171"), None).unwrap().near.unwrap().radius_km.is_none());
        assert!(message(selection(None, Some("1000")).unwrap_err()).contains("needs a postcode"));
        assert!(message(selection(Some("0000"), Some("1000")).unwrap_err()).contains("postcode"));
        assert!(message(selection(Some("2171"), Some("-5")).unwrap_err()).contains("proximity"));
        assert!(message(selection(Some("2171"), Some("ver")).unwrap_err()).contains("proximity"));
    }

    #[test]
    fn term_ids_may_be_a_list_and_bad_ids_are_named() {
        let query = ServiceQuery { taxonomy_term_id: Some("a, b,,c".into()), ..ServiceQuery::default() };
        assert_eq!(ServiceSelection::parse(&query).unwrap().filter.term_ids.len(), 3);
        let bad = ServiceQuery { organization_id: Some("a b".into()), ..ServiceQuery::default() };
        assert!(message(ServiceSelection::parse(&bad).unwrap_err()).contains("organization_id"));
        let flag_error = ServiceQuery { full: Some("ja".into()), ..ServiceQuery::default() };
        assert!(message(ServiceSelection::parse(&flag_error).unwrap_err()).contains("parameter full"));
    }
}
