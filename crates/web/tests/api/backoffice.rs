//! The back office next to the review queue: residents' error reports (and the mail to
//! the providers), a record's history with restore, and the admins' accounts page.

use crate::browsing::{add_user, browser, get, location, log_in, mails, post};
use crate::helpers::{TestApp, spawn_app};
use wegwijs_domain::{EmailAddress, Id, Role, Service};
use wegwijs_store::{EntityKind, ErrorReport, NewErrorReport, Page, PageLanguage, ReportStatus};

/// The HTML escaping askama applies to text, for comparing with page bodies.
fn escaped(text: &str) -> String {
    text.replace('&', "&#38;").replace('<', "&#60;").replace('>', "&#62;").replace('"', "&#34;").replace('\'', "&#39;")
}

async fn report(app: &TestApp, service: &Service, message: &str, email: Option<&str>) -> ErrorReport {
    let report = NewErrorReport {
        service_id: service.id.clone(),
        organisation_id: service.organisation_id.clone(),
        message: message.to_owned(),
        reporter_email: email.map(|e| EmailAddress::parse(e).unwrap()),
        page_language: PageLanguage::Nl,
    };
    app.store.add_error_report(&report).await.unwrap()
}

#[tokio::test]
async fn editors_see_open_reports_oldest_first_and_close_them() {
    let app = spawn_app().await;
    let editor = add_user(&app, "redactie@example.nl", "Rea Dactie", Role::Redacteur, Vec::new()).await;
    let first =
        report(&app, &app.data.services[0], "Het telefoonnummer klopt niet <meer>.", Some("jan@example.nl")).await;
    let second = report(&app, &app.data.services[1], "De openingstijden zijn veranderd.", None).await;
    let client = browser();

    let (status, _) = get(&app, &client, "/redactie/meldingen").await;
    assert_eq!(status, 303, "anonymous visitors are sent to the login page");
    log_in(&app, &client, "redactie@example.nl").await;
    let (status, page) = get(&app, &client, "/redactie/meldingen").await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("noindex"));
    assert!(page.contains("Er zijn 2 open meldingen."));
    assert!(page.contains("Het telefoonnummer klopt niet &#60;meer&#62;."), "the message is escaped");
    let (older, newer) = (page.find("Het telefoonnummer").unwrap(), page.find("De openingstijden").unwrap());
    assert!(older < newer, "oldest first");
    assert!(page.contains("href=\"mailto:jan@example.nl\""));
    assert!(page.contains(&escaped(app.data.services[0].name.as_str())));
    assert!(page.contains(&format!("/portaal/diensten/{}/bewerken", app.data.services[0].id)));
    assert!(page.contains("<th scope=\"col\">"));

    let response = post(&app, &client, &format!("/redactie/meldingen/{}/sluiten", first.id), &page, &[]).await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/redactie/meldingen?melding=gesloten");
    let closed = app.store.error_report(&first.id).await.unwrap().unwrap();
    assert_eq!(closed.status, ReportStatus::Closed);
    assert_eq!(closed.closed_by, Some(editor.id));
    let (_, page) = get(&app, &client, "/redactie/meldingen?melding=gesloten").await;
    assert!(page.contains("De melding is gesloten."));
    assert!(page.contains("Er is 1 open melding."));
    assert!(!page.contains("Het telefoonnummer klopt niet"));
    let open = app.store.error_reports(ReportStatus::Open, Page::first(10)).await.unwrap();
    assert_eq!(open.iter().map(|r| &r.id).collect::<Vec<_>>(), [&second.id]);

    let response = post(&app, &client, &format!("/redactie/meldingen/{}/sluiten", Id::random()), &page, &[]).await;
    assert_eq!(response.status(), 404, "an unknown report");
}

#[tokio::test]
async fn providers_may_not_see_the_editors_report_list() {
    let app = spawn_app().await;
    let organisation = app.data.services[0].organisation_id.clone();
    add_user(&app, "aanbieder@example.nl", "Aan Bieder", Role::Aanbieder, vec![organisation]).await;
    let client = browser();
    log_in(&app, &client, "aanbieder@example.nl").await;
    let (status, _) = get(&app, &client, "/redactie/meldingen").await;
    assert_eq!(status, 403);
    let (status, _) = get(&app, &client, "/beheer/gebruikers").await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn a_new_error_report_is_mailed_to_the_enabled_providers_of_the_organisation() {
    let app = spawn_app().await;
    let service = app.data.services[2].clone();
    let organisation = service.organisation_id.clone();
    add_user(&app, "petra@example.nl", "Petra de Vries", Role::Aanbieder, vec![organisation.clone()]).await;
    let gone = add_user(&app, "oud@example.nl", "Oud Account", Role::Aanbieder, vec![organisation.clone()]).await;
    app.store.set_disabled(&gone.id, true).await.unwrap();
    add_user(&app, "redactie@example.nl", "Rea Dactie", Role::Redacteur, Vec::new()).await;

    let client = browser();
    let path = format!("/diensten/{}/fout-melden", service.id);
    let (_, page) = get(&app, &client, &path).await;
    let message = "Het adres is veranderd: het is nu Dorpsstraat 1.";
    let response =
        post(&app, &client, &path, &page, &[("bericht", message), ("email", "jan@example.nl"), ("website", "")]).await;
    assert_eq!(response.status(), 303);

    let mails = mails(&app);
    assert_eq!(mails.len(), 1, "only the enabled provider: {:?}", mails.iter().map(|m| &m.to).collect::<Vec<_>>());
    let mail = &mails[0];
    assert_eq!(mail.to, "petra@example.nl");
    assert!(mail.body.contains(message), "{}", mail.body);
    assert!(mail.body.contains(service.name.as_str()) || mail.subject.contains(service.name.as_str()));
    assert!(mail.body.contains(&format!("{}/portaal", app.address)), "{}", mail.body);
    assert!(!mail.raw.contains("jan@example.nl"), "the resident's address is for the editors only");
}

#[tokio::test]
async fn the_history_shows_every_version_and_restores_an_old_one() {
    let app = spawn_app().await;
    let editor = add_user(&app, "redactie@example.nl", "Rea Dactie", Role::Redacteur, Vec::new()).await;
    let original = app.data.services[3].clone();
    let mut changed = original.clone();
    changed.description = "Een nieuwe beschrijving die niet klopt.".to_owned();
    let mut tx = app.store.begin().await.unwrap();
    tx.act_as(format!("user:{}", editor.id));
    tx.put_service(&changed).await.unwrap();
    tx.commit().await.unwrap();
    let versions = app.store.history(EntityKind::Service, &original.id).await.unwrap();
    assert_eq!(versions.len(), 2);
    let old_seq = versions[1].seq.to_string();

    let client = browser();
    log_in(&app, &client, "redactie@example.nl").await;
    let path = format!("/redactie/geschiedenis/dienst/{}", original.id);
    let (status, page) = get(&app, &client, &path).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains(&escaped(&format!("Geschiedenis van {}", original.name.as_str()))));
    assert!(page.contains("Rea Dactie"), "the actor by name");
    assert!(page.contains("Gewijzigd"));
    assert!(page.contains("<li>Beschrijving</li>"), "the changed field in words");
    assert!(page.contains("Aangemaakt"));
    assert_eq!(page.matches("Deze versie terugzetten").count(), 1, "only the older version");
    assert!(page.contains(&format!("name=\"versie\" value=\"{old_seq}\"")));

    let response = post(&app, &client, &path, &page, &[("versie", &old_seq)]).await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), format!("{path}?melding=teruggezet"));
    let restored = app.store.service(&original.id).await.unwrap().unwrap();
    assert_eq!(restored.description, original.description, "the old text is back");
    let versions = app.store.history(EntityKind::Service, &original.id).await.unwrap();
    assert_eq!(versions.len(), 3, "a restore is a new version");
    assert_eq!(versions[0].actor.as_deref(), Some(format!("user:{}", editor.id).as_str()));
    let (_, page) = get(&app, &client, &format!("{path}?melding=teruggezet")).await;
    assert!(page.contains("De oudere versie is teruggezet."));
}

#[tokio::test]
async fn a_version_of_another_record_or_kind_cannot_be_restored_here() {
    let app = spawn_app().await;
    add_user(&app, "redactie@example.nl", "Rea Dactie", Role::Redacteur, Vec::new()).await;
    let (one, other) = (&app.data.services[0], &app.data.services[1]);
    let seq_of_other = app.store.history(EntityKind::Service, &other.id).await.unwrap()[0].seq.to_string();
    let client = browser();
    log_in(&app, &client, "redactie@example.nl").await;
    let path = format!("/redactie/geschiedenis/dienst/{}", one.id);
    let (_, page) = get(&app, &client, &path).await;
    let response = post(&app, &client, &path, &page, &[("versie", &seq_of_other)]).await;
    assert_eq!(response.status(), 404);
    let organisation_path = format!("/redactie/geschiedenis/organisatie/{}", one.id);
    let response = post(&app, &client, &organisation_path, &page, &[("versie", &seq_of_other)]).await;
    assert_eq!(response.status(), 404);
    let (status, _) = get(&app, &client, &format!("/redactie/geschiedenis/gebruiker/{}", one.id)).await;
    assert_eq!(status, 404, "only services, organisations and locations have a history page");
    let (status, _) = get(&app, &client, &format!("/redactie/geschiedenis/dienst/{}", Id::random())).await;
    assert_eq!(status, 404);
    assert_eq!(app.store.service(&one.id).await.unwrap().as_ref(), Some(one), "nothing was written");
}

#[tokio::test]
async fn an_admin_adds_an_account_that_chooses_its_own_password() {
    let app = spawn_app().await;
    add_user(&app, "beheer@example.nl", "Bea Heer", Role::Beheerder, Vec::new()).await;
    let organisation = app.data.organisations[0].clone();
    let client = browser();
    log_in(&app, &client, "beheer@example.nl").await;
    let (status, page) = get(&app, &client, "/beheer/gebruikers").await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Bea Heer") && page.contains("<label class=\"field__label\" for=\"email\">"));
    assert!(page.contains(&escaped(organisation.name.as_str())), "organisations to choose from");

    let fields = [
        ("email", "Nieuw@Example.nl"),
        ("naam", "Nina Nieuw"),
        ("rol", "aanbieder"),
        ("organisatie", organisation.id.as_str()),
    ];
    let response = post(&app, &client, "/beheer/gebruikers", &page, &fields).await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/beheer/gebruikers?melding=toegevoegd");
    let user = app.store.user_by_email("nieuw@example.nl").await.unwrap().expect("the account");
    assert_eq!((user.name.as_str(), user.role), ("Nina Nieuw", Role::Aanbieder));
    assert_eq!(user.organisations, std::slice::from_ref(&organisation.id));
    assert!(!user.has_password, "the person chooses it");
    let mails = mails(&app);
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, "nieuw@example.nl");
    assert!(mails[0].body.contains(&format!("{}/wachtwoord-herstellen/", app.address)), "{}", mails[0].body);

    let response = post(&app, &client, "/beheer/gebruikers", &page, &fields).await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("Er is al een account met dit e-mailadres"));
    assert!(page.contains("error-summary"));

    let mut without_organisation = fields;
    without_organisation[0].1 = "ander@example.nl";
    without_organisation[3].1 = "";
    let response = post(&app, &client, "/beheer/gebruikers", &page, &without_organisation).await;
    assert_eq!(response.status(), 422, "a provider needs an organisation");
    assert!(app.store.user_by_email("ander@example.nl").await.unwrap().is_none());
}

#[tokio::test]
async fn a_disabled_account_is_logged_out_and_an_admin_cannot_disable_themselves() {
    let app = spawn_app().await;
    let admin = add_user(&app, "beheer@example.nl", "Bea Heer", Role::Beheerder, Vec::new()).await;
    let other = add_user(&app, "prof@example.nl", "Piet Prof", Role::Professional, Vec::new()).await;
    let admin_tab = browser();
    log_in(&app, &admin_tab, "beheer@example.nl").await;
    let other_tab = browser();
    log_in(&app, &other_tab, "prof@example.nl").await;
    assert_eq!(get(&app, &other_tab, "/account").await.0, 200);

    let (_, page) = get(&app, &admin_tab, "/beheer/gebruikers").await;
    let response =
        post(&app, &admin_tab, &format!("/beheer/gebruikers/{}", other.id), &page, &[("actie", "uitzetten")]).await;
    assert_eq!(response.status(), 303);
    assert!(app.store.user(&other.id).await.unwrap().unwrap().disabled);
    assert_eq!(get(&app, &other_tab, "/account").await.0, 303, "the session stopped working");
    let (_, page) = get(&app, &admin_tab, "/beheer/gebruikers?melding=uitgezet").await;
    assert!(page.contains("Het account is uitgezet."));
    assert!(page.contains("Uitgezet"));

    let response =
        post(&app, &admin_tab, &format!("/beheer/gebruikers/{}", admin.id), &page, &[("actie", "uitzetten")]).await;
    assert_eq!(response.status(), 303);
    let (_, page) = get(&app, &admin_tab, &location(&response)).await;
    assert!(page.contains("U kunt uw eigen account niet uitzetten."), "{page}");
    assert!(!app.store.user(&admin.id).await.unwrap().unwrap().disabled);
    let response = post(
        &app,
        &admin_tab,
        &format!("/beheer/gebruikers/{}", admin.id),
        &page,
        &[("actie", "rol"), ("rol", "redacteur")],
    )
    .await;
    assert_eq!(response.status(), 303);
    assert_eq!(app.store.user(&admin.id).await.unwrap().unwrap().role, Role::Beheerder, "no self-demotion");

    let response = post(
        &app,
        &admin_tab,
        &format!("/beheer/gebruikers/{}", other.id),
        &page,
        &[("actie", "rol"), ("rol", "redacteur")],
    )
    .await;
    assert_eq!(response.status(), 303);
    assert_eq!(app.store.user(&other.id).await.unwrap().unwrap().role, Role::Redacteur);
    let response =
        post(&app, &admin_tab, &format!("/beheer/gebruikers/{}", other.id), &page, &[("actie", "aanzetten")]).await;
    assert_eq!(response.status(), 303);
    assert!(!app.store.user(&other.id).await.unwrap().unwrap().disabled);
}

#[tokio::test]
async fn editors_who_are_not_admins_cannot_manage_accounts() {
    let app = spawn_app().await;
    add_user(&app, "redactie@example.nl", "Rea Dactie", Role::Redacteur, Vec::new()).await;
    let other = add_user(&app, "prof@example.nl", "Piet Prof", Role::Professional, Vec::new()).await;
    let client = browser();
    log_in(&app, &client, "redactie@example.nl").await;
    let (status, page) = get(&app, &client, "/beheer/gebruikers").await;
    assert_eq!(status, 403);
    let response =
        post(&app, &client, &format!("/beheer/gebruikers/{}", other.id), &page, &[("actie", "uitzetten")]).await;
    assert_eq!(response.status(), 403);
    assert!(!app.store.user(&other.id).await.unwrap().unwrap().disabled);
}
