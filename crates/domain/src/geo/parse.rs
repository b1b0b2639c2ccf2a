//! Reading the `data/geo-nl` CSV files into the public types.

use super::{Municipality, Pc4Area, Place, Wijk};
use crate::model::GeoPoint;
use serde::Deserialize;
use serde::de::DeserializeOwned;

/// Why a geography file cannot be used. Line numbers count the header as line 1.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}, line {line}: {message}")]
pub struct GeoFileError {
    /// Which file: "pc4.csv", "gemeenten.csv", "wijken.csv" or "places.csv".
    pub file: &'static str,
    /// Line of the problem.
    pub line: u64,
    /// What is wrong.
    pub message: String,
}

/// Deserialises every row of a file and converts it, keeping line numbers for errors.
fn rows<R: DeserializeOwned, T>(
    file: &'static str,
    text: &str,
    mut convert: impl FnMut(R) -> Result<T, String>,
) -> Result<Vec<T>, GeoFileError> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    let headers = reader.headers().map_err(|e| GeoFileError { file, line: 1, message: e.to_string() })?.clone();
    let mut out = Vec::new();
    loop {
        let line = reader.position().line();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                return Err(GeoFileError { file, line, message: e.to_string() });
            }
        }
        let row: R =
            record.deserialize(Some(&headers)).map_err(|e| GeoFileError { file, line, message: e.to_string() })?;
        out.push(convert(row).map_err(|message| GeoFileError { file, line, message })?);
    }
    Ok(out)
}

/// A checked point, with a readable error.
fn point(lat: f64, lon: f64) -> Result<GeoPoint, String> {
    GeoPoint::new(lat, lon).map_err(|e| format!("({lat}, {lon}): {e}"))
}

#[derive(Deserialize)]
struct Pc4Row {
    pc4: String,
    place: String,
    places: String,
    municipality_code: String,
    municipality: String,
    lat: f64,
    lon: f64,
}

pub(super) fn pc4s(text: &str) -> Result<Vec<Pc4Area>, GeoFileError> {
    rows("pc4.csv", text, |r: Pc4Row| {
        if r.pc4.len() != 4 || !r.pc4.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("{:?} is not a four-digit postcode area", r.pc4));
        }
        let mut places: Vec<String> = r.places.split('|').filter(|p| !p.is_empty()).map(str::to_owned).collect();
        if !places.contains(&r.place) {
            places.insert(0, r.place.clone());
        }
        Ok(Pc4Area {
            point: point(r.lat, r.lon)?,
            pc4: r.pc4,
            place: r.place,
            places,
            municipality_code: r.municipality_code,
            municipality: r.municipality,
        })
    })
}

#[derive(Deserialize)]
struct MunicipalityRow {
    code: String,
    name: String,
    name_short: String,
    province: String,
    lat: f64,
    lon: f64,
    inhabitants_2023: u32,
}

pub(super) fn municipalities(text: &str) -> Result<Vec<Municipality>, GeoFileError> {
    rows("gemeenten.csv", text, |r: MunicipalityRow| {
        Ok(Municipality {
            point: point(r.lat, r.lon)?,
            code: r.code,
            name: r.name,
            name_short: r.name_short,
            province: r.province,
            inhabitants: r.inhabitants_2023,
        })
    })
}

#[derive(Deserialize)]
struct WijkRow {
    code: String,
    name: String,
    municipality_code: String,
    lat: f64,
    lon: f64,
}

pub(super) fn wijken(text: &str) -> Result<Vec<Wijk>, GeoFileError> {
    rows("wijken.csv", text, |r: WijkRow| {
        Ok(Wijk { point: point(r.lat, r.lon)?, code: r.code, name: r.name, municipality_code: r.municipality_code })
    })
}

#[derive(Deserialize)]
struct PlaceRow {
    name: String,
    asciiname: String,
    municipality_code: String,
    municipality: String,
    lat: f64,
    lon: f64,
    population: u32,
    alt_names: String,
}

/// The places, and for each place its other names (ASCII spelling and geonames.org
/// alternate names).
pub(super) fn places(text: &str) -> Result<(Vec<Place>, Vec<Vec<String>>), GeoFileError> {
    let pairs = rows("places.csv", text, |r: PlaceRow| {
        let mut alt_names: Vec<String> = r.alt_names.split('|').filter(|a| !a.is_empty()).map(str::to_owned).collect();
        if r.asciiname != r.name && !r.asciiname.is_empty() {
            alt_names.push(r.asciiname);
        }
        let place = Place {
            point: point(r.lat, r.lon)?,
            name: r.name,
            municipality_code: r.municipality_code,
            municipality: r.municipality,
            population: r.population,
        };
        Ok((place, alt_names))
    })?;
    Ok(pairs.into_iter().unzip())
}
