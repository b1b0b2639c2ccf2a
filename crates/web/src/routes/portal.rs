//! The provider portal: an account's organisations with their services and locations,
//! and the edit pages. Who may open which page is decided in `auth::policy`; what
//! saving does (a proposal, or published at once) in `editorial`.

pub(crate) mod edit;
mod overview;

use crate::AppState;
use axum::Router;
use axum::routing::{get, post};
use wegwijs_store::{Expected, Proposal};

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/portaal", get(overview::show))
        .route(
            "/portaal/organisaties/{org}/bewerken",
            get(edit::show_existing::<edit::Organisations>).post(edit::save_existing::<edit::Organisations>),
        )
        .route("/portaal/organisaties/{org}/diensten/nieuw", get(edit::show_new_service).post(edit::save_new_service))
        .route(
            "/portaal/diensten/{id}/bewerken",
            get(edit::show_existing::<edit::Services>).post(edit::save_existing::<edit::Services>),
        )
        .route(
            "/portaal/locaties/{id}/bewerken",
            get(edit::show_existing::<edit::Locations>).post(edit::save_existing::<edit::Locations>),
        )
        .route("/portaal/voorstellen/{id}/intrekken", post(overview::withdraw))
}

/// The version a form is opened on: the record's last change and the revision of its
/// open proposal, as `seq:revision` (0: none).
pub fn version(record_seq: i64, pending: Option<&Proposal>) -> String {
    format!("{record_seq}:{}", pending.map_or(0, |p| p.revision))
}

/// Reads a version sent back by a form.
pub fn expected(raw: &str) -> Option<Expected> {
    let (seq, revision) = raw.trim().split_once(':')?;
    let record_seq = seq.parse().ok()?;
    let revision: i64 = revision.parse().ok()?;
    Some(Expected { record_seq, proposal_revision: (revision > 0).then_some(revision) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_read_back() {
        let e = expected(&version(42, None)).unwrap();
        assert_eq!((e.record_seq, e.proposal_revision), (42, None));
        assert_eq!(expected("7:3").unwrap().proposal_revision, Some(3));
        assert!(expected("x").is_none() && expected("1:y").is_none());
    }
}
