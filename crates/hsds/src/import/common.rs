//! Import pieces shared by services, organisations and locations: the problems and
//! warnings of one record, and phones, contacts, opening hours and bookkeeping.
//!
//! Problems stop the import; warnings do not. A value is a warning when the record is
//! still meaningful without it (an e-mail address that is not one, a price in pounds):
//! Wegwijs leaves it out, and the HSDS export gives it back from the record's extras.

use super::ImportContext;
use crate::RecordProblem;
use crate::wire::{WireContact, WireHours, WirePhone, WireSchedule, WireSource};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc, Weekday};
use std::fmt::Display;
use wegwijs_domain::schedule::{DateException, ExceptionHours, OpeningHours, TimeOfDay, WeeklyHours};
use wegwijs_domain::{
    Contact, EmailAddress, Id, Phone, PhoneKind, PhoneNumber, RecordMeta, Source, Verification, VerifiedBy,
};

/// Added to warnings about values Wegwijs leaves out, so the editor knows they are not lost.
pub(crate) const KEPT: &str = "Wegwijs leaves it out; HSDS exports give it back";

/// The problems and warnings found in one record so far, and the context to convert it in.
pub(crate) struct Check<'c> {
    pub(crate) record: String,
    pub(crate) problems: Vec<RecordProblem>,
    pub(crate) warnings: Vec<RecordProblem>,
    pub(crate) context: &'c ImportContext,
}

impl<'c> Check<'c> {
    pub(crate) fn new(record: String, context: &'c ImportContext) -> Self {
        Self { record, problems: Vec::new(), warnings: Vec::new(), context }
    }

    fn problem(&self, field: &str, message: impl Display) -> RecordProblem {
        RecordProblem {
            place: None,
            record: self.record.clone(),
            field: field.to_owned(),
            message: message.to_string(),
        }
    }

    /// A problem: the import stops.
    pub(crate) fn report(&mut self, field: &str, message: impl Display) {
        let problem = self.problem(field, message);
        self.problems.push(problem);
    }

    /// A warning: the import goes on.
    pub(crate) fn warn(&mut self, field: &str, message: impl Display) {
        let warning = self.problem(field, message);
        self.warnings.push(warning);
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

    /// An optional value the record can do without: absent or blank is `None`, and so
    /// is a wrong one, with a warning.
    pub(crate) fn lenient<T, E: Display>(
        &mut self,
        field: &str,
        value: &Option<String>,
        parse: impl Fn(&str) -> Result<T, E>,
    ) -> Option<T> {
        let raw = value.as_deref().filter(|raw| !raw.trim().is_empty())?;
        parse(raw).map_err(|error| self.warn(field, format!("{error}; {KEPT}"))).ok()
    }

    /// A date and time; a text that is none is a warning and gives `None`.
    pub(crate) fn time(&mut self, field: &str, raw: &str) -> Option<DateTime<Utc>> {
        let parsed = parse_time(raw);
        if parsed.is_none() {
            self.warn(field, format!("{raw:?} is not a date and time (write it as 2024-03-01T09:30:00Z); {KEPT}"));
        }
        parsed
    }

    /// Phones; one without a usable number is left out with a warning.
    pub(crate) fn phones(&mut self, field: &str, phones: &[WirePhone]) -> Vec<Phone> {
        let mut out = Vec::new();
        for (i, phone) in phones.iter().enumerate() {
            let at = format!("{field}[{i}]");
            let id = self.id(&format!("{at}.id"), &phone.id);
            let number = match phone.number.as_deref().filter(|n| !n.trim().is_empty()) {
                Some(raw) => PhoneNumber::parse(raw)
                    .map_err(|error| self.warn(&format!("{at}.number"), format!("{error}; {KEPT}")))
                    .ok(),
                None => {
                    self.warn(&format!("{at}.number"), format!("is missing, so the phone is not used; {KEPT}"));
                    None
                }
            };
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
            let email = self.lenient(&format!("{at}.email"), &contact.email, EmailAddress::parse);
            let phones = self.phones(&format!("{at}.phones"), &contact.phones);
            if let Some(id) = id {
                out.push(Contact { id, name: contact.name.clone(), title: contact.title.clone(), email, phones });
            }
        }
        out
    }

    /// Weekly schedules plus the profile's `opening_hours`. A schedule Wegwijs cannot
    /// hold as weekly hours (another rule, or times that are not times) is left out
    /// with a warning and its description kept as a note.
    pub(crate) fn hours(
        &mut self,
        field: &str,
        schedules: &[WireSchedule],
        extras_field: &str,
        extras: Option<&WireHours>,
    ) -> Option<OpeningHours> {
        let mut weekly = Vec::new();
        let mut loose_notes = Vec::new();
        for (i, schedule) in schedules.iter().enumerate() {
            match self.weekly(&format!("{field}[{i}]"), schedule) {
                Some(periods) => weekly.extend(periods),
                None => loose_notes.extend(schedule.description.clone()),
            }
        }
        let mut exceptions = Vec::new();
        let default = WireHours::default();
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

    /// The weekly periods of one schedule, or `None` (with a warning) when it is not a
    /// weekly rule Wegwijs can hold.
    fn weekly(&mut self, at: &str, schedule: &WireSchedule) -> Option<Vec<WeeklyHours>> {
        let not_weekly = |reason: &str| format!("{reason}; its description is kept as a note and {KEPT}");
        if !schedule.is_plain_weekly() {
            self.warn(at, not_weekly("is not a plain weekly rule (freq, interval, by… or count/until)"));
            return None;
        }
        let (Some(byday), Some(opens), Some(closes)) = (&schedule.byday, &schedule.opens_at, &schedule.closes_at)
        else {
            self.warn(at, not_weekly("has no weekly days and times (byday, opens_at, closes_at)"));
            return None;
        };
        let opens =
            TimeOfDay::parse(opens).map_err(|e| self.warn(&format!("{at}.opens_at"), not_weekly(&e.to_string())));
        let closes =
            TimeOfDay::parse(closes).map_err(|e| self.warn(&format!("{at}.closes_at"), not_weekly(&e.to_string())));
        let (opens, closes) = (opens.ok()?, closes.ok()?);
        if closes <= opens {
            self.warn(at, not_weekly(&format!("the closing time {closes} is not after the opening time {opens}")));
            return None;
        }
        let mut periods = Vec::new();
        for day in byday.split(',') {
            let Some(weekday) = weekday(day) else {
                self.warn(
                    &format!("{at}.byday"),
                    not_weekly(&format!("{day:?} is not a day (use MO, TU, WE, TH, FR, SA or SU)")),
                );
                return None;
            };
            periods.push(WeeklyHours { weekday, opens, closes });
        }
        Some(periods)
    }

    /// Bookkeeping from the profile fields, falling back to the import context.
    pub(crate) fn meta(&mut self, fields: MetaFields<'_>) -> RecordMeta {
        let MetaFields { prefix, created, updated, verified_at, verified_by, source, reference } = fields;
        let now = self.context.now;
        let updated = updated.1.as_deref().and_then(|raw| self.time(updated.0, raw)).unwrap_or(now);
        let created = created.as_deref().and_then(|raw| self.time(&format!("{prefix}created"), raw)).unwrap_or(updated);
        let by = match verified_by.as_deref() {
            None => Some(VerifiedBy::Import),
            Some(raw) => VerifiedBy::parse(raw).or_else(|| {
                self.report(&format!("{prefix}verified_by"), format!("{raw:?} is not one of provider, editor, import"));
                None
            }),
        };
        let at = verified_at.as_deref().and_then(|raw| self.time(&format!("{prefix}verified_at"), raw));
        if verified_at.is_none() && verified_by.is_some() {
            self.warn(&format!("{prefix}verified_by"), "is given without verified_at, so Wegwijs ignores it");
        }
        let verification = at.zip(by).map(|(at, by)| Verification { at, by });
        let source = match source {
            Some(WireSource { name: Some(name), reference }) if !name.trim().is_empty() => {
                Source { name: name.clone(), reference: reference.clone() }
            }
            _ => Source { name: self.context.source_name.clone(), reference: reference.map(str::to_owned) },
        };
        RecordMeta { created, updated, verification, source }
    }
}

/// The bookkeeping fields of one record as read.
pub(crate) struct MetaFields<'w> {
    /// Path prefix of the record's fields, ending in `.` unless empty.
    pub(crate) prefix: &'w str,
    pub(crate) created: &'w Option<String>,
    /// The field that says when the record last changed, and its value.
    pub(crate) updated: (&'w str, &'w Option<String>),
    pub(crate) verified_at: &'w Option<String>,
    pub(crate) verified_by: &'w Option<String>,
    pub(crate) source: Option<&'w WireSource>,
    /// The record's key in the file, for a source the file does not name.
    pub(crate) reference: Option<&'w str>,
}

fn parse_time(raw: &str) -> Option<DateTime<Utc>> {
    let raw = raw.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(raw) {
        return Some(at.with_timezone(&Utc));
    }
    if let Ok(at) = NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S") {
        return Some(at.and_utc());
    }
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok().map(|date| date.and_time(chrono::NaiveTime::MIN).and_utc())
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
