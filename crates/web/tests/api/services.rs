use crate::helpers::spawn_app;

#[tokio::test]
async fn a_service_address_without_its_slug_redirects_to_the_readable_one() {
    let app = spawn_app().await;
    let service = &app.data.services[0];
    let response = app.get_no_redirect(&format!("/diensten/{}", service.id)).await;
    assert_eq!(response.status(), 308);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with(&format!("/diensten/{}/", service.id)) && location.len() > 50, "{location}");
    let wrong = app.get_no_redirect(&format!("/diensten/{}/oude-naam?lang=en", service.id)).await;
    assert_eq!(wrong.status(), 308);
    assert_eq!(wrong.headers()["location"].to_str().unwrap(), format!("{location}?lang=en"), "language kept");
    assert_eq!(app.get_no_redirect(&location).await.status(), 200);
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
async fn service_page_has_schema_org_data_a_map_and_an_error_report_link() {
    let app = spawn_app().await;
    let service = app.data.services.iter().find(|s| !s.locations.is_empty()).unwrap();
    let (status, body) = app.get_text(&format!("/diensten/{}", service.id)).await;
    assert_eq!(status, 200);
    let json_ld =
        body.split("<script type=\"application/ld+json\">").nth(1).unwrap().split("</script>").next().unwrap();
    let value: serde_json::Value = serde_json::from_str(json_ld).unwrap();
    assert_eq!(value["@type"], "Service");
    assert_eq!(value["name"], service.name.as_str());
    assert!(body.contains("<svg") && body.contains("role=\"img\""), "location map");
    assert!(body.contains(&format!("/diensten/{}/fout-melden", service.id)), "report link");
    assert!(body.contains("rel=\"canonical\""));
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
    let (status, body) = app.get_text("/diensten/00000000-0000-0000-0000-000000000000?lang=en").await;
    assert_eq!(status, 404);
    assert!(body.contains("<html lang=\"en\"") && body.contains("Page not found"), "404 in the language asked for");
}

/// The HTML escaping askama applies to text, for comparing with page bodies.
fn askama_escape(text: &str) -> String {
    text.replace('&', "&#38;").replace('<', "&#60;").replace('>', "&#62;").replace('"', "&#34;").replace('\'', "&#39;")
}
