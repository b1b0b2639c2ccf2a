//! The back-office pages next to the review queue: residents' error reports, the
//! history of one record with restore, and the administrators' list of accounts.
//! Everything here is prepared text: the templates only loop and escape.

use super::chrome::Chrome;
use crate::forms::FieldProblem;
use crate::i18n::Locale;
use askama::Template;

/// An open error report in the editors' list.
pub struct ReportItem {
    /// The service's name; "(dienst bestaat niet meer)" when it was deleted.
    pub service: String,
    /// The service's public page, if it is public.
    pub public_href: Option<String>,
    /// The portal page to correct the service, if it still exists.
    pub edit_href: Option<String>,
    /// The organisation's name.
    pub organisation: String,
    /// The resident's words.
    pub message: String,
    /// When it was sent, in words.
    pub when: String,
    /// The resident's address, when they want an answer.
    pub email: Option<String>,
    /// Where the "close" button posts to.
    pub close_action: String,
}

/// `/redactie/meldingen`
#[derive(Template)]
#[template(path = "backoffice/reports.html")]
pub struct ReportsPage {
    /// Interface language.
    pub locale: Locale,
    /// The frame.
    pub chrome: Chrome,
    /// A message above the list (report closed), if any.
    pub notice: Option<String>,
    /// "12 meldingen wachten op de redactie."
    pub summary: String,
    /// The reports of this page, oldest first.
    pub items: Vec<ReportItem>,
    /// Links to the previous and next page, if there are more.
    pub previous_href: Option<String>,
    /// See `previous_href`.
    pub next_href: Option<String>,
    /// "Pagina 2 van 3", when there is more than one page.
    pub page_label: Option<String>,
}

/// One version of a record in its history.
pub struct VersionItem {
    /// Its seq, posted back to restore it.
    pub seq: i64,
    /// When, in words (date and time).
    pub when: String,
    /// Who, in words: a person's name, "Import (…)", "Voorbeeldgegevens".
    pub who: String,
    /// What happened, in words ("Aangemaakt", "Gewijzigd", "Verwijderd").
    pub what: String,
    /// The fields that changed compared with the version before, for people.
    pub changes: Vec<String>,
    /// Whether this is the published version now (the newest).
    pub is_current: bool,
    /// Whether this version can be put back (an older version with its data).
    pub restorable: bool,
}

/// `/redactie/geschiedenis/{kind}/{id}`
#[derive(Template)]
#[template(path = "backoffice/history.html")]
pub struct HistoryPage {
    /// Interface language.
    pub locale: Locale,
    /// The frame.
    pub chrome: Chrome,
    /// "Geschiedenis van Maatjesproject".
    pub heading: String,
    /// "Dienst", "Organisatie", "Locatie".
    pub kind: String,
    /// A message above the list (version restored), if any.
    pub notice: Option<String>,
    /// The public page of the record, if it has one.
    pub public_href: Option<String>,
    /// The portal page to change the record, if it still exists.
    pub edit_href: Option<String>,
    /// Where restore forms post to.
    pub action: String,
    /// The versions, newest first.
    pub versions: Vec<VersionItem>,
}

/// An account in the administrators' list.
pub struct UserRow {
    /// Its name.
    pub name: String,
    /// Its address.
    pub email: String,
    /// Its role, in words.
    pub role: String,
    /// The label of its role select: "Rol van Anne".
    pub role_label: String,
    /// Its role's code, to preselect it in the role form.
    pub role_code: &'static str,
    /// Names of its organisations, comma-separated ("" for none).
    pub organisations: String,
    /// "Actief", "Uitgezet", "Nog geen wachtwoord".
    pub state: String,
    /// Whether it is disabled (then the button switches it on again).
    pub disabled: bool,
    /// "Aan", "Uit".
    pub second_factor: String,
    /// When it last logged in, in words, or "Nog nooit".
    pub last_login: String,
    /// Whether this is the admin looking at the list (who cannot disable or demote
    /// themselves, so the page offers no such buttons).
    pub is_self: bool,
    /// Where its forms post to.
    pub action: String,
    /// A unique prefix for the ids of its form fields.
    pub key: String,
}

/// The form to add an account, as typed.
#[derive(Debug, Clone, Default)]
pub struct NewUserFields {
    /// E-mail address.
    pub email: String,
    /// Name.
    pub name: String,
    /// Role code.
    pub role: String,
    /// Organisation id (providers).
    pub organisation: String,
}

/// `/beheer/gebruikers`
#[derive(Template)]
#[template(path = "backoffice/users.html")]
pub struct UsersPage {
    /// Interface language.
    pub locale: Locale,
    /// The frame.
    pub chrome: Chrome,
    /// A message above the page (account added, disabled), if any.
    pub notice: Option<String>,
    /// Whether the notice says something was refused (shown as an alert).
    pub warning: bool,
    /// All accounts, by e-mail address.
    pub users: Vec<UserRow>,
    /// Roles to choose from: (code, name).
    pub roles: Vec<(&'static str, String)>,
    /// Organisations to choose from: (id, name).
    pub organisations: Vec<(String, String)>,
    /// The form to add an account, as typed.
    pub form: NewUserFields,
    /// Problems of that form.
    pub problems: Vec<FieldProblem>,
}
