//! E-mail for Wegwijs: invitations, password resets and notices about proposals and error
//! reports. Mail goes out through SMTP, or, when no SMTP server is configured (development,
//! demo), into an outbox folder as `.eml` files so that nothing is lost and nothing leaves
//! the machine.
//!
//! - [`Mail`] and [`MailContent`]: what to send to whom; the texts are askama templates in
//!   `templates/{nl,en}/` and [`Mail::render`] shows them without sending.
//! - [`Mailer`]: sends; built once from a [`MailConfig`] that is checked up front.
//! - [`MailError`]: also tells a bounce (the recipient refused for good) from trouble
//!   that may pass (`is_permanent`, `is_temporary`).
//! - `testing` (cargo feature `testing`): `SmtpSink`, a real SMTP server for tests, also
//!   one that refuses chosen recipients.

mod bounce;
mod config;
mod content;
mod error;
mod mailer;
mod outbox;
mod templates;
#[cfg(feature = "testing")]
pub mod testing;

pub use config::MailConfig;
pub use content::{Language, Mail, MailContent};
pub use error::MailError;
pub use mailer::Mailer;
