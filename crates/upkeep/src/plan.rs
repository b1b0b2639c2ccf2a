//! Which steps of its reminder cycle an organisation is due for: a pure function of
//! its entries, the steps already queued, the moment and the policy, so the same
//! decision is made on the real and on a fake clock.
//!
//! The cycle is keyed by the last check of the organisation's oldest entry. In order:
//! a first reminder; a second one once the entries reach the second-reminder age and
//! the quiet period after the first has passed; the editors once the entries reach the
//! escalation age and the quiet period after the second has passed — or at once when
//! the organisation has no address or its address bounced; and the editors again just
//! before the entries are hidden. No mail to the organisation within the quiet period
//! after the previous one, in this or an earlier cycle.

use crate::entries::OrganisationEntries;
use chrono::{DateTime, Utc};
use wegwijs_domain::{FreshnessPolicy, Stage};
use wegwijs_store::{Reminder, ReminderStatus};

/// The steps to queue now, in order.
pub fn due_steps(
    organisation: &OrganisationEntries,
    queued: &[Reminder],
    now: DateTime<Utc>,
    policy: &FreshnessPolicy,
) -> Vec<Stage> {
    let cycle = organisation.oldest_check();
    let stage = policy.stage(cycle, now);
    if stage == Stage::Current {
        return Vec::new();
    }
    let this_cycle: Vec<&Reminder> = queued.iter().filter(|r| r.cycle == cycle).collect();
    let step = |wanted: Stage| this_cycle.iter().copied().find(|r| r.step == wanted);
    let quiet_after = |at: Option<DateTime<Utc>>| at.is_none_or(|at| now - at >= policy.quiet_period);
    let last_mail =
        queued.iter().filter(|r| r.is_for_provider()).filter_map(|r| r.sent_at.or(Some(r.created_at))).max();
    // A mail that bounced, could not be addressed, or failed every attempt: a person must call.
    let unreachable = |r: &Reminder| {
        matches!(r.status, ReminderStatus::Bounced | ReminderStatus::NoAddress)
            || (r.status == ReminderStatus::Failed && r.attempts >= wegwijs_store::MAX_ATTEMPTS)
    };

    let mut due = Vec::new();
    let first = step(Stage::FirstReminder);
    let second = step(Stage::SecondReminder);
    match (first, second) {
        (None, _) if quiet_after(last_mail) => due.push(Stage::FirstReminder),
        // Only after the first was delivered: one still queued (outside the send window)
        // must not be joined by the second in the same delivery.
        (Some(first), None)
            if stage >= Stage::SecondReminder
                && !unreachable(first)
                && first.sent_at.is_some_and(|at| now - at >= policy.quiet_period) =>
        {
            due.push(Stage::SecondReminder);
        }
        _ => {}
    }
    let cannot_reach = first.is_some_and(unreachable) || second.is_some_and(unreachable);
    let ignored =
        stage >= Stage::Escalated && second.is_some_and(|s| s.status == ReminderStatus::Sent && quiet_after(s.sent_at));
    if step(Stage::Escalated).is_none() && (cannot_reach || ignored) {
        due.push(Stage::Escalated);
    }
    if stage >= Stage::HidingSoon && step(Stage::HidingSoon).is_none() {
        due.push(Stage::HidingSoon);
    }
    due
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entries::Entry;
    use chrono::{TimeDelta, TimeZone};
    use wegwijs_domain::freshness::months;
    use wegwijs_domain::{EmailAddress, Id};
    use wegwijs_store::EntityKind;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 6, 1, 10, 0, 0).unwrap()
    }

    fn organisation(age: TimeDelta, email: bool) -> OrganisationEntries {
        OrganisationEntries {
            id: Id::derived("test", "org"),
            name: "Buurthuis".into(),
            email: email.then(|| EmailAddress::parse("info@buurthuis.nl").unwrap()),
            entries: vec![Entry {
                kind: EntityKind::Organisation,
                id: Id::derived("test", "org"),
                name: "Buurthuis".into(),
                checked: now() - age,
            }],
        }
    }

    fn sent(org: &OrganisationEntries, step: Stage, status: ReminderStatus, ago: TimeDelta) -> Reminder {
        let at = now() - ago;
        Reminder {
            id: Id::random(),
            organisation_id: org.id.clone(),
            cycle: org.oldest_check(),
            step,
            status,
            email: org.email.clone(),
            created_at: at,
            sent_at: (status == ReminderStatus::Sent).then_some(at),
            expires_at: None,
            opened_at: None,
            confirmed_at: None,
            attempts: 1,
            error: None,
        }
    }

    #[test]
    fn a_current_organisation_gets_nothing() {
        let policy = FreshnessPolicy::default();
        assert!(due_steps(&organisation(months(5), true), &[], now(), &policy).is_empty());
    }

    #[test]
    fn the_steps_come_one_by_one_even_for_very_old_entries() {
        let policy = FreshnessPolicy::default();
        let org = organisation(months(13), true);
        assert_eq!(due_steps(&org, &[], now(), &policy), [Stage::FirstReminder], "first things first");
        let first = sent(&org, Stage::FirstReminder, ReminderStatus::Sent, TimeDelta::days(3));
        assert!(due_steps(&org, std::slice::from_ref(&first), now(), &policy).is_empty(), "quiet period");
        let first = sent(&org, Stage::FirstReminder, ReminderStatus::Sent, TimeDelta::days(15));
        assert_eq!(due_steps(&org, std::slice::from_ref(&first), now(), &policy), [Stage::SecondReminder]);
        let second = sent(&org, Stage::SecondReminder, ReminderStatus::Sent, TimeDelta::days(2));
        assert!(due_steps(&org, &[first.clone(), second], now(), &policy).is_empty());
        let second = sent(&org, Stage::SecondReminder, ReminderStatus::Sent, TimeDelta::days(20));
        assert_eq!(due_steps(&org, &[first, second], now(), &policy), [Stage::Escalated]);
    }

    #[test]
    fn a_second_reminder_waits_until_the_first_was_delivered() {
        let policy = FreshnessPolicy::default();
        let org = organisation(months(10), true);
        let queued = sent(&org, Stage::FirstReminder, ReminderStatus::Queued, TimeDelta::days(1));
        assert!(due_steps(&org, &[queued], now(), &policy).is_empty());
    }

    #[test]
    fn a_second_reminder_waits_for_its_age() {
        let policy = FreshnessPolicy::default();
        let org = organisation(months(7), true);
        let first = sent(&org, Stage::FirstReminder, ReminderStatus::Sent, months(1));
        assert!(due_steps(&org, &[first], now(), &policy).is_empty());
    }

    #[test]
    fn no_address_or_a_bounce_goes_to_the_editors_at_once() {
        let policy = FreshnessPolicy::default();
        let org = organisation(months(6) + TimeDelta::days(1), false);
        let first = sent(&org, Stage::FirstReminder, ReminderStatus::NoAddress, TimeDelta::zero());
        assert_eq!(due_steps(&org, &[first], now(), &policy), [Stage::Escalated]);
        let org = organisation(months(6) + TimeDelta::days(1), true);
        let bounced = sent(&org, Stage::FirstReminder, ReminderStatus::Bounced, TimeDelta::days(1));
        assert_eq!(due_steps(&org, std::slice::from_ref(&bounced), now(), &policy), [Stage::Escalated]);
        let escalated = sent(&org, Stage::Escalated, ReminderStatus::Sent, TimeDelta::zero());
        assert!(due_steps(&org, &[bounced, escalated], now(), &policy).is_empty(), "once per cycle");
    }

    #[test]
    fn a_first_reminder_that_failed_every_attempt_goes_to_the_editors() {
        let policy = FreshnessPolicy::default();
        let org = organisation(months(7), true);
        let failing = Reminder {
            attempts: wegwijs_store::MAX_ATTEMPTS,
            ..sent(&org, Stage::FirstReminder, ReminderStatus::Failed, TimeDelta::days(3))
        };
        assert_eq!(due_steps(&org, std::slice::from_ref(&failing), now(), &policy), [Stage::Escalated]);
        let retrying = Reminder { attempts: 1, ..failing };
        assert!(due_steps(&org, &[retrying], now(), &policy).is_empty(), "still being tried");
    }

    #[test]
    fn a_confirmation_starts_a_new_cycle_after_the_quiet_period() {
        let policy = FreshnessPolicy::default();
        let old = organisation(months(7), true);
        let earlier = sent(&old, Stage::FirstReminder, ReminderStatus::Sent, TimeDelta::days(5));
        let renewed = organisation(months(6), true);
        assert!(due_steps(&renewed, std::slice::from_ref(&earlier), now(), &policy).is_empty(), "a mail 5 days ago");
        let earlier = Reminder { sent_at: Some(now() - TimeDelta::days(40)), ..earlier };
        assert_eq!(due_steps(&renewed, &[earlier], now(), &policy), [Stage::FirstReminder]);
    }

    #[test]
    fn editors_hear_before_entries_are_hidden() {
        let policy = FreshnessPolicy::default();
        let org = organisation(months(17) + TimeDelta::days(5), true);
        let first = sent(&org, Stage::FirstReminder, ReminderStatus::Sent, months(8));
        let second = sent(&org, Stage::SecondReminder, ReminderStatus::Sent, months(6));
        let escalated = sent(&org, Stage::Escalated, ReminderStatus::Sent, months(3));
        assert_eq!(due_steps(&org, &[first, second, escalated], now(), &policy), [Stage::HidingSoon]);
    }
}
