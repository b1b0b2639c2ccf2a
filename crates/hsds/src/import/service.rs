//! Import of one service object: its own fields, plus the organisation and locations
//! nested in it (converted by [`super::location`]).

use super::common::Check;
use super::lists::{age, areas, costs, funding, languages, referral, terms};
use super::location::{location, organisation};
use crate::wire::{HsdsService, XService};
use chrono::NaiveDate;
use wegwijs_domain::{
    EmailAddress, Location, Name, Organisation, Service, ServiceAtLocation, ServiceStatus, Source, TargetGroup,
    Verification, VerifiedBy, WebUrl,
};

/// What one service object describes.
pub(crate) struct Converted {
    pub(crate) service: Service,
    pub(crate) organisation: Organisation,
    pub(crate) locations: Vec<Location>,
}

/// Converts `wire`; every problem goes to `check`. `None` when anything was wrong.
pub(crate) fn convert(check: &mut Check<'_>, wire: &HsdsService) -> Option<Converted> {
    let empty = XService::default();
    let x = wire.x_wegwijs.as_ref().unwrap_or(&empty);
    let id = check.id("id", &wire.id);
    let name = check.required("name", &wire.name).and_then(|raw| check.parse("name", Name::parse(raw)));
    let status = check.required("status", &wire.status).and_then(|raw| {
        let status = ServiceStatus::from_hsds(raw);
        if status.is_none() {
            check.report("status", format!("{raw:?} is not one of active, inactive, defunct, temporarily closed"));
        }
        status
    });
    let organisation = match &wire.organization {
        Some(org) => organisation(check, "organization", org),
        None => {
            check.report("organization", "is missing; every service needs its organisation nested in it");
            None
        }
    };
    if let (Some(org), Some(raw)) = (&organisation, wire.organization_id.as_deref())
        && raw.trim() != org.id.as_str()
    {
        check.report("organization_id", format!("{raw:?} differs from organization.id {:?}", org.id.as_str()));
    }
    let url = check.optional("url", &wire.url, WebUrl::parse);
    let email = check.optional("email", &wire.email, EmailAddress::parse);
    let phones = check.phones("phones", &wire.phones);
    let contacts = check.contacts("contacts", &wire.contacts);
    let hours = check.hours("schedules", &wire.schedules, "x_wegwijs.opening_hours", x.opening_hours.as_ref());
    let owner = wire.id.clone().unwrap_or_default();
    let areas = areas(check, &owner, wire);
    let languages = languages(check, &owner, wire);
    let costs = costs(check, &owner, wire);
    let funding = funding(check, wire);
    let referral = referral(check, x);
    let min_age = age(check, "minimum_age", wire.minimum_age.as_ref());
    let max_age = age(check, "maximum_age", wire.maximum_age.as_ref());
    let mut target_groups = Vec::new();
    for (i, raw) in x.target_groups.iter().enumerate() {
        match TargetGroup::parse(raw) {
            Some(group) => target_groups.push(group),
            None => {
                check.report(&format!("x_wegwijs.target_groups[{i}]"), format!("{raw:?} is not a Wegwijs target group"))
            }
        }
    }
    let terms = terms(check, wire);
    let mut locations = Vec::new();
    let mut at_locations = Vec::new();
    for (i, sal) in wire.service_at_locations.iter().enumerate() {
        let at = format!("service_at_locations[{i}]");
        let sal_id = check.id(&format!("{at}.id"), &sal.id);
        let nested = sal.location.as_ref().and_then(|l| location(check, &format!("{at}.location"), l));
        let location_id = match (&nested, &sal.location_id) {
            (Some(loc), _) => Some(loc.id.clone()),
            (None, Some(_)) if sal.location.is_none() => check.id(&format!("{at}.location_id"), &sal.location_id),
            (None, None) if sal.location.is_none() => {
                check.report(&format!("{at}.location"), "is missing; give the nested location or a location_id");
                None
            }
            _ => None,
        };
        let hours =
            check.hours(&format!("{at}.schedules"), &sal.schedules, &format!("{at}.x_wegwijs"), sal.x_wegwijs.as_ref());
        if let (Some(id), Some(location_id), Some(opening_hours)) = (sal_id, location_id, hours) {
            at_locations.push(ServiceAtLocation {
                id,
                location_id,
                description: sal.description.clone(),
                opening_hours,
            });
        }
        locations.extend(nested);
    }
    let description = wire.description.clone().unwrap_or_default();
    let summary = x.summary.clone().unwrap_or_else(|| first_sentence(&description));
    let updated = wire.last_modified.as_deref().and_then(|raw| check.time("last_modified", raw));
    let created = x.created.as_deref().and_then(|raw| check.time("x_wegwijs.created", raw));
    let mut meta =
        check.meta("", &None, ("last_modified", &None), x.verification.as_ref(), x.source.as_ref(), wire.id.as_deref());
    if let Some(updated) = updated {
        meta.updated = updated;
    }
    meta.created = created.unwrap_or(meta.updated);
    if x.verification.is_none()
        && let Some(raw) = wire.assured_date.as_deref()
    {
        match NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d") {
            Ok(date) => {
                let at = date.and_time(chrono::NaiveTime::MIN).and_utc();
                meta.verification = Some(Verification { at, by: VerifiedBy::Import });
            }
            Err(_) => check.report("assured_date", format!("{raw:?} is not a date; write it as 2024-03-01")),
        }
    }
    if x.source.is_none() {
        meta.source = Source { name: check.context.source_name.clone(), reference: wire.id.clone() };
    }
    let organisation = organisation?;
    let service = Service {
        id: id?,
        organisation_id: organisation.id.clone(),
        name: name?,
        alternate_name: wire.alternate_name.clone(),
        summary,
        description,
        status: status?,
        url: url.ok()?,
        email: email.ok()?,
        phones,
        contacts,
        opening_hours: hours?,
        areas: areas?,
        languages: languages?,
        costs: costs?,
        fees_description: wire.fees_description.clone(),
        funding: funding?,
        referral: referral?,
        eligibility: wegwijs_domain::Eligibility {
            min_age: min_age.ok()?,
            max_age: max_age.ok()?,
            target_groups,
            description: wire.eligibility_description.clone(),
        },
        application_process: wire.application_process.clone(),
        wait_time: wire.wait_time.clone(),
        terms: terms?,
        locations: at_locations,
        professional_notes: x.professional_notes.clone(),
        meta,
    };
    (check.problems.is_empty()).then_some(Converted { service, organisation, locations })
}

/// The first sentence of `text`: up to and including the first '.', '!' or '?' that
/// ends a word, or all of it.
pub(crate) fn first_sentence(text: &str) -> String {
    let text = text.trim();
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if matches!(c, '.' | '!' | '?') && chars.peek().is_none_or(|(_, next)| next.is_whitespace()) {
            return text[..at + c.len_utf8()].to_owned();
        }
    }
    text.to_owned()
}

#[cfg(test)]
mod tests {
    use super::first_sentence;

    #[test]
    fn the_summary_of_a_foreign_service_is_its_first_sentence() {
        assert_eq!(first_sentence("Hulp bij post. Wij komen thuis."), "Hulp bij post.");
        assert_eq!(first_sentence("Kost 1.50 euro per keer! Meer info."), "Kost 1.50 euro per keer!");
        assert_eq!(first_sentence("  Geen punt  "), "Geen punt");
        assert_eq!(first_sentence(""), "");
    }
}
