use crate::helpers::spawn_app;

#[tokio::test]
async fn home_lists_services_with_their_organisation_and_pages() {
    let app = spawn_app().await;
    let (status, body) = app.get_text("/").await;
    assert_eq!(status, 200);
    assert!(body.contains("<html lang=\"nl\""));
    assert!(body.contains("100 resultaten"), "count shown");
    assert!(body.contains("Pagina 1 van 10"));
    let first = app.store.services(wegwijs_store::Page { offset: 0, limit: 1 }).await.unwrap().remove(0);
    assert!(body.contains(&askama_escape(first.name.as_str())), "first service listed");

    let (status, last_page) = app.get_text("/?pagina=10").await;
    assert_eq!(status, 200);
    assert!(last_page.contains("rel=\"prev\"") && !last_page.contains("rel=\"next\""));
}

#[tokio::test]
async fn page_numbers_that_make_no_sense_are_refused() {
    let app = spawn_app().await;
    assert_eq!(app.get("/?pagina=abc").await.status(), 400);
    assert_eq!(app.get("/?pagina=0").await.status(), 400);
    assert_eq!(app.get("/?pagina=11").await.status(), 404);
}

#[tokio::test]
async fn service_page_shows_what_a_resident_needs() {
    let app = spawn_app().await;
    let service = app
        .data
        .services
        .iter()
        .find(|s| !s.phones.is_empty() && s.meta.verification.is_some())
        .expect("a demo service with a phone and a verification");
    let (status, body) = app.get_text(&format!("/diensten/{}", service.id)).await;
    assert_eq!(status, 200);
    assert!(body.contains(&askama_escape(service.name.as_str())));
    assert!(body.contains(&askama_escape(&service.summary)));
    assert!(body.contains(&format!("href=\"tel:{}\"", service.phones[0].number)));
    assert!(body.contains("Gecontroleerd op "));
    assert!(body.contains("Wat kost het?"));
}

#[tokio::test]
async fn professional_notes_never_reach_the_public_page() {
    let app = spawn_app().await;
    let service = app
        .data
        .services
        .iter()
        .find(|s| s.professional_notes.is_some())
        .expect("a demo service with professional notes");
    let (_, body) = app.get_text(&format!("/diensten/{}", service.id)).await;
    let notes = service.professional_notes.as_deref().unwrap();
    assert!(!body.contains(&askama_escape(notes)), "professional notes leaked");
}

#[tokio::test]
async fn english_pages_are_available() {
    let app = spawn_app().await;
    let (status, body) = app.get_text("/?lang=en").await;
    assert_eq!(status, 200);
    assert!(body.contains("<html lang=\"en\"") && body.contains("100 results"));
}

#[tokio::test]
async fn unknown_service_gives_a_dutch_not_found_page() {
    let app = spawn_app().await;
    for path in ["/diensten/bestaat-niet", "/diensten/%20%3Cscript%3E", "/nergens"] {
        let (status, body) = app.get_text(path).await;
        assert_eq!(status, 404, "{path}");
        assert!(body.contains("Deze pagina bestaat niet"), "{path}");
        assert!(body.contains("<h1>Pagina niet gevonden</h1>"), "{path}");
    }
}

/// The HTML escaping askama applies to text, for comparing with page bodies.
fn askama_escape(text: &str) -> String {
    text.replace('&', "&#38;").replace('<', "&#60;").replace('>', "&#62;").replace('"', "&#34;").replace('\'', "&#39;")
}
