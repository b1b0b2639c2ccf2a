//! What a mail says: one variant per kind of mail, with the facts its text needs. The
//! words themselves are in the templates (see `templates.rs`), one file per kind and
//! language.

use crate::templates;

/// Language of a mail: the recipient's choice, Dutch when unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    /// Dutch, the site's first language.
    Nl,
    /// English.
    En,
}

/// One mail to one recipient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    /// Recipient address (`naam@example.nl`), checked when sending.
    pub to: String,
    /// Recipient name for the `To` header and the greeting, if known.
    pub to_name: Option<String>,
    /// Where replies go, e.g. the resident who reported an error; without it replies go
    /// to the sender address, which is usually not read.
    pub reply_to: Option<String>,
    /// Language of subject and body.
    pub language: Language,
    /// Kind of mail and its facts.
    pub content: MailContent,
}

/// The kinds of mail Wegwijs sends. Values are shown as they are (plain text, no
/// escaping); dates arrive already formatted in the mail's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailContent {
    /// Asks someone to become a provider (aanbieder) for an organisation.
    Invitation {
        /// Name of the organisation.
        organisation: String,
        /// Name of the person who invites.
        inviter: String,
        /// Link to accept, with its secret token.
        link: String,
        /// When the link stops working, formatted ("15 december 2026, 17:00").
        expires: String,
    },
    /// Lets a user choose a new password.
    PasswordReset {
        /// Link to choose a password, with its secret token.
        link: String,
        /// When the link stops working, formatted.
        expires: String,
    },
    /// Tells someone an administrator made an account for them, with a link to choose a
    /// password: unlike a reset, they asked for nothing.
    AccountCreated {
        /// Their role in words ("redacteur", "professional").
        role: String,
        /// Name of the administrator who made the account.
        inviter: String,
        /// Link to choose a password, with its secret token.
        link: String,
        /// When the link stops working, formatted.
        expires: String,
    },
    /// Tells a provider that an editor did not accept their proposal, and why.
    ProposalRejected {
        /// Name of the service or organisation the proposal was for.
        record: String,
        /// The editor's explanation, as written.
        message: String,
        /// Portal page where the provider can try again.
        link: String,
    },
    /// Tells a provider that their proposal is published.
    ProposalApproved {
        /// Name of the service or organisation.
        record: String,
        /// Page that shows the result.
        link: String,
    },
    /// Passes a resident's error report on to the provider of a service.
    ErrorReportForProvider {
        /// Name of the service.
        service: String,
        /// The resident's words, as written.
        message: String,
        /// Portal page to correct the service.
        link: String,
    },
    /// Tells editors that a proposal waits for review.
    ProposalWaiting {
        /// Name of the service or organisation.
        record: String,
        /// The organisation whose provider proposed the change.
        organisation: String,
        /// Review page.
        link: String,
    },
    /// Asks an organisation whether its entries are still right ("Alles klopt nog"); the
    /// second time (`again`) a few months later, with what happens without an answer.
    Reminder {
        /// Whether this is the second reminder.
        again: bool,
        /// Name of the organisation.
        organisation: String,
        /// Its entries, one per line, each with when it was last checked.
        entries: String,
        /// One-click link to confirm everything, with its secret token.
        confirm_link: String,
        /// Where to change something (the portal, or an invitation to it).
        change_link: String,
        /// When the confirm link stops working, formatted.
        expires: String,
    },
    /// Tells editors which organisations need a person: no reaction to the reminders,
    /// no working address, or entries about to be hidden. Each list one line per
    /// organisation; an empty list is left out.
    EditorDigest {
        /// Organisations that did not react to two reminders.
        escalated: String,
        /// Organisations without an address, or whose address bounced.
        unreachable: String,
        /// Organisations whose entries will be hidden soon.
        hiding_soon: String,
        /// The editors' dashboard.
        link: String,
    },
}

impl MailContent {
    /// Short stable name of the kind, for logs and outbox file names.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Invitation { .. } => "invitation",
            Self::PasswordReset { .. } => "password-reset",
            Self::AccountCreated { .. } => "account-created",
            Self::ProposalRejected { .. } => "proposal-rejected",
            Self::ProposalApproved { .. } => "proposal-approved",
            Self::ErrorReportForProvider { .. } => "error-report",
            Self::ProposalWaiting { .. } => "proposal-waiting",
            Self::Reminder { again: false, .. } => "reminder",
            Self::Reminder { again: true, .. } => "second-reminder",
            Self::EditorDigest { .. } => "editor-digest",
        }
    }
}

impl Mail {
    /// Subject and plain-text body as they will be sent. The subject is one line: line
    /// breaks coming from the facts (a name with a newline) become spaces.
    pub fn render(&self, site_name: &str) -> (String, String) {
        let name = self.to_name.as_deref().map(one_line);
        let (language, site, name) = (self.language, site_name, name.as_deref());
        let rendered = match &self.content {
            MailContent::Invitation { organisation, inviter, link, expires } => {
                templates::invitation::render(language, site, name, organisation, inviter, link, expires)
            }
            MailContent::PasswordReset { link, expires } => {
                templates::password_reset::render(language, site, name, link, expires)
            }
            MailContent::AccountCreated { role, inviter, link, expires } => {
                templates::account_created::render(language, site, name, role, inviter, link, expires)
            }
            MailContent::ProposalRejected { record, message, link } => {
                templates::proposal_rejected::render(language, site, name, record, message, link)
            }
            MailContent::ProposalApproved { record, link } => {
                templates::proposal_approved::render(language, site, name, record, link)
            }
            MailContent::ErrorReportForProvider { service, message, link } => {
                templates::error_report_for_provider::render(language, site, name, service, message, link)
            }
            MailContent::ProposalWaiting { record, organisation, link } => {
                templates::proposal_waiting::render(language, site, name, record, organisation, link)
            }
            MailContent::Reminder { again, organisation, entries, confirm_link, change_link, expires } => {
                let render = if *again { templates::second_reminder::render } else { templates::reminder::render };
                render(language, site, name, organisation, entries, confirm_link, change_link, expires)
            }
            MailContent::EditorDigest { escalated, unreachable, hiding_soon, link } => {
                templates::editor_digest::render(language, site, name, escalated, unreachable, hiding_soon, link)
            }
        };
        // Only `&str` and `Option<&str>` values go in, and writing to a `String` cannot
        // fail, so askama has nothing to report here.
        let (subject, body) = rendered.expect("mail templates with text values always render");
        (one_line(&subject), format!("{}\n", body.trim()))
    }
}

/// `text` on one line: control characters (line breaks, tabs) become spaces and runs of
/// spaces one. For header values: lettre encodes line breaks, but a display name with
/// one even makes it panic.
pub(crate) fn one_line(text: &str) -> String {
    let spaced: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One mail of every kind, with values that show up when left out of a text.
    fn every_kind() -> Vec<MailContent> {
        vec![
            MailContent::Invitation {
                organisation: "Stichting Welzijn Teylingen".into(),
                inviter: "Anna de Vries".into(),
                link: "https://wegwijs.example/uitnodiging/TOKEN1".into(),
                expires: "15 december 2026".into(),
            },
            MailContent::PasswordReset {
                link: "https://wegwijs.example/wachtwoord/TOKEN2".into(),
                expires: "16 december 2026, 14:00".into(),
            },
            MailContent::AccountCreated {
                role: "redacteur".into(),
                inviter: "Bea Heer".into(),
                link: "https://wegwijs.example/wachtwoord/TOKEN3".into(),
                expires: "1 december 2026, 9:00".into(),
            },
            MailContent::ProposalRejected {
                record: "Buurtteam Sassenheim".into(),
                message: "Het telefoonnummer klopt niet.".into(),
                link: "https://wegwijs.example/portaal/1".into(),
            },
            MailContent::ProposalApproved {
                record: "Buurtteam Voorhout".into(),
                link: "https://wegwijs.example/portaal/2".into(),
            },
            MailContent::ErrorReportForProvider {
                service: "Voedselbank Teylingen".into(),
                message: "De openingstijden zijn veranderd.".into(),
                link: "https://wegwijs.example/portaal/3".into(),
            },
            MailContent::ProposalWaiting {
                record: "Schuldhulp Warmond".into(),
                organisation: "Gemeente Teylingen".into(),
                link: "https://wegwijs.example/redactie/4".into(),
            },
            MailContent::Reminder {
                again: false,
                organisation: "Stichting Welzijn Teylingen".into(),
                entries: "- Maaltijden aan huis (gecontroleerd op 2 mei 2026)".into(),
                confirm_link: "https://wegwijs.example/bevestigen/TOKEN5".into(),
                change_link: "https://wegwijs.example/portaal".into(),
                expires: "22 januari 2027".into(),
            },
            MailContent::Reminder {
                again: true,
                organisation: "Buurtvereniging Warmond".into(),
                entries: "- Koffieochtend (gecontroleerd op 1 februari 2026)".into(),
                confirm_link: "https://wegwijs.example/bevestigen/TOKEN6".into(),
                change_link: "https://wegwijs.example/uitnodiging/TOKEN7".into(),
                expires: "23 januari 2027".into(),
            },
            MailContent::EditorDigest {
                escalated: "- Sportclub Voorhout".into(),
                unreachable: "- Repair Café Sassenheim (geen e-mailadres)".into(),
                hiding_soon: "- Zangkoor De Lier (niet zichtbaar vanaf 1 maart 2027)".into(),
                link: "https://wegwijs.example/redactie/actualiteit".into(),
            },
        ]
    }

    fn mail(language: Language, content: MailContent) -> Mail {
        Mail { to: "a@example.nl".into(), to_name: Some("Sam Jansen".into()), reply_to: None, language, content }
    }

    #[test]
    fn every_kind_renders_in_both_languages_with_all_its_facts_and_no_placeholders() {
        for content in every_kind() {
            let facts: Vec<String> = match &content {
                MailContent::Invitation { organisation, inviter, link, expires } => {
                    vec![organisation.clone(), inviter.clone(), link.clone(), expires.clone()]
                }
                MailContent::PasswordReset { link, expires } => vec![link.clone(), expires.clone()],
                MailContent::AccountCreated { role, inviter, link, expires } => {
                    vec![role.clone(), inviter.clone(), link.clone(), expires.clone()]
                }
                MailContent::ProposalRejected { record, message, link }
                | MailContent::ErrorReportForProvider { service: record, message, link } => {
                    vec![record.clone(), message.clone(), link.clone()]
                }
                MailContent::ProposalApproved { record, link } => vec![record.clone(), link.clone()],
                MailContent::ProposalWaiting { record, organisation, link } => {
                    vec![record.clone(), organisation.clone(), link.clone()]
                }
                MailContent::Reminder { organisation, entries, confirm_link, change_link, expires, .. } => {
                    vec![
                        organisation.clone(),
                        entries.clone(),
                        confirm_link.clone(),
                        change_link.clone(),
                        expires.clone(),
                    ]
                }
                MailContent::EditorDigest { escalated, unreachable, hiding_soon, link } => {
                    vec![escalated.clone(), unreachable.clone(), hiding_soon.clone(), link.clone()]
                }
            };
            for language in [Language::Nl, Language::En] {
                let (subject, body) = mail(language, content.clone()).render("Wegwijs Teylingen");
                let what = format!("{} in {language:?}", content.kind());
                assert!(!subject.is_empty() && !subject.contains('\n'), "{what}: subject {subject:?}");
                assert!(subject.contains("Wegwijs Teylingen") || facts.iter().any(|f| subject.contains(f.as_str())));
                for text in [&subject, &body] {
                    assert!(!text.contains(['{', '}', '%']), "{what}: placeholder left in {text:?}");
                }
                for fact in &facts {
                    assert!(body.contains(fact.as_str()), "{what}: {fact:?} missing from {body}");
                }
                assert!(body.contains("Sam Jansen"), "{what}: no greeting by name in {body}");
                let signature = if language == Language::Nl {
                    "De redactie van Wegwijs Teylingen"
                } else {
                    "editors of Wegwijs Teylingen"
                };
                assert!(body.contains(signature), "{what}: no sign-off in {body}");
                assert!(body.ends_with(".\n") || body.ends_with("Teylingen\n"), "{what}: {body:?}");
            }
        }
    }

    #[test]
    fn dutch_and_english_texts_differ() {
        for content in every_kind() {
            let nl = mail(Language::Nl, content.clone()).render("Wegwijs");
            let en = mail(Language::En, content).render("Wegwijs");
            assert_ne!(nl.0, en.0);
            assert_ne!(nl.1, en.1);
        }
    }

    #[test]
    fn invitation_says_who_invites_for_what_in_dutch() {
        let (subject, body) = mail(Language::Nl, every_kind().remove(0)).render("Wegwijs Teylingen");
        assert!(subject.contains("Stichting Welzijn Teylingen"), "{subject}");
        assert!(
            body.contains(
                "U bent uitgenodigd om de gegevens van Stichting Welzijn Teylingen op Wegwijs Teylingen bij te houden"
            ),
            "{body}"
        );
    }

    #[test]
    fn greeting_without_a_name_has_no_stray_space() {
        let mut mail = mail(Language::Nl, every_kind().remove(1));
        mail.to_name = None;
        let (_, body) = mail.render("Wegwijs");
        assert!(body.starts_with("Hallo,\n"), "{body}");
    }

    #[test]
    fn line_breaks_in_facts_do_not_break_the_subject() {
        let content = MailContent::ProposalApproved {
            record: "Buurtteam\r\nBcc: someone@example.com".into(),
            link: "https://wegwijs.example/p".into(),
        };
        let (subject, _) = mail(Language::En, content).render("Wegwijs");
        assert!(!subject.contains(['\r', '\n']), "{subject:?}");
    }
}
