//! Keeping the kaart current without anyone having to remember it: a scheduler inside
//! the server that, on every run, queues the due steps of each organisation's reminder
//! cycle (see [`plan`]) and delivers what is queued — mails with an "Alles klopt nog"
//! link to organisations, one digest to the editors.
//!
//! State lives in the database (`reminders`), so a run can stop at any point and the
//! next one, after a restart too, goes on where it stopped: a step is queued once per
//! cycle (unique key), and only steps not yet delivered are sent. The one window left
//! is a crash between the mail server accepting a mail and the database noting it;
//! that mail is sent again (at least once, never lost).
//!
//! Every run takes its moment as an argument; only [`Upkeep::run`] reads the clock.

pub mod entries;
pub mod overview;
pub mod plan;
mod texts;
mod window;

pub use window::SendWindow;

use chrono::{DateTime, Utc};
use std::sync::Arc;
use wegwijs_domain::{FreshnessPolicy, Id, Stage};
use wegwijs_mail::{Language, Mail, MailContent, Mailer};
use wegwijs_store::{NewReminder, NewToken, Reminder, ReminderStatus, Store, TokenPurpose};

/// What a run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunReport {
    /// Steps queued.
    pub queued: usize,
    /// Mails to organisations delivered.
    pub reminders_sent: usize,
    /// Mails to editors delivered.
    pub digests_sent: usize,
    /// Addresses refused for good.
    pub bounced: usize,
    /// Temporary problems (tried again next run).
    pub failed: usize,
    /// Whether the run was outside the send window (nothing done).
    pub outside_window: bool,
}

/// Settings of the scheduler.
#[derive(Debug, Clone)]
pub struct UpkeepConfig {
    /// The thresholds.
    pub policy: FreshnessPolicy,
    /// When mails may go out.
    pub window: SendWindow,
    /// Origin of links in mails (`https://wegwijs.example`), without a trailing slash.
    pub link_origin: String,
    /// Most steps delivered per run.
    pub batch: u32,
}

/// The scheduler.
#[derive(Clone)]
pub struct Upkeep {
    store: Store,
    mailer: Arc<Mailer>,
    config: Arc<UpkeepConfig>,
}

/// Why a run stopped.
#[derive(Debug, thiserror::Error)]
pub enum UpkeepError {
    /// The database failed.
    #[error(transparent)]
    Store(#[from] wegwijs_store::Error),
}

impl Upkeep {
    /// A scheduler on `store` sending through `mailer`.
    pub fn new(store: Store, mailer: Arc<Mailer>, config: UpkeepConfig) -> Self {
        Self { store, mailer, config: Arc::new(config) }
    }

    /// The settings.
    pub fn config(&self) -> &UpkeepConfig {
        &self.config
    }

    /// Runs every `every` until `shutdown` completes. A failed run is logged and the
    /// next one tries again.
    pub async fn run(self, every: std::time::Duration, shutdown: impl std::future::Future<Output = ()>) {
        tokio::pin!(shutdown);
        let mut ticks = tokio::time::interval(every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                () = &mut shutdown => return,
                _ = ticks.tick() => {
                    match self.run_once(Utc::now()).await {
                        Ok(report) if report != RunReport::default() => tracing::info!(?report, "upkeep run"),
                        Ok(_) => {}
                        Err(error) => tracing::error!(%error, "upkeep run failed; trying again next time"),
                    }
                }
            }
        }
    }

    /// One run at `now`: queue what is due, then deliver what is queued.
    pub async fn run_once(&self, now: DateTime<Utc>) -> Result<RunReport, UpkeepError> {
        let mut report = RunReport { queued: self.queue_due(now).await?, ..RunReport::default() };
        if !self.config.window.allows(now) {
            report.outside_window = true;
            return Ok(report);
        }
        self.deliver(now, &mut report).await?;
        Ok(report)
    }

    /// Queues the due steps of every organisation; returns how many.
    pub async fn queue_due(&self, now: DateTime<Utc>) -> Result<usize, UpkeepError> {
        let due: Vec<_> = entries::all(&self.store)
            .await?
            .into_iter()
            .filter(|organisation| organisation.oldest_check() <= now - self.config.policy.first_reminder)
            .collect();
        let ids: Vec<Id> = due.iter().map(|organisation| organisation.id.clone()).collect();
        let mut histories = self.store.reminders_of_organisations(&ids).await?;
        let mut queued = 0;
        for organisation in due {
            let history = histories.remove(&organisation.id).unwrap_or_default();
            for step in plan::due_steps(&organisation, &history, now, &self.config.policy) {
                let new = NewReminder {
                    organisation_id: organisation.id.clone(),
                    cycle: organisation.oldest_check(),
                    step,
                    email: organisation.email.clone().filter(|_| is_provider_step(step)),
                };
                if self.store.queue_reminder(&new, now).await?.is_some() {
                    queued += 1;
                }
            }
        }
        Ok(queued)
    }

    /// Delivers queued steps: each provider step as its own mail, the editor steps
    /// together as one digest per editor.
    async fn deliver(&self, now: DateTime<Utc>, report: &mut RunReport) -> Result<(), UpkeepError> {
        let provider = self.store.reminders_to_deliver(&PROVIDER_STEPS, self.config.batch).await?;
        let editor = self.store.reminders_to_deliver(&EDITOR_STEPS, self.config.batch).await?;
        // Organisations answer the editors, not the unread sender address.
        let reply_to =
            if provider.is_empty() { None } else { self.editors().await?.first().map(|u| u.email.to_string()) };
        for reminder in provider {
            self.deliver_reminder(&reminder, reply_to.as_deref(), now, report).await?;
        }
        if !editor.is_empty() {
            self.deliver_digest(&editor, now, report).await?;
        }
        Ok(())
    }

    async fn deliver_reminder(
        &self,
        reminder: &Reminder,
        reply_to: Option<&str>,
        now: DateTime<Utc>,
        report: &mut RunReport,
    ) -> Result<(), UpkeepError> {
        let Some(organisation) = entries::of(&self.store, &reminder.organisation_id).await? else {
            self.store.record_delivery(&reminder.id, ReminderStatus::Failed, Some("organisation deleted"), now).await?;
            return Ok(());
        };
        let Some(email) = reminder.email.clone() else { return Ok(()) };
        let expires = now + self.config.policy.link_lifetime;
        let token = self.store.issue_reminder_link(&reminder.id, expires).await?;
        let change_link = self.change_link(&organisation.id, &email).await?;
        let confirm_link = format!("{}/bevestigen/{token}", self.config.link_origin);
        let entries = texts::entry_lines(&organisation.entries, Language::Nl);
        let expires = texts::date(expires, Language::Nl);
        let content = MailContent::Reminder {
            again: reminder.step == Stage::SecondReminder,
            organisation: organisation.name.clone(),
            entries,
            confirm_link,
            change_link,
            expires,
        };
        let mail = Mail {
            to: email.to_string(),
            to_name: None,
            reply_to: reply_to.map(str::to_owned),
            language: Language::Nl,
            content,
        };
        match self.mailer.send(&mail).await {
            Ok(()) => {
                self.store.record_delivery(&reminder.id, ReminderStatus::Sent, None, now).await?;
                report.reminders_sent += 1;
            }
            Err(error) if error.is_permanent() => {
                tracing::warn!(organisation = %organisation.id, %error, "reminder address bounced");
                self.store
                    .record_delivery(&reminder.id, ReminderStatus::Bounced, Some(&error.to_string()), now)
                    .await?;
                report.bounced += 1;
            }
            Err(error) => {
                if error.is_temporary() {
                    tracing::warn!(organisation = %organisation.id, %error, "reminder not sent; trying again next run");
                } else {
                    // A wrong password, relaying refused, …: every mail fails until someone
                    // fixes the mail settings.
                    tracing::error!(organisation = %organisation.id, %error, "reminder not sent: check the mail settings");
                }
                self.store.record_delivery(&reminder.id, ReminderStatus::Failed, Some(&error.to_string()), now).await?;
                report.failed += 1;
            }
        }
        Ok(())
    }

    /// The "Ik wil iets aanpassen" link: the portal when the organisation has an
    /// account, else an invitation to make one.
    async fn change_link(
        &self,
        organisation: &Id,
        email: &wegwijs_domain::EmailAddress,
    ) -> Result<String, UpkeepError> {
        let has_account = self.store.users_of_organisation(organisation).await?.iter().any(|u| !u.disabled);
        if has_account {
            return Ok(format!("{}/portaal", self.config.link_origin));
        }
        let token = self
            .store
            .create_token(&NewToken {
                purpose: TokenPurpose::Invitation,
                email: email.clone(),
                user_id: None,
                organisation_id: Some(organisation.clone()),
                created_by: None,
                lifetime: self.config.policy.link_lifetime,
            })
            .await?;
        Ok(format!("{}/uitnodiging/{token}", self.config.link_origin))
    }

    async fn deliver_digest(
        &self,
        steps: &[Reminder],
        now: DateTime<Utc>,
        report: &mut RunReport,
    ) -> Result<(), UpkeepError> {
        let editors = self.editors().await?;
        if editors.is_empty() {
            tracing::warn!(steps = steps.len(), "no editor accounts: the editors' digest waits until there is one");
            return Ok(());
        }
        let mut lists = texts::DigestLists::default();
        for step in steps {
            let Some(organisation) = entries::of(&self.store, &step.organisation_id).await? else { continue };
            let history = self.store.reminders_of(&organisation.id).await?;
            lists.add(step, &organisation, &history, &self.config.policy, Language::Nl);
        }
        let link = format!("{}/redactie/actualiteit", self.config.link_origin);
        let mut delivered = false;
        for editor in &editors {
            let mail = Mail {
                to: editor.email.to_string(),
                to_name: Some(editor.name.clone()),
                reply_to: None,
                language: Language::Nl,
                content: MailContent::EditorDigest {
                    escalated: lists.escalated.join("\n"),
                    unreachable: lists.unreachable.join("\n"),
                    hiding_soon: lists.hiding_soon.join("\n"),
                    link: link.clone(),
                },
            };
            match self.mailer.send(&mail).await {
                Ok(()) => {
                    delivered = true;
                    report.digests_sent += 1;
                }
                Err(error) => tracing::warn!(editor = %editor.id, %error, "editors' digest not delivered"),
            }
        }
        let status = if delivered { ReminderStatus::Sent } else { ReminderStatus::Failed };
        for step in steps {
            self.store.record_delivery(&step.id, status, None, now).await?;
        }
        Ok(())
    }
}

impl Upkeep {
    /// The enabled editor and admin accounts, by e-mail address.
    async fn editors(&self) -> Result<Vec<wegwijs_store::User>, UpkeepError> {
        Ok(self.store.users().await?.into_iter().filter(|u| u.role.is_editor() && !u.disabled).collect())
    }
}

/// Steps that are mails to the organisation.
const PROVIDER_STEPS: [Stage; 2] = [Stage::FirstReminder, Stage::SecondReminder];
/// Steps that are lines in the editors' digest.
const EDITOR_STEPS: [Stage; 2] = [Stage::Escalated, Stage::HidingSoon];

/// Whether a step is a mail to the organisation.
pub fn is_provider_step(step: Stage) -> bool {
    matches!(step, Stage::FirstReminder | Stage::SecondReminder)
}
