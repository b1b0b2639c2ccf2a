//! "Klopt er iets niet?": reporting an error on a service page.

use crate::helpers::{TestApp, spawn_app};
use reqwest::header::{CONTENT_TYPE, LOCATION, ORIGIN};
use wegwijs_domain::Service;
use wegwijs_store::{ErrorReport, Page, PageLanguage, ReportStatus};

const MESSAGE: &str = "Het telefoonnummer is veranderd: het is nu 071-765 43 21.";

/// Posts `fields` form-encoded as a browser on this site would (with its own `Origin`),
/// without following the redirect.
async fn post_form(app: &TestApp, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    post_form_from(app, path, fields, Some(&app.address)).await
}

async fn post_form_from(app: &TestApp, path: &str, fields: &[(&str, &str)], origin: Option<&str>) -> reqwest::Response {
    let (cookie, token) = app.anonymous_form().await;
    let body =
        url::form_urlencoded::Serializer::new(String::new()).extend_pairs(fields).append_pair("csrf", &token).finish();
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let mut request = client
        .post(format!("{}{path}", app.address))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("cookie", cookie)
        .body(body);
    if let Some(origin) = origin {
        request = request.header(ORIGIN, origin);
    }
    request.send().await.expect("request failed")
}

fn form_path(service: &Service) -> String {
    format!("/diensten/{}/fout-melden", service.id)
}

async fn open_reports(app: &TestApp) -> Vec<ErrorReport> {
    app.store.error_reports(ReportStatus::Open, Page::first(10)).await.unwrap()
}

fn location(response: &reqwest::Response) -> &str {
    response.headers().get(LOCATION).expect("a Location header").to_str().unwrap()
}

/// The HTML escaping askama applies to text, for comparing with page bodies.
fn escaped(text: &str) -> String {
    text.replace('&', "&#38;").replace('<', "&#60;").replace('>', "&#62;").replace('"', "&#34;").replace('\'', "&#39;")
}

#[tokio::test]
async fn the_form_names_the_service_and_labels_every_field() {
    let app = spawn_app().await;
    let service = &app.data.services[0];
    let (status, body) = app.get_text(&form_path(service)).await;
    assert_eq!(status, 200);
    assert!(body.contains("<html lang=\"nl\""));
    assert!(body.contains(&escaped(service.name.as_str())), "service name shown");
    assert!(body.contains("Ziet u een fout in deze informatie?"));
    assert!(body.contains("<label class=\"field__label\" for=\"bericht\">"));
    assert!(body.contains("<label class=\"field__label\" for=\"email\">"));
    assert!(body.contains("maxlength=\"2000\""));
    assert!(body.contains("autocomplete=\"email\""));
    assert!(body.contains("Alleen als u antwoord wilt."));
    assert!(body.contains("name=\"website\""), "honeypot present");
    assert!(body.contains("class=\"button\""));
    assert!(body.contains("noindex"));
    assert!(!body.contains("error-summary"), "no errors on a fresh form");
}

#[tokio::test]
async fn a_valid_report_is_stored_with_the_organisation_and_the_resident_is_thanked() {
    let app = spawn_app().await;
    let service = &app.data.services[1];
    let response =
        post_form(&app, &form_path(service), &[("bericht", MESSAGE), ("email", " Jan@Example.NL "), ("website", "")])
            .await;
    assert_eq!(response.status(), 303);
    let thanks = format!("/diensten/{}/fout-melden/bedankt", service.id);
    assert_eq!(location(&response), thanks);

    let reports = open_reports(&app).await;
    assert_eq!(reports.len(), 1);
    let report = &reports[0];
    assert_eq!(report.service_id, service.id);
    assert_eq!(report.organisation_id, service.organisation_id);
    assert_eq!(report.message, MESSAGE);
    assert_eq!(report.reporter_email.as_ref().map(|e| e.as_str()), Some("Jan@example.nl"));
    assert_eq!(report.page_language, PageLanguage::Nl);

    let (status, body) = app.get_text(&thanks).await;
    assert_eq!(status, 200);
    assert!(body.contains("Bedankt voor uw melding"));
    assert!(body.contains(&format!("href=\"/diensten/{}/", service.id)), "links back to the service");
}

#[tokio::test]
async fn a_report_without_an_email_address_keeps_none() {
    let app = spawn_app().await;
    let service = &app.data.services[0];
    let response = post_form(&app, &form_path(service), &[("bericht", MESSAGE), ("email", "")]).await;
    assert_eq!(response.status(), 303);
    assert_eq!(open_reports(&app).await[0].reporter_email, None);
}

#[tokio::test]
async fn a_too_short_message_shows_the_form_again_with_what_was_typed() {
    let app = spawn_app().await;
    let service = &app.data.services[0];
    let response = post_form(&app, &form_path(service), &[("bericht", "  klopt  "), ("email", "jan@example.nl")]).await;
    assert_eq!(response.status(), 422);
    let body = response.text().await.unwrap();
    assert!(body.contains("<title>Niet verstuurd: Fout melden over "), "the title says there is an error");
    assert!(body.contains("class=\"error-summary\""));
    assert!(body.contains("Er ging iets mis"));
    assert!(body.contains("<a href=\"#bericht\">Uw bericht is te kort. Schrijf minimaal 10 tekens.</a>"));
    assert!(body.contains("id=\"bericht-error\""));
    assert!(body.contains("aria-describedby=\"bericht-hint bericht-error\" aria-invalid=\"true\""));
    assert!(body.contains(">\n  klopt  </textarea>"), "typed text kept, spaces and all");
    assert!(body.contains("value=\"jan@example.nl\""), "e-mail kept");
    assert!(body.contains(&escaped(service.name.as_str())));
    assert!(open_reports(&app).await.is_empty());
}

#[tokio::test]
async fn a_missing_message_is_an_error_too() {
    let app = spawn_app().await;
    let response = post_form(&app, &form_path(&app.data.services[0]), &[("email", "")]).await;
    assert_eq!(response.status(), 422);
    assert!(response.text().await.unwrap().contains("Schrijf wat er niet klopt."));
}

#[tokio::test]
async fn a_bad_email_address_shows_the_form_again() {
    let app = spawn_app().await;
    let service = &app.data.services[0];
    let response = post_form(&app, &form_path(service), &[("bericht", MESSAGE), ("email", "jan at home")]).await;
    assert_eq!(response.status(), 422);
    let body = response.text().await.unwrap();
    assert!(body.contains("<a href=\"#email\">"));
    assert!(body.contains("aria-describedby=\"email-hint email-error\" aria-invalid=\"true\""));
    assert!(body.contains("value=\"jan at home\""));
    assert!(body.contains(&escaped(MESSAGE)), "message kept");
    assert!(!body.contains("<a href=\"#bericht\">"), "the message itself was fine");
    assert!(open_reports(&app).await.is_empty());
}

#[tokio::test]
async fn a_filled_honeypot_looks_like_success_but_stores_nothing() {
    let app = spawn_app().await;
    let service = &app.data.services[0];
    let response =
        post_form(&app, &form_path(service), &[("bericht", MESSAGE), ("website", "https://spam.example")]).await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), format!("/diensten/{}/fout-melden/bedankt", service.id));
    assert_eq!(app.store.error_report_count(ReportStatus::Open).await.unwrap(), 0);
}

#[tokio::test]
async fn an_unknown_or_malformed_service_id_is_not_found() {
    let app = spawn_app().await;
    for id in ["bestaat-niet", "a%20b", "%3Cscript%3E"] {
        let path = format!("/diensten/{id}/fout-melden");
        let (status, body) = app.get_text(&path).await;
        assert_eq!(status, 404, "{path}");
        assert!(body.contains("Pagina niet gevonden"), "{path}");
        assert_eq!(post_form(&app, &path, &[("bericht", MESSAGE)]).await.status(), 404, "{path}");
        assert_eq!(app.get(&format!("{path}/bedankt")).await.status(), 404, "{path}");
    }
    assert!(open_reports(&app).await.is_empty());
}

#[tokio::test]
async fn script_text_is_stored_exactly_and_shown_escaped() {
    let app = spawn_app().await;
    let service = &app.data.services[0];
    let script = "<script>alert('x')</script> \"Zoë\" & co: nummer klopt niet 👍";
    let response = post_form(&app, &form_path(service), &[("bericht", script)]).await;
    assert_eq!(response.status(), 303);
    assert_eq!(open_reports(&app).await[0].message, script);

    let response = post_form(&app, &form_path(service), &[("bericht", script), ("email", "<script>")]).await;
    assert_eq!(response.status(), 422);
    let body = response.text().await.unwrap();
    assert!(!body.contains("<script>alert"), "not escaped");
    assert!(!body.contains("value=\"<script>"), "not escaped");
    assert!(body.contains(&escaped(script)));
}

#[tokio::test]
async fn a_post_from_another_site_is_refused() {
    let app = spawn_app().await;
    let path = form_path(&app.data.services[0]);
    let response = post_form_from(&app, &path, &[("bericht", MESSAGE)], Some("https://evil.example")).await;
    assert_eq!(response.status(), 403);
    assert!(open_reports(&app).await.is_empty());

    let response = post_form_from(&app, &path, &[("bericht", MESSAGE)], None).await;
    assert_eq!(response.status(), 303, "a post without Origin (an old browser) passes");
}

#[tokio::test]
async fn a_body_over_32_kb_is_refused() {
    let app = spawn_app().await;
    let huge = "é".repeat(6000);
    let response = post_form(&app, &form_path(&app.data.services[0]), &[("bericht", &huge)]).await;
    assert_eq!(response.status(), 413);
    assert!(open_reports(&app).await.is_empty());
}

#[tokio::test]
async fn a_long_message_in_a_non_latin_script_gets_the_form_not_a_refusal() {
    // 2000 Tigrinya characters are 6 KB of UTF-8 and 18 KB percent-encoded.
    let app = spawn_app().await;
    let message = "ሰላም".repeat(666);
    let response = post_form(&app, &form_path(&app.data.services[0]), &[("bericht", &message)]).await;
    assert_eq!(response.status(), 303);
    assert_eq!(open_reports(&app).await.len(), 1);
}

#[tokio::test]
async fn the_form_works_in_english() {
    let app = spawn_app().await;
    let service = &app.data.services[0];
    let path = format!("{}?lang=en", form_path(service));
    let (status, body) = app.get_text(&path).await;
    assert_eq!(status, 200);
    assert!(body.contains("<html lang=\"en\""));
    assert!(body.contains("Is something wrong?"));
    assert!(body.contains("Your email address (optional)"));
    assert!(body.contains(&format!("action=\"{path}\"")), "posts in English");
    assert!(!body.contains("Ziet u een fout"));

    let response = post_form(&app, &path, &[("bericht", "short"), ("lang", "en")]).await;
    assert_eq!(response.status(), 422);
    let body = response.text().await.unwrap();
    assert!(body.contains("There is a problem") && body.contains("Your message is too short."));

    let response = post_form(&app, &path, &[("bericht", MESSAGE), ("lang", "en")]).await;
    assert_eq!(response.status(), 303);
    let thanks = location(&response).to_owned();
    assert_eq!(thanks, format!("/diensten/{}/fout-melden/bedankt?lang=en", service.id));
    assert_eq!(open_reports(&app).await[0].page_language, PageLanguage::En);
    let (_, body) = app.get_text(&thanks).await;
    assert!(body.contains("Thank you for your report") && body.contains("?lang=en"));
}
