//! One service from a template and its organisation: names, texts varied per
//! instance, terms, prices, areas, hours and the professional's view.

use crate::catalogue::{Provider, Template};
use crate::names::{PROFILES, Profile};
use crate::places::{Area, Spot};
use crate::text::{Context, INTROS, LOCAL_SUMMARY, OUTROS, render};
use crate::{contact, hours, meta};
use chrono::{DateTime, Utc};
use rand::Rng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;
use wegwijs_domain::schedule::OpeningHours;
use wegwijs_domain::taxonomy::{CARE_PRODUCT, POSITIVE_HEALTH, THEME, TaxonomySet};
use wegwijs_domain::{
    AreaKind, CostOption, Eligibility, FundingScheme, Id, Language, Name, Phone, PhoneKind, Referral, ReferralRoute,
    Service, ServiceArea, ServiceAtLocation, ServiceStatus,
};

/// Templates with their taxonomy terms resolved once, and per profile what it offers.
pub struct Catalogue {
    pools: Vec<Vec<&'static Template>>,
    terms: std::collections::HashMap<&'static str, Terms>,
}

struct Terms {
    themes: Vec<Id>,
    health: Vec<Id>,
    care: Option<Id>,
}

impl Catalogue {
    /// Resolves every template's codes; panics on an unknown code, which the tests catch.
    pub fn new(set: &TaxonomySet, templates: Vec<&'static Template>) -> Self {
        let lookup = |taxonomy: &str, code: &str| {
            set.term_by_code(taxonomy, code)
                .unwrap_or_else(|| panic!("template uses unknown {taxonomy} code {code:?}"))
                .id
                .clone()
        };
        let terms = templates
            .iter()
            .map(|t| {
                let resolved = Terms {
                    themes: t.themes.iter().map(|c| lookup(THEME, c)).collect(),
                    health: t.health.iter().map(|c| lookup(POSITIVE_HEALTH, c)).collect(),
                    care: t.care.map(|c| lookup(CARE_PRODUCT, c)),
                };
                (t.key, resolved)
            })
            .collect();
        let pools = PROFILES
            .iter()
            .map(|profile| {
                let pool: Vec<&'static Template> = if profile.only.is_empty() {
                    templates.iter().copied().filter(|t| t.providers.contains(&profile.provider)).collect()
                } else {
                    profile
                        .only
                        .iter()
                        .map(|key| {
                            *templates
                                .iter()
                                .find(|t| t.key == *key)
                                .unwrap_or_else(|| panic!("profile offers unknown template {key}"))
                        })
                        .collect()
                };
                assert!(!pool.is_empty(), "every profile offers something");
                pool
            })
            .collect();
        Self { pools, terms }
    }

    /// What profile `index` offers.
    pub fn pool(&self, index: usize) -> &[&'static Template] {
        &self.pools[index]
    }
}

/// What a service needs to know about its organisation.
pub struct OrgCtx<'a> {
    pub id: Id,
    pub key: String,
    pub name: String,
    pub domain: String,
    pub profile: &'a Profile,
    pub area: &'a Area,
    pub spot: &'a Spot,
    pub location_ids: Vec<Id>,
}

const OTHER_LANGUAGES: &[(&str, &str)] =
    &[("en", "Engels"), ("tr", "Turks"), ("ar", "Arabisch"), ("pl", "Pools"), ("uk", "Oekraïens")];

/// Builds one service.
pub fn build(
    rng: &mut ChaCha8Rng,
    now: DateTime<Utc>,
    catalogue: &Catalogue,
    org: &OrgCtx<'_>,
    t: &Template,
) -> Service {
    let key = format!("{}/{}", org.key, t.key);
    let sub = |what: &str, n: usize| Id::derived("demo", &format!("service/{key}/{what}/{n}"));
    let street = *org.spot.streets.choose(rng).expect("streets");
    let ctx = Context { place: &org.spot.place, municipality: &org.area.name, street, organisation: &org.name };
    let name = render(t.names.choose(rng).expect("names"), &ctx, rng);
    let alternate_name = t
        .names
        .iter()
        .map(|n| render(n, &ctx, rng))
        .find(|n| *n != name && !n.contains('{'))
        .filter(|_| rng.random_bool(0.25));

    let mut summary = render(t.summary, &ctx, rng);
    if rng.random_bool(0.35) {
        summary.push(' ');
        summary.push_str(&render(LOCAL_SUMMARY.choose(rng).expect("sentences"), &ctx, rng));
    }
    let mut description = String::with_capacity(t.description.len() + 200);
    if rng.random_bool(0.5) {
        description.push_str(&render(INTROS.choose(rng).expect("intros"), &ctx, rng));
        description.push(' ');
    }
    description.push_str(&render(t.description, &ctx, rng));
    for extra in t.extras {
        if rng.random_bool(0.5) {
            description.push(' ');
            description.push_str(extra);
        }
    }
    if rng.random_bool(0.3) {
        description.push(' ');
        description.push_str(OUTROS.choose(rng).expect("outros"));
    }

    let volunteers = org.profile.volunteers;
    let mut phones = Vec::new();
    if rng.random_bool(0.5) {
        let (number, kind, description) = if volunteers {
            (contact::mobile(rng), PhoneKind::Cell, "Coördinator (vrijwilliger)")
        } else {
            (contact::landline(rng, org.spot.area_code), PhoneKind::Voice, "Direct nummer")
        };
        phones.push(Phone { id: sub("phone", 0), number, kind, description: Some(description.into()) });
    }

    let professional_notes = professional_notes(rng, t, org);
    let terms = terms(rng, catalogue, t);
    let languages = languages(rng, t, &sub);
    let costs: Vec<CostOption> = t
        .cost
        .map(|(option, min, max)| {
            let step = if max >= 10_000 {
                500
            } else if max >= 500 {
                25
            } else {
                1
            };
            let amount = min + step * rng.random_range(0..=(max - min) / step);
            CostOption {
                id: sub("cost", 0),
                option: option.into(),
                amount_cents: Some(amount),
                amount_description: None,
            }
        })
        .into_iter()
        .collect();
    let fees_description = fees(t);
    let mut locations = vec![ServiceAtLocation {
        id: sub("at", 0),
        location_id: org.location_ids[0].clone(),
        description: None,
        opening_hours: OpeningHours::default(),
    }];
    if org.location_ids.len() > 1 && rng.random_bool(0.4) {
        locations.push(ServiceAtLocation {
            id: sub("at", 1),
            location_id: org.location_ids[1].clone(),
            description: Some("Ook op deze locatie, op afspraak.".into()),
            opening_hours: OpeningHours::default(),
        });
    }
    Service {
        id: Id::derived("demo", &format!("service/{key}")),
        organisation_id: org.id.clone(),
        name: Name::parse(&name).expect("generated names are short and clean"),
        alternate_name,
        summary,
        description,
        status: match rng.random_range(0..100) {
            0..2 => ServiceStatus::TemporarilyClosed,
            2..4 => ServiceStatus::Inactive,
            _ => ServiceStatus::Active,
        },
        url: rng.random_bool(0.6).then(|| contact::website(&org.domain, t.key)),
        email: rng.random_bool(0.4).then(|| contact::email(t.key, &org.domain)),
        phones,
        contacts: Vec::new(),
        opening_hours: hours::opening_hours(rng, t.hours, now),
        areas: areas(rng, t, org, &sub),
        languages,
        costs,
        fees_description,
        funding: t.funding.to_vec(),
        referral: Referral { route: t.referral.0, how: t.referral.1.map(str::to_owned) },
        eligibility: Eligibility {
            min_age: t.ages.0,
            max_age: t.ages.1,
            target_groups: t.groups.to_vec(),
            description: (org.profile.provider == Provider::Gemeente)
                .then(|| format!("Voor inwoners van de gemeente {}.", org.area.name)),
        },
        application_process: Some(t.apply.to_owned()),
        wait_time: t.wait.map(str::to_owned),
        terms,
        locations,
        professional_notes,
        meta: meta::meta(rng, now),
        hsds_extra: Default::default(),
    }
}

fn terms(rng: &mut ChaCha8Rng, catalogue: &Catalogue, t: &Template) -> Vec<Id> {
    let resolved = &catalogue.terms[t.key];
    let mut out = vec![resolved.themes[0].clone()];
    if resolved.themes.len() > 1 && rng.random_bool(0.7) {
        out.push(resolved.themes[1..].choose(rng).expect("more themes").clone());
    }
    out.push(resolved.health[0].clone());
    if resolved.health.len() > 1 && rng.random_bool(0.6) {
        out.push(resolved.health[1].clone());
    }
    out.extend(resolved.care.clone());
    out
}

fn languages(rng: &mut ChaCha8Rng, t: &Template, sub: &dyn Fn(&str, usize) -> Id) -> Vec<Language> {
    let count = if t.multilingual {
        rng.random_range(1..=3)
    } else if rng.random_bool(0.08) {
        1
    } else {
        return Vec::new();
    };
    let others: Vec<&(&str, &str)> =
        if t.multilingual { OTHER_LANGUAGES.choose_multiple(rng, count).collect() } else { vec![&OTHER_LANGUAGES[0]] };
    std::iter::once(&("nl", "Nederlands"))
        .chain(others)
        .enumerate()
        .map(|(n, (code, name))| Language {
            id: sub("language", n),
            code: (*code).into(),
            name: (*name).into(),
            note: None,
        })
        .collect()
}

fn areas(rng: &mut ChaCha8Rng, t: &Template, org: &OrgCtx<'_>, sub: &dyn Fn(&str, usize) -> Id) -> Vec<ServiceArea> {
    let municipality = |id: Id, code: &str, name: &str| ServiceArea {
        id,
        kind: AreaKind::Gemeente,
        code: code.into(),
        name: name.into(),
    };
    if t.key == "personenalarmering" {
        return vec![ServiceArea {
            id: sub("area", 0),
            kind: AreaKind::Nederland,
            code: "NL".into(),
            name: "Nederland".into(),
        }];
    }
    match org.profile.provider {
        Provider::Buurt | Provider::Kerk | Provider::Sportclub | Provider::Ouderenbond | Provider::Huisarts => {
            vec![ServiceArea {
                id: sub("area", 0),
                kind: AreaKind::Woonplaats,
                code: org.spot.place.clone(),
                name: org.spot.place.clone(),
            }]
        }
        Provider::Stichting | Provider::Bedrijf | Provider::Jeugdzorg | Provider::Fysio => {
            let mut out = vec![municipality(sub("area", 0), &org.area.code, &org.area.name)];
            let extra = rng.random_range(0..=org.area.nearby.len().min(3));
            for (n, (code, name)) in org.area.nearby.iter().take(extra).enumerate() {
                out.push(municipality(sub("area", n + 1), code, name));
            }
            out
        }
        _ => vec![municipality(sub("area", 0), &org.area.code, &org.area.name)],
    }
}

fn fees(t: &Template) -> Option<String> {
    let has = |scheme| t.funding.contains(&scheme);
    if has(FundingScheme::Wmo) && t.care.is_some() && t.cost.is_none() {
        Some(
            "U betaalt een eigen bijdrage via het CAK: het Wmo-abonnementstarief van maximaal € 21,80 per maand."
                .into(),
        )
    } else if has(FundingScheme::Zvw) {
        Some("Vergoed uit de basisverzekering; kijk bij uw zorgverzekeraar wat er voor u geldt.".into())
    } else if has(FundingScheme::Jeugdwet) && t.cost.is_none() {
        Some("Jeugdhulp is gratis; de gemeente betaalt.".into())
    } else if t.cost.is_none() {
        Some("Gratis.".into())
    } else {
        None
    }
}

/// About a third of the services get a note for professionals: the template's own
/// note where there is one, else a direct line.
fn professional_notes(rng: &mut ChaCha8Rng, t: &Template, org: &OrgCtx<'_>) -> Option<String> {
    let line = |rng: &mut ChaCha8Rng| contact::landline(rng, org.spot.area_code).display_national();
    match t.pro {
        Some(note) if rng.random_bool(0.75) => Some(format!("{note} Direct nummer voor professionals: {}.", line(rng))),
        _ if rng.random_bool(0.15) => {
            let extra = if t.referral.0 == ReferralRoute::None {
                "Warme overdracht is altijd mogelijk: bel even voordat u iemand doorstuurt."
            } else {
                "Stuur bij een verwijzing een korte hulpvraag en de contactgegevens van de cliënt mee."
            };
            Some(format!("Overleg voor professionals via {} (werkdagen). {extra}", line(rng)))
        }
        _ => None,
    }
}
