//! The reminder cycle of an organisation (see the `reminders` migration): steps queued
//! once per cycle, their delivery, and the one-click "Alles klopt nog" link that
//! confirms an organisation's entries without logging in. Every function takes the
//! moment it acts at, so the scheduler can run on a fake clock.

use crate::change_log::time_text;
use crate::record::{IN_CHUNK, bad_column, id_column, opt_time_column, parse_time, placeholders, time_column};
use crate::token::{new_token, token_hash};
use crate::{EntityKind, Result, Store};
use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::{AssertSqlSafe, Row};
use std::collections::HashMap;
use wegwijs_domain::{EmailAddress, Id, Stage, Verification, VerifiedBy};

/// Where a step is in its delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReminderStatus {
    /// Waiting to be sent (also after a restart).
    Queued,
    /// Delivered to the mail server (or listed in the editors' digest).
    Sent,
    /// A temporary problem; it is tried again.
    Failed,
    /// The mail server refused the address for good.
    Bounced,
    /// The organisation has no e-mail address: the editors must call.
    NoAddress,
}

impl ReminderStatus {
    /// Stable code, as stored.
    pub fn code(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Sent => "sent",
            Self::Failed => "failed",
            Self::Bounced => "bounced",
            Self::NoAddress => "no_address",
        }
    }

    /// Reads a stable code.
    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Queued, Self::Sent, Self::Failed, Self::Bounced, Self::NoAddress].into_iter().find(|s| s.code() == code)
    }
}

/// A step to queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReminder {
    /// The organisation reminded (or escalated).
    pub organisation_id: Id,
    /// The last check of its oldest entry when the cycle began.
    pub cycle: DateTime<Utc>,
    /// Which step.
    pub step: Stage,
    /// Where a mail to the organisation goes; `None` for editor steps and for an
    /// organisation without an address.
    pub email: Option<EmailAddress>,
}

/// A stored step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    /// Its own id.
    pub id: Id,
    /// See [`NewReminder::organisation_id`].
    pub organisation_id: Id,
    /// See [`NewReminder::cycle`].
    pub cycle: DateTime<Utc>,
    /// See [`NewReminder::step`].
    pub step: Stage,
    /// Delivery state.
    pub status: ReminderStatus,
    /// See [`NewReminder::email`].
    pub email: Option<EmailAddress>,
    /// When it was queued.
    pub created_at: DateTime<Utc>,
    /// When it was delivered.
    pub sent_at: Option<DateTime<Utc>>,
    /// Until when its link works.
    pub expires_at: Option<DateTime<Utc>>,
    /// When its link was first opened.
    pub opened_at: Option<DateTime<Utc>>,
    /// When its link confirmed the entries.
    pub confirmed_at: Option<DateTime<Utc>>,
    /// Delivery attempts so far.
    pub attempts: i64,
    /// The last delivery problem, as the mail server put it.
    pub error: Option<String>,
}

impl Reminder {
    /// Whether this step is a mail to the organisation (with a link) rather than a line
    /// for the editors.
    pub fn is_for_provider(&self) -> bool {
        matches!(self.step, Stage::FirstReminder | Stage::SecondReminder)
    }
}

/// What following an "Alles klopt nog" link found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkState {
    /// The link works: its step.
    Valid(Reminder),
    /// Used before, at this moment.
    AlreadyConfirmed(DateTime<Utc>),
    /// Its time is over.
    Expired,
    /// No such link (mistyped, made up, or another kind of token).
    Unknown,
}

/// What a confirmation did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirmed {
    /// These records now carry a fresh verification.
    Done {
        /// The organisation whose entries were confirmed.
        organisation_id: Id,
        /// The records confirmed (services and the organisation itself).
        records: Vec<(EntityKind, Id)>,
    },
    /// The link did not work; see [`LinkState`].
    Refused(LinkState),
}

const COLUMNS: &str = "id, organisation_id, cycle, step, status, email, created_at, sent_at, expires_at, \
                       opened_at, confirmed_at, attempts, error";

/// Most delivery attempts of a step before it is left as failed.
pub const MAX_ATTEMPTS: i64 = 5;

impl Store {
    /// Queues a step of a cycle at `now`; `None` when this step of this cycle was queued
    /// before (by this run, an earlier one, or another server).
    pub async fn queue_reminder(&self, new: &NewReminder, now: DateTime<Utc>) -> Result<Option<Reminder>> {
        let id = Id::random();
        let status = if new.email.is_none() && matches!(new.step, Stage::FirstReminder | Stage::SecondReminder) {
            ReminderStatus::NoAddress
        } else {
            ReminderStatus::Queued
        };
        let done = sqlx::query(
            "INSERT INTO reminders (id, organisation_id, cycle, step, status, email, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (organisation_id, cycle, step) DO NOTHING",
        )
        .bind(id.as_str())
        .bind(new.organisation_id.as_str())
        .bind(time_text(new.cycle))
        .bind(new.step.code())
        .bind(status.code())
        .bind(new.email.as_ref().map(EmailAddress::as_str))
        .bind(time_text(now))
        .execute(&self.pool)
        .await
        .map_err(crate::error::from_write)?;
        if done.rows_affected() == 0 {
            return Ok(None);
        }
        self.reminder(&id).await
    }

    /// One step by id.
    pub async fn reminder(&self, id: &Id) -> Result<Option<Reminder>> {
        let sql = format!("SELECT {COLUMNS} FROM reminders WHERE id = $1");
        let row = sqlx::query(AssertSqlSafe(sql)).bind(id.as_str()).fetch_optional(&self.pool).await?;
        row.as_ref().map(from_row).transpose()
    }

    /// Steps of the kinds `steps` waiting for delivery (queued, or failed fewer than
    /// [`MAX_ATTEMPTS`] times), oldest first. Mails to organisations and the editors'
    /// digest are asked for apart, so that one kind waiting cannot hold up the other.
    pub async fn reminders_to_deliver(&self, steps: &[Stage], limit: u32) -> Result<Vec<Reminder>> {
        if steps.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT {COLUMNS} FROM reminders \
             WHERE (status = 'queued' OR (status = 'failed' AND attempts < $1)) AND step IN ({}) \
             ORDER BY created_at, id LIMIT $2",
            placeholders(3, steps.len())
        );
        let mut query = sqlx::query(AssertSqlSafe(sql)).bind(MAX_ATTEMPTS).bind(i64::from(limit));
        for step in steps {
            query = query.bind(step.code());
        }
        let rows = query.fetch_all(&self.pool).await?;
        rows.iter().map(from_row).collect()
    }

    /// Every step of an organisation, newest first.
    pub async fn reminders_of(&self, organisation: &Id) -> Result<Vec<Reminder>> {
        let sql = format!("SELECT {COLUMNS} FROM reminders WHERE organisation_id = $1 ORDER BY created_at DESC, id");
        let rows = sqlx::query(AssertSqlSafe(sql)).bind(organisation.as_str()).fetch_all(&self.pool).await?;
        rows.iter().map(from_row).collect()
    }

    /// Every step of each of these organisations, newest first, in one query per
    /// [`IN_CHUNK`] organisations (a scheduler run asks for all due ones at once).
    pub async fn reminders_of_organisations(&self, organisations: &[Id]) -> Result<HashMap<Id, Vec<Reminder>>> {
        let mut found: HashMap<Id, Vec<Reminder>> = HashMap::new();
        for chunk in organisations.chunks(IN_CHUNK) {
            let sql = format!(
                "SELECT {COLUMNS} FROM reminders WHERE organisation_id IN ({}) ORDER BY created_at DESC, id",
                placeholders(1, chunk.len())
            );
            let mut query = sqlx::query(AssertSqlSafe(sql));
            for id in chunk {
                query = query.bind(id.as_str());
            }
            for row in query.fetch_all(&self.pool).await? {
                let reminder = from_row(&row)?;
                found.entry(reminder.organisation_id.clone()).or_default().push(reminder);
            }
        }
        Ok(found)
    }

    /// Every step queued since `since`, oldest first (for the dashboard).
    pub async fn reminders_since(&self, since: DateTime<Utc>) -> Result<Vec<Reminder>> {
        let sql = format!("SELECT {COLUMNS} FROM reminders WHERE created_at >= $1 ORDER BY created_at, id");
        let rows = sqlx::query(AssertSqlSafe(sql)).bind(time_text(since)).fetch_all(&self.pool).await?;
        rows.iter().map(from_row).collect()
    }

    /// A new "Alles klopt nog" link for a provider step, valid until `expires_at`, and
    /// returns its token (only the hash is kept). A link made earlier for the same step
    /// stops working: a step whose delivery is retried gets the link of its mail.
    pub async fn issue_reminder_link(&self, id: &Id, expires_at: DateTime<Utc>) -> Result<String> {
        let token = new_token();
        let done = sqlx::query("UPDATE reminders SET token_hash = $1, expires_at = $2 WHERE id = $3")
            .bind(token_hash(&token))
            .bind(time_text(expires_at))
            .bind(id.as_str())
            .execute(&self.pool)
            .await?;
        if done.rows_affected() == 0 {
            return Err(crate::Error::NotFound { entity: EntityKind::Organisation, id: id.clone() });
        }
        Ok(token)
    }

    /// Records the outcome of a delivery attempt at `now`.
    pub async fn record_delivery(
        &self,
        id: &Id,
        status: ReminderStatus,
        error: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let sent_at = (status == ReminderStatus::Sent).then(|| time_text(now));
        sqlx::query(
            "UPDATE reminders SET status = $1, error = $2, sent_at = COALESCE($3, sent_at), \
             attempts = attempts + 1 WHERE id = $4",
        )
        .bind(status.code())
        .bind(error)
        .bind(sent_at)
        .bind(id.as_str())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// What the link with `token` can do at `now`.
    pub async fn reminder_link(&self, token: &str, now: DateTime<Utc>) -> Result<LinkState> {
        let sql = format!("SELECT {COLUMNS} FROM reminders WHERE token_hash = $1");
        let Some(row) = sqlx::query(AssertSqlSafe(sql)).bind(token_hash(token)).fetch_optional(&self.pool).await?
        else {
            return Ok(LinkState::Unknown);
        };
        let reminder = from_row(&row)?;
        Ok(match (reminder.confirmed_at, reminder.expires_at) {
            (Some(at), _) => LinkState::AlreadyConfirmed(at),
            (None, Some(expires)) if expires > now => LinkState::Valid(reminder),
            _ => LinkState::Expired,
        })
    }

    /// Notes the first time a link was opened (for the dashboard's "opened" count; it
    /// changes no entry). Mail scanners that follow links count as opened too.
    pub async fn note_reminder_opened(&self, id: &Id, now: DateTime<Utc>) -> Result<()> {
        sqlx::query("UPDATE reminders SET opened_at = $1 WHERE id = $2 AND opened_at IS NULL")
            .bind(time_text(now))
            .bind(id.as_str())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Confirms, with the link `token`, the records in `chosen` that belong to the
    /// link's organisation (its services and itself; other ids are ignored, so a link
    /// cannot confirm another organisation's entries). The link works once: of two
    /// confirmations at the same time, one does the work and the other is told
    /// [`LinkState::AlreadyConfirmed`].
    pub async fn confirm_with_link(
        &self,
        token: &str,
        chosen: &[(EntityKind, Id)],
        now: DateTime<Utc>,
    ) -> Result<Confirmed> {
        let reminder = match self.reminder_link(token, now).await? {
            LinkState::Valid(reminder) => reminder,
            other => return Ok(Confirmed::Refused(other)),
        };
        let organisation_id = reminder.organisation_id.clone();
        let mut tx = self.begin().await?;
        tx.lock_writers().await?;
        let claimed = sqlx::query(
            "UPDATE reminders SET confirmed_at = $1, opened_at = COALESCE(opened_at, $1) \
             WHERE id = $2 AND confirmed_at IS NULL AND expires_at > $1",
        )
        .bind(time_text(now))
        .bind(reminder.id.as_str())
        .execute(&mut *tx.tx)
        .await?;
        if claimed.rows_affected() == 0 {
            drop(tx);
            let state = self.reminder_link(token, now).await?;
            return Ok(Confirmed::Refused(state));
        }
        tx.act_as(format!("confirmation:{}", reminder.id));
        let verification = Verification { at: now, by: VerifiedBy::Provider };
        let mut records = Vec::new();
        for (kind, id) in chosen {
            match kind {
                EntityKind::Organisation if *id == organisation_id => {
                    if let Some(mut organisation) = self.organisation(id).await? {
                        organisation.meta.verification = Some(verification.clone());
                        tx.put_organisation(&organisation).await?;
                        records.push((*kind, id.clone()));
                    }
                }
                EntityKind::Service => {
                    let Some(mut service) = self.service(id).await? else { continue };
                    if service.organisation_id != organisation_id {
                        continue;
                    }
                    service.meta.verification = Some(verification.clone());
                    tx.put_service(&service).await?;
                    records.push((*kind, id.clone()));
                }
                _ => {}
            }
        }
        tx.commit().await?;
        Ok(Confirmed::Done { organisation_id, records })
    }
}

fn from_row(row: &AnyRow) -> Result<Reminder> {
    let step: String = row.try_get("step")?;
    let status: String = row.try_get("status")?;
    let cycle: String = row.try_get("cycle")?;
    let email: Option<String> = row.try_get("email")?;
    Ok(Reminder {
        id: id_column(row, "id")?,
        organisation_id: id_column(row, "organisation_id")?,
        cycle: parse_time("cycle", &cycle)?,
        step: Stage::parse(&step).ok_or_else(|| bad_column("step", format!("unknown step `{step}`")))?,
        status: ReminderStatus::from_code(&status)
            .ok_or_else(|| bad_column("status", format!("unknown status `{status}`")))?,
        email: email
            .map(|e| EmailAddress::parse(&e).map_err(|err| bad_column("email", err.to_string())))
            .transpose()?,
        created_at: time_column(row, "created_at")?,
        sent_at: opt_time_column(row, "sent_at")?,
        expires_at: opt_time_column(row, "expires_at")?,
        opened_at: opt_time_column(row, "opened_at")?,
        confirmed_at: opt_time_column(row, "confirmed_at")?,
        attempts: row.try_get("attempts")?,
        error: row.try_get("error")?,
    })
}
