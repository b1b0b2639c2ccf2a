//! Where services are: real Teylingen villages and neighbour towns with streets a
//! resident recognises, the country's municipalities from `wegwijs_domain::geo`, and
//! how many services each municipality gets at a given scale.

use wegwijs_domain::GeoPoint;
use wegwijs_domain::geo::{self, Geo};

/// CBS code of Teylingen, the first municipality.
pub const TEYLINGEN: &str = "GM1525";
/// Teylingen's neighbours: Lisse, Hillegom, Noordwijk, Katwijk, Kaag en Braassem,
/// Leiden, Oegstgeest.
pub const NEIGHBOURS: &[&str] = &["GM0553", "GM0534", "GM0575", "GM0537", "GM1884", "GM0546", "GM0579"];
/// Services Teylingen and its neighbours get before the rest of the country.
const LOCAL_CAPACITY: usize = 2000;
/// Teylingen's share of the local services.
const TEYLINGEN_SHARE: f64 = 0.4;

/// A village or PC4 area where an address can be made.
#[derive(Debug, Clone)]
pub struct Spot {
    /// Place name.
    pub place: String,
    /// Four-digit postcode.
    pub pc4: String,
    /// Centre of the area.
    pub point: GeoPoint,
    /// Street names to use.
    pub streets: &'static [&'static str],
    /// Telephone area code, with the leading 0.
    pub area_code: &'static str,
    /// Relative weight (inhabitants of the village).
    pub weight: u32,
}

/// A municipality with its spots.
#[derive(Debug, Clone)]
pub struct Area {
    /// CBS code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Where addresses go.
    pub spots: Vec<Spot>,
    /// Nearby municipalities (code, name) for regional service areas.
    pub nearby: Vec<(String, String)>,
}

/// A village: (place, PC4s, streets, area code, inhabitants).
type Village = (&'static str, &'static [&'static str], &'static [&'static str], &'static str, u32);

/// Teylingen's villages.
const TEYLINGEN_VILLAGES: &[Village] = &[
    (
        "Sassenheim",
        &["2171", "2172"],
        &[
            "Hoofdstraat",
            "Julianastraat",
            "Kerkstraat",
            "Parklaan",
            "Wilhelminalaan",
            "Oude Haven",
            "Jan van Brabantweg",
            "Menweg",
        ],
        "0252",
        16000,
    ),
    (
        "Voorhout",
        &["2215", "2216"],
        &["Herenstraat", "Jacoba van Beierenweg", "Schoolstraat", "Componistenlaan", "Bernhardlaan"],
        "0252",
        16500,
    ),
    (
        "Warmond",
        &["2361", "2362"],
        &["Dorpsstraat", "Herenweg", "Sweilandstraat", "Van Oudheusdenstraat", "Laan van Oostergeest"],
        "071",
        5500,
    ),
];

/// Well-known streets of the neighbours: (municipality code, streets, area code).
const NEIGHBOUR_STREETS: &[(&str, &[&str], &str)] = &[
    ("GM0553", &["Heereweg", "Kanaalstraat", "Grachtweg", "Nassaustraat", "Achterweg", "Vierlinden"], "0252"),
    ("GM0534", &["Hoofdstraat", "Van den Endelaan", "Leidsestraat", "Meerlaan", "Weeresteinstraat"], "0252"),
    ("GM0575", &["Hoofdstraat", "Voorstraat", "Kerkstraat", "Koningin Wilhelmina Boulevard", "Beeklaan"], "071"),
    ("GM0537", &["Voorstraat", "Zeeweg", "Princestraat", "Hoorneslaan", "Sportlaan"], "071"),
    ("GM1884", &["Noordeinde", "Kerkstraat", "Dorpsstraat", "Julianastraat", "Emmalaan"], "071"),
    (
        "GM0546",
        &[
            "Breestraat",
            "Haarlemmerstraat",
            "Hooigracht",
            "Morsweg",
            "Rijnsburgerweg",
            "Lammenschansweg",
            "Stationsweg",
            "Kanaalpark",
        ],
        "071",
    ),
    ("GM0579", &["Lange Voort", "Geversstraat", "Wilhelminapark", "Rijnzichtweg", "Haaswijkweg"], "071"),
];

/// Street names found in almost every Dutch town.
const COMMON_STREETS: &[&str] = &[
    "Kerkstraat",
    "Dorpsstraat",
    "Stationsweg",
    "Molenweg",
    "Schoolstraat",
    "Julianastraat",
    "Wilhelminastraat",
    "Beatrixlaan",
    "Nieuwstraat",
    "Markt",
    "Hoofdstraat",
    "Kastanjelaan",
    "Lindenlaan",
    "Prins Bernhardlaan",
    "Oranjestraat",
    "Sportlaan",
    "Raadhuisplein",
    "Parallelweg",
    "Industrieweg",
    "Emmalaan",
];

/// A plausible area code per province, for municipalities without a local table.
fn province_area_code(province: &str) -> &'static str {
    match province {
        "Groningen" => "050",
        "Fryslân" | "Friesland" => "058",
        "Drenthe" => "0592",
        "Overijssel" => "038",
        "Flevoland" => "036",
        "Gelderland" => "026",
        "Utrecht" => "030",
        "Noord-Holland" => "020",
        "Zuid-Holland" => "070",
        "Zeeland" => "0118",
        "Noord-Brabant" => "073",
        "Limburg" => "043",
        _ => "030",
    }
}

/// Villages whose area code differs from the rest of their municipality's table
/// (the table holds one code per municipality), by PC4.
fn village_area_code(pc4: &str) -> Option<&'static str> {
    match pc4 {
        // Noordwijkerhout and De Zilk (Noordwijk) dial 0252, like the Bollenstreek.
        "2211" | "2114" => Some("0252"),
        // Leimuiden, Rijnsaterwoude and Woubrugge (Kaag en Braassem) dial 0172.
        "2451" | "2465" | "2481" => Some("0172"),
        _ => None,
    }
}

/// How many services each PC4 area should get: the inhabitants of its place shared
/// over that place's PC4 areas, so a city district outweighs an empty port area
/// (Maasvlakte, Botlek) and a large town outweighs a hamlet of the same municipality.
fn pc4_weights(geo: &Geo, code: &str, pc4s: &[&geo::Pc4Area]) -> Vec<u32> {
    let places = geo.places_in(code);
    let mut areas_per_place: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
    for pc4 in pc4s {
        *areas_per_place.entry(pc4.place.as_str()).or_default() += 1;
    }
    pc4s.iter()
        .map(|pc4| {
            let people = places.iter().find(|p| p.name == pc4.place).map_or(0, |p| p.population);
            let share = people / areas_per_place[pc4.place.as_str()];
            // Every area keeps a small chance: GeoNames lacks inhabitants for many villages.
            share.max(200)
        })
        .collect()
}

/// Builds the spots of one municipality.
pub fn area(geo: &Geo, code: &str) -> Area {
    let municipality = geo.municipality(code).expect("allocation only uses known municipalities");
    let spots = if code == TEYLINGEN {
        TEYLINGEN_VILLAGES
            .iter()
            .flat_map(|&(place, pc4s, streets, area_code, people)| {
                pc4s.iter().map(move |pc4| (place, *pc4, streets, area_code, people / 2))
            })
            .map(|(place, pc4, streets, area_code, weight)| Spot {
                place: place.to_owned(),
                pc4: pc4.to_owned(),
                point: geo.pc4(pc4).map_or(municipality.point, |area| area.point),
                streets,
                area_code,
                weight,
            })
            .collect()
    } else {
        let local = NEIGHBOUR_STREETS.iter().find(|(c, ..)| *c == code);
        let (streets, area_code) = match local {
            Some((_, streets, area_code)) => (*streets, *area_code),
            None => (COMMON_STREETS, province_area_code(&municipality.province)),
        };
        let pc4s = geo.pc4s_in(code);
        let weights = pc4_weights(geo, code, &pc4s);
        let mut spots: Vec<Spot> = pc4s
            .into_iter()
            .zip(weights)
            .map(|(pc4, weight)| Spot {
                place: pc4.place.clone(),
                pc4: pc4.pc4.clone(),
                point: pc4.point,
                streets,
                area_code: village_area_code(&pc4.pc4).unwrap_or(area_code),
                weight,
            })
            .collect();
        if spots.is_empty() {
            // No PC4 known: fall back to the municipality centre and a plausible PC4.
            spots.push(Spot {
                place: municipality.name_short.clone(),
                pc4: "1000".into(),
                point: municipality.point,
                streets,
                area_code,
                weight: 1,
            });
        }
        spots
    };
    let nearby = geo
        .neighbours(code, 12.0)
        .into_iter()
        .filter(|m| m.code != code)
        .take(4)
        .map(|m| (m.code.clone(), m.name.clone()))
        .collect();
    Area { code: code.to_owned(), name: municipality.name.clone(), spots, nearby }
}

/// How many services each municipality gets, in generation order: Teylingen, its
/// neighbours, then the rest of the country in proportion to inhabitants. The counts
/// add up to `total` exactly.
pub fn allocate(total: usize) -> Vec<(String, usize)> {
    let geo = geo::builtin();
    let local = total.min(LOCAL_CAPACITY);
    let teylingen = ((local as f64 * TEYLINGEN_SHARE).round() as usize).min(local);
    let mut out = vec![(TEYLINGEN.to_owned(), teylingen)];
    let neighbours: Vec<(String, f64)> = NEIGHBOURS
        .iter()
        .map(|code| (code.to_string(), geo.municipality(code).map_or(20_000.0, |m| f64::from(m.inhabitants))))
        .collect();
    out.extend(proportional(local - teylingen, &neighbours));
    let rest: Vec<(String, f64)> = geo
        .municipalities()
        .iter()
        .filter(|m| m.code != TEYLINGEN && !NEIGHBOURS.contains(&m.code.as_str()))
        .map(|m| (m.code.clone(), f64::from(m.inhabitants)))
        .collect();
    out.extend(proportional(total - local, &rest));
    out.retain(|(_, n)| *n > 0);
    out
}

/// Largest-remainder split of `total` by weight.
fn proportional(total: usize, weights: &[(String, f64)]) -> Vec<(String, usize)> {
    let sum: f64 = weights.iter().map(|(_, w)| w).sum();
    if total == 0 || sum <= 0.0 {
        return Vec::new();
    }
    let exact: Vec<f64> = weights.iter().map(|(_, w)| total as f64 * w / sum).collect();
    let mut counts: Vec<usize> = exact.iter().map(|e| e.floor() as usize).collect();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| (exact[b] - exact[b].floor()).total_cmp(&(exact[a] - exact[a].floor())).then(a.cmp(&b)));
    let missing = total - counts.iter().sum::<usize>();
    for &i in order.iter().take(missing) {
        counts[i] += 1;
    }
    weights.iter().zip(counts).map(|((code, _), n)| (code.clone(), n)).collect()
}
