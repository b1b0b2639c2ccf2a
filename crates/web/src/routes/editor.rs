//! The editors' back office: the queue of proposals with their differences, approving
//! and rejecting, invitations, residents' error reports, the history of a record with
//! restore; the dashboard of how current the kaart is (`/redactie/actualiteit`); and the
//! administrators' list of accounts. Access is decided in
//! `auth::policy` (editors and admins; accounts for admins only).

mod freshness;
mod history;
mod invitations;
mod proposals;
mod reports;
mod users;

use crate::AppState;
use axum::Router;
use axum::routing::{get, post};

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/redactie", get(proposals::queue))
        .route("/redactie/voorstellen/{id}", get(proposals::show))
        .route("/redactie/voorstellen/{id}/goedkeuren", post(proposals::approve))
        .route("/redactie/voorstellen/{id}/afwijzen", post(proposals::reject))
        .route("/redactie/voorstellen/{id}/bewerken", get(proposals::show_edit).post(proposals::save_edit))
        .route("/redactie/actualiteit", get(freshness::show))
        .route("/redactie/meldingen", get(reports::list))
        .route("/redactie/meldingen/{id}/sluiten", post(reports::close))
        .route("/redactie/uitnodigingen", get(invitations::list).post(invitations::invite))
        .route("/redactie/geschiedenis/{kind}/{id}", get(history::show).post(history::restore))
        .route("/beheer/gebruikers", get(users::list).post(users::create))
        .route("/beheer/gebruikers/{id}", post(users::change))
}
