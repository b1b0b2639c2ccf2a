//! The driver: walks the allocation municipality by municipality, makes organisations
//! from provider profiles with their locations, and lets `service` make their
//! services. One seeded `ChaCha` stream, consumed in a fixed order, so the same
//! [`DemoConfig`] always gives the same data.

use crate::catalogue::{self, Hours, Provider, Template};
use crate::names::{PROFILES, Profile};
use crate::places::{self, Area, Spot};
use crate::service::{self, Catalogue, OrgCtx};
use crate::text::{Context, render};
use crate::{DemoConfig, DemoData, contact, hours, meta};
use chrono::{DateTime, Utc};
use rand::seq::{IndexedRandom, IteratorRandom};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::HashSet;
use wegwijs_domain::schedule::OpeningHours;
use wegwijs_domain::{
    Address, GeoPoint, Id, Location, LocationKind, Name, Organisation, Phone, PhoneKind, PostalCode, geo, taxonomy,
};

/// Generates a data set; see [`DemoConfig`].
pub fn generate(config: &DemoConfig) -> DemoData {
    let set = taxonomy::builtin();
    let mut generator = Generator {
        rng: ChaCha8Rng::seed_from_u64(config.seed),
        now: config.now,
        catalogue: Catalogue::new(set, catalogue::all()),
        used_names: HashSet::new(),
        total_weight: PROFILES.iter().skip(1).map(|p| p.weight).sum(),
        data: DemoData {
            taxonomies: set.taxonomies.clone(),
            terms: set.terms.clone(),
            organisations: Vec::with_capacity(config.services / 3 + 8),
            locations: Vec::with_capacity(config.services / 2 + 8),
            services: Vec::with_capacity(config.services),
            templates: Vec::with_capacity(config.services),
        },
    };
    let geo = geo::builtin();
    for (code, count) in places::allocate(config.services) {
        generator.fill(&places::area(geo, &code), count);
    }
    generator.data
}

struct Generator {
    rng: ChaCha8Rng,
    now: DateTime<Utc>,
    catalogue: Catalogue,
    used_names: HashSet<String>,
    total_weight: u32,
    data: DemoData,
}

impl Generator {
    /// Makes `count` services in one municipality, the municipality itself first.
    fn fill(&mut self, area: &Area, count: usize) {
        let mut remaining = count;
        let mut number = 0usize;
        let mut misses = 0u32;
        while remaining > 0 {
            let index = if number == 0 { 0 } else { self.pick_profile() };
            let spot = self.pick_spot(area).clone();
            let Some(name) = self.organisation_name(index, area, &spot, number == 0, misses > 100) else {
                misses += 1;
                if number == 0 {
                    number = 1;
                }
                continue;
            };
            misses = 0;
            let pool = self.catalogue.pool(index);
            let wanted = if number == 0 { self.rng.random_range(4..=7) } else { self.rng.random_range(3..=6) };
            let chosen: Vec<&'static Template> =
                pool.choose_multiple(&mut self.rng, wanted.min(remaining)).copied().collect();
            remaining -= chosen.len();
            self.organisation(area, &spot, &PROFILES[index], name, number, &chosen);
            number += 1;
        }
    }

    fn pick_profile(&mut self) -> usize {
        let mut roll = self.rng.random_range(0..self.total_weight);
        for (index, profile) in PROFILES.iter().enumerate().skip(1) {
            if roll < profile.weight {
                return index;
            }
            roll -= profile.weight;
        }
        PROFILES.len() - 1
    }

    fn pick_spot<'a>(&mut self, area: &'a Area) -> &'a Spot {
        let total: u32 = area.spots.iter().map(|s| s.weight).sum();
        let mut roll = self.rng.random_range(0..total);
        for spot in &area.spots {
            if roll < spot.weight {
                return spot;
            }
            roll -= spot.weight;
        }
        &area.spots[0]
    }

    /// A name no other organisation has, or `None` when this profile has run out of
    /// names here (the caller then picks another profile).
    fn organisation_name(
        &mut self,
        index: usize,
        area: &Area,
        spot: &Spot,
        first: bool,
        desperate: bool,
    ) -> Option<String> {
        let profile = &PROFILES[index];
        let street = *spot.streets.choose(&mut self.rng).expect("every spot has streets");
        let ctx = Context { place: &spot.place, municipality: &area.name, street, organisation: "" };
        for attempt in 0..12 {
            let pattern = if first { profile.names[0] } else { *profile.names.choose(&mut self.rng).expect("names") };
            let mut name = render(pattern, &ctx, &mut self.rng);
            if attempt >= 8 && !name.contains(spot.place.as_str()) && !name.contains(area.name.as_str()) {
                name = format!("{name} {}", spot.place);
            }
            if desperate {
                name = format!("{name} ({street})");
            }
            if self.used_names.insert(name.clone()) {
                return Some(name);
            }
        }
        None
    }

    fn organisation(
        &mut self,
        area: &Area,
        spot: &Spot,
        profile: &Profile,
        name: String,
        number: usize,
        templates: &[&'static Template],
    ) {
        let key = format!("{}/{number}", area.code);
        let rng = &mut self.rng;
        let id = Id::derived("demo", &format!("organisation/{key}"));
        let mut domain = contact::domain(&name);
        if !name.contains(spot.place.as_str()) && !name.contains(area.name.as_str()) {
            // "Stichting De Toekomst" alone would be toekomst.nl, which surely exists.
            domain = contact::domain(&format!("{name} {}", area.name));
        }
        let ctx = Context { place: &spot.place, municipality: &area.name, street: "", organisation: &name };
        let mut description = render(profile.about, &ctx, rng);
        if rng.random_bool(0.4) {
            description.push(' ');
            description.push_str(&render(
                "Wij werken samen met het sociaal team, de huisartsen en andere organisaties in {m}.",
                &ctx,
                rng,
            ));
        }
        let main_number = if profile.provider == Provider::Gemeente {
            wegwijs_domain::PhoneNumber::parse(&format!("14 {}", spot.area_code))
                .expect("14 + area code is a valid short number")
        } else {
            contact::landline(rng, spot.area_code)
        };
        let mut phones = vec![Phone {
            id: Id::derived("demo", &format!("organisation/{key}/phone/0")),
            number: main_number,
            kind: PhoneKind::Voice,
            description: None,
        }];
        if profile.volunteers && rng.random_bool(0.6) {
            phones.push(Phone {
                id: Id::derived("demo", &format!("organisation/{key}/phone/1")),
                number: contact::mobile(rng),
                kind: PhoneKind::Cell,
                description: Some("Secretariaat (vrijwilliger)".into()),
            });
        }
        let location_count = match profile.provider {
            Provider::Gemeente => 2,
            Provider::Huisarts | Provider::Kerk => 1,
            _ if rng.random_bool(0.35) => 2,
            _ => 1,
        };
        let mut location_ids = Vec::with_capacity(location_count);
        for n in 0..location_count {
            let where_ =
                if n == 0 { spot.clone() } else { area.spots.iter().choose(&mut self.rng).expect("spots").clone() };
            let location = self.location(area, &where_, profile, &name, &key, n);
            location_ids.push(location.id.clone());
            self.data.locations.push(location);
        }
        let org = OrgCtx { id: id.clone(), key, name: name.clone(), domain, profile, area, spot, location_ids };
        for template in templates {
            let service = service::build(&mut self.rng, self.now, &self.catalogue, &org, template);
            self.data.services.push(service);
            self.data.templates.push(template.key);
        }
        let rng = &mut self.rng;
        self.data.organisations.push(Organisation {
            id,
            name: Name::parse(&name).expect("generated names are short and clean"),
            alternate_name: None,
            description,
            kind: profile.kind,
            email: Some(contact::email("info", &org.domain)),
            website: Some(contact::website(&org.domain, "")),
            phones,
            contacts: Vec::new(),
            meta: meta::meta(rng, self.now),
            hsds_extra: Default::default(),
        });
    }

    fn location(
        &mut self,
        area: &Area,
        spot: &Spot,
        profile: &Profile,
        org_name: &str,
        org_key: &str,
        n: usize,
    ) -> Location {
        let rng = &mut self.rng;
        let street = *spot.streets.choose(rng).expect("streets");
        let mut number = rng.random_range(1..=160u32).to_string();
        if rng.random_bool(0.1) {
            number.push(*['a', 'b', 'c'].choose(rng).expect("letters"));
        }
        let letters = postcode_letters(rng);
        let postal_code = PostalCode::parse(&format!("{}{letters}", spot.pc4)).expect("a valid PC4 with valid letters");
        let point = GeoPoint::new(
            spot.point.lat + rng.random_range(-0.003..0.003),
            spot.point.lon + rng.random_range(-0.005..0.005),
        )
        .expect("near a Dutch PC4 centre");
        let name = if n == 0 {
            org_name.to_owned()
        } else if org_name.contains(spot.place.as_str()) {
            format!("{org_name}, {street}")
        } else {
            format!("{org_name}, locatie {}", spot.place)
        };
        let staffed = matches!(
            profile.provider,
            Provider::Gemeente
                | Provider::Welzijn
                | Provider::Huisarts
                | Provider::Fysio
                | Provider::Bedrijf
                | Provider::Jeugdzorg
        );
        let opening_hours =
            if staffed { hours::opening_hours(rng, Hours::Office, self.now) } else { OpeningHours::default() };
        Location {
            id: Id::derived("demo", &format!("location/{org_key}/{n}")),
            organisation_id: Some(Id::derived("demo", &format!("organisation/{org_key}"))),
            name: Name::parse(&name).expect("generated names are short and clean"),
            description: None,
            kind: LocationKind::Physical,
            address: Some(Address {
                street: format!("{street} {number}"),
                postal_code,
                city: spot.place.clone(),
                municipality: Some(area.name.clone()),
            }),
            point: Some(point),
            transportation: [
                "Bushalte op loopafstand.",
                "Gratis parkeren voor de deur.",
                "Fietsenstalling bij de ingang.",
                "",
            ]
            .choose(rng)
            .filter(|s| !s.is_empty())
            .map(|s| s.to_string()),
            accessibility: [
                "Rolstoeltoegankelijk, met invalidentoilet.",
                "Gelijkvloers; de ingang is drempelvrij.",
                "Lift aanwezig.",
                "",
            ]
            .choose(rng)
            .filter(|s| !s.is_empty())
            .map(|s| s.to_string()),
            phones: Vec::new(),
            opening_hours,
            meta: meta::meta(rng, self.now),
            hsds_extra: Default::default(),
        }
    }
}

/// Two postcode letters as `PostNL` hands them out (no F, I, O, Q, U, Y; not SA, SD, SS).
fn postcode_letters(rng: &mut ChaCha8Rng) -> String {
    const LETTERS: &[u8] = b"ABCDEGHJKLMNPRSTVWXZ";
    loop {
        let a = *LETTERS.choose(rng).expect("letters") as char;
        let b = *LETTERS.choose(rng).expect("letters") as char;
        if !(a == 'S' && matches!(b, 'A' | 'D' | 'S')) {
            return format!("{a}{b}");
        }
    }
}
