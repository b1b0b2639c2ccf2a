//! Staleness on the public side: a page says when it was checked and warns calmly when
//! that is long ago; a service not checked for 18 months is gone for the public (page,
//! search, suggestions, API, sitemap, theme and organisation pages) but still there for
//! its editors and providers, and back everywhere once it is verified again.

use crate::browsing::{add_user, browser, get, log_in};
use crate::helpers::{TestApp, spawn_app};
use chrono::{TimeDelta, Utc};
use std::time::Duration;
use wegwijs_domain::freshness::months;
use wegwijs_domain::taxonomy::THEME;
use wegwijs_domain::{Id, Name, Role, Service, Verification, VerifiedBy};

const WARNING: &str =
    "Deze informatie is meer dan een jaar niet gecontroleerd. Bel of mail de organisatie om zeker te zijn.";
const HIDDEN_NOTICE: &str = "Deze dienst is verborgen voor bezoekers omdat hij lang niet is gecontroleerd.";

/// Public running services with a location and a theme, as the server sees them now.
fn candidates(app: &TestApp) -> Vec<Service> {
    let visibility = wegwijs_store::Visibility::new(wegwijs_domain::FreshnessPolicy::default(), Utc::now());
    let themes: Vec<&Id> = app.data.terms.iter().filter(|t| t.taxonomy_id.as_str() == THEME).map(|t| &t.id).collect();
    app.data
        .services
        .iter()
        .filter(|s| wegwijs_store::is_public_service(s, &visibility) && !s.locations.is_empty())
        .filter(|s| s.terms.iter().any(|t| themes.contains(&t)))
        .cloned()
        .collect()
}

/// `service` renamed to `name`, last checked `ago` ago by its organisation.
fn checked_ago(service: &Service, name: &str, ago: TimeDelta) -> Service {
    let mut service = service.clone();
    service.name = Name::parse(name).unwrap();
    let at = Utc::now() - ago;
    service.meta.updated = at;
    service.meta.verification = Some(Verification { at, by: VerifiedBy::Provider });
    service
}

/// Writes `service` through the store's normal write path.
async fn write(app: &TestApp, service: &Service) {
    let mut tx = app.store.begin().await.unwrap();
    tx.put_service(service).await.unwrap();
    tx.commit().await.unwrap();
}

/// Waits until the search index (which follows the store in the background) finds
/// `id` when searching for `text`.
async fn until_found(app: &TestApp, text: &str, id: &Id) {
    for _ in 0..400 {
        if search_ids(app, text).await.contains(&id.to_string()) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("the search index never found {id} for {text:?}");
}

/// `GET path?q=text` with the text encoded.
async fn with_text(app: &TestApp, path: &str, text: &str) -> reqwest::Response {
    let text: String = url::form_urlencoded::byte_serialize(text.as_bytes()).collect();
    app.get(&format!("{path}?q={text}")).await
}

async fn search_ids(app: &TestApp, text: &str) -> Vec<String> {
    let body: serde_json::Value = with_text(app, "/api/search", text).await.json().await.unwrap();
    body["results"]
        .as_array()
        .unwrap_or_else(|| panic!("{text:?}: {body}"))
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_owned())
        .collect()
}

async fn suggested(app: &TestApp, typed: &str) -> Vec<String> {
    let body: serde_json::Value = with_text(app, "/api/suggest", typed).await.json().await.unwrap();
    body["suggestions"].as_array().unwrap().iter().map(|s| s["text"].as_str().unwrap().to_owned()).collect()
}

/// Every service id in the API listing and in the sitemap.
async fn listed(app: &TestApp) -> (Vec<String>, String) {
    let (_, page) = app.get_json("/api/hsds/services?per_page=100").await;
    let api = page["contents"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap().to_owned()).collect();
    let (_, sitemap) = app.get_text("/sitemaps/services-1.xml").await;
    (api, sitemap)
}

/// Whether the public sees `service` (named `name`) in every place it could appear.
struct Seen {
    page: u16,
    search: bool,
    suggested: bool,
    api_list: bool,
    api_record: u16,
    api_service_at_location: u16,
    api_organisation: bool,
    sitemap: bool,
    theme_page: bool,
    organisation_page: bool,
}

async fn seen_by_the_public(app: &TestApp, service: &Service, name: &str) -> Seen {
    let id = service.id.to_string();
    let theme = app
        .data
        .terms
        .iter()
        .find(|t| t.taxonomy_id.as_str() == THEME && service.terms.contains(&t.id))
        .map(|t| t.code.clone())
        .unwrap();
    let (api, sitemap) = listed(app).await;
    let (_, organisation) = app.get_json(&format!("/api/hsds/organizations/{}", service.organisation_id)).await;
    let organisation_services: Vec<&str> =
        organisation["services"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    let theme_page = with_text(app, &format!("/themas/{theme}"), name).await.text().await.unwrap();
    let (_, organisation_page) = app.get_text(&format!("/organisaties/{}", service.organisation_id)).await;
    let typed: String = name.to_lowercase().chars().take(8).collect();
    Seen {
        page: app.get(&format!("/diensten/{id}")).await.status().as_u16(),
        search: search_ids(app, name).await.contains(&id),
        suggested: suggested(app, &typed).await.iter().any(|s| s == name),
        api_list: api.contains(&id),
        api_record: app.get(&format!("/api/hsds/services/{id}")).await.status().as_u16(),
        api_service_at_location: app
            .get(&format!("/api/hsds/service_at_locations/{}", service.locations[0].id))
            .await
            .status()
            .as_u16(),
        api_organisation: organisation_services.contains(&id.as_str()),
        sitemap: sitemap.contains(&id),
        theme_page: theme_page.contains(&format!("/diensten/{id}/")),
        organisation_page: organisation_page.contains(&format!("/diensten/{id}/")),
    }
}

#[tokio::test]
async fn a_service_checked_thirteen_months_ago_says_so_and_warns_calmly() {
    let app = spawn_app().await;
    let candidates = candidates(&app);
    let warned = checked_ago(&candidates[0], "Zilverreigerhuis", months(13));
    let fresh = checked_ago(&candidates[1], "Kraanvogelhuis", TimeDelta::days(3));
    write(&app, &warned).await;
    write(&app, &fresh).await;

    let (status, page) = app.get_text(&format!("/diensten/{}", warned.id)).await;
    assert_eq!(status, 200);
    assert!(page.contains(WARNING), "the warning");
    assert!(page.contains("<p class=\"notice\" role=\"note\">"), "a calm note, not an alert");
    assert!(page.contains("Gecontroleerd op ") && page.contains(" door de organisatie"), "when and by whom");
    let (_, english) = app.get_text(&format!("/diensten/{}?lang=en", warned.id)).await;
    assert!(english.contains("This information has not been checked for more than a year."));
    assert!(english.contains("by the organisation"));

    let (_, page) = app.get_text(&format!("/diensten/{}", fresh.id)).await;
    assert!(!page.contains("niet gecontroleerd"), "no warning three days after a check");
    assert!(page.contains("Gecontroleerd op "));

    // Never verified: the page says when it last changed instead.
    let mut unverified = candidates[2].clone();
    unverified.meta.verification = None;
    unverified.meta.updated = Utc::now() - TimeDelta::days(10);
    write(&app, &unverified).await;
    let (_, page) = app.get_text(&format!("/diensten/{}", unverified.id)).await;
    assert!(page.contains("Nog niet gecontroleerd. Laatst gewijzigd op "), "last change instead");
    assert!(!page.contains(WARNING));

    // The organisation page says the same of the organisation's own record.
    let mut organisation = app.data.organisations.iter().find(|o| o.id == warned.organisation_id).unwrap().clone();
    let at = Utc::now() - months(13);
    organisation.meta.updated = at;
    organisation.meta.verification = Some(Verification { at, by: VerifiedBy::Editor });
    let mut tx = app.store.begin().await.unwrap();
    tx.put_organisation(&organisation).await.unwrap();
    tx.commit().await.unwrap();
    let (status, page) = app.get_text(&format!("/organisaties/{}", organisation.id)).await;
    assert_eq!(status, 200);
    assert!(page.contains(WARNING) && page.contains(" door de redactie"), "warning, when and by whom");
    organisation.meta.verification = Some(Verification { at: Utc::now(), by: VerifiedBy::Provider });
    let mut tx = app.store.begin().await.unwrap();
    tx.put_organisation(&organisation).await.unwrap();
    tx.commit().await.unwrap();
    let (_, page) = app.get_text(&format!("/organisaties/{}", organisation.id)).await;
    assert!(!page.contains(WARNING) && page.contains(" door de organisatie"));
}

#[tokio::test]
async fn a_service_not_checked_for_nineteen_months_is_hidden_until_it_is_verified_again() {
    let app = spawn_app().await;
    let candidates = candidates(&app);
    let name = "Kwartelkoffiehuis";
    let hidden = checked_ago(&candidates[0], name, months(19));
    let before = seen_by_the_public(&app, &candidates[0], candidates[0].name.as_str()).await;
    assert_eq!((before.page, before.api_record, before.sitemap), (200, 200, true), "public before");

    // Hide it; a later write of another service tells when the index has caught up.
    write(&app, &hidden).await;
    let marker = checked_ago(&candidates[1], "Zilverreigerhuis", TimeDelta::days(1));
    write(&app, &marker).await;
    until_found(&app, "Zilverreigerhuis", &marker.id).await;

    let gone = seen_by_the_public(&app, &hidden, name).await;
    assert_eq!(gone.page, 404, "the page is not found by the public");
    assert!(!gone.search && !gone.suggested, "not in search or suggestions");
    assert!(!gone.api_list && !gone.api_organisation, "not in the API's lists");
    assert_eq!((gone.api_record, gone.api_service_at_location), (404, 404), "nor its single records");
    assert!(!gone.sitemap, "not in the sitemap");
    assert!(!gone.theme_page && !gone.organisation_page, "not on the theme or organisation page");
    assert!(app.store.service(&hidden.id).await.unwrap().is_some(), "hidden, not deleted");

    // Its editors and its own providers still see it, with a notice; other providers don't.
    add_user(&app, "redactie@example.nl", "Redactie", Role::Redacteur, Vec::new()).await;
    add_user(&app, "eigen@example.nl", "Eigen", Role::Aanbieder, vec![hidden.organisation_id.clone()]).await;
    let other = app.data.organisations.iter().find(|o| o.id != hidden.organisation_id).unwrap();
    add_user(&app, "ander@example.nl", "Ander", Role::Aanbieder, vec![other.id.clone()]).await;
    let path = format!("/diensten/{}/{}", hidden.id, "kwartelkoffiehuis");
    for (email, expected) in [("redactie@example.nl", 200), ("eigen@example.nl", 200), ("ander@example.nl", 404)] {
        let client = browser();
        log_in(&app, &client, email).await;
        let (status, page) = get(&app, &client, &path).await;
        assert_eq!(status, expected, "{email}");
        assert_eq!(page.contains(HIDDEN_NOTICE), expected == 200, "{email}");
        assert!(!page.contains(WARNING), "the notice replaces the warning");
    }

    // Verified again through the store's normal write path: back everywhere.
    let mut verified = hidden.clone();
    verified.meta.verification = Some(Verification { at: Utc::now(), by: VerifiedBy::Provider });
    write(&app, &verified).await;
    until_found(&app, name, &hidden.id).await;
    let back = seen_by_the_public(&app, &hidden, name).await;
    assert_eq!((back.page, back.api_record, back.api_service_at_location), (200, 200, 200));
    assert!(back.search && back.suggested && back.api_list && back.api_organisation && back.sitemap);
    assert!(back.theme_page && back.organisation_page);
    let (_, page) = app.get_text(&path).await;
    assert!(!page.contains(HIDDEN_NOTICE) && !page.contains(WARNING));
}

#[tokio::test]
async fn a_hidden_service_is_left_out_of_compare_and_my_list_too() {
    let app = spawn_app().await;
    let services = candidates(&app);
    let (kept, stale) = (&services[0], &services[1]);
    let hidden = checked_ago(stale, "Verstopte koffieochtend", TimeDelta::days(600));
    write(&app, &hidden).await;
    let ids = format!("id={}&id={}", kept.id, hidden.id);
    for path in [format!("/vergelijken?{ids}"), format!("/mijn-lijst?{ids}")] {
        let (status, page) = app.get_text(&path).await;
        assert_eq!(status, 200, "{path}");
        assert!(!page.contains("Verstopte koffieochtend"), "{path} shows a hidden service");
        assert!(!page.contains(&format!("/diensten/{}", hidden.id)), "{path} links to a hidden service");
    }
}
