//! Who may see what. Accounts have a [`Role`]; whoever looks at a page or calls an API
//! is a [`Viewer`]. Professional-only information is removed from records at exactly one
//! place, [`Service::for_viewer`], which every page, API and export passes a service
//! through before showing it: no template or handler decides this on its own.

use crate::model::Service;
use crate::values::Id;
use serde::{Deserialize, Serialize};

/// The role of an account (DESIGN.md, "Users and roles").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A professional of the social domain: sees professional-only information.
    Professional,
    /// A provider: keeps the entries of its own organisations up to date; its changes go
    /// to review.
    Aanbieder,
    /// An editor: reviews changes, invites organisations, answers error reports.
    Redacteur,
    /// An administrator: everything an editor does, plus accounts and settings.
    Beheerder,
}

impl Role {
    /// Every role, from least to most rights.
    pub const ALL: [Self; 4] = [Self::Professional, Self::Aanbieder, Self::Redacteur, Self::Beheerder];

    /// Stable code, as stored and typed on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Self::Professional => "professional",
            Self::Aanbieder => "aanbieder",
            Self::Redacteur => "redacteur",
            Self::Beheerder => "beheerder",
        }
    }

    /// Reads a stable code; English names are accepted too (`provider`, `editor`, `admin`).
    pub fn from_code(raw: &str) -> Option<Self> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "professional" => Some(Self::Professional),
            "aanbieder" | "provider" => Some(Self::Aanbieder),
            "redacteur" | "editor" => Some(Self::Redacteur),
            "beheerder" | "admin" => Some(Self::Beheerder),
            _ => None,
        }
    }

    /// Whether this role reviews and publishes changes (editors and admins).
    pub fn is_editor(self) -> bool {
        matches!(self, Self::Redacteur | Self::Beheerder)
    }
}

/// Whoever a page, API answer, export or e-mail is made for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Viewer {
    /// Anyone: a resident, a search engine, an API client, a public export.
    #[default]
    Public,
    /// A logged-in account.
    Account {
        /// Its role.
        role: Role,
        /// The organisations it acts for (providers); empty for other roles.
        organisations: Vec<Id>,
    },
    /// A trusted export made by the operator with `--include-professional`.
    ProfessionalExport,
}

impl Viewer {
    /// Whether this viewer may read the professional-only information of a record of
    /// `organisation`: professionals, editors and admins for every organisation, a
    /// provider only for its own.
    pub fn sees_professional_notes_of(&self, organisation: &Id) -> bool {
        match self {
            Self::Public => false,
            Self::ProfessionalExport => true,
            Self::Account { role: Role::Aanbieder, organisations } => organisations.contains(organisation),
            Self::Account { .. } => true,
        }
    }

    /// Whether this viewer sees professional-only information of every organisation
    /// (so search may look into professional notes for them).
    pub fn sees_all_professional_notes(&self) -> bool {
        match self {
            Self::Public => false,
            Self::ProfessionalExport => true,
            Self::Account { role, .. } => *role != Role::Aanbieder,
        }
    }
}

impl Service {
    /// This service as `viewer` may see it: professional-only information is removed
    /// unless the viewer may read it. The one place where that is decided.
    #[must_use]
    pub fn for_viewer(mut self, viewer: &Viewer) -> Self {
        if !viewer.sees_professional_notes_of(&self.organisation_id) {
            self.professional_notes = None;
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_codes_read_back() {
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
        assert_eq!(Role::from_code(" Editor "), Some(Role::Redacteur));
        assert_eq!(Role::from_code("root"), None);
    }

    #[test]
    fn providers_see_notes_of_their_own_organisations_only() {
        let own = Id::derived("test", "own");
        let other = Id::derived("test", "other");
        let provider = Viewer::Account { role: Role::Aanbieder, organisations: vec![own.clone()] };
        assert!(provider.sees_professional_notes_of(&own));
        assert!(!provider.sees_professional_notes_of(&other));
        assert!(!provider.sees_all_professional_notes());
        assert!(!Viewer::Public.sees_professional_notes_of(&own));
        for role in [Role::Professional, Role::Redacteur, Role::Beheerder] {
            let viewer = Viewer::Account { role, organisations: Vec::new() };
            assert!(viewer.sees_professional_notes_of(&other), "{role:?}");
        }
    }
}
