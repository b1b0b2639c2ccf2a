//! `/api`, the page that explains the open data APIs to people, and
//! `/api/openapi.json`, the description programs read. The page is made from the
//! OpenAPI document, so what it says about each endpoint is what the code serves.

use crate::i18n::Locale;
use crate::page::PageContext;
use crate::view::Chrome;
use crate::{AppError, AppState};
use askama::Template;
use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::response::{Html, IntoResponse, Response};
use serde_json::Value;
use std::collections::HashMap;
use wegwijs_store::{Page, ServiceFilter, TermFilter};

/// The groups of endpoints (OpenAPI tags), in the order the page shows them.
const GROUPS: [(&str, &str, &str); 3] = [
    ("HSDS", "api.group.hsds", "api.group.hsds_intro"),
    ("Search", "api.group.search", "api.group.search_intro"),
    ("Service", "api.group.service", "api.group.service_intro"),
];

/// The OpenAPI document of all APIs.
#[utoipa::path(
    get,
    path = "/api/openapi.json",
    tag = "Service",
    operation_id = "show_openapi",
    responses((status = 200, description = "This document (OpenAPI 3.1).", content_type = "application/json"))
)]
pub async fn show_openapi() -> Response {
    ([(CONTENT_TYPE, "application/json")], crate::openapi::document_json()).into_response()
}

/// `GET /api`
pub async fn show_api_page(State(state): State<AppState>, ctx: PageContext) -> Result<Html<String>, AppError> {
    let locale = ctx.locale;
    let examples = example_ids(&state).await?;
    let document = crate::openapi::document_value();
    let groups = GROUPS
        .iter()
        .map(|(tag, title, intro)| EndpointGroup {
            id: format!("api-{}", tag.to_ascii_lowercase()),
            title: locale.t(title),
            intro: locale.t(intro),
            endpoints: endpoints(document, tag, &examples),
        })
        .collect();
    let licence = locale.tf("api.licence", &[("site", &ctx.config.site_name), ("licence", &ctx.config.data_licence)]);
    let hsds_base = format!("{}/api/hsds/", ctx.origin);
    let chrome = Chrome::new(&ctx, locale.t("api.title"), locale.t("api.description"), &[]);
    let page = ApiPage { locale, chrome, licence, hsds_base, groups };
    Ok(Html(page.render()?))
}

/// `/api`
#[derive(Template)]
#[template(path = "api.html")]
pub struct ApiPage {
    /// Interface language.
    pub locale: Locale,
    /// The frame.
    pub chrome: Chrome,
    /// The licence and how to name the source.
    pub licence: String,
    /// Absolute address of the HSDS API.
    pub hsds_base: String,
    /// The endpoints, by group.
    pub groups: Vec<EndpointGroup>,
}

/// Endpoints with one OpenAPI tag.
pub struct EndpointGroup {
    /// Anchor of the heading.
    pub id: String,
    /// Heading.
    pub title: &'static str,
    /// What the group is for.
    pub intro: &'static str,
    /// Its endpoints, by path.
    pub endpoints: Vec<Endpoint>,
}

/// One operation of the document.
pub struct Endpoint {
    /// The operation id, as anchor.
    pub anchor: String,
    /// `GET`.
    pub method: String,
    /// `/api/hsds/services/{id}`.
    pub path: String,
    /// One line (English, from the document).
    pub summary: Vec<Segment>,
    /// More (English, from the document); may be empty.
    pub description: Vec<Segment>,
    /// Its parameters.
    pub params: Vec<ParamView>,
    /// A link that calls it, when one can be made.
    pub example: Option<String>,
}

/// One parameter.
pub struct ParamView {
    /// Its name.
    pub name: String,
    /// Its type: `string`, `integer`, `boolean`, `string (date-time)`.
    pub kind: String,
    /// Part of the path rather than the query.
    pub in_path: bool,
    /// Must be given.
    pub required: bool,
    /// What it does (English, from the document).
    pub description: Vec<Segment>,
}

/// A piece of a description: the document writes code between backticks (Markdown).
#[derive(Debug, PartialEq, Eq)]
pub struct Segment {
    /// The text.
    pub text: String,
    /// Whether it is code.
    pub code: bool,
}

/// `text` cut into plain and code pieces at its backticks.
fn segments(text: &str) -> Vec<Segment> {
    text.split('`')
        .enumerate()
        .filter(|(_, piece)| !piece.is_empty())
        .map(|(i, piece)| Segment { text: piece.to_owned(), code: i % 2 == 1 })
        .collect()
}

/// The operations tagged `tag`, by path.
fn endpoints(document: &Value, tag: &str, examples: &HashMap<&str, String>) -> Vec<Endpoint> {
    let Some(paths) = document["paths"].as_object() else { return Vec::new() };
    let mut found = Vec::new();
    for (path, item) in paths {
        let Some(operations) = item.as_object() else { continue };
        for (method, operation) in operations {
            let tagged = operation["tags"].as_array().is_some_and(|tags| tags.iter().any(|t| t == tag));
            if !tagged {
                continue;
            }
            let params: Vec<ParamView> = operation["parameters"].as_array().into_iter().flatten().map(param).collect();
            found.push(Endpoint {
                anchor: operation["operationId"].as_str().unwrap_or(path).to_owned(),
                method: method.to_ascii_uppercase(),
                path: path.clone(),
                summary: segments(&text(&operation["summary"])),
                description: segments(&text(&operation["description"])),
                example: example(path, operation, examples),
                params,
            });
        }
    }
    // The records first, then what describes them (profile, schemas).
    found.sort_by_key(|e| (e.path.contains("/profile") || e.path.contains("/schema/"), e.path.clone()));
    found
}

fn text(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_owned()
}

fn param(value: &Value) -> ParamView {
    let schema = &value["schema"];
    // OpenAPI 3.1 writes an optional value as `["integer", "null"]`.
    let kind = match &schema["type"] {
        Value::Array(types) => types.iter().filter_map(Value::as_str).find(|t| *t != "null").unwrap_or("string"),
        other => other.as_str().unwrap_or("string"),
    };
    let kind = match schema["format"].as_str() {
        Some(format) if kind == "string" => format!("{kind} ({format})"),
        _ => kind.to_owned(),
    };
    ParamView {
        name: text(&value["name"]),
        kind,
        in_path: value["in"] == "path",
        required: value["required"].as_bool().unwrap_or(false),
        description: segments(&text(&value["description"])),
    }
}

/// A call of `path`: each `{name}` filled with the parameter's example or a record of
/// the demo or real data, and each query parameter that has an example. `None` when a
/// path parameter has no value (an empty kaart).
fn example(path: &str, operation: &Value, examples: &HashMap<&str, String>) -> Option<String> {
    let mut url = path.to_owned();
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    for param in operation["parameters"].as_array().into_iter().flatten() {
        let name = param["name"].as_str().unwrap_or_default();
        let given = match &param["example"] {
            Value::String(s) => Some(s.clone()),
            Value::Null => None,
            other => Some(other.to_string()),
        };
        if param["in"] == "path" {
            let collection = path.split('/').rev().nth(1).unwrap_or_default();
            let value = given.or_else(|| examples.get(collection).cloned())?;
            url = url.replace(&format!("{{{name}}}"), &crate::routes::encode(&value));
        } else if let Some(value) = given {
            query.append_pair(name, &value);
        }
    }
    let query = query.finish();
    Some(if query.is_empty() { url } else { format!("{url}?{query}") })
}

/// An id of each kind of record, for the example links of `/{id}` endpoints.
async fn example_ids(state: &AppState) -> Result<HashMap<&'static str, String>, AppError> {
    let store = &state.store;
    let one = Page::first(1);
    let visibility = state.config.visibility(chrono::Utc::now());
    let mut ids = HashMap::new();
    let mut put = |key: &'static str, id: Option<String>| {
        if let Some(id) = id {
            ids.insert(key, id);
        }
    };
    put(
        "services",
        store.public_services(&visibility, &ServiceFilter::default(), one).await?.first().map(|s| s.id.to_string()),
    );
    put("organizations", store.organisations_named(None, one).await?.first().map(|o| o.id.to_string()));
    let sal = store.public_service_at_locations(&visibility, &ServiceFilter::default(), Some(one)).await?;
    put("service_at_locations", sal.first().map(|s| s.id.to_string()));
    put("taxonomies", store.taxonomies_named(None, one).await?.first().map(|t| t.id.to_string()));
    let terms = store.taxonomy_terms_matching(&TermFilter::default(), one).await?;
    put("taxonomy_terms", terms.first().map(|t| t.id.to_string()));
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn examples_fill_path_parameters_and_use_query_examples() {
        let examples = HashMap::from([("services", "abc-1".to_owned())]);
        let operation = json!({ "parameters": [
            { "name": "id", "in": "path", "required": true },
            { "name": "per_page", "in": "query", "example": 5 },
            { "name": "page", "in": "query" },
        ]});
        assert_eq!(
            example("/api/hsds/services/{id}", &operation, &examples).unwrap(),
            "/api/hsds/services/abc-1?per_page=5"
        );
        assert_eq!(example("/api/hsds/organizations/{id}", &operation, &examples), None, "no organization to show");
        let with_example = json!({ "parameters": [{ "name": "file", "in": "path", "example": "service.json" }] });
        assert_eq!(
            example("/api/hsds/schema/{file}", &with_example, &examples).unwrap(),
            "/api/hsds/schema/service.json"
        );
    }

    #[test]
    fn code_between_backticks_is_marked() {
        let code = |text: &str| Segment { text: text.to_owned(), code: true };
        let plain = |text: &str| Segment { text: text.to_owned(), code: false };
        assert_eq!(segments("`true`: only `id`."), [code("true"), plain(": only "), code("id"), plain(".")]);
        assert_eq!(segments("plain"), [plain("plain")]);
        assert!(segments("").is_empty());
    }

    #[test]
    fn optional_types_show_their_real_type() {
        let view = param(&json!({ "name": "page", "in": "query", "schema": { "type": ["integer", "null"] } }));
        assert_eq!(view.kind, "integer");
        let date = param(&json!({ "name": "m", "in": "query", "schema": { "type": "string", "format": "date-time" } }));
        assert_eq!(date.kind, "string (date-time)");
        assert!(!date.required && !date.in_path);
    }
}
