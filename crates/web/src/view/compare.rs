//! Services side by side on the fields residents compare: price, who pays, waiting
//! time, area, referral and hours.

use super::chrome::Chrome;
use crate::i18n::Locale;
use askama::Template;

/// One compared service.
pub struct CompareColumn {
    /// Name.
    pub name: String,
    /// Link to its page.
    pub href: String,
    /// Organisation name.
    pub organisation: String,
}

/// A row: one field for every service.
pub struct CompareRow {
    /// The field's name.
    pub label: String,
    /// Its value per service, one or more lines.
    pub cells: Vec<Vec<String>>,
}

/// `/vergelijken`
#[derive(Template)]
#[template(path = "compare.html")]
pub struct ComparePage {
    /// Interface language.
    pub locale: Locale,
    /// The frame.
    pub chrome: Chrome,
    /// The services.
    pub columns: Vec<CompareColumn>,
    /// The fields.
    pub rows: Vec<CompareRow>,
    /// Messages about the selection (too few, too many, unknown, different kinds).
    pub notices: Vec<String>,
}
