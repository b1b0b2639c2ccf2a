//! The askama text templates, one file per kind and language under `templates/{nl,en}/`,
//! each with a `subject` and a `body` block so that a translator sees both together.
//! askama picks a template at compile time, so each kind gets one struct per language;
//! the macro writes those pairs so that a kind's facts are listed only once.

/// For each kind: a module with `render(language, site, name, facts…)` returning
/// `(subject, body)` untrimmed. Every template sees `site`, `name` (`Option<&str>`) and
/// the kind's facts as `&str`.
macro_rules! mail_templates {
    ($($kind:ident: $nl:tt, $en:tt, [$($fact:ident),*];)*) => {$(
        pub(crate) mod $kind {
            use askama::Template;

            use crate::Language;

            #[derive(Template)]
            #[template(path = $nl, escape = "none", blocks = ["subject", "body"])]
            struct Nl<'a> {
                site: &'a str,
                name: Option<&'a str>,
                $($fact: &'a str,)*
            }

            #[derive(Template)]
            #[template(path = $en, escape = "none", blocks = ["subject", "body"])]
            struct En<'a> {
                site: &'a str,
                name: Option<&'a str>,
                $($fact: &'a str,)*
            }

            // One argument per fact of the kind, written by this macro.
            #[allow(clippy::too_many_arguments)]
            pub(crate) fn render(
                language: Language,
                site: &str,
                name: Option<&str>,
                $($fact: &str,)*
            ) -> askama::Result<(String, String)> {
                match language {
                    Language::Nl => {
                        let mail = Nl { site, name, $($fact,)* };
                        Ok((mail.as_subject().render()?, mail.as_body().render()?))
                    }
                    Language::En => {
                        let mail = En { site, name, $($fact,)* };
                        Ok((mail.as_subject().render()?, mail.as_body().render()?))
                    }
                }
            }
        }
    )*};
}

mail_templates! {
    invitation: "nl/invitation.txt", "en/invitation.txt", [organisation, inviter, link, expires];
    password_reset: "nl/password_reset.txt", "en/password_reset.txt", [link, expires];
    account_created: "nl/account_created.txt", "en/account_created.txt", [role, inviter, link, expires];
    proposal_rejected: "nl/proposal_rejected.txt", "en/proposal_rejected.txt", [record, message, link];
    proposal_approved: "nl/proposal_approved.txt", "en/proposal_approved.txt", [record, link];
    error_report_for_provider:
        "nl/error_report_for_provider.txt", "en/error_report_for_provider.txt", [service, message, link];
    proposal_waiting: "nl/proposal_waiting.txt", "en/proposal_waiting.txt", [record, organisation, link];
    reminder: "nl/reminder.txt", "en/reminder.txt", [organisation, entries, confirm_link, change_link, expires];
    second_reminder:
        "nl/second_reminder.txt", "en/second_reminder.txt", [organisation, entries, confirm_link, change_link, expires];
    editor_digest: "nl/editor_digest.txt", "en/editor_digest.txt", [escalated, unreachable, hiding_soon, link];
}
