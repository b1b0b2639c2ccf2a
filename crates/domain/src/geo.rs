//! Offline Dutch geography: postcode areas (PC4), municipalities, wijken and places.
//!
//! A sociale kaart constantly needs to answer "where is this?": which municipality a
//! postcode belongs to, which villages make up a municipality, and which services
//! nearby count as "in the region". Doing that through an online API would make every
//! import and search depend on a third party, so the CBS/GeoNames extracts in
//! `data/geo-nl/` (see `SOURCE.md` there for origin, processing and the required
//! attribution) are embedded in the binary and parsed once, on first use, into
//! in-memory indexes. [`Geo::parse`] accepts newer files of the same shape.

mod normalize;
mod parse;
#[cfg(test)]
mod tests;

pub use parse::GeoFileError;

use crate::model::GeoPoint;
use crate::values::PostalCode;
use normalize::normalize_name;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The embedded `pc4.csv`.
const PC4_CSV: &str = include_str!("../../../data/geo-nl/pc4.csv");
/// The embedded `gemeenten.csv`.
const GEMEENTEN_CSV: &str = include_str!("../../../data/geo-nl/gemeenten.csv");
/// The embedded `wijken.csv`.
const WIJKEN_CSV: &str = include_str!("../../../data/geo-nl/wijken.csv");
/// The embedded `places.csv`.
const PLACES_CSV: &str = include_str!("../../../data/geo-nl/places.csv");

/// Source credit to show wherever this data is displayed (required by the licences).
pub const ATTRIBUTION: &str =
    "GeoNames (geonames.org), CC BY 4.0; Kadaster / Centraal Bureau voor de Statistiek, 2023 en 2024";

/// A four-digit postcode area with its place and municipality.
#[derive(Debug, Clone, PartialEq)]
pub struct Pc4Area {
    /// The four digits: "2171".
    pub pc4: String,
    /// The main place of the area: "Sassenheim".
    pub place: String,
    /// All places geonames.org lists for the area, main place first.
    pub places: Vec<String>,
    /// CBS municipality code: "GM1525".
    pub municipality_code: String,
    /// Municipality name: "Teylingen".
    pub municipality: String,
    /// Approximate centre of the area.
    pub point: GeoPoint,
}

/// A municipality (gemeente), CBS 2024 codes and names.
#[derive(Debug, Clone, PartialEq)]
pub struct Municipality {
    /// CBS code: "GM1525".
    pub code: String,
    /// Official CBS name: "Teylingen", "Hengelo (O.)".
    pub name: String,
    /// Name without the province suffix: "Hengelo".
    pub name_short: String,
    /// Province name: "Zuid-Holland".
    pub province: String,
    /// Centre of the municipality (a point inside it).
    pub point: GeoPoint,
    /// Number of inhabitants on 1 January 2023.
    pub inhabitants: u32,
}

/// A populated place (town, village, hamlet) from the geonames.org gazetteer.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// Name as geonames.org spells it: "Sassenheim".
    pub name: String,
    /// CBS code of the municipality the place lies in.
    pub municipality_code: String,
    /// Municipality name.
    pub municipality: String,
    /// Location of the place.
    pub point: GeoPoint,
    /// Number of inhabitants according to geonames.org; 0 when unknown.
    pub population: u32,
}

/// A CBS district (wijk) within a municipality.
#[derive(Debug, Clone, PartialEq)]
pub struct Wijk {
    /// CBS code: "WK152511".
    pub code: String,
    /// Name: "Sassenheim Midden".
    pub name: String,
    /// CBS code of the municipality.
    pub municipality_code: String,
    /// Centre of the wijk (a point inside it).
    pub point: GeoPoint,
}

/// Dutch geography with look-up indexes. Use [`builtin`] for the embedded data.
#[derive(Debug, Clone)]
pub struct Geo {
    pc4s: Vec<Pc4Area>,
    municipalities: Vec<Municipality>,
    wijken: Vec<Wijk>,
    places: Vec<Place>,
    pc4_index: HashMap<String, usize>,
    municipality_index: HashMap<String, usize>,
    municipality_name_index: HashMap<String, usize>,
    place_index: HashMap<String, usize>,
    place_alt_index: HashMap<String, usize>,
    wijk_index: HashMap<String, usize>,
    wijken_by_municipality: HashMap<String, Vec<usize>>,
    pc4s_by_municipality: HashMap<String, Vec<usize>>,
}

/// The embedded geography, parsed once on first use (a few milliseconds).
pub fn builtin() -> &'static Geo {
    static GEO: OnceLock<Geo> = OnceLock::new();
    GEO.get_or_init(|| {
        Geo::parse(PC4_CSV, GEMEENTEN_CSV, WIJKEN_CSV, PLACES_CSV)
            .expect("the embedded geography files are checked by the unit tests")
    })
}

impl Geo {
    /// Builds the indexes from the texts of `pc4.csv`, `gemeenten.csv`, `wijken.csv`
    /// and `places.csv` in the `data/geo-nl` format.
    pub fn parse(pc4_csv: &str, gemeenten_csv: &str, wijken_csv: &str, places_csv: &str) -> Result<Self, GeoFileError> {
        let mut pc4s = parse::pc4s(pc4_csv)?;
        let mut municipalities = parse::municipalities(gemeenten_csv)?;
        let mut wijken = parse::wijken(wijken_csv)?;
        let (places, alt_names) = parse::places(places_csv)?;
        pc4s.sort_by(|a, b| a.pc4.cmp(&b.pc4));
        municipalities.sort_by(|a, b| a.code.cmp(&b.code));
        wijken.sort_by(|a, b| a.code.cmp(&b.code));

        let pc4_index = pc4s.iter().enumerate().map(|(i, a)| (a.pc4.clone(), i)).collect();
        let municipality_index = municipalities.iter().enumerate().map(|(i, m)| (m.code.clone(), i)).collect();
        let mut municipality_name_index = HashMap::new();
        for (i, m) in municipalities.iter().enumerate() {
            // Full names win over short names: "Bergen (L.)" and "Bergen (NH.)" share "Bergen".
            municipality_name_index.insert(normalize_name(&m.name), i);
        }
        for (i, m) in municipalities.iter().enumerate() {
            municipality_name_index.entry(normalize_name(&m.name_short)).or_insert(i);
        }
        let wijk_index = wijken.iter().enumerate().map(|(i, w)| (w.code.clone(), i)).collect();
        let mut wijken_by_municipality: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, w) in wijken.iter().enumerate() {
            wijken_by_municipality.entry(w.municipality_code.clone()).or_default().push(i);
        }
        let mut pc4s_by_municipality: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, a) in pc4s.iter().enumerate() {
            pc4s_by_municipality.entry(a.municipality_code.clone()).or_default().push(i);
        }
        let mut place_index = HashMap::new();
        let mut place_alt_index = HashMap::new();
        for (i, (place, alts)) in places.iter().zip(&alt_names).enumerate() {
            for (index, names) in [(&mut place_index, std::slice::from_ref(&place.name)), (&mut place_alt_index, alts)]
            {
                for name in names {
                    let slot = index.entry(normalize_name(name)).or_insert(i);
                    if places[*slot].population < place.population {
                        *slot = i;
                    }
                }
            }
        }
        Ok(Self {
            pc4s,
            municipalities,
            wijken,
            places,
            pc4_index,
            municipality_index,
            municipality_name_index,
            place_index,
            place_alt_index,
            wijk_index,
            wijken_by_municipality,
            pc4s_by_municipality,
        })
    }

    /// The postcode area with these four digits ("2171"), if it exists.
    pub fn pc4(&self, code: &str) -> Option<&Pc4Area> {
        self.pc4_index.get(code.trim()).map(|&i| &self.pc4s[i])
    }

    /// The postcode area of a full postcode.
    pub fn postcode(&self, postal_code: &PostalCode) -> Option<&Pc4Area> {
        self.pc4(postal_code.pc4())
    }

    /// The municipality with this CBS code ("GM1525").
    pub fn municipality(&self, code: &str) -> Option<&Municipality> {
        self.municipality_index.get(code.trim().to_ascii_uppercase().as_str()).map(|&i| &self.municipalities[i])
    }

    /// The municipality with this name, ignoring case, accents and punctuation;
    /// the short name also matches ("Hengelo" finds "Hengelo (O.)").
    pub fn municipality_by_name(&self, name: &str) -> Option<&Municipality> {
        self.municipality_name_index.get(&normalize_name(name)).map(|&i| &self.municipalities[i])
    }

    /// All municipalities, ordered by code.
    pub fn municipalities(&self) -> &[Municipality] {
        &self.municipalities
    }

    /// The place with this name, ignoring case, accents and punctuation. When several
    /// places share the name, the most populous one; alternate names from geonames.org
    /// ("Den Haag") are used only when no place has the name itself.
    pub fn place(&self, name: &str) -> Option<&Place> {
        let key = normalize_name(name);
        self.place_index.get(&key).or_else(|| self.place_alt_index.get(&key)).map(|&i| &self.places[i])
    }

    /// The places in a municipality, most populous first.
    pub fn places_in(&self, municipality_code: &str) -> Vec<&Place> {
        let mut places: Vec<&Place> = self.places.iter().filter(|p| p.municipality_code == municipality_code).collect();
        places.sort_by(|a, b| b.population.cmp(&a.population).then_with(|| a.name.cmp(&b.name)));
        places
    }

    /// The wijk with this CBS code ("WK152511").
    pub fn wijk(&self, code: &str) -> Option<&Wijk> {
        self.wijk_index.get(code.trim().to_ascii_uppercase().as_str()).map(|&i| &self.wijken[i])
    }

    /// The wijken of a municipality, ordered by code.
    pub fn wijken_in(&self, municipality_code: &str) -> Vec<&Wijk> {
        self.wijken_by_municipality.get(municipality_code).into_iter().flatten().map(|&i| &self.wijken[i]).collect()
    }

    /// The wijk of a municipality whose centre lies nearest to `point`: the best guess
    /// of the wijk a point is in, as the bundled data has wijk centres, not boundaries.
    pub fn nearest_wijk(&self, municipality_code: &str, point: GeoPoint) -> Option<&Wijk> {
        self.wijken_in(municipality_code)
            .into_iter()
            .min_by(|a, b| a.point.distance_km(point).total_cmp(&b.point.distance_km(point)))
    }

    /// The postcode area whose centre lies nearest to `point`.
    pub fn nearest_pc4(&self, point: GeoPoint) -> Option<&Pc4Area> {
        self.pc4s.iter().min_by(|a, b| a.point.distance_km(point).total_cmp(&b.point.distance_km(point)))
    }

    /// The postcode areas of a municipality, ordered by code.
    pub fn pc4s_in(&self, municipality_code: &str) -> Vec<&Pc4Area> {
        self.pc4s_by_municipality.get(municipality_code).into_iter().flatten().map(|&i| &self.pc4s[i]).collect()
    }

    /// Other municipalities whose centre lies within `within_km` of this one's centre,
    /// nearest first. Empty for an unknown code.
    pub fn neighbours(&self, municipality_code: &str, within_km: f64) -> Vec<&Municipality> {
        let Some(home) = self.municipality(municipality_code) else {
            return Vec::new();
        };
        let mut near: Vec<(f64, &Municipality)> = self
            .municipalities
            .iter()
            .filter(|m| m.code != home.code)
            .map(|m| (home.point.distance_km(m.point), m))
            .filter(|(km, _)| *km <= within_km)
            .collect();
        near.sort_by(|a, b| a.0.total_cmp(&b.0));
        near.into_iter().map(|(_, m)| m).collect()
    }
}
