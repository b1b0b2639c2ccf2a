//! The home page.

use crate::page::PageContext;
use crate::view::home::PlaceLink;
use crate::view::{Chrome, HomePage, Section};
use crate::{AppError, AppState};
use axum::extract::State;
use axum::response::Html;
use wegwijs_domain::geo;

/// Example searches shown under the search box, as translation keys.
const EXAMPLES: [&str; 4] = ["home.example.1", "home.example.2", "home.example.3", "home.example.4"];

/// `GET /`
pub async fn home(State(state): State<AppState>, ctx: PageContext) -> Result<Html<String>, AppError> {
    let locale = ctx.locale;
    let (themes, health) = crate::routes::themes::theme_cards(&state, locale).await?;
    let mut places: Vec<_> = state
        .config
        .home_municipality
        .as_deref()
        .map(|code| geo::builtin().places_in(code))
        .unwrap_or_default()
        .into_iter()
        .filter(|p| p.population > 0)
        .collect();
    places.sort_by(|a, b| b.population.cmp(&a.population).then_with(|| a.name.cmp(&b.name)));
    let places = places
        .into_iter()
        .take(8)
        .map(|p| PlaceLink {
            href: locale.href(&format!("/zoeken?waar={}", crate::routes::encode(&p.name))),
            name: p.name.clone(),
        })
        .collect();
    let examples = EXAMPLES
        .iter()
        .map(|key| {
            let text = locale.t(key);
            PlaceLink {
                href: locale.href(&format!("/zoeken?q={}", crate::routes::encode(text))),
                name: text.to_owned(),
            }
        })
        .collect();
    let chrome =
        Chrome::new(&ctx, "", locale.t("home.description"), &[]).section(Section::Search).json_ld(&serde_json::json!({
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": ctx.config.site_name,
            "url": format!("{}/", ctx.origin),
            "potentialAction": {
                "@type": "SearchAction",
                "target": format!("{}/zoeken?q={{search_term_string}}", ctx.origin),
                "query-input": "required name=search_term_string",
            },
        }));
    // The index knows how many services are public without counting rows in the store.
    let service_count = state.search.len();
    let page = HomePage { locale, chrome, themes, health, places, examples, service_count };
    Ok(Html(askama::Template::render(&page)?))
}
