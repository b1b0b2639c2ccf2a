//! View models: what a template needs, prepared from domain records so templates
//! contain no logic beyond loops and conditions.

mod service;

pub use service::{ServiceListItem, ServicePage};

use crate::i18n::Locale;
use askama::Template;

/// The page shown for any error.
#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    /// Interface language.
    pub locale: Locale,
    /// Translation key of the title.
    pub title_key: &'static str,
    /// Translation key of the message.
    pub message_key: &'static str,
}

/// The list of all services, one page at a time.
#[derive(Template)]
#[template(path = "services/list.html")]
pub struct ServiceListPage {
    /// Interface language.
    pub locale: Locale,
    /// The services on this page.
    pub services: Vec<ServiceListItem>,
    /// Total number of services.
    pub total: u64,
    /// 1-based page number.
    pub page: u64,
    /// Number of pages.
    pub pages: u64,
}

impl ServiceListPage {
    /// "1234 resultaten".
    pub fn count_text(&self) -> String {
        self.locale.tf("list.count", &[("count", &self.total)])
    }

    /// "Pagina 2 van 7".
    pub fn page_text(&self) -> String {
        self.locale.tf("list.page", &[("page", &self.page), ("pages", &self.pages)])
    }

    /// Link to another page of the list, keeping the language.
    pub fn page_href(&self, page: u64) -> String {
        match self.locale {
            Locale::Nl => format!("/?pagina={page}"),
            Locale::En => format!("/?pagina={page}&lang=en"),
        }
    }
}

/// Link to a service page, keeping the language.
pub fn service_href(locale: Locale, id: &str) -> String {
    match locale {
        Locale::Nl => format!("/diensten/{id}"),
        Locale::En => format!("/diensten/{id}?lang=en"),
    }
}
