//! Bad input through the real forms over HTTP: markup and script typed into every text
//! field (kept as text, shown escaped on every page that shows it), fields far longer
//! than allowed, a body larger than any form, and opening hours that cannot be.

use crate::browsing::{add_user, browser, form_pairs, get, log_in, post, post_pairs, set};
use crate::helpers::{TestApp, spawn_app};
use std::time::Duration;
use wegwijs_domain::Role;
use wegwijs_store::EntityKind;

/// Script and markup, with a word to find it by.
const ATTACK: &str = "<script>alert(\"ww\")</script><img src=x onerror=alert(1)>Kwaadaardig";

/// Text fields of the service form that take free text.
const SERVICE_TEXT: [&str; 12] = [
    "naam",
    "andere_naam",
    "samenvatting",
    "beschrijving",
    "kosten_toelichting",
    "verwijzing_hoe",
    "voorwaarden",
    "aanmelden",
    "wachttijd",
    "uren_opmerking",
    "professionals",
    "telefoon_1_omschrijving",
];

/// Asserts that `page` shows [`ATTACK`] only as text. Structured data (JSON-LD) may hold
/// it as JSON, where `<` is written `\u003c`, so it cannot end its script block.
fn assert_escaped(page: &str, what: &str) {
    const LD: &str = "<script type=\"application/ld+json\">";
    let mut rest = page.to_owned();
    while let Some(start) = rest.find(LD) {
        let end = start + rest[start..].find("</script>").expect("a closed JSON-LD block");
        let json = &rest[start + LD.len()..end];
        assert!(!json.contains('<'), "{what}: a raw < inside JSON-LD");
        rest.replace_range(start..end + "</script>".len(), "");
    }
    for raw in ["<script>alert(", "<img src=x", "onerror=alert(1)>"] {
        assert!(!rest.contains(raw), "{what}: unescaped {raw:?}");
    }
    assert!(rest.contains("&#60;script&#62;"), "{what}: the typed text is shown, escaped");
}

async fn signed_in_pair(app: &TestApp, organisation: &wegwijs_domain::Id) -> (reqwest::Client, reqwest::Client) {
    add_user(app, "aanbieder@example.nl", "Aan Bieder", Role::Aanbieder, vec![organisation.clone()]).await;
    add_user(app, "redactie@example.nl", "Rea Dactie", Role::Redacteur, Vec::new()).await;
    let (provider, editor) = (browser(), browser());
    log_in(app, &provider, "aanbieder@example.nl").await;
    log_in(app, &editor, "redactie@example.nl").await;
    (provider, editor)
}

#[tokio::test]
async fn script_typed_into_every_text_field_is_shown_as_text_on_every_page() {
    let app = spawn_app().await;
    let service = app.data.services[0].clone();
    let (provider, editor) = signed_in_pair(&app, &service.organisation_id).await;

    let edit = format!("/portaal/diensten/{}/bewerken", service.id);
    let (_, page) = get(&app, &provider, &edit).await;
    let mut pairs = form_pairs(&page, &edit);
    for field in SERVICE_TEXT {
        set(&mut pairs, field, ATTACK);
    }
    set(&mut pairs, "telefoon_1_nummer", "071 123 45 67");
    set(&mut pairs, "actie", "opslaan");
    // Fields that must be an address are refused; the form comes back escaped.
    let mut refused = pairs.clone();
    set(&mut refused, "website", ATTACK);
    set(&mut refused, "email", ATTACK);
    let response = post_pairs(&app, &provider, &edit, &refused).await;
    assert_eq!(response.status(), 422);
    assert_escaped(&response.text().await.unwrap(), "the form with problems");

    let response = post_pairs(&app, &provider, &edit, &pairs).await;
    assert_eq!(response.status(), 303, "script is text, and text is allowed");
    let proposal = app.store.pending_proposal_for(EntityKind::Service, &service.id).await.unwrap().unwrap();
    let (_, again) = get(&app, &provider, &edit).await;
    assert_escaped(&again, "the form reopened");
    let (_, portal) = get(&app, &provider, "/portaal").await;
    assert_escaped(&portal, "the portal overview");
    let (_, queue) = get(&app, &editor, "/redactie").await;
    assert_escaped(&queue, "the review queue");
    let review = format!("/redactie/voorstellen/{}", proposal.id);
    let (_, page) = get(&app, &editor, &review).await;
    assert_escaped(&page, "the review page");
    assert_eq!(post(&app, &editor, &format!("{review}/goedkeuren"), &page, &[]).await.status(), 303);
    let stored = app.store.service(&service.id).await.unwrap().unwrap();
    assert_eq!(stored.summary, ATTACK, "stored exactly as typed");

    let (status, public) = app.get_text(&format!("/diensten/{}", service.id)).await;
    assert_eq!(status, 200);
    assert_escaped(&public, "the public service page");
    let (_, as_provider) = get(&app, &provider, &format!("/diensten/{}", service.id)).await;
    let (_, history) = get(&app, &editor, &format!("/redactie/geschiedenis/dienst/{}", service.id)).await;
    assert_escaped(&history, "the history page");
    let mut results = String::new();
    for _ in 0..100 {
        results = app.get_text("/zoeken?q=kwaadaardig").await.1;
        if results.contains(&format!("/diensten/{}", service.id)) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(results.contains(&format!("/diensten/{}", service.id)), "found by its word");
    assert_escaped(&results, "the search results");
    let (_, organisation) = app.get_text(&format!("/organisaties/{}", service.organisation_id)).await;
    assert!(!organisation.contains("<script>alert("), "the organisation page");
    let (_, sitemap) = app.get_text("/sitemap.xml").await;
    assert!(!sitemap.contains("<script>"), "the sitemap");
    let (_, api) = app.get_json(&format!("/api/hsds/services/{}", service.id)).await;
    assert_eq!(api["name"], ATTACK, "the API gives the text as data, for the client to escape");
    // The provider's page (with professional notes) escapes the notes too.
    let redirect = app.get_no_redirect(&format!("/diensten/{}", service.id)).await;
    let slugged = redirect.headers()["location"].to_str().unwrap().to_owned();
    let (_, own) = get(&app, &provider, &slugged).await;
    assert!(!as_provider.contains("<script>alert(") && !own.contains("<script>alert("), "the provider's view");
}

#[tokio::test]
async fn script_in_the_organisation_and_location_forms_is_escaped_in_the_review() {
    let app = spawn_app().await;
    let service = app.data.services[0].clone();
    let organisation = service.organisation_id.clone();
    let location =
        app.data.locations.iter().find(|l| l.organisation_id.as_ref() == Some(&organisation)).unwrap().clone();
    let (provider, editor) = signed_in_pair(&app, &organisation).await;
    for (edit, fields) in [
        (format!("/portaal/organisaties/{organisation}/bewerken"), vec!["naam", "beschrijving"]),
        (format!("/portaal/locaties/{}/bewerken", location.id), vec!["naam", "beschrijving"]),
    ] {
        let (status, page) = get(&app, &provider, &edit).await;
        assert_eq!(status, 200, "{edit}");
        let mut pairs = form_pairs(&page, &edit);
        for field in fields {
            set(&mut pairs, field, ATTACK);
        }
        set(&mut pairs, "actie", "opslaan");
        let response = post_pairs(&app, &provider, &edit, &pairs).await;
        assert_eq!(response.status(), 303, "{edit}: {}", response.text().await.unwrap());
        let (_, reopened) = get(&app, &provider, &edit).await;
        assert_escaped(&reopened, &edit);
    }
    let (_, queue) = get(&app, &editor, "/redactie").await;
    assert_escaped(&queue, "the review queue");
    for kind in [EntityKind::Organisation, EntityKind::Location] {
        let id = if kind == EntityKind::Organisation { &organisation } else { &location.id };
        let proposal = app.store.pending_proposal_for(kind, id).await.unwrap().expect("a proposal");
        let (_, review) = get(&app, &editor, &format!("/redactie/voorstellen/{}", proposal.id)).await;
        assert_escaped(&review, "the review page");
    }
}

#[tokio::test]
async fn far_too_long_fields_are_refused_with_a_message_and_nothing_is_lost() {
    let app = spawn_app().await;
    let service = app.data.services[1].clone();
    let (provider, _) = signed_in_pair(&app, &service.organisation_id).await;
    let edit = format!("/portaal/diensten/{}/bewerken", service.id);
    let (_, page) = get(&app, &provider, &edit).await;
    let mut pairs = form_pairs(&page, &edit);
    let long = "lang ".repeat(40_000);
    set(&mut pairs, "beschrijving", &long);
    set(&mut pairs, "naam", &"n".repeat(500));
    set(&mut pairs, "wachttijd", "Ongeveer drie weken");
    set(&mut pairs, "actie", "opslaan");
    let response = post_pairs(&app, &provider, &edit, &pairs).await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("dit is te lang"), "the page says what is wrong");
    assert!(page.contains("Nu zijn het er 500."), "the name's length is told");
    assert!(
        page.contains("U kunt maximaal 10.000 tekens schrijven. Nu zijn het er 199.999."),
        "the description's length, in numbers a reader can take in"
    );
    assert!(page.contains("Ongeveer drie weken"), "the other fields are kept");
    assert!(page.contains("lang lang lang"), "the long text is given back to shorten, not thrown away");
    assert!(app.store.pending_proposal_for(EntityKind::Service, &service.id).await.unwrap().is_none());

    // A body larger than any form is refused before it is read.
    set(&mut pairs, "beschrijving", &"x".repeat(2 * 1024 * 1024));
    let response = post_pairs(&app, &provider, &edit, &pairs).await;
    assert_eq!(response.status(), 413);
}

#[tokio::test]
async fn opening_hours_that_cannot_be_are_refused_per_field() {
    let app = spawn_app().await;
    let service = app.data.services[2].clone();
    let (provider, _) = signed_in_pair(&app, &service.organisation_id).await;
    let edit = format!("/portaal/diensten/{}/bewerken", service.id);
    let (_, page) = get(&app, &provider, &edit).await;
    let mut pairs = form_pairs(&page, &edit);
    set(&mut pairs, "uren_ma_1_open", "25:00");
    set(&mut pairs, "uren_ma_1_dicht", "12:00");
    set(&mut pairs, "uren_di_1_open", "14:00");
    set(&mut pairs, "uren_di_1_dicht", "09:00");
    set(&mut pairs, "uren_wo_1_open", "09:00");
    set(&mut pairs, "uren_wo_1_dicht", "13:00");
    set(&mut pairs, "uren_wo_2_open", "12:00");
    set(&mut pairs, "uren_wo_2_dicht", "15:00");
    set(&mut pairs, "uren_do_1_open", "10:00");
    set(&mut pairs, "uren_do_1_dicht", "");
    set(&mut pairs, "uitzondering_1_datum", "31-02-2027");
    set(&mut pairs, "actie", "opslaan");
    let response = post_pairs(&app, &provider, &edit, &pairs).await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    for message in [
        "25:00 is geen tijd",
        "moet later zijn dan de tijd bij",
        "twee tijden lopen door elkaar",
        "vul ook in tot hoe laat het open is",
        "31-02-2027 is geen datum",
    ] {
        assert!(page.contains(message), "no {message:?} on the page");
    }
    assert!(app.store.pending_proposal_for(EntityKind::Service, &service.id).await.unwrap().is_none());
}
