//! `/api/hsds/taxonomies` and `/api/hsds/taxonomy_terms`, each with `/{id}`: the
//! vocabularies services are classified by (themes, Positieve Gezondheid, iWmo/iJw).

use super::page::HsdsPage;
use super::params::{ApiQuery, DEFAULT_PER_PAGE, MAX_PER_PAGE, PageQuery, Paging, flag, name_search, optional_id};
use super::schemas::{HsdsTaxonomy, HsdsTaxonomyTerm, TaxonomyPage, TaxonomyTermPage};
use crate::error::Problem;
use crate::{AppError, AppState};
use axum::Json;
use axum::extract::{Path, State};
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashMap;
use utoipa::IntoParams;
use wegwijs_domain::{Id, Taxonomy, TaxonomyTerm};
use wegwijs_hsds::{taxonomy_to_hsds, term_to_hsds};
use wegwijs_store::{EntityKind, TermFilter};

/// `search` of the taxonomy list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TaxonomyQuery {
    /// Only taxonomies whose name contains this text; letter case is ignored.
    #[param(value_type = Option<String>, max_length = 500)]
    pub search: Option<String>,
}

/// The filters of the term list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TermQuery {
    /// Only terms whose name contains this text; letter case is ignored.
    #[param(value_type = Option<String>, max_length = 500)]
    pub search: Option<String>,
    /// Only terms of this taxonomy.
    #[param(value_type = Option<String>)]
    pub taxonomy_id: Option<String>,
    /// Only terms directly below this term.
    #[param(value_type = Option<String>)]
    pub parent_id: Option<String>,
    /// `true`: only terms at the top of their taxonomy (without a parent).
    #[param(value_type = Option<bool>)]
    pub top_only: Option<String>,
}

/// A page of taxonomies, sorted by id.
#[utoipa::path(
    get,
    path = "/api/hsds/taxonomies",
    tag = "HSDS",
    operation_id = "list_taxonomies",
    params(PageQuery, TaxonomyQuery),
    responses(
        (status = 200, description = "A page of taxonomies.", body = TaxonomyPage),
        (status = 400, description = "A parameter is not valid; `detail` says which and why.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_taxonomies(
    State(state): State<AppState>,
    ApiQuery(page): ApiQuery<PageQuery>,
    ApiQuery(query): ApiQuery<TaxonomyQuery>,
) -> Result<HsdsPage, AppError> {
    let paging = Paging::parse(&page, DEFAULT_PER_PAGE, MAX_PER_PAGE)?;
    let name = name_search(query.search.as_deref())?;
    let total = state.store.taxonomy_count_named(name.as_ref()).await?;
    let taxonomies = if paging.offset() >= total {
        Vec::new()
    } else {
        state.store.taxonomies_named(name.as_ref(), paging.store_page()).await?
    };
    Ok(HsdsPage::new(paging, total, taxonomies.iter().map(taxonomy_to_hsds).collect()))
}

/// One taxonomy.
#[utoipa::path(
    get,
    path = "/api/hsds/taxonomies/{id}",
    tag = "HSDS",
    operation_id = "show_taxonomy",
    params(("id" = String, Path, description = "The id of the taxonomy.")),
    responses(
        (status = 200, description = "The taxonomy.", body = HsdsTaxonomy),
        (status = 404, description = "No taxonomy has this id.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn show_taxonomy(State(state): State<AppState>, Path(raw): Path<String>) -> Result<Json<Value>, AppError> {
    let missing = || AppError::Missing { kind: "taxonomy", id: raw.clone() };
    let id = Id::parse(&raw).map_err(|_| missing())?;
    let taxonomy = state.store.taxonomy(&id).await?.ok_or_else(missing)?;
    Ok(Json(taxonomy_to_hsds(&taxonomy)))
}

/// A page of taxonomy terms, sorted by taxonomy and id, each with its taxonomy.
#[utoipa::path(
    get,
    path = "/api/hsds/taxonomy_terms",
    tag = "HSDS",
    operation_id = "list_taxonomy_terms",
    params(PageQuery, TermQuery),
    responses(
        (status = 200, description = "A page of taxonomy terms.", body = TaxonomyTermPage),
        (status = 400, description = "A parameter is not valid; `detail` says which and why.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_taxonomy_terms(
    State(state): State<AppState>,
    ApiQuery(page): ApiQuery<PageQuery>,
    ApiQuery(query): ApiQuery<TermQuery>,
) -> Result<HsdsPage, AppError> {
    let paging = Paging::parse(&page, DEFAULT_PER_PAGE, MAX_PER_PAGE)?;
    let filter = TermFilter {
        taxonomy_id: optional_id("taxonomy_id", query.taxonomy_id.as_deref())?,
        parent_id: optional_id("parent_id", query.parent_id.as_deref())?,
        top_only: flag("top_only", query.top_only.as_deref())?,
        name: name_search(query.search.as_deref())?,
    };
    let total = state.store.taxonomy_term_count(&filter).await?;
    let terms = if paging.offset() >= total {
        Vec::new()
    } else {
        state.store.taxonomy_terms_matching(&filter, paging.store_page()).await?
    };
    let taxonomies = taxonomies_by_id(&state).await?;
    let contents =
        terms.iter().map(|term| term_json(term, taxonomies.get(&term.taxonomy_id))).collect::<Result<_, _>>()?;
    Ok(HsdsPage::new(paging, total, contents))
}

/// One taxonomy term, with its taxonomy.
#[utoipa::path(
    get,
    path = "/api/hsds/taxonomy_terms/{id}",
    tag = "HSDS",
    operation_id = "show_taxonomy_term",
    params(("id" = String, Path, description = "The id of the taxonomy term.")),
    responses(
        (status = 200, description = "The taxonomy term.", body = HsdsTaxonomyTerm),
        (status = 404, description = "No taxonomy term has this id.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn show_taxonomy_term(
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<Json<Value>, AppError> {
    let missing = || AppError::Missing { kind: "taxonomy_term", id: raw.clone() };
    let id = Id::parse(&raw).map_err(|_| missing())?;
    let term = state.store.taxonomy_term(&id).await?.ok_or_else(missing)?;
    let taxonomy = state.store.taxonomy(&term.taxonomy_id).await?;
    Ok(Json(term_json(&term, taxonomy.as_ref())?))
}

/// A term with its taxonomy nested. The store refuses a term without its taxonomy, so
/// a missing one is damage, not a user's mistake.
fn term_json(term: &TaxonomyTerm, taxonomy: Option<&Taxonomy>) -> Result<Value, AppError> {
    let taxonomy = taxonomy.ok_or_else(|| {
        AppError::Store(wegwijs_store::Error::Corrupt {
            entity: EntityKind::TaxonomyTerm,
            id: term.id.clone(),
            reason: format!("its taxonomy {} is missing", term.taxonomy_id),
        })
    })?;
    Ok(term_to_hsds(term, taxonomy))
}

/// Every taxonomy by id: there are a handful, so one query beats one per term.
async fn taxonomies_by_id(state: &AppState) -> Result<HashMap<Id, Taxonomy>, AppError> {
    Ok(state.store.taxonomies().await?.into_iter().map(|t| (t.id.clone(), t)).collect())
}
