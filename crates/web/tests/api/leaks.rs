//! Professional-only notes never leak. A marker is put in the one professional-only field
//! of two services (`Service::professional_notes`; see `wegwijs_domain::access`): once
//! typed by a provider in the portal and approved by an editor, once read from an HSDS
//! feed by the real import code. Then every public page, API, download, sitemap, search
//! suggestion and mail of the flow is checked for it, while the provider, an editor and a
//! professional do see it (so an absence cannot pass because the note was never stored).

use crate::browsing::{add_user, browser, form_pairs, get, log_in, mails, post, post_pairs, set};
use crate::helpers::{TestApp, spawn_app};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;
use wegwijs_domain::taxonomy::{POSITIVE_HEALTH, THEME};
use wegwijs_domain::{Id, Role, Service, ServiceStatus, TaxonomyTerm};
use wegwijs_store::EntityKind;

/// A made-up word that is no compound of Dutch words and no typo of one, so the only
/// way a public search could find a service by it is through its professional notes.
const MARK_WORD: &str = "qorvelbrintax";
/// What the provider types in the portal's "Alleen voor professionals" field.
const PORTAL_NOTES: &str = "GEHEIMLIJN 071 555 98 76, alleen voor verwijzers. Intake volgens het \
                            qorvelbrintax-protocol; wachttijd voor professionals drie dagen.";
/// What a partner's HSDS feed carries in `professional_notes`.
const IMPORT_NOTES: &str = "GEHEIMLIJN 071 555 98 77 (direct nummer, niet doorgeven). Aanmelden via het \
                            qorvelbrintax-formulier; intake alleen na overleg met de wijkcoach.";
/// Parts of the notes that no public text holds, lower case: any of them in a public
/// answer is a leak.
const FRAGMENTS: [&str; 4] = [MARK_WORD, "geheimlijn", "555 98 7", "5559876"];

/// The name the provider gives the portal service, and a word of it for searching.
const PORTAL_NAME: &str = "Kievitsbloemspreekuur";
const PORTAL_WORD: &str = "kievitsbloemspreekuur";
/// The name of the imported service, and a word of it for searching.
const IMPORT_NAME: &str = "Zilverreigerbuurtkamer";
const IMPORT_WORD: &str = "zilverreigerbuurtkamer";

const PROVIDER: &str = "aanbieder@portaal.example.nl";
const IMPORT_PROVIDER: &str = "aanbieder@feed.example.nl";
const EDITOR: &str = "redactie@example.nl";
const PROFESSIONAL: &str = "wijkcoach@example.nl";
const REJECTION: &str = "Dit voorstel nemen we niet over: de wachttijd klopt niet.";

/// The app after both notes arrived and the search index followed.
struct Leaky {
    app: TestApp,
    /// The service whose notes were typed in the portal, as published.
    portal: Service,
    /// The service whose notes came in by import, as stored.
    imported: Service,
}

impl Leaky {
    fn services(&self) -> [&Service; 2] {
        [&self.portal, &self.imported]
    }
}

/// The first marker fragment in `text`, also after URL decoding (a `mailto:` body, a
/// link), leaving out `echoed` (what the request itself asked for, which a page may
/// repeat, such as the words in a search box).
fn leaked(text: &str, echoed: &[&str]) -> Option<&'static str> {
    let plain = text.to_lowercase();
    let decoded = percent_encoding::percent_decode_str(&text.replace('+', " ")).decode_utf8_lossy().to_lowercase();
    FRAGMENTS.into_iter().filter(|f| !echoed.contains(f)).find(|f| plain.contains(f) || decoded.contains(f))
}

#[track_caller]
fn assert_clean(what: &str, text: &str, echoed: &[&str]) {
    if let Some(fragment) = leaked(text, echoed) {
        let lower = text.to_lowercase();
        let around: String = match lower.find(fragment) {
            Some(at) => lower[lower.floor_char_boundary(at.saturating_sub(200))..].chars().take(400).collect(),
            None => "(after URL decoding)".to_owned(),
        };
        panic!("professional notes leak in {what}: {fragment:?} in …{around}…");
    }
}

/// GET `path` as an anonymous visitor (redirects followed); fails unless 200.
async fn public(app: &TestApp, path: &str) -> String {
    let response = reqwest::get(format!("{}{path}", app.address)).await.unwrap();
    assert_eq!(response.status(), 200, "GET {path}");
    response.text().await.unwrap()
}

/// GET `path` anonymously and check it holds no note.
async fn public_clean(app: &TestApp, path: &str) -> String {
    let body = public(app, path).await;
    assert_clean(path, &body, &[]);
    body
}

/// The public address of a service page, with its slug.
async fn service_path(app: &TestApp, id: &Id) -> String {
    let response = app.get_no_redirect(&format!("/diensten/{id}")).await;
    assert!(response.status().is_redirection(), "/diensten/{id} redirects to the page with its slug");
    response.headers()["location"].to_str().unwrap().to_owned()
}

/// Every page of an HSDS list, from `path` (which carries its query).
async fn hsds_pages(app: &TestApp, path: &str) -> Vec<Value> {
    let mut pages = Vec::new();
    let mut page = 1;
    loop {
        let (status, body) = app.get_json(&format!("{path}&page={page}")).await;
        assert_eq!(status, 200, "{path} page {page}: {body}");
        let total = body["total_pages"].as_u64().expect("an HSDS page envelope");
        pages.push(body);
        if page >= total {
            return pages;
        }
        page += 1;
    }
}

fn term_by_id<'a>(terms: &'a [TaxonomyTerm], id: &Id) -> Option<&'a TaxonomyTerm> {
    terms.iter().find(|t| &t.id == id)
}

/// The root codes of the theme and Positieve Gezondheid terms of `service`: its theme pages.
fn theme_codes(service: &Service, terms: &[TaxonomyTerm]) -> BTreeSet<String> {
    service
        .terms
        .iter()
        .filter_map(|id| term_by_id(terms, id))
        .filter(|t| [THEME, POSITIVE_HEALTH].contains(&t.taxonomy_id.as_str()))
        .map(|mut term| {
            while let Some(parent) = term.parent_id.as_ref().and_then(|id| term_by_id(terms, id)) {
                term = parent;
            }
            term.code.clone()
        })
        .collect()
}

fn has_theme(service: &Service, terms: &[TaxonomyTerm]) -> bool {
    !theme_codes(service, terms).is_empty()
}

/// Spawns the app, lets a provider type notes in the portal (approved by an editor, and
/// a second proposal rejected), imports a service with notes from an HSDS feed, has a
/// resident report an error on both, and waits until search has followed.
async fn leaky_app() -> Leaky {
    let app = spawn_app().await;
    let terms = app.store.taxonomy_terms().await.unwrap();
    let active = |s: &&Service| s.status == ServiceStatus::Active && has_theme(s, &terms);
    let portal = app.data.services.iter().find(active).expect("an active service with a theme").clone();
    let base = app
        .data
        .services
        .iter()
        .filter(active)
        .find(|s| s.organisation_id != portal.organisation_id)
        .expect("a service of another organisation")
        .clone();
    add_user(&app, PROVIDER, "Petra de Vries", Role::Aanbieder, vec![portal.organisation_id.clone()]).await;
    add_user(&app, IMPORT_PROVIDER, "Karim el Amrani", Role::Aanbieder, vec![base.organisation_id.clone()]).await;
    add_user(&app, EDITOR, "Els Bakker", Role::Redacteur, Vec::new()).await;
    add_user(&app, PROFESSIONAL, "Wim de Wijkcoach", Role::Professional, Vec::new()).await;

    type_notes_in_the_portal(&app, &portal).await;
    let imported = import_notes(&app, &base, &terms).await;
    for service in [&portal, &imported] {
        let resident = browser();
        let path = format!("/diensten/{}/fout-melden", service.id);
        let (status, page) = get(&app, &resident, &path).await;
        assert_eq!(status, 200);
        let fields = [("bericht", "Het telefoonnummer klopt niet meer."), ("email", ""), ("website", "")];
        let response = post(&app, &resident, &path, &page, &fields).await;
        assert_eq!(response.status(), 303, "the error report is stored");
    }

    let portal = app.store.service(&portal.id).await.unwrap().expect("published");
    assert_eq!(portal.name.as_str(), PORTAL_NAME, "the approved proposal is published");
    assert_eq!(portal.professional_notes.as_deref(), Some(PORTAL_NOTES), "the portal stored the notes");
    let imported = app.store.service(&imported.id).await.unwrap().expect("imported");
    assert_eq!(imported.professional_notes.as_deref(), Some(IMPORT_NOTES), "the import stored the notes");

    // Search follows the change log; once both names are found, the notes (in the same
    // documents) are in the index as well.
    for (word, id) in [(PORTAL_WORD, &portal.id), (IMPORT_WORD, &imported.id)] {
        let mut found = false;
        // Polled, not timed: the bound only keeps a broken follower from hanging the test.
        for _ in 0..600 {
            let (_, results) = app.get_json(&format!("/api/search?q={word}")).await;
            if results["results"].as_array().unwrap().iter().any(|hit| hit["id"] == id.as_str()) {
                found = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert!(found, "search followed the change of {word}");
    }
    Leaky { app, portal, imported }
}

/// The provider renames the service and types notes; the editor approves. A second
/// proposal with notes is rejected.
async fn type_notes_in_the_portal(app: &TestApp, service: &Service) {
    let provider = browser();
    log_in(app, &provider, PROVIDER).await;
    let editor = browser();
    log_in(app, &editor, EDITOR).await;
    let edit = format!("/portaal/diensten/{}/bewerken", service.id);

    let (status, page) = get(app, &provider, &edit).await;
    assert_eq!(status, 200);
    let mut pairs = form_pairs(&page, &edit);
    set(&mut pairs, "naam", PORTAL_NAME);
    set(&mut pairs, "samenvatting", &format!("Op het {PORTAL_NAME} kunt u zonder afspraak binnenlopen met uw vragen."));
    set(&mut pairs, "professionals", PORTAL_NOTES);
    set(&mut pairs, "actie", "opslaan");
    let response = post_pairs(app, &provider, &edit, &pairs).await;
    assert_eq!(response.status(), 303, "{}", response.text().await.unwrap());
    let proposal = app.store.pending_proposal_for(EntityKind::Service, &service.id).await.unwrap().expect("a proposal");
    assert!(proposal.data.contains(PORTAL_NOTES), "the proposal holds the notes");
    let review = format!("/redactie/voorstellen/{}", proposal.id);
    let (status, page) = get(app, &editor, &review).await;
    assert_eq!(status, 200);
    assert!(page.contains(MARK_WORD), "the editor reviews the notes too");
    assert_eq!(post(app, &editor, &format!("{review}/goedkeuren"), &page, &[]).await.status(), 303);

    let (_, page) = get(app, &provider, &edit).await;
    let mut pairs = form_pairs(&page, &edit);
    set(&mut pairs, "professionals", &format!("{PORTAL_NOTES} Nieuw: ook op zaterdag bereikbaar."));
    set(&mut pairs, "wachttijd", "Ongeveer een week");
    set(&mut pairs, "actie", "opslaan");
    assert_eq!(post_pairs(app, &provider, &edit, &pairs).await.status(), 303);
    let proposal = app.store.pending_proposal_for(EntityKind::Service, &service.id).await.unwrap().expect("a proposal");
    let review = format!("/redactie/voorstellen/{}", proposal.id);
    let (_, page) = get(app, &editor, &review).await;
    let response = post(app, &editor, &format!("{review}/afwijzen"), &page, &[("bericht", REJECTION)]).await;
    assert_eq!(response.status(), 303);
}

/// A partner's HSDS feed with a new service of `base`'s organisation, read by the import
/// code of `wegwijs import hsds` and written as that command writes (one transaction,
/// acting as the import).
async fn import_notes(app: &TestApp, base: &Service, terms: &[TaxonomyTerm]) -> Service {
    let organisation = app.store.organisation(&base.organisation_id).await.unwrap().unwrap();
    let id = Id::derived("leaks-test", "imported-service");
    let attributes: Vec<Value> = base
        .terms
        .iter()
        .filter(|term| terms.iter().any(|t| &t.id == *term && t.taxonomy_id.as_str() == THEME))
        .map(|term| {
            json!({
                "id": Id::derived("leaks-test", term.as_str()).to_string(),
                "link_id": id.to_string(),
                "link_entity": "service",
                "taxonomy_term_id": term.to_string(),
            })
        })
        .collect();
    assert!(!attributes.is_empty(), "the imported service has a theme");
    let feed = json!([{
        "id": id.to_string(),
        "name": IMPORT_NAME,
        "status": "active",
        "summary": format!("De {IMPORT_NAME} is een huiskamer in de buurt: koffie, een praatje en hulp bij vragen."),
        "description": "Elke woensdag is de buurtkamer open. Iedereen is welkom, u hoeft niets te betalen.",
        "organization_id": organisation.id.to_string(),
        "organization": wegwijs_hsds::organisation_to_hsds(&organisation, &[]),
        "attributes": attributes,
        "service_areas": [{
            "id": Id::derived("leaks-test", "area").to_string(),
            "name": "Teylingen",
            "extent": "GM1525",
            "extent_type": "gemeente",
        }],
        "professional_notes": IMPORT_NOTES,
    }]);
    let context = wegwijs_hsds::ImportContext { now: chrono::Utc::now(), source_name: "partnerfeed.json".to_owned() };
    let batch = wegwijs_hsds::read_services(feed.to_string().as_bytes(), &context)
        .unwrap_or_else(|error| panic!("the feed imports: {error}"));
    assert_eq!(batch.services.len(), 1);
    assert_eq!(batch.services[0].professional_notes.as_deref(), Some(IMPORT_NOTES), "the import reads the notes");
    let mut tx = app.store.begin().await.unwrap();
    tx.act_as("import:partnerfeed.json");
    for service in &batch.services {
        tx.put_service(service).await.unwrap();
    }
    tx.commit().await.unwrap();
    batch.services[0].clone()
}

#[tokio::test]
async fn public_pages_never_show_the_notes() {
    let leaky = leaky_app().await;
    let app = &leaky.app;
    let terms = app.store.taxonomy_terms().await.unwrap();
    let ids: Vec<&str> = leaky.services().iter().map(|s| s.id.as_str()).collect();

    for (service, word) in [(&leaky.portal, PORTAL_WORD), (&leaky.imported, IMPORT_WORD)] {
        let id = &service.id;
        let page = public_clean(app, &service_path(app, id).await).await;
        assert!(page.to_lowercase().contains(word), "the public page of {word} is the new version");
        public_clean(app, &format!("/diensten/{id}?lang=en")).await;
        public_clean(app, &format!("/diensten/{id}/fout-melden")).await;
        public_clean(app, &format!("/diensten/{id}/fout-melden/bedankt")).await;
        let organisation = public_clean(app, &format!("/organisaties/{}", service.organisation_id)).await;
        assert!(organisation.contains(&format!("/diensten/{id}")), "the organisation page lists {word}");
        public_clean(app, &format!("/organisaties/{}?lang=en", service.organisation_id)).await;

        let results = public_clean(app, &format!("/zoeken?q={word}")).await;
        assert!(results.contains(&format!("/diensten/{id}")), "a search for {word} finds it");
        public_clean(app, &format!("/zoeken?q={word}&lang=en")).await;

        let codes = theme_codes(service, &terms);
        let mut listed = false;
        for code in &codes {
            public_clean(app, &format!("/themas/{code}")).await;
            let filtered = public_clean(app, &format!("/themas/{code}?q={word}")).await;
            listed |= filtered.contains(&format!("/diensten/{id}"));
        }
        assert!(listed, "a theme page of {word} ({codes:?}) lists it");
    }

    // A search for the words of the notes finds neither service, on any page.
    for query in [MARK_WORD, &MARK_WORD[..8], "QORVELBRINTAX"] {
        for path in [format!("/zoeken?q={query}"), format!("/zoeken?q={query}&lang=en")] {
            let body = public(app, &path).await;
            assert_clean(&path, &body, &[MARK_WORD]);
            assert!(body.to_lowercase().contains(&MARK_WORD[..8]), "{path} is the search asked for");
            for id in &ids {
                assert!(!body.contains(id), "{path} finds service {id} by its professional notes");
            }
        }
    }

    let both = format!("id={}&id={}", ids[0], ids[1]);
    let compare = public_clean(app, &format!("/vergelijken?{both}")).await;
    assert!(compare.contains(PORTAL_NAME) && compare.contains(IMPORT_NAME), "compare shows both");
    public_clean(app, &format!("/vergelijken?{both}&lang=en")).await;
    let list = public_clean(app, &format!("/mijn-lijst?{both}")).await;
    assert!(list.contains(PORTAL_NAME) && list.contains(IMPORT_NAME), "a shared list shows both");
    let kept = reqwest::Client::new()
        .get(format!("{}/mijn-lijst", app.address))
        .header("cookie", format!("wegwijs_lijst={}.{}", ids[0], ids[1]))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(kept.contains(PORTAL_NAME) && kept.contains(IMPORT_NAME), "the list in the cookie shows both");
    assert_clean("/mijn-lijst (cookie, with its mailto link)", &kept, &[]);
    for path in ["/", "/?lang=en", "/themas", "/api", "/robots.txt"] {
        public_clean(app, path).await;
    }
}

#[tokio::test]
async fn sitemaps_never_hold_the_notes() {
    let leaky = leaky_app().await;
    let app = &leaky.app;
    let index = public_clean(app, "/sitemap.xml").await;
    let mut parts = 0;
    let mut services = String::new();
    for loc in index.split("<loc>").skip(1) {
        let url = loc.split("</loc>").next().unwrap();
        let path = url.strip_prefix(&app.address).unwrap_or_else(|| panic!("{url} is on this site"));
        services.push_str(&public_clean(app, path).await);
        parts += 1;
    }
    assert!(parts >= 3, "pages, services and organisations: {index}");
    for service in leaky.services() {
        assert!(services.contains(&format!("/diensten/{}/", service.id)), "the sitemap lists {}", service.name);
    }
}

#[tokio::test]
async fn the_hsds_and_search_apis_never_give_the_notes() {
    let leaky = leaky_app().await;
    let app = &leaky.app;
    for (service, word) in [(&leaky.portal, PORTAL_WORD), (&leaky.imported, IMPORT_WORD)] {
        let id = service.id.as_str();
        let single = public_clean(app, &format!("/api/hsds/services/{id}")).await;
        assert!(single.to_lowercase().contains(word), "the API gives the new version");
        for path in [
            format!("/api/hsds/services?search={word}&full=true"),
            format!("/api/hsds/services?search={word}"),
            format!("/api/hsds/services?organization_id={}&full=true", service.organisation_id),
            format!("/api/search?q={word}&explain=true"),
            format!("/api/search?q={word}&per_page=50"),
        ] {
            assert!(public_clean(app, &path).await.contains(id), "{path} gives {word}");
        }
        public_clean(app, &format!("/api/hsds/organizations/{}", service.organisation_id)).await;
        public_clean(app, &format!("/api/hsds/organizations/{}?full_service=true", service.organisation_id)).await;
        for at in &service.locations {
            public_clean(app, &format!("/api/hsds/service_at_locations/{}", at.id)).await;
        }
    }

    // Whole listings and exports, every page.
    let mut seen = String::new();
    for path in [
        "/api/hsds/services?full=true&per_page=100",
        "/api/hsds/services?per_page=100",
        "/api/hsds/services?minimal=true&per_page=10000",
        "/api/hsds/services?modified_after=2000-01-01&full=true&per_page=100",
        "/api/hsds/service_at_locations?full=true&per_page=100",
        "/api/hsds/organizations?full=true&full_service=true&per_page=100",
        "/api/hsds/organizations?full=true&per_page=100",
    ] {
        for page in hsds_pages(app, path).await {
            let text = page.to_string();
            assert_clean(path, &text, &[]);
            seen.push_str(&text);
        }
    }
    for service in leaky.services() {
        assert!(seen.contains(service.id.as_str()), "the full listings hold {}", service.name);
    }

    // Searching for what only the notes say finds nothing; the answer may repeat the query.
    for query in [MARK_WORD, &MARK_WORD[..8], "QORVELBRINTAX"] {
        for path in
            [format!("/api/search?q={query}&explain=true"), format!("/api/hsds/services?search={query}&full=true")]
        {
            let (status, body) = app.get_json(&path).await;
            assert_eq!(status, 200, "{path}");
            assert_clean(&path, &body.to_string(), &[MARK_WORD]);
            let found = if body.get("results").is_some() { &body["results"] } else { &body["contents"] };
            assert_clean(&path, &found.to_string(), &[]);
            for service in leaky.services() {
                assert!(!body.to_string().contains(service.id.as_str()), "{path} finds {} by its notes", service.name);
            }
        }
    }
}

#[tokio::test]
async fn suggestions_never_complete_the_words_of_the_notes() {
    let leaky = leaky_app().await;
    let app = &leaky.app;
    let (_, control) = app.get_json("/api/suggest?q=kievitsbl").await;
    assert!(control["suggestions"].to_string().contains(PORTAL_NAME), "the suggestions follow the index: {control}");
    let mut prefixes: Vec<String> = (3..=MARK_WORD.len()).map(|n| MARK_WORD[..n].to_owned()).collect();
    prefixes.extend(
        ["geh", "gehe", "geheim", "geheiml", "geheimlij", "GEHEIMLIJN", "071 555", "0715559"].map(str::to_owned),
    );
    prefixes.extend([format!("{PORTAL_WORD} {}", &MARK_WORD[..5]), format!("intake {}", &MARK_WORD[..6])]);
    for prefix in &prefixes {
        let path =
            format!("/api/suggest?q={}", url::form_urlencoded::byte_serialize(prefix.as_bytes()).collect::<String>());
        let (status, body) = app.get_json(&path).await;
        assert_eq!(status, 200, "{path}");
        assert_clean(&path, &body["suggestions"].to_string(), &[]);
    }
}

#[tokio::test]
async fn mails_of_the_flow_never_carry_the_notes() {
    let leaky = leaky_app().await;
    let mails = mails(&leaky.app);
    let to = |address: &str| mails.iter().filter(|m| m.to.contains(address)).count();
    // Two proposals waiting for the editor; approval, rejection and an error report for
    // the provider; an error report for the provider of the imported service.
    assert!(to(EDITOR) >= 2, "{mails:#?}");
    assert!(to(PROVIDER) >= 3, "{mails:#?}");
    assert!(to(IMPORT_PROVIDER) >= 1, "{mails:#?}");
    assert!(mails.iter().any(|m| m.body.contains(REJECTION)), "the rejection mail is among them");
    for mail in &mails {
        let what = format!("the mail {:?} to {}", mail.subject, mail.to);
        assert_clean(&what, &mail.subject, &[]);
        assert_clean(&what, &mail.body, &[]);
        assert_clean(&what, &mail.raw, &[]);
    }
}

#[tokio::test]
async fn the_provider_editors_and_professionals_do_see_the_notes() {
    let leaky = leaky_app().await;
    let app = &leaky.app;
    let portal_page = service_path(app, &leaky.portal.id).await;
    let imported_page = service_path(app, &leaky.imported.id).await;
    for (email, sees_portal, sees_imported) in
        [(PROVIDER, true, false), (IMPORT_PROVIDER, false, true), (EDITOR, true, true), (PROFESSIONAL, true, true)]
    {
        let client = browser();
        log_in(app, &client, email).await;
        for (path, notes, sees) in
            [(&portal_page, PORTAL_NOTES, sees_portal), (&imported_page, IMPORT_NOTES, sees_imported)]
        {
            let response = client.get(format!("{}{path}", app.address)).send().await.unwrap();
            assert_eq!(response.status(), 200, "{email} opens {path}");
            let cache = response.headers().get("cache-control").map(|v| v.to_str().unwrap().to_owned());
            let page = response.text().await.unwrap();
            assert_eq!(page.contains(notes), sees, "{email} sees the notes on {path}: {sees}");
            if sees {
                // The leak check itself recognises the notes as a page shows them.
                assert!(leaked(&page, &[]).is_some(), "the leak check misses the notes on {path}");
                // A shared cache must not keep this page and give it to the next visitor.
                let cache = cache.unwrap_or_default();
                assert!(cache.contains("no-store") && cache.contains("private"), "{path} for {email}: {cache:?}");
            } else {
                assert_clean(&format!("{path} for {email}"), &page, &[]);
            }
        }
    }
}

#[tokio::test]
async fn the_notes_are_indexed_for_professionals_only() {
    let leaky = leaky_app().await;
    // A second index built from the store, as `wegwijs reindex` does, to ask it directly.
    let index = Arc::new(
        wegwijs_search::SearchIndex::open(
            wegwijs_search::IndexLocation::Memory,
            wegwijs_search::Vocabulary::builtin(),
            wegwijs_domain::geo::builtin(),
        )
        .unwrap(),
    );
    wegwijs_search::follow::Follower::new(leaky.app.store.clone(), index.clone()).catch_up().await.unwrap();
    let search = |audience| {
        let mut request = wegwijs_search::SearchRequest::new(MARK_WORD);
        request.audience = audience;
        request.limit = 50;
        index.search(&request).unwrap()
    };
    let found = |results: &wegwijs_search::SearchResults| -> BTreeSet<String> {
        results.hits.iter().map(|hit| hit.id.clone()).collect()
    };
    let professional = search(wegwijs_search::Audience::Professional);
    for service in leaky.services() {
        assert!(
            found(&professional).contains(service.id.as_str()),
            "a professional finds {} by its notes",
            service.name
        );
    }
    let public = search(wegwijs_search::Audience::Public);
    for service in leaky.services() {
        assert!(!found(&public).contains(service.id.as_str()), "the public finds {} by its notes", service.name);
    }
    for hit in &public.hits {
        assert_clean(&format!("the public hit {}", hit.name), &serde_json::to_string(hit).unwrap(), &[]);
    }
}
