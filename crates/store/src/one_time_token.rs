//! Links sent by e-mail that work once: password resets and invitations. The link
//! carries the token; the database keeps only its hash, when it expires, and whether
//! it was used, so a link cannot be used twice or after its time.

use crate::change_log::time_text;
use crate::record::{bad_column, email_column, opt_id_column, opt_time_column, time_column};
use crate::token::{new_token, token_hash};
use crate::{Result, Store};
use chrono::{DateTime, TimeDelta, Utc};
use sqlx::any::AnyRow;
use sqlx::{AssertSqlSafe, Row};
use wegwijs_domain::{EmailAddress, Id};

/// What a one-time link is for; a token only works for its own purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenPurpose {
    /// Choosing a new password for an existing account.
    PasswordReset,
    /// Creating an account (typically a provider for an organisation).
    Invitation,
}

impl TokenPurpose {
    /// Stable code, as written to `one_time_tokens.purpose`.
    pub fn code(self) -> &'static str {
        match self {
            Self::PasswordReset => "password_reset",
            Self::Invitation => "invitation",
        }
    }

    /// Reads a stable code.
    pub fn from_code(code: &str) -> Option<Self> {
        [Self::PasswordReset, Self::Invitation].into_iter().find(|purpose| purpose.code() == code)
    }
}

/// A one-time link to create.
#[derive(Debug, Clone)]
pub struct NewToken {
    /// What it is for.
    pub purpose: TokenPurpose,
    /// Where the link is sent.
    pub email: EmailAddress,
    /// The account it is for (password resets); `None` for invitations.
    pub user_id: Option<Id>,
    /// The organisation an invited provider will act for.
    pub organisation_id: Option<Id>,
    /// The account that made it (the inviting editor); `None` when the person asked
    /// for it themselves (a password reset).
    pub created_by: Option<Id>,
    /// How long the link works.
    pub lifetime: TimeDelta,
}

/// A stored one-time link (without its token, which only the e-mail holds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OneTimeToken {
    /// See [`NewToken::purpose`].
    pub purpose: TokenPurpose,
    /// See [`NewToken::email`].
    pub email: EmailAddress,
    /// See [`NewToken::user_id`].
    pub user_id: Option<Id>,
    /// See [`NewToken::organisation_id`].
    pub organisation_id: Option<Id>,
    /// See [`NewToken::created_by`].
    pub created_by: Option<Id>,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
    /// When it was used; `None` while unused.
    pub used_at: Option<DateTime<Utc>>,
}

/// The columns [`from_row`] reads.
const COLUMNS: &str = "purpose, email, user_id, organisation_id, created_by, created_at, expires_at, used_at";

impl Store {
    /// Stores a new one-time link and returns its token (same format as session
    /// tokens), the only time it is available: put it in the e-mail. The account and
    /// organisation referred to must exist.
    pub async fn create_token(&self, new: &NewToken) -> Result<String> {
        let token = new_token();
        let now = Utc::now();
        sqlx::query(
            "INSERT INTO one_time_tokens (token_hash, purpose, user_id, email, organisation_id, created_by, \
             created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(token_hash(&token))
        .bind(new.purpose.code())
        .bind(new.user_id.as_ref().map(Id::as_str))
        .bind(new.email.as_str())
        .bind(new.organisation_id.as_ref().map(Id::as_str))
        .bind(new.created_by.as_ref().map(Id::as_str))
        .bind(time_text(now))
        .bind(time_text(now + new.lifetime))
        .execute(&self.pool)
        .await
        .map_err(crate::error::from_write)?;
        Ok(token)
    }

    /// The link of a token if it can still be used at `now` (right purpose, unused,
    /// unexpired), without using it: for showing the form behind the link.
    pub async fn peek_token(
        &self,
        token: &str,
        purpose: TokenPurpose,
        now: DateTime<Utc>,
    ) -> Result<Option<OneTimeToken>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM one_time_tokens \
             WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3"
        );
        let row = sqlx::query(AssertSqlSafe(sql))
            .bind(token_hash(token))
            .bind(purpose.code())
            .bind(time_text(now))
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(from_row).transpose()
    }

    /// Uses a token at `now`: marks it used and returns its link, in one statement, so
    /// of two requests with the same token only one gets it. `None` when it was used
    /// already, has expired, is for another purpose, or is unknown.
    pub async fn use_token(
        &self,
        token: &str,
        purpose: TokenPurpose,
        now: DateTime<Utc>,
    ) -> Result<Option<OneTimeToken>> {
        let sql = format!(
            "UPDATE one_time_tokens SET used_at = $1 \
             WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1 RETURNING {COLUMNS}"
        );
        let row = sqlx::query(AssertSqlSafe(sql))
            .bind(time_text(now))
            .bind(token_hash(token))
            .bind(purpose.code())
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(from_row).transpose()
    }

    /// Every invitation, used, expired or open, newest first: the editors' list.
    pub async fn invitations(&self) -> Result<Vec<OneTimeToken>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM one_time_tokens WHERE purpose = $1 ORDER BY created_at DESC, token_hash DESC"
        );
        let rows = sqlx::query(AssertSqlSafe(sql)).bind(TokenPurpose::Invitation.code()).fetch_all(&self.pool).await?;
        rows.iter().map(from_row).collect()
    }

    /// Deletes the links that expired before `now`, used or not; returns how many.
    /// Keeps the table small; unused expired links never work anyway.
    pub async fn purge_expired_tokens(&self, now: DateTime<Utc>) -> Result<u64> {
        let done = sqlx::query("DELETE FROM one_time_tokens WHERE expires_at <= $1")
            .bind(time_text(now))
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }
}

/// Reads one row of [`COLUMNS`].
fn from_row(row: &AnyRow) -> Result<OneTimeToken> {
    let purpose: String = row.try_get("purpose")?;
    Ok(OneTimeToken {
        purpose: TokenPurpose::from_code(&purpose)
            .ok_or_else(|| bad_column("purpose", format!("unknown purpose `{purpose}`")))?,
        email: email_column(row, "email")?,
        user_id: opt_id_column(row, "user_id")?,
        organisation_id: opt_id_column(row, "organisation_id")?,
        created_by: opt_id_column(row, "created_by")?,
        created_at: time_column(row, "created_at")?,
        expires_at: time_column(row, "expires_at")?,
        used_at: opt_time_column(row, "used_at")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purpose_codes_read_back() {
        for purpose in [TokenPurpose::PasswordReset, TokenPurpose::Invitation] {
            assert_eq!(TokenPurpose::from_code(purpose.code()), Some(purpose));
        }
        assert_eq!(TokenPurpose::from_code("login"), None);
    }
}
