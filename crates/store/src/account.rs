//! Accounts: who may log in, with which role, and for which organisations a provider
//! acts. E-mail addresses are kept lowercased, so one address is one account however
//! it is typed. Clear passwords are never stored or logged: only argon2id hashes.

mod login;
mod password;

pub use login::{LOCKOUT, LoginCheck, MAX_FAILED_LOGINS};
pub use password::{MIN_PASSWORD_CHARS, is_long_enough};

use crate::change_log::now_text;
use crate::record::{
    IN_CHUNK, bad_column, email_column, flag_column, id_column, opt_time_column, placeholders, time_column,
};
use crate::{EntityKind, Error, Result, Store};
use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::{Any, AssertSqlSafe, Row, Transaction};
use std::collections::HashMap;
use wegwijs_domain::{EmailAddress, Id, Role};

/// An account as the rest of Wegwijs sees it: no password hash, no TOTP secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Its id (a random UUID).
    pub id: Id,
    /// Where it gets mail and what it logs in with; lowercased.
    pub email: EmailAddress,
    /// The person's name, as shown to others.
    pub name: String,
    /// What it may do.
    pub role: Role,
    /// The organisations it acts for, by id; meant for providers (aanbieders).
    pub organisations: Vec<Id>,
    /// A disabled account cannot log in and has no sessions.
    pub disabled: bool,
    /// Whether a password is set; without one the account cannot log in (it was
    /// invited and has not chosen one yet).
    pub has_password: bool,
    /// Whether a second factor (TOTP) is set up.
    pub has_totp: bool,
    /// When the account was made.
    pub created_at: DateTime<Utc>,
    /// When it last logged in successfully; `None` if never.
    pub last_login_at: Option<DateTime<Utc>>,
}

/// An account to create.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// See [`User::email`]; stored lowercased.
    pub email: EmailAddress,
    /// See [`User::name`].
    pub name: String,
    /// See [`User::role`].
    pub role: Role,
    /// See [`User::organisations`]; each must exist.
    pub organisations: Vec<Id>,
    /// The password in clear, hashed before it is stored; at least
    /// [`MIN_PASSWORD_CHARS`] characters. `None`: the account cannot log in until a
    /// password is set (e.g. through an invitation link).
    pub password: Option<String>,
}

/// The columns [`user_from_row`] reads, from `users` aliased as `u`.
pub(crate) const USER_COLUMNS: &str = "u.id, u.email, u.name, u.role, \
     CASE WHEN u.password_hash IS NULL THEN 0 ELSE 1 END AS has_password, \
     CASE WHEN u.totp_secret IS NULL THEN 0 ELSE 1 END AS has_totp, \
     u.disabled, u.created_at, u.last_login_at";

impl Store {
    /// Creates an account. [`Error::Conflict`] when the e-mail address is taken (in any
    /// case), [`Error::UnknownReference`] when an organisation does not exist,
    /// [`Error::WeakPassword`] when the password is too short; nothing is written then.
    pub async fn create_user(&self, new: &NewUser) -> Result<User> {
        // Hash before the transaction: it takes a while and needs no lock.
        let password_hash = match &new.password {
            Some(password) => Some(password::hash(password).await?),
            None => None,
        };
        let id = Id::random();
        let email = normalise_email(new.email.as_str());
        let mut tx = self.begin_plain().await?;
        let taken = sqlx::query("SELECT 1 FROM users WHERE email = $1").bind(&email).fetch_optional(&mut *tx).await?;
        if taken.is_some() {
            return Err(Error::Conflict { constraint: "users_email".into() });
        }
        sqlx::query(
            "INSERT INTO users (id, email, name, role, password_hash, disabled, failed_logins, created_at) \
             VALUES ($1, $2, $3, $4, $5, 0, 0, $6)",
        )
        .bind(id.as_str())
        .bind(&email)
        .bind(&new.name)
        .bind(new.role.code())
        .bind(password_hash)
        .bind(now_text())
        .execute(&mut *tx)
        .await
        .map_err(crate::error::from_write)?;
        for organisation in &new.organisations {
            link_organisation(&mut tx, &id, organisation).await?;
        }
        tx.commit().await?;
        self.user(&id).await?.ok_or(Error::NotFound { entity: EntityKind::User, id })
    }

    /// One account.
    pub async fn user(&self, id: &Id) -> Result<Option<User>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.id = $1");
        let row = sqlx::query(AssertSqlSafe(sql)).bind(id.as_str()).fetch_optional(&self.pool).await?;
        Ok(self.with_organisations(row.into_iter().collect()).await?.pop())
    }

    /// The account with this e-mail address, however it is cased or padded with spaces.
    pub async fn user_by_email(&self, email: &str) -> Result<Option<User>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.email = $1");
        let row = sqlx::query(AssertSqlSafe(sql)).bind(normalise_email(email)).fetch_optional(&self.pool).await?;
        Ok(self.with_organisations(row.into_iter().collect()).await?.pop())
    }

    /// All accounts, by e-mail address.
    pub async fn users(&self) -> Result<Vec<User>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users u ORDER BY u.email");
        let rows = sqlx::query(AssertSqlSafe(sql)).fetch_all(&self.pool).await?;
        self.with_organisations(rows).await
    }

    /// The enabled providers (aanbieders) acting for an organisation, by e-mail
    /// address: who hears about its error reports and decided proposals.
    pub async fn users_of_organisation(&self, organisation: &Id) -> Result<Vec<User>> {
        let sql = format!(
            "SELECT {USER_COLUMNS} FROM users u JOIN user_organisations uo ON uo.user_id = u.id \
             WHERE uo.organisation_id = $1 AND u.role = $2 AND u.disabled = 0 ORDER BY u.email"
        );
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(organisation.as_str())
            .bind(Role::Aanbieder.code())
            .fetch_all(&self.pool)
            .await?;
        self.with_organisations(rows).await
    }

    /// The enabled editors and administrators, by e-mail address: who reviews proposals
    /// and error reports.
    pub async fn editors(&self) -> Result<Vec<User>> {
        let sql =
            format!("SELECT {USER_COLUMNS} FROM users u WHERE u.role IN ($1, $2) AND u.disabled = 0 ORDER BY u.email");
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(Role::Redacteur.code())
            .bind(Role::Beheerder.code())
            .fetch_all(&self.pool)
            .await?;
        self.with_organisations(rows).await
    }

    /// Sets a new password, lifts a lockout, and ends every session of the account:
    /// after a reset, whoever had the old password is logged out.
    /// [`Error::WeakPassword`] when it is too short, [`Error::NotFound`] for an
    /// unknown account.
    pub async fn set_password(&self, id: &Id, password: &str) -> Result<()> {
        let hash = password::hash(password).await?;
        let mut tx = self.begin_plain().await?;
        let done =
            sqlx::query("UPDATE users SET password_hash = $1, failed_logins = 0, locked_until = NULL WHERE id = $2")
                .bind(hash)
                .bind(id.as_str())
                .execute(&mut *tx)
                .await?;
        require_user(done.rows_affected(), id)?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(id.as_str()).execute(&mut *tx).await?;
        Ok(tx.commit().await?)
    }

    /// Disables an account, ending all its sessions, or enables it again.
    /// [`Error::NotFound`] for an unknown account.
    pub async fn set_disabled(&self, id: &Id, disabled: bool) -> Result<()> {
        let mut tx = self.begin_plain().await?;
        let done = sqlx::query("UPDATE users SET disabled = $1 WHERE id = $2")
            .bind(i64::from(disabled))
            .bind(id.as_str())
            .execute(&mut *tx)
            .await?;
        require_user(done.rows_affected(), id)?;
        if disabled {
            // A switched-off account must not come back through a link mailed before:
            // its sessions end and its unused password links stop working.
            sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(id.as_str()).execute(&mut *tx).await?;
            sqlx::query("DELETE FROM one_time_tokens WHERE user_id = $1 AND used_at IS NULL")
                .bind(id.as_str())
                .execute(&mut *tx)
                .await?;
        }
        Ok(tx.commit().await?)
    }

    /// Changes the role of an account; its sessions see the new role at once (a
    /// session reads the account on every look-up). [`Error::NotFound`] for an
    /// unknown account.
    pub async fn set_role(&self, id: &Id, role: Role) -> Result<()> {
        let done = sqlx::query("UPDATE users SET role = $1 WHERE id = $2")
            .bind(role.code())
            .bind(id.as_str())
            .execute(&self.pool)
            .await?;
        require_user(done.rows_affected(), id)
    }

    /// Lets an account act for an organisation; adding it twice changes nothing.
    /// [`Error::NotFound`] for an unknown account, [`Error::UnknownReference`] for an
    /// unknown organisation.
    pub async fn add_user_organisation(&self, id: &Id, organisation: &Id) -> Result<()> {
        let mut tx = self.begin_plain().await?;
        let user = sqlx::query("SELECT 1 FROM users WHERE id = $1").bind(id.as_str()).fetch_optional(&mut *tx).await?;
        require_user(u64::from(user.is_some()), id)?;
        link_organisation(&mut tx, id, organisation).await?;
        Ok(tx.commit().await?)
    }

    /// Stops an account acting for an organisation; `false` when it did not.
    pub async fn remove_user_organisation(&self, id: &Id, organisation: &Id) -> Result<bool> {
        let done = sqlx::query("DELETE FROM user_organisations WHERE user_id = $1 AND organisation_id = $2")
            .bind(id.as_str())
            .bind(organisation.as_str())
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Sets up (`Some`) or removes (`None`) the TOTP secret of the second factor, as
    /// the caller encodes it. [`Error::NotFound`] for an unknown account.
    pub async fn set_totp_secret(&self, id: &Id, secret: Option<&str>) -> Result<()> {
        let done = sqlx::query("UPDATE users SET totp_secret = $1 WHERE id = $2")
            .bind(secret)
            .bind(id.as_str())
            .execute(&self.pool)
            .await?;
        require_user(done.rows_affected(), id)
    }

    /// The TOTP secret of an account; `None` when none is set up or there is no such
    /// account. Only for checking a code: never show or log it.
    pub async fn totp_secret(&self, id: &Id) -> Result<Option<String>> {
        let row: Option<(Option<String>,)> = sqlx::query_as("SELECT totp_secret FROM users WHERE id = $1")
            .bind(id.as_str())
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.and_then(|(secret,)| secret))
    }

    /// Reads accounts from rows of [`USER_COLUMNS`] and adds their organisations.
    pub(crate) async fn with_organisations(&self, rows: Vec<AnyRow>) -> Result<Vec<User>> {
        let mut users: Vec<User> = rows.iter().map(user_from_row).collect::<Result<_>>()?;
        let mut organisations: HashMap<Id, Vec<Id>> = HashMap::new();
        let ids: Vec<&Id> = users.iter().map(|u| &u.id).collect();
        for chunk in ids.chunks(IN_CHUNK) {
            let sql = format!(
                "SELECT user_id, organisation_id FROM user_organisations WHERE user_id IN ({}) \
                 ORDER BY organisation_id",
                placeholders(1, chunk.len())
            );
            let mut query = sqlx::query(AssertSqlSafe(sql));
            for id in chunk {
                query = query.bind(id.as_str());
            }
            for row in query.fetch_all(&self.pool).await? {
                organisations.entry(id_column(&row, "user_id")?).or_default().push(id_column(&row, "organisation_id")?);
            }
        }
        for user in &mut users {
            user.organisations = organisations.remove(&user.id).unwrap_or_default();
        }
        Ok(users)
    }
}

/// How an e-mail address is stored and looked up: trimmed and lowercased, so that
/// `Anne@Example.nl ` and `anne@example.nl` are the same account.
pub(crate) fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// [`Error::NotFound`] for the account `id` unless a statement found it.
fn require_user(rows_affected: u64, id: &Id) -> Result<()> {
    if rows_affected == 0 {
        return Err(Error::NotFound { entity: EntityKind::User, id: id.clone() });
    }
    Ok(())
}

/// Links an account to an organisation inside `tx`, checking that the organisation
/// exists (organisations are never deleted, so the check stays true).
async fn link_organisation(tx: &mut Transaction<'static, Any>, user: &Id, organisation: &Id) -> Result<()> {
    let found = sqlx::query("SELECT 1 FROM organisation WHERE id = $1")
        .bind(organisation.as_str())
        .fetch_optional(&mut **tx)
        .await?;
    if found.is_none() {
        return Err(Error::UnknownReference {
            entity: EntityKind::User,
            id: user.clone(),
            field: "organisations",
            target: EntityKind::Organisation,
            target_id: organisation.clone(),
        });
    }
    sqlx::query(
        "INSERT INTO user_organisations (user_id, organisation_id) VALUES ($1, $2) \
         ON CONFLICT (user_id, organisation_id) DO NOTHING",
    )
    .bind(user.as_str())
    .bind(organisation.as_str())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Reads one row of [`USER_COLUMNS`]; organisations are added by the caller.
fn user_from_row(row: &AnyRow) -> Result<User> {
    let role: String = row.try_get("role")?;
    Ok(User {
        id: id_column(row, "id")?,
        email: email_column(row, "email")?,
        name: row.try_get("name")?,
        role: Role::from_code(&role).ok_or_else(|| bad_column("role", format!("unknown role `{role}`")))?,
        organisations: Vec::new(),
        disabled: flag_column(row, "disabled")?,
        has_password: flag_column(row, "has_password")?,
        has_totp: flag_column(row, "has_totp")?,
        created_at: time_column(row, "created_at")?,
        last_login_at: opt_time_column(row, "last_login_at")?,
    })
}
