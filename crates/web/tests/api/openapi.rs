//! `/api/openapi.json` and the `/api` page: the document describes every API route the
//! server has, each described route answers, and the page shows every endpoint.

use crate::helpers::{TestApp, spawn_app};
use reqwest::StatusCode;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

/// The routes the document must describe (the HSDS API, the search API, the document
/// itself and the public health checks).
const EXPECTED: &[&str] = &[
    "/api/hsds/",
    "/api/hsds/profile",
    "/api/hsds/profile/{file}",
    "/api/hsds/schema/{file}",
    "/api/hsds/schema/compiled/{file}",
    "/api/hsds/services",
    "/api/hsds/services/{id}",
    "/api/hsds/service_at_locations",
    "/api/hsds/service_at_locations/{id}",
    "/api/hsds/organizations",
    "/api/hsds/organizations/{id}",
    "/api/hsds/taxonomies",
    "/api/hsds/taxonomies/{id}",
    "/api/hsds/taxonomy_terms",
    "/api/hsds/taxonomy_terms/{id}",
    "/api/search",
    "/api/suggest",
    "/api/openapi.json",
    "/health",
    "/health/live",
];

async fn document(app: &TestApp) -> Value {
    let response = app.get("/api/openapi.json").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["access-control-allow-origin"], "*");
    serde_json::from_str(&response.text().await.unwrap()).expect("the document is JSON")
}

fn documented_paths(document: &Value) -> BTreeSet<String> {
    document["paths"].as_object().unwrap().keys().cloned().collect()
}

/// Every `.rs` file below `dir`, with its text.
fn sources(dir: &Path, found: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push((path.display().to_string(), std::fs::read_to_string(&path).unwrap()));
        }
    }
}

/// The string literals that follow `marker` in `text`.
fn literals_after<'a>(text: &'a str, marker: &str) -> Vec<&'a str> {
    text.split(marker).skip(1).filter_map(|rest| rest.strip_prefix('"')?.split('"').next()).collect()
}

#[tokio::test]
async fn the_document_describes_every_api_route_and_nothing_else() {
    let app = spawn_app().await;
    let document = document(&app).await;
    assert!(document["openapi"].as_str().unwrap().starts_with("3.1"), "{}", document["openapi"]);
    assert_eq!(document["info"]["title"], "Wegwijs API");
    let paths = documented_paths(&document);
    let expected: BTreeSet<String> = EXPECTED.iter().map(|p| (*p).to_owned()).collect();
    assert_eq!(paths, expected);

    // An API route registered the plain axum way would be served without a description:
    // API routes must go through `utoipa_axum::routes!` in `routes::api()`.
    let mut files = Vec::new();
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    let mut undocumented = Vec::new();
    for (file, text) in &files {
        for marker in [".route(", ".route_service(", ".nest(", ".nest_service("] {
            for path in literals_after(&text.replace(char::is_whitespace, ""), marker) {
                if path.starts_with("/api/") || (path.starts_with("/api") && path != "/api") {
                    undocumented.push(format!("{file}: {marker}\"{path}\""));
                }
            }
        }
        for path in literals_after(&text.replace(char::is_whitespace, ""), "path=") {
            if path.starts_with('/') && !paths.contains(path) {
                undocumented.push(format!("{file}: utoipa path {path} is not in the document"));
            }
        }
    }
    assert!(undocumented.is_empty(), "API routes outside the documented router:\n{}", undocumented.join("\n"));

    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            assert_eq!(method, "get", "{path}: the APIs are read-only");
            for field in ["summary", "operationId", "tags"] {
                assert!(!operation[field].is_null(), "{path}: {field} missing");
            }
            assert!(!operation["responses"]["200"].is_null(), "{path}: no 200 response");
            for name in path.split('{').skip(1).map(|rest| rest.split('}').next().unwrap()) {
                let params = operation["parameters"].as_array().unwrap();
                assert!(
                    params.iter().any(|p| p["name"] == name && p["in"] == "path"),
                    "{path}: {{{name}}} undescribed"
                );
            }
        }
    }
}

/// A real address for a documented path: `{id}` filled with the id of the first record
/// the matching list shows, `{file}` with a file that exists.
async fn address(app: &TestApp, path: &str) -> String {
    if !path.contains('{') {
        return path.to_owned();
    }
    let (list, _) = path.rsplit_once('/').unwrap();
    let file = match list {
        "/api/hsds/profile" | "/api/hsds/schema" => Some("service.json".to_owned()),
        "/api/hsds/schema/compiled" => Some("service_list.json".to_owned()),
        _ => None,
    };
    let value = match file {
        Some(file) => file,
        None => {
            let (_, page) = app.get_json(&format!("{list}?per_page=1")).await;
            page["contents"][0]["id"].as_str().unwrap_or_else(|| panic!("{list} lists nothing")).to_owned()
        }
    };
    format!("{list}/{value}")
}

#[tokio::test]
async fn every_described_route_answers_and_every_schema_reference_resolves() {
    let app = spawn_app().await;
    let document = document(&app).await;
    for path in documented_paths(&document) {
        let url = address(&app, &path).await;
        let response = app.get(&url).await;
        assert_eq!(response.status(), StatusCode::OK, "{path} as {url}");
    }
    let text = document.to_string();
    let references: BTreeSet<&str> =
        text.split("\"$ref\":\"").skip(1).filter_map(|rest| rest.split('"').next()).collect();
    let served: Vec<&str> = references.iter().copied().filter(|r| r.starts_with("/api/hsds/schema/")).collect();
    assert!(served.len() >= 8, "HSDS responses refer to the served HSDS schemas: {references:?}");
    for reference in served {
        let (status, schema) = app.get_json(reference).await;
        assert_eq!(status, StatusCode::OK, "{reference}");
        assert!(schema["properties"].is_object(), "{reference}");
    }
    for reference in references.iter().filter(|r| r.starts_with("#/")) {
        let pointer = &reference[1..];
        assert!(document.pointer(pointer).is_some(), "{reference} points nowhere");
    }
}

#[tokio::test]
async fn the_api_page_shows_every_endpoint_in_both_languages_with_working_examples() {
    let app = spawn_app().await;
    let document = document(&app).await;
    let (status, dutch) = app.get_text("/api").await;
    assert_eq!(status, StatusCode::OK);
    assert!(dutch.contains("<html lang=\"nl\"") && dutch.contains("<h1>Open data en API</h1>"));
    assert!(dutch.contains("CC BY 4.0"), "the licence");
    assert_eq!(dutch.matches("<h1").count(), 1);
    for path in documented_paths(&document) {
        assert!(dutch.contains(&format!("<code>{path}</code>")), "{path} is on the page");
    }
    let examples: Vec<&str> =
        dutch.split("Probeer het: <a href=\"").skip(1).filter_map(|r| r.split('"').next()).collect();
    assert!(examples.len() >= EXPECTED.len() - 1, "{} examples", examples.len());
    for example in &examples {
        let url = example.replace("&amp;", "&");
        assert_eq!(app.get(&url).await.status(), StatusCode::OK, "{url}");
    }
    let (status, english) = app.get_text("/api?lang=en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(english.contains("<html lang=\"en\"") && english.contains("<h1>Open data and API</h1>"));
    assert!(english.contains("Try it: <a href=\"/api/hsds/services?per_page=5\">"), "examples in English too");
    assert!(english.contains("lang=\"en\">Retrieves") || english.contains("lang=\"en\">A page of services"));
}
