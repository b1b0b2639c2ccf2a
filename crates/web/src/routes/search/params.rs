//! Reading and checking the query parameters of `/api/search`. Every mistake gets a
//! 400 that names the parameter and says what is allowed.

use chrono::Utc;
use std::collections::BTreeMap;
use wegwijs_domain::GeoPoint;
use wegwijs_domain::geo;
use wegwijs_search::place::{from_name, from_point, from_postcode};
use wegwijs_search::{Facet, SearchRequest, Sort};

/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 500;
/// Most results per page.
const MAX_PER_PAGE: usize = 50;
/// Deepest page: beyond [`wegwijs_search::engine::MAX_RESULT_WINDOW`] results pages are empty.
const MAX_PAGE: usize = 1_000_000;

/// A parameter that cannot be used.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ParamError {
    /// Not a valid value.
    #[error("parameter {name}: {reason}")]
    Invalid {
        /// The parameter.
        name: &'static str,
        /// What is allowed.
        reason: String,
    },
    /// Given twice where one value is expected.
    #[error("parameter {0} is given more than once")]
    Repeated(&'static str),
    /// Too long.
    #[error("parameter {0} is longer than {MAX_QUERY_CHARS} characters")]
    TooLong(&'static str),
}

/// The checked parameters.
#[derive(Debug, Clone)]
pub struct SearchParams {
    pub q: String,
    pub postcode: Option<String>,
    pub near: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub radius_km: Option<f64>,
    pub filters: BTreeMap<Facet, Vec<String>>,
    pub age: Option<u8>,
    pub open_now: bool,
    pub sort: Sort,
    pub page: usize,
    pub per_page: usize,
    pub explain: bool,
}

/// The one value of a parameter, if given.
pub fn single(query: &str, name: &'static str) -> Result<Option<String>, ParamError> {
    let mut values =
        url::form_urlencoded::parse(query.as_bytes()).filter(|(k, _)| k == name).map(|(_, v)| v.into_owned());
    let first = values.next();
    if values.next().is_some() {
        return Err(ParamError::Repeated(name));
    }
    Ok(first)
}

fn number<T: std::str::FromStr>(query: &str, name: &'static str, what: &str) -> Result<Option<T>, ParamError> {
    single(query, name)?
        .filter(|v| !v.trim().is_empty())
        .map(|v| {
            v.trim().parse().map_err(|_| ParamError::Invalid { name, reason: format!("expected {what}, got {v:?}") })
        })
        .transpose()
}

fn flag(query: &str, name: &'static str) -> Result<bool, ParamError> {
    match single(query, name)?.as_deref().map(str::trim) {
        None | Some("" | "0" | "false" | "nee") => Ok(false),
        Some("1" | "true" | "ja" | "on") => Ok(true),
        Some(other) => Err(ParamError::Invalid { name, reason: format!("expected true or false, got {other:?}") }),
    }
}

impl SearchParams {
    /// Reads the raw query string.
    pub fn parse(query: &str) -> Result<Self, ParamError> {
        let q = single(query, "q")?.unwrap_or_default();
        if q.chars().count() > MAX_QUERY_CHARS {
            return Err(ParamError::TooLong("q"));
        }
        let mut filters: BTreeMap<Facet, Vec<String>> = BTreeMap::new();
        for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
            if let Some(facet) = Facet::parse(&key) {
                // Repeated (theme=a&theme=b) and comma-separated (theme=a,b) both work.
                let values = value.split(',').map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
                filters.entry(facet).or_default().extend(values);
            }
        }
        let radius_km: Option<f64> = number(query, "radius_km", "a distance in km")?;
        if let Some(r) = radius_km
            && !(r > 0.0 && r <= 500.0)
        {
            return Err(ParamError::Invalid {
                name: "radius_km",
                reason: format!("must be more than 0 and at most 500, got {r}"),
            });
        }
        let lat: Option<f64> = number(query, "lat", "a latitude")?;
        let lon: Option<f64> = number(query, "lon", "a longitude")?;
        if lat.is_some() != lon.is_some() {
            return Err(ParamError::Invalid { name: "lat", reason: "give lat and lon together".into() });
        }
        let age: Option<u8> = number(query, "age", "an age in years (0-120)")?;
        if age.is_some_and(|a| a > 120) {
            return Err(ParamError::Invalid { name: "age", reason: "must be at most 120".into() });
        }
        let page: usize = number(query, "page", "a page number")?.unwrap_or(1);
        if !(1..=MAX_PAGE).contains(&page) {
            return Err(ParamError::Invalid { name: "page", reason: format!("must be between 1 and {MAX_PAGE}") });
        }
        let per_page: usize = number(query, "per_page", "a number of results")?.unwrap_or(10);
        if !(1..=MAX_PER_PAGE).contains(&per_page) {
            return Err(ParamError::Invalid {
                name: "per_page",
                reason: format!("must be between 1 and {MAX_PER_PAGE}"),
            });
        }
        let sort = match single(query, "sort")?.as_deref() {
            None | Some("" | "relevance") => Sort::Relevance,
            Some("distance") => Sort::Distance,
            Some(other) => {
                return Err(ParamError::Invalid {
                    name: "sort",
                    reason: format!("relevance or distance, got {other:?}"),
                });
            }
        };
        Ok(Self {
            q,
            postcode: single(query, "postcode")?.filter(|v| !v.trim().is_empty()),
            near: single(query, "near")?.filter(|v| !v.trim().is_empty()),
            lat,
            lon,
            radius_km,
            filters,
            age,
            open_now: flag(query, "open_now")?,
            sort,
            page,
            per_page,
            explain: flag(query, "explain")?,
        })
    }

    /// The search request these parameters ask for.
    pub fn request(&self) -> Result<SearchRequest, ParamError> {
        let geo = geo::builtin();
        let near = if let Some(postcode) = &self.postcode {
            Some(from_postcode(geo, postcode).ok_or_else(|| ParamError::Invalid {
                name: "postcode",
                reason: format!("{postcode:?} is not a known Dutch postcode (e.g. 2171 or 2171 AB)"),
            })?)
        } else if let Some(name) = &self.near {
            Some(from_name(geo, name).ok_or_else(|| ParamError::Invalid {
                name: "near",
                reason: format!("{name:?} is not a known Dutch place or municipality"),
            })?)
        } else if let (Some(lat), Some(lon)) = (self.lat, self.lon) {
            let point = GeoPoint::new(lat, lon)
                .map_err(|_| ParamError::Invalid { name: "lat", reason: "not a valid coordinate".into() })?;
            Some(from_point(geo, point))
        } else {
            None
        };
        let mut request = SearchRequest::new(self.q.clone());
        request.near = near;
        request.radius_km = self.radius_km;
        request.filters = self.filters.clone();
        request.age = self.age;
        request.open_now = self.open_now;
        request.sort = self.sort;
        request.offset = (self.page - 1).saturating_mul(self.per_page);
        request.limit = self.per_page;
        request.explain = self.explain;
        request.now = Utc::now();
        Ok(request)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_values_name_the_parameter() {
        for (query, name) in [
            ("radius_km=-1", "radius_km"),
            ("radius_km=abc", "radius_km"),
            ("page=0", "page"),
            ("page=99999999999999999999", "page"),
            ("per_page=500", "per_page"),
            ("sort=random", "sort"),
            ("lat=52.2", "lat"),
            ("age=300", "age"),
            ("open_now=misschien", "open_now"),
        ] {
            let error = SearchParams::parse(query).unwrap_err().to_string();
            assert!(error.contains(name), "{query}: {error}");
        }
        assert!(matches!(SearchParams::parse("q=a&q=b"), Err(ParamError::Repeated("q"))));
        let long = format!("q={}", "a".repeat(MAX_QUERY_CHARS + 1));
        assert_eq!(SearchParams::parse(&long).unwrap_err(), ParamError::TooLong("q"));
    }

    #[test]
    fn filters_repeat_or_use_commas() {
        let params = SearchParams::parse("theme=a,b&theme=c&language=tr").unwrap();
        assert_eq!(params.filters[&Facet::Theme], ["a", "b", "c"]);
        assert_eq!(params.filters[&Facet::Language], ["tr"]);
    }

    #[test]
    fn locations_are_resolved_or_refused() {
        assert!(SearchParams::parse("postcode=2171+AB").unwrap().request().unwrap().near.is_some());
        assert!(SearchParams::parse("near=Warmond").unwrap().request().unwrap().near.is_some());
        let error = SearchParams::parse("postcode=0000").unwrap().request().unwrap_err();
        assert!(error.to_string().contains("postcode"));
        assert!(SearchParams::parse("lat=91&lon=4").unwrap().request().is_err());
        let deep = SearchParams::parse("page=1000000&per_page=50").unwrap().request().unwrap();
        assert_eq!(deep.offset, 999_999 * 50);
    }
}
