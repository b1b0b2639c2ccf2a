//! Accounts over HTTP as a person uses them: a forgotten password reset by the link in
//! the mail, and logging in with a second factor (TOTP) from an authenticator app.

use crate::browsing::{PASSWORD, add_user, browser, get, location, log_in, mails, post};
use crate::helpers::{TestApp, csrf_in, spawn_app};
use totp_rs::{Algorithm, Builder, Secret};
use wegwijs_domain::Role;

const NEW_PASSWORD: &str = "een heel andere lange zin";

/// The path of the link to this site's `path_start` in the newest mail to `to`.
fn path_in_last_mail_to(app: &TestApp, to: &str, path_start: &str) -> String {
    let mail = mails(app).into_iter().rev().find(|m| m.to.contains(to)).unwrap_or_else(|| panic!("a mail to {to}"));
    let link = format!("{}{path_start}", app.address);
    let start = mail.body.find(&link).unwrap_or_else(|| panic!("no {link} in:\n{}", mail.body));
    mail.body[start + app.address.len()..].split_whitespace().next().unwrap().to_owned()
}

async fn try_log_in(app: &TestApp, client: &reqwest::Client, email: &str, password: &str) -> reqwest::Response {
    let (_, page) = get(app, client, "/inloggen").await;
    post(app, client, "/inloggen", &page, &[("email", email), ("wachtwoord", password)]).await
}

fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("wegwijs_sessie=") && !v.starts_with("wegwijs_sessie=;"))
        .map(|v| v.split(';').next().unwrap().to_owned())
}

#[tokio::test]
async fn a_forgotten_password_is_reset_once_with_the_mailed_link() {
    let app = spawn_app().await;
    add_user(&app, "vergeten@example.nl", "Vera", Role::Aanbieder, vec![app.data.organisations[0].id.clone()]).await;
    let elsewhere = browser();
    log_in(&app, &elsewhere, "vergeten@example.nl").await;

    // The same answer for an unknown address, and no mail: addresses cannot be probed.
    let client = browser();
    let (_, page) = get(&app, &client, "/wachtwoord-vergeten").await;
    let unknown = post(&app, &client, "/wachtwoord-vergeten", &page, &[("email", "niemand@example.nl")]).await;
    assert_eq!(unknown.status(), 200);
    let unknown_page = unknown.text().await.unwrap();
    assert!(mails(&app).is_empty(), "no mail for an address without an account");
    let known = post(&app, &client, "/wachtwoord-vergeten", &page, &[("email", "vergeten@example.nl")]).await;
    assert_eq!(known.status(), 200);
    let strip = |page: &str| page.split("name=\"csrf\"").next().unwrap().to_owned();
    assert_eq!(strip(&known.text().await.unwrap()), strip(&unknown_page), "the same page either way");

    let path = path_in_last_mail_to(&app, "vergeten@example.nl", "/wachtwoord-herstellen/");
    let (status, form) = get(&app, &client, &path).await;
    assert_eq!(status, 200);
    assert!(form.contains("vergeten@example.nl"), "the page says whose password it is");

    // Mistakes keep the link usable.
    let mismatch =
        post(&app, &client, &path, &form, &[("wachtwoord", NEW_PASSWORD), ("herhaling", "iets anders")]).await;
    assert_eq!(mismatch.status(), 422);
    let short = post(&app, &client, &path, &form, &[("wachtwoord", "kort"), ("herhaling", "kort")]).await;
    assert_eq!(short.status(), 422);
    let spaces = " ".repeat(20);
    let blank = post(&app, &client, &path, &form, &[("wachtwoord", &spaces), ("herhaling", &spaces)]).await;
    assert_eq!(blank.status(), 422, "spaces are not a password");

    let done = post(&app, &client, &path, &form, &[("wachtwoord", NEW_PASSWORD), ("herhaling", NEW_PASSWORD)]).await;
    assert_eq!(done.status(), 303);
    assert_eq!(location(&done), "/inloggen?melding=wachtwoord");
    let again = post(&app, &client, &path, &form, &[("wachtwoord", PASSWORD), ("herhaling", PASSWORD)]).await;
    assert_eq!(again.status(), 410, "a link works once");
    let (status, _) = get(&app, &client, &path).await;
    assert_eq!(status, 410);

    assert_eq!(try_log_in(&app, &browser(), "vergeten@example.nl", PASSWORD).await.status(), 401, "old password");
    assert_eq!(try_log_in(&app, &browser(), "vergeten@example.nl", NEW_PASSWORD).await.status(), 303);
    let (status, _) = get(&app, &elsewhere, "/portaal").await;
    assert_eq!(status, 303, "a new password ends the sessions opened with the old one");
    let stored = std::fs::read_dir(&app.outbox).unwrap().count();
    assert_eq!(stored, 1, "one mail in all");
    let raw = mails(&app).into_iter().map(|m| m.raw).collect::<String>();
    assert!(!raw.contains(NEW_PASSWORD) && !raw.contains(PASSWORD), "no password in any mail");
}

/// The current code an authenticator app shows for `secret`.
fn code_for(secret: &str) -> String {
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_step_duration(30)
        .with_secret(Secret::try_from_base32(secret).unwrap())
        .build()
        .unwrap()
        .generate_current()
        .to_string()
}

/// The value of the hidden input `name` in `page`.
fn hidden(page: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = page.find(&marker).unwrap_or_else(|| panic!("no {name} in the page")) + marker.len();
    page[start..].split('"').next().unwrap().to_owned()
}

#[tokio::test]
async fn an_editor_with_a_second_factor_needs_the_code_and_a_code_works_once() {
    let app = spawn_app().await;
    add_user(&app, "twee@example.nl", "Twee Stappen", Role::Redacteur, Vec::new()).await;
    let client = browser();
    log_in(&app, &client, "twee@example.nl").await;
    let (status, page) = get(&app, &client, "/account/tweestaps").await;
    assert_eq!(status, 200);
    let secret = hidden(&page, "geheim");
    let wrong = post(&app, &client, "/account/tweestaps", &page, &[("geheim", &secret), ("code", "000000")]).await;
    assert_eq!(wrong.status(), 422, "switching on needs a right code");
    let on =
        post(&app, &client, "/account/tweestaps", &page, &[("geheim", &secret), ("code", &code_for(&secret))]).await;
    assert_eq!(on.status(), 303);
    let (_, account) = get(&app, &client, "/account").await;
    assert_eq!(post(&app, &client, "/uitloggen", &account, &[]).await.status(), 303);

    // The password alone is half a login: nothing behind the login opens yet.
    let tab = browser();
    let first = try_log_in(&app, &tab, "twee@example.nl", PASSWORD).await;
    assert_eq!(first.status(), 303);
    assert!(location(&first).starts_with("/inloggen/code"), "{}", location(&first));
    let halfway = session_cookie(&first).expect("a session cookie for the second step");
    for page in ["/redactie", "/portaal", "/account"] {
        let response = tab.get(format!("{}{page}", app.address)).send().await.unwrap();
        assert_eq!(response.status(), 303, "{page} before the code");
        assert_eq!(location(&response), "/inloggen/code", "{page} sends to the code");
    }
    let (_, code_page) = get(&app, &tab, "/inloggen/code").await;
    let bad = post(&app, &tab, "/inloggen/code", &code_page, &[("code", "123456")]).await;
    assert_eq!(bad.status(), 401, "a wrong code");
    let code = code_for(&secret);
    let good = post(&app, &tab, "/inloggen/code", &code_page, &[("code", &code)]).await;
    assert_eq!(good.status(), 303);
    let full = session_cookie(&good).expect("a new session cookie after the code");
    assert_ne!(full, halfway, "the session token changes when the login completes");
    let (status, _) = get(&app, &tab, "/redactie").await;
    assert_eq!(status, 200);
    let old = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let replayed_cookie = old.get(format!("{}/redactie", app.address)).header("cookie", &halfway).send().await.unwrap();
    assert_eq!(replayed_cookie.status(), 303, "the half-way token is no longer a session");

    // An overheard code does not open a second login.
    let thief = browser();
    assert!(location(&try_log_in(&app, &thief, "twee@example.nl", PASSWORD).await).starts_with("/inloggen/code"));
    let (_, thief_page) = get(&app, &thief, "/inloggen/code").await;
    let replay = post(&app, &thief, "/inloggen/code", &thief_page, &[("code", &code)]).await;
    assert_eq!(replay.status(), 401, "a code is accepted once");
    assert!(csrf_in(&replay.text().await.unwrap()).is_some(), "the form is shown again");
}
