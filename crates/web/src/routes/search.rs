//! The search API: `GET /api/search` and `GET /api/suggest`.

pub(crate) mod params;

use crate::AppState;
use axum::Json;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use params::{ParamError, SearchParams};
use serde_json::{Value, json};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use wegwijs_search::SearchResults;

/// Routes of this module, each with its OpenAPI description.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(search)).routes(routes!(suggest))
}

/// A JSON error answer: `{"error": "...", "message": "..."}`.
struct ApiError(StatusCode, String);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let code = if self.0.is_client_error() { "bad_request" } else { "internal" };
        (self.0, Json(json!({ "error": code, "message": self.1 }))).into_response()
    }
}

impl From<ParamError> for ApiError {
    fn from(error: ParamError) -> Self {
        Self(StatusCode::BAD_REQUEST, error.to_string())
    }
}

impl From<wegwijs_search::Error> for ApiError {
    fn from(error: wegwijs_search::Error) -> Self {
        tracing::error!(%error, "search failed");
        Self(StatusCode::INTERNAL_SERVER_ERROR, "the search failed; please try again later".into())
    }
}

/// Search services, as the website does.
///
/// Dutch full-text search with everyday words, typo tolerance and place names in the
/// text ("hulp bij schulden Sassenheim"), facet filters and counts, distance and "open
/// now". Facet parameters (`theme`, `health`, `municipality`, `place`, `wijk`,
/// `age_group`, `funding`, `cost`, `referral`, `language`) may be repeated or
/// comma-separated; values of one facet are alternatives. Errors are
/// `{"error": "bad_request", "message": "…"}`.
#[utoipa::path(
    get,
    path = "/api/search",
    tag = "Search",
    operation_id = "search_services",
    params(
        ("q" = Option<String>, Query, description = "What to search for; empty lists everything.", example = "schulden", max_length = 500),
        ("postcode" = Option<String>, Query, description = "Search near this Dutch postcode (2171 or 2171 AB)."),
        ("near" = Option<String>, Query, description = "Search near this place or municipality (Warmond, Teylingen)."),
        ("lat" = Option<f64>, Query, description = "Search near this latitude (with lon)."),
        ("lon" = Option<f64>, Query, description = "Search near this longitude (with lat)."),
        ("radius_km" = Option<f64>, Query, description = "Only services within this distance of the location, in km (up to 500)."),
        ("theme" = Option<String>, Query, description = "Theme codes (facet; see `facets.theme` of an answer)."),
        ("health" = Option<String>, Query, description = "Positieve Gezondheid dimension codes (facet)."),
        ("municipality" = Option<String>, Query, description = "CBS municipality codes of a location, e.g. GM1525 (facet)."),
        ("place" = Option<String>, Query, description = "Villages or towns of a location (facet)."),
        ("wijk" = Option<String>, Query, description = "CBS wijk codes of a location (facet)."),
        ("age_group" = Option<String>, Query, description = "Age groups the service admits (facet)."),
        ("funding" = Option<String>, Query, description = "Funding scheme codes: wmo, jeugdwet, zvw, wlz, … (facet)."),
        ("cost" = Option<String>, Query, description = "Free or paid (facet)."),
        ("referral" = Option<String>, Query, description = "Referral route: none, huisarts, wijkteam, gemeente (facet)."),
        ("language" = Option<String>, Query, description = "Languages spoken, ISO 639-1 (facet)."),
        ("age" = Option<u8>, Query, description = "Only services for this age (0–120)."),
        ("open_now" = Option<bool>, Query, description = "Only services that are open now."),
        ("sort" = Option<String>, Query, description = "`relevance` (default) or `distance`."),
        ("page" = Option<u32>, Query, description = "Page number, from 1."),
        ("per_page" = Option<u32>, Query, description = "Results per page, 1–50 (default 10)."),
        ("explain" = Option<bool>, Query, description = "Add why each result ranks where it does."),
    ),
    responses(
        (status = 200, description = "`total`, `results` (id, name, url, organisation, summary, snippet, distance_km, open_now, free, price_cents, referral, themes), `facets` with counts, the `location` used and the `interpretation` of the query.", content_type = "application/json"),
        (status = 400, description = "A parameter is not valid; `message` says which and why.", content_type = "application/json"),
    )
)]
async fn search(State(state): State<AppState>, RawQuery(query): RawQuery) -> Result<Json<Value>, ApiError> {
    let params = SearchParams::parse(query.as_deref().unwrap_or_default())?;
    let request = params.request()?;
    // Searching is CPU work of milliseconds: off the async workers, so slow searches
    // do not hold up other requests.
    let index = state.search.clone();
    let (request, results) = tokio::task::spawn_blocking(move || {
        let results = index.search(&request);
        (request, results)
    })
    .await
    .map_err(|_| ApiError(StatusCode::INTERNAL_SERVER_ERROR, "the search failed; please try again later".into()))?;
    let results = results?;
    state.search_log.record(&request.text, results.total);
    Ok(Json(to_json(&params, &results)))
}

fn to_json(params: &SearchParams, results: &SearchResults) -> Value {
    let total_pages = total_pages(results.total, params.per_page);
    let hits: Vec<Value> = results
        .hits
        .iter()
        .map(|hit| {
            let mut value = json!({
                "id": hit.id,
                "name": hit.name,
                "url": crate::view::service_href(crate::Locale::Nl, &hit.id, &hit.name),
                "organisation": { "id": hit.organisation_id, "name": hit.organisation },
                "summary": hit.summary,
                "snippet": hit.snippet,
                "distance_km": hit.distance_km.map(|d| (d * 10.0).round() / 10.0),
                "open_now": hit.open_now,
                "free": hit.free,
                "price_cents": hit.price_cents,
                "referral": hit.referral,
                "themes": hit.themes,
            });
            // Only when asked for with `explain=true`; otherwise the key is absent.
            if let Some(explanation) = &hit.explanation {
                value["explanation"] = json!(explanation);
            }
            value
        })
        .collect();
    let mut facets = serde_json::Map::new();
    for counts in &results.facets {
        facets.insert(counts.facet.name().to_owned(), json!(counts.values));
    }
    facets.insert("open_now".into(), json!({ "count": results.open_now, "selected": params.open_now }));
    facets.insert(
        "distance".into(),
        json!(
            results.within_km.iter().map(|(km, count)| json!({ "within_km": km, "count": count })).collect::<Vec<_>>()
        ),
    );
    json!({
        "query": params.q,
        "total": results.total,
        "page": params.page,
        "per_page": params.per_page,
        "total_pages": total_pages,
        "results": hits,
        "facets": facets,
        "location": results.near.as_ref().map(|n| json!({
            "label": n.label,
            "lat": n.point.lat,
            "lon": n.point.lon,
            "municipality": n.municipality_code,
        })),
        "interpretation": results.interpretation,
    })
}

/// Pages that can be shown: only the first `MAX_RESULT_WINDOW` results can be paged to.
pub(crate) fn total_pages(total: u64, per_page: usize) -> u64 {
    let reachable = total.min(wegwijs_search::engine::MAX_RESULT_WINDOW as u64);
    reachable.div_ceil(per_page.max(1) as u64)
}

/// Suggestions while typing.
///
/// Service names, taxonomy terms and everyday words that complete what has been typed.
/// Names of services the public site does not show are not suggested.
#[utoipa::path(
    get,
    path = "/api/suggest",
    tag = "Search",
    operation_id = "suggest",
    params(("q" = Option<String>, Query, description = "What has been typed so far.", example = "mantel", max_length = 500)),
    responses(
        (status = 200, description = "`query` and up to 8 `suggestions`.", content_type = "application/json"),
        (status = 400, description = "The parameter is not valid; `message` says why.", content_type = "application/json"),
    )
)]
async fn suggest(State(state): State<AppState>, RawQuery(query): RawQuery) -> Result<Json<Value>, ApiError> {
    let q = params::single(query.as_deref().unwrap_or_default(), "q")?.unwrap_or_default();
    if q.chars().count() > params::MAX_QUERY_CHARS {
        return Err(ParamError::TooLong("q").into());
    }
    let index = state.search.clone();
    let typed = q.clone();
    let visibility = state.config.visibility(chrono::Utc::now());
    let suggestions =
        tokio::task::spawn_blocking(move || index.suggest(&typed, 8, &visibility)).await.map_err(|_| {
            ApiError(StatusCode::INTERNAL_SERVER_ERROR, "suggestions failed; please try again later".into())
        })??;
    Ok(Json(json!({ "query": q, "suggestions": suggestions })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_beyond_the_result_window_are_not_promised() {
        assert_eq!(total_pages(20_000, 10), 1_000);
        assert_eq!(total_pages(95, 10), 10);
        assert_eq!(total_pages(0, 10), 0);
    }
}
