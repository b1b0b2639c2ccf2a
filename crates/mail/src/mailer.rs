//! Sending: turns a [`Mail`] into an RFC 5322 message and hands it to the SMTP server or
//! the outbox. Logs who got which kind of mail, never the body: links carry secret tokens.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, Message};
use lettre::{Address, AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use rand::distr::{Alphanumeric, SampleString};
use url::Url;

use crate::content::one_line;
use crate::{Mail, MailConfig, MailError, bounce, outbox};

/// How long to wait for the SMTP server before giving up; a user is usually waiting for
/// the page that sends the mail (lettre's default is a minute).
const SMTP_TIMEOUT: Duration = Duration::from_secs(20);

/// Sends mail as configured. Cheap to clone; clones share one SMTP connection pool,
/// which lives on the Tokio runtime of the first `send`: use a mailer within one runtime.
#[derive(Clone)]
pub struct Mailer {
    inner: Arc<Inner>,
}

/// Shows where mail goes, never credentials.
impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Mailer").field(&self.describe()).finish()
    }
}

struct Inner {
    from: Mailbox,
    site_name: String,
    transport: Transport,
}

#[expect(clippy::large_enum_variant, reason = "one per mailer, behind its Arc")]
enum Transport {
    Smtp {
        /// `host:port`, for logs and errors (the URL may hold a password).
        server: String,
        builder: lettre::transport::smtp::AsyncSmtpTransportBuilder,
        /// Built on first use: lettre's pool starts a Tokio task, and `Mailer::new` should
        /// also work outside a runtime (configuration checks, sync tests).
        transport: OnceLock<AsyncSmtpTransport<Tokio1Executor>>,
    },
    Outbox(std::path::PathBuf),
}

impl Mailer {
    /// Checks the configuration: the sender must be a mailbox, the SMTP URL usable and,
    /// without SMTP, the outbox folder creatable. Does not connect to the SMTP server.
    pub fn new(config: MailConfig) -> Result<Self, MailError> {
        let from = config
            .from
            .parse::<Mailbox>()
            .map_err(|source| MailError::InvalidFrom { from: config.from.clone(), source })?;
        let transport = match config.smtp_url.as_deref().map(str::trim).filter(|url| !url.is_empty()) {
            Some(url) => smtp(url)?,
            None => {
                outbox::prepare(&config.outbox)?;
                Transport::Outbox(config.outbox)
            }
        };
        Ok(Self { inner: Arc::new(Inner { from, site_name: config.site_name, transport }) })
    }

    /// One line for the startup log: `SMTP mail.example.nl:587` or `outbox /path`.
    pub fn describe(&self) -> String {
        match &self.inner.transport {
            Transport::Smtp { server, .. } => format!("SMTP {server}"),
            Transport::Outbox(dir) => format!("outbox {}", dir.display()),
        }
    }

    /// Sends one mail. Fails without sending when an address is invalid; an SMTP failure
    /// is returned, not retried: the caller decides whether the user must try again.
    /// [`MailError::is_permanent`] tells that the address bounces,
    /// [`MailError::is_temporary`] that trying again later may help.
    pub async fn send(&self, mail: &Mail) -> Result<(), MailError> {
        let message = self.message(mail)?;
        let kind = mail.content.kind();
        match &self.inner.transport {
            Transport::Smtp { server, builder, transport } => {
                let transport = transport.get_or_init(|| builder.clone().build());
                transport.send(message).await.map_err(|source| match bounce::refusal(&source) {
                    Some(reply) => MailError::Rejected { server: server.clone(), to: mail.to.clone(), reply },
                    None => MailError::Smtp { server: server.clone(), source },
                })?;
                tracing::info!(to = %mail.to, kind, server = %server, "mail sent");
            }
            Transport::Outbox(dir) => {
                let path = outbox::write(dir, kind, &message.formatted()).await?;
                tracing::info!(to = %mail.to, kind, file = %path.display(), "mail written to the outbox");
            }
        }
        Ok(())
    }

    fn message(&self, mail: &Mail) -> Result<Message, MailError> {
        let to = address("to", &mail.to)?;
        let (subject, body) = mail.render(&self.inner.site_name);
        let mut builder = Message::builder()
            .from(self.inner.from.clone())
            .to(Mailbox::new(mail.to_name.as_deref().map(one_line), to))
            .subject(subject)
            .message_id(Some(self.message_id()))
            .header(ContentType::TEXT_PLAIN)
            .header(AutoSubmitted);
        if let Some(reply_to) = &mail.reply_to {
            builder = builder.reply_to(Mailbox::new(None, address("reply_to", reply_to)?));
        }
        Ok(builder.body(body)?)
    }

    /// A Message-ID in the sender's domain: mail without one scores as spam, and lettre's
    /// own would name this machine's host name.
    fn message_id(&self) -> String {
        let random = Alphanumeric.sample_string(&mut rand::rng(), 24);
        format!("<{random}@{}>", self.inner.from.email.domain())
    }
}

fn address(field: &'static str, value: &str) -> Result<Address, MailError> {
    value.parse().map_err(|source| MailError::InvalidAddress { field, value: format!("{value:?}"), source })
}

/// Checks the URL ourselves first, to give errors that name the problem, then lets
/// lettre read it (credentials, TLS) exactly as documented for `from_url`.
fn smtp(url: &str) -> Result<Transport, MailError> {
    let invalid = |reason: String| MailError::InvalidSmtpUrl { reason };
    let parsed = Url::parse(url).map_err(|error| invalid(error.to_string()))?;
    let tls = parsed.query_pairs().find(|(key, _)| key == "tls").map(|(_, value)| value.into_owned());
    let default_port = match (parsed.scheme(), tls.as_deref()) {
        ("smtp", None) => 25,
        ("smtp", Some("required" | "opportunistic")) => 587,
        ("smtps", _) => 465,
        ("smtp", Some(other)) => {
            return Err(invalid(format!("unknown tls={other}; use tls=required or tls=opportunistic")));
        }
        (scheme, _) => return Err(invalid(format!("unknown scheme {scheme}:; use smtp: or smtps:"))),
    };
    let host = parsed.host_str().filter(|host| !host.is_empty()).ok_or_else(|| invalid("no host".to_owned()))?;
    let server = format!("{host}:{}", parsed.port().unwrap_or(default_port));
    let builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
        .map_err(|error| invalid(error.to_string()))?
        .timeout(Some(SMTP_TIMEOUT));
    Ok(Transport::Smtp { server, builder, transport: OnceLock::new() })
}

/// `Auto-Submitted: auto-generated` (RFC 3834): tells out-of-office responders not to
/// answer, so an invitation does not start a loop of automatic replies.
#[derive(Clone)]
struct AutoSubmitted;

impl Header for AutoSubmitted {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Auto-Submitted")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "auto-generated".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Language, MailContent};

    fn config(smtp_url: Option<&str>) -> MailConfig {
        MailConfig {
            smtp_url: smtp_url.map(str::to_owned),
            from: "Wegwijs Teylingen <noreply@example.nl>".into(),
            site_name: "Wegwijs Teylingen".into(),
            outbox: std::env::temp_dir().join("wegwijs-mail-unit-outbox"),
        }
    }

    fn error(smtp_url: &str) -> String {
        Mailer::new(config(Some(smtp_url))).expect_err("should be refused").to_string()
    }

    #[test]
    fn describe_names_host_and_port_but_never_the_password() {
        for (url, expected) in [
            ("smtp://user:geheim@mail.example.nl:2525", "SMTP mail.example.nl:2525"),
            ("smtp://user:geheim@mail.example.nl?tls=required", "SMTP mail.example.nl:587"),
            ("smtps://user:geheim@mail.example.nl", "SMTP mail.example.nl:465"),
            ("smtp://localhost", "SMTP localhost:25"),
        ] {
            assert_eq!(Mailer::new(config(Some(url))).unwrap().describe(), expected);
        }
    }

    #[test]
    fn debug_output_shows_no_password() {
        let mailer = Mailer::new(config(Some("smtp://user:geheim@mail.example.nl"))).unwrap();
        assert_eq!(format!("{mailer:?}"), r#"Mailer("SMTP mail.example.nl:25")"#);
    }

    #[test]
    fn without_smtp_mail_goes_to_the_outbox() {
        let mailer = Mailer::new(config(None)).unwrap();
        assert!(mailer.describe().starts_with("outbox "), "{}", mailer.describe());
        let blank = Mailer::new(config(Some("  "))).unwrap();
        assert!(blank.describe().starts_with("outbox "), "{}", blank.describe());
    }

    #[test]
    fn unusable_smtp_urls_are_refused_with_a_hint_and_without_the_password() {
        for (url, hint) in [
            ("mail.example.nl:587", "unknown scheme mail.example.nl"),
            ("http://user:geheim@mail.example.nl", "unknown scheme http"),
            ("smtp://user:geheim@mail.example.nl?tls=yes", "unknown tls=yes"),
            ("smtp://", "no host"),
            ("not a url", "relative URL without a base"),
        ] {
            let message = error(url);
            assert!(message.contains(hint), "{url}: {message}");
            assert!(message.contains("expected e.g. smtp://"), "{url}: {message}");
            assert!(!message.contains("geheim"), "{url}: {message}");
        }
    }

    #[test]
    fn a_sender_that_is_not_a_mailbox_is_refused() {
        let mut config = config(None);
        config.from = "Wegwijs".into();
        let message = Mailer::new(config).unwrap_err().to_string();
        assert!(message.contains("mail sender `Wegwijs` is not a valid address"), "{message}");
    }

    #[test]
    fn messages_are_plain_text_utf8_and_marked_as_automatic() {
        let mailer = Mailer::new(config(None)).unwrap();
        let mail = Mail {
            to: "piet@example.nl".into(),
            to_name: Some("Piët".into()),
            reply_to: Some("bewoner@example.nl".into()),
            language: Language::Nl,
            content: MailContent::PasswordReset { link: "https://w.example/r/T".into(), expires: "morgen".into() },
        };
        let text = String::from_utf8(mailer.message(&mail).unwrap().formatted()).unwrap();
        for header in [
            "From: \"Wegwijs Teylingen\" <noreply@example.nl>\r\n",
            "To: =?utf-8?b?UGnDq3Q=?= <piet@example.nl>\r\n",
            "Message-ID: <",
            "Reply-To: bewoner@example.nl\r\n",
            "Content-Type: text/plain; charset=utf-8\r\n",
            "Auto-Submitted: auto-generated\r\n",
        ] {
            assert!(text.contains(header), "{header:?} missing from\n{text}");
        }
    }
}
