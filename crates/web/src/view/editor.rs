//! The editors' pages: the queue of proposals, one proposal with its differences from
//! the published version, and invitations.

use super::chrome::Chrome;
use crate::forms::FieldProblem;
use crate::i18n::Locale;
use askama::Template;
use wegwijs_domain::diff::{PieceKind, TextPiece};

/// A proposal in the queue.
pub struct QueueItem {
    /// Link to the proposal.
    pub href: String,
    /// The record's name.
    pub name: String,
    /// "Dienst", "Organisatie", "Locatie".
    pub kind: String,
    /// Whether it is a new record.
    pub is_new: bool,
    /// The organisation's name.
    pub organisation: String,
    /// Who proposed it.
    pub author: String,
    /// When, in words.
    pub when: String,
}

/// `/redactie`
#[derive(Template)]
#[template(path = "editor/queue.html")]
pub struct QueuePage {
    /// Interface language.
    pub locale: Locale,
    /// The frame.
    pub chrome: Chrome,
    /// A message (approved, rejected).
    pub notice: Option<String>,
    /// Pending proposals, oldest first.
    pub items: Vec<QueueItem>,
    /// "Meldingen van inwoners (3)".
    pub reports_link: String,
    /// Whether the account is an admin (link to accounts).
    pub is_admin: bool,
}

/// One part of a value in the side-by-side view.
pub struct Piece {
    /// The text.
    pub text: String,
    /// `same`, `removed` or `added`.
    pub kind: &'static str,
}

/// One changed field.
pub struct DiffRow {
    /// The field's name for people.
    pub label: String,
    /// The published value, in parts (removed parts marked).
    pub before: Vec<Piece>,
    /// The proposed value, in parts (added parts marked).
    pub after: Vec<Piece>,
}

impl DiffRow {
    /// A row comparing two texts word by word.
    pub fn texts(label: String, before: &str, after: &str) -> Self {
        let pieces = wegwijs_domain::diff::text_diff(before, after);
        let side = |keep: PieceKind| -> Vec<Piece> {
            pieces
                .iter()
                .filter(|p: &&TextPiece| p.kind == PieceKind::Same || p.kind == keep)
                .map(|p| Piece {
                    text: p.text.clone(),
                    kind: match p.kind {
                        PieceKind::Same => "same",
                        PieceKind::Removed => "removed",
                        PieceKind::Added => "added",
                    },
                })
                .collect()
        };
        Self { label, before: side(PieceKind::Removed), after: side(PieceKind::Added) }
    }
}

/// `/redactie/voorstellen/{id}`
#[derive(Template)]
#[template(path = "editor/proposal.html")]
pub struct ProposalPage {
    /// Interface language.
    pub locale: Locale,
    /// The frame.
    pub chrome: Chrome,
    /// The heading.
    pub heading: String,
    /// Facts: organisation, author, dates.
    pub facts: Vec<(String, String)>,
    /// Whether the proposal still waits (then the actions are shown).
    pub pending: bool,
    /// Its status in words, when decided.
    pub status: String,
    /// The editor's message of a rejection.
    pub message: Option<String>,
    /// Whether the published version changed after the proposal was made.
    pub base_changed: bool,
    /// The differences.
    pub rows: Vec<DiffRow>,
    /// Where the actions post to.
    pub approve_action: String,
    /// Where rejecting posts to.
    pub reject_action: String,
    /// The editor's edit page of the proposal.
    pub edit_href: String,
    /// The history of the record.
    pub history_href: Option<String>,
    /// A problem with the rejection message, if any.
    pub reject_problem: Option<String>,
    /// The rejection message as typed.
    pub reject_text: String,
}

/// An invitation in the list.
pub struct InvitationItem {
    /// To whom.
    pub email: String,
    /// For which organisation.
    pub organisation: String,
    /// When sent.
    pub sent: String,
    /// "Geaccepteerd", "Verlopen", "Open tot …".
    pub state: String,
}

/// `/redactie/uitnodigingen`
#[derive(Template)]
#[template(path = "editor/invitations.html")]
pub struct InvitationsPage {
    /// Interface language.
    pub locale: Locale,
    /// The frame.
    pub chrome: Chrome,
    /// A message (sent).
    pub notice: Option<String>,
    /// Organisations to choose from: (id, name).
    pub organisations: Vec<(String, String)>,
    /// The chosen organisation, as posted.
    pub organisation: String,
    /// The address as typed.
    pub email: String,
    /// Problems of the form: (field id, message).
    pub problems: Vec<FieldProblem>,
    /// Invitations sent, newest first.
    pub items: Vec<InvitationItem>,
}
