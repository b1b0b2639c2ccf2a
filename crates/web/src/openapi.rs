//! The OpenAPI document of every Wegwijs API, made from the same router that serves
//! them (`routes::api`): a route cannot be served without being described, and the
//! description cannot name a route that is not served. The HTML page at `/api` is made
//! from this document too.

use std::sync::OnceLock;
use utoipa::openapi::path::{HttpMethod, OperationBuilder, PathItem};
use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::tag::TagBuilder;
use utoipa::openapi::{ContentBuilder, InfoBuilder, License, OpenApi};

/// What the document says about the APIs as a whole.
const DESCRIPTION: &str = "The open data of this sociale kaart (a Dutch directory of local help, \
services and activities): the HSDS 3.0 API of Open Referral with the Wegwijs Dutch profile, and \
the search API the website itself uses. Everything is public, read-only and open to any origin \
(CORS). The data may be reused with attribution to this sociale kaart.";

/// The document, built once.
pub fn document() -> &'static OpenApi {
    static DOCUMENT: OnceLock<OpenApi> = OnceLock::new();
    DOCUMENT.get_or_init(|| {
        let mut document = crate::routes::api().into_openapi();
        document.info = InfoBuilder::new()
            .title("Wegwijs API")
            .version(env!("CARGO_PKG_VERSION"))
            .description(Some(DESCRIPTION))
            .license(Some(License::new("EUPL-1.2")))
            .build();
        document.tags = Some(vec![
            TagBuilder::new()
                .name("HSDS")
                .description(Some(
                    "Human Services Data Specification 3.0 (https://docs.openreferral.org/en/latest/hsds/), \
                     with the Dutch profile at /api/hsds/profile. Lists use HSDS's page envelope.",
                ))
                .build(),
            TagBuilder::new().name("Search").description(Some("The search the website uses.")).build(),
            TagBuilder::new().name("Service").description(Some("This document, and the health of the server.")).build(),
        ]);
        add_health(&mut document);
        document
    })
}

/// The document as a JSON value, made once: the API page reads it on every request.
pub fn document_value() -> &'static serde_json::Value {
    static VALUE: OnceLock<serde_json::Value> = OnceLock::new();
    VALUE.get_or_init(|| serde_json::to_value(document()).expect("an OpenAPI document always serialises"))
}

/// The document as JSON text, serialised once.
pub fn document_json() -> &'static str {
    static JSON: OnceLock<String> = OnceLock::new();
    JSON.get_or_init(|| serde_json::to_string(document()).expect("an OpenAPI document always serialises"))
}

/// `/health` is public for load balancers and monitors. Its handlers live with the
/// site's own routes, so its description is written here.
fn add_health(document: &mut OpenApi) {
    let json = |description: &str| {
        ResponseBuilder::new().description(description).content("application/json", ContentBuilder::new().build())
    };
    let health = OperationBuilder::new()
        .tag("Service")
        .operation_id(Some("show_health"))
        .summary(Some("Whether this server can serve."))
        .description(Some("Asks the database; answers the position in the change log it has reached."))
        .response("200", json("`{\"status\": \"ok\", \"database\": \"ok\", \"change_seq\": …}`"))
        .response("503", json("The database does not answer."));
    let live = OperationBuilder::new()
        .tag("Service")
        .operation_id(Some("show_liveness"))
        .summary(Some("Whether the process answers at all."))
        .description(Some("Does not touch the database: a liveness probe."))
        .response(
            "200",
            ResponseBuilder::new().description("`ok`").content("text/plain", ContentBuilder::new().build()),
        );
    document.paths.paths.insert("/health".to_owned(), PathItem::new(HttpMethod::Get, health));
    document.paths.paths.insert("/health/live".to_owned(), PathItem::new(HttpMethod::Get, live));
}
