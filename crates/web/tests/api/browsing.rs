//! A person using the site in a browser tab: accounts made in the store, logging in,
//! pages fetched and forms posted with their CSRF token, and the mails that arrive.

use crate::helpers::{TestApp, csrf_in};
use scraper::{Html, Selector};
use wegwijs_domain::{EmailAddress, Id, Role};
use wegwijs_mail::testing::ReceivedMail;
use wegwijs_store::{NewUser, User};

pub const PASSWORD: &str = "een lange zin als wachtwoord";

/// A browser tab with its own cookies that does not follow redirects, so every step
/// can be checked.
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

pub async fn add_user(app: &TestApp, email: &str, name: &str, role: Role, organisations: Vec<Id>) -> User {
    app.store
        .create_user(&NewUser {
            email: EmailAddress::parse(email).unwrap(),
            name: name.to_owned(),
            role,
            organisations,
            password: Some(PASSWORD.to_owned()),
        })
        .await
        .unwrap()
}

pub async fn get(app: &TestApp, client: &reqwest::Client, path: &str) -> (u16, String) {
    let response = client.get(format!("{}{path}", app.address)).send().await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

/// Posts `fields` with the CSRF token of `page`, the page the form is on.
pub async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    page: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let token = csrf_in(page).expect("the page has a form token");
    let mut body: Vec<(&str, &str)> = fields.to_vec();
    body.push(("csrf", &token));
    client.post(format!("{}{path}", app.address)).form(&body).send().await.unwrap()
}

/// What a browser would send for the form posting to `action`: every field with its
/// current value, checked boxes only, the selected option.
pub fn form_pairs(page: &str, action: &str) -> Vec<(String, String)> {
    let html = Html::parse_document(page);
    let form = html
        .select(&Selector::parse("form").unwrap())
        .find(|f| f.value().attr("action").is_some_and(|a| a.starts_with(action)))
        .unwrap_or_else(|| panic!("no form posting to {action}"));
    let mut pairs = Vec::new();
    for field in form.select(&Selector::parse("input, textarea, select").unwrap()) {
        let element = field.value();
        let Some(name) = element.attr("name") else { continue };
        let value = match element.name() {
            "textarea" => field.text().collect::<String>(),
            "select" => {
                let options: Vec<_> = field.select(&Selector::parse("option").unwrap()).collect();
                let chosen = options.iter().find(|o| o.value().attr("selected").is_some()).or(options.first());
                chosen.and_then(|o| o.value().attr("value")).unwrap_or_default().to_owned()
            }
            _ => match element.attr("type").unwrap_or("text") {
                "checkbox" | "radio" if element.attr("checked").is_none() => continue,
                "submit" | "button" => continue,
                _ => element.attr("value").unwrap_or_default().to_owned(),
            },
        };
        pairs.push((name.to_owned(), value.trim_start_matches('\n').to_owned()));
    }
    pairs
}

/// Sets the field `name` of `pairs` to `value`, adding it when the form has no such field.
pub fn set(pairs: &mut Vec<(String, String)>, name: &str, value: &str) {
    match pairs.iter_mut().find(|(n, _)| n == name) {
        Some(pair) => pair.1 = value.to_owned(),
        None => pairs.push((name.to_owned(), value.to_owned())),
    }
}

/// Posts `pairs` (from [`form_pairs`], which carries the form's CSRF token) as they are.
pub async fn post_pairs(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    pairs: &[(String, String)],
) -> reqwest::Response {
    client.post(format!("{}{path}", app.address)).form(pairs).send().await.unwrap()
}

pub async fn log_in(app: &TestApp, client: &reqwest::Client, email: &str) {
    let (_, page) = get(app, client, "/inloggen").await;
    let response = post(app, client, "/inloggen", &page, &[("email", email), ("wachtwoord", PASSWORD)]).await;
    assert_eq!(response.status(), 303, "login of {email}: {}", response.text().await.unwrap());
}

pub fn location(response: &reqwest::Response) -> String {
    response.headers().get("location").expect("a Location header").to_str().unwrap().to_owned()
}

/// The mails in the outbox, oldest first.
pub fn mails(app: &TestApp) -> Vec<ReceivedMail> {
    let Ok(entries) = std::fs::read_dir(&app.outbox) else { return Vec::new() };
    let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    files.sort();
    files.iter().map(|path| ReceivedMail::parse(&std::fs::read(path).unwrap())).collect()
}
