//! The mailer against a real SMTP server (aiosmtpd, see `wegwijs_mail::testing`) and a
//! real outbox folder.

use wegwijs_mail::testing::{NO_SUCH_USER, ReceivedMail, SmtpSink};
use wegwijs_mail::{Language, Mail, MailConfig, MailContent, MailError, Mailer};

fn config(smtp_url: Option<String>, outbox: &std::path::Path) -> MailConfig {
    MailConfig {
        smtp_url,
        from: "Wegwijs Teylingen <noreply@example.nl>".into(),
        site_name: "Wegwijs Teylingen".into(),
        outbox: outbox.to_owned(),
    }
}

fn invitation(to: &str) -> Mail {
    Mail {
        to: to.into(),
        to_name: Some("Anouk Piët".into()),
        reply_to: None,
        language: Language::Nl,
        content: MailContent::Invitation {
            organisation: "Stichting Één Teylingen".into(),
            inviter: "Anna de Vries".into(),
            link: "https://wegwijs.example/uitnodiging/abcDEF123-_xyz".into(),
            expires: "15 december 2026".into(),
        },
    }
}

#[tokio::test]
async fn mails_arrive_at_a_real_smtp_server_decoded_as_written() {
    let Some(sink) = SmtpSink::start() else { return };
    let outbox = tempfile::tempdir().unwrap();
    let mailer = Mailer::new(config(Some(sink.url()), outbox.path())).unwrap();
    assert_eq!(mailer.describe(), format!("SMTP {}", sink.address()));

    let first = invitation("anouk@example.nl");
    let mut second = Mail {
        to: "jan@example.nl".into(),
        to_name: None,
        reply_to: Some("bewoner@example.nl".into()),
        language: Language::En,
        content: MailContent::ErrorReportForProvider {
            service: "Voedselbank".into(),
            message: "The opening hours changed: now Monday–Friday, 9:00–12:00.\nThanks!".into(),
            link: "https://wegwijs.example/portal/services/7".into(),
        },
    };
    mailer.send(&first).await.unwrap();
    mailer.send(&second).await.unwrap();

    let received = sink.wait_for(2).await;
    assert_eq!(received.len(), 2, "{received:#?}");
    let (subject, body) = first.render("Wegwijs Teylingen");
    assert_eq!(received[0].to, "anouk@example.nl");
    assert_eq!(received[0].envelope_to, ["anouk@example.nl"]);
    assert_eq!(received[0].from, "noreply@example.nl");
    assert_eq!(received[0].reply_to, None);
    assert_eq!(received[0].subject, subject);
    assert_eq!(received[0].body.trim_end(), body.trim_end());
    assert!(received[0].subject.contains("Stichting Één Teylingen"), "{}", received[0].subject);
    assert!(received[0].body.contains("https://wegwijs.example/uitnodiging/abcDEF123-_xyz\n"));
    assert!(received[0].body.starts_with("Hallo Anouk Piët,\n"), "{}", received[0].body);

    second.to_name = None;
    let (subject, body) = second.render("Wegwijs Teylingen");
    assert_eq!(received[1].to, "jan@example.nl");
    assert_eq!(received[1].reply_to.as_deref(), Some("bewoner@example.nl"));
    assert_eq!(received[1].subject, subject);
    assert_eq!(received[1].body.trim_end(), body.trim_end());
    assert!(received[1].body.contains("Monday–Friday, 9:00–12:00.\nThanks!"), "{}", received[1].body);
    assert!(std::fs::read_dir(outbox.path()).unwrap().next().is_none(), "SMTP mode wrote to the outbox");
}

#[tokio::test]
async fn without_smtp_each_mail_becomes_an_eml_file_in_the_outbox() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = dir.path().join("outbox");
    let mailer = Mailer::new(config(None, &outbox)).unwrap();
    assert_eq!(mailer.describe(), format!("outbox {}", outbox.display()));
    assert!(outbox.is_dir(), "the outbox is created up front");

    let mail = invitation("anouk@example.nl");
    mailer.send(&mail).await.unwrap();
    mailer.send(&mail).await.unwrap();

    let mut files: Vec<_> = std::fs::read_dir(&outbox).unwrap().map(|entry| entry.unwrap().path()).collect();
    files.sort();
    assert_eq!(files.len(), 2, "{files:?}");
    let name = files[0].file_name().unwrap().to_str().unwrap().to_owned();
    let parts: Vec<&str> = name.trim_end_matches(".eml").split('-').collect();
    assert!(name.ends_with(".eml") && parts.len() == 3 && parts[1] == "invitation", "{name}");
    assert!(parts[0].ends_with('Z') && parts[0].contains('T'), "UTC time stamp first: {name}");

    let stored = ReceivedMail::parse(&std::fs::read(&files[0]).unwrap());
    let (subject, body) = mail.render("Wegwijs Teylingen");
    assert_eq!((stored.to.as_str(), stored.subject.as_str()), ("anouk@example.nl", subject.as_str()));
    assert_eq!(stored.body.trim_end(), body.trim_end());
    assert!(stored.raw.contains("\r\nMessage-ID: ") && stored.raw.contains("\r\nDate: "), "{}", stored.raw);
}

#[tokio::test]
async fn a_refused_recipient_bounces_and_mail_to_others_still_arrives() {
    let Some(sink) = SmtpSink::start_refusing(&["bounce@example.nl"]) else { return };
    let outbox = tempfile::tempdir().unwrap();
    let mailer = Mailer::new(config(Some(sink.url()), outbox.path())).unwrap();

    let error = mailer.send(&invitation("bounce@example.nl")).await.unwrap_err();
    let MailError::Rejected { server, to, reply } = &error else { panic!("not a bounce: {error:?}") };
    assert_eq!((server, to.as_str(), reply.as_str()), (&sink.address().to_string(), "bounce@example.nl", NO_SUCH_USER));
    assert!(error.is_permanent() && !error.is_temporary(), "{error:?}");
    let message = error.to_string();
    assert!(message.contains("refused the recipient bounce@example.nl for good: 550 5.1.1 No such user"), "{message}");

    // The same mailer goes on: lettre dropped the refused connection, a new one is made.
    mailer.send(&invitation("anouk@example.nl")).await.unwrap();
    let received = sink.wait_for(1).await;
    assert_eq!(received.len(), 1, "the refused mail was not stored: {received:#?}");
    assert_eq!(received[0].envelope_to, ["anouk@example.nl"]);
    assert_eq!(received[0].to, "anouk@example.nl");
}

#[tokio::test]
async fn refusals_that_do_not_blame_the_address_are_no_bounce() {
    let Some(sink) = SmtpSink::start_replying(&[
        ("vol@example.nl", "452 4.2.2 Mailbox full, try again later"),
        ("extern@example.com", "554 5.7.1 <extern@example.com>: Relay access denied"),
    ]) else {
        return;
    };
    let outbox = tempfile::tempdir().unwrap();
    let mailer = Mailer::new(config(Some(sink.url()), outbox.path())).unwrap();

    // Temporary: try again later.
    let error = mailer.send(&invitation("vol@example.nl")).await.unwrap_err();
    assert!(matches!(error, MailError::Smtp { .. }), "{error:?}");
    assert!(error.is_temporary() && !error.is_permanent(), "{error:?}");
    assert!(error.to_string().contains("452"), "{error}");

    // Permanent, but our server's setup is to blame, not the address: needs a person.
    let error = mailer.send(&invitation("extern@example.com")).await.unwrap_err();
    assert!(matches!(error, MailError::Smtp { .. }), "{error:?}");
    assert!(!error.is_temporary() && !error.is_permanent(), "{error:?}");
    assert!(error.to_string().contains("Relay access denied"), "{error}");

    // Addresses are compared as mail servers do, whatever their case.
    let error = mailer.send(&invitation("VOL@example.nl")).await.unwrap_err();
    assert!(error.is_temporary(), "{error:?}");
    assert!(sink.received().is_empty(), "{:#?}", sink.received());
}

#[tokio::test]
async fn the_outbox_never_bounces() {
    let dir = tempfile::tempdir().unwrap();
    let mailer = Mailer::new(config(None, dir.path())).unwrap();
    mailer.send(&invitation("bounce@example.nl")).await.unwrap();
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[tokio::test]
async fn a_server_that_is_down_is_a_clear_temporary_error() {
    // A port that nobody listens on any more.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let outbox = tempfile::tempdir().unwrap();
    let mailer = Mailer::new(config(Some(format!("smtp://user:geheim@127.0.0.1:{port}")), outbox.path())).unwrap();

    let error = mailer.send(&invitation("anouk@example.nl")).await.unwrap_err();
    assert!(matches!(error, MailError::Smtp { .. }), "{error:?}");
    let message = error.to_string();
    assert!(message.contains(&format!("SMTP server 127.0.0.1:{port} failed")), "{message}");
    assert!(!message.contains("geheim"), "{message}");
    assert!(error.is_temporary() && !error.is_permanent(), "{error:?}");
}

#[tokio::test]
async fn line_breaks_cannot_add_headers() {
    let Some(sink) = SmtpSink::start() else { return };
    let outbox = tempfile::tempdir().unwrap();
    let mailer = Mailer::new(config(Some(sink.url()), outbox.path())).unwrap();

    // In an address: refused before anything is sent.
    for to in ["anouk@example.nl\r\nBcc: evil@example.com", "anouk@example.nl\nBcc: evil@example.com"] {
        let error = mailer.send(&invitation(to)).await.unwrap_err();
        assert!(matches!(error, MailError::InvalidAddress { field: "to", .. }), "{error:?}");
    }
    let mut mail = invitation("anouk@example.nl");
    mail.reply_to = Some("x@example.nl\r\nBcc: evil@example.com".into());
    let error = mailer.send(&mail).await.unwrap_err();
    assert!(matches!(error, MailError::InvalidAddress { field: "reply_to", .. }), "{error:?}");

    // In a name or in facts that end up in the subject: encoded, not a header.
    let mut mail = invitation("anouk@example.nl");
    mail.to_name = Some("Anouk\r\nBcc: evil@example.com".into());
    mail.content = MailContent::ProposalApproved {
        record: "Buurtteam\r\nBcc: evil@example.com\r\n\r\nfake body".into(),
        link: "https://wegwijs.example/p".into(),
    };
    mailer.send(&mail).await.unwrap();

    let received = sink.wait_for(1).await;
    assert_eq!(received.len(), 1, "{received:#?}");
    let mail = &received[0];
    assert_eq!(mail.envelope_to, ["anouk@example.nl"]);
    // The maildir stores `\n` line ends; the headers end at the first empty line.
    let raw = mail.raw.replace("\r\n", "\n");
    let headers = raw.split("\n\n").next().unwrap().to_ascii_lowercase();
    assert!(!headers.lines().any(|line| line.starts_with("bcc:")), "{}", mail.raw);
    assert!(!mail.subject.contains('\n'), "{:?}", mail.subject);
    assert!(mail.subject.contains("Buurtteam Bcc: evil@example.com fake body"), "{:?}", mail.subject);
    assert!(mail.body.starts_with("Hallo Anouk Bcc: evil@example.com,\n"), "{}", mail.body);
}
