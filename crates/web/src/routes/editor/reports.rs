//! `/redactie/meldingen`: residents' error reports ("Klopt er iets niet?") that wait for
//! an editor, oldest first so nothing waits forever, and closing one once it is dealt
//! with.

use crate::auth::SignedIn;
use crate::page::PageContext;
use crate::view::backoffice::{ReportItem, ReportsPage};
use crate::view::{Chrome, Section, service_href};
use crate::{AppError, AppState, Locale};
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use std::collections::HashMap;
use wegwijs_domain::Id;
use wegwijs_store::EntityKind;
use wegwijs_store::{ErrorReport, Page, ReportStatus};

/// Reports on one page: enough to work through in a sitting, few enough to load fast.
const PAGE_SIZE: u64 = 50;

/// The query of the list.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    /// The page, from 1; the first when absent.
    #[serde(default)]
    pagina: String,
    /// `gesloten` after closing a report.
    #[serde(default)]
    melding: String,
}

/// `GET /redactie/meldingen`
pub async fn list(
    State(state): State<AppState>,
    ctx: PageContext,
    _editor: SignedIn,
    Query(query): Query<ListQuery>,
) -> Result<Html<String>, AppError> {
    let locale = ctx.locale;
    let number = match query.pagina.trim() {
        "" => 1,
        raw => raw.parse::<u64>().ok().filter(|n| *n >= 1).ok_or_else(|| AppError::BadRequest("pagina".into()))?,
    };
    let total = state.store.error_report_count(ReportStatus::Open).await?;
    let reports = match oldest_first(total, number) {
        Some(page) => {
            let mut reports = state.store.error_reports(ReportStatus::Open, page).await?;
            reports.reverse();
            reports
        }
        None => Vec::new(),
    };
    let items = items(&state, locale, &reports).await?;
    let pages = total.div_ceil(PAGE_SIZE);
    let link = |n: u64| locale.href(&format!("/redactie/meldingen?pagina={n}"));
    let notice = (query.melding == "gesloten").then(|| locale.t("reports.notice_closed").to_owned());
    let chrome = Chrome::new(&ctx, locale.t("reports.heading"), "", &["pagina"]).noindex().section(Section::Editor);
    let page = ReportsPage {
        locale,
        chrome,
        notice,
        summary: match total {
            0 => locale.t("reports.none").to_owned(),
            1 => locale.t("reports.count_one").to_owned(),
            n => locale.tf("reports.count", &[("count", &locale.number(n))]),
        },
        items,
        previous_href: (number > 1 && number <= pages + 1).then(|| link(number - 1)),
        next_href: (number < pages).then(|| link(number + 1)),
        page_label: (pages > 1).then(|| locale.tf("reports.page_of", &[("page", &number), ("pages", &pages)])),
    };
    Ok(Html(askama::Template::render(&page)?))
}

/// Page `number` (from 1) of `total` reports listed oldest first, as a page of the
/// store's newest-first listing (reverse it after reading); `None` past the end.
fn oldest_first(total: u64, number: u64) -> Option<Page> {
    let skipped = (number - 1).checked_mul(PAGE_SIZE)?;
    let left = total.checked_sub(skipped).filter(|left| *left > 0)?;
    let limit = left.min(PAGE_SIZE);
    Some(Page { offset: left - limit, limit: u32::try_from(limit).ok()? })
}

/// The reports with the names of their services and organisations.
async fn items(state: &AppState, locale: Locale, reports: &[ErrorReport]) -> Result<Vec<ReportItem>, AppError> {
    let ids = |of: fn(&ErrorReport) -> &Id| {
        let mut ids: Vec<Id> = reports.iter().map(of).cloned().collect();
        ids.sort();
        ids.dedup();
        ids
    };
    let services: HashMap<Id, wegwijs_domain::Service> =
        state.store.services_by_ids(&ids(|r| &r.service_id)).await?.into_iter().map(|s| (s.id.clone(), s)).collect();
    let organisations: HashMap<Id, String> = state
        .store
        .organisations_by_ids(&ids(|r| &r.organisation_id))
        .await?
        .into_iter()
        .map(|o| (o.id.clone(), o.name.to_string()))
        .collect();
    Ok(reports
        .iter()
        .map(|r| {
            let service = services.get(&r.service_id);
            let when = super::super::account::moment(locale, r.created_at);
            ReportItem {
                service: service.map_or_else(|| locale.t("reports.service_gone").to_owned(), |s| s.name.to_string()),
                public_href: service
                    .filter(|s| wegwijs_store::is_running_service(s))
                    .map(|s| service_href(locale, s.id.as_str(), s.name.as_str())),
                edit_href: service.map(|s| locale.href(&crate::routes::paths::edit(EntityKind::Service, &s.id))),
                organisation: organisations.get(&r.organisation_id).cloned().unwrap_or_default(),
                message: r.message.clone(),
                when,
                email: r.reporter_email.as_ref().map(ToString::to_string),
                close_action: locale.href(&format!("/redactie/meldingen/{}/sluiten", r.id)),
            }
        })
        .collect())
}

/// `POST /redactie/meldingen/{id}/sluiten`: closing twice (two editors at once) is fine.
pub async fn close(
    State(state): State<AppState>,
    ctx: PageContext,
    editor: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id = Id::parse(&id).map_err(|_| AppError::NotFound)?;
    if state.store.error_report(&id).await?.is_none() {
        return Err(AppError::NotFound);
    }
    if state.store.close_error_report(&id, &editor.user.id).await? {
        tracing::info!(report = %id, editor = %editor.user.id, "error report closed");
    }
    Ok(Redirect::to(&ctx.locale.href("/redactie/meldingen?melding=gesloten")).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_count_from_the_oldest_report() {
        let page = |total, number| oldest_first(total, number).map(|p| (p.offset, p.limit));
        // 120 reports, newest first at offsets 0..120: the oldest 50 are offsets 70..120.
        assert_eq!(page(120, 1), Some((70, 50)));
        assert_eq!(page(120, 2), Some((20, 50)));
        assert_eq!(page(120, 3), Some((0, 20)));
        assert_eq!(page(120, 4), None);
        assert_eq!(page(3, 1), Some((0, 3)));
        assert_eq!(page(0, 1), None);
        assert_eq!(page(10, u64::MAX), None);
    }
}
