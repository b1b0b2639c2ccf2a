//! `/themas` and `/themas/{code}`: help grouped by hulpvraag and by Positieve
//! Gezondheid dimension.

use crate::page::PageContext;
use crate::view::results::Alternative;
use crate::view::{Chrome, Section, ThemeCard, ThemePage, ThemesPage};
use crate::{AppError, AppState, Locale};
use axum::extract::{Path, State};
use axum::response::Html;
use wegwijs_domain::TaxonomyTerm;
use wegwijs_domain::taxonomy::{POSITIVE_HEALTH, THEME};
use wegwijs_search::Facet;

/// The themes and the health dimensions, each in the data's order.
pub async fn theme_cards(state: &AppState, locale: Locale) -> Result<(Vec<ThemeCard>, Vec<ThemeCard>), AppError> {
    let terms = state.store.taxonomy_terms().await?;
    // The order of the built-in lists is chosen (most asked-for first); terms an
    // editor added come after them, alphabetically.
    let builtin = wegwijs_domain::taxonomy::builtin();
    let of = |taxonomy: &str| -> Vec<ThemeCard> {
        let position = |code: &str| builtin.terms_of(taxonomy).position(|t| t.code == code).unwrap_or(usize::MAX);
        let mut chosen: Vec<&TaxonomyTerm> =
            terms.iter().filter(|t| t.taxonomy_id.as_str() == taxonomy && t.parent_id.is_none()).collect();
        chosen.sort_by(|a, b| position(&a.code).cmp(&position(&b.code)).then_with(|| a.lay_name.cmp(&b.lay_name)));
        chosen.into_iter().map(|t| ThemeCard::new(locale, t)).collect()
    };
    Ok((of(THEME), of(POSITIVE_HEALTH)))
}

/// The themes as plain links (for the zero-result page).
pub async fn theme_links(state: &AppState, locale: Locale) -> Result<Vec<Alternative>, AppError> {
    let (themes, _) = theme_cards(state, locale).await?;
    Ok(themes.into_iter().map(|card| Alternative { label: card.title, href: card.href }).collect())
}

/// `GET /themas`
pub async fn index(State(state): State<AppState>, ctx: PageContext) -> Result<Html<String>, AppError> {
    let locale = ctx.locale;
    let (themes, health) = theme_cards(&state, locale).await?;
    let chrome = Chrome::new(&ctx, locale.t("themes.title"), locale.t("themes.intro"), &[]).section(Section::Themes);
    let page = ThemesPage { locale, chrome, themes, health };
    Ok(Html(askama::Template::render(&page)?))
}

/// `GET /themas/{code}`
pub async fn show(
    State(state): State<AppState>,
    Path(code): Path<String>,
    ctx: PageContext,
) -> Result<Html<String>, AppError> {
    let locale = ctx.locale;
    let terms = state.store.taxonomy_terms().await?;
    let find = |taxonomy: &str| -> Option<&TaxonomyTerm> {
        terms.iter().find(|t| t.taxonomy_id.as_str() == taxonomy && t.code == code)
    };
    let (term, facet) = match (find(THEME), find(POSITIVE_HEALTH)) {
        (Some(term), _) => (term, Facet::Theme),
        (None, Some(term)) => (term, Facet::Health),
        (None, None) => return Err(AppError::NotFound),
    };
    let theme = ThemeCard::new(locale, term);
    let action = format!("/themas/{code}");
    let results = crate::routes::results::run(&state, &ctx, Some((facet, &code)), &action).await?;
    // Filtered and paged variants of a theme page are the same page to search engines.
    let chrome = Chrome::new(&ctx, theme.title.clone(), theme.description.clone(), &[]).section(Section::Themes);
    let chrome = if ctx.pairs_without_lang().is_empty() { chrome } else { chrome.noindex() };
    let page = ThemePage { locale, chrome, theme, is_health: facet == Facet::Health, results };
    Ok(Html(askama::Template::render(&page)?))
}
