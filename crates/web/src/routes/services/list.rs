//! The plain list of all services, paged. The search issue replaces this entry page
//! with search; the list stays useful as a browsable index.

use crate::routes::LangQuery;
use crate::view::{ServiceListItem, ServiceListPage};
use crate::{AppError, AppState};
use axum::extract::{Query, State};
use axum::response::Html;
use serde::Deserialize;
use std::collections::HashMap;
use wegwijs_store::Page;

/// Query string of the list page.
#[derive(Debug, Deserialize)]
pub struct ListQuery {
    /// 1-based page number ("pagina" because it is visible in the address bar).
    pagina: Option<String>,
    #[serde(flatten)]
    lang: LangQuery,
}

/// `GET /`
pub async fn list_services(
    State(state): State<AppState>,
    Query(query): Query<ListQuery>,
) -> Result<Html<String>, AppError> {
    let locale = query.lang.locale();
    let page: u64 = match query.pagina.as_deref() {
        None | Some("") => 1,
        Some(raw) => {
            raw.parse().ok().filter(|p| *p >= 1).ok_or_else(|| AppError::BadRequest(format!("page {raw:?}")))?
        }
    };
    let limit = state.config.page_size;
    let total = state.store.service_count().await?;
    let pages = total.div_ceil(u64::from(limit)).max(1);
    if page > pages {
        return Err(AppError::NotFound);
    }
    let services = state.store.services(Page { offset: (page - 1) * u64::from(limit), limit }).await?;
    let organisation_ids: Vec<_> = services.iter().map(|s| s.organisation_id.clone()).collect();
    let organisations: HashMap<_, _> =
        state.store.organisations_by_ids(&organisation_ids).await?.into_iter().map(|o| (o.id.clone(), o)).collect();
    let items =
        services.iter().map(|s| ServiceListItem::new(locale, s, organisations.get(&s.organisation_id))).collect();
    let view = ServiceListPage { locale, services: items, total, page, pages };
    Ok(Html(askama::Template::render(&view)?))
}
