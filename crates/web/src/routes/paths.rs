//! The addresses of the pages about one record in the portal and the back office, in
//! one place: handlers, lists and links all ask here, so a path is spelled once.

use wegwijs_domain::Id;
use wegwijs_store::EntityKind;

/// The path word of each kind that has portal and history pages: (portal, history).
const SEGMENTS: [(EntityKind, &str, &str); 3] = [
    (EntityKind::Service, "diensten", "dienst"),
    (EntityKind::Organisation, "organisaties", "organisatie"),
    (EntityKind::Location, "locaties", "locatie"),
];

fn segments(kind: EntityKind) -> (&'static str, &'static str) {
    SEGMENTS
        .iter()
        .find(|(k, _, _)| *k == kind)
        .map_or(("diensten", "dienst"), |(_, portal, history)| (portal, history))
}

/// The portal's edit page of a record: `/portaal/diensten/{id}/bewerken`.
pub fn edit(kind: EntityKind, id: &Id) -> String {
    format!("/portaal/{}/{id}/bewerken", segments(kind).0)
}

/// The editors' history page of a record: `/redactie/geschiedenis/dienst/{id}`.
pub fn history(kind: EntityKind, id: &Id) -> String {
    format!("/redactie/geschiedenis/{}/{id}", segments(kind).1)
}

/// The kind named by the `{kind}` word of a history path.
pub fn history_kind(segment: &str) -> Option<EntityKind> {
    SEGMENTS.iter().find(|(_, _, history)| *history == segment).map(|(kind, _, _)| *kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_the_kind_and_read_back() {
        let id = Id::derived("test", "x");
        assert_eq!(edit(EntityKind::Location, &id), format!("/portaal/locaties/{id}/bewerken"));
        for (kind, _, word) in SEGMENTS {
            assert_eq!(history(kind, &id), format!("/redactie/geschiedenis/{word}/{id}"));
            assert_eq!(history_kind(word), Some(kind));
        }
        assert_eq!(history_kind("gebruiker"), None);
    }
}
