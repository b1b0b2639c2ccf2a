//! The HSDS 3.0 API on demo data: every endpoint's answers against HSDS's own JSON
//! schemas (edge cases included), privacy, the public-service rule, filters, search,
//! distance, errors and CORS.

use crate::helpers::{TestApp, spawn_app};
use crate::hsds_schema::{base_validator, errors, minimal_service_validator, page_validator, validator};
use jsonschema::Validator;
use reqwest::StatusCode;
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use std::time::{Duration, Instant};
use wegwijs_domain::{Service, ServiceStatus};

/// A professional note written into one public service: it must never come out.
const NOTES: &str = "Alleen voor professionals: intake direct via 071-7654321";

/// The services the tests change so that every edge case exists in the data.
struct Cases {
    /// A service that was active and is stopped now.
    stopped: Service,
    /// A public service without any location.
    without_locations: Service,
    /// A public service with professional notes.
    with_notes: Service,
}

/// Stops one service, takes the locations of another and gives a third professional
/// notes; waits until the search index has followed.
async fn prepare(app: &TestApp) -> Cases {
    let public: Vec<&Service> = app.data.services.iter().filter(|s| is_public_now(s)).collect();
    let mut with_locations = public.iter().filter(|s| !s.locations.is_empty());
    let mut stopped = (*with_locations.next().expect("a public demo service with a location")).clone();
    stopped.status = ServiceStatus::Inactive;
    let mut without_locations = (*with_locations.next().expect("another one")).clone();
    without_locations.locations.clear();
    let mut with_notes = (*with_locations.next().expect("a third one")).clone();
    with_notes.professional_notes = Some(NOTES.to_owned());
    let mut tx = app.store.begin().await.unwrap();
    for service in [&stopped, &without_locations, &with_notes] {
        tx.put_service(service).await.unwrap();
    }
    tx.commit().await.unwrap();
    let name = stopped.name.as_str();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let (_, body) = app.get_json(&format!("/api/search?q={}&per_page=50", wegwijs_web_encode(name))).await;
        let listed = body["results"].as_array().unwrap().iter().any(|hit| hit["id"] == stopped.id.as_str());
        if !listed {
            break;
        }
        assert!(Instant::now() < deadline, "the search index did not follow the change");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Cases { stopped, without_locations, with_notes }
}

/// Whether the public sees `service` now: running and checked within 18 months.
fn is_public_now(service: &Service) -> bool {
    let visibility = wegwijs_store::Visibility::new(wegwijs_domain::FreshnessPolicy::default(), chrono::Utc::now());
    wegwijs_store::is_public_service(service, &visibility)
}

fn wegwijs_web_encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// What an answer must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// The base URL's answer.
    Base,
    /// A page whose items follow this schema file (`minimal` for `minimal=true`).
    Page(&'static str),
    /// One object following this schema file.
    Object(&'static str),
}

/// A call, what it must answer, and whether it must find something (so that a check of
/// its items cannot pass by having none) or nothing (an edge case); `None`: either.
struct Call {
    url: String,
    shape: Shape,
    finds_something: Option<bool>,
}

fn call(url: impl Into<String>, shape: Shape, finds_something: bool) -> Call {
    Call { url: url.into(), shape, finds_something: Some(finds_something) }
}

async fn page(app: &TestApp, url: &str) -> Value {
    let (status, body) = app.get_json(url).await;
    assert_eq!(status, StatusCode::OK, "{url}: {body}");
    body
}

fn ids_of(page: &Value) -> Vec<String> {
    page["contents"].as_array().unwrap().iter().map(|item| item["id"].as_str().unwrap().to_owned()).collect()
}

/// Every HSDS endpoint, with the edge cases: pages (first, middle, last, beyond), empty
/// results, `full`, `minimal`, `search`, `postcode` with `proximity`, every filter, and
/// `/{id}` of listed records.
async fn calls(app: &TestApp, cases: &Cases) -> Vec<Call> {
    use Shape::{Base, Object, Page};
    let service_list = Page("compiled/service_list.json");
    let sal_list = Page("compiled/service_at_location_list.json");
    let term = app.data.services.iter().filter(|s| s.status == ServiceStatus::Active).flat_map(|s| &s.terms).next();
    let term = term.expect("a demo service with a term").to_string();
    let organisation = cases.with_notes.organisation_id.to_string();
    let mut calls = vec![
        call("/api/hsds/", Base, true),
        call("/api/hsds/services", service_list, true),
        call("/api/hsds/services?full=true&per_page=10", Page("service.json"), true),
        call("/api/hsds/services?minimal=true", Page("minimal"), true),
        call("/api/hsds/services?search=schulden", service_list, true),
        call("/api/hsds/services?search=schulden&full=true&per_page=5", Page("service.json"), true),
        call("/api/hsds/services?search=xyzzyqqq", service_list, false),
        call("/api/hsds/services?postcode=2171&proximity=5000", service_list, true),
        call("/api/hsds/services?postcode=2171+AB", service_list, true),
        call(format!("/api/hsds/services?taxonomy_term_id={term}"), service_list, true),
        call("/api/hsds/services?taxonomy_id=thema", service_list, true),
        call(format!("/api/hsds/services?organization_id={organisation}"), service_list, true),
        Call {
            url: format!("/api/hsds/services?search=hulp&organization_id={organisation}&minimal=true"),
            shape: Page("minimal"),
            finds_something: None,
        },
        call("/api/hsds/services?modified_after=2999-01-01T00:00:00Z", service_list, false),
        call("/api/hsds/services?modified_after=2000-01-01&minimal=true", Page("minimal"), true),
        call(format!("/api/hsds/services/{}", cases.without_locations.id), Object("service.json"), true),
        call(format!("/api/hsds/services/{}", cases.with_notes.id), Object("service.json"), true),
        call("/api/hsds/service_at_locations", sal_list, true),
        call("/api/hsds/service_at_locations?full=true&per_page=10", Page("service_at_location.json"), true),
        call("/api/hsds/service_at_locations?postcode=2171&proximity=5000", sal_list, true),
        call("/api/hsds/service_at_locations?search=schulden&postcode=2171&proximity=20000", sal_list, true),
        call(format!("/api/hsds/service_at_locations?organization_id={organisation}"), sal_list, true),
        call("/api/hsds/service_at_locations?taxonomy_id=nergens", sal_list, false),
        call("/api/hsds/organizations", Page("compiled/organization_list.json"), true),
        call("/api/hsds/organizations?full=true&per_page=3", Page("organization.json"), true),
        call("/api/hsds/organizations?full_service=true&per_page=2", Page("organization.json"), true),
        call("/api/hsds/organizations?search=zzzzzz", Page("compiled/organization_list.json"), false),
        call("/api/hsds/taxonomies", Page("taxonomy.json"), true),
        call("/api/hsds/taxonomy_terms", Page("taxonomy_term.json"), true),
        call("/api/hsds/taxonomy_terms?taxonomy_id=thema&top_only=true", Page("taxonomy_term.json"), true),
        call(format!("/api/hsds/taxonomy_terms/{term}"), Object("taxonomy_term.json"), true),
    ];

    // The last page, and one beyond it, of a listing of several pages.
    let first = page(app, "/api/hsds/services?per_page=7").await;
    let last = first["total_pages"].as_u64().unwrap();
    assert!(last > 2, "enough demo services for several pages: {first}");
    for number in [2, last, last + 1] {
        calls.push(call(format!("/api/hsds/services?per_page=7&page={number}"), service_list, number <= last));
    }
    for id in ids_of(&first) {
        calls.push(call(format!("/api/hsds/services/{id}"), Object("service.json"), true));
    }
    let sal = page(app, "/api/hsds/service_at_locations?per_page=4").await;
    for id in ids_of(&sal) {
        calls.push(call(format!("/api/hsds/service_at_locations/{id}"), Object("service_at_location.json"), true));
    }
    let organisations = page(app, "/api/hsds/organizations?per_page=3").await;
    let name = organisations["contents"][0]["name"].as_str().unwrap();
    let part: String = name.chars().skip(2).take(6).collect::<String>().to_uppercase();
    calls.push(call(
        format!("/api/hsds/organizations?search={}", wegwijs_web_encode(&part)),
        Page("compiled/organization_list.json"),
        true,
    ));
    for id in ids_of(&organisations) {
        calls.push(call(format!("/api/hsds/organizations/{id}"), Object("organization.json"), true));
        calls.push(call(format!("/api/hsds/organizations/{id}?full_service=true"), Object("organization.json"), true));
    }
    for id in ids_of(&page(app, "/api/hsds/taxonomies").await) {
        calls.push(call(format!("/api/hsds/taxonomies/{id}"), Object("taxonomy.json"), true));
    }
    for id in ids_of(&page(app, "/api/hsds/taxonomy_terms?per_page=3&page=2").await) {
        calls.push(call(format!("/api/hsds/taxonomy_terms/{id}"), Object("taxonomy_term.json"), true));
    }
    calls
}

/// Every answer of [`calls`], with its call.
async fn answers(app: &TestApp, cases: &Cases) -> Vec<(Call, String, Value)> {
    let mut answers = Vec::new();
    for call in calls(app, cases).await {
        let response = app.get(&call.url).await;
        assert_eq!(response.status(), StatusCode::OK, "{}", call.url);
        let content_type = response.headers()["content-type"].to_str().unwrap().to_owned();
        assert!(content_type.starts_with("application/json"), "{}: {content_type}", call.url);
        let text = response.text().await.unwrap();
        let body: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", call.url));
        answers.push((call, text, body));
    }
    answers
}

struct Validators(BTreeMap<&'static str, Validator>);

impl Validators {
    fn get(&mut self, file: &'static str) -> &Validator {
        self.0.entry(file).or_insert_with(|| match file {
            "minimal" => minimal_service_validator(),
            "base" => base_validator(),
            "page" => page_validator(),
            file => validator(file),
        })
    }
}

#[tokio::test]
async fn every_hsds_answer_follows_the_hsds_schemas() {
    let app = spawn_app().await;
    let cases = prepare(&app).await;
    let mut validators = Validators(BTreeMap::new());
    let mut problems: Vec<String> = Vec::new();
    let mut items = 0;
    let answers = answers(&app, &cases).await;
    for (call, _, body) in &answers {
        let mut found = Vec::new();
        match call.shape {
            Shape::Base => found.extend(errors(validators.get("base"), body)),
            Shape::Object(file) => found.extend(errors(validators.get(file), body)),
            Shape::Page(file) => {
                found.extend(errors(validators.get("page"), body));
                let contents = body["contents"].as_array().cloned().unwrap_or_default();
                if let Some(finds) = call.finds_something
                    && finds == contents.is_empty()
                {
                    found.push(format!("expected {} items, got {}", if finds { "some" } else { "no" }, contents.len()));
                }
                if body["size"] != contents.len() || body["empty"] != contents.is_empty() {
                    found.push(format!("size {} and empty {} do not match the contents", body["size"], body["empty"]));
                }
                for (i, item) in contents.iter().enumerate() {
                    items += 1;
                    found.extend(errors(validators.get(file), item).into_iter().map(|e| format!("contents[{i}]: {e}")));
                }
            }
        }
        problems.extend(found.into_iter().map(|e| format!("{}: {e}", call.url)));
    }
    assert!(answers.len() > 50 && items > 200, "{} answers with {items} items checked", answers.len());
    assert!(
        problems.is_empty(),
        "{} schema errors:\n{}",
        problems.len(),
        problems.iter().take(60).cloned().collect::<Vec<_>>().join("\n")
    );
}

#[tokio::test]
async fn no_answer_ever_carries_professional_notes() {
    let app = spawn_app().await;
    let cases = prepare(&app).await;
    let answers = answers(&app, &cases).await;
    let of_noted = answers.iter().filter(|(_, text, _)| text.contains(cases.with_notes.id.as_str())).count();
    assert!(of_noted >= 3, "the service with notes is in several answers ({of_noted})");
    for (call, text, _) in &answers {
        assert!(!text.contains("professional_notes"), "{}", call.url);
        assert!(!text.contains("intake direct via"), "{}", call.url);
    }
    let demo_notes: Vec<&str> = app.data.services.iter().filter_map(|s| s.professional_notes.as_deref()).collect();
    assert!(!demo_notes.is_empty(), "demo data has professional notes");
    let everything = page(&app, "/api/hsds/services?full=true&per_page=100").await.to_string();
    for notes in demo_notes {
        let start: String = notes.chars().take(30).collect();
        assert!(!everything.contains(&start), "{notes}");
    }
}

#[tokio::test]
async fn services_that_are_not_active_are_not_listed_and_not_found() {
    let app = spawn_app().await;
    let cases = prepare(&app).await;
    let hidden: HashSet<String> = app
        .data
        .services
        .iter()
        .filter(|s| !is_public_now(s))
        .map(|s| s.id.to_string())
        .chain([cases.stopped.id.to_string()])
        .collect();
    assert!(hidden.len() > 1, "demo data has services that are not active or not checked for 18 months");
    let listed = page(&app, "/api/hsds/services?minimal=true").await;
    let listed: HashSet<String> = ids_of(&listed).into_iter().collect();
    let public = app.data.services.len() - hidden.len();
    assert_eq!(listed.len(), public, "every public service, once");
    assert!(listed.is_disjoint(&hidden));
    let sal = page(&app, "/api/hsds/service_at_locations?per_page=100").await;
    assert!(
        sal["contents"].as_array().unwrap().iter().all(|item| !hidden.contains(item["service_id"].as_str().unwrap()))
    );
    let searched =
        page(&app, &format!("/api/hsds/services?search={}", wegwijs_web_encode(cases.stopped.name.as_str()))).await;
    assert!(!ids_of(&searched).contains(&cases.stopped.id.to_string()));
    for id in &hidden {
        let (status, body) = app.get_json(&format!("/api/hsds/services/{id}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{id}");
        assert_eq!(body["status"], 404);
    }
    let stopped_sal = &cases.stopped.locations[0].id;
    let (status, _) = app.get_json(&format!("/api/hsds/service_at_locations/{stopped_sal}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn pages_add_up_to_the_total_and_beyond_the_last_page_is_empty() {
    let app = spawn_app().await;
    let first = page(&app, "/api/hsds/services?per_page=9").await;
    let (total, pages) = (first["total_items"].as_u64().unwrap(), first["total_pages"].as_u64().unwrap());
    assert_eq!(pages, total.div_ceil(9));
    let mut seen = Vec::new();
    for number in 1..=pages {
        let page = page(&app, &format!("/api/hsds/services?per_page=9&page={number}")).await;
        assert_eq!(page["page_number"], number);
        assert_eq!(page["first_page"], number == 1);
        assert_eq!(page["last_page"], number == pages);
        seen.extend(ids_of(&page));
    }
    assert_eq!(seen.len() as u64, total);
    assert_eq!(seen.iter().collect::<HashSet<_>>().len(), seen.len(), "no service on two pages");
    let beyond = page(&app, &format!("/api/hsds/services?per_page=9&page={}", pages + 3)).await;
    assert_eq!((beyond["total_items"].as_u64(), beyond["size"].as_u64()), (Some(total), Some(0)));
    assert_eq!((beyond["empty"].as_bool(), beyond["last_page"].as_bool()), (Some(true), Some(true)));
    let names: Vec<String> = seen
        .iter()
        .map(|id| app.data.services.iter().find(|s| s.id.as_str() == id).unwrap().name.to_string())
        .collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]), "sorted by name");
}

#[tokio::test]
async fn search_lists_what_the_engine_finds_in_its_order_and_combines_with_filters() {
    let app = spawn_app().await;
    let (_, engine) = app.get_json("/api/search?q=schulden&per_page=10").await;
    let engine_ids: Vec<String> =
        engine["results"].as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap().to_owned()).collect();
    assert!(engine_ids.len() > 2, "{engine}");
    let hsds = page(&app, "/api/hsds/services?search=schulden&per_page=10").await;
    assert_eq!(ids_of(&hsds), engine_ids, "relevance order");
    assert_eq!(hsds["total_items"], engine["total"]);

    let all = page(&app, "/api/hsds/services?search=schulden&per_page=100&full=true").await;
    let organisation = all["contents"][1]["organization_id"].as_str().unwrap().to_owned();
    let of_one =
        page(&app, &format!("/api/hsds/services?search=schulden&organization_id={organisation}&per_page=100")).await;
    let expected: Vec<String> = all["contents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["organization_id"] == organisation.as_str())
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(ids_of(&of_one), expected, "the search's order, the organisation's services only");
    assert_eq!(of_one["total_items"], expected.len());
}

#[tokio::test]
async fn proximity_keeps_services_near_the_postcode_nearest_first() {
    let app = spawn_app().await;
    let near = page(&app, "/api/hsds/services?postcode=2171&proximity=3000&full=true&per_page=100").await;
    let all = page(&app, "/api/hsds/services?minimal=true").await;
    assert!(!ids_of(&near).is_empty() && ids_of(&near).len() < ids_of(&all).len(), "a filter that filters");
    let centre = wegwijs_search::place::from_postcode(wegwijs_domain::geo::builtin(), "2171").unwrap().point;
    let mut previous = 0.0;
    for service in near["contents"].as_array().unwrap() {
        let distances: Vec<f64> = service["service_at_locations"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|sal| {
                let location = &sal["location"];
                let point =
                    wegwijs_domain::GeoPoint::new(location["latitude"].as_f64()?, location["longitude"].as_f64()?)
                        .ok()?;
                Some(centre.distance_km(point))
            })
            .collect();
        let nearest = distances.iter().copied().fold(f64::INFINITY, f64::min);
        if nearest.is_finite() {
            assert!(nearest <= 3.0, "{} is {nearest} km away", service["id"]);
            assert!(nearest >= previous - 1e-9, "nearest first");
            previous = nearest;
        }
    }
    let sal = page(&app, "/api/hsds/service_at_locations?postcode=2171&proximity=3000&per_page=100").await;
    for item in sal["contents"].as_array().unwrap() {
        let location = &item["location"];
        let point = wegwijs_domain::GeoPoint::new(
            location["latitude"].as_f64().unwrap(),
            location["longitude"].as_f64().unwrap(),
        )
        .unwrap();
        assert!(centre.distance_km(point) <= 3.0, "{}", item["id"]);
    }
}

#[tokio::test]
async fn filters_keep_only_matching_services() {
    let app = spawn_app().await;
    let term = app.data.services.iter().filter(|s| is_public_now(s)).flat_map(|s| &s.terms).next().unwrap().to_string();
    let with_term = page(&app, &format!("/api/hsds/services?taxonomy_term_id={term}&full=true&per_page=100")).await;
    for service in with_term["contents"].as_array().unwrap() {
        let terms: Vec<&str> =
            service["attributes"].as_array().unwrap().iter().filter_map(|a| a["taxonomy_term_id"].as_str()).collect();
        assert!(terms.contains(&term.as_str()), "{}", service["id"]);
    }
    let expected =
        app.data.services.iter().filter(|s| is_public_now(s) && s.terms.iter().any(|t| t.as_str() == term)).count();
    assert_eq!(with_term["total_items"], expected);

    let organisation = app.data.services[0].organisation_id.to_string();
    let of_org = page(&app, &format!("/api/hsds/services?organization_id={organisation}&per_page=100")).await;
    assert!(of_org["contents"].as_array().unwrap().iter().all(|s| s["organization_id"] == organisation.as_str()));

    let mut updated: Vec<_> = app.data.services.iter().map(|s| s.meta.updated).collect();
    updated.sort();
    let moment = updated[updated.len() / 2];
    let text = moment.to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    let changed = page(&app, &format!("/api/hsds/services?modified_after={text}&minimal=true")).await;
    let expected = app.data.services.iter().filter(|s| is_public_now(s) && s.meta.updated >= moment).count();
    assert_eq!(changed["total_items"], expected);
    for item in changed["contents"].as_array().unwrap() {
        let at = chrono::DateTime::parse_from_rfc3339(item["last_modified"].as_str().unwrap()).unwrap();
        assert!(at >= moment, "{item}");
    }
    let none = page(&app, "/api/hsds/services?modified_after=2999-01-01T00:00:00Z").await;
    assert_eq!(
        (none["total_items"].as_u64(), none["total_pages"].as_u64(), none["empty"].as_bool()),
        (Some(0), Some(0), Some(true))
    );
}

#[tokio::test]
async fn bad_parameters_get_a_json_problem_that_names_them() {
    let app = spawn_app().await;
    for (url, name) in [
        ("/api/hsds/services?page=0", "page"),
        ("/api/hsds/services?per_page=abc", "per_page"),
        ("/api/hsds/services?per_page=101", "per_page"),
        ("/api/hsds/services?minimal=true&per_page=10001", "per_page"),
        ("/api/hsds/services?modified_after=gisteren", "modified_after"),
        ("/api/hsds/services?proximity=1000", "proximity"),
        ("/api/hsds/services?postcode=0000&proximity=1000", "postcode"),
        ("/api/hsds/services?full=misschien", "full"),
        ("/api/hsds/services?format=ndjson", "format"),
        ("/api/hsds/services?organization_id=a%20b", "organization_id"),
        ("/api/hsds/services?page=1&page=2", "page"),
        ("/api/hsds/service_at_locations?postcode=0999XX&proximity=10", "postcode"),
        ("/api/hsds/organizations?per_page=-1", "per_page"),
        ("/api/hsds/taxonomy_terms?top_only=ja", "top_only"),
        ("/api/hsds/organizations/x?full_service=soms", "full_service"),
    ] {
        let response = app.get(url).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{url}");
        assert_eq!(response.headers()["content-type"], "application/problem+json", "{url}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["status"], 400, "{url}");
        assert!(body["detail"].as_str().unwrap().contains(name), "{url}: {body}");
    }
}

#[tokio::test]
async fn unknown_ids_and_addresses_get_a_json_404() {
    let app = spawn_app().await;
    for url in [
        "/api/hsds/services/00000000-0000-0000-0000-000000000000",
        "/api/hsds/services/not%20an%20id",
        "/api/hsds/organizations/nope",
        "/api/hsds/service_at_locations/nope",
        "/api/hsds/taxonomies/nope",
        "/api/hsds/taxonomy_terms/nope",
        "/api/hsds/schema/nope.json",
        "/api/hsds/profile/nope.json",
        "/api/hsds/nothing-here",
        "/api/nothing-here",
    ] {
        let response = app.get(url).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{url}");
        assert_eq!(response.headers()["content-type"], "application/problem+json", "{url}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["title"], "Not Found", "{url}");
    }
    let (status, page) = app.get_text("/diensten/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(page.contains("<html"), "pages keep their HTML error page");
}

#[tokio::test]
async fn any_site_may_call_the_api_from_a_browser() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(format!("{}/api/hsds/services", app.address))
        .header("Origin", "https://gemeente.example")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["access-control-allow-origin"], "*");
    assert!(response.headers()["cache-control"].to_str().unwrap().contains("max-age="));
    let missing = app
        .client
        .get(format!("{}/api/hsds/services/nope", app.address))
        .header("Origin", "https://gemeente.example")
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(missing.headers()["access-control-allow-origin"], "*", "errors can be read by the calling site too");
    let preflight = app
        .client
        .request(reqwest::Method::OPTIONS, format!("{}/api/hsds/services?search=hulp", app.address))
        .header("Origin", "https://gemeente.example")
        .header("Access-Control-Request-Method", "GET")
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success(), "{}", preflight.status());
    assert_eq!(preflight.headers()["access-control-allow-origin"], "*");
    assert!(preflight.headers()["access-control-allow-methods"].to_str().unwrap().contains("GET"));
    let page =
        app.client.get(format!("{}/", app.address)).header("Origin", "https://elders.example").send().await.unwrap();
    assert!(page.headers().get("access-control-allow-origin").is_none(), "pages are not opened up");
}

#[tokio::test]
async fn the_base_url_points_to_the_profile_and_the_openapi_document() {
    let app = spawn_app().await;
    let (_, base) = app.get_json("/api/hsds/").await;
    assert_eq!(base["version"], "3.0");
    for key in ["profile", "openapi_url"] {
        let url = base[key].as_str().unwrap();
        assert!(url.starts_with(&app.address), "absolute: {url}");
        let path = &url[app.address.len()..];
        let (status, body) = app.get_json(path).await;
        assert_eq!(status, StatusCode::OK, "{url}");
        assert!(body.is_object(), "{url}");
    }
    let (_, profile) = app.get_json("/api/hsds/profile").await;
    for file in profile["files"].as_array().unwrap() {
        let (status, _) = app.get_json(&format!("/api/hsds/profile/{}", file.as_str().unwrap())).await;
        assert_eq!(status, StatusCode::OK, "{file}");
    }
    let (_, served) = app.get_json("/api/hsds/schema/compiled/service_list.json").await;
    assert_eq!(served, crate::hsds_schema::read_schema("compiled/service_list.json"), "the HSDS schema, unchanged");
}
