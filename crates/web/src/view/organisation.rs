//! The page of an organisation with all its services.

use super::chrome::Chrome;
use super::service::{PhoneView, ServiceListItem};
use crate::i18n::Locale;
use askama::Template;

/// `/organisaties/{id}/{slug}`
#[derive(Template)]
#[template(path = "organisations/show.html")]
pub struct OrganisationPage {
    /// Interface language.
    pub locale: Locale,
    /// The frame.
    pub chrome: Chrome,
    /// Its name.
    pub name: String,
    /// What it is.
    pub description: String,
    /// Its phone lines.
    pub phones: Vec<PhoneView>,
    /// E-mail address.
    pub email: Option<String>,
    /// Website.
    pub website: Option<String>,
    /// Its services.
    pub services: Vec<ServiceListItem>,
    /// When the organisation's own information was last checked, and by whom.
    pub verified: String,
    /// The calm warning that it was not checked for a long time.
    pub stale_warning: Option<String>,
}

impl OrganisationPage {
    /// "3 diensten".
    pub fn count_text(&self) -> String {
        match self.services.len() {
            1 => self.locale.t("organisation.services_one").to_owned(),
            n => self.locale.tf("organisation.services", &[("count", &n)]),
        }
    }
}
