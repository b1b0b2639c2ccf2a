//! View models: what a template needs, prepared from domain records and search
//! results so templates contain no logic beyond loops and conditions.

pub mod account;
pub mod backoffice;
pub mod chart;
mod chrome;
pub mod compare;
pub mod describe;
pub mod editor;
mod format;
pub mod freshness;
pub mod home;
pub mod my_list;
mod organisation;
pub mod portal;
mod report;
pub mod results;
pub mod service;
mod theme;

pub use chrome::{Chrome, Section};
pub use compare::ComparePage;
pub use home::{HomePage, ThemeCard};
pub use my_list::MyListPage;
pub use organisation::OrganisationPage;
pub use report::{CheckedReport, ReportForm, ReportFormPage, ReportProblem, ReportThanksPage};
pub use results::{ResultItem, ResultsView, SearchPage};
pub use service::{ServiceListItem, ServicePage};
pub use theme::{ThemePage, ThemesPage};

use crate::i18n::Locale;
use crate::slug::slug_of;
use askama::Template;

/// The page shown for any error.
#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    /// Interface language.
    pub locale: Locale,
    /// The frame.
    pub chrome: Chrome,
    /// Translation key of the title.
    pub title_key: &'static str,
    /// Translation key of the message.
    pub message_key: &'static str,
}

/// Link to a service page, with its slug and the language.
pub fn service_href(locale: Locale, id: &str, name: &str) -> String {
    locale.href(&format!("/diensten/{id}/{}", slug_of(name)))
}

/// Link to an organisation page, with its slug and the language.
pub fn organisation_href(locale: Locale, id: &str, name: &str) -> String {
    locale.href(&format!("/organisaties/{id}/{}", slug_of(name)))
}
