//! `GET /vergelijken?id=…&id=…`: two to four services side by side.

use crate::page::PageContext;
use crate::view::compare::{CompareColumn, CompareRow};
use crate::view::{Chrome, ComparePage, ServicePage, service_href};
use crate::{AppError, AppState};
use axum::Router;
use axum::extract::State;
use axum::response::Html;
use axum::routing::get;
use std::collections::HashMap;
use wegwijs_domain::{Id, Service};

/// Most services compared at once: more columns do not fit a screen.
pub const MAX_COMPARED: usize = 4;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new().route("/vergelijken", get(compare))
}

/// The ids asked for, in order, without repeats; malformed ones are counted.
pub fn requested_ids(ctx: &PageContext) -> (Vec<Id>, usize) {
    let mut ids: Vec<Id> = Vec::new();
    let mut malformed = 0;
    for (key, value) in ctx.pairs_without_lang() {
        if key != "id" {
            continue;
        }
        for raw in value.split(',').map(str::trim).filter(|v| !v.is_empty()) {
            match Id::parse(raw) {
                Ok(id) if !ids.contains(&id) => ids.push(id),
                Ok(_) => {}
                Err(_) => malformed += 1,
            }
        }
    }
    (ids, malformed)
}

async fn compare(State(state): State<AppState>, ctx: PageContext) -> Result<Html<String>, AppError> {
    let locale = ctx.locale;
    let (mut ids, malformed) = requested_ids(&ctx);
    let mut notices = Vec::new();
    if ids.len() > MAX_COMPARED {
        notices.push(locale.tf("compare.too_many", &[("max", &MAX_COMPARED)]));
        ids.truncate(MAX_COMPARED);
    }
    let services = crate::routes::public_services(&state, &ids).await?;
    if malformed > 0 || services.len() < ids.len() {
        notices.push(locale.t("compare.unknown").to_owned());
    }
    if services.len() < 2 {
        notices.push(locale.t("compare.too_few").to_owned());
    } else if !share_a_theme(&services, &theme_ids(&state).await?) {
        notices.push(locale.t("compare.different_kinds").to_owned());
    }
    let organisation_ids: Vec<Id> = services.iter().map(|s| s.organisation_id.clone()).collect();
    let organisations: HashMap<_, _> =
        state.store.organisations_by_ids(&organisation_ids).await?.into_iter().map(|o| (o.id.clone(), o)).collect();
    let now = chrono::Utc::now();
    let pages: Vec<ServicePage> = services
        .iter()
        .map(|s| {
            let chrome = Chrome::new(&ctx, "", "", &[]);
            ServicePage::new(chrome, s, organisations.get(&s.organisation_id), &[], &[], now)
        })
        .collect();
    let columns = pages
        .iter()
        .zip(&services)
        .map(|(page, service)| CompareColumn {
            name: page.name.clone(),
            href: service_href(locale, service.id.as_str(), service.name.as_str()),
            organisation: page.organisation.clone(),
        })
        .collect();
    let row = |key: &str, cell: &dyn Fn(&ServicePage) -> Vec<String>| CompareRow {
        label: locale.t(key).to_owned(),
        cells: pages
            .iter()
            .map(|p| {
                let lines = cell(p);
                if lines.is_empty() { vec![locale.t("compare.unknown_value").to_owned()] } else { lines }
            })
            .collect(),
    };
    let rows = if pages.len() < 2 {
        Vec::new()
    } else {
        vec![
            row("compare.summary", &|p| vec![p.summary.clone()]),
            row("service.costs", &|p| p.costs.clone()),
            row("service.paid_by", &|p| p.paid_by.clone()),
            row("service.wait_time", &|p| p.wait_time.clone().into_iter().collect()),
            row("compare.area", &|p| p.areas.clone()),
            row("service.referral", &|p| vec![p.referral.clone()]),
            row("service.hours", &|p| p.hours.iter().map(|h| format!("{}: {}", h.day, h.periods)).collect()),
            row("service.for_whom", &|p| p.for_whom.clone()),
            row("service.languages", &|p| p.languages.clone()),
            row("compare.verified", &|p| vec![p.verified.clone()]),
        ]
    };
    let chrome = Chrome::new(&ctx, locale.t("compare.title"), locale.t("compare.intro"), &[]).noindex();
    let page = ComparePage { locale, chrome, columns, rows, notices };
    Ok(Html(askama::Template::render(&page)?))
}

/// The ids of the theme terms (taxonomy `thema`).
async fn theme_ids(state: &AppState) -> Result<Vec<Id>, AppError> {
    let terms = state.store.taxonomy_terms().await?;
    Ok(terms.into_iter().filter(|t| t.taxonomy_id.as_str() == wegwijs_domain::taxonomy::THEME).map(|t| t.id).collect())
}

/// Whether all services share at least one theme: then they are "of the same kind".
fn share_a_theme(services: &[Service], themes: &[Id]) -> bool {
    let Some((first, rest)) = services.split_first() else { return true };
    first.terms.iter().filter(|term| themes.contains(term)).any(|term| rest.iter().all(|s| s.terms.contains(term)))
}
