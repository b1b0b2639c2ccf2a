//! The search results page, `GET /zoeken`, and the search behind theme pages. The
//! parameters are those of `/api/search` (so a page and the API answer the same
//! question), plus `waar`: one field for a postcode or a place name.

use crate::page::PageContext;
use crate::routes::search::params::{ParamError, SearchParams};
use crate::view::results::{Alternative, DistanceOption, FacetGroup, PageLink, ZeroHelp};
use crate::view::{Chrome, ResultItem, ResultsView, SearchPage, Section};
use crate::{AppError, AppState, Locale};
use axum::extract::State;
use axum::response::Html;
use wegwijs_domain::PostalCode;
use wegwijs_search::{Facet, SearchResults};

/// `GET /zoeken`
pub async fn search_page(State(state): State<AppState>, ctx: PageContext) -> Result<Html<String>, AppError> {
    let locale = ctx.locale;
    let results = run(&state, &ctx, None, "/zoeken").await?;
    let heading = if results.query.trim().is_empty() {
        locale.t("results.heading_all").to_owned()
    } else {
        locale.tf("results.heading", &[("query", &results.query.trim())])
    };
    let chrome = Chrome::new(&ctx, heading.clone(), locale.t("site.tagline"), &[]).noindex().section(Section::Search);
    let page = SearchPage { locale, chrome, heading, results };
    Ok(Html(askama::Template::render(&page)?))
}

/// The query string of `/api/search` that a page's query string asks for: `waar` becomes
/// `postcode` or `near`, the page size is the site's, and a theme page adds its theme.
fn api_query(ctx: &PageContext, fixed: Option<(Facet, &str)>, per_page: u32) -> String {
    let mut api = url::form_urlencoded::Serializer::new(String::new());
    for (key, value) in ctx.pairs_without_lang() {
        match key.as_str() {
            "waar" => {
                let value = value.trim();
                if value.is_empty() {
                    continue;
                }
                let is_postcode =
                    PostalCode::parse(value).is_ok() || (value.len() == 4 && value.chars().all(|c| c.is_ascii_digit()));
                api.append_pair(if is_postcode { "postcode" } else { "near" }, value);
            }
            "per_page" | "explain" | "postcode" | "near" | "lat" | "lon" => {}
            // A theme page shows its own theme only, whatever the address adds.
            name if fixed.is_some_and(|(facet, _)| facet.name() == name) => {}
            _ => {
                api.append_pair(&key, &value);
            }
        }
    }
    if let Some((facet, code)) = fixed {
        api.append_pair(facet.name(), code);
    }
    api.append_pair("per_page", &per_page.to_string());
    api.finish()
}

/// Runs the search a page asks for and prepares its results. `fixed` is the theme of a
/// theme page; `action` is the page's own path.
pub async fn run(
    state: &AppState,
    ctx: &PageContext,
    fixed: Option<(Facet, &str)>,
    action: &str,
) -> Result<ResultsView, AppError> {
    let locale = ctx.locale;
    let query = api_query(ctx, fixed, state.config.page_size);
    let params = SearchParams::parse(&query).map_err(|e| AppError::BadRequest(e.to_string()))?;
    let waar = crate::routes::search::params::single(ctx.query.as_deref().unwrap_or_default(), "waar")
        .map_err(|e| AppError::BadRequest(e.to_string()))?
        .unwrap_or_default();
    // An unknown place is not an error the resident made on purpose: search without it
    // and say so.
    let (request, notice) = match params.request() {
        Ok(request) => (request, None),
        Err(ParamError::Invalid { name: "postcode" | "near", .. }) => {
            let mut without = params.clone();
            without.postcode = None;
            without.near = None;
            let request = without.request().map_err(|e| AppError::BadRequest(e.to_string()))?;
            (request, Some(locale.tf("results.unknown_place", &[("place", &waar.trim())])))
        }
        Err(error) => return Err(AppError::BadRequest(error.to_string())),
    };
    let mut request = request;
    request.fixed = fixed.map(|(facet, _)| facet);
    let results = crate::routes::run_search(state, request.clone()).await?;
    state.search_log.record(&request.text, results.total);
    let pages = total_pages(results.total, params.per_page);
    if params.page > 1 && params.page as u64 > pages {
        return Err(AppError::NotFound);
    }
    let zero = if results.total == 0 { Some(zero_help(state, ctx, &params, &results).await?) } else { None };
    Ok(view(state, ctx, fixed, action, &params, &results, waar, notice, zero))
}

use crate::routes::search::total_pages;

/// The address of this page with some parameters replaced (`None` removes them).
fn with_params(ctx: &PageContext, action: &str, replace: &[(&str, Option<&str>)]) -> String {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    for (key, value) in ctx.pairs_without_lang() {
        if !replace.iter().any(|(k, _)| *k == key) {
            query.append_pair(&key, &value);
        }
    }
    for (key, value) in replace {
        if let Some(value) = value {
            query.append_pair(key, value);
        }
    }
    let query = query.finish();
    let path = if query.is_empty() { action.to_owned() } else { format!("{action}?{query}") };
    ctx.locale.href(&path)
}

#[allow(clippy::too_many_arguments)]
fn view(
    state: &AppState,
    ctx: &PageContext,
    fixed: Option<(Facet, &str)>,
    action: &str,
    params: &SearchParams,
    results: &SearchResults,
    waar: String,
    notice: Option<String>,
    zero: Option<ZeroHelp>,
) -> ResultsView {
    let locale = ctx.locale;
    let first = (params.page - 1) * params.per_page;
    let items: Vec<ResultItem> =
        results.hits.iter().enumerate().map(|(i, hit)| ResultItem::new(locale, first + i + 1, hit)).collect();
    let skip: Vec<&str> = fixed.map(|(facet, _)| facet.name()).into_iter().collect();
    let facets = FacetGroup::from_counts(locale, &results.facets, &skip);
    let distances = if results.near.is_some() {
        results
            .within_km
            .iter()
            .map(|(km, count)| DistanceOption {
                value: format!("{km}"),
                label: locale.tf("results.within", &[("km", km), ("count", count)]),
                selected: params.radius_km == Some(*km),
            })
            .collect()
    } else {
        Vec::new()
    };
    let pages = total_pages(results.total, params.per_page);
    let page_href = |page: u64| {
        let text = page.to_string();
        with_params(ctx, action, &[("page", (page > 1).then_some(text.as_str()))])
    };
    let current = params.page as u64;
    let page_links = page_window(current, pages)
        .into_iter()
        .map(|p| match p {
            Some(p) if p == current => PageLink { label: p.to_string(), href: None },
            Some(p) => PageLink { label: p.to_string(), href: Some(page_href(p)) },
            None => PageLink { label: "…".to_owned(), href: None },
        })
        .collect();
    let filtered = !params.filters.is_empty() || params.open_now || params.radius_km.is_some();
    let own_filters =
        params.filters.len() > usize::from(fixed.is_some()) || params.open_now || params.radius_km.is_some();
    let clear_filters = (filtered && own_filters).then(|| {
        let mut keep = vec![("q", Some(params.q.as_str())), ("waar", Some(waar.as_str()))];
        keep.retain(|(_, v)| v.is_some_and(|v| !v.is_empty()));
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        query.extend_pairs(keep.iter().map(|(k, v)| (*k, v.unwrap_or_default())));
        let query = query.finish();
        locale.href(&if query.is_empty() { action.to_owned() } else { format!("{action}?{query}") })
    });
    let also_searched = {
        let terms: Vec<&str> = results
            .interpretation
            .expansions
            .iter()
            .flat_map(|(_, to)| to.iter().map(String::as_str))
            .chain(results.interpretation.fuzzy.iter().flat_map(|(_, to)| to.iter().map(String::as_str)))
            .filter(|term| !results.interpretation.words.iter().any(|w| w == term))
            .take(4)
            .collect();
        (!terms.is_empty()).then(|| locale.tf("results.also_searched", &[("words", &terms.join(", "))]))
    };
    let map_svg = map(state, locale, results, &items);
    let mut hidden = Vec::new();
    if locale == Locale::En {
        hidden.push(("lang".to_owned(), "en".to_owned()));
    }
    ResultsView {
        locale,
        action: action.to_owned(),
        query: params.q.clone(),
        waar,
        hidden,
        items,
        total: results.total,
        facets,
        open_now_count: results.open_now,
        open_now: params.open_now,
        distances,
        sort_distance: matches!(params.sort, wegwijs_search::Sort::Distance) && results.near.is_some(),
        location: results.near.as_ref().map(|n| locale.tf("results.near", &[("place", &n.label)])),
        sort_relevance_href: with_params(ctx, action, &[("sort", None), ("page", None)]),
        sort_distance_href: with_params(ctx, action, &[("sort", Some("distance")), ("page", None)]),
        pages: page_links,
        prev: (current > 1).then(|| page_href(current - 1)),
        next: (current < pages).then(|| page_href(current + 1)),
        map_svg,
        zero,
        notice,
        also_searched,
        clear_filters,
        back: ctx.href_in(locale),
    }
}

/// Page numbers to link: the first, the last, and two either side of the current one;
/// `None` stands for a gap.
fn page_window(current: u64, pages: u64) -> Vec<Option<u64>> {
    if pages <= 1 {
        return Vec::new();
    }
    let mut shown: Vec<u64> =
        [1, pages].into_iter().chain(current.saturating_sub(2).max(1)..=(current + 2).min(pages)).collect();
    shown.sort_unstable();
    shown.dedup();
    let mut out = Vec::new();
    for (i, page) in shown.iter().enumerate() {
        if i > 0 && *page > shown[i - 1] + 1 {
            out.push(None);
        }
        out.push(Some(*page));
    }
    out
}

/// Farthest a pin may be from the centre of a results map.
const MAP_REACH_KM: f64 = 25.0;

fn map(state: &AppState, locale: Locale, results: &SearchResults, items: &[ResultItem]) -> Option<String> {
    let pins: Vec<crate::map::Pin> = results
        .hits
        .iter()
        .zip(items)
        .filter_map(|(hit, item)| {
            hit.point.map(|point| crate::map::Pin { number: item.number as u32, point, label: item.name.clone() })
        })
        .collect();
    if pins.is_empty() {
        return None;
    }
    let municipality = results
        .near
        .as_ref()
        .and_then(|n| n.municipality_code.clone())
        .or_else(|| state.config.home_municipality.clone());
    // A map of the whole country says nothing and weighs 100 KB: pins are drawn within
    // reach of the searcher, or of the home municipality when the search names no place.
    let centre = results.near.as_ref().map(|n| n.point).or_else(|| {
        municipality.as_deref().and_then(|code| wegwijs_domain::geo::builtin().municipality(code)).map(|m| m.point)
    });
    let pins: Vec<crate::map::Pin> = match centre {
        Some(centre) => pins.into_iter().filter(|pin| centre.distance_km(pin.point) <= MAP_REACH_KM).collect(),
        None => pins,
    };
    if pins.is_empty() {
        return None;
    }
    let municipalities: Vec<&str> = municipality.as_deref().into_iter().collect();
    let title = locale.t("map.title");
    let request = crate::map::MapRequest {
        title,
        municipalities: &municipalities,
        pins: &pins,
        you: results.near.as_ref().map(|n| n.point),
        you_label: locale.t("map.you"),
    };
    crate::map::render(&request, &state.config)
}

/// Words and themes to try when a search found nothing.
async fn zero_help(
    state: &AppState,
    ctx: &PageContext,
    params: &SearchParams,
    results: &SearchResults,
) -> Result<ZeroHelp, AppError> {
    let locale = ctx.locale;
    // Suggestions for the start of each word typed: a misspelt word usually starts right.
    let index = state.search.clone();
    let words = results.interpretation.words.clone();
    let visibility = state.config.visibility(chrono::Utc::now());
    let suggestions = tokio::task::spawn_blocking(move || {
        let mut found: Vec<String> = Vec::new();
        for word in &words {
            let start: String = word.chars().take(4).collect();
            if start.chars().count() < 3 {
                continue;
            }
            let start = start.to_lowercase();
            for suggestion in index.suggest(&start, 4, &visibility).unwrap_or_default() {
                // Only what starts like the word typed: a "did you mean" that shares
                // nothing with it confuses more than it helps.
                let related = suggestion.text.to_lowercase().split_whitespace().any(|w| w.starts_with(&start));
                if related && !found.iter().any(|f| f.eq_ignore_ascii_case(&suggestion.text)) {
                    found.push(suggestion.text);
                }
            }
        }
        found.truncate(6);
        found
    })
    .await
    .map_err(|e| AppError::Search(e.to_string()))?;
    let words = suggestions
        .into_iter()
        .map(|text| Alternative {
            href: locale.href(&format!("/zoeken?q={}", crate::routes::encode(&text))),
            label: text,
        })
        .collect();
    let themes = crate::routes::themes::theme_links(state, locale).await?;
    let narrowed = !params.filters.is_empty() || params.open_now || params.postcode.is_some() || params.near.is_some();
    let broaden = narrowed.then(|| locale.href(&format!("/zoeken?q={}", crate::routes::encode(&params.q))));
    Ok(ZeroHelp { words, themes, broaden })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_links_show_the_ends_and_the_neighbourhood() {
        assert!(page_window(1, 1).is_empty());
        assert_eq!(page_window(1, 3), [Some(1), Some(2), Some(3)]);
        assert_eq!(
            page_window(10, 20),
            [Some(1), None, Some(8), Some(9), Some(10), Some(11), Some(12), None, Some(20)]
        );
    }
}
