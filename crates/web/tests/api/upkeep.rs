//! Keeping the kaart current, end to end: the real scheduler on a fake clock mails
//! through a real SMTP server, the organisation follows the "Alles klopt nog" link in
//! the mail over HTTP, and its hidden entries come back in pages, search and ranking;
//! an organisation that does not react reaches the editors.

use crate::browsing::{add_user, browser, get, post};
use crate::helpers::{TestApp, spawn_app};
use chrono::{DateTime, TimeDelta, Utc};
use std::sync::Arc;
use std::time::Duration;
use wegwijs_domain::{EmailAddress, FreshnessPolicy, Id, Role, Verification, VerifiedBy};
use wegwijs_mail::testing::{ReceivedMail, SmtpSink};
use wegwijs_mail::{MailConfig, Mailer};
use wegwijs_upkeep::{SendWindow, Upkeep, UpkeepConfig};

const WORD: &str = "zonnewijzerhulp";

/// Gives an organisation an address and every one of its entries a last check of
/// `checked`; the first service gets [`WORD`] in its summary when `marked`.
async fn age_organisation(app: &TestApp, organisation: &Id, email: &str, checked: DateTime<Utc>, marked: bool) {
    let verification = Some(Verification { at: checked, by: VerifiedBy::Import });
    let mut tx = app.store.begin().await.unwrap();
    let mut record = app.store.organisation(organisation).await.unwrap().unwrap();
    record.email = Some(EmailAddress::parse(email).unwrap());
    record.meta.verification = verification.clone();
    tx.put_organisation(&record).await.unwrap();
    for (n, mut service) in app.store.services_of_organisation(organisation).await.unwrap().into_iter().enumerate() {
        service.meta.verification = verification.clone();
        if marked && n == 0 {
            service.summary = format!("Hulp bij de {WORD} in de buurt.");
        }
        tx.put_service(&service).await.unwrap();
    }
    tx.commit().await.unwrap();
}

fn upkeep(app: &TestApp, sink: &SmtpSink) -> Upkeep {
    let mailer = Mailer::new(MailConfig {
        smtp_url: Some(sink.url()),
        from: "Wegwijs <noreply@example.nl>".to_owned(),
        site_name: "Wegwijs".to_owned(),
        outbox: std::env::temp_dir(),
    })
    .unwrap();
    let config = UpkeepConfig {
        policy: FreshnessPolicy::default(),
        window: SendWindow::ALWAYS,
        link_origin: app.address.clone(),
        batch: 1000,
    };
    Upkeep::new(app.store.clone(), Arc::new(mailer), config)
}

fn mails_to<'a>(mails: &'a [ReceivedMail], to: &str) -> Vec<&'a ReceivedMail> {
    mails.iter().filter(|m| m.to.contains(to)).collect()
}

/// The confirm link's path in a reminder mail.
fn confirm_path(app: &TestApp, mail: &ReceivedMail) -> String {
    let link = format!("{}/bevestigen/", app.address);
    let start = mail.body.find(&link).unwrap_or_else(|| panic!("no {link} in:\n{}", mail.body));
    mail.body[start + app.address.len()..].split_whitespace().next().unwrap().to_owned()
}

/// The search API's hit for `id` when searching [`WORD`], after the index followed.
async fn hit_for(app: &TestApp, id: &Id, present: bool) -> Option<serde_json::Value> {
    for _ in 0..100 {
        let (_, body) = app.get_json(&format!("/api/search?q={WORD}&explain=true")).await;
        let hit = body["results"]
            .as_array()
            .or_else(|| body["hits"].as_array())
            .and_then(|hits| hits.iter().find(|h| h["id"] == id.as_str()).cloned());
        if hit.is_some() == present {
            return hit;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the search index did not follow: {WORD} present={present}");
}

#[tokio::test]
async fn a_reminder_link_brings_hidden_entries_back_and_silence_reaches_the_editors() {
    let Some(sink) = SmtpSink::start() else { return };
    let app = spawn_app().await;
    let now = Utc::now();
    let answering = app.data.services[0].organisation_id.clone();
    let silent = app.data.organisations.iter().find(|o| o.id != answering).unwrap().id.clone();
    let marked = app.store.services_of_organisation(&answering).await.unwrap()[0].id.clone();
    age_organisation(&app, &answering, "antwoord@voorbeeld.nl", now - TimeDelta::days(570), true).await;
    age_organisation(&app, &silent, "stil@voorbeeld.nl", now - TimeDelta::days(370), false).await;
    add_user(&app, "redactie@voorbeeld.nl", "Rea Dactie", Role::Redacteur, Vec::new()).await;

    // Nineteen months without a check: hidden, not deleted.
    hit_for(&app, &marked, false).await;
    let (status, _) = app.get_text(&format!("/diensten/{marked}")).await;
    assert_eq!(status, 404, "hidden from the public");

    let upkeep = upkeep(&app, &sink);
    let report = upkeep.run_once(now).await.unwrap();
    assert!(report.reminders_sent >= 2, "{report:?}");
    let mails = sink.wait_for(report.reminders_sent).await;
    let to_answering = mails_to(&mails, "antwoord@voorbeeld.nl");
    assert_eq!(to_answering.len(), 1, "one mail per organisation, with all its entries");
    let name = app.store.service(&marked).await.unwrap().unwrap().name;
    assert!(to_answering[0].body.contains(name.as_str()), "the mail lists the entries");
    let path = confirm_path(&app, to_answering[0]);

    // Opening the link changes nothing.
    let client = browser();
    let (status, page) = get(&app, &client, &path).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains(name.as_str()), "the page shows the entries");
    let before = app.store.service(&marked).await.unwrap().unwrap().meta.verification;
    assert_eq!(before.as_ref().map(|v| v.by), Some(VerifiedBy::Import), "a GET confirms nothing");
    let (status, _) = get(&app, &client, &format!("{}x", &path[..path.len() - 1])).await;
    assert_eq!(status, 404, "a changed token is no link");

    // One button confirms, once.
    let records: Vec<(&str, String)> = page
        .match_indices("name=\"record\" value=\"")
        .map(|(at, m)| ("record", page[at + m.len()..].split('"').next().unwrap().to_owned()))
        .collect();
    assert!(records.len() >= 2, "the organisation and its services are on the page");
    let fields: Vec<(&str, &str)> = records.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let done = post(&app, &client, &path, &page, &fields).await;
    assert_eq!(done.status(), 200);
    assert!(done.text().await.unwrap().contains("Dank u wel"));
    let confirmed = app.store.service(&marked).await.unwrap().unwrap().meta.verification.unwrap();
    assert_eq!(confirmed.by, VerifiedBy::Provider);
    assert!(confirmed.at >= now, "verified_at is the moment of the confirmation");
    let again = post(&app, &client, &path, &page, &fields).await;
    assert_eq!(again.status(), 200);
    assert!(again.text().await.unwrap().contains("al bevestigd"), "a replay is told, and changes nothing");
    let unchanged = app.store.service(&marked).await.unwrap().unwrap().meta.verification.unwrap();
    assert_eq!(unchanged, confirmed);

    // Back in search with full freshness, and on its page.
    let hit = hit_for(&app, &marked, true).await.unwrap();
    assert_eq!(hit["explanation"]["freshness"], 1.0, "ranking restored: {hit}");
    let (status, _) = app.get_text(&format!("/diensten/{marked}")).await;
    assert_ne!(status, 404, "shown again");

    // The organisation that keeps silent: a second reminder, then the editors.
    let second = upkeep.run_once(now + TimeDelta::days(15)).await.unwrap();
    assert!(second.reminders_sent >= 1, "{second:?}");
    let third = upkeep.run_once(now + TimeDelta::days(31)).await.unwrap();
    assert!(third.digests_sent >= 1, "{third:?}");
    let sent: usize = [report, second, third].iter().map(|r| r.reminders_sent + r.digests_sent).sum();
    let all = sink.wait_for(sent).await;
    let to_silent = mails_to(&all, "stil@voorbeeld.nl");
    assert_eq!(to_silent.len(), 2, "two reminders, no more");
    assert!(to_silent[1].subject.starts_with("Herinnering"), "{}", to_silent[1].subject);
    let silent_name = app.store.organisation(&silent).await.unwrap().unwrap().name;
    let digests = mails_to(&all, "redactie@voorbeeld.nl");
    let naming: Vec<_> = digests.iter().filter(|m| m.body.contains(silent_name.as_str())).collect();
    assert_eq!(naming.len(), 1, "the editors hear of it once: {digests:#?}");
    assert!(naming[0].body.contains("stil@voorbeeld.nl"), "with the address that did not answer");
    assert_eq!(mails_to(&all, "antwoord@voorbeeld.nl").len(), 1, "the answering organisation is left alone");
}
