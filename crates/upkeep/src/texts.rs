//! The words of the mails' facts: dates as people write them, lists of entries, and
//! the lines of the editors' digest.

use crate::entries::{Entry, OrganisationEntries};
use chrono::{DateTime, Utc};
use chrono_tz::Europe::Amsterdam;
use wegwijs_domain::{FreshnessPolicy, Stage};
use wegwijs_mail::Language;
use wegwijs_store::{EntityKind, Reminder, ReminderStatus};

/// A date as written in a letter: "3 maart 2027" / "3 March 2027" (Dutch time).
pub fn date(at: DateTime<Utc>, language: Language) -> String {
    wegwijs_domain::calendar::in_words(at.with_timezone(&Amsterdam).date_naive(), language == Language::En)
}

/// The entries as a list, one per line, with when each was last checked.
pub fn entry_lines(entries: &[Entry], language: Language) -> String {
    entries
        .iter()
        .map(|entry| {
            let what = match (entry.kind, language) {
                (EntityKind::Organisation, Language::En) => "organisation details",
                (EntityKind::Organisation, _) => "gegevens van de organisatie",
                (_, _) => "",
            };
            let checked = match language {
                Language::En => format!("last checked on {}", date(entry.checked, language)),
                Language::Nl => format!("laatst gecontroleerd op {}", date(entry.checked, language)),
            };
            if what.is_empty() {
                format!("- {} ({checked})", entry.name)
            } else {
                format!("- {} — {what} ({checked})", entry.name)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The three lists of the editors' digest.
#[derive(Debug, Default)]
pub struct DigestLists {
    /// No reaction to two reminders.
    pub escalated: Vec<String>,
    /// No address, or it bounced.
    pub unreachable: Vec<String>,
    /// To be hidden soon.
    pub hiding_soon: Vec<String>,
}

impl DigestLists {
    /// Adds the line of one editor step.
    pub fn add(
        &mut self,
        step: &Reminder,
        organisation: &OrganisationEntries,
        history: &[Reminder],
        policy: &FreshnessPolicy,
        language: Language,
    ) {
        let nl = language == Language::Nl;
        match step.step {
            Stage::HidingSoon => {
                let hidden_on = date(step.cycle + policy.hide_after, language);
                self.hiding_soon.push(if nl {
                    format!("- {} (niet meer zichtbaar vanaf {hidden_on})", organisation.name)
                } else {
                    format!("- {} (hidden from {hidden_on})", organisation.name)
                });
            }
            _ => {
                let bounced = history
                    .iter()
                    .filter(|r| r.cycle == step.cycle && r.status == ReminderStatus::Bounced)
                    .find_map(|r| r.email.as_ref());
                match (&organisation.email, bounced) {
                    (None, _) => self.unreachable.push(if nl {
                        format!("- {} (geen e-mailadres)", organisation.name)
                    } else {
                        format!("- {} (no e-mail address)", organisation.name)
                    }),
                    (Some(_), Some(address)) => self.unreachable.push(if nl {
                        format!("- {} (e-mail aan {address} kwam niet aan)", organisation.name)
                    } else {
                        format!("- {} (mail to {address} bounced)", organisation.name)
                    }),
                    (Some(address), None) => self.escalated.push(format!("- {} ({address})", organisation.name)),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn dates_are_written_as_in_a_letter_in_dutch_time() {
        let late_evening = Utc.with_ymd_and_hms(2026, 12, 31, 23, 30, 0).unwrap();
        assert_eq!(date(late_evening, Language::Nl), "1 januari 2027");
        assert_eq!(date(late_evening, Language::En), "1 January 2027");
    }
}
