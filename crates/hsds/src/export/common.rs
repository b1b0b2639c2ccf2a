//! Export pieces shared by services, organisations and locations: phones, contacts,
//! opening hours and record bookkeeping.

use super::derived_id;
use crate::wire::{WireContact, WireException, WireHours, WirePhone, WireSchedule, WireSource};
use chrono::{DateTime, SecondsFormat, Utc, Weekday};
use wegwijs_domain::schedule::{ExceptionHours, OpeningHours};
use wegwijs_domain::{Contact, Id, Phone, RecordMeta, Source};

pub(crate) fn phones(phones: &[Phone]) -> Vec<WirePhone> {
    phones
        .iter()
        .map(|phone| WirePhone {
            id: Some(phone.id.to_string()),
            number: Some(phone.number.to_string()),
            r#type: Some(phone.kind.as_hsds().to_owned()),
            description: phone.description.clone(),
        })
        .collect()
}

pub(crate) fn contacts(contacts: &[Contact]) -> Vec<WireContact> {
    contacts
        .iter()
        .map(|contact| WireContact {
            id: Some(contact.id.to_string()),
            name: contact.name.clone(),
            title: contact.title.clone(),
            email: contact.email.as_ref().map(ToString::to_string),
            phones: phones(&contact.phones),
        })
        .collect()
}

/// One HSDS weekly schedule per period.
pub(crate) fn schedules(owner: &Id, hours: &OpeningHours) -> Vec<WireSchedule> {
    hours
        .weekly()
        .iter()
        .map(|period| {
            let day = byday(period.weekday);
            WireSchedule {
                id: Some(derived_id("schedule", owner, &format!("{day}/{}", period.opens))),
                freq: Some("WEEKLY".to_owned()),
                byday: Some(day.to_owned()),
                opens_at: Some(period.opens.to_string()),
                closes_at: Some(period.closes.to_string()),
                description: Some(format!(
                    "{} {}–{}",
                    dutch_day(period.weekday),
                    period.opens.display_dutch(),
                    period.closes.display_dutch()
                )),
                ..WireSchedule::default()
            }
        })
        .collect()
}

/// The profile's `opening_hours`: what the hours say beyond the weekly schedules;
/// `None` when nothing.
pub(crate) fn opening_hours(hours: &OpeningHours) -> Option<WireHours> {
    let exceptions: Vec<WireException> = hours
        .exceptions()
        .iter()
        .map(|exception| {
            let (closed, opens, closes) = match exception.hours {
                ExceptionHours::Closed => (true, None, None),
                ExceptionHours::Open { opens, closes } => (false, Some(opens.to_string()), Some(closes.to_string())),
            };
            WireException {
                date: Some(exception.date.to_string()),
                closed: Some(closed),
                opens,
                closes,
                reason: exception.reason.clone(),
            }
        })
        .collect();
    let closed = hours.closed_on_public_holidays();
    if exceptions.is_empty() && !closed && hours.notes().is_none() {
        return None;
    }
    Some(WireHours { exceptions, closed_on_public_holidays: Some(closed), notes: hours.notes().map(str::to_owned) })
}

pub(crate) fn time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// The profile's bookkeeping fields, as every record carries them.
pub(crate) struct Bookkeeping {
    pub(crate) created: Option<String>,
    pub(crate) updated: Option<String>,
    pub(crate) verified_at: Option<String>,
    pub(crate) verified_by: Option<String>,
    pub(crate) source: Option<WireSource>,
}

pub(crate) fn bookkeeping(meta: &RecordMeta) -> Bookkeeping {
    Bookkeeping {
        created: Some(time(meta.created)),
        updated: Some(time(meta.updated)),
        verified_at: meta.verification.as_ref().map(|v| time(v.at)),
        verified_by: meta.verification.as_ref().map(|v| v.by.as_str().to_owned()),
        source: Some(source(&meta.source)),
    }
}

fn source(source: &Source) -> WireSource {
    WireSource { name: Some(source.name.clone()), reference: source.reference.clone() }
}

pub(crate) fn byday(day: Weekday) -> &'static str {
    ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][day.num_days_from_monday() as usize]
}

fn dutch_day(day: Weekday) -> &'static str {
    ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
        [day.num_days_from_monday() as usize]
}
