//! Logged-in sessions, kept in the database so every node of the site sees the same
//! ones and logging out (or disabling an account) takes effect everywhere at once.
//! The token goes into the person's cookie; the database keeps only its hash.

use crate::account::User;
use crate::change_log::time_text;
use crate::record::{flag_column, time_column};
use crate::token::{new_token, token_hash};
use crate::{EntityKind, Error, Result, Store};
use chrono::{DateTime, TimeDelta, Utc};
use sqlx::AssertSqlSafe;

/// How stale `last_seen_at` may get before a look-up writes it again: writing on every
/// request would make every page view a database write.
const SEEN_EVERY: TimeDelta = TimeDelta::minutes(5);

/// A valid session with its account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The account, as it is now (role and organisations read on every look-up).
    pub user: User,
    /// When the session was started.
    pub created_at: DateTime<Utc>,
    /// When it ends, whatever happens.
    pub expires_at: DateTime<Utc>,
    /// When it was last used, to within a few minutes.
    pub last_seen_at: DateTime<Utc>,
    /// Whether the second factor (TOTP) was given for this session. An account with
    /// TOTP set up should be treated as logged out until it is.
    pub second_factor_done: bool,
}

impl Store {
    /// Starts a session for an account and returns its token, the only time it is
    /// available: put it in the cookie. [`Error::NotFound`] when the account does not
    /// exist or is disabled.
    pub async fn create_session(
        &self,
        user: &wegwijs_domain::Id,
        lifetime: TimeDelta,
        second_factor_done: bool,
    ) -> Result<String> {
        let token = new_token();
        let now = Utc::now();
        let done = sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at, second_factor) \
             SELECT $1, id, $2, $3, $2, $4 FROM users WHERE id = $5 AND disabled = 0",
        )
        .bind(token_hash(&token))
        .bind(time_text(now))
        .bind(time_text(now + lifetime))
        .bind(i64::from(second_factor_done))
        .bind(user.as_str())
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound { entity: EntityKind::User, id: user.clone() });
        }
        Ok(token)
    }

    /// The session of a token at `now`; `None` when the token is unknown, the session
    /// has expired, or its account is disabled.
    pub async fn session(&self, token: &str, now: DateTime<Utc>) -> Result<Option<Session>> {
        let sql = format!(
            "SELECT {}, s.created_at AS session_created_at, s.expires_at, s.last_seen_at, s.second_factor \
             FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled = 0",
            crate::account::USER_COLUMNS
        );
        let hash = token_hash(token);
        let row = sqlx::query(AssertSqlSafe(sql)).bind(&hash).bind(time_text(now)).fetch_optional(&self.pool).await?;
        let Some(row) = row else { return Ok(None) };
        let created_at = time_column(&row, "session_created_at")?;
        let expires_at = time_column(&row, "expires_at")?;
        let mut last_seen_at = time_column(&row, "last_seen_at")?;
        let second_factor_done = flag_column(&row, "second_factor")?;
        let Some(user) = self.with_organisations(vec![row]).await?.pop() else { return Ok(None) };
        if now - last_seen_at >= SEEN_EVERY {
            // Best effort: a busy database (a long import on SQLite) must not turn a
            // page view into an error for a timestamp nobody waits for.
            match sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
                .bind(time_text(now))
                .bind(&hash)
                .execute(&self.pool)
                .await
            {
                Ok(_) => last_seen_at = now,
                Err(error) => tracing::debug!(%error, "could not note that a session was used"),
            }
        }
        Ok(Some(Session { user, created_at, expires_at, last_seen_at, second_factor_done }))
    }

    /// Notes that the second factor was given for this session. Unknown tokens are
    /// ignored. Consider starting a fresh session instead (and ending this one), so
    /// the token changes when the session gains rights.
    pub async fn complete_second_factor(&self, token: &str) -> Result<()> {
        sqlx::query("UPDATE sessions SET second_factor = 1 WHERE token_hash = $1")
            .bind(token_hash(token))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Ends one session (logging out); unknown tokens are ignored.
    pub async fn end_session(&self, token: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash(token)).execute(&self.pool).await?;
        Ok(())
    }

    /// Ends every session of an account (logged out everywhere).
    pub async fn end_sessions_of(&self, user: &wegwijs_domain::Id) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user.as_str()).execute(&self.pool).await?;
        Ok(())
    }

    /// Deletes the sessions that expired at or before `now`; returns how many. Expired
    /// sessions are never returned anyway: this only keeps the table small.
    pub async fn purge_expired_sessions(&self, now: DateTime<Utc>) -> Result<u64> {
        let done =
            sqlx::query("DELETE FROM sessions WHERE expires_at <= $1").bind(time_text(now)).execute(&self.pool).await?;
        Ok(done.rows_affected())
    }
}
