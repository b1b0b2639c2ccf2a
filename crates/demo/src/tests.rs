//! Whole-generator tests: determinism, exact sizes, consistent references, coverage of
//! every theme, and values that survive the domain's own validation.

use crate::{DEFAULT_SERVICES, DemoConfig, DemoData, generate};
use chrono::{DateTime, Duration, TimeZone, Utc};
use std::collections::HashSet;
use wegwijs_domain::taxonomy::{self, THEME};
use wegwijs_domain::{Location, Organisation, ReferralRoute, Service};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 15, 35, 0).unwrap()
}

fn data(services: usize, seed: u64) -> DemoData {
    generate(&DemoConfig { services, seed, now: now() })
}

fn json(data: &DemoData) -> String {
    serde_json::to_string(&(&data.organisations, &data.locations, &data.services)).unwrap()
}

#[test]
fn the_same_config_gives_identical_output() {
    assert_eq!(json(&data(600, 7)), json(&data(600, 7)));
}

#[test]
fn another_seed_gives_other_data() {
    assert_ne!(json(&data(200, 1)), json(&data(200, 2)));
}

#[test]
fn every_scale_gives_exactly_that_many_services() {
    for n in [100, 400, 5000] {
        assert_eq!(data(n, 1525).services.len(), n);
    }
}

#[test]
fn all_references_point_to_generated_records() {
    for n in [100, DEFAULT_SERVICES, 5000] {
        let data = data(n, 1525);
        let orgs: HashSet<_> = data.organisations.iter().map(|o| o.id.clone()).collect();
        let locations: HashSet<_> = data.locations.iter().map(|l| l.id.clone()).collect();
        let terms: HashSet<_> = data.terms.iter().map(|t| t.id.clone()).collect();
        for location in &data.locations {
            assert!(orgs.contains(location.organisation_id.as_ref().unwrap()));
        }
        for service in &data.services {
            assert!(orgs.contains(&service.organisation_id), "{}", service.name);
            assert!(!service.locations.is_empty());
            for at in &service.locations {
                assert!(locations.contains(&at.location_id));
            }
            for term in &service.terms {
                assert!(terms.contains(term), "{term}");
            }
        }
    }
}

#[test]
fn ids_are_unique() {
    let data = data(5000, 3);
    let mut seen = HashSet::new();
    for id in data
        .organisations
        .iter()
        .map(|o| &o.id)
        .chain(data.locations.iter().map(|l| &l.id))
        .chain(data.services.iter().map(|s| &s.id))
    {
        assert!(seen.insert(id.clone()), "duplicate id {id}");
    }
}

#[test]
fn organisation_names_are_never_repeated() {
    let data = data(20_000, 11);
    let mut names = HashSet::new();
    for org in &data.organisations {
        assert!(names.insert(org.name.as_str().to_owned()), "duplicate {}", org.name.as_str());
    }
}

#[test]
fn the_default_scale_covers_every_theme() {
    let data = data(DEFAULT_SERVICES, 1525);
    let used: HashSet<_> = data.services.iter().flat_map(|s| s.terms.iter().cloned()).collect();
    for term in taxonomy::builtin().terms_of(THEME) {
        assert!(used.contains(&term.id), "no service for theme {}", term.code);
    }
}

#[test]
fn every_service_has_themes_and_positive_health_terms() {
    let set = taxonomy::builtin();
    for service in &data(2000, 5).services {
        let taxonomy_of = |id| set.term(id).unwrap().taxonomy_id.as_str().to_owned();
        let themes = service.terms.iter().filter(|t| taxonomy_of(t) == THEME).count();
        let health = service.terms.iter().filter(|t| taxonomy_of(t) == taxonomy::POSITIVE_HEALTH).count();
        assert!((1..=2).contains(&themes) && (1..=2).contains(&health), "{}", service.name);
    }
}

#[test]
fn referrals_explain_how() {
    for service in &data(2000, 5).services {
        assert_eq!(service.referral.route != ReferralRoute::None, service.referral.how.is_some(), "{}", service.name);
    }
}

#[test]
fn proportions_look_like_a_real_sociale_kaart() {
    let data = data(5000, 1525);
    let per_org = data.services.len() as f64 / data.organisations.len() as f64;
    assert!((2.8..=4.2).contains(&per_org), "{per_org} services per organisation");
    let per_org = data.locations.len() as f64 / data.organisations.len() as f64;
    assert!((1.0..=2.0).contains(&per_org), "{per_org} locations per organisation");
    let with_notes = data.services.iter().filter(|s| s.professional_notes.is_some()).count() as f64 / 5000.0;
    assert!((0.2..=0.45).contains(&with_notes), "{with_notes} with professional notes");
}

#[test]
fn teylingen_gets_the_most_services_at_small_scale() {
    let data = data(DEFAULT_SERVICES, 1525);
    let teylingen = data
        .locations
        .iter()
        .filter(|l| l.address.as_ref().unwrap().municipality.as_deref() == Some("Teylingen"))
        .count();
    let leiden =
        data.locations.iter().filter(|l| l.address.as_ref().unwrap().municipality.as_deref() == Some("Leiden")).count();
    assert!(teylingen > leiden, "{teylingen} vs {leiden}");
}

#[test]
fn dates_spread_over_two_years_with_stale_and_unverified_records() {
    let data = data(3000, 9);
    let metas: Vec<_> = data.services.iter().map(|s| &s.meta).collect();
    let year = Duration::days(365);
    assert!(
        metas.iter().all(|m| m.created <= m.updated && m.updated <= now() && m.created >= now() - Duration::days(731))
    );
    assert!(metas.iter().all(|m| m.source.name == "demo" && m.source.reference.is_none()));
    let unverified = metas.iter().filter(|m| m.verification.is_none()).count();
    let stale = metas.iter().filter(|m| m.verification.as_ref().is_some_and(|v| v.at < now() - year)).count();
    let fresh = metas.len() - unverified - stale;
    assert!(unverified > 100 && stale > 400 && fresh > 1500, "{unverified} {stale} {fresh}");
}

#[test]
fn everything_survives_the_domain_validators_in_json() {
    let data = data(3000, 21);
    let services: Vec<Service> = serde_json::from_str(&serde_json::to_string(&data.services).unwrap()).unwrap();
    let organisations: Vec<Organisation> =
        serde_json::from_str(&serde_json::to_string(&data.organisations).unwrap()).unwrap();
    let locations: Vec<Location> = serde_json::from_str(&serde_json::to_string(&data.locations).unwrap()).unwrap();
    assert_eq!(services, data.services);
    assert_eq!(organisations, data.organisations);
    assert_eq!(locations, data.locations);
}

#[test]
fn no_placeholder_leaks_into_text() {
    let data = data(5000, 4);
    for s in &data.services {
        for text in [s.name.as_str(), &s.summary, &s.description] {
            assert!(!text.contains('{') && !text.contains('}'), "{text}");
        }
    }
    for o in &data.organisations {
        assert!(!o.name.as_str().contains('{') && !o.description.contains('{'), "{}", o.name.as_str());
    }
}

#[test]
fn the_catalogue_is_large_and_every_template_is_offered_by_someone() {
    let templates = crate::catalogue::all();
    assert!(templates.len() >= 80, "{}", templates.len());
    let keys: HashSet<_> = templates.iter().map(|t| t.key).collect();
    assert_eq!(keys.len(), templates.len(), "template keys are unique");
    let catalogue = crate::service::Catalogue::new(taxonomy::builtin(), templates.clone());
    let offered: HashSet<_> =
        (0..crate::names::PROFILES.len()).flat_map(|i| catalogue.pool(i).iter().map(|t| t.key)).collect();
    for key in keys {
        assert!(offered.contains(key), "no provider offers {key}");
    }
}

#[test]
fn landlines_use_the_area_code_of_their_village() {
    // Noordwijkerhout and De Zilk belong to Noordwijk (071) but dial 0252.
    let data = data(2000, 1525);
    let bollenstreek_locations: Vec<&Location> = data
        .locations
        .iter()
        .filter(|l| l.address.as_ref().is_some_and(|a| matches!(a.postal_code.pc4(), "2211" | "2114")))
        .collect();
    assert!(!bollenstreek_locations.is_empty(), "no locations in Noordwijkerhout or De Zilk at this scale");
    for location in bollenstreek_locations {
        let organisation: &Organisation =
            data.organisations.iter().find(|o| Some(&o.id) == location.organisation_id.as_ref()).unwrap();
        let landlines = organisation.phones.iter().chain(&location.phones).map(|p| p.number.as_str());
        for number in landlines.filter(|n| n.starts_with("+31") && !n.starts_with("+316")) {
            assert!(number.starts_with("+31252"), "{} in {:?}: {number}", organisation.name, location.address);
        }
    }
}
