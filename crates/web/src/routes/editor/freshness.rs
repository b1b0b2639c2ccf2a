//! `/redactie/actualiteit`: the editors' dashboard of how current the kaart is — shares
//! checked per organisation, theme and place, what goes stale next month, what is
//! hidden, who waits for an editor, how the reminders did, open error reports and
//! searches that found nothing. The numbers come from `wegwijs_upkeep::overview`; this
//! handler reads the clock and the store, and nothing else does.

use crate::auth::SignedIn;
use crate::page::PageContext;
use crate::view::freshness::{DashboardData, FreshnessPage};
use crate::view::{Chrome, Section};
use crate::{AppError, AppState, Locale};
use axum::extract::{Query, State};
use axum::response::Html;
use chrono::{TimeDelta, Utc};
use serde::Deserialize;
use std::collections::HashMap;
use wegwijs_domain::taxonomy::THEME;
use wegwijs_store::ReportStatus;
use wegwijs_upkeep::entries;
use wegwijs_upkeep::overview::{self, Overview};

/// Days of the search log shown: four weeks.
const SEARCH_DAYS: i64 = 28;
/// Searches without results shown at most.
const SEARCHES: u32 = 20;

/// The query of the page.
#[derive(Debug, Default, Deserialize)]
pub struct DashboardQuery {
    /// The page of the organisations' table, from 1; absent: the first, folded away.
    #[serde(default)]
    pagina: String,
    /// The page of the places' table, the same way.
    #[serde(default)]
    plaatsen: String,
}

/// `GET /redactie/actualiteit`
pub async fn show(
    State(state): State<AppState>,
    ctx: PageContext,
    _editor: SignedIn,
    Query(query): Query<DashboardQuery>,
) -> Result<Html<String>, AppError> {
    let locale = ctx.locale;
    let organisation_page = page_number(&query.pagina, "pagina")?;
    let place_page = page_number(&query.plaatsen, "plaatsen")?;
    let now = Utc::now();
    let policy = state.config.freshness;
    let organisations = entries::described(&state.store).await?;
    let reminders = state.store.reminders_since(overview::reminders_needed_since(&organisations, now, &policy)).await?;
    let overview = Overview::new(&organisations, &reminders, now, &policy);
    let today = now.with_timezone(&chrono_tz::Europe::Amsterdam).date_naive();
    let searches = state.store.low_result_queries(today - TimeDelta::days(SEARCH_DAYS - 1), 0, SEARCHES).await?;
    let data = DashboardData {
        overview: &overview,
        theme_names: &theme_names(&state, locale).await?,
        open_reports: state.store.error_report_count(ReportStatus::Open).await?,
        searches: &searches,
        hide_after_months: policy.hide_after.num_days() / 30,
        organisation_page,
        place_page,
        edit_path: crate::routes::paths::edit,
    };
    let chrome =
        Chrome::new(&ctx, locale.t("dashboard.title"), "", &["pagina", "plaatsen"]).noindex().section(Section::Editor);
    Ok(Html(askama::Template::render(&FreshnessPage::new(locale, chrome, &data))?))
}

/// A page number from the query: absent is `None`, anything but a number from 1 is refused.
fn page_number(raw: &str, name: &str) -> Result<Option<u64>, AppError> {
    match raw.trim() {
        "" => Ok(None),
        raw => raw.parse::<u64>().ok().filter(|n| *n >= 1).map(Some).ok_or_else(|| AppError::BadRequest(name.into())),
    }
}

/// Theme code → name in `locale`: Dutch from the data (editors may rename a theme),
/// English from the locale files when translated there.
async fn theme_names(state: &AppState, locale: Locale) -> Result<HashMap<String, String>, AppError> {
    let terms = state.store.taxonomy_terms().await?;
    Ok(terms
        .into_iter()
        .filter(|t| t.taxonomy_id.as_str() == THEME)
        .map(|t| {
            let translated = locale.get(&format!("theme.{}.name", t.code)).filter(|_| locale == Locale::En);
            let name = translated.map_or_else(|| t.name.to_string(), str::to_owned);
            (t.code, name)
        })
        .collect())
}
