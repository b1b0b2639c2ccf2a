//! The editors' dashboard `/redactie/actualiteit`: the numbers on the page are the
//! numbers of the data (entries aged through the store, reminder steps, an error report
//! and the search log), the charts are images with a description, names are escaped,
//! and only editors get in.

use crate::browsing::{add_user, browser, get, log_in};
use crate::helpers::{TestApp, spawn_app};
use chrono::{DateTime, TimeDelta, Utc};
use scraper::{ElementRef, Html, Selector};
use wegwijs_domain::{
    EmailAddress, Id, Name, Phone, PhoneKind, PhoneNumber, Role, ServiceStatus, Stage, Verification, VerifiedBy,
};
use wegwijs_store::{LoggedSearch, NewErrorReport, NewReminder, PageLanguage, ReminderStatus};

const ESCAPED_NAME: &str = "Oud <b>& Co</b>";

/// Sets the last check of an organisation and of all its services to `checked`, and
/// returns how many of its services are active (entries on the dashboard).
async fn age(app: &TestApp, organisation: &Id, checked: DateTime<Utc>) -> u64 {
    let verification = Some(Verification { at: checked, by: VerifiedBy::Import });
    let mut tx = app.store.begin().await.unwrap();
    let mut record = app.store.organisation(organisation).await.unwrap().unwrap();
    record.meta.verification = verification.clone();
    tx.put_organisation(&record).await.unwrap();
    let mut active = 0;
    for mut service in app.store.services_of_organisation(organisation).await.unwrap() {
        service.meta.verification = verification.clone();
        active += u64::from(service.status == ServiceStatus::Active);
        tx.put_service(&service).await.unwrap();
    }
    tx.commit().await.unwrap();
    active
}

fn select<'a>(html: &'a Html, selector: &str) -> Vec<ElementRef<'a>> {
    html.select(&Selector::parse(selector).unwrap()).collect()
}

fn text(element: &ElementRef) -> String {
    element.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The cells of the row headed `label` in the table of the section `section`.
fn row(html: &Html, section: &str, label: &str) -> Vec<String> {
    let rows = select(html, &format!("#{section} table tbody tr"));
    let row = rows
        .iter()
        .find(|r| select_in(r, "th").first().is_some_and(|th| text(th) == label))
        .unwrap_or_else(|| panic!("no row {label:?} in #{section}"));
    select_in(row, "td").iter().map(text).collect()
}

/// The rows of the table in the section `section`, each as its cells' texts joined by
/// a space.
fn rows(html: &Html, section: &str) -> Vec<String> {
    select(html, &format!("#{section} table tbody tr"))
        .iter()
        .map(|row| select_in(row, "th, td").iter().map(text).collect::<Vec<_>>().join(" "))
        .collect()
}

fn select_in<'a>(element: &ElementRef<'a>, selector: &str) -> Vec<ElementRef<'a>> {
    element.select(&Selector::parse(selector).unwrap()).collect()
}

#[tokio::test]
async fn editors_see_the_numbers_of_the_data_and_nobody_else_gets_in() {
    let app = spawn_app().await;
    let now = Utc::now();
    let mut organisations: Vec<Id> = app.data.organisations.iter().map(|o| o.id.clone()).collect();
    organisations.sort();
    let [half_year, stale, hidden, soon] = [0, 1, 2, 3].map(|i| organisations[i].clone());

    // Everything checked 10 days ago, then four organisations aged.
    let mut entries = 0;
    for organisation in &organisations {
        entries += 1 + age(&app, organisation, now - TimeDelta::days(10)).await;
    }
    let half_year_entries = 1 + age(&app, &half_year, now - TimeDelta::days(200)).await;
    let stale_entries = 1 + age(&app, &stale, now - TimeDelta::days(400)).await;
    let hidden_services = age(&app, &hidden, now - TimeDelta::days(600)).await;
    age(&app, &soon, now - TimeDelta::days(175)).await;
    assert!(half_year_entries > 1 && stale_entries > 1 && hidden_services > 0, "the demo organisations have services");

    // The stale one: a name with markup, no address, a phone number, and a reminder
    // that could not be sent.
    let mut tx = app.store.begin().await.unwrap();
    let mut record = app.store.organisation(&stale).await.unwrap().unwrap();
    record.name = Name::parse(ESCAPED_NAME).unwrap();
    record.email = None;
    record.phones = vec![Phone {
        id: Id::derived("test", "phone"),
        number: PhoneNumber::parse("0252 123 456").unwrap(),
        kind: PhoneKind::Voice,
        description: None,
    }];
    tx.put_organisation(&record).await.unwrap();
    tx.commit().await.unwrap();
    let cycle = wegwijs_upkeep::entries::of(&app.store, &stale).await.unwrap().unwrap().oldest_check();
    let new = NewReminder { organisation_id: stale.clone(), cycle, step: Stage::FirstReminder, email: None };
    let step = app.store.queue_reminder(&new, now - TimeDelta::days(3)).await.unwrap().unwrap();
    assert_eq!(step.status, ReminderStatus::NoAddress);
    // The half-year one: a reminder sent and opened this week.
    let cycle = wegwijs_upkeep::entries::of(&app.store, &half_year).await.unwrap().unwrap().oldest_check();
    let email = Some(EmailAddress::parse("info@voorbeeld.nl").unwrap());
    let new = NewReminder { organisation_id: half_year.clone(), cycle, step: Stage::FirstReminder, email };
    let sent = app.store.queue_reminder(&new, now - TimeDelta::minutes(5)).await.unwrap().unwrap();
    app.store.record_delivery(&sent.id, ReminderStatus::Sent, None, now - TimeDelta::minutes(4)).await.unwrap();
    app.store.note_reminder_opened(&sent.id, now - TimeDelta::minutes(3)).await.unwrap();

    let service = &app.data.services[0];
    app.store
        .add_error_report(&NewErrorReport {
            service_id: service.id.clone(),
            organisation_id: service.organisation_id.clone(),
            message: "Het telefoonnummer klopt niet meer.".to_owned(),
            reporter_email: None,
            page_language: PageLanguage::Nl,
        })
        .await
        .unwrap();
    let today = now.with_timezone(&chrono_tz::Europe::Amsterdam).date_naive();
    let logged = |query: &str, day, fewest| LoggedSearch { query: query.to_owned(), day, searches: 3, fewest };
    app.store
        .record_searches(&[
            logged("zwemles voor honden", today, 0),
            logged("schuldhulp", today, 4),
            logged("te oud gezocht", today - TimeDelta::days(40), 0),
        ])
        .await
        .unwrap();

    add_user(&app, "redactie@voorbeeld.nl", "Rea Dactie", Role::Redacteur, Vec::new()).await;
    let editor = browser();
    log_in(&app, &editor, "redactie@voorbeeld.nl").await;
    let (status, page) = get(&app, &editor, "/redactie/actualiteit").await;
    assert_eq!(status, 200, "{page}");
    let html = Html::parse_document(&page);
    let main = text(&select(&html, "main")[0]);

    // The overall numbers in words.
    let within_year = entries - stale_entries - (1 + hidden_services);
    let recent = within_year - half_year_entries - 1;
    let percent = |part: u64| (part * 200 + entries).div_euclid(entries * 2);
    let year_sentence =
        format!("{}% van de {entries} vermeldingen is in de laatste 12 maanden gecontroleerd.", percent(within_year));
    assert!(main.contains(&year_sentence), "{year_sentence:?} in {main}");
    assert!(main.contains(&format!("{}% is in de laatste 6 maanden gecontroleerd.", percent(recent))), "{main}");

    // Per organisation: together, last 6 months, 6–12 months, longer ago.
    assert_eq!(row(&html, "organisaties", ESCAPED_NAME), ["0%", "0%", "0%", "100%"]);
    let half_year_name = app.store.organisation(&half_year).await.unwrap().unwrap().name.to_string();
    assert_eq!(row(&html, "organisaties", &half_year_name), ["100%", "0%", "100%", "0%"]);

    // Charts are images described in words, with their tables.
    let charts = select(&html, "main svg[role=img]");
    assert_eq!(charts.len(), 4, "organisations, themes, places, reminders");
    for chart in &charts {
        let desc = select_in(chart, "desc");
        assert!(desc.first().is_some_and(|d| text(d).len() > 20), "a <desc> that says the numbers");
    }
    assert_eq!(select(&html, "main details table.chart-table").len(), 4, "a table under every chart");

    // The lists.
    let hidden_name = app.store.organisation(&hidden).await.unwrap().unwrap().name.to_string();
    let hidden_rows: Vec<String> = rows(&html, "verborgen");
    assert_eq!(hidden_rows.len(), 1, "{hidden_rows:?}");
    let expected = format!("{hidden_name} {hidden_services} van {hidden_services}");
    assert!(hidden_rows[0].starts_with(&expected), "{expected:?}: {hidden_rows:?}");
    let soon_name = app.store.organisation(&soon).await.unwrap().unwrap().name.to_string();
    let upcoming: Vec<String> = rows(&html, "binnenkort");
    assert!(
        upcoming.iter().any(|r| r.contains(&soon_name) && r.contains("De organisatie krijgt een herinnering")),
        "checked 175 days ago: a reminder in 5 days: {upcoming:?}"
    );
    let waiting: Vec<String> = rows(&html, "wachten");
    assert_eq!(waiting.len(), 1, "{waiting:?}");
    assert!(waiting[0].starts_with(&format!("{ESCAPED_NAME} Geen e-mailadres Onbekend 0252 123 456")), "{waiting:?}");
    assert!(page.contains("href=\"tel:+31252123456\""), "the phone number can be called");
    assert!(main.contains("In de laatste 12 weken: 1 verstuurd, 1 geopend en 0 bevestigd."), "{main}");
    assert!(main.contains("Er wacht 1 foutmelding van een bewoner."));
    let searches: Vec<String> = rows(&html, "zoekvragen");
    assert_eq!(searches, ["zwemles voor honden 3"], "no results in the last 4 weeks only");

    // The name with markup is text everywhere, also inside the charts.
    assert!(!page.contains("<b>& Co</b>"), "markup in a name is escaped");
    assert!(select(&html, "main b").is_empty());
    let bar_titles: Vec<String> = select(&html, "#organisaties svg g > title").iter().map(text).collect();
    assert!(bar_titles.iter().any(|t| t == ESCAPED_NAME), "the bar of the name, as text: {bar_titles:?}");

    // The queue links here; providers and visitors do not get in.
    let (_, queue) = get(&app, &editor, "/redactie").await;
    assert!(queue.contains("href=\"/redactie/actualiteit\""));
    add_user(&app, "aanbieder@voorbeeld.nl", "Aan Bieder", Role::Aanbieder, vec![soon.clone()]).await;
    let provider = browser();
    log_in(&app, &provider, "aanbieder@voorbeeld.nl").await;
    let (status, _) = get(&app, &provider, "/redactie/actualiteit").await;
    assert_eq!(status, 403);
    let anonymous = app.get_no_redirect("/redactie/actualiteit").await;
    assert_eq!(anonymous.status(), 303);
    let login = anonymous.headers()["location"].to_str().unwrap();
    assert!(login.starts_with("/inloggen?terug="), "{login}");
}

#[tokio::test]
async fn the_organisations_table_is_paged_and_a_bad_page_is_refused() {
    let app = spawn_app().await;
    add_user(&app, "redactie@voorbeeld.nl", "Rea Dactie", Role::Redacteur, Vec::new()).await;
    let editor = browser();
    log_in(&app, &editor, "redactie@voorbeeld.nl").await;
    let (status, page) = get(&app, &editor, "/redactie/actualiteit?pagina=1").await;
    assert_eq!(status, 200);
    let html = Html::parse_document(&page);
    assert_eq!(select(&html, "#organisaties details[open]").len(), 1, "asking for a page unfolds the table");
    let organisations = app.data.organisations.len();
    assert_eq!(select(&html, "#organisaties details tbody tr").len(), organisations.min(100));
    assert!(organisations > 20, "enough organisations to cut the chart: {organisations}");
    let bars = select(&html, "#organisaties svg > g:not(.wc-legend)").len();
    assert_eq!(bars, 15, "the chart shows the 15 lowest of more than 20 organisations");
    let note = format!("De grafiek toont de 15 met het laagste deel. In de tabel staan ze alle {organisations}.");
    assert!(text(&select(&html, "#organisaties")[0]).contains(&note), "{note}");
    let themes = select(&html, "#themas details tbody tr").len();
    assert!(themes > 1 && themes <= 20, "{themes} themes");
    assert_eq!(select(&html, "#themas svg > g:not(.wc-legend)").len(), themes, "up to 20 rows all are drawn");
    for bad in ["pagina=nul", "pagina=0", "plaatsen=-1"] {
        let (status, _) = get(&app, &editor, &format!("/redactie/actualiteit?{bad}")).await;
        assert_eq!(status, 400, "{bad}");
    }
}
