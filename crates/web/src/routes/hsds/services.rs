//! `/api/hsds/services` and `/api/hsds/services/{id}`.

use super::nesting::{Depth, Nesting};
use super::page::HsdsPage;
use super::params::{
    ApiQuery, DEFAULT_PER_PAGE, MAX_MINIMAL_PER_PAGE, MAX_PER_PAGE, MinimalQuery, PageQuery, Paging, ServiceQuery,
    ServiceSelection, flag,
};
use super::ranked::ranked_page;
use super::schemas::{HsdsService, ServicePage};
use super::shape;
use crate::error::Problem;
use crate::{AppError, AppState};
use axum::Json;
use axum::extract::{Path, State};
use serde_json::Value;
use std::collections::HashMap;
use wegwijs_domain::{Id, Service};
use wegwijs_store::{Page, ServiceFilter, ServiceStamp, Visibility};

/// Which services fill the page.
enum Chosen {
    /// The store's page of the filter, in name order.
    StorePage,
    /// These services, in this order (the search engine's).
    Ids(Vec<Id>),
}

/// A page of services.
///
/// Items are `service_list` objects: the one-to-one fields of each service with its
/// organization. `full=true` gives fully nested services, `minimal=true` only the id and
/// last change. Without `search` or `postcode` services are sorted by name. Only
/// services the public site shows are listed: running, and checked within the
/// deployment's hiding age (18 months by default).
#[utoipa::path(
    get,
    path = "/api/hsds/services",
    tag = "HSDS",
    operation_id = "list_services",
    params(PageQuery, ServiceQuery, MinimalQuery),
    responses(
        (status = 200, description = "A page of services.", body = ServicePage),
        (status = 400, description = "A parameter is not valid; `detail` says which and why.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_services(
    State(state): State<AppState>,
    ApiQuery(page): ApiQuery<PageQuery>,
    ApiQuery(query): ApiQuery<ServiceQuery>,
    ApiQuery(minimal): ApiQuery<MinimalQuery>,
) -> Result<HsdsPage, AppError> {
    let minimal = flag("minimal", minimal.minimal.as_deref())?;
    let paging = if minimal {
        Paging::parse(&page, MAX_MINIMAL_PER_PAGE, MAX_MINIMAL_PER_PAGE)?
    } else {
        Paging::parse(&page, DEFAULT_PER_PAGE, MAX_PER_PAGE)?
    };
    let selection = ServiceSelection::parse(&query)?;
    let visibility = state.config.visibility(chrono::Utc::now());
    let (total, chosen) = if selection.ranked() {
        let ranked = ranked_page(&state, &visibility, &selection, paging).await?;
        (ranked.total, Chosen::Ids(ranked.ids))
    } else {
        (state.store.public_service_count(&visibility, &selection.filter).await?, Chosen::StorePage)
    };
    let contents = if paging.offset() >= total {
        Vec::new()
    } else if minimal {
        minimal_items(&state, &visibility, &selection.filter, paging, chosen).await?
    } else {
        service_items(&state, &visibility, &selection, paging, chosen).await?
    };
    Ok(HsdsPage::new(paging, total, contents))
}

async fn service_items(
    state: &AppState,
    visibility: &Visibility,
    selection: &ServiceSelection,
    paging: Paging,
    chosen: Chosen,
) -> Result<Vec<Value>, AppError> {
    let services = match chosen {
        Chosen::StorePage => state.store.public_services(visibility, &selection.filter, paging.store_page()).await?,
        Chosen::Ids(ids) => state.store.public_services_by_ids(visibility, &ids).await?,
    };
    let depth = if selection.full { Depth::Full } else { Depth::OneToOne };
    let nesting = Nesting::load(&state.store, &services, depth).await?;
    services
        .iter()
        .map(|service| {
            let nested = nesting.service(service)?;
            Ok(if selection.full { nested } else { shape::service_list_item(&nested) })
        })
        .collect()
}

async fn minimal_items(
    state: &AppState,
    visibility: &Visibility,
    filter: &ServiceFilter,
    paging: Paging,
    chosen: Chosen,
) -> Result<Vec<Value>, AppError> {
    let stamps: Vec<ServiceStamp> = match chosen {
        Chosen::StorePage => state.store.public_service_stamps(visibility, filter, paging.store_page()).await?,
        Chosen::Ids(ids) => {
            let rank: HashMap<Id, usize> = ids.iter().enumerate().map(|(i, id)| (id.clone(), i)).collect();
            let all = Page::first(u32::try_from(ids.len()).unwrap_or(u32::MAX));
            let only = ServiceFilter { ids: Some(ids), ..ServiceFilter::default() };
            let mut stamps = state.store.public_service_stamps(visibility, &only, all).await?;
            stamps.sort_by_key(|stamp| rank.get(&stamp.id).copied().unwrap_or(usize::MAX));
            stamps
        }
    };
    Ok(stamps.iter().map(|stamp| shape::minimal_service(stamp.id.as_str(), stamp.updated)).collect())
}

/// One fully nested service.
///
/// With its phones, schedules, service areas, `service_at_locations` with their locations,
/// languages, organization, funding, cost options, contacts and taxonomy terms (as
/// attributes). A service that is not running, or hidden because it was not checked for
/// a long time, is not found.
#[utoipa::path(
    get,
    path = "/api/hsds/services/{id}",
    tag = "HSDS",
    operation_id = "show_service",
    params(("id" = String, Path, description = "The id of the service.")),
    responses(
        (status = 200, description = "The service.", body = HsdsService),
        (status = 404, description = "No service the public site shows has this id.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn show_service(State(state): State<AppState>, Path(id): Path<String>) -> Result<Json<Value>, AppError> {
    let service = public_service(&state, &id).await?;
    let nesting = Nesting::load(&state.store, std::slice::from_ref(&service), Depth::Full).await?;
    Ok(Json(nesting.service(&service)?))
}

/// The public service with `raw` as id.
async fn public_service(state: &AppState, raw: &str) -> Result<Service, AppError> {
    let missing = || AppError::Missing { kind: "service", id: raw.to_owned() };
    let id = Id::parse(raw).map_err(|_| missing())?;
    let visibility = state.config.visibility(chrono::Utc::now());
    let service = state.store.service(&id).await?.filter(|s| wegwijs_store::is_public_service(s, &visibility));
    let service = service.ok_or_else(missing)?;
    Ok(service.for_viewer(&wegwijs_domain::Viewer::Public))
}
