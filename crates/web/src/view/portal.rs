//! The provider portal's pages: the overview of one's organisations and the edit page
//! that wraps the forms of `crate::forms`.

use super::chrome::Chrome;
use crate::forms::{FieldProblem, LocationFields, OrganisationFields, ReadabilityView, ServiceFields};
use crate::i18n::Locale;
use askama::Template;

/// The form on an edit page.
pub enum EditForm {
    /// A service.
    Service(Box<ServiceFields>),
    /// An organisation.
    Organisation(Box<OrganisationFields>),
    /// A location.
    Location(Box<LocationFields>),
}

/// An edit page: portal (provider or editor) and the editor's edit of a proposal.
#[derive(Template)]
#[template(path = "portal/edit.html")]
pub struct EditPage {
    /// Interface language.
    pub locale: Locale,
    /// The frame.
    pub chrome: Chrome,
    /// The heading ("Dienst bewerken: Maatjesproject").
    pub heading: String,
    /// What saving does for this visitor (to review, or published at once).
    pub intro: String,
    /// Where the form posts to.
    pub action: String,
    /// The version the form was opened on (`seq:revision`), sent back to detect
    /// concurrent changes.
    pub version: String,
    /// For a new record: its id, kept across attempts.
    pub new_id: Option<String>,
    /// The fields.
    pub form: EditForm,
    /// Problems of the last attempt.
    pub problems: Vec<FieldProblem>,
    /// The plain-language check, after "Controleer de tekst" or a save attempt.
    pub readability: Option<ReadabilityView>,
    /// A message above the form (pending proposal, someone else changed it).
    pub notice: Option<String>,
    /// Whether the notice is a warning (concurrent change) rather than information.
    pub warning: bool,
    /// Text of the save button.
    pub submit: String,
    /// Where "cancel" leads.
    pub back: String,
}

/// A record in the portal overview.
pub struct PortalRecord {
    /// Its name.
    pub name: String,
    /// The edit page.
    pub edit_href: String,
    /// The public page, if any.
    pub public_href: Option<String>,
    /// "Wacht op controle", "Afgewezen: …", or nothing.
    pub status: Option<String>,
}

/// An organisation in the portal overview, with its services and locations.
pub struct PortalOrganisation {
    /// Its name.
    pub name: String,
    /// Its edit page.
    pub edit_href: String,
    /// Where to add a service.
    pub new_service_href: String,
    /// Its status ("Wacht op controle"), if any.
    pub status: Option<String>,
    /// Its services.
    pub services: Vec<PortalRecord>,
    /// Its locations.
    pub locations: Vec<PortalRecord>,
    /// Error reports of residents about its services that are still open.
    pub reports: Vec<PortalReport>,
}

/// An open error report, as a provider sees it.
pub struct PortalReport {
    /// The service it is about.
    pub service: String,
    /// The resident's words.
    pub message: String,
    /// When, in words.
    pub when: String,
}

/// A proposal of the provider, decided or not.
pub struct PortalProposal {
    /// The record's name.
    pub name: String,
    /// "Wacht op controle", "Goedgekeurd", "Afgewezen".
    pub status: String,
    /// The editor's message with a rejection.
    pub message: Option<String>,
    /// When, in words.
    pub when: String,
    /// Where to withdraw it (pending only).
    pub withdraw_href: Option<String>,
}

/// `/portaal`
#[derive(Template)]
#[template(path = "portal/index.html")]
pub struct PortalPage {
    /// Interface language.
    pub locale: Locale,
    /// The frame.
    pub chrome: Chrome,
    /// "Welkom, Anne."
    pub welcome: String,
    /// A message (welcome, saved, proposed).
    pub notice: Option<String>,
    /// The account's organisations.
    pub organisations: Vec<PortalOrganisation>,
    /// The account's recent proposals.
    pub proposals: Vec<PortalProposal>,
    /// Whether the account is an editor (then the page points to the back office).
    pub is_editor: bool,
    /// Whether the account sees professional information (professional role).
    pub is_professional: bool,
}
