//! Telling a bounce from other refusals. The reminder scheduler stops writing to an
//! address that bounces, so only a reply that blames the address may count: a wrong SMTP
//! password or a spam filter also answers 5xx, and must not mark every organisation's
//! address as dead. The rules are documented on [`crate::MailError::is_permanent`].

use std::error::Error as _;

use lettre::transport::smtp::Error;

/// The server's reply (`550 5.1.1 No such user`) when `error` is a permanent refusal of
/// the recipient; `None` for every other error.
pub(crate) fn refusal(error: &Error) -> Option<String> {
    let code = u16::from(error.status()?);
    // lettre keeps the reply's text (all lines joined) as the error's source.
    let text = error.source().map(ToString::to_string).unwrap_or_default();
    refuses_recipient(code, &text).then(|| format!("{code} {text}").trim_end().to_owned())
}

/// Whether a reply with this code and text refuses the recipient's address for good.
fn refuses_recipient(code: u16, text: &str) -> bool {
    if !(500..600).contains(&code) {
        return false;
    }
    match enhanced_status(text) {
        // Destination mailbox or system: no such user or domain, bad syntax, ambiguous,
        // moved, null MX. Not 5.1.0 (Postfix uses it for an unknown sender), 5.1.5
        // (valid), 5.1.7 and 5.1.8 (the sender), 5.1.9.
        Some((5, 1, detail)) => matches!(detail, 1 | 2 | 3 | 4 | 6 | 10),
        // Mailbox disabled, not accepting messages.
        Some((5, 2, 1)) => true,
        Some(_) => false,
        // Old servers: mailbox unavailable, user not local, mailbox name not allowed,
        // domain does not accept mail (RFC 7504).
        None => matches!(code, 550 | 551 | 553 | 521 | 556),
    }
}

/// The enhanced status code (RFC 3463) that starts a reply's text, if any:
/// `5.1.1 No such user` gives `(5, 1, 1)`.
fn enhanced_status(text: &str) -> Option<(u16, u16, u16)> {
    let mut parts = text.split_whitespace().next()?.split('.');
    let mut number = || parts.next()?.parse::<u16>().ok();
    let status = (number()?, number()?, number()?);
    (matches!(status.0, 2 | 4 | 5) && parts.next().is_none()).then_some(status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_users_and_domains_bounce() {
        for (code, text) in [
            (550, "5.1.1 No such user"),
            (550, "5.1.1 <anouk@example.nl>: Recipient address rejected: User unknown in local recipient table"),
            (554, "5.1.1 Delivery error: the email account that you tried to reach does not exist"),
            (550, "5.1.2 Bad destination system address"),
            (553, "5.1.3 Invalid address"),
            (550, "5.1.10 Recipient address rejected: domain has a null MX"),
            (550, "5.2.1 The email account that you tried to reach is disabled"),
            (550, "Requested action not taken: mailbox unavailable"),
            (551, "User not local"),
            (553, ""),
            (556, "Domain does not accept mail"),
        ] {
            assert!(refuses_recipient(code, text), "{code} {text}");
        }
    }

    #[test]
    fn refusals_that_are_not_about_the_address_do_not_bounce() {
        for (code, text) in [
            // Our login, sender or relaying: every mail would "bounce".
            (535, "5.7.8 Authentication credentials invalid"),
            (530, "5.7.0 Must issue a STARTTLS command first"),
            (550, "5.1.0 <noreply@example.nl>: Sender address rejected: User unknown"),
            (553, "5.1.8 Sender address rejected: Domain not found"),
            (554, "5.7.1 <anouk@example.com>: Relay access denied"),
            (550, "5.7.1 Message rejected as spam"),
            // The mailbox exists; the message or its size is the problem.
            (552, "5.2.2 Mailbox full"),
            (552, "5.3.4 Message size exceeds fixed limit"),
            (554, "Transaction failed"),
            (500, "Syntax error, command unrecognised"),
            // Temporary: greylisting and friends, even when they name the mailbox.
            (450, "4.2.0 Greylisted, try again later"),
            (450, "Requested mail action not taken: mailbox unavailable"),
            (451, "4.1.1 Recipient address verification failed, try later"),
            // Contradicting itself: a 5xx reply with a 4.x.x status.
            (550, "4.1.1 Try later"),
        ] {
            assert!(!refuses_recipient(code, text), "{code} {text}");
        }
    }

    #[test]
    fn enhanced_status_codes_are_read_only_at_the_start() {
        assert_eq!(enhanced_status("5.1.10 Null MX"), Some((5, 1, 10)));
        assert_eq!(enhanced_status("2.0.0 Ok"), Some((2, 0, 0)));
        assert_eq!(enhanced_status("No such user 5.1.1"), None);
        assert_eq!(enhanced_status("5.1 No such user"), None);
        assert_eq!(enhanced_status("5.1.1.1 odd"), None);
        assert_eq!(enhanced_status("3.1.1 odd"), None);
        assert_eq!(enhanced_status(""), None);
    }
}
