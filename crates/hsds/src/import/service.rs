//! Import of one service object: its own fields, plus the organisation and locations
//! nested in it (converted by [`super::location`]).

use super::common::{Check, KEPT, MetaFields};
use super::lists::{age, areas, costs, funding, languages, referral, terms};
use super::location::{Nested, location, organisation, organisation_locations};
use crate::wire::HsdsService;
use chrono::NaiveDate;
use wegwijs_domain::{
    EmailAddress, HsdsExtra, Location, Name, Organisation, Service, ServiceAtLocation, ServiceStatus, TargetGroup,
    Taxonomy, TaxonomyTerm, Verification, VerifiedBy, WebUrl,
};

/// What one service object describes.
pub(crate) struct Converted {
    pub(crate) service: Service,
    pub(crate) organisation: Organisation,
    /// Every location nested in the service, with where it was read.
    pub(crate) locations: Vec<(Nested, Location)>,
    /// Terms and taxonomies its attributes describe in full.
    pub(crate) terms: Vec<TaxonomyTerm>,
    pub(crate) taxonomies: Vec<Taxonomy>,
}

/// Converts `wire`; every problem and warning goes to `check`. `None` when anything
/// was wrong.
pub(crate) fn convert(check: &mut Check<'_>, wire: &HsdsService) -> Option<Converted> {
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
    let url = check.lenient("url", &wire.url, WebUrl::parse);
    let email = check.lenient("email", &wire.email, EmailAddress::parse);
    let phones = check.phones("phones", &wire.phones);
    let contacts = check.contacts("contacts", &wire.contacts);
    let hours = check.hours("schedules", &wire.schedules, "opening_hours", wire.opening_hours.as_ref());
    let owner = wire.id.clone().unwrap_or_default();
    let areas = areas(check, &owner, wire);
    let languages = languages(check, &owner, wire);
    let costs = costs(check, &owner, wire);
    let funding = funding(check, wire);
    let referral = referral(check, wire);
    let min_age = age(check, "minimum_age", wire.minimum_age.as_ref());
    let max_age = age(check, "maximum_age", wire.maximum_age.as_ref());
    let target_groups = target_groups(check, wire);
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
        let hours = check.hours(
            &format!("{at}.schedules"),
            &sal.schedules,
            &format!("{at}.opening_hours"),
            sal.opening_hours.as_ref(),
        );
        if let (Some(id), Some(location_id), Some(opening_hours)) = (sal_id, location_id, hours) {
            at_locations.push(ServiceAtLocation {
                id,
                location_id,
                description: sal.description.clone(),
                opening_hours,
            });
        }
        locations.extend(nested.map(|loc| (Nested::AtLocation(i), loc)));
    }
    if let Some(org) = &wire.organization {
        locations.extend(organisation_locations(check, "organization", org, organisation.as_ref()));
    }
    let description = wire.description.clone().unwrap_or_default();
    let summary = wire.summary.clone().unwrap_or_else(|| first_sentence(&description));
    let mut meta = check.meta(MetaFields {
        prefix: "",
        created: &wire.created,
        updated: ("last_modified", &wire.last_modified),
        verified_at: &wire.verified_at,
        verified_by: &wire.verified_by,
        source: wire.source.as_ref(),
        reference: wire.id.as_deref(),
    });
    if wire.verified_at.is_none()
        && let Some(raw) = wire.assured_date.as_deref()
    {
        match NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d") {
            Ok(date) => {
                let at = date.and_time(chrono::NaiveTime::MIN).and_utc();
                meta.verification = Some(Verification { at, by: VerifiedBy::Import });
            }
            Err(_) => check.warn("assured_date", format!("{raw:?} is not a date (write it as 2024-03-01); {KEPT}")),
        }
    }
    let organisation = organisation?;
    let terms = terms?;
    let service = Service {
        id: id?,
        organisation_id: organisation.id.clone(),
        name: name?,
        alternate_name: wire.alternate_name.clone(),
        summary,
        description,
        status: status?,
        url,
        email,
        phones,
        contacts,
        opening_hours: hours?,
        areas: areas?,
        languages: languages?,
        costs: costs?,
        fees_description: wire.fees_description.clone(),
        funding,
        referral: referral?,
        eligibility: wegwijs_domain::Eligibility {
            min_age,
            max_age,
            target_groups,
            description: wire.eligibility_description.clone(),
        },
        application_process: wire.application_process.clone(),
        wait_time: wire.wait_time.clone(),
        terms: terms.linked,
        locations: at_locations,
        professional_notes: wire.professional_notes.clone(),
        meta,
        hsds_extra: HsdsExtra::default(),
    };
    (check.problems.is_empty()).then_some(Converted {
        service,
        organisation,
        locations,
        terms: terms.terms,
        taxonomies: terms.taxonomies,
    })
}

/// The profile's target groups; a code Wegwijs does not know is left out with a warning.
fn target_groups(check: &mut Check<'_>, wire: &HsdsService) -> Vec<TargetGroup> {
    let mut groups = Vec::new();
    let codes = wire.eligibility.as_ref().map(|e| e.target_groups.as_slice()).unwrap_or_default();
    for (i, raw) in codes.iter().enumerate() {
        match TargetGroup::parse(raw) {
            Some(group) if !groups.contains(&group) => groups.push(group),
            Some(_) => {}
            None => check.warn(
                &format!("eligibility.target_groups[{i}]"),
                format!("{raw:?} is not a target group of the Dutch profile, so Wegwijs leaves it out"),
            ),
        }
    }
    groups
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
