//! Services in the search engine's order, for listings with `search` or `postcode`.
//!
//! The engine knows words, places and distances; the store knows organisations, terms
//! and change dates. A listing with only engine parameters lets the engine page; one
//! that also filters on store fields takes the engine's best matches (at most
//! [`MAX_RESULT_WINDOW`]) and keeps, in the engine's order, those the store also lists.

use super::params::{Paging, ServiceSelection};
use crate::routes::run_search;
use crate::{AppError, AppState};
use std::collections::HashSet;
use wegwijs_domain::Id;
use wegwijs_search::engine::MAX_RESULT_WINDOW;
use wegwijs_search::{SearchRequest, SearchResults, Sort};
use wegwijs_store::{ServiceFilter, Visibility};

/// One page of ranked services.
#[derive(Debug, Clone, PartialEq)]
pub struct RankedPage {
    /// Matching services that can be paged to.
    pub total: u64,
    /// The ids on the asked page, best first.
    pub ids: Vec<Id>,
}

/// The page `paging` of the services `selection` finds, in the engine's order.
pub async fn ranked_page(
    state: &AppState,
    visibility: &Visibility,
    selection: &ServiceSelection,
    paging: Paging,
) -> Result<RankedPage, AppError> {
    let offset = usize::try_from(paging.offset()).unwrap_or(usize::MAX);
    let per_page = paging.per_page as usize;
    if selection.filter == ServiceFilter::default() {
        let page = request(visibility, selection, offset.min(MAX_RESULT_WINDOW), per_page);
        let results = run_search(state, page).await?;
        return Ok(RankedPage { total: results.total.min(MAX_RESULT_WINDOW as u64), ids: hit_ids(&results) });
    }
    let all = ranked_ids(state, visibility, selection).await?;
    Ok(RankedPage { total: all.len() as u64, ids: all.into_iter().skip(offset).take(per_page).collect() })
}

/// Every service `selection` finds (up to [`MAX_RESULT_WINDOW`]), best first, the
/// store's filters applied; the engine and the store both hide at `visibility`.
pub async fn ranked_ids(
    state: &AppState,
    visibility: &Visibility,
    selection: &ServiceSelection,
) -> Result<Vec<Id>, AppError> {
    let results = run_search(state, request(visibility, selection, 0, MAX_RESULT_WINDOW)).await?;
    let candidates = hit_ids(&results);
    if selection.filter == ServiceFilter::default() || candidates.is_empty() {
        return Ok(candidates);
    }
    let filter = ServiceFilter { ids: Some(candidates.clone()), ..selection.filter.clone() };
    let kept: HashSet<Id> = state.store.public_service_ids(visibility, &filter).await?.into_iter().collect();
    Ok(candidates.into_iter().filter(|id| kept.contains(id)).collect())
}

/// The engine's request: words and place as given. Without words, a radius lists the
/// nearest first, and a postcode alone ranks by how local a service is.
fn request(visibility: &Visibility, selection: &ServiceSelection, offset: usize, limit: usize) -> SearchRequest {
    let mut request = SearchRequest::new(selection.search.clone().unwrap_or_default());
    (request.now, request.freshness) = (visibility.now, visibility.policy);
    if let Some(near) = &selection.near {
        request.near = Some(near.place.clone());
        request.radius_km = near.radius_km;
    }
    let nearest_first = selection.search.is_none() && selection.near.as_ref().is_some_and(|n| n.radius_km.is_some());
    request.sort = if nearest_first { Sort::Distance } else { Sort::Relevance };
    request.offset = offset;
    request.limit = limit;
    request
}

fn hit_ids(results: &SearchResults) -> Vec<Id> {
    results.hits.iter().filter_map(|hit| Id::parse(&hit.id).ok()).collect()
}
