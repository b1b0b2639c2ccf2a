//! `spawn_app()`: a running Wegwijs with demo data, and a client to talk to it.

use chrono::Utc;
use std::sync::Arc;
use tempfile::TempDir;
use wegwijs_demo::{DemoConfig, DemoData};
use wegwijs_store::Store;
use wegwijs_web::{AppState, WebConfig};

pub struct TestApp {
    pub address: String,
    pub search_log: wegwijs_web::search_log::SearchLog,
    pub store: Store,
    pub data: DemoData,
    pub client: reqwest::Client,
    /// Where the app's mails are written (no SMTP server configured).
    pub outbox: std::path::PathBuf,
    _dir: TempDir,
}

impl TestApp {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(format!("{}{path}", self.address)).send().await.expect("request failed")
    }

    pub async fn get_no_redirect(&self, path: &str) -> reqwest::Response {
        let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        client.get(format!("{}{path}", self.address)).send().await.expect("request failed")
    }

    pub async fn get_json(&self, path: &str) -> (reqwest::StatusCode, serde_json::Value) {
        let response = self.get(path).await;
        let status = response.status();
        (status, response.json().await.expect("a JSON body"))
    }

    /// A new anonymous visitor's form cookie (`name=value`) and the CSRF token that goes
    /// with it, for tests that handle cookies themselves.
    pub async fn anonymous_form(&self) -> (String, String) {
        let response = reqwest::get(format!("{}/inloggen", self.address)).await.expect("request failed");
        let cookie = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("wegwijs_formulier="))
            .expect("a form cookie")
            .split(';')
            .next()
            .unwrap()
            .to_owned();
        let token = csrf_in(&response.text().await.unwrap()).expect("a form token");
        (cookie, token)
    }

    pub async fn get_text(&self, path: &str) -> (reqwest::StatusCode, String) {
        let response = self.get(path).await;
        let status = response.status();
        (status, response.text().await.expect("body"))
    }
}

/// Starts the app with `services` demo services.
pub async fn spawn_app_with(services: usize) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite:{}", dir.path().join("wegwijs.db").display());
    let store = Store::connect(&url).await.unwrap();
    store.migrate().await.unwrap();
    // Demo dates are relative to today, as the server judges freshness by the real clock.
    let now = Utc::now().date_naive().and_hms_opt(12, 0, 0).unwrap().and_utc();
    let data = wegwijs_demo::generate(&DemoConfig { services, seed: 7, now });
    write_demo(&store, &data).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    let index = Arc::new(
        wegwijs_search::SearchIndex::open(
            wegwijs_search::IndexLocation::Memory,
            wegwijs_search::Vocabulary::builtin(),
            wegwijs_domain::geo::builtin(),
        )
        .unwrap(),
    );
    let follower = wegwijs_search::follow::Follower::new(store.clone(), index.clone());
    follower.catch_up().await.unwrap();
    tokio::spawn(follower.run(std::time::Duration::from_millis(50), std::future::pending()));
    let search_log = wegwijs_web::search_log::SearchLog::default();
    let outbox = dir.path().join("outbox");
    let mailer = wegwijs_mail::Mailer::new(wegwijs_mail::MailConfig {
        smtp_url: None,
        from: "Wegwijs <noreply@example.nl>".to_owned(),
        site_name: "Wegwijs".to_owned(),
        outbox: outbox.clone(),
    })
    .unwrap();
    let config = Arc::new(WebConfig { page_size: 10, listen_origin: address.clone(), ..WebConfig::default() });
    let state =
        AppState { search_log: search_log.clone(), ..AppState::new(store.clone(), index, config, Arc::new(mailer)) };
    tokio::spawn(wegwijs_web::serve(state, listener, std::future::pending()));
    let client = reqwest::Client::builder().cookie_store(true).build().unwrap();
    TestApp { address, search_log, store, data, client, outbox, _dir: dir }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(100).await
}

async fn write_demo(store: &Store, data: &DemoData) {
    let mut tx = store.begin().await.unwrap();
    for taxonomy in &data.taxonomies {
        tx.put_taxonomy(taxonomy).await.unwrap();
    }
    for term in &data.terms {
        tx.put_taxonomy_term(term).await.unwrap();
    }
    for organisation in &data.organisations {
        tx.put_organisation(organisation).await.unwrap();
    }
    for location in &data.locations {
        tx.put_location(location).await.unwrap();
    }
    for service in &data.services {
        tx.put_service(service).await.unwrap();
    }
    tx.commit().await.unwrap();
}

/// The CSRF token in a page's forms.
pub fn csrf_in(page: &str) -> Option<String> {
    let start = page.find("name=\"csrf\" value=\"")? + "name=\"csrf\" value=\"".len();
    Some(page[start..].split('"').next()?.to_owned())
}
