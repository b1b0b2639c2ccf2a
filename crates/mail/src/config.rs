//! The mail settings, kept apart from the mailer so that `cli` can load them with the rest
//! of its configuration.

use std::path::PathBuf;

/// How and as whom Wegwijs sends mail. Checked by [`crate::Mailer::new`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailConfig {
    /// SMTP server as a URL, e.g. `smtp://user:password@mail.example.nl:587?tls=required`
    /// (STARTTLS), `smtps://user:password@mail.example.nl` (TLS from the start, port 465)
    /// or `smtp://localhost:25` (no encryption). Percent-encode special characters in the
    /// user name and password. `None` (or an empty string, so that an empty environment
    /// variable means the same) writes mail to [`MailConfig::outbox`] instead.
    pub smtp_url: Option<String>,
    /// Sender, as a name and address: `Wegwijs Teylingen <noreply@example.nl>`.
    pub from: String,
    /// The name of the site as the texts use it: "Wegwijs Teylingen".
    pub site_name: String,
    /// Folder for `.eml` files when no SMTP server is configured; created when missing.
    pub outbox: PathBuf,
}
