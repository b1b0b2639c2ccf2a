//! The lists and small values of a service (areas, languages, prices, funding,
//! referral, ages, taxonomy terms), each checked on its own so that one bad entry is
//! reported with its index and the rest are still checked.

use super::common::Check;
use crate::wire::{HsdsService, XService};
use serde_json::Number;
use wegwijs_domain::{AreaKind, CostOption, FundingScheme, Id, Language, Referral, ReferralRoute, ServiceArea};

/// An id from the file, or a derived one when a foreign feed left it out.
pub(crate) fn id_or_derived(
    check: &mut Check<'_>,
    field: &str,
    raw: &Option<String>,
    kind: &str,
    owner: &str,
    key: &str,
) -> Option<Id> {
    match raw {
        Some(_) => check.id(field, raw),
        None => Some(Id::derived(&format!("wegwijs-hsds/{kind}"), &format!("{owner}/{key}"))),
    }
}

pub(crate) fn areas(check: &mut Check<'_>, owner: &str, wire: &HsdsService) -> Option<Vec<ServiceArea>> {
    let mut ok = true;
    let mut out = Vec::new();
    for (i, area) in wire.service_areas.iter().enumerate() {
        let at = format!("service_areas[{i}]");
        let id = id_or_derived(check, &format!("{at}.id"), &area.id, "service_area", owner, &i.to_string());
        let kind = area.extent_type.as_deref().and_then(AreaKind::parse).unwrap_or(AreaKind::Woonplaats);
        let code = area.extent.clone().filter(|_| area.extent_type.as_deref().and_then(AreaKind::parse).is_some());
        let code = code.or_else(|| area.name.clone());
        let Some(code) = code.filter(|c| !c.trim().is_empty()) else {
            check.report(&format!("{at}.name"), "is missing; name the area or give its code as extent");
            ok = false;
            continue;
        };
        let name = area.name.clone().unwrap_or_else(|| code.clone());
        match id {
            Some(id) => out.push(ServiceArea { id, kind, code, name }),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

pub(crate) fn languages(check: &mut Check<'_>, owner: &str, wire: &HsdsService) -> Option<Vec<Language>> {
    let mut ok = true;
    let mut out = Vec::new();
    for (i, language) in wire.languages.iter().enumerate() {
        let at = format!("languages[{i}]");
        let id = id_or_derived(check, &format!("{at}.id"), &language.id, "language", owner, &i.to_string());
        let code = language.code.as_deref().map(|c| c.trim().to_ascii_lowercase()).filter(|c| !c.is_empty());
        let Some(code) = code else {
            check.report(&format!("{at}.code"), "is missing; give the ISO 639-1 code, e.g. tr");
            ok = false;
            continue;
        };
        let name = language.name.clone().unwrap_or_else(|| code.clone());
        match id {
            Some(id) => out.push(Language { id, code, name, note: language.note.clone() }),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

pub(crate) fn costs(check: &mut Check<'_>, owner: &str, wire: &HsdsService) -> Option<Vec<CostOption>> {
    let mut ok = true;
    let mut out = Vec::new();
    for (i, cost) in wire.cost_options.iter().enumerate() {
        let at = format!("cost_options[{i}]");
        let id = id_or_derived(check, &format!("{at}.id"), &cost.id, "cost_option", owner, &i.to_string());
        if let Some(currency) = cost.currency.as_deref().filter(|c| !c.trim().eq_ignore_ascii_case("EUR")) {
            check.report(&format!("{at}.currency"), format!("{currency:?} is not EUR; Wegwijs holds prices in euros"));
            ok = false;
        }
        let amount_cents = match cost.amount.as_ref().map(Number::as_f64) {
            None => None,
            Some(Some(euros)) if euros.is_finite() && (0.0..=40_000_000.0).contains(&euros) => {
                Some((euros * 100.0).round() as u32)
            }
            Some(_) => {
                check.report(
                    &format!("{at}.amount"),
                    format!(
                        "{} is not a price in euros",
                        cost.amount.as_ref().map(ToString::to_string).unwrap_or_default()
                    ),
                );
                ok = false;
                None
            }
        };
        match id {
            Some(id) => out.push(CostOption {
                id,
                option: cost.option.clone().unwrap_or_default(),
                amount_cents,
                amount_description: cost.amount_description.clone(),
            }),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

pub(crate) fn funding(check: &mut Check<'_>, wire: &HsdsService) -> Option<Vec<FundingScheme>> {
    let mut ok = true;
    let mut out = Vec::new();
    for (i, funding) in wire.funding.iter().enumerate() {
        let field = format!("funding[{i}].source");
        let Some(raw) = check.required(&field, &funding.source) else {
            ok = false;
            continue;
        };
        match FundingScheme::parse(raw) {
            Some(scheme) if !out.contains(&scheme) => out.push(scheme),
            Some(_) => {}
            None => {
                let known: Vec<&str> = FundingScheme::ALL.iter().map(|s| s.code()).collect();
                check.report(
                    &field,
                    format!("{raw:?} is not a funding scheme Wegwijs knows; use one of {}", known.join(", ")),
                );
                ok = false;
            }
        }
    }
    ok.then_some(out)
}

pub(crate) fn referral(check: &mut Check<'_>, x: &XService) -> Option<Referral> {
    let Some(referral) = &x.referral else {
        return Some(Referral::none());
    };
    let route = match referral.route.as_deref() {
        None => ReferralRoute::None,
        Some(raw) => match ReferralRoute::parse(raw) {
            Some(route) => route,
            None => {
                check.report(
                    "x_wegwijs.referral.route",
                    format!("{raw:?} is not one of none, huisarts, wijkteam, gemeente"),
                );
                return None;
            }
        },
    };
    Some(Referral { route, how: referral.how.clone() })
}

pub(crate) fn age(check: &mut Check<'_>, field: &str, value: Option<&Number>) -> Result<Option<u8>, ()> {
    let Some(number) = value else { return Ok(None) };
    let whole = number.as_u64().or_else(|| number.as_f64().filter(|f| f.fract() == 0.0 && *f >= 0.0).map(|f| f as u64));
    match whole.and_then(|n| u8::try_from(n).ok()) {
        Some(age) if age <= 130 => Ok(Some(age)),
        _ => {
            check.report(field, format!("{number} is not an age in whole years"));
            Err(())
        }
    }
}

pub(crate) fn terms(check: &mut Check<'_>, wire: &HsdsService) -> Option<Vec<Id>> {
    let mut ok = true;
    let mut out: Vec<Id> = Vec::new();
    for (i, attribute) in wire.attributes.iter().enumerate() {
        if attribute.link_entity.as_deref().is_some_and(|e| !e.eq_ignore_ascii_case("service")) {
            continue;
        }
        let at = format!("attributes[{i}]");
        let (field, raw) = match (&attribute.taxonomy_term, &attribute.taxonomy_term_id) {
            (Some(term), _) if term.id.is_some() => (format!("{at}.taxonomy_term.id"), &term.id),
            (_, raw) => (format!("{at}.taxonomy_term_id"), raw),
        };
        match check.id(&field, raw) {
            Some(id) if !out.contains(&id) => out.push(id),
            Some(_) => {}
            None => ok = false,
        }
    }
    ok.then_some(out)
}
