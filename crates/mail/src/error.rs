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
    /// The SMTP server refused the recipient for good, e.g. `550 5.1.1 No such user` in
    /// answer to `RCPT TO` or after the message: the address bounces, and sending to it
    /// again will not help. See [`MailError::is_permanent`] for which replies count.
    #[error("SMTP server {server} refused the recipient {to} for good: {reply}")]
    Rejected {
        /// `host:port`, without credentials.
        server: String,
        /// The refused address, as given in `Mail::to`.
        to: String,
        /// The server's reply: code, enhanced status code if any, and text.
        reply: String,
    },
    /// The SMTP server could not be reached or refused the mail for a reason that is not
    /// the recipient's address. [`MailError::is_temporary`] tells whether trying again
    /// later may help.
    #[error("sending mail through SMTP server {server} failed: {source}")]
    Smtp {
        /// `host:port`, without credentials.
        server: String,
        /// What lettre reported.
        source: lettre::transport::smtp::Error,
    },
}

impl MailError {
    /// Whether the recipient's address bounces: the SMTP server refused it for good
    /// ([`MailError::Rejected`]). Only this should mark an address as not working.
    ///
    /// A permanent (5xx) reply counts when its enhanced status code (RFC 3463) is about
    /// the destination mailbox or its domain (5.1.1 no such user, 5.1.2 no such domain,
    /// 5.1.3 bad address, 5.1.4, 5.1.6 moved, 5.1.10 null MX, 5.2.1 mailbox disabled),
    /// or, from a server without enhanced status codes, when it is 550, 551, 553, 521 or
    /// 556. Not counted, because the address is not to blame: a refused login (535) or
    /// sender (5.1.0, 5.1.7, 5.1.8), relaying or a spam filter (5.7.x), a full mailbox
    /// (5.2.2), a message that is too large (5.3.4). The mailer sends every mail to one
    /// recipient, so a refusal is never about someone else.
    ///
    /// The outbox (no SMTP server) never bounces.
    pub fn is_permanent(&self) -> bool {
        matches!(self, Self::Rejected { .. })
    }

    /// Whether sending the same mail later may succeed without anyone changing anything:
    /// a temporary (4xx) reply such as greylisting or a full queue, a connection that is
    /// refused or breaks, a timeout.
    ///
    /// Neither this nor [`MailError::is_permanent`] holds for errors that need a person:
    /// an invalid address or sender, an outbox that cannot be written, an SMTP URL,
    /// password or TLS setup that is wrong, or a permanent refusal that is not about the
    /// address (a spam filter, relaying denied, a full mailbox).
    pub fn is_temporary(&self) -> bool {
        match self {
            Self::Smtp { source, .. } => {
                source.is_transient()
                    || source.is_timeout()
                    // What is left are connection and network errors, which lettre has
                    // no predicate for.
                    || !(source.is_permanent()
                        || source.is_client()
                        || source.is_response()
                        || source.is_tls()
                        || source.is_transport_shutdown())
            }
            _ => false,
        }
    }
}
