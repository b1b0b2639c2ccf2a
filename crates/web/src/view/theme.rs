//! Theme pages: all themes, and one theme with its services.

use super::chrome::Chrome;
use super::results::ResultsView;
use crate::i18n::Locale;
use askama::Template;
use wegwijs_domain::TaxonomyTerm;

/// A theme as a card or heading: its icon, names and explanation.
pub struct ThemeCard {
    /// Code, also the icon's name and the URL part.
    pub code: String,
    /// Link to its page.
    pub href: String,
    /// The everyday name ("Hulp bij geld en schulden").
    pub title: String,
    /// The official name ("Geld en schulden").
    pub name: String,
    /// Two plain sentences.
    pub description: String,
}

impl ThemeCard {
    /// The card of a taxonomy term, in the page's language. Dutch comes from the data
    /// (editors can change it); English from the locale files when translated there.
    pub fn new(locale: Locale, term: &TaxonomyTerm) -> Self {
        let code = term.code.clone();
        let translated = |part: &str| locale.get(&format!("theme.{code}.{part}")).filter(|_| locale == Locale::En);
        Self {
            href: locale.href(&format!("/themas/{code}")),
            title: translated("lay_name").map_or_else(|| term.lay_name.clone(), str::to_owned),
            name: translated("name").map_or_else(|| term.name.to_string(), str::to_owned),
            description: translated("description").map_or_else(|| term.description.clone(), str::to_owned),
            code,
        }
    }
}

/// `/themas`: every theme and the Positieve Gezondheid dimensions.
#[derive(Template)]
#[template(path = "themes/index.html")]
pub struct ThemesPage {
    /// Interface language.
    pub locale: Locale,
    /// The frame.
    pub chrome: Chrome,
    /// Themes by hulpvraag.
    pub themes: Vec<ThemeCard>,
    /// The six dimensions.
    pub health: Vec<ThemeCard>,
}

/// `/themas/{code}`: one theme explained, with its services.
#[derive(Template)]
#[template(path = "themes/show.html")]
pub struct ThemePage {
    /// Interface language.
    pub locale: Locale,
    /// The frame.
    pub chrome: Chrome,
    /// The theme.
    pub theme: ThemeCard,
    /// Whether it is a Positieve Gezondheid dimension.
    pub is_health: bool,
    /// Its services.
    pub results: ResultsView,
}
