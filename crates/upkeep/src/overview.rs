//! The numbers of the editors' dashboard (`/redactie/actualiteit`): how much of the
//! kaart was checked lately, per organisation, theme and place; what goes stale next
//! month; what is hidden; who waits for an editor; and how the reminders did.
//!
//! Pure functions of the entries ([`entries::described`](crate::entries::described)),
//! the reminder steps, a moment and the policy, so the dashboard and its tests agree on
//! a fake clock too. Words are the web layer's business: themes come as codes, places
//! as names, and "no theme" or "no address" as `None`.

use crate::entries::{Described, Entry, OrganisationEntries};
use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc};
use chrono_tz::Europe::Amsterdam;
use std::collections::{BTreeMap, HashMap};
use wegwijs_domain::freshness::months;
use wegwijs_domain::{EmailAddress, FreshnessPolicy, Id, PhoneNumber, Stage};
use wegwijs_store::{EntityKind, Reminder, ReminderStatus};

/// The recent window of the shares: checked in the last 6 months.
pub const RECENT: TimeDelta = months(6);
/// The longer window of the shares: checked in the last 12 months.
pub const YEAR: TimeDelta = months(12);
/// How far ahead [`upcoming`] looks.
pub const AHEAD: TimeDelta = TimeDelta::days(30);
/// Weeks of reminder counts, the current one included.
pub const WEEKS: u32 = 12;

/// How many entries were checked in the last 6 months, and 6 to 12 months ago.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Share {
    /// Entries counted.
    pub entries: u64,
    /// Checked less than [`RECENT`] ago (or in the future: a clock that was ahead).
    pub recent: u64,
    /// Checked at least [`RECENT`] and less than [`YEAR`] ago.
    pub earlier: u64,
}

impl Share {
    /// Counts an entry last checked at `checked`.
    pub fn add(&mut self, checked: DateTime<Utc>, now: DateTime<Utc>) {
        let age = now - checked;
        self.entries += 1;
        if age < RECENT {
            self.recent += 1;
        } else if age < YEAR {
            self.earlier += 1;
        }
    }

    /// Entries checked in the last 12 months.
    pub fn within_year(&self) -> u64 {
        self.recent + self.earlier
    }

    /// The part checked in the last 12 months, 0 to 1; 0 without entries.
    pub fn year_fraction(&self) -> f64 {
        fraction(self.within_year(), self.entries)
    }

    /// The part checked in the last 6 months, 0 to 1; 0 without entries.
    pub fn recent_fraction(&self) -> f64 {
        fraction(self.recent, self.entries)
    }

    /// The part checked 6 to 12 months ago, 0 to 1; 0 without entries.
    pub fn earlier_fraction(&self) -> f64 {
        fraction(self.earlier, self.entries)
    }

    /// Lowest share first: by the 12-month part, then the 6-month part. Compared as
    /// cross products, so it is exact.
    fn worse_first(&self, other: &Self) -> std::cmp::Ordering {
        let cross = |a: u64, b: &Self, c: u64, d: &Self| {
            (u128::from(a) * u128::from(b.entries.max(1))).cmp(&(u128::from(c) * u128::from(d.entries.max(1))))
        };
        cross(self.within_year(), other, other.within_year(), self)
            .then_with(|| cross(self.recent, other, other.recent, self))
    }
}

fn fraction(part: u64, whole: u64) -> f64 {
    if whole == 0 { 0.0 } else { part as f64 / whole as f64 }
}

/// An organisation's share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationShare {
    /// Its id.
    pub id: Id,
    /// Its name.
    pub name: String,
    /// Its record and its active services.
    pub share: Share,
}

/// A group of services (a theme or a place) with its share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupShare {
    /// The theme's code or the place's name; `None`: services without a theme, or
    /// without an address (given online or by phone).
    pub key: Option<String>,
    /// Its services.
    pub share: Share,
}

/// The shares of the whole kaart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shares {
    /// Every entry: organisation records and active services.
    pub total: Share,
    /// Per organisation (its record and services), lowest share first, then by name.
    pub organisations: Vec<OrganisationShare>,
    /// Per theme, services only; a service counts under each of its themes. Lowest
    /// share first, then by code; the group without a theme last among equals.
    pub themes: Vec<GroupShare>,
    /// Per place of the services' locations, services only; a service counts under
    /// each of its places. Lowest share first, then by name.
    pub places: Vec<GroupShare>,
}

/// The shares at `now`.
pub fn shares(organisations: &[Described], now: DateTime<Utc>) -> Shares {
    let mut total = Share::default();
    let mut per_organisation = Vec::with_capacity(organisations.len());
    let mut themes: HashMap<Option<String>, Share> = HashMap::new();
    let mut places: HashMap<Option<String>, Share> = HashMap::new();
    for described in organisations {
        let organisation = &described.organisation;
        let mut share = Share::default();
        for entry in &organisation.entries {
            share.add(entry.checked, now);
            total.add(entry.checked, now);
            if entry.kind != EntityKind::Service {
                continue;
            }
            let details = described.details.services.get(&entry.id);
            let count = |groups: &mut HashMap<Option<String>, Share>, keys: Option<&Vec<String>>| match keys {
                Some(keys) if !keys.is_empty() => {
                    for key in keys {
                        groups.entry(Some(key.clone())).or_default().add(entry.checked, now);
                    }
                }
                _ => groups.entry(None).or_default().add(entry.checked, now),
            };
            count(&mut themes, details.map(|d| &d.themes));
            count(&mut places, details.map(|d| &d.places));
        }
        per_organisation.push(OrganisationShare {
            id: organisation.id.clone(),
            name: organisation.name.clone(),
            share,
        });
    }
    per_organisation.sort_by(|a, b| a.share.worse_first(&b.share).then_with(|| a.name.cmp(&b.name)));
    Shares { total, organisations: per_organisation, themes: groups(themes), places: groups(places) }
}

fn groups(map: HashMap<Option<String>, Share>) -> Vec<GroupShare> {
    let mut groups: Vec<GroupShare> = map.into_iter().map(|(key, share)| GroupShare { key, share }).collect();
    // `None` sorts before `Some`; the group without a key goes last among equals.
    groups.sort_by(|a, b| {
        a.share
            .worse_first(&b.share)
            .then_with(|| a.key.is_none().cmp(&b.key.is_none()))
            .then_with(|| a.key.cmp(&b.key))
    });
    groups
}

/// A threshold an entry is about to reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Threshold {
    /// The organisation gets its first reminder.
    FirstReminder,
    /// The editors are asked to step in.
    Escalation,
    /// A service leaves the public site.
    Hiding,
}

/// An entry that reaches a threshold soon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upcoming {
    /// The organisation's id.
    pub organisation_id: Id,
    /// The organisation's name.
    pub organisation: String,
    /// The entry (the organisation record or a service).
    pub entry: Entry,
    /// What happens.
    pub threshold: Threshold,
    /// When.
    pub at: DateTime<Utc>,
}

/// Entries whose age crosses the first-reminder, escalation or hiding age after `now`
/// and at most [`AHEAD`] later, soonest first. Only services are hidden, so only they
/// reach [`Threshold::Hiding`].
pub fn upcoming(organisations: &[Described], now: DateTime<Utc>, policy: &FreshnessPolicy) -> Vec<Upcoming> {
    let thresholds = [
        (Threshold::FirstReminder, policy.first_reminder),
        (Threshold::Escalation, policy.escalation),
        (Threshold::Hiding, policy.hide_after),
    ];
    let mut found = Vec::new();
    for OrganisationEntries { id, name, entries, .. } in organisations.iter().map(|d| &d.organisation) {
        for entry in entries {
            for (threshold, age) in thresholds {
                if threshold == Threshold::Hiding && entry.kind != EntityKind::Service {
                    continue;
                }
                let at = entry.checked + age;
                if at > now && at <= now + AHEAD {
                    found.push(Upcoming {
                        organisation_id: id.clone(),
                        organisation: name.clone(),
                        entry: entry.clone(),
                        threshold,
                        at,
                    });
                }
            }
        }
    }
    found.sort_by(|a, b| {
        a.at.cmp(&b.at).then_with(|| a.organisation.cmp(&b.organisation)).then_with(|| a.entry.name.cmp(&b.entry.name))
    });
    found
}

/// An organisation with services hidden from the public.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HiddenOrganisation {
    /// Its id.
    pub id: Id,
    /// Its name.
    pub name: String,
    /// Its hidden services.
    pub hidden: u64,
    /// Its active services.
    pub services: u64,
    /// The oldest last check among its hidden services.
    pub oldest: DateTime<Utc>,
}

/// Organisations with services hidden at `now` ([`FreshnessPolicy::is_hidden`]), most
/// hidden services first, then by name.
pub fn hidden(organisations: &[Described], now: DateTime<Utc>, policy: &FreshnessPolicy) -> Vec<HiddenOrganisation> {
    let mut found: Vec<HiddenOrganisation> = organisations
        .iter()
        .filter_map(|described| {
            let organisation = &described.organisation;
            let services: Vec<&Entry> = organisation.entries.iter().filter(|e| e.kind == EntityKind::Service).collect();
            let hidden: Vec<&&Entry> = services.iter().filter(|e| policy.is_hidden(e.checked, now)).collect();
            Some(HiddenOrganisation {
                id: organisation.id.clone(),
                name: organisation.name.clone(),
                hidden: hidden.len() as u64,
                services: services.len() as u64,
                oldest: hidden.iter().map(|e| e.checked).min()?,
            })
        })
        .collect();
    found.sort_by(|a, b| b.hidden.cmp(&a.hidden).then_with(|| a.name.cmp(&b.name)));
    found
}

/// Why an organisation waits for an editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WaitingReason {
    /// The mail server refused its address for good.
    Bounced,
    /// It has no e-mail address.
    NoAddress,
    /// It did not react to two reminders.
    NoReaction,
}

/// An organisation the editors should contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiting {
    /// Its id.
    pub id: Id,
    /// Its name.
    pub name: String,
    /// Its e-mail address, if any (for a bounce: the one that bounced).
    pub email: Option<EmailAddress>,
    /// Its phone number, if any.
    pub phone: Option<PhoneNumber>,
    /// Why.
    pub reason: WaitingReason,
    /// Since when: the step that showed it.
    pub since: DateTime<Utc>,
    /// The last check of its oldest entry.
    pub oldest_check: DateTime<Utc>,
}

/// Organisations whose current reminder cycle (keyed by [`OrganisationEntries::oldest_check`],
/// as the scheduler keys it) has a bounced mail, a reminder that had no address, or a
/// step for the editors; waiting longest first. A confirmation starts a new cycle, so
/// an organisation that answered is no longer listed.
pub fn waiting(
    organisations: &[Described],
    reminders: &[Reminder],
    now: DateTime<Utc>,
    policy: &FreshnessPolicy,
) -> Vec<Waiting> {
    let mut of: HashMap<&Id, Vec<&Reminder>> = HashMap::new();
    for reminder in reminders {
        of.entry(&reminder.organisation_id).or_default().push(reminder);
    }
    let mut found = Vec::new();
    for described in organisations {
        let organisation = &described.organisation;
        let cycle = organisation.oldest_check();
        if policy.stage(cycle, now) == Stage::Current {
            continue;
        }
        let steps: Vec<&Reminder> =
            of.get(&organisation.id).into_iter().flatten().copied().filter(|r| r.cycle == cycle).collect();
        let with = |status: ReminderStatus| {
            steps.iter().filter(|r| r.is_for_provider() && r.status == status).map(|r| r.created_at).min()
        };
        let escalated = steps.iter().filter(|r| r.step == Stage::Escalated).map(|r| r.created_at).min();
        let (reason, since) = match (with(ReminderStatus::Bounced), with(ReminderStatus::NoAddress), escalated) {
            (Some(at), _, _) => (WaitingReason::Bounced, at),
            (None, Some(at), _) => (WaitingReason::NoAddress, at),
            (None, None, Some(at)) => (WaitingReason::NoReaction, at),
            (None, None, None) => continue,
        };
        let bounced_to = steps.iter().find(|r| r.status == ReminderStatus::Bounced).and_then(|r| r.email.clone());
        found.push(Waiting {
            id: organisation.id.clone(),
            name: organisation.name.clone(),
            email: bounced_to.or_else(|| organisation.email.clone()),
            phone: described.details.phone.clone(),
            reason,
            since,
            oldest_check: cycle,
        });
    }
    found.sort_by(|a, b| a.since.cmp(&b.since).then_with(|| a.name.cmp(&b.name)));
    found
}

/// Reminders to organisations in one week (Monday to Sunday, Dutch time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekCounts {
    /// The week's Monday.
    pub monday: NaiveDate,
    /// Mails delivered to the mail server that week.
    pub sent: u64,
    /// Links first opened that week.
    pub opened: u64,
    /// Confirmations that week.
    pub confirmed: u64,
}

/// The Monday of the week of `at`, in Dutch time.
fn monday_of(at: DateTime<Utc>) -> NaiveDate {
    let day = at.with_timezone(&Amsterdam).date_naive();
    day - TimeDelta::days(i64::from(day.weekday().num_days_from_monday()))
}

/// The last [`WEEKS`] weeks up to and including the week of `now`, oldest first: each
/// mail to an organisation counted in the week it was sent, opened and confirmed (a
/// mail sent before the first week still counts when opened in it). Editor steps are
/// no reminders and are left out.
pub fn reminder_weeks(reminders: &[Reminder], now: DateTime<Utc>) -> Vec<WeekCounts> {
    let last = monday_of(now);
    let first = last - TimeDelta::weeks(i64::from(WEEKS - 1));
    let mut weeks: BTreeMap<NaiveDate, WeekCounts> = (0..WEEKS)
        .map(|i| first + TimeDelta::weeks(i64::from(i)))
        .map(|monday| (monday, WeekCounts { monday, sent: 0, opened: 0, confirmed: 0 }))
        .collect();
    let mut count = |at: Option<DateTime<Utc>>, field: fn(&mut WeekCounts) -> &mut u64| {
        if let Some(week) = at.filter(|at| *at <= now).and_then(|at| weeks.get_mut(&monday_of(at))) {
            *field(week) += 1;
        }
    };
    for reminder in reminders.iter().filter(|r| r.is_for_provider()) {
        count(reminder.sent_at, |w| &mut w.sent);
        count(reminder.opened_at, |w| &mut w.opened);
        count(reminder.confirmed_at, |w| &mut w.confirmed);
    }
    weeks.into_values().collect()
}

/// From when the dashboard needs the reminder steps (by the moment they were queued):
/// the start of the first of the [`WEEKS`] weeks less a link's lifetime (a mail sent
/// earlier may be opened in them), or the start of the oldest cycle that is not current
/// (its steps say who waits for an editor), whichever is earlier.
pub fn reminders_needed_since(
    organisations: &[Described],
    now: DateTime<Utc>,
    policy: &FreshnessPolicy,
) -> DateTime<Utc> {
    let first_monday = monday_of(now) - TimeDelta::weeks(i64::from(WEEKS - 1));
    let start = first_monday
        .and_hms_opt(0, 0, 0)
        .and_then(|midnight| midnight.and_local_timezone(Amsterdam).earliest())
        .map_or(now - TimeDelta::weeks(i64::from(WEEKS)), |start| start.with_timezone(&Utc));
    let weeks_start = start - policy.link_lifetime;
    organisations
        .iter()
        .map(|d| d.organisation.oldest_check())
        .filter(|cycle| policy.stage(*cycle, now) != Stage::Current)
        .min()
        .map_or(weeks_start, |cycle| cycle.min(weeks_start))
}

/// Everything the dashboard shows that comes from entries and reminders.
#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    /// See [`shares`].
    pub shares: Shares,
    /// See [`upcoming`].
    pub upcoming: Vec<Upcoming>,
    /// See [`hidden`].
    pub hidden: Vec<HiddenOrganisation>,
    /// See [`waiting`].
    pub waiting: Vec<Waiting>,
    /// See [`reminder_weeks`].
    pub weeks: Vec<WeekCounts>,
}

impl Overview {
    /// Everything at `now`. `reminders` must reach back to [`reminders_needed_since`].
    pub fn new(
        organisations: &[Described],
        reminders: &[Reminder],
        now: DateTime<Utc>,
        policy: &FreshnessPolicy,
    ) -> Self {
        Self {
            shares: shares(organisations, now),
            upcoming: upcoming(organisations, now, policy),
            hidden: hidden(organisations, now, policy),
            waiting: waiting(organisations, reminders, now, policy),
            weeks: reminder_weeks(reminders, now),
        }
    }

    /// Hidden services in all.
    pub fn hidden_services(&self) -> u64 {
        self.hidden.iter().map(|h| h.hidden).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entries::{Details, ServiceDetails};
    use chrono::TimeZone;

    /// A Tuesday in winter (Dutch time is UTC+1).
    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 1, 12, 10, 0, 0).unwrap()
    }

    fn entry(kind: EntityKind, name: &str, days_ago: i64) -> Entry {
        Entry { kind, id: Id::derived("test", name), name: name.into(), checked: now() - TimeDelta::days(days_ago) }
    }

    /// An organisation checked `days_ago`, with services `(name, days ago, themes, places)`.
    fn organisation(name: &str, days_ago: i64, services: &[(&str, i64, &[&str], &[&str])]) -> Described {
        let mut entries = vec![entry(EntityKind::Organisation, name, days_ago)];
        let mut details = Details::default();
        for (service, ago, themes, places) in services {
            let e = entry(EntityKind::Service, service, *ago);
            let strings = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect();
            details.services.insert(e.id.clone(), ServiceDetails { themes: strings(themes), places: strings(places) });
            entries.push(e);
        }
        entries.sort_by_key(|e| e.checked);
        Described {
            organisation: OrganisationEntries {
                id: Id::derived("test", name),
                name: name.into(),
                email: Some(
                    EmailAddress::parse(&format!("info@{}.nl", name.to_lowercase().replace(' ', "-"))).unwrap(),
                ),
                entries,
            },
            details,
        }
    }

    fn step(org: &Described, step: Stage, status: ReminderStatus, days_ago: i64) -> Reminder {
        let at = now() - TimeDelta::days(days_ago);
        Reminder {
            id: Id::random(),
            organisation_id: org.organisation.id.clone(),
            cycle: org.organisation.oldest_check(),
            step,
            status,
            email: org.organisation.email.clone(),
            created_at: at,
            sent_at: (status == ReminderStatus::Sent).then_some(at),
            expires_at: None,
            opened_at: None,
            confirmed_at: None,
            attempts: 1,
            error: None,
        }
    }

    fn share(entries: u64, recent: u64, earlier: u64) -> Share {
        Share { entries, recent, earlier }
    }

    #[test]
    fn shares_count_the_last_six_and_twelve_months_per_organisation_theme_and_place() {
        let kaart = [
            organisation(
                "Buurthuis",
                10,
                &[("Koffie", 100, &["ontmoeten"], &["Warmond"]), ("Maaltijd", 200, &["ontmoeten", "eten"], &[])],
            ),
            organisation("Schuldhulp", 400, &[("Budget", 179, &["geld"], &["Sassenheim", "Voorhout"])]),
            organisation("Leeg", 181, &[]),
        ];
        let shares = shares(&kaart, now());
        assert_eq!(shares.total, share(6, 3, 2), "6 entries; 10, 100 and 179 days are recent; 181 and 200 earlier");
        let organisations: Vec<(&str, Share)> =
            shares.organisations.iter().map(|o| (o.name.as_str(), o.share)).collect();
        assert_eq!(
            organisations,
            [("Schuldhulp", share(2, 1, 0)), ("Leeg", share(1, 0, 1)), ("Buurthuis", share(3, 2, 1))],
            "lowest 12-month share first (50%, 100%, 100%), then the lowest 6-month share (0%, 67%)"
        );
        let groups = |groups: &[GroupShare]| -> Vec<(Option<String>, Share)> {
            groups.iter().map(|g| (g.key.clone(), g.share)).collect()
        };
        let some = |s: &str| Some(s.to_owned());
        assert_eq!(
            groups(&shares.themes),
            [(some("eten"), share(1, 0, 1)), (some("ontmoeten"), share(2, 1, 1)), (some("geld"), share(1, 1, 0))],
            "services only, each under every theme it has"
        );
        assert_eq!(
            groups(&shares.places),
            [
                (None, share(1, 0, 1)),
                (some("Sassenheim"), share(1, 1, 0)),
                (some("Voorhout"), share(1, 1, 0)),
                (some("Warmond"), share(1, 1, 0)),
            ],
            "a service without an address is counted apart"
        );
        assert!((shares.total.year_fraction() - 5.0 / 6.0).abs() < 1e-12);
        assert!((shares.total.recent_fraction() - 0.5).abs() < 1e-12);
        assert_eq!(Share::default().year_fraction(), 0.0, "nothing to count is no division by zero");
    }

    #[test]
    fn a_service_without_details_counts_as_without_theme_and_place() {
        let mut kaart = organisation("Buurthuis", 10, &[("Koffie", 10, &["ontmoeten"], &["Warmond"])]);
        kaart.details.services.clear();
        let shares = shares(&[kaart], now());
        assert_eq!(shares.themes, [GroupShare { key: None, share: share(1, 1, 0) }]);
        assert_eq!(shares.places, [GroupShare { key: None, share: share(1, 1, 0) }]);
    }

    #[test]
    fn upcoming_lists_what_crosses_a_threshold_in_the_next_thirty_days_soonest_first() {
        let policy = FreshnessPolicy::default();
        let kaart = [
            // The record: first reminder (at 180 days) in 5 days; Koffie hidden (at 540)
            // in 10; Maaltijd's first reminder is 31 days away.
            organisation("Buurthuis", 175, &[("Koffie", 530, &[], &[]), ("Maaltijd", 149, &[], &[])]),
            // The record (530 days) reaches nothing: records are not hidden. Budget goes
            // to the editors (at 360) in 20 days.
            organisation("Schuldhulp", 530, &[("Budget", 340, &[], &[]), ("Later", 100, &[], &[])]),
        ];
        let upcoming_now = upcoming(&kaart, now(), &policy);
        let found: Vec<(&str, Threshold, i64)> =
            upcoming_now.iter().map(|u| (u.entry.name.as_str(), u.threshold, (u.at - now()).num_days())).collect();
        assert_eq!(
            found,
            [
                ("Buurthuis", Threshold::FirstReminder, 5),
                ("Koffie", Threshold::Hiding, 10),
                ("Budget", Threshold::Escalation, 20)
            ]
        );
        let on_the_day = [organisation("Grens", 150, &[])];
        assert_eq!(upcoming(&on_the_day, now(), &policy).len(), 1, "exactly 30 days ahead counts");
        let today = [organisation("Vandaag", 180, &[])];
        assert!(upcoming(&today, now(), &policy).is_empty(), "a threshold reached now is not ahead any more");
    }

    #[test]
    fn hidden_counts_the_hidden_services_per_organisation() {
        let policy = FreshnessPolicy::default();
        let kaart = [
            organisation("Buurthuis", 600, &[("Koffie", 540, &[], &[]), ("Maaltijd", 539, &[], &[])]),
            organisation("Schuldhulp", 10, &[("Budget", 700, &[], &[]), ("Loket", 800, &[], &[])]),
        ];
        let hidden = hidden(&kaart, now(), &policy);
        let found: Vec<(&str, u64, u64, i64)> =
            hidden.iter().map(|h| (h.name.as_str(), h.hidden, h.services, (now() - h.oldest).num_days())).collect();
        assert_eq!(found, [("Schuldhulp", 2, 2, 800), ("Buurthuis", 1, 2, 540)], "a record of 600 days is not hidden");
    }

    #[test]
    fn waiting_lists_bounces_missing_addresses_and_escalations_of_the_current_cycle() {
        let policy = FreshnessPolicy::default();
        let bounced = organisation("Bounce", 200, &[]);
        let mut no_address = organisation("Geen adres", 190, &[]);
        no_address.organisation.email = None;
        no_address.details.phone = Some(PhoneNumber::parse("0252 123 456").unwrap());
        let ignored = organisation("Stil", 400, &[]);
        let reminded = organisation("Herinnerd", 200, &[]);
        let answered = organisation("Bevestigd", 3, &[]);
        let old_cycle = Reminder {
            cycle: now() - TimeDelta::days(500),
            ..step(&answered, Stage::Escalated, ReminderStatus::Sent, 100)
        };
        let mut to_bounce = step(&bounced, Stage::FirstReminder, ReminderStatus::Bounced, 15);
        to_bounce.email = Some(EmailAddress::parse("oud@bounce.nl").unwrap());
        let reminders = [
            to_bounce,
            step(&no_address, Stage::FirstReminder, ReminderStatus::NoAddress, 8),
            step(&no_address, Stage::Escalated, ReminderStatus::Sent, 8),
            step(&ignored, Stage::FirstReminder, ReminderStatus::Sent, 60),
            step(&ignored, Stage::SecondReminder, ReminderStatus::Sent, 40),
            step(&ignored, Stage::Escalated, ReminderStatus::Sent, 20),
            step(&reminded, Stage::FirstReminder, ReminderStatus::Sent, 20),
            old_cycle,
        ];
        let kaart = [bounced, no_address, ignored, reminded, answered];
        let waiting = waiting(&kaart, &reminders, now(), &policy);
        type Row<'a> = (&'a str, WaitingReason, i64, Option<&'a str>, Option<&'a str>);
        let found: Vec<Row> = waiting
            .iter()
            .map(|w| {
                (
                    w.name.as_str(),
                    w.reason,
                    (now() - w.since).num_days(),
                    w.email.as_ref().map(EmailAddress::as_str),
                    w.phone.as_ref().map(PhoneNumber::as_str),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                ("Stil", WaitingReason::NoReaction, 20, Some("info@stil.nl"), None),
                ("Bounce", WaitingReason::Bounced, 15, Some("oud@bounce.nl"), None),
                (
                    "Geen adres",
                    WaitingReason::NoAddress,
                    8,
                    None,
                    Some(kaart[1].details.phone.as_ref().unwrap().as_str())
                ),
            ],
            "longest waiting first; a reminded organisation and an earlier cycle are not listed"
        );
    }

    #[test]
    fn reminder_weeks_count_each_event_in_its_own_dutch_week() {
        let org = organisation("Buurthuis", 200, &[]);
        let mut early = step(&org, Stage::FirstReminder, ReminderStatus::Sent, 100);
        early.opened_at = Some(now() - TimeDelta::days(1));
        early.confirmed_at = Some(now() - TimeDelta::days(1));
        let mut late_sunday = step(&org, Stage::SecondReminder, ReminderStatus::Sent, 0);
        // Sunday 10 January 23:30 UTC is Monday 00:30 in the Netherlands: this week.
        late_sunday.sent_at = Some(Utc.with_ymd_and_hms(2027, 1, 10, 23, 30, 0).unwrap());
        let mut sunday = late_sunday.clone();
        sunday.sent_at = Some(Utc.with_ymd_and_hms(2027, 1, 10, 22, 30, 0).unwrap());
        let editors = step(&org, Stage::Escalated, ReminderStatus::Sent, 1);
        let weeks = reminder_weeks(&[early, late_sunday, sunday, editors], now());
        assert_eq!(weeks.len(), WEEKS as usize);
        assert_eq!(weeks.last().unwrap().monday, NaiveDate::from_ymd_opt(2027, 1, 11).unwrap());
        assert_eq!(weeks[0].monday, NaiveDate::from_ymd_opt(2026, 10, 26).unwrap());
        let this = weeks[11];
        assert_eq!((this.sent, this.opened, this.confirmed), (1, 1, 1), "{weeks:?}");
        assert_eq!((weeks[10].sent, weeks[10].opened), (1, 0));
        let sent: u64 = weeks.iter().map(|w| w.sent).sum();
        assert_eq!(sent, 2, "sent 100 days ago is before the 12 weeks; the editors' step is no reminder");
    }

    #[test]
    fn reminders_are_read_back_to_the_oldest_open_cycle() {
        let policy = FreshnessPolicy::default();
        let weeks_start = Utc.with_ymd_and_hms(2026, 10, 25, 23, 0, 0).unwrap() - policy.link_lifetime;
        let fresh = [organisation("Vers", 10, &[])];
        assert_eq!(reminders_needed_since(&fresh, now(), &policy), weeks_start, "Monday 26 October, 0.00 Dutch time");
        let old = [organisation("Vers", 10, &[]), organisation("Oud", 900, &[])];
        assert_eq!(reminders_needed_since(&old, now(), &policy), now() - TimeDelta::days(900));
    }
}
