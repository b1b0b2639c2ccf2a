//! `/api/hsds/organizations` and `/api/hsds/organizations/{id}`. Organisations are
//! public; of their services, only those the public site shows (running, and not
//! hidden for staleness).

use super::nesting::{Depth, Nesting};
use super::page::HsdsPage;
use super::params::{ApiQuery, DEFAULT_PER_PAGE, MAX_PER_PAGE, PageQuery, Paging, flag, name_search};
use super::schemas::{HsdsOrganization, OrganizationPage};
use super::shape;
use crate::error::Problem;
use crate::{AppError, AppState};
use axum::Json;
use axum::extract::{Path, State};
use serde::Deserialize;
use serde_json::Value;
use utoipa::IntoParams;
use wegwijs_domain::{Id, Organisation};
use wegwijs_hsds::organisation_to_hsds;
use wegwijs_store::{Page, ServiceFilter, Visibility};

/// The parameters of the organization list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrganizationQuery {
    /// Only organizations whose name contains this text; letter case is ignored.
    #[param(value_type = Option<String>, max_length = 500)]
    pub search: Option<String>,
    /// `true`: full organizations, with phones, contacts, locations and their services.
    #[param(value_type = Option<bool>)]
    pub full: Option<String>,
    /// `true`: services fully nested instead of `service_list` objects (implies `full`).
    #[param(value_type = Option<bool>)]
    pub full_service: Option<String>,
}

/// `full_service` of one organization.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FullServiceQuery {
    /// `true`: services fully nested instead of `service_list` objects.
    #[param(value_type = Option<bool>)]
    pub full_service: Option<String>,
}

/// A page of organizations.
///
/// Items are `organization_list` objects, sorted by name; `full=true` gives full
/// organizations with a `services` array.
#[utoipa::path(
    get,
    path = "/api/hsds/organizations",
    tag = "HSDS",
    operation_id = "list_organizations",
    params(PageQuery, OrganizationQuery),
    responses(
        (status = 200, description = "A page of organizations.", body = OrganizationPage),
        (status = 400, description = "A parameter is not valid; `detail` says which and why.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_organizations(
    State(state): State<AppState>,
    ApiQuery(page): ApiQuery<PageQuery>,
    ApiQuery(query): ApiQuery<OrganizationQuery>,
) -> Result<HsdsPage, AppError> {
    let paging = Paging::parse(&page, DEFAULT_PER_PAGE, MAX_PER_PAGE)?;
    let name = name_search(query.search.as_deref())?;
    let full_service = flag("full_service", query.full_service.as_deref())?;
    let full = flag("full", query.full.as_deref())? || full_service;
    let total = state.store.organisation_count_named(name.as_ref()).await?;
    let organisations = if paging.offset() >= total {
        Vec::new()
    } else {
        state.store.organisations_named(name.as_ref(), paging.store_page()).await?
    };
    let visibility = state.config.visibility(chrono::Utc::now());
    let mut contents = Vec::with_capacity(organisations.len());
    for organisation in &organisations {
        contents.push(if full {
            full_organization(&state, &visibility, organisation, full_service).await?
        } else {
            shape::organization_list_item(&organisation_to_hsds(organisation, &[]))
        });
    }
    Ok(HsdsPage::new(paging, total, contents))
}

/// One full organization.
///
/// With its phones, contacts, locations and a `services` array of the services the
/// public site shows (`service_list` objects, or fully nested with `full_service=true`).
#[utoipa::path(
    get,
    path = "/api/hsds/organizations/{id}",
    tag = "HSDS",
    operation_id = "show_organization",
    params(("id" = String, Path, description = "The id of the organization."), FullServiceQuery),
    responses(
        (status = 200, description = "The organization.", body = HsdsOrganization),
        (status = 400, description = "A parameter is not valid.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No organization has this id.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn show_organization(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    ApiQuery(query): ApiQuery<FullServiceQuery>,
) -> Result<Json<Value>, AppError> {
    let full_service = flag("full_service", query.full_service.as_deref())?;
    let missing = || AppError::Missing { kind: "organization", id: raw.clone() };
    let id = Id::parse(&raw).map_err(|_| missing())?;
    let organisation = state.store.organisation(&id).await?.ok_or_else(missing)?;
    let visibility = state.config.visibility(chrono::Utc::now());
    Ok(Json(full_organization(&state, &visibility, &organisation, full_service).await?))
}

/// An organization with its locations and the services the public sees at `visibility`.
async fn full_organization(
    state: &AppState,
    visibility: &Visibility,
    organisation: &Organisation,
    full_service: bool,
) -> Result<Value, AppError> {
    let locations = state.store.locations_of_organisation(&organisation.id).await?;
    let of_organisation = ServiceFilter { organisation_id: Some(organisation.id.clone()), ..ServiceFilter::default() };
    let services = state.store.public_services(visibility, &of_organisation, Page::first(u32::MAX)).await?;
    let nesting =
        Nesting::load(&state.store, &services, if full_service { Depth::Full } else { Depth::OneToOne }).await?;
    let services = services
        .iter()
        .map(|service| {
            let nested = nesting.service(service)?;
            Ok(if full_service { nested } else { shape::service_list_item(&nested) })
        })
        .collect::<Result<Vec<Value>, AppError>>()?;
    let mut json = organisation_to_hsds(organisation, &locations);
    json["services"] = Value::Array(services);
    Ok(json)
}
