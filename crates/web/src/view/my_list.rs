//! "Mijn lijst": services a resident keeps, to print, share, mail or compare.

use super::chrome::Chrome;
use super::service::ServiceListItem;
use crate::i18n::Locale;
use askama::Template;

/// A kept service with what the list shows of it.
pub struct ListEntry {
    /// Service id.
    pub id: String,
    /// The service.
    pub item: ServiceListItem,
    /// Phone number to call, as shown.
    pub phone: Option<String>,
}

/// `/mijn-lijst`
#[derive(Template)]
#[template(path = "my_list.html")]
pub struct MyListPage {
    /// Interface language.
    pub locale: Locale,
    /// The frame.
    pub chrome: Chrome,
    /// The services.
    pub entries: Vec<ListEntry>,
    /// The list came from a shared link rather than this browser.
    pub shared: bool,
    /// The address that shows this list to anyone.
    pub share_url: String,
    /// `mailto:` link with the list in the body.
    pub mailto: String,
    /// A message (a service no longer exists).
    pub notice: Option<String>,
}
