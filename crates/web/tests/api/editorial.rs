//! The editorial flow end to end over HTTP: an editor invites an organisation, its
//! contact claims it, proposes a change, the editor reviews and publishes it, and the
//! change is found by search; a rejection reaches the provider by mail; concurrent
//! saves; professional notes stay with those who may read them.

use crate::browsing::{PASSWORD, add_user, browser, form_pairs, get, log_in, mails, post, post_pairs, set};
use crate::helpers::{TestApp, spawn_app};
use std::time::Duration;
use wegwijs_domain::Role;
use wegwijs_mail::testing::ReceivedMail;
use wegwijs_store::{EntityKind, ProposalStatus};

fn link(mail: &ReceivedMail, path: &str) -> String {
    let start = mail.body.find(path).unwrap_or_else(|| panic!("no {path} link in:\n{}", mail.body));
    mail.body[start..].split_whitespace().next().unwrap().to_owned()
}

#[tokio::test]
async fn invite_claim_propose_review_publish_and_find_it() {
    let app = spawn_app().await;
    let service = app.data.services[0].clone();
    let organisation = service.organisation_id.clone();
    add_user(&app, "redactie@example.nl", "redactie@example.nl", Role::Redacteur, Vec::new()).await;
    let editor = browser();
    log_in(&app, &editor, "redactie@example.nl").await;

    // The editor invites the organisation's contact.
    let (status, page) = get(&app, &editor, "/redactie/uitnodigingen").await;
    assert_eq!(status, 200);
    let response = post(
        &app,
        &editor,
        "/redactie/uitnodigingen",
        &page,
        &[("organisatie", organisation.as_str()), ("email", "contact@voorbeeld.nl")],
    )
    .await;
    assert_eq!(response.status(), 303);
    let invitation =
        mails(&app).into_iter().find(|m| m.to.contains("contact@voorbeeld.nl")).expect("an invitation mail");
    let claim = link(&invitation, "/uitnodiging/");
    let claim_path = claim.split_once("/uitnodiging/").map(|(_, t)| format!("/uitnodiging/{t}")).unwrap();

    // The contact claims the organisation with a new account.
    let provider = browser();
    let (status, page) = get(&app, &provider, &claim_path).await;
    assert_eq!(status, 200, "{page}");
    let response = post(
        &app,
        &provider,
        &claim_path,
        &page,
        &[("naam", "Petra de Vries"), ("wachtwoord", PASSWORD), ("herhaling", PASSWORD)],
    )
    .await;
    assert_eq!(response.status(), 303);
    let user = app.store.user_by_email("contact@voorbeeld.nl").await.unwrap().expect("an account");
    assert_eq!((user.role, user.organisations.clone()), (Role::Aanbieder, vec![organisation.clone()]));
    let (status, _) = get(&app, &provider, &claim_path).await;
    assert_eq!(status, 410, "an invitation works once");

    // The provider proposes a change; the published version stays until review.
    let edit = format!("/portaal/diensten/{}/bewerken", service.id);
    let (status, page) = get(&app, &provider, &edit).await;
    assert_eq!(status, 200);
    let mut pairs = form_pairs(&page, &edit);
    let summary = "Wij helpen ook bij de Zonnebloemstraatklussen, gratis en dichtbij.";
    set(&mut pairs, "samenvatting", summary);
    set(&mut pairs, "professionals", "Direct nummer intake 071 555 12 34, alleen voor verwijzers.");
    set(&mut pairs, "actie", "opslaan");
    let response = post_pairs(&app, &provider, &edit, &pairs).await;
    assert_eq!(response.status(), 303, "{}", response.text().await.unwrap());
    let proposal = app.store.pending_proposal_for(EntityKind::Service, &service.id).await.unwrap().expect("a proposal");
    assert_eq!(app.store.service(&service.id).await.unwrap().unwrap().summary, service.summary, "not yet published");
    assert!(mails(&app).iter().any(|m| m.to.contains("redactie@example.nl")), "the editor is told");

    // The editor sees the difference and approves.
    let (_, queue) = get(&app, &editor, "/redactie").await;
    assert!(queue.contains(service.name.as_str()), "the queue lists it");
    let review = format!("/redactie/voorstellen/{}", proposal.id);
    let (status, page) = get(&app, &editor, &review).await;
    assert_eq!(status, 200);
    assert!(page.contains("Zonnebloemstraatklussen"), "the new text is shown");
    let response = post(&app, &editor, &format!("{review}/goedkeuren"), &page, &[]).await;
    assert_eq!(response.status(), 303);
    let published = app.store.service(&service.id).await.unwrap().unwrap();
    assert_eq!(published.summary, summary);
    assert!(published.meta.verification.is_some(), "an approved change is a verification");
    let history = app.store.history(EntityKind::Service, &service.id).await.unwrap();
    let editor_id = app.store.user_by_email("redactie@example.nl").await.unwrap().unwrap().id;
    assert_eq!(history[0].actor.as_deref(), Some(format!("user:{editor_id}").as_str()), "who published it");
    assert_eq!(app.store.proposal(&proposal.id).await.unwrap().unwrap().status, ProposalStatus::Approved);
    assert!(
        mails(&app).iter().any(|m| m.to.contains("contact@voorbeeld.nl") && m.subject.contains(service.name.as_str()))
    );

    // Search follows the change log.
    let mut found = false;
    for _ in 0..100 {
        let (_, results) = app.get_text("/zoeken?q=zonnebloemstraatklussen").await;
        if results.contains(&format!("/diensten/{}", service.id)) {
            found = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(found, "the published change is found by search");

    // Professional notes: for the provider (and editors), never for the public.
    let public_page = format!("/diensten/{}", service.id);
    let anonymous = reqwest::Client::new();
    let (_, public) = get(&app, &anonymous, &slugged_for_public(&app, &public_page).await).await;
    assert!(!public.contains("071 555 12 34"), "public page");
    let redirect = provider.get(format!("{}{public_page}", app.address)).send().await.unwrap();
    let slugged = redirect.headers()["location"].to_str().unwrap().to_owned();
    let own_page = provider.get(format!("{}{slugged}", app.address)).send().await.unwrap();
    assert_eq!(own_page.headers()["cache-control"], "private, no-store", "no cache keeps a page with notes");
    let own = own_page.text().await.unwrap();
    assert!(own.contains("071 555 12 34"), "the provider sees its own notes");
    let (_, api) = app.get_text(&format!("/api/hsds/services/{}", service.id)).await;
    assert!(!api.contains("071 555 12 34"), "API");
}

async fn slugged_for_public(app: &TestApp, path: &str) -> String {
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let response = client.get(format!("{}{path}", app.address)).send().await.unwrap();
    response.headers()["location"].to_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_rejection_reaches_the_provider_by_mail_and_changes_nothing() {
    let app = spawn_app().await;
    let service = app.data.services[1].clone();
    add_user(&app, "eindredactie@example.nl", "eindredactie@example.nl", Role::Redacteur, Vec::new()).await;
    add_user(
        &app,
        "aanbieder@example.nl",
        "aanbieder@example.nl",
        Role::Aanbieder,
        vec![service.organisation_id.clone()],
    )
    .await;
    let provider = browser();
    log_in(&app, &provider, "aanbieder@example.nl").await;
    let edit = format!("/portaal/diensten/{}/bewerken", service.id);
    let (_, page) = get(&app, &provider, &edit).await;
    let mut pairs = form_pairs(&page, &edit);
    set(&mut pairs, "naam", "BESTE HULP VAN NEDERLAND!!!");
    set(&mut pairs, "uren_di_1_open", "09:00");
    set(&mut pairs, "uren_di_1_dicht", "12:00");
    set(&mut pairs, "uren_di_2_open", "19:00");
    set(&mut pairs, "uren_di_2_dicht", "21:00");
    set(&mut pairs, "actie", "opslaan");
    assert_eq!(post_pairs(&app, &provider, &edit, &pairs).await.status(), 303);
    let proposal = app.store.pending_proposal_for(EntityKind::Service, &service.id).await.unwrap().unwrap();

    let editor = browser();
    log_in(&app, &editor, "eindredactie@example.nl").await;
    let review = format!("/redactie/voorstellen/{}", proposal.id);
    let (_, page) = get(&app, &editor, &review).await;
    assert!(page.contains("dinsdag") && page.contains("19.00"), "hours in words on the review page");
    for raw in ["weekday", "Tue", "opens:", "closes:", service.id.as_str()] {
        assert!(
            !page.contains(&format!(">{raw}")) && !page.contains(&format!(" {raw}")),
            "raw {raw:?} on the review page"
        );
    }
    let empty = post(&app, &editor, &format!("{review}/afwijzen"), &page, &[("bericht", "  ")]).await;
    assert_eq!(empty.status(), 422, "a rejection needs a message");
    let message = "Gebruik de echte naam van de dienst, zonder hoofdletters en uitroeptekens.";
    let response = post(&app, &editor, &format!("{review}/afwijzen"), &page, &[("bericht", message)]).await;
    assert_eq!(response.status(), 303);

    let mail = mails(&app).into_iter().find(|m| m.to.contains("aanbieder@example.nl")).expect("a mail to the provider");
    assert!(mail.body.contains(message), "{}", mail.body);
    assert!(
        mail.reply_to.as_deref().is_some_and(|r| r.contains("eindredactie@example.nl")),
        "the provider can answer the editor"
    );
    assert_eq!(app.store.service(&service.id).await.unwrap().unwrap().name, service.name, "nothing published");
    let (_, portal) = get(&app, &provider, "/portaal").await;
    assert!(portal.contains(message), "the portal shows the message too");
    let (_, again) = get(&app, &provider, &edit).await;
    assert!(again.contains("BESTE HULP VAN NEDERLAND!!!"), "the provider goes on from the rejected proposal");
    assert!(again.contains(message), "with the editor's message above the form");
}

#[tokio::test]
async fn the_second_of_two_concurrent_saves_is_told_and_overwrites_nothing() {
    let app = spawn_app().await;
    let service = app.data.services[2].clone();
    let org = service.organisation_id.clone();
    add_user(&app, "een@example.nl", "een@example.nl", Role::Aanbieder, vec![org.clone()]).await;
    add_user(&app, "twee@example.nl", "twee@example.nl", Role::Aanbieder, vec![org]).await;
    let (first, second) = (browser(), browser());
    log_in(&app, &first, "een@example.nl").await;
    log_in(&app, &second, "twee@example.nl").await;
    let edit = format!("/portaal/diensten/{}/bewerken", service.id);
    let (_, page_one) = get(&app, &first, &edit).await;
    let (_, page_two) = get(&app, &second, &edit).await;
    let mut one = form_pairs(&page_one, &edit);
    set(&mut one, "wachttijd", "Ongeveer twee weken");
    set(&mut one, "actie", "opslaan");
    let mut two = form_pairs(&page_two, &edit);
    set(&mut two, "wachttijd", "Geen wachttijd");
    set(&mut two, "actie", "opslaan");
    assert_eq!(post_pairs(&app, &first, &edit, &one).await.status(), 303);
    let response = post_pairs(&app, &second, &edit, &two).await;
    assert_eq!(response.status(), 409);
    let page = response.text().await.unwrap();
    assert!(page.contains("Geen wachttijd"), "what the second person typed is kept in the form");
    let proposal = app.store.pending_proposal_for(EntityKind::Service, &service.id).await.unwrap().unwrap();
    assert!(proposal.data.contains("Ongeveer twee weken"), "the first save stands");
}

#[tokio::test]
async fn providers_cannot_touch_other_organisations_and_forms_need_their_token() {
    let app = spawn_app().await;
    let own = app.data.services[0].clone();
    let other = app.data.services.iter().find(|s| s.organisation_id != own.organisation_id).unwrap().clone();
    add_user(&app, "eigen@example.nl", "eigen@example.nl", Role::Aanbieder, vec![own.organisation_id.clone()]).await;
    let provider = browser();
    log_in(&app, &provider, "eigen@example.nl").await;
    let (status, _) = get(&app, &provider, &format!("/portaal/diensten/{}/bewerken", other.id)).await;
    assert_eq!(status, 403);
    let (status, _) = get(&app, &provider, "/redactie").await;
    assert_eq!(status, 403);
    let edit = format!("/portaal/diensten/{}/bewerken", own.id);
    let (_, page) = get(&app, &provider, &edit).await;
    let mut pairs = form_pairs(&page, &edit);
    pairs.retain(|(name, _)| name != "csrf");
    set(&mut pairs, "actie", "opslaan");
    assert_eq!(post_pairs(&app, &provider, &edit, &pairs).await.status(), 403, "no token, no save");
    set(&mut pairs, "csrf", "forged");
    assert_eq!(post_pairs(&app, &provider, &edit, &pairs).await.status(), 403, "a wrong token neither");
    assert!(app.store.pending_proposal_for(EntityKind::Service, &own.id).await.unwrap().is_none());
}

#[tokio::test]
async fn logging_in_gives_a_new_session_and_logging_out_ends_it() {
    let app = spawn_app().await;
    add_user(&app, "sessie@example.nl", "sessie@example.nl", Role::Professional, Vec::new()).await;
    let client = browser();
    let (_, page) = get(&app, &client, "/inloggen").await;
    let response =
        post(&app, &client, "/inloggen", &page, &[("email", "sessie@example.nl"), ("wachtwoord", PASSWORD)]).await;
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|v| v.starts_with("wegwijs_sessie="))
        .expect("a session cookie");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
    let session = cookie.split(';').next().unwrap().to_owned();

    // A copy of the cookie works until logout, and not after.
    let copy = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let portal = |c: &reqwest::Client| c.get(format!("{}/portaal", app.address)).header("cookie", &session).send();
    assert_eq!(portal(&copy).await.unwrap().status(), 200);
    let (_, page) = get(&app, &client, "/portaal").await;
    assert_eq!(post(&app, &client, "/uitloggen", &page, &[]).await.status(), 303);
    assert_eq!(portal(&copy).await.unwrap().status(), 303, "the session ended in the database");

    // A planted session id is never adopted: an unknown token is just no session.
    let planted =
        copy.get(format!("{}/portaal", app.address)).header("cookie", "wegwijs_sessie=planted").send().await.unwrap();
    assert_eq!(planted.status(), 303);
}

#[tokio::test]
async fn wrong_passwords_lock_the_account_and_many_tries_are_slowed_down() {
    let app = spawn_app().await;
    add_user(&app, "slot@example.nl", "slot@example.nl", Role::Redacteur, Vec::new()).await;
    let client = browser();
    let (_, page) = get(&app, &client, "/inloggen").await;
    let empty = post(&app, &client, "/inloggen", &page, &[("email", ""), ("wachtwoord", "")]).await;
    assert_eq!(empty.status(), 422);
    let text = empty.text().await.unwrap();
    assert!(text.contains("Vul uw e-mailadres in") && text.contains("Vul uw wachtwoord in"), "say what is missing");
    for _ in 0..5 {
        let response =
            post(&app, &client, "/inloggen", &page, &[("email", "slot@example.nl"), ("wachtwoord", "fout fout fout")])
                .await;
        assert_eq!(response.status(), 401);
    }
    let locked =
        post(&app, &client, "/inloggen", &page, &[("email", "slot@example.nl"), ("wachtwoord", PASSWORD)]).await;
    assert_eq!(locked.status(), 401);
    assert!(locked.text().await.unwrap().contains("geblokkeerd"), "the right password does not open a locked account");
    let mut limited = false;
    for _ in 0..10 {
        let response = post(&app, &client, "/inloggen", &page, &[("email", "x@example.nl"), ("wachtwoord", "x")]).await;
        if response.status() == 429 {
            limited = true;
            break;
        }
    }
    assert!(limited, "ten tries a minute from one address");
}

#[tokio::test]
async fn saving_without_changes_confirms_the_entry_instead_of_proposing_it() {
    let app = spawn_app().await;
    let service = app.data.services[3].clone();
    add_user(
        &app,
        "bevestig@example.nl",
        "bevestig@example.nl",
        Role::Aanbieder,
        vec![service.organisation_id.clone()],
    )
    .await;
    let provider = browser();
    log_in(&app, &provider, "bevestig@example.nl").await;
    let edit = format!("/portaal/diensten/{}/bewerken", service.id);
    let (_, page) = get(&app, &provider, &edit).await;
    let mut pairs = form_pairs(&page, &edit);
    set(&mut pairs, "actie", "opslaan");
    let response = post_pairs(&app, &provider, &edit, &pairs).await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/portaal?melding=bevestigd");
    assert!(app.store.pending_proposal_for(EntityKind::Service, &service.id).await.unwrap().is_none(), "no proposal");
    let confirmed = app.store.service(&service.id).await.unwrap().unwrap();
    assert_eq!(confirmed.summary, service.summary, "nothing else changed");
    let verification = confirmed.meta.verification.expect("a verification");
    assert_eq!(verification.by, wegwijs_domain::VerifiedBy::Provider);
    assert!(service.meta.verification.is_none_or(|before| verification.at > before.at));
    let (_, portal) = get(&app, &provider, "/portaal?melding=bevestigd").await;
    assert!(portal.contains("nog kloppen"), "the provider is told what happened");
}

#[tokio::test]
async fn mail_links_never_follow_the_host_header() {
    let app = spawn_app().await;
    add_user(&app, "rik@example.nl", "Rik", Role::Redacteur, Vec::new()).await;
    let client = browser();
    let (_, page) = get(&app, &client, "/wachtwoord-vergeten").await;
    let token = crate::helpers::csrf_in(&page).unwrap();
    let response = client
        .post(format!("{}/wachtwoord-vergeten", app.address))
        .header("host", "evil.example")
        .form(&[("email", "rik@example.nl"), ("csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let mail = mails(&app).into_iter().find(|m| m.to.contains("rik@example.nl")).expect("a reset mail");
    assert!(!mail.body.contains("evil.example"), "{}", mail.body);
    assert!(mail.body.contains(&format!("{}/wachtwoord-herstellen/", app.address)), "{}", mail.body);
}

#[tokio::test]
async fn a_new_service_starts_blank_needs_a_name_and_summary_and_waits_for_review() {
    let app = spawn_app().await;
    let organisation = app.data.organisations[0].id.clone();
    add_user(&app, "nieuw@example.nl", "nieuw@example.nl", Role::Aanbieder, vec![organisation.clone()]).await;
    let provider = browser();
    log_in(&app, &provider, "nieuw@example.nl").await;
    let new = format!("/portaal/organisaties/{organisation}/diensten/nieuw");
    let (status, page) = get(&app, &provider, &new).await;
    assert_eq!(status, 200);
    let mut pairs = form_pairs(&page, &new);
    assert_eq!(pairs.iter().find(|(n, _)| n == "naam").map(|(_, v)| v.as_str()), Some(""), "no made-up name");
    set(&mut pairs, "actie", "opslaan");
    let empty = post_pairs(&app, &provider, &new, &pairs).await;
    assert_eq!(empty.status(), 422, "an empty new service is not saved");
    set(&mut pairs, "naam", "Koffieochtend De Schakel");
    let nameless = post_pairs(&app, &provider, &new, &pairs).await;
    assert_eq!(nameless.status(), 422, "a name alone is not enough");
    set(&mut pairs, "samenvatting", "Elke dinsdag koffie en een praatje voor buurtbewoners.");
    let saved = post_pairs(&app, &provider, &new, &pairs).await;
    assert_eq!(saved.status(), 303);
    let id = wegwijs_domain::Id::parse(&pairs.iter().find(|(n, _)| n == "nieuw_id").unwrap().1).unwrap();
    let proposal = app.store.pending_proposal_for(EntityKind::Service, &id).await.unwrap().expect("a proposal");
    assert_eq!(proposal.base_seq, 0, "a proposal for a record that is not published yet");
    assert!(app.store.service(&id).await.unwrap().is_none(), "not on the map before review");
}
