//! The open HSDS 3.0 API under `/api/hsds/`: the sociale kaart as Open Referral's Human
//! Services Data Specification, so municipalities, partners and other kaarten can read
//! it with tools made for HSDS, with the Dutch profile's extra fields.
//!
//! Everything here is read-only and public. What the public may see is decided by the
//! store's public-service rule, and services are written out by one function
//! ([`nesting::Nesting::service`]) that never includes professional notes.

mod meta;
mod nesting;
mod organizations;
mod page;
mod params;
mod ranked;
mod schemas;
mod service_at_locations;
mod services;
mod shape;
mod taxonomies;

use crate::AppState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The HSDS routes, each with its OpenAPI description.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(meta::show_api_info))
        .routes(routes!(meta::show_profile))
        .routes(routes!(meta::show_profile_file))
        .routes(routes!(meta::show_schema))
        .routes(routes!(meta::show_compiled_schema))
        .routes(routes!(services::list_services))
        .routes(routes!(services::show_service))
        .routes(routes!(service_at_locations::list_service_at_locations))
        .routes(routes!(service_at_locations::show_service_at_location))
        .routes(routes!(organizations::list_organizations))
        .routes(routes!(organizations::show_organization))
        .routes(routes!(taxonomies::list_taxonomies))
        .routes(routes!(taxonomies::show_taxonomy))
        .routes(routes!(taxonomies::list_taxonomy_terms))
        .routes(routes!(taxonomies::show_taxonomy_term))
}
