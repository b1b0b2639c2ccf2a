//! Errors that residents report on a service page ("Klopt er iets niet?"), kept until
//! an editor has checked them and closes them. The store keeps the text exactly as
//! given; how long a message may be and what counts as an e-mail address is for the
//! web layer to decide.

use crate::change_log::now_text;
use crate::record::{bad_column, opt_id_column, parse_time, placeholders, to_i64};
use crate::{Page, Result, Store};
use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::{AssertSqlSafe, Row};
use wegwijs_domain::{EmailAddress, Id};

/// A report as a resident sends it; the store adds the id, time and status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewErrorReport {
    /// The service the report is about. Not checked against the services: a report
    /// must survive its service being deleted, so there is no reference to keep.
    pub service_id: Id,
    /// The organisation offering the service when the report was made, so that a
    /// report can later be passed on to the provider.
    pub organisation_id: Id,
    /// What is wrong, in the resident's words. Any Unicode text except U+0000,
    /// which PostgreSQL cannot store (and SQLite is made to refuse too).
    pub message: String,
    /// Where to answer; only given when the resident wants an answer.
    pub reporter_email: Option<EmailAddress>,
    /// The language of the page the report was sent from, so an answer can be in it.
    pub page_language: PageLanguage,
}

/// A stored report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorReport {
    /// Its own id (a random UUID).
    pub id: Id,
    /// See [`NewErrorReport::service_id`].
    pub service_id: Id,
    /// See [`NewErrorReport::organisation_id`].
    pub organisation_id: Id,
    /// See [`NewErrorReport::message`].
    pub message: String,
    /// See [`NewErrorReport::reporter_email`].
    pub reporter_email: Option<EmailAddress>,
    /// See [`NewErrorReport::page_language`].
    pub page_language: PageLanguage,
    /// When it was stored (microsecond precision, as stored).
    pub created_at: DateTime<Utc>,
    /// Whether an editor still has to look at it.
    pub status: ReportStatus,
    /// When it was closed; `None` while open.
    pub closed_at: Option<DateTime<Utc>>,
    /// The account that closed it; `None` while open (and for reports closed before
    /// accounts existed).
    pub closed_by: Option<Id>,
}

/// Where a report is in the editors' work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportStatus {
    /// Waiting for an editor.
    Open,
    /// Dealt with.
    Closed,
}

impl ReportStatus {
    /// Stable code, as written to `error_reports.status`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Closed => "closed",
        }
    }

    /// Reads a stable code.
    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Open, Self::Closed].into_iter().find(|status| status.code() == code)
    }
}

/// The language of the page a report was sent from. The store does not know the web
/// layer's locale type, so it has its own, with the same codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PageLanguage {
    /// Dutch.
    Nl,
    /// English.
    En,
}

impl PageLanguage {
    /// Stable code (`nl`, `en`), as written to `error_reports.page_language`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Nl => "nl",
            Self::En => "en",
        }
    }

    /// Reads a stable code.
    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Nl, Self::En].into_iter().find(|language| language.code() == code)
    }
}

/// Why a text was not written: PostgreSQL `text` cannot hold U+0000.
#[derive(Debug, thiserror::Error)]
#[error("text contains the character U+0000, which the database cannot store")]
struct NulInText;

impl Store {
    /// Stores a new, open report and returns it as stored. A message containing
    /// U+0000 is refused ([`crate::Error::Database`] with an encode error) on both
    /// backends, because PostgreSQL cannot store it.
    pub async fn add_error_report(&self, report: &NewErrorReport) -> Result<ErrorReport> {
        if report.message.contains('\0') {
            return Err(sqlx::Error::Encode(Box::new(NulInText)).into());
        }
        let id = Id::random();
        let created_at = now_text();
        sqlx::query(
            "INSERT INTO error_reports (id, service_id, organisation_id, message, reporter_email, page_language, \
             created_at, status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(id.as_str())
        .bind(report.service_id.as_str())
        .bind(report.organisation_id.as_str())
        .bind(&report.message)
        .bind(report.reporter_email.as_ref().map(|email| email.as_str().to_owned()))
        .bind(report.page_language.code())
        .bind(&created_at)
        .bind(ReportStatus::Open.code())
        .execute(&self.pool)
        .await?;
        Ok(ErrorReport {
            id,
            service_id: report.service_id.clone(),
            organisation_id: report.organisation_id.clone(),
            message: report.message.clone(),
            reporter_email: report.reporter_email.clone(),
            page_language: report.page_language,
            created_at: parse_time("created_at", &created_at)?,
            status: ReportStatus::Open,
            closed_at: None,
            closed_by: None,
        })
    }

    /// A page of the reports with this status, newest first (ties by id, descending).
    pub async fn error_reports(&self, status: ReportStatus, page: Page) -> Result<Vec<ErrorReport>> {
        let rows = sqlx::query(AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM error_reports WHERE status = $1 ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3"
        )))
        .bind(status.code())
        .bind(i64::from(page.limit))
        .bind(to_i64(page.offset))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(from_row).collect()
    }

    /// Number of reports with this status.
    pub async fn error_report_count(&self, status: ReportStatus) -> Result<u64> {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM error_reports WHERE status = $1")
            .bind(status.code())
            .fetch_one(&self.pool)
            .await?;
        Ok(n.max(0).unsigned_abs())
    }

    /// A page of the reports with this status about services of these organisations
    /// (a provider's own), newest first (ties by id, descending). Empty when `orgs` is.
    pub async fn error_reports_of_organisations(
        &self,
        orgs: &[Id],
        status: ReportStatus,
        page: Page,
    ) -> Result<Vec<ErrorReport>> {
        if orgs.is_empty() {
            return Ok(Vec::new());
        }
        // A provider acts for a handful of organisations: one IN list, no chunking.
        let sql = format!(
            "SELECT {COLUMNS} FROM error_reports WHERE status = $1 AND organisation_id IN ({}) \
             ORDER BY created_at DESC, id DESC LIMIT ${} OFFSET ${}",
            placeholders(2, orgs.len()),
            orgs.len() + 2,
            orgs.len() + 3,
        );
        let mut query = sqlx::query(AssertSqlSafe(sql)).bind(status.code());
        for org in orgs {
            query = query.bind(org.as_str());
        }
        let rows = query.bind(i64::from(page.limit)).bind(to_i64(page.offset)).fetch_all(&self.pool).await?;
        rows.iter().map(from_row).collect()
    }

    /// One report.
    pub async fn error_report(&self, id: &Id) -> Result<Option<ErrorReport>> {
        let row = sqlx::query(AssertSqlSafe(format!("SELECT {COLUMNS} FROM error_reports WHERE id = $1")))
            .bind(id.as_str())
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(from_row).transpose()
    }

    /// Closes an open report and notes when and by whom. `false` when there is no such
    /// report or it was closed already, so closing twice (two editors at once) changes
    /// nothing.
    pub async fn close_error_report(&self, id: &Id, by: &Id) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE error_reports SET status = $1, closed_at = $2, closed_by = $3 WHERE id = $4 AND status = $5",
        )
        .bind(ReportStatus::Closed.code())
        .bind(now_text())
        .bind(by.as_str())
        .bind(id.as_str())
        .bind(ReportStatus::Open.code())
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }
}

/// Every column of `error_reports`, as [`from_row`] reads them.
const COLUMNS: &str = "id, service_id, organisation_id, message, reporter_email, page_language, created_at, status, \
                       closed_at, closed_by";

/// Reads one row of `error_reports` (all columns).
fn from_row(row: &AnyRow) -> Result<ErrorReport> {
    let id = |column: &str| -> Result<Id> {
        let raw: String = row.try_get(column)?;
        Id::parse(&raw).map_err(|e| bad_column(column, e.to_string()))
    };
    let email: Option<String> = row.try_get("reporter_email")?;
    let language: String = row.try_get("page_language")?;
    let status: String = row.try_get("status")?;
    let created_at: String = row.try_get("created_at")?;
    let closed_at: Option<String> = row.try_get("closed_at")?;
    Ok(ErrorReport {
        id: id("id")?,
        service_id: id("service_id")?,
        organisation_id: id("organisation_id")?,
        message: row.try_get("message")?,
        reporter_email: email
            .map(|raw| EmailAddress::parse(&raw).map_err(|e| bad_column("reporter_email", e.to_string())))
            .transpose()?,
        page_language: PageLanguage::from_code(&language)
            .ok_or_else(|| bad_column("page_language", format!("unknown language `{language}`")))?,
        created_at: parse_time("created_at", &created_at)?,
        status: ReportStatus::from_code(&status)
            .ok_or_else(|| bad_column("status", format!("unknown status `{status}`")))?,
        closed_at: closed_at.map(|raw| parse_time("closed_at", &raw)).transpose()?,
        closed_by: opt_id_column(row, "closed_by")?,
    })
}
