//! `/api/hsds/service_at_locations` and `/api/hsds/service_at_locations/{id}`: where a
//! service is offered. Each is cut from its service's nested export.

use super::nesting::{Depth, Nesting};
use super::page::HsdsPage;
use super::params::{ApiQuery, DEFAULT_PER_PAGE, MAX_PER_PAGE, PageQuery, Paging, ServiceQuery, ServiceSelection};
use super::ranked::ranked_ids;
use super::schemas::{HsdsServiceAtLocation, ServiceAtLocationPage};
use super::shape;
use crate::error::Problem;
use crate::{AppError, AppState};
use axum::Json;
use axum::extract::{Path, State};
use serde_json::Value;
use std::collections::HashMap;
use wegwijs_domain::Id;
use wegwijs_store::{ServiceAtLocationLink, ServiceFilter, Visibility};

/// A page of `service_at_location`s.
///
/// Items are `service_at_location_list` objects: the `service_at_location` with its
/// location and its service, each with their one-to-one fields; `full=true` nests
/// everything. The filters are those of `/services`; with `postcode` and `proximity`
/// the location itself must lie within the distance.
#[utoipa::path(
    get,
    path = "/api/hsds/service_at_locations",
    tag = "HSDS",
    operation_id = "list_service_at_locations",
    params(PageQuery, ServiceQuery),
    responses(
        (status = 200, description = "A page of service_at_locations.", body = ServiceAtLocationPage),
        (status = 400, description = "A parameter is not valid; `detail` says which and why.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_service_at_locations(
    State(state): State<AppState>,
    ApiQuery(page): ApiQuery<PageQuery>,
    ApiQuery(query): ApiQuery<ServiceQuery>,
) -> Result<HsdsPage, AppError> {
    let paging = Paging::parse(&page, DEFAULT_PER_PAGE, MAX_PER_PAGE)?;
    let selection = ServiceSelection::parse(&query)?;
    let visibility = state.config.visibility(chrono::Utc::now());
    let (total, links) = if selection.ranked() {
        ranked_links(&state, &visibility, &selection, paging).await?
    } else {
        let total = state.store.public_service_at_location_count(&visibility, &selection.filter).await?;
        let links = if paging.offset() >= total {
            Vec::new()
        } else {
            let page = Some(paging.store_page());
            state.store.public_service_at_locations(&visibility, &selection.filter, page).await?
        };
        (total, links)
    };
    Ok(HsdsPage::new(paging, total, items(&state, &visibility, &links, selection.full).await?))
}

/// The page of `service_at_location`s of the ranked services, in their services' order;
/// with a radius, those whose own location is within it (nearest first without words).
async fn ranked_links(
    state: &AppState,
    visibility: &Visibility,
    selection: &ServiceSelection,
    paging: Paging,
) -> Result<(u64, Vec<ServiceAtLocationLink>), AppError> {
    let ranked = ranked_ids(state, visibility, selection).await?;
    let rank: HashMap<Id, usize> = ranked.iter().enumerate().map(|(i, id)| (id.clone(), i)).collect();
    let of_ranked = ServiceFilter { ids: Some(ranked), ..ServiceFilter::default() };
    let mut links = state.store.public_service_at_locations(visibility, &of_ranked, None).await?;
    links.sort_by_key(|link| rank.get(&link.service_id).copied().unwrap_or(usize::MAX));
    if let Some(near) = &selection.near
        && let Some(radius_km) = near.radius_km
    {
        let location_ids: Vec<Id> = links.iter().map(|link| link.location_id.clone()).collect();
        let distance: HashMap<Id, f64> = state
            .store
            .locations_by_ids(&location_ids)
            .await?
            .into_iter()
            .filter_map(|location| Some((location.id, location.point?.distance_km(near.place.point))))
            .collect();
        let km = |link: &ServiceAtLocationLink| distance.get(&link.location_id).copied().unwrap_or(f64::INFINITY);
        links.retain(|link| km(link) <= radius_km);
        if selection.search.is_none() {
            links.sort_by(|a, b| km(a).total_cmp(&km(b)));
        }
    }
    let total = links.len() as u64;
    let skip = usize::try_from(paging.offset()).unwrap_or(usize::MAX);
    Ok((total, links.into_iter().skip(skip).take(paging.per_page as usize).collect()))
}

/// The items for `links`, from their services' nested export.
async fn items(
    state: &AppState,
    visibility: &Visibility,
    links: &[ServiceAtLocationLink],
    full: bool,
) -> Result<Vec<Value>, AppError> {
    let service_ids: Vec<Id> = links.iter().map(|link| link.service_id.clone()).collect();
    let services = state.store.public_services_by_ids(visibility, &service_ids).await?;
    let nesting = Nesting::load(&state.store, &services, Depth::WithLocations).await?;
    let nested: HashMap<&Id, Value> =
        services.iter().map(|s| Ok((&s.id, nesting.service(s)?))).collect::<Result<_, AppError>>()?;
    Ok(links
        .iter()
        .filter_map(|link| {
            let service = nested.get(&link.service_id)?;
            let sal = shape::service_at_location(service, link.id.as_str())?;
            Some(if full {
                shape::service_at_location_full(sal, service)
            } else {
                shape::service_at_location_list_item(sal, service)
            })
        })
        .collect())
}

/// One fully nested `service_at_location`.
///
/// With its schedules and location nested, and the one-to-one fields of its service.
#[utoipa::path(
    get,
    path = "/api/hsds/service_at_locations/{id}",
    tag = "HSDS",
    operation_id = "show_service_at_location",
    params(("id" = String, Path, description = "The id of the service_at_location.")),
    responses(
        (status = 200, description = "The service_at_location.", body = HsdsServiceAtLocation),
        (status = 404, description = "No service_at_location of a service the public site shows has this id.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn show_service_at_location(
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<Json<Value>, AppError> {
    let missing = || AppError::Missing { kind: "service_at_location", id: raw.clone() };
    let id = Id::parse(&raw).map_err(|_| missing())?;
    let service_id = state.store.service_id_of_service_at_location(&id).await?.ok_or_else(missing)?;
    let visibility = state.config.visibility(chrono::Utc::now());
    let service = state.store.service(&service_id).await?.filter(|s| wegwijs_store::is_public_service(s, &visibility));
    let service = service.ok_or_else(missing)?;
    let nesting = Nesting::load(&state.store, std::slice::from_ref(&service), Depth::WithLocations).await?;
    let nested = nesting.service(&service)?;
    let sal = shape::service_at_location(&nested, id.as_str()).ok_or_else(missing)?;
    Ok(Json(shape::service_at_location_full(sal, &nested)))
}
