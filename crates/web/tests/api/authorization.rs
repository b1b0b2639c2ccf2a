//! The authorization matrix: every protected route (all writes, and the pages that are
//! not public) against every kind of visitor, with the answer each must get. The table
//! below is written out by hand on purpose: it is the second opinion on
//! `auth::policy::ROUTES`, and it must name exactly the routes the router has, so adding
//! a route without deciding who may use it fails here.

use crate::browsing::add_user;
use crate::helpers::{TestApp, csrf_in, spawn_app};
use chrono::TimeDelta;
use std::collections::BTreeSet;
use std::path::Path;
use wegwijs_domain::{Id, Role};
use wegwijs_store::{EntityKind, Expected, ProposalDraft};
use wegwijs_web::auth::policy::ROUTES;

/// The visitors, one letter each in [`MATRIX`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Visitor {
    /// `a`: no account.
    Anonymous,
    /// `h`: an editor who gave the password but not yet the second factor.
    Halfway,
    /// `p`: a professional.
    Professional,
    /// `o`: a provider of the organisation the route is about.
    OwnProvider,
    /// `x`: a provider of another organisation.
    OtherProvider,
    /// `e`: an editor (redacteur).
    Editor,
    /// `b`: an admin (beheerder).
    Admin,
}

const VISITORS: [(Visitor, char); 7] = [
    (Visitor::Anonymous, 'a'),
    (Visitor::Halfway, 'h'),
    (Visitor::Professional, 'p'),
    (Visitor::OwnProvider, 'o'),
    (Visitor::OtherProvider, 'x'),
    (Visitor::Editor, 'e'),
    (Visitor::Admin, 'b'),
];

/// Method, path as routed, and the letters of the visitors who may use it.
const MATRIX: &[(&str, &str, &str)] = &[
    // Public forms.
    ("POST", "/mijn-lijst", "ahpoxeb"),
    ("POST", "/diensten/{id}/fout-melden", "ahpoxeb"),
    ("POST", "/inloggen", "ahpoxeb"),
    ("POST", "/wachtwoord-vergeten", "ahpoxeb"),
    ("POST", "/wachtwoord-herstellen/{token}", "ahpoxeb"),
    ("POST", "/uitnodiging/{token}", "ahpoxeb"),
    ("POST", "/bevestigen/{token}", "ahpoxeb"),
    // Login steps and the own account.
    ("GET", "/inloggen/code", "h"),
    ("POST", "/inloggen/code", "h"),
    ("POST", "/uitloggen", "poxeb"),
    ("GET", "/account", "poxeb"),
    ("POST", "/account/wachtwoord", "poxeb"),
    ("GET", "/account/tweestaps", "eb"),
    ("POST", "/account/tweestaps", "eb"),
    ("POST", "/account/tweestaps/uitzetten", "eb"),
    // The provider portal.
    ("GET", "/portaal", "poxeb"),
    ("GET", "/portaal/organisaties/{org}/bewerken", "oeb"),
    ("POST", "/portaal/organisaties/{org}/bewerken", "oeb"),
    ("GET", "/portaal/organisaties/{org}/diensten/nieuw", "oeb"),
    ("POST", "/portaal/organisaties/{org}/diensten/nieuw", "oeb"),
    ("GET", "/portaal/diensten/{id}/bewerken", "oeb"),
    ("POST", "/portaal/diensten/{id}/bewerken", "oeb"),
    ("GET", "/portaal/locaties/{id}/bewerken", "oeb"),
    ("POST", "/portaal/locaties/{id}/bewerken", "oeb"),
    ("POST", "/portaal/voorstellen/{id}/intrekken", "oeb"),
    // The editors' back office.
    ("GET", "/redactie", "eb"),
    ("GET", "/redactie/voorstellen/{id}", "eb"),
    ("POST", "/redactie/voorstellen/{id}/goedkeuren", "eb"),
    ("POST", "/redactie/voorstellen/{id}/afwijzen", "eb"),
    ("GET", "/redactie/voorstellen/{id}/bewerken", "eb"),
    ("POST", "/redactie/voorstellen/{id}/bewerken", "eb"),
    ("GET", "/redactie/actualiteit", "eb"),
    ("GET", "/redactie/meldingen", "eb"),
    ("POST", "/redactie/meldingen/{id}/sluiten", "eb"),
    ("GET", "/redactie/uitnodigingen", "eb"),
    ("POST", "/redactie/uitnodigingen", "eb"),
    ("GET", "/redactie/geschiedenis/{kind}/{id}", "eb"),
    ("POST", "/redactie/geschiedenis/{kind}/{id}", "eb"),
    // Administration.
    ("GET", "/beheer/gebruikers", "b"),
    ("POST", "/beheer/gebruikers", "b"),
    ("POST", "/beheer/gebruikers/{id}", "b"),
];

/// The routes the router really has, read from the route definitions in the web
/// crate's source: `(method, path)` for every `.route("path", …)` call.
fn routed() -> BTreeSet<(String, String)> {
    let mut found = BTreeSet::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut pending = vec![root];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                routes_in(&std::fs::read_to_string(&path).unwrap(), &mut found);
            }
        }
    }
    found
}

/// Adds the routes of one source file: the path literal of each `.route(` call and
/// every method router (`get(`, `.post(`, …) inside its parentheses.
fn routes_in(source: &str, found: &mut BTreeSet<(String, String)>) {
    let mut rest = source;
    while let Some(start) = rest.find(".route(") {
        rest = &rest[start + ".route(".len()..];
        let mut depth = 1;
        let end = rest
            .char_indices()
            .find(|(_, c)| {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                depth == 0
            })
            .map(|(i, _)| i)
            .expect("a closed .route( call");
        let call = &rest[..end];
        let Some(path) = call.split('"').nth(1) else { continue };
        for method in ["get", "post", "put", "patch", "delete"] {
            let used = call
                .match_indices(&format!("{method}("))
                .any(|(i, _)| i == 0 || !call[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_'));
            if used {
                found.insert((method.to_uppercase(), path.to_owned()));
            }
        }
        rest = &rest[end..];
    }
}

#[test]
fn the_matrix_policy_and_router_name_the_same_protected_routes() {
    let matrix: BTreeSet<(String, String)> =
        MATRIX.iter().map(|(m, p, _)| ((*m).to_owned(), (*p).to_owned())).collect();
    assert_eq!(matrix.len(), MATRIX.len(), "a route is twice in the matrix");
    let policy: BTreeSet<(String, String)> = ROUTES.iter().map(|r| (r.method.to_owned(), r.path.to_owned())).collect();
    assert_eq!(matrix, policy, "the matrix and auth::policy::ROUTES list different routes");

    let routed = routed();
    assert!(routed.contains(&("GET".to_owned(), "/".to_owned())), "the source scan finds routes: {routed:?}");
    let unlisted: Vec<_> = routed.iter().filter(|(m, _)| m != "GET").filter(|r| !matrix.contains(*r)).collect();
    assert!(unlisted.is_empty(), "write routes without a decision on who may use them: {unlisted:?}");
    let stale: Vec<_> = matrix.iter().filter(|r| !routed.contains(*r)).collect();
    assert!(stale.is_empty(), "listed routes the router does not have: {stale:?}");
}

#[test]
fn the_source_scan_sees_chained_and_multi_line_method_routers() {
    let mut found = BTreeSet::new();
    routes_in(
        r#".route("/a", get(show)).route(
            "/b/{id}",
            get(edit::show::<X>).post(edit::save::<X>),
        ).route("/c", routing::delete(remove))"#,
        &mut found,
    );
    let expected: BTreeSet<(String, String)> =
        [("GET", "/a"), ("GET", "/b/{id}"), ("POST", "/b/{id}"), ("DELETE", "/c")]
            .iter()
            .map(|(m, p)| ((*m).to_owned(), (*p).to_owned()))
            .collect();
    assert_eq!(found, expected);
}

/// One visitor's cookie and form token.
struct Credentials {
    cookie: String,
    csrf: String,
}

/// Ids that fill the path parameters: everything belongs to the own provider's
/// organisation.
struct Fixture {
    organisation: Id,
    service: Id,
    location: Id,
    proposal: Id,
    report: Id,
    user: Id,
}

impl Fixture {
    fn path(&self, pattern: &str) -> String {
        let id = if pattern.starts_with("/portaal/locaties/") {
            &self.location
        } else if pattern.starts_with("/portaal/voorstellen/") || pattern.starts_with("/redactie/voorstellen/") {
            &self.proposal
        } else if pattern.starts_with("/redactie/meldingen/") {
            &self.report
        } else if pattern.starts_with("/beheer/gebruikers/") {
            &self.user
        } else {
            &self.service
        };
        pattern
            .replace("{org}", self.organisation.as_str())
            .replace("{kind}", "dienst")
            .replace("{token}", "onbekend-teken")
            .replace("{id}", id.as_str())
    }
}

async fn session_of(app: &TestApp, user: &Id, second_factor_done: bool) -> Credentials {
    let token = app.store.create_session(user, TimeDelta::hours(1), second_factor_done).await.unwrap();
    let cookie = format!("wegwijs_sessie={token}");
    let page = if second_factor_done { "/account" } else { "/inloggen/code" };
    let response =
        reqwest::Client::new().get(format!("{}{page}", app.address)).header("cookie", &cookie).send().await.unwrap();
    assert_eq!(response.status(), 200, "{page} for a session");
    let csrf = csrf_in(&response.text().await.unwrap()).expect("a form token");
    Credentials { cookie, csrf }
}

/// What the policy did with a request: `true` when it let the request through.
fn let_through(status: u16, location: Option<&str>) -> bool {
    let to_login = location.is_some_and(|l| l.starts_with("/inloggen?terug=") || l == "/inloggen/code");
    !(status == 403 || (status == 303 && to_login))
}

#[tokio::test]
async fn every_protected_route_answers_every_visitor_as_the_matrix_says() {
    let app = spawn_app().await;
    let service = app.data.services[0].clone();
    let own = service.organisation_id.clone();
    let other = app.data.organisations.iter().find(|o| o.id != own).unwrap().id.clone();
    let location = app
        .data
        .locations
        .iter()
        .find(|l| l.organisation_id.as_ref() == Some(&own))
        .expect("a location of the organisation")
        .id
        .clone();
    let professional = add_user(&app, "prof@example.nl", "Prof", Role::Professional, Vec::new()).await;
    let own_provider = add_user(&app, "eigen@example.nl", "Eigen", Role::Aanbieder, vec![own.clone()]).await;
    let other_provider = add_user(&app, "ander@example.nl", "Ander", Role::Aanbieder, vec![other]).await;
    let editor = add_user(&app, "redactie@example.nl", "Redactie", Role::Redacteur, Vec::new()).await;
    let admin = add_user(&app, "beheer@example.nl", "Beheer", Role::Beheerder, Vec::new()).await;
    let seq = app.store.record_seq(EntityKind::Service, &service.id).await.unwrap();
    let proposal = app
        .store
        .save_proposal(
            &ProposalDraft {
                entity: EntityKind::Service,
                entity_id: service.id.clone(),
                organisation_id: own.clone(),
                author_id: own_provider.id.clone(),
                data: serde_json::to_string(&service).unwrap(),
            },
            Expected { record_seq: seq, proposal_revision: None },
        )
        .await
        .unwrap();
    let report = app
        .store
        .add_error_report(&wegwijs_store::NewErrorReport {
            service_id: service.id.clone(),
            organisation_id: own.clone(),
            message: "Het adres klopt niet.".to_owned(),
            reporter_email: None,
            page_language: wegwijs_store::PageLanguage::Nl,
        })
        .await
        .unwrap();
    let fixture = Fixture {
        organisation: own,
        service: service.id.clone(),
        location,
        proposal: proposal.id,
        report: report.id,
        user: professional.id.clone(),
    };

    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let mut wrong = Vec::new();
    for (method, pattern, allowed) in MATRIX {
        let path = fixture.path(pattern);
        for (visitor, letter) in VISITORS {
            // A fresh session per request: a logout or a disabled account in one row
            // does not change the next.
            let credentials = match visitor {
                Visitor::Anonymous => {
                    let (cookie, csrf) = app.anonymous_form().await;
                    Credentials { cookie, csrf }
                }
                Visitor::Halfway => session_of(&app, &editor.id, false).await,
                Visitor::Professional => session_of(&app, &professional.id, true).await,
                Visitor::OwnProvider => session_of(&app, &own_provider.id, true).await,
                Visitor::OtherProvider => session_of(&app, &other_provider.id, true).await,
                Visitor::Editor => session_of(&app, &editor.id, true).await,
                Visitor::Admin => session_of(&app, &admin.id, true).await,
            };
            let url = format!("{}{path}", app.address);
            let request = match *method {
                "GET" => client.get(&url),
                _ => client.post(&url).form(&[("csrf", credentials.csrf.as_str())]),
            };
            let response = request.header("cookie", &credentials.cookie).send().await.unwrap();
            let status = response.status().as_u16();
            let location = response.headers().get("location").and_then(|l| l.to_str().ok()).map(str::to_owned);
            assert!(status < 500, "{method} {path} as {visitor:?}: server error {status}");
            let expected = allowed.contains(letter);
            if let_through(status, location.as_deref()) != expected {
                wrong.push(format!(
                    "{method} {pattern} as {visitor:?}: expected {}, got {status} {}",
                    if expected { "allowed" } else { "refused" },
                    location.unwrap_or_default()
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "the answers differ from the matrix:\n{}", wrong.join("\n"));
}

#[tokio::test]
async fn a_write_without_its_form_token_is_refused_for_every_visitor() {
    let app = spawn_app().await;
    let admin = add_user(&app, "r@example.nl", "R", Role::Beheerder, Vec::new()).await;
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let fixture = Fixture {
        organisation: app.data.organisations[0].id.clone(),
        service: app.data.services[0].id.clone(),
        location: app.data.locations[0].id.clone(),
        proposal: Id::random(),
        report: Id::random(),
        user: admin.id.clone(),
    };
    for (method, pattern, allowed) in MATRIX.iter().filter(|(m, _, _)| *m == "POST") {
        // Someone the route is for: only the CSRF check can refuse.
        let credentials = session_of(&app, &admin.id, !allowed.contains('h') || allowed.contains('b')).await;
        let path = fixture.path(pattern);
        let url = format!("{}{path}", app.address);
        let without = client.post(&url).header("cookie", &credentials.cookie).form(&[("x", "y")]).send().await.unwrap();
        assert_eq!(without.status(), 403, "{method} {path} without a form token");
        let forged = client
            .post(&url)
            .header("cookie", &credentials.cookie)
            .form(&[("csrf", "bm90LWEtdG9rZW4")])
            .send()
            .await
            .unwrap();
        assert_eq!(forged.status(), 403, "{method} {path} with a made-up form token");
        let (anonymous_cookie, _) = app.anonymous_form().await;
        let foreign = client
            .post(&url)
            .header("cookie", &anonymous_cookie)
            .form(&[("csrf", credentials.csrf.as_str())])
            .send()
            .await
            .unwrap();
        let status = foreign.status().as_u16();
        let location = foreign.headers().get("location").and_then(|l| l.to_str().ok()).map(str::to_owned);
        assert!(
            !let_through(status, location.as_deref()),
            "{method} {path}: another browser's form token was accepted ({status})"
        );
    }
}
