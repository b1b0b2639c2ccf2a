//! Logging in and out, passwords, the second factor, and accepting an invitation.

mod invitation;
mod login;
mod password;

pub use password::send_password_link;
mod settings;

use crate::AppState;
use axum::Router;
use axum::routing::{get, post};

/// Longest password accepted: argon2 takes anything, but a megabyte "password" is an
/// attack on the server's time, not a password.
pub const MAX_PASSWORD: usize = 200;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/inloggen", get(login::show).post(login::submit))
        .route("/inloggen/code", get(login::show_code).post(login::submit_code))
        .route("/uitloggen", post(login::logout))
        .route("/wachtwoord-vergeten", get(password::show_forgot).post(password::submit_forgot))
        .route("/wachtwoord-herstellen/{token}", get(password::show_reset).post(password::submit_reset))
        .route("/uitnodiging/{token}", get(invitation::show).post(invitation::accept))
        .route("/account", get(settings::show))
        .route("/account/wachtwoord", post(settings::change_password))
        .route("/account/tweestaps", get(settings::show_second_factor).post(settings::enable_second_factor))
        .route("/account/tweestaps/uitzetten", post(settings::disable_second_factor))
}

/// The problems of a new password and its repetition, if any.
pub fn password_problems(locale: crate::Locale, password: &str, repeated: &str) -> Vec<crate::forms::FieldProblem> {
    use crate::forms::FieldProblem;
    let length = password.chars().count();
    let mut problems = Vec::new();
    if !wegwijs_store::is_long_enough(password) {
        problems.push(FieldProblem::new(
            "wachtwoord",
            locale.tf("account.error_password_short", &[("min", &wegwijs_store::MIN_PASSWORD_CHARS)]),
        ));
    } else if length > MAX_PASSWORD {
        problems
            .push(FieldProblem::new("wachtwoord", locale.tf("account.error_password_long", &[("max", &MAX_PASSWORD)])));
    } else if password != repeated {
        problems.push(FieldProblem::new("herhaling", locale.t("account.error_password_repeat")));
    }
    problems
}

/// Where to go after logging in: the page asked for, else the start page of the role.
pub fn landing(back: &str, user: &wegwijs_store::User) -> String {
    match crate::page::local_path(back).filter(|p| !p.starts_with("/inloggen")) {
        Some(path) => path.to_owned(),
        None if user.role.is_editor() => "/redactie".to_owned(),
        None => "/portaal".to_owned(),
    }
}

/// A time as a resident reads it, in Dutch time: "3 december 2026, 14.05".
pub fn moment(locale: crate::Locale, at: chrono::DateTime<chrono::Utc>) -> String {
    let local = at.with_timezone(&chrono_tz::Europe::Amsterdam);
    let time = match locale {
        crate::Locale::Nl => local.format("%H.%M"),
        crate::Locale::En => local.format("%H:%M"),
    };
    format!("{}, {time}", locale.day(at))
}
