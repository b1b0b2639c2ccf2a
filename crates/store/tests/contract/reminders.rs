//! The reminder cycle's state: a step is queued once per cycle, delivered once, and its
//! "Alles klopt nog" link confirms its own organisation's entries, once, until it expires.

use crate::fixtures::*;
use chrono::TimeDelta;
use wegwijs_domain::{EmailAddress, Stage, VerifiedBy};
use wegwijs_store::{Confirmed, EntityKind, LinkState, NewReminder, ReminderStatus, Store};

const ALL: [Stage; 4] = [Stage::FirstReminder, Stage::SecondReminder, Stage::Escalated, Stage::HidingSoon];

fn step(organisation: &str, step: Stage) -> NewReminder {
    NewReminder {
        organisation_id: id(organisation),
        cycle: at(1),
        step,
        email: Some(EmailAddress::parse("info@example.nl").unwrap()),
    }
}

/// Organisations `org` (from the seed) and `other`, each with one service.
async fn setup(store: &Store) {
    seed(store).await;
    add_organisation(store, "other").await;
    let mut tx = store.begin().await.unwrap();
    tx.put_service(&service_named("svc", "org", "Maaltijdservice")).await.unwrap();
    tx.put_service(&service_named("svc-other", "other", "Klussendienst")).await.unwrap();
    tx.commit().await.unwrap();
}

contract_test!(
    async fn a_step_is_queued_once_per_cycle_and_delivered_once(store) {
        setup(&store).await;
        let first = store.queue_reminder(&step("org", Stage::FirstReminder), at(2)).await.unwrap().unwrap();
        assert_eq!(first.status, ReminderStatus::Queued);
        assert_eq!(store.queue_reminder(&step("org", Stage::FirstReminder), at(3)).await.unwrap(), None);
        let next_cycle = NewReminder { cycle: at(4), ..step("org", Stage::FirstReminder) };
        assert!(store.queue_reminder(&next_cycle, at(5)).await.unwrap().is_some(), "a new cycle");
        let no_address = NewReminder { email: None, ..step("other", Stage::FirstReminder) };
        let unreachable = store.queue_reminder(&no_address, at(2)).await.unwrap().unwrap();
        assert_eq!(unreachable.status, ReminderStatus::NoAddress, "nothing to deliver");

        let waiting = store.reminders_to_deliver(&ALL, 10).await.unwrap();
        assert_eq!(waiting.len(), 2);
        assert_eq!(waiting[0].id, first.id, "oldest first");
        store.record_delivery(&first.id, ReminderStatus::Sent, None, at(6)).await.unwrap();
        let delivered = store.reminder(&first.id).await.unwrap().unwrap();
        assert_eq!((delivered.status, delivered.sent_at, delivered.attempts), (ReminderStatus::Sent, Some(at(6)), 1));
        assert_eq!(store.reminders_to_deliver(&ALL, 10).await.unwrap().len(), 1);
        assert_eq!(store.reminders_of(&id("org")).await.unwrap().len(), 2);
        let both = store.reminders_of_organisations(&[id("org"), id("other"), id("nobody")]).await.unwrap();
        assert_eq!(both[&id("org")], store.reminders_of(&id("org")).await.unwrap(), "the same, newest first");
        assert_eq!(both[&id("other")].len(), 1);
        assert!(!both.contains_key(&id("nobody")));
        assert_eq!(store.reminders_since(at(3)).await.unwrap().len(), 1);
        let editor_step = store.queue_reminder(&step("org", Stage::Escalated), at(7)).await.unwrap().unwrap();
        let digest = store.reminders_to_deliver(&[Stage::Escalated, Stage::HidingSoon], 10).await.unwrap();
        assert_eq!(digest.iter().map(|r| &r.id).collect::<Vec<_>>(), [&editor_step.id], "asked for by kind");
        assert!(store.reminders_to_deliver(&[Stage::HidingSoon], 10).await.unwrap().is_empty());
    }
);

contract_test!(
    async fn a_temporary_failure_is_tried_again_a_few_times(store) {
        setup(&store).await;
        let first = store.queue_reminder(&step("org", Stage::FirstReminder), at(2)).await.unwrap().unwrap();
        for _ in 0..wegwijs_store::MAX_ATTEMPTS {
            assert_eq!(store.reminders_to_deliver(&ALL, 10).await.unwrap().len(), 1);
            store.record_delivery(&first.id, ReminderStatus::Failed, Some("421 try later"), at(3)).await.unwrap();
        }
        assert!(store.reminders_to_deliver(&ALL, 10).await.unwrap().is_empty(), "given up after MAX_ATTEMPTS");
        let failed = store.reminder(&first.id).await.unwrap().unwrap();
        assert_eq!(failed.error.as_deref(), Some("421 try later"));
    }
);

contract_test!(
    async fn a_link_confirms_its_own_organisation_once_until_it_expires(store) {
        setup(&store).await;
        let first = store.queue_reminder(&step("org", Stage::FirstReminder), at(2)).await.unwrap().unwrap();
        let token = store.issue_reminder_link(&first.id, at(20)).await.unwrap();
        assert!(matches!(store.reminder_link(&token, at(3)).await.unwrap(), LinkState::Valid(_)));
        assert_eq!(store.reminder_link("made-up", at(3)).await.unwrap(), LinkState::Unknown);
        let mut tampered = token.clone();
        tampered.replace_range(0..1, if token.starts_with('A') { "B" } else { "A" });
        assert_eq!(store.reminder_link(&tampered, at(3)).await.unwrap(), LinkState::Unknown);
        assert_eq!(store.reminder_link(&token, at(21)).await.unwrap(), LinkState::Expired);
        let expired = store.confirm_with_link(&token, &[(EntityKind::Service, id("svc"))], at(21)).await.unwrap();
        assert_eq!(expired, Confirmed::Refused(LinkState::Expired));
        assert!(store.service(&id("svc")).await.unwrap().unwrap().meta.verification.is_none_or(|v| v.at != at(21)));

        store.note_reminder_opened(&first.id, at(4)).await.unwrap();
        let chosen = [
            (EntityKind::Service, id("svc")),
            (EntityKind::Organisation, id("org")),
            (EntityKind::Service, id("svc-other")),
            (EntityKind::Organisation, id("other")),
        ];
        let done = store.confirm_with_link(&token, &chosen, at(5)).await.unwrap();
        assert_eq!(
            done,
            Confirmed::Done {
                organisation_id: id("org"),
                records: vec![(EntityKind::Service, id("svc")), (EntityKind::Organisation, id("org"))],
            },
            "another organisation's entries are left alone"
        );
        let service = store.service(&id("svc")).await.unwrap().unwrap();
        let verification = service.meta.verification.unwrap();
        assert_eq!((verification.at, verification.by), (at(5), VerifiedBy::Provider));
        let organisation = store.organisation(&id("org")).await.unwrap().unwrap();
        assert_eq!(organisation.meta.verification.unwrap().at, at(5));
        assert!(store.service(&id("svc-other")).await.unwrap().unwrap().meta.verification.is_none_or(|v| v.at != at(5)));
        let history = store.history(EntityKind::Service, &id("svc")).await.unwrap();
        assert_eq!(history[0].actor.as_deref(), Some(format!("confirmation:{}", first.id).as_str()));

        let replay = store.confirm_with_link(&token, &chosen, at(6)).await.unwrap();
        assert_eq!(replay, Confirmed::Refused(LinkState::AlreadyConfirmed(at(5))));
        assert_eq!(store.service(&id("svc")).await.unwrap().unwrap().meta.verification.unwrap().at, at(5));
        let stored = store.reminder(&first.id).await.unwrap().unwrap();
        assert_eq!((stored.opened_at, stored.confirmed_at), (Some(at(4)), Some(at(5))));
    }
);

contract_test!(
    async fn a_new_link_for_a_step_replaces_the_old_one(store) {
        setup(&store).await;
        let first = store.queue_reminder(&step("org", Stage::FirstReminder), at(2)).await.unwrap().unwrap();
        let old = store.issue_reminder_link(&first.id, at(20)).await.unwrap();
        let new = store.issue_reminder_link(&first.id, at(20) + TimeDelta::days(1)).await.unwrap();
        assert_eq!(store.reminder_link(&old, at(3)).await.unwrap(), LinkState::Unknown);
        assert!(matches!(store.reminder_link(&new, at(3)).await.unwrap(), LinkState::Valid(_)));
    }
);
