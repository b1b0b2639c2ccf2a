//! `wegwijs simulate`: months of keeping the kaart current, on a fake clock, to see what
//! share of the kaart stays checked for a given share of organisations that answer
//! their reminders and a given editors' effort.
//!
//! Everything that matters is the real code: the scheduler (`Upkeep::run_once` every
//! working day at 10:00 Dutch time), the mailer (writing `.eml` files to an outbox
//! folder), the one-click confirmation (`Store::confirm_with_link`, as the
//! `/bevestigen` route calls it) and the store. Only the people are simulated: a
//! responsive organisation follows the link of each reminder after 1 to 14 days; the
//! others never react. Once a week the editors phone up to `--editor-calls-per-week`
//! organisations named in their digests, oldest first, and save them as checked.
//!
//! The kaart is `wegwijs_demo` data cut to `--organisations`: each record's last check
//! spread as on a kaart that has been kept for a while (see `wegwijs_demo`'s `meta`:
//! about 8% never verified but changed within six months, 72% verified within the
//! last 12 months, 16% 12–18 months ago and 4% 18–24 months ago).

use crate::batch::{self, Batch};
use anyhow::{Context, bail};
use chrono::{DateTime, Datelike, Months, NaiveDate, TimeDelta, Utc, Weekday};
use chrono_tz::Europe::Amsterdam;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use wegwijs_demo::DemoConfig;
use wegwijs_domain::freshness::{last_checked, months};
use wegwijs_domain::{
    EmailAddress, FreshnessPolicy, Id, RecordMeta, Role, ServiceStatus, Stage, Verification, VerifiedBy,
};
use wegwijs_mail::{MailConfig, Mailer};
use wegwijs_store::{Confirmed, LinkState, NewUser, ReminderStatus, Store, User};
use wegwijs_upkeep::{SendWindow, Upkeep, UpkeepConfig};

/// Arguments of `wegwijs simulate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Number of organisations on the kaart, each with its services (about three).
    #[arg(long, default_value_t = 300, value_parser = clap::value_parser!(u32).range(1..=20_000))]
    pub organisations: u32,
    /// Share of organisations (0 to 1) that confirm their entries after a reminder:
    /// exactly this share of them, picked at random.
    #[arg(long, default_value_t = 0.5, value_parser = parse_share)]
    pub responsive: f64,
    /// Months to simulate.
    #[arg(long, default_value_t = 12, value_parser = clap::value_parser!(u32).range(1..=60))]
    pub months: u32,
    /// Seed of the random generator: the same seed gives the same kaart and behaviour.
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// Organisations the editors phone per week (from their digests, oldest first); a
    /// call renews the organisation's entries as checked by an editor.
    #[arg(long, default_value_t = 0)]
    pub editor_calls_per_week: u32,
    /// Age in months at which an organisation gets its first reminder (as `serve`).
    #[arg(long, default_value_t = 6)]
    pub first_reminder_months: u16,
    /// Age in months of the second reminder (as `serve`).
    #[arg(long, default_value_t = 9)]
    pub second_reminder_months: u16,
    /// Age in months at which the editors are asked to call (as `serve`).
    #[arg(long, default_value_t = 12)]
    pub escalate_months: u16,
    /// Share of organisations (0 to 1) without an e-mail address.
    #[arg(long, default_value_t = 0.0, value_parser = parse_share)]
    pub without_email: f64,
    /// Simulate in the database of `--database-url` instead of a temporary SQLite
    /// file. It must hold no organisations yet.
    #[arg(long)]
    pub use_database: bool,
    /// Show every month, not only the start and the end.
    #[arg(long)]
    pub verbose: bool,
    /// Print the result as JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

fn parse_share(raw: &str) -> Result<f64, String> {
    match raw.trim().parse::<f64>() {
        Ok(share) if (0.0..=1.0).contains(&share) => Ok(share),
        _ => Err(format!("{raw:?}: expected a number from 0 to 1, like 0.5")),
    }
}

/// The first day simulated: a Monday, so that the result does not depend on the date
/// the command is run.
const START: (i32, u32, u32) = (2027, 1, 4);

/// Where the links in the mails point; nothing is served there.
const ORIGIN: &str = "https://wegwijs.example";

/// Runs the simulation and prints its result.
pub async fn run(database_url: &str, args: Args) -> anyhow::Result<()> {
    let dir = tempfile::tempdir().context("cannot create a temporary folder")?;
    let url = if args.use_database {
        database_url.to_owned()
    } else {
        format!("sqlite:{}", dir.path().join("simulation.db").display())
    };
    let store = super::migrate::run(&url).await?;
    if store.organisation_count().await? > 0 {
        bail!("the database already holds organisations; simulate in an empty one (or leave out --use-database)");
    }
    let started = std::time::Instant::now();
    let mut simulation = Simulation::new(store, dir.path().join("outbox"), &args).await?;
    let report = simulation.run(&args).await?;
    tracing::info!(elapsed_s = started.elapsed().as_secs(), "simulation done");
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    }
    Ok(())
}

/// The state of the kaart at one moment.
#[derive(Debug, Clone, Default)]
struct Snapshot {
    month: u32,
    date: NaiveDate,
    /// Organisation records and active services.
    entries: usize,
    /// Entries not hidden.
    visible: usize,
    /// Visible entries checked within the public-warning age (12 months).
    verified_12_months: usize,
    hidden: usize,
    reminders_sent: u64,
    second_reminders: usize,
    confirmations: u64,
    escalations: usize,
    hiding_notices: usize,
    bounced: usize,
    no_address: usize,
    editor_calls: u64,
    /// Organisations named in a digest and not called yet.
    waiting_for_a_call: usize,
}

impl Snapshot {
    fn share(&self) -> f64 {
        if self.visible == 0 { 0.0 } else { self.verified_12_months as f64 / self.visible as f64 }
    }

    fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "month": self.month,
            "date": self.date.to_string(),
            "entries": self.entries,
            "visible": self.visible,
            "verified_12_months": self.verified_12_months,
            "share_verified_12_months": self.share(),
            "hidden": self.hidden,
            "reminders_sent": self.reminders_sent,
            "second_reminders": self.second_reminders,
            "confirmations": self.confirmations,
            "escalations": self.escalations,
            "hiding_notices": self.hiding_notices,
            "bounced": self.bounced,
            "no_address": self.no_address,
            "editor_calls": self.editor_calls,
            "waiting_for_a_call": self.waiting_for_a_call,
        })
    }
}

const HEADER: &str = "month  date        entries  visible  verified<12m   share  hidden  reminders  2nd  confirmed  \
                      escalated  unreachable  editor calls  waiting";

fn row(s: &Snapshot) -> String {
    format!(
        "{:>5}  {}  {:>7}  {:>7}  {:>12}  {:>5.1}%  {:>6}  {:>9}  {:>3}  {:>9}  {:>9}  {:>11}  {:>12}  {:>7}",
        s.month,
        s.date,
        s.entries,
        s.visible,
        s.verified_12_months,
        s.share() * 100.0,
        s.hidden,
        s.reminders_sent,
        s.second_reminders,
        s.confirmations,
        s.escalations,
        s.bounced + s.no_address,
        s.editor_calls,
        s.waiting_for_a_call,
    )
}

/// A confirmation a responsive organisation will make.
struct Pending {
    at: DateTime<Utc>,
    token: String,
    organisation: Id,
}

struct Simulation {
    store: Store,
    upkeep: Upkeep,
    policy: FreshnessPolicy,
    outbox: PathBuf,
    rng: ChaCha8Rng,
    responsive: HashSet<Id>,
    by_name: HashMap<String, Id>,
    without_email: usize,
    editor: User,
    pending: Vec<Pending>,
    /// Named in a digest, not called yet, oldest first.
    to_call: VecDeque<Id>,
    reminders_sent: u64,
    confirmations: u64,
    editor_calls: u64,
}

impl Simulation {
    async fn new(store: Store, outbox: PathBuf, args: &Args) -> anyhow::Result<Self> {
        let policy = FreshnessPolicy {
            first_reminder: months(i64::from(args.first_reminder_months)),
            second_reminder: months(i64::from(args.second_reminder_months)),
            escalation: months(i64::from(args.escalate_months)),
            ..FreshnessPolicy::default()
        };
        policy.check().map_err(anyhow::Error::msg).context("the reminder ages do not fit")?;
        let start = at_ten(date(START));
        let mut rng = ChaCha8Rng::seed_from_u64(args.seed);
        let organisations = args.organisations as usize;
        // Demo organisations have up to 7 services: five per organisation asked gives
        // enough organisations.
        let services = (organisations * 5).max(100);
        let mut data = wegwijs_demo::generate(&DemoConfig { services, seed: args.seed, now: start });
        if data.organisations.len() < organisations {
            bail!("the demo data has only {} organisations", data.organisations.len());
        }
        data.organisations.truncate(organisations);
        for organisation in &mut data.organisations {
            if rng.random_bool(args.without_email) {
                organisation.email = None;
            }
        }
        let without_email = data.organisations.iter().filter(|o| o.email.is_none()).count();
        let kept: HashSet<Id> = data.organisations.iter().map(|o| o.id.clone()).collect();
        data.locations.retain(|l| l.organisation_id.as_ref().is_some_and(|id| kept.contains(id)));
        data.services.retain(|s| kept.contains(&s.organisation_id));
        let responsive_count = (args.responsive * organisations as f64).round() as usize;
        let responsive = data.organisations.choose_multiple(&mut rng, responsive_count).map(|o| o.id.clone()).collect();
        let by_name = data.organisations.iter().map(|o| (o.name.as_str().to_owned(), o.id.clone())).collect();
        let records = Batch {
            organisations: data.organisations,
            locations: data.locations,
            services: data.services,
            ..Batch::default()
        };
        batch::write(&store, &records, "simulation", false).await?;
        let editor = store
            .create_user(&NewUser {
                email: EmailAddress::parse("redactie@wegwijs.example").expect("a valid address"),
                name: "Redactie".into(),
                role: Role::Redacteur,
                organisations: Vec::new(),
                password: None,
            })
            .await?;
        let mailer = Mailer::new(MailConfig {
            smtp_url: None,
            from: "Wegwijs <noreply@wegwijs.example>".into(),
            site_name: "Wegwijs".into(),
            outbox: outbox.clone(),
        })?;
        // The server runs every hour and delivers 200 steps a run; this simulation runs
        // once a day, so it delivers a whole day's steps in one run.
        let config = UpkeepConfig { policy, window: SendWindow::default(), link_origin: ORIGIN.into(), batch: 100_000 };
        Ok(Self {
            upkeep: Upkeep::new(store.clone(), Arc::new(mailer), config),
            store,
            policy,
            outbox,
            rng,
            responsive,
            by_name,
            without_email,
            editor,
            pending: Vec::new(),
            to_call: VecDeque::new(),
            reminders_sent: 0,
            confirmations: 0,
            editor_calls: 0,
        })
    }

    async fn run(&mut self, args: &Args) -> anyhow::Result<serde_json::Value> {
        let first = date(START);
        let last = first + Months::new(args.months);
        let print_table = !args.json;
        let first_snapshot = self.snapshot(0, first).await?;
        if print_table {
            println!(
                "{} organisations, {} responsive, {} without e-mail, {} editor calls a week, {} month{} from {first}, \
                 seed {}; reminders at {} and {} months, editors at {}",
                args.organisations,
                self.responsive.len(),
                self.without_email,
                args.editor_calls_per_week,
                args.months,
                if args.months == 1 { "" } else { "s" },
                args.seed,
                args.first_reminder_months,
                args.second_reminder_months,
                args.escalate_months,
            );
            println!("{HEADER}");
            println!("{}", row(&first_snapshot));
        }
        let mut months = vec![first_snapshot.json()];
        let mut month = 0;
        let mut day = first;
        let mut end = first_snapshot;
        while day < last {
            let now = at_ten(day);
            self.confirm_due(now).await?;
            if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
                let report = self.upkeep.run_once(now).await?;
                self.reminders_sent += report.reminders_sent as u64;
                self.read_outbox(now).await?;
            }
            if day.weekday() == Weekday::Fri {
                self.phone(args.editor_calls_per_week, now + TimeDelta::hours(4)).await?;
            }
            day = day.succ_opt().expect("a next day");
            if day == first + Months::new(month + 1) {
                month += 1;
                end = self.snapshot(month, day).await?;
                if print_table && (args.verbose || day == last) {
                    println!("{}", row(&end));
                }
                months.push(end.json());
            }
        }
        let shares: Vec<f64> =
            months[1..].iter().map(|m| m["share_verified_12_months"].as_f64().unwrap_or(0.0)).collect();
        let lowest = shares.iter().copied().fold(f64::INFINITY, f64::min);
        let mean = shares.iter().sum::<f64>() / shares.len() as f64;
        if print_table {
            println!("\nshare at the month ends: lowest {:.1}%, mean {:.1}%", lowest * 100.0, mean * 100.0);
            println!(
                "share = visible entries (organisation records and active services, not hidden after {} months) \
                 checked within the last 12 months (360 days: the age of the public warning)",
                self.policy.hide_after.num_days() / 30
            );
        }
        Ok(serde_json::json!({
            "organisations": args.organisations,
            "responsive": args.responsive,
            "responsive_organisations": self.responsive.len(),
            "without_email": args.without_email,
            "months": args.months,
            "seed": args.seed,
            "editor_calls_per_week": args.editor_calls_per_week,
            "first_reminder_months": args.first_reminder_months,
            "second_reminder_months": args.second_reminder_months,
            "escalate_months": args.escalate_months,
            "lowest_share": lowest,
            "mean_share": mean,
            "start": months[0].clone(),
            "end": end.json(),
            "monthly": months,
        }))
    }

    /// Responsive organisations follow their links when their delay is over.
    async fn confirm_due(&mut self, now: DateTime<Utc>) -> anyhow::Result<()> {
        let (due, later): (Vec<Pending>, Vec<Pending>) = self.pending.drain(..).partition(|p| p.at <= now);
        self.pending = later;
        for pending in due {
            let Some(organisation) = wegwijs_upkeep::entries::of(&self.store, &pending.organisation).await? else {
                continue;
            };
            let all: Vec<_> = organisation.entries.into_iter().map(|e| (e.kind, e.id)).collect();
            match self.store.confirm_with_link(&pending.token, &all, pending.at).await? {
                Confirmed::Done { .. } => self.confirmations += 1,
                Confirmed::Refused(state) => {
                    tracing::warn!(organisation = %pending.organisation, ?state, "a confirmation was refused");
                }
            }
        }
        Ok(())
    }

    /// Reads the mails the run wrote: responsive organisations plan to follow the link,
    /// and the editors put the organisations of their digest on their list.
    async fn read_outbox(&mut self, now: DateTime<Utc>) -> anyhow::Result<()> {
        let files: Vec<PathBuf> = std::fs::read_dir(&self.outbox)
            .with_context(|| format!("cannot read the outbox {}", self.outbox.display()))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| path.extension().is_some_and(|e| e == "eml"))
            .collect();
        let mut reminders = Vec::new();
        let mut named = Vec::new();
        for path in files {
            let mail = read_mail(&path)?;
            std::fs::remove_file(&path).with_context(|| format!("cannot remove {}", path.display()))?;
            if let Some(token) = confirm_token(&mail.body) {
                let LinkState::Valid(reminder) = self.store.reminder_link(&token, now).await? else {
                    bail!("a reminder that was just sent has a link that does not work");
                };
                reminders.push((reminder.organisation_id, token));
            } else if mail.to == self.editor.email.as_str() {
                named.extend(digest_names(&mail.body).into_iter().map(str::to_owned));
            }
        }
        // Mails of one run in a fixed order (the scheduler's order follows random ids),
        // so that a seed gives the same random delays to the same organisations.
        reminders.sort();
        for (organisation, token) in reminders {
            if self.responsive.contains(&organisation) {
                let delay = TimeDelta::days(self.rng.random_range(1..=14));
                self.pending.push(Pending { at: now + delay, token, organisation });
            }
        }
        named.sort();
        for name in named {
            match self.by_name.get(&name) {
                Some(id) if !self.to_call.contains(id) => self.to_call.push_back(id.clone()),
                Some(_) => {}
                None => tracing::warn!(name, "a digest names an unknown organisation"),
            }
        }
        Ok(())
    }

    /// The editors' week: phone the first organisations of their list and save their
    /// entries as checked, as an editor's save in the back office does. One that
    /// confirmed by itself since the digest named it needs no call.
    async fn phone(&mut self, calls: u32, now: DateTime<Utc>) -> anyhow::Result<()> {
        let mut made = 0;
        while made < calls {
            let Some(id) = self.to_call.pop_front() else { break };
            let Some(entries) = wegwijs_upkeep::entries::of(&self.store, &id).await? else { continue };
            if now - entries.oldest_check() < self.policy.first_reminder {
                continue;
            }
            let Some(mut organisation) = self.store.organisation(&id).await? else { continue };
            let services = self.store.services_of_organisation(&id).await?;
            let mut tx = self.store.begin().await?;
            tx.act_as(format!("user:{}", self.editor.id));
            stamp(&mut organisation.meta, now);
            tx.put_organisation(&organisation).await?;
            for mut service in services.into_iter().filter(|s| s.status == ServiceStatus::Active) {
                stamp(&mut service.meta, now);
                tx.put_service(&service).await?;
            }
            tx.commit().await?;
            made += 1;
        }
        self.editor_calls += u64::from(made);
        Ok(())
    }

    async fn snapshot(&self, month: u32, day: NaiveDate) -> anyhow::Result<Snapshot> {
        // Before that day's run: the state the month ended with.
        let now = at_ten(day);
        let mut snapshot = Snapshot {
            month,
            date: day,
            reminders_sent: self.reminders_sent,
            confirmations: self.confirmations,
            editor_calls: self.editor_calls,
            waiting_for_a_call: self.to_call.len(),
            ..Snapshot::default()
        };
        for organisation in wegwijs_upkeep::entries::all(&self.store).await? {
            for entry in &organisation.entries {
                snapshot.entries += 1;
                if self.policy.is_hidden(entry.checked, now) {
                    snapshot.hidden += 1;
                } else {
                    snapshot.visible += 1;
                    if !self.policy.warns_public(entry.checked, now) {
                        snapshot.verified_12_months += 1;
                    }
                }
            }
        }
        let long_ago = at_ten(date(START)) - TimeDelta::days(1);
        for step in self.store.reminders_since(long_ago).await? {
            match (step.step, step.status) {
                (_, ReminderStatus::Bounced) => snapshot.bounced += 1,
                (_, ReminderStatus::NoAddress) => snapshot.no_address += 1,
                (Stage::SecondReminder, ReminderStatus::Sent) => snapshot.second_reminders += 1,
                (Stage::Escalated, _) => snapshot.escalations += 1,
                (Stage::HidingSoon, _) => snapshot.hiding_notices += 1,
                _ => {}
            }
        }
        Ok(snapshot)
    }
}

/// An editor's save: the record is checked now.
fn stamp(meta: &mut RecordMeta, now: DateTime<Utc>) {
    meta.updated = now;
    meta.verification = Some(Verification { at: now, by: VerifiedBy::Editor });
    debug_assert_eq!(last_checked(meta), now);
}

fn date((year, month, day): (i32, u32, u32)) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("a valid date")
}

/// 10:00 Dutch time on `day`.
fn at_ten(day: NaiveDate) -> DateTime<Utc> {
    let local = day.and_hms_opt(10, 0, 0).expect("10:00 exists");
    local.and_local_timezone(Amsterdam).single().expect("10:00 is never skipped or repeated").to_utc()
}

/// A mail from the outbox, as far as the simulation reads it.
struct OutboxMail {
    to: String,
    body: String,
}

fn read_mail(path: &Path) -> anyhow::Result<OutboxMail> {
    let raw = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let message = mail_parser::MessageParser::default()
        .parse(&raw)
        .with_context(|| format!("{} is not a mail", path.display()))?;
    let to = message.to().and_then(|to| to.first()).and_then(|a| a.address()).unwrap_or_default().to_owned();
    let body = message.body_text(0).unwrap_or_default().replace("\r\n", "\n");
    Ok(OutboxMail { to, body })
}

/// The token of the "Alles klopt nog" link in a reminder.
fn confirm_token(body: &str) -> Option<String> {
    let prefix = format!("{ORIGIN}/bevestigen/");
    let start = body.find(&prefix)? + prefix.len();
    body[start..].split_whitespace().next().map(str::to_owned)
}

/// The organisations a digest names: its lines `- Name (…)`.
fn digest_names(body: &str) -> Vec<&str> {
    body.lines()
        .filter_map(|line| line.strip_prefix("- "))
        .filter_map(|line| line.rfind(" (").map(|end| &line[..end]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_oclock_is_dutch_time_in_winter_and_summer() {
        assert_eq!(at_ten(date((2027, 1, 4))).to_rfc3339(), "2027-01-04T09:00:00+00:00");
        assert_eq!(at_ten(date((2027, 7, 5))).to_rfc3339(), "2027-07-05T08:00:00+00:00");
    }

    #[test]
    fn digest_lines_give_the_organisation_names() {
        let body = "Geen reactie:\n\n- Sportclub Voorhout (info@sportclub.nl)\n- Koor (Dorpsstraat) (geen \
                    e-mailadres)\n\nHet overzicht staat hier:\n";
        assert_eq!(digest_names(body), ["Sportclub Voorhout", "Koor (Dorpsstraat)"]);
    }

    #[test]
    fn the_token_is_read_from_the_link() {
        let body = format!("Klik hier:\n\n{ORIGIN}/bevestigen/abc123\n\nDeze link werkt tot 3 maart 2027.");
        assert_eq!(confirm_token(&body).as_deref(), Some("abc123"));
        assert_eq!(confirm_token("geen link"), None);
    }

    #[test]
    fn shares_outside_zero_to_one_are_refused() {
        assert_eq!(parse_share("0.5"), Ok(0.5));
        assert!(parse_share("1.5").is_err() && parse_share("half").is_err());
    }
}
