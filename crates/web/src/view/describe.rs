//! A field of a record in words, as the public page and the edit form show it, for the
//! editors' side-by-side view of a proposal and the history: "dinsdag 9.30 – 12.00",
//! "0252 12 34 56 (spreekuur)", "Volwassenen", never `weekday: Tue` or a UUID.

use super::service::{cost_lines, for_whom, location_view, weekly_lines};
use crate::editorial::Record;
use crate::i18n::Locale;
use std::collections::HashMap;
use wegwijs_domain::schedule::{ExceptionHours, OpeningHours};
use wegwijs_domain::{Contact, Id, Phone};

/// Names of the records a field may refer to by id: taxonomy terms and locations.
pub type Names = HashMap<Id, String>;

/// The lines `field` of `record` shows; empty when the field is empty. `field` is the
/// name in the stored record, as [`wegwijs_domain::diff::field_changes`] reports it.
pub fn field_lines(locale: Locale, record: &Record, field: &str, names: &Names) -> Vec<String> {
    let text = |value: Option<&String>| value.filter(|t| !t.trim().is_empty()).cloned().into_iter().collect();
    let name_of = |id: &Id| names.get(id).cloned().unwrap_or_else(|| locale.t("editor.unknown_record").to_owned());
    match (record, field) {
        (_, "name") => vec![record.name().to_owned()],
        (Record::Service(s), "alternate_name") => text(s.alternate_name.as_ref()),
        (Record::Service(s), "summary") => text(Some(&s.summary)),
        (Record::Service(s), "description") => text(Some(&s.description)),
        (Record::Service(s), "status") => {
            vec![locale.t(&crate::forms::status_key(s.status)).to_owned()]
        }
        (Record::Service(s), "url") => s.url.iter().map(ToString::to_string).collect(),
        (Record::Service(s), "email") => s.email.iter().map(ToString::to_string).collect(),
        (Record::Service(s), "phones") => phone_lines(&s.phones),
        (Record::Service(s), "contacts") => contact_lines(&s.contacts),
        (Record::Service(s), "opening_hours") => hours_lines(locale, &s.opening_hours),
        (Record::Service(s), "costs") => cost_lines(s),
        (Record::Service(s), "fees_description") => text(s.fees_description.as_ref()),
        (Record::Service(s), "funding") => {
            s.funding.iter().map(|f| locale.t(&format!("funding.{}", f.code())).to_owned()).collect()
        }
        (Record::Service(s), "referral") => std::iter::once(locale.t(&format!("referral.{}", s.referral.route.code())))
            .map(str::to_owned)
            .chain(s.referral.how.clone())
            .collect(),
        (Record::Service(s), "eligibility") => for_whom(locale, s),
        (Record::Service(s), "application_process") => text(s.application_process.as_ref()),
        (Record::Service(s), "wait_time") => text(s.wait_time.as_ref()),
        (Record::Service(s), "terms") => s.terms.iter().map(name_of).collect(),
        (Record::Service(s), "locations") => s.locations.iter().map(|at| name_of(&at.location_id)).collect(),
        (Record::Service(s), "languages") => s.languages.iter().map(|l| l.name.clone()).collect(),
        (Record::Service(s), "areas") => s.areas.iter().map(|a| a.name.clone()).collect(),
        (Record::Service(s), "professional_notes") => text(s.professional_notes.as_ref()),
        (Record::Service(s), "organisation_id") => vec![name_of(&s.organisation_id)],
        (Record::Organisation(o), "alternate_name") => text(o.alternate_name.as_ref()),
        (Record::Organisation(o), "description") => text(Some(&o.description)),
        (Record::Organisation(o), "kind") => vec![locale.t(&crate::forms::kind_key(o.kind)).to_owned()],
        (Record::Organisation(o), "email") => o.email.iter().map(ToString::to_string).collect(),
        (Record::Organisation(o), "website") => o.website.iter().map(ToString::to_string).collect(),
        (Record::Organisation(o), "phones") => phone_lines(&o.phones),
        (Record::Organisation(o), "contacts") => contact_lines(&o.contacts),
        (Record::Location(l), "description") => text(l.description.as_ref()),
        (Record::Location(l), "address") => location_view(l).address.into_iter().collect(),
        (Record::Location(l), "transportation") => text(l.transportation.as_ref()),
        (Record::Location(l), "accessibility") => text(l.accessibility.as_ref()),
        (Record::Location(l), "phones") => phone_lines(&l.phones),
        (Record::Location(l), "opening_hours") => hours_lines(locale, &l.opening_hours),
        (Record::Location(l), "point") => l.point.iter().map(|p| format!("{:.5}, {:.5}", p.lat, p.lon)).collect(),
        (Record::Location(l), "organisation_id") => l.organisation_id.iter().map(name_of).collect(),
        // A field the editors' view has no words for (an HSDS extra, a new field): say
        // that it changed rather than show its raw data.
        _ => vec![locale.t("editor.changed_otherwise").to_owned()],
    }
}

fn phone_lines(phones: &[Phone]) -> Vec<String> {
    phones
        .iter()
        .map(|phone| match &phone.description {
            Some(what) => format!("{} ({what})", phone.number.display_national()),
            None => phone.number.display_national(),
        })
        .collect()
}

fn contact_lines(contacts: &[Contact]) -> Vec<String> {
    contacts
        .iter()
        .map(|c| {
            let parts: Vec<String> = [c.name.clone(), c.title.clone(), c.email.as_ref().map(ToString::to_string)]
                .into_iter()
                .flatten()
                .chain(c.phones.iter().map(|p| p.number.display_national()))
                .collect();
            parts.join(", ")
        })
        .collect()
}

/// Weekly hours day by day, then every dated exception, public holidays and notes.
fn hours_lines(locale: Locale, hours: &OpeningHours) -> Vec<String> {
    let weekly = weekly_lines(locale, hours).into_iter().map(|line| format!("{}: {}", line.day, line.periods));
    let exceptions = hours.exceptions().iter().map(|exception| {
        let when = match exception.hours {
            ExceptionHours::Closed => locale.t("service.closed").to_owned(),
            ExceptionHours::Open { opens, closes } => format!("{} – {}", opens.display_dutch(), closes.display_dutch()),
        };
        let reason = exception.reason.as_ref().map(|r| format!(" ({r})")).unwrap_or_default();
        format!("{}: {when}{reason}", locale.date(exception.date))
    });
    let holidays = hours.closed_on_public_holidays().then(|| locale.t("service.closed_on_holidays").to_owned());
    weekly.chain(exceptions).chain(holidays).chain(hours.notes().map(str::to_owned)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_phones_and_links_read_as_words() {
        let now = chrono::Utc::now();
        let data = wegwijs_demo::generate(&wegwijs_demo::DemoConfig { services: 100, seed: 5, now });
        let service = data.services.iter().find(|s| !s.opening_hours.weekly().is_empty() && !s.phones.is_empty());
        let service = service.expect("a demo service with hours and phones").clone();
        let record = Record::Service(service.clone());
        let names: Names = data.terms.iter().map(|t| (t.id.clone(), t.name.to_string())).collect();
        for field in ["opening_hours", "phones", "terms", "status", "eligibility", "referral"] {
            let lines = field_lines(Locale::Nl, &record, field, &names).join("\n");
            for raw in ["weekday", "kind:", "Mon", "voice", "route", "active", service.terms[0].as_str()] {
                assert!(!lines.contains(raw), "{field} shows {raw:?}: {lines}");
            }
        }
        let hours = field_lines(Locale::Nl, &record, "opening_hours", &names).join("\n");
        assert!(
            ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag"].iter().any(|d| hours.contains(d)),
            "{hours}"
        );
    }
}
