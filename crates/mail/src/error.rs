//! The one error type of the mail crate. Configuration errors say what a valid value looks
//! like; no error ever contains an SMTP password or a mail body (links carry secret tokens).

use std::path::PathBuf;

/// Everything that can go wrong when configuring the mailer or sending a mail.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// `MailConfig::from` is not a mailbox.
    #[error("mail sender `{from}` is not a valid address (expected e.g. `Wegwijs <noreply@example.nl>`): {source}")]
    InvalidFrom {
        /// The configured value.
        from: String,
        /// Why lettre refused it.
        source: lettre::address::AddressError,
    },
    /// `MailConfig::smtp_url` cannot be used. The URL itself is not repeated: it may hold
    /// a password.
    #[error(
        "the SMTP URL is not valid: {reason} (expected e.g. smtp://user:password@mail.example.nl:587?tls=required, \
         smtps://user:password@mail.example.nl or smtp://localhost:25)"
    )]
    InvalidSmtpUrl {
        /// What is wrong with it.
        reason: String,
    },
    /// The outbox folder cannot be created or written to.
    #[error("cannot write to the mail outbox {}: {source}", path.display())]
    Outbox {
        /// The folder or file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A recipient or reply-to address is not an e-mail address (this also refuses line
    /// breaks, so an address can never add a header). The caller's input was wrong.
    #[error("{field} address {value:?} is not a valid e-mail address: {source}")]
    InvalidAddress {
        /// `to` or `reply_to`.
        field: &'static str,
        /// The value, debug-quoted so that control characters show.
        value: String,
        /// Why lettre refused it.
        source: lettre::address::AddressError,
    },
    /// lettre could not assemble the message.
    #[error("cannot build the mail: {0}")]
    Build(#[from] lettre::error::Error),
    /// The SMTP server could not be reached or refused the mail.
    #[error("sending mail through SMTP server {server} failed: {source}")]
    Smtp {
        /// `host:port`, without credentials.
        server: String,
        /// What lettre reported.
        source: lettre::transport::smtp::Error,
    },
}
