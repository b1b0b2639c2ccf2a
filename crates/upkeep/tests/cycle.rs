//! The reminder cycle end to end on a fake clock: the real scheduler on a SQLite store
//! mails through a real SMTP server (aiosmtpd), organisations answer with the token of
//! their mail through the same store call the `/bevestigen` route makes, and the
//! editors get their digest. Also: a restart in the middle of a run, bouncing and
//! missing addresses, tampered, expired and replayed links, and the quiet hours.

use chrono::{DateTime, Datelike, TimeDelta, TimeZone, Utc, Weekday};
use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;
use tempfile::TempDir;
use wegwijs_demo::DemoConfig;
use wegwijs_domain::freshness::months;
use wegwijs_domain::{
    EmailAddress, FreshnessPolicy, Id, Name, Organisation, RecordMeta, Role, Service, ServiceStatus, Source, Stage,
    Verification, VerifiedBy,
};
use wegwijs_mail::testing::{ReceivedMail, SmtpSink};
use wegwijs_mail::{MailConfig, Mailer};
use wegwijs_store::{Confirmed, EntityKind, LinkState, NewUser, ReminderStatus, Store};
use wegwijs_upkeep::{SendWindow, Upkeep, UpkeepConfig};

const ORIGIN: &str = "https://wegwijs.example";
const EDITOR: &str = "redactie@example.nl";

/// Monday 4 January 2027, 10:00 Dutch time: inside the default send window.
fn monday() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 1, 4, 9, 0, 0).unwrap()
}

/// A fresh SQLite kaart in a temporary folder.
struct Kaart {
    store: Store,
    organisation: Organisation,
    service: Service,
    _dir: TempDir,
}

impl Kaart {
    async fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::connect(&format!("sqlite:{}", dir.path().join("wegwijs.db").display())).await.unwrap();
        store.migrate().await.unwrap();
        // Realistic records to copy from; taxonomy terms and locations are left out,
        // so only organisations and services need writing.
        let demo = wegwijs_demo::generate(&DemoConfig { services: 100, seed: 1, now: monday() });
        let service = Service { terms: Vec::new(), locations: Vec::new(), ..demo.services[0].clone() };
        Self { store, organisation: demo.organisations[0].clone(), service, _dir: dir }
    }

    /// Adds an organisation and its `services`, every entry last checked at `checked`.
    async fn add(&self, name: &str, email: Option<&str>, services: &[&str], checked: DateTime<Utc>) -> Id {
        let id = Id::derived("upkeep-cycle", name);
        let meta = RecordMeta {
            created: checked - TimeDelta::days(30),
            updated: checked - TimeDelta::days(1),
            verification: Some(Verification { at: checked, by: VerifiedBy::Import }),
            source: Source { name: "test".into(), reference: None },
        };
        let organisation = Organisation {
            id: id.clone(),
            name: Name::parse(name).unwrap(),
            email: email.map(|e| EmailAddress::parse(e).unwrap()),
            meta: meta.clone(),
            ..self.organisation.clone()
        };
        let mut tx = self.store.begin().await.unwrap();
        tx.put_organisation(&organisation).await.unwrap();
        for service in services {
            tx.put_service(&Service {
                id: Id::derived("upkeep-cycle", &format!("{name}/{service}")),
                organisation_id: id.clone(),
                name: Name::parse(service).unwrap(),
                status: ServiceStatus::Active,
                meta: meta.clone(),
                ..self.service.clone()
            })
            .await
            .unwrap();
        }
        tx.commit().await.unwrap();
        id
    }

    async fn add_editor(&self) {
        let editor = NewUser {
            email: EmailAddress::parse(EDITOR).unwrap(),
            name: "Rika Redacteur".into(),
            role: Role::Redacteur,
            organisations: Vec::new(),
            password: None,
        };
        self.store.create_user(&editor).await.unwrap();
    }

    /// The entries of an organisation as the confirmation page posts them.
    async fn entries(&self, organisation: &Id) -> Vec<(EntityKind, Id)> {
        let found = wegwijs_upkeep::entries::of(&self.store, organisation).await.unwrap().unwrap();
        found.entries.into_iter().map(|e| (e.kind, e.id)).collect()
    }

    /// The verification of the organisation record and of each of its services.
    async fn verifications(&self, organisation: &Id) -> Vec<Option<Verification>> {
        let record = self.store.organisation(organisation).await.unwrap().unwrap();
        let services = self.store.services_of_organisation(organisation).await.unwrap();
        std::iter::once(record.meta.verification).chain(services.into_iter().map(|s| s.meta.verification)).collect()
    }

    async fn steps(&self, organisation: &Id) -> Vec<(Stage, ReminderStatus)> {
        let mut steps: Vec<_> =
            self.store.reminders_of(organisation).await.unwrap().into_iter().map(|r| (r.step, r.status)).collect();
        steps.sort_by_key(|(step, _)| *step);
        steps
    }
}

fn upkeep(store: &Store, sink: &SmtpSink, window: SendWindow, batch: u32) -> Upkeep {
    let mailer = Mailer::new(MailConfig {
        smtp_url: Some(sink.url()),
        from: "Wegwijs Teylingen <noreply@example.nl>".into(),
        site_name: "Wegwijs Teylingen".into(),
        outbox: std::env::temp_dir(),
    })
    .unwrap();
    let config = UpkeepConfig { policy: FreshnessPolicy::default(), window, link_origin: ORIGIN.into(), batch };
    Upkeep::new(store.clone(), Arc::new(mailer), config)
}

/// The mails that arrived since the last call, each once.
struct Inbox<'a> {
    sink: &'a SmtpSink,
    seen: HashSet<String>,
}

impl<'a> Inbox<'a> {
    fn new(sink: &'a SmtpSink) -> Self {
        Self { sink, seen: HashSet::new() }
    }

    fn new_mails(&mut self) -> Vec<ReceivedMail> {
        self.sink.received().into_iter().filter(|mail| self.seen.insert(mail.raw.clone())).collect()
    }
}

fn to<'a>(mails: &'a [ReceivedMail], address: &str) -> Vec<&'a ReceivedMail> {
    mails.iter().filter(|m| m.to == address).collect()
}

/// The token of the "Alles klopt nog" link in a reminder.
fn token(mail: &ReceivedMail) -> String {
    let prefix = format!("{ORIGIN}/bevestigen/");
    let start = mail.body.find(&prefix).unwrap_or_else(|| panic!("no {prefix} in:\n{}", mail.body));
    mail.body[start + prefix.len()..].split_whitespace().next().unwrap().to_owned()
}

fn is_first_reminder(mail: &ReceivedMail) -> bool {
    mail.subject.starts_with("Kloppen de gegevens van ")
}

fn is_second_reminder(mail: &ReceivedMail) -> bool {
    mail.subject.starts_with("Herinnering: kloppen de gegevens van ")
}

#[tokio::test]
async fn a_year_on_a_fake_clock_reminds_confirms_escalates_and_warns_before_hiding() {
    let Some(sink) = SmtpSink::start() else { return };
    let kaart = Kaart::new().await;
    kaart.add_editor().await;
    let policy = FreshnessPolicy::default();
    let start = monday();
    // Their first reminder is due on Thursday and on Saturday of the first week.
    let linde_checked = start - TimeDelta::days(177);
    let sport_checked = start - TimeDelta::days(175);
    let linde =
        kaart.add("Buurthuis De Linde", Some("info@linde.nl"), &["Koffieochtend", "Taalcafé"], linde_checked).await;
    let sport = kaart.add("Sportclub Voorhout", Some("info@sportclub.nl"), &["Walking football"], sport_checked).await;
    let upkeep = upkeep(&kaart.store, &sink, SendWindow::default(), 200);

    let mut inbox = Inbox::new(&sink);
    let mut log: Vec<(DateTime<Utc>, ReceivedMail)> = Vec::new();
    let mut confirmed_at = Vec::new();
    for day in 0..370 {
        let now = start + TimeDelta::days(day);
        upkeep.run_once(now).await.unwrap();
        for mail in inbox.new_mails() {
            if mail.to == "info@linde.nl" {
                // De Linde answers every reminder the day it arrives.
                let entries = kaart.entries(&linde).await;
                assert_eq!(entries.len(), 3, "the organisation and its two services");
                match kaart.store.confirm_with_link(&token(&mail), &entries, now).await.unwrap() {
                    Confirmed::Done { organisation_id, records } => {
                        assert_eq!(organisation_id, linde);
                        assert_eq!(records.len(), 3, "{records:?}");
                    }
                    refused => panic!("the link of a fresh reminder was refused: {refused:?}"),
                }
                let fresh = Some(Verification { at: now, by: VerifiedBy::Provider });
                assert!(kaart.verifications(&linde).await.iter().all(|v| *v == fresh));
                confirmed_at.push(now);
            }
            log.push((now, mail));
        }
    }

    assert!(log.iter().all(|(at, _)| !matches!(at.weekday(), Weekday::Sat | Weekday::Sun)), "no mail at weekends");
    let mails_to = |address: &str| log.iter().filter(|(_, m)| m.to == address).collect::<Vec<_>>();

    // De Linde: one first reminder per cycle; each confirmation starts a new cycle that
    // reminds again only when the entries are old enough again.
    let linde_mails = mails_to("info@linde.nl");
    assert_eq!(
        linde_mails.len(),
        3,
        "one reminder per cycle: {:?}",
        linde_mails.iter().map(|(at, _)| at).collect::<Vec<_>>()
    );
    assert!(linde_mails.iter().all(|(_, m)| is_first_reminder(m)), "never a second reminder after confirming");
    assert_eq!(linde_mails[0].0, start + TimeDelta::days(3));
    for pair in confirmed_at.windows(2) {
        assert!(pair[1] - pair[0] >= policy.first_reminder, "a reminder came too soon after a confirmation: {pair:?}");
        assert!(
            pair[1] - pair[0] < policy.first_reminder + TimeDelta::days(3),
            "the next cycle started late: {pair:?}"
        );
    }
    let body = &linde_mails[0].1.body;
    for fact in ["Buurthuis De Linde", "Koffieochtend", "Taalcafé", "Deze link werkt tot 8 maart 2027"] {
        assert!(body.contains(fact), "{fact:?} missing from\n{body}");
    }
    assert_eq!(
        kaart.steps(&linde).await.iter().filter(|(step, _)| *step != Stage::FirstReminder).count(),
        0,
        "De Linde never goes past the first step"
    );

    // Sportclub: two reminders, then the editors, then the notice before hiding.
    let sport_mails = mails_to("info@sportclub.nl");
    assert_eq!(sport_mails.len(), 2, "{:#?}", sport_mails);
    assert!(is_first_reminder(&sport_mails[0].1) && is_second_reminder(&sport_mails[1].1));
    assert_eq!(sport_mails[0].0, start + TimeDelta::days(7), "due on Saturday, sent on Monday");
    assert!(sport_mails[1].0 - sport_checked >= policy.second_reminder);
    assert!(sport_mails[1].0 - sport_mails[0].0 >= policy.quiet_period);

    let digests = mails_to(EDITOR);
    assert_eq!(digests.len(), 2, "{:#?}", digests);
    let (escalated_at, escalation) = digests[0];
    assert!(*escalated_at - sport_checked >= policy.escalation);
    assert!(*escalated_at - sport_mails[1].0 >= policy.quiet_period);
    assert!(escalation.body.contains("Geen reactie op twee herinneringen"), "{}", escalation.body);
    assert!(escalation.body.contains("- Sportclub Voorhout (info@sportclub.nl)"), "{}", escalation.body);
    assert!(escalation.body.contains(&format!("{ORIGIN}/redactie/actualiteit")), "{}", escalation.body);
    let (notice_at, notice) = digests[1];
    assert!(*notice_at < sport_checked + policy.hide_after, "the notice must come before hiding");
    assert!(*notice_at >= sport_checked + policy.hide_after - policy.hide_notice);
    assert!(notice.body.contains("- Sportclub Voorhout (niet meer zichtbaar vanaf 4 januari 2028)"), "{}", notice.body);
    assert!(!notice.body.contains("Geen reactie op twee herinneringen"), "escalated once: {}", notice.body);
    assert!(digests.iter().all(|(_, m)| !m.body.contains("De Linde")), "a responsive organisation is not escalated");
    assert_eq!(
        kaart.steps(&sport).await,
        [
            (Stage::FirstReminder, ReminderStatus::Sent),
            (Stage::SecondReminder, ReminderStatus::Sent),
            (Stage::Escalated, ReminderStatus::Sent),
            (Stage::HidingSoon, ReminderStatus::Sent),
        ]
    );
    assert!(policy.is_hidden(sport_checked, start + TimeDelta::days(369)), "by now the Sportclub is hidden");
}

#[tokio::test]
async fn a_last_check_with_nanoseconds_still_leads_to_the_second_reminder() {
    // `Utc::now()` on the server has nanoseconds; the database keeps microseconds.
    let Some(sink) = SmtpSink::start() else { return };
    let kaart = Kaart::new().await;
    let start = monday();
    let checked = start - TimeDelta::days(275) + TimeDelta::nanoseconds(123_456_789);
    let org = kaart.add("Voedselbank Sassenheim", Some("info@voedselbank.nl"), &["Voedselpakket"], checked).await;
    let upkeep = upkeep(&kaart.store, &sink, SendWindow::ALWAYS, 200);
    for day in 0..20 {
        upkeep.run_once(start + TimeDelta::days(day)).await.unwrap();
    }
    let mails = sink.received();
    assert_eq!(mails.len(), 2, "{:#?}", mails.iter().map(|m| &m.subject).collect::<Vec<_>>());
    assert!(is_first_reminder(&mails[0]) && is_second_reminder(&mails[1]));
    assert_eq!(
        kaart.steps(&org).await,
        [(Stage::FirstReminder, ReminderStatus::Sent), (Stage::SecondReminder, ReminderStatus::Sent)]
    );
}

/// Twenty organisations due at once.
async fn twenty_due(kaart: &Kaart, checked: DateTime<Utc>) -> Vec<(Id, String)> {
    let mut organisations = Vec::new();
    for n in 0..20 {
        let email = format!("org{n}@example.nl");
        let id = kaart.add(&format!("Vereniging {n}"), Some(&email), &["Inloop"], checked).await;
        organisations.push((id, email));
    }
    organisations
}

#[tokio::test]
async fn restarts_between_batches_send_every_step_exactly_once() {
    let Some(sink) = SmtpSink::start() else { return };
    let kaart = Kaart::new().await;
    let start = monday();
    let checked = start - months(6) - TimeDelta::days(1);
    let organisations = twenty_due(&kaart, checked).await;

    for (step, now) in [(Stage::FirstReminder, start), (Stage::SecondReminder, checked + months(9))] {
        let mut runs = Vec::new();
        loop {
            // A new scheduler every time, as after a restart of the server.
            let report = upkeep(&kaart.store, &sink, SendWindow::ALWAYS, 7).run_once(now).await.unwrap();
            runs.push(report.reminders_sent);
            if report.reminders_sent == 0 {
                break;
            }
        }
        assert_eq!(runs, [7, 7, 6, 0], "{step:?}: a run delivers at most one batch");
        let mails = sink.received();
        for (id, email) in &organisations {
            let got = to(&mails, email);
            let expected = if step == Stage::FirstReminder { 1 } else { 2 };
            assert_eq!(got.len(), expected, "{email} after the {step:?} runs");
            assert!(kaart.steps(id).await.iter().all(|(_, status)| *status == ReminderStatus::Sent));
        }
    }
}

#[tokio::test]
async fn a_run_cut_off_mid_delivery_loses_nothing_and_repeats_at_most_the_mail_in_flight() {
    let Some(sink) = SmtpSink::start() else { return };
    let kaart = Kaart::new().await;
    let start = monday();
    let organisations = twenty_due(&kaart, start - months(6) - TimeDelta::days(1)).await;

    let cut_off = async {
        while sink.received().len() < 5 {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    };
    let first = upkeep(&kaart.store, &sink, SendWindow::ALWAYS, 200);
    tokio::select! {
        biased;
        () = cut_off => {}
        _ = first.run_once(start) => panic!("the run finished before it could be cut off"),
    }
    drop(first);
    let before_restart = sink.received().len();
    assert!(before_restart < 20, "the run was cut off: {before_restart} mails");

    let report = upkeep(&kaart.store, &sink, SendWindow::ALWAYS, 200).run_once(start).await.unwrap();
    assert!(report.reminders_sent + before_restart >= 20, "{report:?}");
    let mails = sink.received();
    assert!(mails.len() <= 21, "only the mail in flight may go twice: {} mails", mails.len());
    for (_, email) in &organisations {
        assert!(!to(&mails, email).is_empty(), "{email} got nothing");
    }
    let again = upkeep(&kaart.store, &sink, SendWindow::ALWAYS, 200).run_once(start).await.unwrap();
    assert_eq!(again.reminders_sent, 0, "nothing left to send");
}

#[tokio::test]
async fn a_bouncing_or_missing_address_goes_to_the_editors_at_the_next_run() {
    let Some(sink) = SmtpSink::start_refusing(&["weg@example.nl"]) else { return };
    let kaart = Kaart::new().await;
    kaart.add_editor().await;
    let start = monday();
    let checked = start - months(6) - TimeDelta::days(1);
    let bouncing = kaart.add("Zangkoor De Lier", Some("weg@example.nl"), &["Repetitie"], checked).await;
    let silent = kaart.add("Repair Café Warmond", None, &["Reparaties"], checked).await;
    let fine = kaart.add("Wijkvereniging Oost", Some("oost@example.nl"), &["Buurtfeest"], checked).await;
    let upkeep = upkeep(&kaart.store, &sink, SendWindow::ALWAYS, 200);

    let report = upkeep.run_once(start).await.unwrap();
    assert_eq!((report.queued, report.reminders_sent, report.bounced), (3, 1, 1), "{report:?}");
    assert_eq!(kaart.steps(&bouncing).await, [(Stage::FirstReminder, ReminderStatus::Bounced)]);
    let bounced = kaart.store.reminders_of(&bouncing).await.unwrap().remove(0);
    assert!(bounced.error.as_deref().is_some_and(|e| e.contains("550")), "{bounced:?}");
    assert_eq!(kaart.steps(&silent).await, [(Stage::FirstReminder, ReminderStatus::NoAddress)]);

    let report = upkeep.run_once(start + TimeDelta::days(1)).await.unwrap();
    assert_eq!((report.queued, report.digests_sent), (2, 1), "{report:?}");
    let mails = sink.received();
    let digest = to(&mails, EDITOR);
    assert_eq!(digest.len(), 1);
    let body = &digest[0].body;
    assert!(body.contains("- Zangkoor De Lier (e-mail aan weg@example.nl kwam niet aan)"), "{body}");
    assert!(body.contains("- Repair Café Warmond (geen e-mailadres)"), "{body}");
    assert!(!body.contains("Wijkvereniging Oost"), "{body}");
    assert!(!body.contains("Geen reactie op twee herinneringen"), "nobody was ignored yet: {body}");

    // A quarter later: the reachable one gets its second reminder, the others nothing more.
    for day in 2..100 {
        upkeep.run_once(start + TimeDelta::days(day)).await.unwrap();
    }
    assert_eq!(
        kaart.steps(&bouncing).await,
        [(Stage::FirstReminder, ReminderStatus::Bounced), (Stage::Escalated, ReminderStatus::Sent)]
    );
    assert_eq!(
        kaart.steps(&silent).await,
        [(Stage::FirstReminder, ReminderStatus::NoAddress), (Stage::Escalated, ReminderStatus::Sent)]
    );
    assert_eq!(
        kaart.steps(&fine).await,
        [(Stage::FirstReminder, ReminderStatus::Sent), (Stage::SecondReminder, ReminderStatus::Sent)]
    );
    let mails = sink.received();
    assert_eq!(to(&mails, EDITOR).len(), 1, "one digest so far");
    assert_eq!(to(&mails, "oost@example.nl").len(), 2);
}

#[tokio::test]
async fn links_that_are_tampered_with_expired_replayed_or_aimed_at_another_organisation_confirm_nothing() {
    let Some(sink) = SmtpSink::start() else { return };
    let kaart = Kaart::new().await;
    let start = monday();
    let checked = start - months(6) - TimeDelta::days(1);
    let mut organisations = Vec::new();
    for name in ["Alfa", "Bravo", "Charlie", "Delta", "Echo"] {
        let email = format!("{}@example.nl", name.to_lowercase());
        let id = kaart.add(&format!("Stichting {name}"), Some(&email), &["Spreekuur", "Huisbezoek"], checked).await;
        organisations.push((id, email));
    }
    upkeep(&kaart.store, &sink, SendWindow::ALWAYS, 200).run_once(start).await.unwrap();
    let mails = sink.received();
    let token_of = |n: usize| token(to(&mails, &organisations[n].1)[0]);
    let [(alfa, _), (bravo, _), (charlie, _), (delta, _), (echo, _)] = &organisations[..] else { unreachable!() };
    let old = Some(Verification { at: checked, by: VerifiedBy::Import });
    let untouched = |verifications: Vec<Option<Verification>>| verifications.iter().all(|v| *v == old);
    let now = start + TimeDelta::days(1);

    // Tampered: one character changed.
    let good = token_of(0);
    let mut tampered = good.clone();
    let last = tampered.pop().unwrap();
    tampered.push(if last == 'A' { 'B' } else { 'A' });
    assert_eq!(kaart.store.reminder_link(&tampered, now).await.unwrap(), LinkState::Unknown);
    let entries = kaart.entries(alfa).await;
    assert_eq!(
        kaart.store.confirm_with_link(&tampered, &entries, now).await.unwrap(),
        Confirmed::Refused(LinkState::Unknown)
    );
    assert!(untouched(kaart.verifications(alfa).await));

    // Replayed: the second use changes nothing, not even the change log.
    assert!(matches!(kaart.store.confirm_with_link(&good, &entries, now).await.unwrap(), Confirmed::Done { .. }));
    let fresh = Some(Verification { at: now, by: VerifiedBy::Provider });
    assert!(kaart.verifications(alfa).await.iter().all(|v| *v == fresh));
    let seq = kaart.store.last_change_seq().await.unwrap();
    let later = now + TimeDelta::days(1);
    assert_eq!(
        kaart.store.confirm_with_link(&good, &entries, later).await.unwrap(),
        Confirmed::Refused(LinkState::AlreadyConfirmed(now))
    );
    assert!(kaart.verifications(alfa).await.iter().all(|v| *v == fresh));
    assert_eq!(kaart.store.last_change_seq().await.unwrap(), seq);

    // Bravo's link with Charlie's entries (and Bravo's own organisation record): only
    // Bravo's own record is confirmed.
    let mut mixed = kaart.entries(charlie).await;
    mixed.push((EntityKind::Organisation, bravo.clone()));
    match kaart.store.confirm_with_link(&token_of(1), &mixed, now).await.unwrap() {
        Confirmed::Done { organisation_id, records } => {
            assert_eq!(organisation_id, *bravo);
            assert_eq!(records, [(EntityKind::Organisation, bravo.clone())]);
        }
        refused => panic!("{refused:?}"),
    }
    assert!(untouched(kaart.verifications(charlie).await), "another organisation's entries stay as they were");

    // Two clicks at the same moment (a double click, a mail scanner): one confirms.
    let echo_token = token_of(4);
    let entries = kaart.entries(echo).await;
    let (one, other) = tokio::join!(
        kaart.store.confirm_with_link(&echo_token, &entries, now),
        kaart.store.confirm_with_link(&echo_token, &entries, now),
    );
    let mut outcomes = [one.unwrap(), other.unwrap()];
    outcomes.sort_by_key(|outcome| matches!(outcome, Confirmed::Refused(_)));
    assert!(matches!(&outcomes[0], Confirmed::Done { records, .. } if records.len() == 3), "{outcomes:?}");
    assert_eq!(outcomes[1], Confirmed::Refused(LinkState::AlreadyConfirmed(now)));

    // Expired: the link lives 60 days.
    let expired = start + FreshnessPolicy::default().link_lifetime + TimeDelta::seconds(1);
    let delta_token = token_of(3);
    assert_eq!(kaart.store.reminder_link(&delta_token, expired).await.unwrap(), LinkState::Expired);
    let entries = kaart.entries(delta).await;
    assert_eq!(
        kaart.store.confirm_with_link(&delta_token, &entries, expired).await.unwrap(),
        Confirmed::Refused(LinkState::Expired)
    );
    assert!(untouched(kaart.verifications(delta).await));
    let just_in_time = expired - TimeDelta::seconds(2);
    assert!(matches!(kaart.store.reminder_link(&delta_token, just_in_time).await.unwrap(), LinkState::Valid(_)));
}

#[tokio::test]
async fn nothing_goes_out_at_night_or_at_the_weekend_and_queued_steps_wait_for_the_window() {
    let Some(sink) = SmtpSink::start() else { return };
    let kaart = Kaart::new().await;
    let saturday = Utc.with_ymd_and_hms(2027, 1, 9, 9, 0, 0).unwrap();
    let due =
        kaart.add("Kledingbank Voorhout", Some("kleding@example.nl"), &["Kledingwinkel"], saturday - months(6)).await;
    // Old enough for the second reminder: it must still wait for the first one.
    let old = kaart.add("Tafeltje Dekje", Some("tafel@example.nl"), &["Maaltijden"], saturday - months(10)).await;
    let upkeep = upkeep(&kaart.store, &sink, SendWindow::default(), 200);

    let report = upkeep.run_once(saturday).await.unwrap();
    assert!(report.outside_window && report.queued == 2 && report.reminders_sent == 0, "{report:?}");
    let report = upkeep.run_once(saturday + TimeDelta::days(1)).await.unwrap();
    assert!(report.outside_window && report.reminders_sent == 0, "{report:?}");
    let monday_night = Utc.with_ymd_and_hms(2027, 1, 11, 2, 0, 0).unwrap(); // 03:00 Dutch time
    let report = upkeep.run_once(monday_night).await.unwrap();
    assert!(report.outside_window && report.reminders_sent == 0, "{report:?}");
    assert!(sink.received().is_empty());

    let monday_morning = Utc.with_ymd_and_hms(2027, 1, 11, 9, 0, 0).unwrap();
    let report = upkeep.run_once(monday_morning).await.unwrap();
    assert!(!report.outside_window && report.reminders_sent == 2, "{report:?}");
    let mails = sink.received();
    for address in ["kleding@example.nl", "tafel@example.nl"] {
        let got = to(&mails, address);
        assert_eq!(got.len(), 1, "one mail to {address}: {:?}", got.iter().map(|m| &m.subject).collect::<Vec<_>>());
        assert!(is_first_reminder(got[0]));
    }

    // The second reminder comes after the quiet period, in the window.
    for day in 1..=14 {
        upkeep.run_once(monday_morning + TimeDelta::days(day)).await.unwrap();
    }
    let mails = sink.received();
    let tafel = to(&mails, "tafel@example.nl");
    assert_eq!(tafel.len(), 2);
    assert!(is_second_reminder(tafel[1]));
    assert_eq!(to(&mails, "kleding@example.nl").len(), 1);
    assert_eq!(kaart.steps(&due).await, [(Stage::FirstReminder, ReminderStatus::Sent)]);
    assert_eq!(
        kaart.steps(&old).await,
        [(Stage::FirstReminder, ReminderStatus::Sent), (Stage::SecondReminder, ReminderStatus::Sent)]
    );
}
