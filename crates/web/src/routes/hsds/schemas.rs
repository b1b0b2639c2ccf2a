//! How the OpenAPI document describes HSDS responses: as references to HSDS 3.0's own
//! JSON schemas, which this API serves read-only under `/api/hsds/schema/`, so the
//! description is the specification itself and cannot drift from it.

use serde::Serialize;
use std::borrow::Cow;
use utoipa::openapi::schema::{AllOfBuilder, AnyOfBuilder, ArrayBuilder, ObjectBuilder, Ref, Schema, Type};
use utoipa::openapi::{KnownFormat, RefOr, SchemaFormat};
use utoipa::{PartialSchema, ToSchema};

/// The address of a served schema file.
fn schema_url(path: &str) -> RefOr<Schema> {
    RefOr::Ref(Ref::new(format!("/api/hsds/schema/{path}")))
}

/// A response body that is one HSDS object, named in the document's components.
macro_rules! hsds_object {
    ($(#[$doc:meta])* $name:ident => $path:literal) => {
        $(#[$doc])*
        pub struct $name;

        impl PartialSchema for $name {
            fn schema() -> RefOr<Schema> {
                schema_url($path)
            }
        }

        impl ToSchema for $name {
            fn name() -> Cow<'static, str> {
                Cow::Borrowed(stringify!($name))
            }
        }
    };
}

hsds_object!(
    /// A fully nested HSDS service.
    HsdsService => "service.json"
);
hsds_object!(
    /// An HSDS organization.
    HsdsOrganization => "organization.json"
);
hsds_object!(
    /// A fully nested HSDS `service_at_location`.
    HsdsServiceAtLocation => "service_at_location.json"
);
hsds_object!(
    /// An HSDS taxonomy.
    HsdsTaxonomy => "taxonomy.json"
);
hsds_object!(
    /// An HSDS `taxonomy_term`.
    HsdsTaxonomyTerm => "taxonomy_term.json"
);

/// A page of HSDS items: a response body.
macro_rules! hsds_page {
    ($(#[$doc:meta])* $name:ident => $items:expr) => {
        $(#[$doc])*
        pub struct $name;

        impl PartialSchema for $name {
            fn schema() -> RefOr<Schema> {
                page_of($items)
            }
        }

        impl ToSchema for $name {
            fn name() -> Cow<'static, str> {
                Cow::Borrowed(stringify!($name))
            }

            fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
                schemas.push(("Page".to_owned(), page_envelope()));
            }
        }
    };
}

hsds_page!(
    /// A page of services: `service_list` items, fully nested services (`full=true`) or
    /// id and last change (`minimal=true`).
    ServicePage => AnyOfBuilder::new()
        .item(schema_url("compiled/service_list.json"))
        .item(schema_url("service.json"))
        .item(minimal_service())
        .into()
);
hsds_page!(
    /// A page of organizations: `organization_list` items, or full ones (`full=true`).
    OrganizationPage => AnyOfBuilder::new()
        .item(schema_url("compiled/organization_list.json"))
        .item(schema_url("organization.json"))
        .into()
);
hsds_page!(
    /// A page of `service_at_location`s: `service_at_location_list` items, or fully nested
    /// ones (`full=true`).
    ServiceAtLocationPage => AnyOfBuilder::new()
        .item(schema_url("compiled/service_at_location_list.json"))
        .item(schema_url("service_at_location.json"))
        .into()
);
hsds_page!(
    /// A page of taxonomies.
    TaxonomyPage => schema_url("taxonomy.json")
);
hsds_page!(
    /// A page of taxonomy terms.
    TaxonomyTermPage => schema_url("taxonomy_term.json")
);

/// `Page` with `contents` holding `items`.
fn page_of(items: RefOr<Schema>) -> RefOr<Schema> {
    let contents = ObjectBuilder::new().property("contents", ArrayBuilder::new().items(items)).required("contents");
    AllOfBuilder::new().item(Ref::from_schema_name("Page")).item(contents).into()
}

/// HSDS 3.0's `Page` schema (`components.schemas.Page` of its OpenAPI document).
fn page_envelope() -> RefOr<Schema> {
    let integer = |description: &str| ObjectBuilder::new().schema_type(Type::Integer).description(Some(description));
    let boolean = |description: &str| ObjectBuilder::new().schema_type(Type::Boolean).description(Some(description));
    ObjectBuilder::new()
        .property("total_items", integer("The total number of entities (e.g. services, organizations) returned"))
        .property("total_pages", integer("Count of total pages."))
        .property("page_number", integer("The number of the current page"))
        .property("size", integer("The number of entities in the current page."))
        .property("first_page", boolean("A Boolean value indicating if this is the first page"))
        .property("last_page", boolean("A Boolean value indicating if this is the last page"))
        .property("empty", boolean("A Boolean value indicating if there is an empty result set"))
        .into()
}

/// An item of `/services?minimal=true`.
fn minimal_service() -> RefOr<Schema> {
    ObjectBuilder::new()
        .property("id", ObjectBuilder::new().schema_type(Type::String))
        .property(
            "last_modified",
            ObjectBuilder::new()
                .schema_type(Type::String)
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::DateTime))),
        )
        .required("id")
        .required("last_modified")
        .description(Some("A service reduced to its id and its last change."))
        .into()
}

/// The answer of `GET /api/hsds/`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiInfo {
    /// HSDS version of this API.
    #[schema(example = "3.0")]
    pub version: String,
    /// URL of the HSDS profile of this API.
    #[schema(format = "uri")]
    pub profile: String,
    /// URL of the OpenAPI document of this API.
    #[schema(format = "uri")]
    pub openapi_url: String,
}
