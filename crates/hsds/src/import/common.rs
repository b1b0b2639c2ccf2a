//! Import pieces shared by services, organisations and locations: the problem list of
//! one record, and phones, contacts, opening hours and bookkeeping.

use super::ImportContext;
use crate::RecordProblem;
use crate::wire::{WireContact, WirePhone, WireSchedule, XHours, XSource, XVerification};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc, Weekday};
use std::fmt::Display;
use wegwijs_domain::schedule::{DateException, ExceptionHours, OpeningHours, TimeOfDay, WeeklyHours};
use wegwijs_domain::{
    Contact, EmailAddress, Id, Phone, PhoneKind, PhoneNumber, RecordMeta, Source, Verification, VerifiedBy,
};

/// The problems found in one record so far, and the context to convert it in.
pub(crate) struct Check<'c> {
    pub(crate) record: String,
    pub(crate) problems: Vec<RecordProblem>,
    pub(crate) context: &'c ImportContext,
}

impl Check<'_> {
    pub(crate) fn report(&mut self, field: &str, message: impl Display) {
        self.problems.push(RecordProblem {
            record: self.record.clone(),
            field: field.to_owned(),
            message: message.to_string(),
        });
    }

    /// The value, or a "missing" problem.
    pub(crate) fn required<'v>(&mut self, field: &str, value: &'v Option<String>) -> Option<&'v str> {
        match value.as_deref() {
            Some(text) if !text.trim().is_empty() => Some(text),
            _ => {
                self.report(field, "is missing; HSDS requires it");
                None
            }
        }
    }

    /// The parsed value, or the parser's reason as a problem.
    pub(crate) fn parse<T, E: Display>(&mut self, field: &str, result: Result<T, E>) -> Option<T> {
        result.map_err(|error| self.report(field, error)).ok()
    }

    pub(crate) fn id(&mut self, field: &str, value: &Option<String>) -> Option<Id> {
        let raw = self.required(field, value)?;
        self.parse(field, Id::parse(raw))
    }

    /// An optional value through its parser: absent is fine, wrong is a problem.
    pub(crate) fn optional<T, E: Display>(
        &mut self,
        field: &str,
        value: &Option<String>,
        parse: impl Fn(&str) -> Result<T, E>,
    ) -> Result<Option<T>, ()> {
        match value.as_deref() {
            None => Ok(None),
            Some(raw) => self.parse(field, parse(raw)).map(Some).ok_or(()),
        }
    }

    pub(crate) fn time(&mut self, field: &str, raw: &str) -> Option<DateTime<Utc>> {
        if let Ok(at) = DateTime::parse_from_rfc3339(raw) {
            return Some(at.with_timezone(&Utc));
        }
        if let Ok(at) = NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S") {
            return Some(at.and_utc());
        }
        if let Ok(date) = NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
            return Some(date.and_time(chrono::NaiveTime::MIN).and_utc());
        }
        self.report(field, format!("{raw:?} is not a date and time; write it as 2024-03-01T09:30:00Z"));
        None
    }

    pub(crate) fn phones(&mut self, field: &str, phones: &[WirePhone]) -> Vec<Phone> {
        let mut out = Vec::new();
        for (i, phone) in phones.iter().enumerate() {
            let at = format!("{field}[{i}]");
            let id = self.id(&format!("{at}.id"), &phone.id);
            let number = self
                .required(&format!("{at}.number"), &phone.number)
                .and_then(|raw| self.parse(&format!("{at}.number"), PhoneNumber::parse(raw)));
            if let (Some(id), Some(number)) = (id, number) {
                let kind = phone.r#type.as_deref().map_or(PhoneKind::Voice, PhoneKind::from_hsds);
                out.push(Phone { id, number, kind, description: phone.description.clone() });
            }
        }
        out
    }

    pub(crate) fn contacts(&mut self, field: &str, contacts: &[WireContact]) -> Vec<Contact> {
        let mut out = Vec::new();
        for (i, contact) in contacts.iter().enumerate() {
            let at = format!("{field}[{i}]");
            let id = self.id(&format!("{at}.id"), &contact.id);
            let email = self.optional(&format!("{at}.email"), &contact.email, EmailAddress::parse);
            let phones = self.phones(&format!("{at}.phones"), &contact.phones);
            if let (Some(id), Ok(email)) = (id, email) {
                out.push(Contact { id, name: contact.name.clone(), title: contact.title.clone(), email, phones });
            }
        }
        out
    }

    /// Weekly schedules plus the `x_wegwijs` extras. Schedules that are not a simple
    /// weekly rule (from foreign feeds) keep their description in the notes.
    pub(crate) fn hours(
        &mut self,
        field: &str,
        schedules: &[WireSchedule],
        extras_field: &str,
        extras: Option<&XHours>,
    ) -> Option<OpeningHours> {
        let mut weekly = Vec::new();
        let mut loose_notes = Vec::new();
        for (i, schedule) in schedules.iter().enumerate() {
            let at = format!("{field}[{i}]");
            let weekly_rule = schedule.freq.as_deref().is_none_or(|f| f.eq_ignore_ascii_case("weekly"));
            let (Some(byday), Some(opens), Some(closes), true) =
                (&schedule.byday, &schedule.opens_at, &schedule.closes_at, weekly_rule)
            else {
                loose_notes.extend(schedule.description.clone());
                continue;
            };
            let opens = self.parse(&format!("{at}.opens_at"), TimeOfDay::parse(opens));
            let closes = self.parse(&format!("{at}.closes_at"), TimeOfDay::parse(closes));
            for day in byday.split(',') {
                match weekday(day) {
                    Some(weekday) => {
                        if let (Some(opens), Some(closes)) = (opens, closes) {
                            weekly.push(WeeklyHours { weekday, opens, closes });
                        }
                    }
                    None => self.report(
                        &format!("{at}.byday"),
                        format!("{day:?} is not a day; use MO, TU, WE, TH, FR, SA or SU"),
                    ),
                }
            }
        }
        let mut exceptions = Vec::new();
        let default = XHours::default();
        let extras = extras.unwrap_or(&default);
        for (i, exception) in extras.exceptions.iter().enumerate() {
            let at = format!("{extras_field}.exceptions[{i}]");
            let date = self.required(&format!("{at}.date"), &exception.date).and_then(|raw| {
                self.parse(
                    &format!("{at}.date"),
                    NaiveDate::parse_from_str(raw, "%Y-%m-%d")
                        .map_err(|_| format!("{raw:?} is not a date; write it as 2024-12-25")),
                )
            });
            let hours = if exception.closed == Some(true) {
                Some(ExceptionHours::Closed)
            } else {
                let opens = self
                    .required(&format!("{at}.opens"), &exception.opens)
                    .and_then(|r| self.parse(&format!("{at}.opens"), TimeOfDay::parse(r)));
                let closes = self
                    .required(&format!("{at}.closes"), &exception.closes)
                    .and_then(|r| self.parse(&format!("{at}.closes"), TimeOfDay::parse(r)));
                opens.zip(closes).map(|(opens, closes)| ExceptionHours::Open { opens, closes })
            };
            if let (Some(date), Some(hours)) = (date, hours) {
                exceptions.push(DateException { date, hours, reason: exception.reason.clone() });
            }
        }
        let notes = extras.notes.clone().or_else(|| (!loose_notes.is_empty()).then(|| loose_notes.join("\n")));
        let closed = extras.closed_on_public_holidays.unwrap_or(false);
        self.parse(field, OpeningHours::new(weekly, exceptions, closed, notes))
    }

    /// Bookkeeping from `x_wegwijs`, falling back to HSDS dates and the import context.
    pub(crate) fn meta(
        &mut self,
        field: &str,
        created: &Option<String>,
        (updated_field, updated): (&str, &Option<String>),
        verification: Option<&XVerification>,
        source: Option<&XSource>,
        reference: Option<&str>,
    ) -> RecordMeta {
        let now = self.context.now;
        let updated = updated.as_deref().and_then(|raw| self.time(updated_field, raw)).unwrap_or(now);
        let created =
            created.as_deref().and_then(|raw| self.time(&format!("{field}x_wegwijs.created"), raw)).unwrap_or(updated);
        let verification = verification.and_then(|v| {
            let at = self
                .required(&format!("{field}x_wegwijs.verification.at"), &v.at)
                .and_then(|raw| self.time(&format!("{field}x_wegwijs.verification.at"), raw));
            let by = match v.by.as_deref() {
                None => Some(VerifiedBy::Import),
                Some(raw) => VerifiedBy::parse(raw).or_else(|| {
                    self.report(
                        &format!("{field}x_wegwijs.verification.by"),
                        format!("{raw:?} is not one of provider, editor, import"),
                    );
                    None
                }),
            };
            Some(Verification { at: at?, by: by? })
        });
        let source = match source {
            Some(XSource { name: Some(name), reference }) => {
                Source { name: name.clone(), reference: reference.clone() }
            }
            _ => Source { name: self.context.source_name.clone(), reference: reference.map(str::to_owned) },
        };
        RecordMeta { created, updated, verification, source }
    }
}

fn weekday(raw: &str) -> Option<Weekday> {
    Some(match raw.trim().to_ascii_uppercase().as_str() {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return None,
    })
}
