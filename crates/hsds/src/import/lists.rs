//! The lists and small values of a service (areas, languages, prices, funding,
//! referral, ages, taxonomy terms), each checked on its own so that one bad entry is
//! reported with its index and the rest are still checked. An entry Wegwijs cannot
//! hold is left out with a warning; the HSDS export gives it back.

use super::common::{Check, KEPT};
use super::taxonomy::{taxonomy, term};
use crate::wire::{HsdsService, WireAttribute, funding_scheme_of};
use serde_json::Number;
use wegwijs_domain::{
    AreaKind, CostOption, FundingScheme, Id, Language, Referral, ReferralRoute, ServiceArea, Taxonomy, TaxonomyTerm,
};

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
        let kind = match area.extent_type.as_deref().filter(|t| !t.trim().is_empty()) {
            None => AreaKind::Woonplaats,
            Some(raw) => match AreaKind::parse(raw) {
                Some(kind) => kind,
                None => {
                    check.warn(
                        &format!("{at}.extent_type"),
                        format!(
                            "{raw:?} is not an area type of the Dutch profile (nederland, gemeente, woonplaats, wijk, \
                             postcode); {KEPT}"
                        ),
                    );
                    continue;
                }
            },
        };
        let code = if area.extent_type.is_some() { area.extent.clone() } else { None };
        let Some(code) = code.or_else(|| area.name.clone()).filter(|c| !c.trim().is_empty()) else {
            check.warn(&format!("{at}.name"), format!("is missing; name the area or give its code as extent. {KEPT}"));
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
            check.warn(&format!("{at}.code"), format!("is missing; give the ISO 639-1 code, e.g. tr. {KEPT}"));
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
            check.warn(
                &format!("{at}.currency"),
                format!("{currency:?} is not EUR and Wegwijs holds prices in euros; {KEPT}"),
            );
            continue;
        }
        let amount_cents = match cost.amount.as_ref().map(Number::as_f64) {
            None => None,
            Some(Some(euros)) if euros.is_finite() && (0.0..=40_000_000.0).contains(&euros) => {
                Some((euros * 100.0).round() as u32)
            }
            Some(_) => {
                let amount = cost.amount.as_ref().map(ToString::to_string).unwrap_or_default();
                check.warn(&format!("{at}.amount"), format!("{amount} is not a price in euros; {KEPT}"));
                continue;
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

/// The schemes: the profile's `scheme` code, or else a `source` text that names one.
pub(crate) fn funding(check: &mut Check<'_>, wire: &HsdsService) -> Vec<FundingScheme> {
    let mut out = Vec::new();
    for (i, funding) in wire.funding.iter().enumerate() {
        let known: Vec<&str> = FundingScheme::ALL.iter().map(|s| s.code()).collect();
        let scheme = match (funding.scheme.as_deref(), funding.source.as_deref()) {
            (Some(code), _) => FundingScheme::parse(code).or_else(|| {
                let message = format!("{code:?} is not a scheme of the Dutch profile ({}); {KEPT}", known.join(", "));
                check.warn(&format!("funding[{i}].scheme"), message);
                None
            }),
            (None, Some(text)) => funding_scheme_of(text).or_else(|| {
                let message = format!("{text:?} names no funding scheme Wegwijs knows ({}); {KEPT}", known.join(", "));
                check.warn(&format!("funding[{i}].source"), message);
                None
            }),
            (None, None) => {
                check.warn(&format!("funding[{i}]"), format!("has neither scheme nor source; {KEPT}"));
                None
            }
        };
        if let Some(scheme) = scheme.filter(|s| !out.contains(s)) {
            out.push(scheme);
        }
    }
    out
}

pub(crate) fn referral(check: &mut Check<'_>, wire: &HsdsService) -> Option<Referral> {
    let Some(referral) = &wire.referral else {
        return Some(Referral::none());
    };
    let route = match referral.route.as_deref() {
        None if referral.required == Some(true) => {
            check.report("referral.route", "is missing; say who refers: huisarts, wijkteam or gemeente");
            return None;
        }
        None => ReferralRoute::None,
        Some(raw) => match ReferralRoute::parse(raw) {
            Some(route) => route,
            None => {
                check.report("referral.route", format!("{raw:?} is not one of none, huisarts, wijkteam, gemeente"));
                return None;
            }
        },
    };
    if let Some(required) = referral.required
        && required != (route != ReferralRoute::None)
    {
        check.report("referral.required", format!("{required} contradicts the route {:?}", route.code()));
        return None;
    }
    Some(Referral { route, how: referral.how.clone() })
}

/// An age in whole years; anything else is left out with a warning.
pub(crate) fn age(check: &mut Check<'_>, field: &str, value: Option<&Number>) -> Option<u8> {
    let number = value?;
    let whole = number.as_u64().or_else(|| number.as_f64().filter(|f| f.fract() == 0.0 && *f >= 0.0).map(|f| f as u64));
    match whole.and_then(|n| u8::try_from(n).ok()) {
        Some(age) if age <= 130 => Some(age),
        _ => {
            check.warn(field, format!("{number} is not an age in whole years; {KEPT}"));
            None
        }
    }
}

/// The taxonomy terms a service's attributes link it to, and the terms and taxonomies
/// they describe in full (`taxonomy_term` with a name, `taxonomy_detail`).
#[derive(Default)]
pub(crate) struct Terms {
    pub(crate) linked: Vec<Id>,
    pub(crate) terms: Vec<TaxonomyTerm>,
    pub(crate) taxonomies: Vec<Taxonomy>,
}

pub(crate) fn terms(check: &mut Check<'_>, wire: &HsdsService) -> Option<Terms> {
    let mut ok = true;
    let mut out = Terms::default();
    for (i, attribute) in wire.attributes.iter().enumerate() {
        let at = format!("attributes[{i}]");
        let described = match described_term(check, &at, attribute) {
            Ok(described) => described,
            Err(()) => continue,
        };
        // An attribute of something else still describes its term; it links nothing.
        if attribute.link_entity.as_deref().is_some_and(|e| !e.eq_ignore_ascii_case("service")) {
            if let Some((term, taxonomy)) = described {
                out.terms.push(term);
                out.taxonomies.extend(taxonomy);
            }
            continue;
        }
        let (field, raw) = match &attribute.taxonomy_term {
            Some(term) if term.id.is_some() => (format!("{at}.taxonomy_term.id"), &term.id),
            _ => (format!("{at}.taxonomy_term_id"), &attribute.taxonomy_term_id),
        };
        match check.id(&field, raw) {
            Some(id) if !out.linked.contains(&id) => out.linked.push(id),
            Some(_) => {}
            None => ok = false,
        }
        if let Some((term, taxonomy)) = described {
            out.terms.push(term);
            out.taxonomies.extend(taxonomy);
        }
    }
    ok.then_some(out)
}

/// The term (and taxonomy) an attribute describes in full; `Ok(None)` when it only
/// refers to one by id, `Err` (with a warning) when it describes one Wegwijs cannot
/// hold, which then is not linked.
fn described_term(
    check: &mut Check<'_>,
    at: &str,
    attribute: &WireAttribute,
) -> Result<Option<(TaxonomyTerm, Option<Taxonomy>)>, ()> {
    let Some(wire) = attribute.taxonomy_term.as_ref().filter(|t| t.name.is_some()) else { return Ok(None) };
    let mut scratch = Check::new(check.record.clone(), check.context);
    let field = format!("{at}.taxonomy_term");
    let term = term(&mut scratch, &field, wire);
    let detail = wire.taxonomy_detail.as_ref().filter(|d| d.name.is_some());
    let taxonomy = detail.and_then(|detail| taxonomy(&mut scratch, &format!("{field}.taxonomy_detail"), detail));
    if scratch.problems.is_empty()
        && let Some(term) = term
    {
        return Ok(Some((term, taxonomy)));
    }
    for problem in scratch.problems {
        check.warn(&problem.field, format!("{}; the term is not linked and {KEPT}", problem.message));
    }
    Err(())
}
