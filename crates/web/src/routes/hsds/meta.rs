//! What the HSDS API says about itself: its version, its profile and the HSDS schemas
//! its OpenAPI document refers to, served read-only from the binary.

use super::schemas::ApiInfo;
use crate::AppError;
use crate::error::Problem;
use crate::page::PageContext;
use axum::Json;
use axum::extract::Path;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};

/// About this API.
///
/// The HSDS version, the Dutch profile it follows and where its OpenAPI document is.
#[utoipa::path(
    get,
    path = "/api/hsds/",
    tag = "HSDS",
    operation_id = "show_api_info",
    responses((status = 200, description = "About this API.", body = ApiInfo))
)]
pub async fn show_api_info(ctx: PageContext) -> Json<ApiInfo> {
    Json(ApiInfo {
        version: "3.0".to_owned(),
        profile: format!("{}/api/hsds/profile", ctx.origin),
        openapi_url: format!("{}/api/openapi.json", ctx.origin),
    })
}

/// The Dutch HSDS profile.
///
/// Its name, version and the files (JSON Merge Patches on HSDS 3.0 schemas) that say
/// what Wegwijs adds: funding schemes, referral, eligibility, verification, provenance
/// and opening-hour exceptions. Each file is at `/api/hsds/profile/{file}`.
#[utoipa::path(
    get,
    path = "/api/hsds/profile",
    tag = "HSDS",
    operation_id = "show_profile",
    responses((status = 200, description = "The profile's index.", content_type = "application/json"))
)]
pub async fn show_profile() -> Response {
    json_text(wegwijs_hsds::PROFILE_JSON)
}

/// One file of the Dutch HSDS profile.
#[utoipa::path(
    get,
    path = "/api/hsds/profile/{file}",
    tag = "HSDS",
    operation_id = "show_profile_file",
    params(("file" = String, Path, description = "A file the profile lists.", example = "service.json")),
    responses(
        (status = 200, description = "The file.", content_type = "application/json"),
        (status = 404, description = "The profile has no such file.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn show_profile_file(Path(file): Path<String>) -> Result<Response, AppError> {
    let text = wegwijs_hsds::profile::patch(&file).ok_or(AppError::Missing { kind: "profile file", id: file })?;
    Ok(json_text(text))
}

/// An HSDS 3.0 JSON schema.
///
/// The schemas the response descriptions of this document refer to, as published by
/// Open Referral (CC BY-SA 4.0). Their relative `$ref`s point to their neighbours here.
#[utoipa::path(
    get,
    path = "/api/hsds/schema/{file}",
    tag = "HSDS",
    operation_id = "show_schema",
    params(("file" = String, Path, description = "The schema's file name.", example = "service.json")),
    responses(
        (status = 200, description = "The JSON schema.", content_type = "application/json"),
        (status = 404, description = "There is no such schema.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn show_schema(Path(file): Path<String>) -> Result<Response, AppError> {
    schema(file)
}

/// A compiled HSDS 3.0 JSON schema: the list items.
#[utoipa::path(
    get,
    path = "/api/hsds/schema/compiled/{file}",
    tag = "HSDS",
    operation_id = "show_compiled_schema",
    params(("file" = String, Path, description = "The schema's file name.", example = "service_list.json")),
    responses(
        (status = 200, description = "The JSON schema.", content_type = "application/json"),
        (status = 404, description = "There is no such schema.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn show_compiled_schema(Path(file): Path<String>) -> Result<Response, AppError> {
    schema(format!("compiled/{file}"))
}

fn schema(path: String) -> Result<Response, AppError> {
    match wegwijs_hsds::profile::hsds_schema(&path) {
        Some(text) => Ok(json_text(text)),
        None => Err(AppError::Missing { kind: "schema", id: path }),
    }
}

/// A JSON document that is already text.
fn json_text(text: &'static str) -> Response {
    ([(CONTENT_TYPE, "application/json")], text).into_response()
}
