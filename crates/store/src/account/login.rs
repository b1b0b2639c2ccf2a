//! Checking a login: the password, the lockout after repeated wrong passwords, and
//! disabled accounts, without telling an attacker which e-mail addresses have an
//! account by how long the answer takes.

use super::{User, normalise_email, password};
use crate::change_log::time_text;
use crate::record::{flag_column, id_column, opt_time_column};
use crate::{EntityKind, Error, Result, Store};
use chrono::{DateTime, TimeDelta, Utc};
use sqlx::Row;
use wegwijs_domain::Id;

/// Wrong passwords in a row after which an account is locked for [`LOCKOUT`].
pub const MAX_FAILED_LOGINS: i64 = 5;

/// How long an account stays locked after [`MAX_FAILED_LOGINS`] wrong passwords: long
/// enough to make guessing slow, short enough that the owner is not shut out for a day.
pub const LOCKOUT: TimeDelta = TimeDelta::minutes(15);

/// The outcome of [`Store::check_login`]. Show [`LoginCheck::Rejected`] for unknown
/// addresses and wrong passwords alike.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginCheck {
    /// The password is right; the account may log in (a second factor may follow).
    Accepted(User),
    /// Unknown address, wrong password, or an account without a password.
    Rejected,
    /// Too many wrong passwords: no password is checked until `until`.
    Locked {
        /// When the lock ends.
        until: DateTime<Utc>,
    },
    /// The password is right but the account is disabled.
    Disabled,
}

impl Store {
    /// Checks a login attempt at `now`. An unknown address costs a password check all
    /// the same, against a dummy hash. A locked account answers [`LoginCheck::Locked`]
    /// without checking the password. A wrong password counts towards the lockout: the
    /// [`MAX_FAILED_LOGINS`]th locks the account for [`LOCKOUT`] (shown from the next
    /// attempt on) and starts the count afresh. A right password resets the count and
    /// notes the login time.
    pub async fn check_login(&self, email: &str, password: &str, now: DateTime<Utc>) -> Result<LoginCheck> {
        let row = sqlx::query("SELECT id, password_hash, disabled, locked_until FROM users WHERE email = $1")
            .bind(normalise_email(email))
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else {
            password::verify(password, None).await?;
            return Ok(LoginCheck::Rejected);
        };
        let id = id_column(&row, "id")?;
        if let Some(until) = opt_time_column(&row, "locked_until")?
            && until > now
        {
            return Ok(LoginCheck::Locked { until });
        }
        let hash: Option<String> = row.try_get("password_hash")?;
        let has_password = hash.is_some();
        if !password::verify(password, hash).await? {
            if has_password {
                self.count_failed_login(&id, now).await?;
            }
            return Ok(LoginCheck::Rejected);
        }
        if flag_column(&row, "disabled")? {
            return Ok(LoginCheck::Disabled);
        }
        sqlx::query("UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = $1 WHERE id = $2")
            .bind(time_text(now))
            .bind(id.as_str())
            .execute(&self.pool)
            .await?;
        let user = self.user(&id).await?.ok_or(Error::NotFound { entity: EntityKind::User, id })?;
        Ok(LoginCheck::Accepted(user))
    }

    /// Counts a wrong password in one statement, so that attempts running at the same
    /// time each count (no read-then-write race), and locks the account at the limit.
    /// Both SET expressions see the row as it was before the statement.
    async fn count_failed_login(&self, id: &Id, now: DateTime<Utc>) -> Result<()> {
        sqlx::query(
            "UPDATE users SET \
             locked_until = CASE WHEN failed_logins + 1 >= $1 THEN $2 ELSE locked_until END, \
             failed_logins = CASE WHEN failed_logins + 1 >= $1 THEN 0 ELSE failed_logins + 1 END \
             WHERE id = $3",
        )
        .bind(MAX_FAILED_LOGINS)
        .bind(time_text(now + LOCKOUT))
        .bind(id.as_str())
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
