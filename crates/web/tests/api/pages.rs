//! The public pages: home, search results, themes, organisations, compare, my list,
//! and what search engines read.

use crate::helpers::spawn_app;

/// Service ids in the order a page lists them (links to `/diensten/{id}/…`).
fn listed_service_ids(body: &str) -> Vec<String> {
    body.split("href=\"/diensten/").skip(1).filter_map(|rest| rest.split('/').next()).map(str::to_owned).collect()
}

#[tokio::test]
async fn home_offers_search_themes_health_dimensions_and_villages() {
    let app = spawn_app().await;
    let (status, body) = app.get_text("/").await;
    assert_eq!(status, 200);
    assert!(body.contains("<html lang=\"nl\""));
    assert!(body.contains("action=\"/zoeken\"") && body.contains("name=\"q\""), "search box");
    assert!(body.contains("href=\"/themas/geld-en-schulden\""), "themes");
    assert!(body.contains("href=\"/themas/zingeving\""), "Positieve Gezondheid");
    assert!(body.contains("/zoeken?waar=Sassenheim"), "villages of Teylingen");
    assert!(body.contains("\"@type\":\"WebSite\""), "schema.org search action");
    let (_, english) = app.get_text("/?lang=en").await;
    assert!(english.contains("<html lang=\"en\"") && english.contains("What do you need help with?"));
    assert!(english.contains("href=\"/themas/geld-en-schulden?lang=en\""), "links keep the language");
}

#[tokio::test]
async fn results_page_shows_numbered_results_facets_and_a_map() {
    let app = spawn_app().await;
    let (status, body) = app.get_text("/zoeken?q=schulden&waar=2171").await;
    assert_eq!(status, 200);
    assert!(body.contains("resultaten") && body.contains("bij 2171 Sassenheim"), "count and place");
    assert!(body.contains("class=\"result__number\""), "numbered results");
    assert!(body.contains("type=\"checkbox\" id=\"f-theme-"), "facet checkboxes");
    assert!(body.contains("name=\"radius_km\""), "distance filter with a location");
    assert!(body.contains("op 1,") || body.contains(" m</li>") || body.contains("op 2,"), "distance shown");
    assert!(body.contains("<svg") && body.contains("wm-pin"), "map with pins");
    assert!(body.contains("noindex"), "search pages are not indexed");
    assert!(body.contains("form=\"compare-form\""), "compare checkboxes");
}

#[tokio::test]
async fn a_facet_filter_narrows_the_results_and_can_be_removed() {
    let app = spawn_app().await;
    let (_, all) = app.get_text("/zoeken?q=").await;
    let (_, filtered) = app.get_text("/zoeken?q=&theme=mantelzorg").await;
    let count = |body: &str| -> u64 {
        let text = body.split("id=\"results-count\"").nth(1).unwrap().split('>').nth(1).unwrap();
        text.split_whitespace().next().unwrap().parse().unwrap()
    };
    assert!(count(&filtered) < count(&all), "{} < {}", count(&filtered), count(&all));
    assert!(filtered.contains("value=\"mantelzorg\" checked"), "the filter shows as checked");
    assert!(filtered.contains("Alle filters weghalen"));
}

#[tokio::test]
async fn nothing_found_suggests_what_to_do_next() {
    let app = spawn_app().await;
    let (status, body) = app.get_text("/zoeken?q=vliegtuigticket").await;
    assert_eq!(status, 200);
    assert!(body.contains("We hebben niets gevonden"));
    assert!(body.contains("href=\"/themas/mantelzorg\""), "themes offered");
    let (_, typo) = app.get_text("/zoeken?q=mantelzorgxq").await;
    if typo.contains("We hebben niets gevonden") {
        assert!(typo.contains("Bedoelt u misschien"), "a word that starts the same is offered");
    }
}

#[tokio::test]
async fn an_unknown_place_is_said_and_the_search_still_runs() {
    let app = spawn_app().await;
    let (status, body) = app.get_text("/zoeken?q=hulp&waar=Atlantis").await;
    assert_eq!(status, 200);
    assert!(body.contains("We kennen de plaats of postcode ‘Atlantis’ niet"));
    assert!(body.contains("class=\"result__number\""));
}

#[tokio::test]
async fn malformed_query_strings_never_give_a_server_error() {
    let app = spawn_app().await;
    for query in [
        "page=abc",
        "page=0",
        "page=999999999999",
        "q=%FF%FE",
        "q=%",
        "theme=%00",
        "radius_km=-5",
        "sort=oops",
        "q=a&q=b",
        "waar=%3Cscript%3E",
        "open_now=misschien",
        "age=-1",
        "q=(((((",
        "q=\"",
        "lang=xx",
        "id=1&id=2",
    ] {
        for path in ["/zoeken", "/themas/geld-en-schulden", "/vergelijken", "/mijn-lijst", "/"] {
            let status = app.get(&format!("{path}?{query}")).await.status();
            assert!(!status.is_server_error(), "{path}?{query} gave {status}");
        }
    }
    assert_eq!(app.get("/zoeken?page=abc").await.status(), 400);
    assert_eq!(app.get("/zoeken?q=schulden&page=5000").await.status(), 404);
}

#[tokio::test]
async fn theme_pages_explain_the_theme_and_list_its_services() {
    let app = spawn_app().await;
    let (status, body) = app.get_text("/themas/mantelzorg").await;
    assert_eq!(status, 200);
    assert!(body.contains("Zorgen voor een naaste"), "plain name");
    assert!(body.contains("Steun voor mensen die zorgen voor"), "two plain sentences from the data");
    // The theme of the first demo service lists at least that service.
    let service = &app.data.services[0];
    let theme = app
        .data
        .terms
        .iter()
        .find(|t| t.taxonomy_id.as_str() == wegwijs_domain::taxonomy::THEME && service.terms.contains(&t.id))
        .unwrap();
    let (_, listed) = app.get_text(&format!("/themas/{}", theme.code)).await;
    assert!(!listed_service_ids(&listed).is_empty(), "{}", theme.code);
    assert!(!body.contains("noindex"), "the theme page itself is indexed");
    let (_, english) = app.get_text("/themas/mantelzorg?lang=en").await;
    assert!(english.contains("Caring for someone close"), "translated theme");
    let (_, index) = app.get_text("/themas").await;
    assert!(index.contains("href=\"/themas/jeugd-en-gezin\"") && index.contains("href=\"/themas/meedoen\""));
    assert_eq!(app.get("/themas/bestaat-niet").await.status(), 404);
    // A theme page lists its own theme only, whatever the address adds.
    let (_, widened) = app.get_text(&format!("/themas/{}?theme=mantelzorg", theme.code)).await;
    assert_eq!(listed_service_ids(&widened), listed_service_ids(&listed));
}

#[tokio::test]
async fn organisation_page_lists_all_its_services() {
    let app = spawn_app().await;
    let organisation = &app.data.organisations[0];
    let own = app.data.services.iter().filter(|s| s.organisation_id == organisation.id).count();
    let (status, body) = app.get_text(&format!("/organisaties/{}", organisation.id)).await;
    assert_eq!(status, 200);
    assert_eq!(listed_service_ids(&body).len(), own);
    assert!(body.contains("\"@type\":\"Organization\""));
    assert_eq!(app.get("/organisaties/niet-een-id").await.status(), 404);
}

#[tokio::test]
async fn compare_puts_two_to_four_services_side_by_side() {
    let app = spawn_app().await;
    let ids: Vec<String> = app.data.services.iter().take(5).map(|s| s.id.to_string()).collect();
    let (status, body) = app.get_text(&format!("/vergelijken?id={}&id={}", ids[0], ids[1])).await;
    assert_eq!(status, 200);
    assert!(body.contains("<table class=\"compare\"") && body.contains("Wie betaalt?") && body.contains("Wachttijd"));
    assert_eq!(body.matches("<th scope=\"col\">").count(), 2);
    let (_, five) = app.get_text(&format!("/vergelijken?id={}", ids.join("&id="))).await;
    assert_eq!(five.matches("<th scope=\"col\">").count(), 4, "at most four");
    assert!(five.contains("maximaal 4"));
    let (status, one) = app.get_text(&format!("/vergelijken?id={}&id=onzin", ids[0])).await;
    assert_eq!(status, 200);
    assert!(one.contains("Kies minstens 2 diensten") && one.contains("bestaan niet"));
}

#[tokio::test]
async fn my_list_is_kept_in_a_cookie_and_can_be_shared() {
    let app = spawn_app().await;
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let ids: Vec<String> = app.data.services.iter().take(2).map(|s| s.id.to_string()).collect();
    let (form_cookie, token) = app.anonymous_form().await;
    let save = |id: &str, cookie: Option<&str>| {
        let cookies = match cookie {
            Some(cookie) => format!("{form_cookie}; {cookie}"),
            None => form_cookie.clone(),
        };
        client
            .post(format!("{}/mijn-lijst", app.address))
            .header("cookie", cookies)
            .form(&[("id", id), ("actie", "bewaar"), ("terug", "/zoeken?q=hulp"), ("csrf", &token)])
            .send()
    };
    let list_cookie = |response: &reqwest::Response| -> String {
        let mut header = response.headers().get_all("set-cookie").iter().filter_map(|v| v.to_str().ok());
        header.rfind(|v| v.starts_with("wegwijs_lijst=")).unwrap().split(';').next().unwrap().to_owned()
    };
    let first = save(&ids[0], None).await.unwrap();
    assert_eq!(first.status(), 303);
    assert_eq!(first.headers()["location"], "/zoeken?q=hulp");
    let cookie = list_cookie(&first);
    let second = save(&ids[1], Some(&cookie)).await.unwrap();
    let cookie = list_cookie(&second);
    let list = client.get(format!("{}/mijn-lijst", app.address)).header("cookie", &cookie).send().await.unwrap();
    let body = list.text().await.unwrap();
    assert_eq!(listed_service_ids(&body), ids, "both saved, in order");
    assert!(body.contains(&format!("/mijn-lijst?id={}&#38;id={}", ids[0], ids[1])), "share link");
    assert!(body.contains("href=\"mailto:?subject="), "mail link");

    // A shared link shows the list without any cookie.
    let (_, shared) = app.get_text(&format!("/mijn-lijst?id={}&id={}", ids[1], ids[0])).await;
    assert_eq!(listed_service_ids(&shared), [ids[1].clone(), ids[0].clone()]);

    // Never an open redirect, and posts from other sites are refused.
    let away = client
        .post(format!("{}/mijn-lijst", app.address))
        .header("cookie", &form_cookie)
        .form(&[("id", ids[0].as_str()), ("actie", "bewaar"), ("terug", "//evil.example/"), ("csrf", &token)])
        .send()
        .await
        .unwrap();
    assert_eq!(away.headers()["location"], "/mijn-lijst");
    let forged = client
        .post(format!("{}/mijn-lijst", app.address))
        .header("origin", "https://evil.example")
        .header("cookie", &form_cookie)
        .form(&[("id", ids[0].as_str()), ("actie", "bewaar"), ("csrf", &token)])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    // A post without the form token is refused before it does anything.
    let tokenless = client
        .post(format!("{}/mijn-lijst", app.address))
        .header("cookie", &form_cookie)
        .form(&[("id", ids[0].as_str()), ("actie", "bewaar")])
        .send()
        .await
        .unwrap();
    assert_eq!(tokenless.status(), 403);
    assert!(tokenless.headers().get("set-cookie").is_none_or(|c| !c.to_str().unwrap().starts_with("wegwijs_lijst")));
}

#[tokio::test]
async fn search_engines_get_a_sitemap_and_robots_txt() {
    let app = spawn_app().await;
    let (status, robots) = app.get_text("/robots.txt").await;
    assert_eq!(status, 200);
    assert!(robots.contains("Sitemap: http://127.0.0.1:") && robots.contains("Disallow: /zoeken"));
    let (_, index) = app.get_text("/sitemap.xml").await;
    assert!(index.contains("<sitemapindex") && index.contains("/sitemaps/services-1.xml"));
    let (status, services) = app.get_text("/sitemaps/services-1.xml").await;
    assert_eq!(status, 200);
    let visibility = wegwijs_store::Visibility::new(wegwijs_domain::FreshnessPolicy::default(), chrono::Utc::now());
    let public = app.data.services.iter().filter(|s| wegwijs_store::is_public_service(s, &visibility)).count();
    assert_eq!(services.matches("<url>").count(), public, "every public service listed");
    assert!(services.contains("hreflang=\"en\""));
    let (_, pages) = app.get_text("/sitemaps/pages.xml").await;
    assert!(pages.contains("/themas/mantelzorg</loc>"));
    for bad in [
        "/sitemaps/services-0.xml",
        "/sitemaps/services-99.xml",
        "/sitemaps/services-18446744073709551615.xml",
        "/sitemaps/organisations-18446744073709551615.xml",
        "/sitemaps/../etc.xml",
        "/sitemaps/x",
    ] {
        assert_eq!(app.get(bad).await.status(), 404, "{bad}");
    }
}

#[tokio::test]
async fn static_files_are_cached_and_versioned() {
    let app = spawn_app().await;
    let (_, home) = app.get_text("/").await;
    let css = home.split("href=\"/static/site.css?v=").nth(1).unwrap().split('"').next().unwrap();
    let response = app.get(&format!("/static/site.css?v={css}")).await;
    assert_eq!(response.status(), 200);
    assert!(response.headers()["cache-control"].to_str().unwrap().contains("immutable"));
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/css"));
    assert_eq!(app.get("/static/nope.js").await.status(), 404);
}

#[tokio::test]
async fn pages_stay_light() {
    // 150 KB per page without the map is the budget; with compression pages are far below.
    let app = spawn_app().await;
    for path in ["/", "/zoeken?q=hulp", "/themas/ouderen"] {
        let (_, body) = app.get_text(path).await;
        let map = body.split("<svg role=\"img\"").nth(1).map_or(0, |rest| rest.split("</svg>").next().unwrap().len());
        assert!(body.len() - map < 150_000, "{path}: {} bytes without the map", body.len() - map);
    }
}

#[tokio::test]
async fn a_service_that_stopped_is_gone_from_every_public_page() {
    let app = spawn_app().await;
    let mut service =
        app.data.services.iter().find(|s| s.status == wegwijs_domain::ServiceStatus::Active).unwrap().clone();
    let (status, _) = app.get_text(&format!("/diensten/{}", service.id)).await;
    assert_eq!(status, 200);
    service.status = wegwijs_domain::ServiceStatus::Inactive;
    let mut tx = app.store.begin().await.unwrap();
    tx.put_service(&service).await.unwrap();
    tx.commit().await.unwrap();
    let id = service.id.to_string();
    assert_eq!(app.get(&format!("/diensten/{id}")).await.status(), 404);
    assert_eq!(app.get(&format!("/diensten/{id}/fout-melden")).await.status(), 404);
    let (_, organisation) = app.get_text(&format!("/organisaties/{}", service.organisation_id)).await;
    assert!(!listed_service_ids(&organisation).contains(&id));
    let (_, list) = app.get_text(&format!("/mijn-lijst?id={id}")).await;
    assert!(list.contains("bestaan niet meer"));
    let (_, sitemap) = app.get_text("/sitemaps/services-1.xml").await;
    assert!(!sitemap.contains(&id));
}
