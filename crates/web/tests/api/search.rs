//! `/api/search` and `/api/suggest`.

use crate::helpers::spawn_app;
use reqwest::StatusCode;
use std::time::{Duration, Instant};
use wegwijs_domain::{Name, ServiceStatus};

#[tokio::test]
async fn search_returns_results_facets_and_the_location_it_used() {
    let app = spawn_app().await;
    let (status, body) = app.get_json("/api/search?q=geldproblemen&postcode=2171&per_page=5").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body["total"].as_u64().unwrap() > 0, "{body}");
    let first = &body["results"][0];
    for field in ["id", "name", "url", "summary", "snippet", "distance_km", "open_now", "referral"] {
        assert!(!first[field].is_null(), "{field} missing in {first}");
    }
    assert!(first["organisation"]["name"].is_string());
    assert!(first.get("explanation").is_none(), "no explanation unless asked for");
    assert!(body["results"].as_array().unwrap().len() <= 5);
    assert!(body["facets"]["theme"].as_array().is_some_and(|v| !v.is_empty()), "{}", body["facets"]);
    assert!(body["facets"]["open_now"]["count"].is_u64());
    assert!(body["location"]["label"].as_str().unwrap().starts_with("2171"));
    assert!(body["interpretation"]["expansions"].as_array().is_some_and(|v| !v.is_empty()));
}

#[tokio::test]
async fn bad_parameters_get_a_400_that_says_what_is_wrong() {
    let app = spawn_app().await;
    let long = "a".repeat(10_000);
    for (query, word) in [
        ("radius_km=-1", "radius_km"),
        ("page=1000000000000", "page"),
        ("per_page=1000", "per_page"),
        ("postcode=0123", "postcode"),
        ("near=Atlantis", "near"),
        ("sort=shuffle", "sort"),
        (&format!("q={long}") as &str, "q"),
    ] {
        let (status, body) = app.get_json(&format!("/api/search?{query}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}: {body}");
        assert!(body["message"].as_str().unwrap().contains(word), "{query}: {body}");
    }
}

#[tokio::test]
async fn odd_but_valid_queries_answer_200() {
    let app = spawn_app().await;
    for q in [
        "",
        "%20%20",
        "de%20het%20een",
        "%F0%9F%99%82",
        "%D9%85%D8%B1%D8%AD%D8%A8%D8%A7",
        "cafe%CC%81",
        "theme=bestaat-niet",
    ] {
        let (status, body) = app.get_json(&format!("/api/search?q={q}")).await;
        assert_eq!(status, StatusCode::OK, "{q}: {body}");
    }
    let (status, body) = app.get_json("/api/search?q=hulp&page=100000").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body["results"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn suggestions_complete_what_is_typed() {
    let app = spawn_app().await;
    let (status, body) = app.get_json("/api/suggest?q=mantelz").await;
    assert_eq!(status, StatusCode::OK);
    let texts: Vec<&str> = body["suggestions"].as_array().unwrap().iter().filter_map(|s| s["text"].as_str()).collect();
    assert!(!texts.is_empty() && texts.iter().all(|t| t.to_lowercase().contains("mantelz")), "{texts:?}");
    let (status, body) = app.get_json("/api/suggest?q=").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body["suggestions"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn a_new_service_is_found_within_a_second_of_the_write() {
    let app = spawn_app().await;
    let mut service = app.data.services.iter().find(|s| s.status == ServiceStatus::Active).unwrap().clone();
    service.name = Name::parse("Kweekvijver Zonnebloemstraat").unwrap();
    let mut tx = app.store.begin().await.unwrap();
    tx.put_service(&service).await.unwrap();
    tx.commit().await.unwrap();
    let written = Instant::now();
    loop {
        let (_, body) = app.get_json("/api/search?q=kweekvijver").await;
        if body["total"].as_u64() == Some(1) {
            break;
        }
        assert!(written.elapsed() < Duration::from_secs(1), "not searchable after a second: {body}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn searches_with_few_results_are_counted_without_personal_data() {
    let app = spawn_app().await;
    app.get_json("/api/search?q=Vliegticket%20Barcelona").await;
    app.get_json("/api/search?q=vliegticket%20barcelona").await;
    app.get_json("/api/search?q=hulp").await;
    app.search_log.flush(&app.store).await;
    let since = chrono::Utc::now().date_naive() - chrono::Days::new(1);
    let logged = app.store.low_result_queries(since, 2, 10).await.unwrap();
    assert_eq!(logged.len(), 1, "{logged:?}");
    assert_eq!((logged[0].query.as_str(), logged[0].searches), ("vliegticket barcelona", 2));
}
