//! The home page: search, themes, Positieve Gezondheid, and "near me".

use super::chrome::Chrome;
pub use super::theme::ThemeCard;
use crate::i18n::Locale;
use askama::Template;

/// A village to search near with one click.
pub struct PlaceLink {
    /// Its name.
    pub name: String,
    /// The search near it.
    pub href: String,
}

/// `/`
#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage {
    /// Interface language.
    pub locale: Locale,
    /// The frame.
    pub chrome: Chrome,
    /// Themes by hulpvraag.
    pub themes: Vec<ThemeCard>,
    /// The six Positieve Gezondheid dimensions.
    pub health: Vec<ThemeCard>,
    /// Villages of the home municipality.
    pub places: Vec<PlaceLink>,
    /// Example searches in residents' words.
    pub examples: Vec<PlaceLink>,
    /// Number of services, to show the kaart is alive.
    pub service_count: u64,
}

impl HomePage {
    /// "In Wegwijs staan 412 diensten."
    pub fn count_text(&self) -> String {
        self.locale.tf("home.count", &[("count", &self.locale.number(self.service_count))])
    }
}
