//! Places where help is given.

use super::{HsdsExtra, Phone, RecordMeta};
use crate::schedule::OpeningHours;
use crate::values::{Id, Name, PostalCode};
use serde::{Deserialize, Serialize};

/// A location (HSDS `location`): a building with an address, or a virtual place
/// such as a chat service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    /// Stable id.
    pub id: Id,
    /// The organisation that manages the location, if known.
    pub organisation_id: Option<Id>,
    /// Name: "Dorpshuis De Kennemerhof", "Gemeentehuis Sassenheim".
    pub name: Name,
    /// Description of the place.
    pub description: Option<String>,
    /// Physical, postal or virtual.
    pub kind: LocationKind,
    /// Visiting address.
    pub address: Option<Address>,
    /// Coordinates, for distance and maps.
    pub point: Option<GeoPoint>,
    /// How to get there: bus line, parking.
    pub transportation: Option<String>,
    /// Accessibility: wheelchair access, hearing loop, lift.
    pub accessibility: Option<String>,
    /// Phone lines of the location itself.
    pub phones: Vec<Phone>,
    /// When the building is open.
    pub opening_hours: OpeningHours,
    /// Created/updated/verified/source.
    pub meta: RecordMeta,
    /// HSDS fields from an import that Wegwijs has no place for; given back on export.
    #[serde(default, skip_serializing_if = "HsdsExtra::is_empty")]
    pub hsds_extra: HsdsExtra,
}

/// HSDS `location_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LocationKind {
    /// A place you can visit.
    Physical,
    /// A postal address only.
    Postal,
    /// Online (chat, video, website).
    Virtual,
}

impl LocationKind {
    /// The HSDS spelling.
    pub fn as_hsds(self) -> &'static str {
        match self {
            Self::Physical => "physical",
            Self::Postal => "postal",
            Self::Virtual => "virtual",
        }
    }

    /// Reads the HSDS spelling.
    pub fn from_hsds(raw: &str) -> Option<Self> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "physical" => Some(Self::Physical),
            "postal" => Some(Self::Postal),
            "virtual" => Some(Self::Virtual),
            _ => None,
        }
    }
}

/// A Dutch street address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    /// Street and house number: "Hoofdstraat 12a".
    pub street: String,
    /// Postcode.
    pub postal_code: PostalCode,
    /// Place (woonplaats): "Sassenheim".
    pub city: String,
    /// Municipality name: "Teylingen".
    pub municipality: Option<String>,
}

/// A WGS84 coordinate. Deserializing checks the range like [`GeoPoint::new`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawPoint")]
pub struct GeoPoint {
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
}

#[derive(Deserialize)]
struct RawPoint {
    lat: f64,
    lon: f64,
}

impl TryFrom<RawPoint> for GeoPoint {
    type Error = InvalidPoint;
    fn try_from(raw: RawPoint) -> Result<Self, Self::Error> {
        Self::new(raw.lat, raw.lon)
    }
}

/// Why a pair of numbers is not a coordinate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("latitude must lie between -90 and 90 and longitude between -180 and 180")]
pub struct InvalidPoint;

impl GeoPoint {
    /// Mean Earth radius in km, used by [`Self::distance_km`].
    const EARTH_RADIUS_KM: f64 = 6371.0088;

    /// A checked coordinate.
    pub fn new(lat: f64, lon: f64) -> Result<Self, InvalidPoint> {
        if lat.is_finite() && lon.is_finite() && (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon) {
            Ok(Self { lat, lon })
        } else {
            Err(InvalidPoint)
        }
    }

    /// Great-circle distance (haversine); accurate to well under 0.5% at Dutch distances.
    pub fn distance_km(self, other: Self) -> f64 {
        let (lat1, lat2) = (self.lat.to_radians(), other.lat.to_radians());
        let dlat = lat2 - lat1;
        let dlon = (other.lon - self.lon).to_radians();
        let a = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
        2.0 * Self::EARTH_RADIUS_KM * a.sqrt().asin()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sassenheim_to_warmond_is_about_three_km() {
        let sassenheim = GeoPoint::new(52.2250, 4.52222).unwrap();
        let warmond = GeoPoint::new(52.19667, 4.50278).unwrap();
        let km = sassenheim.distance_km(warmond);
        assert!((3.2..3.6).contains(&km), "{km}");
    }

    #[test]
    fn distance_to_self_is_zero() {
        let p = GeoPoint::new(52.0, 4.5).unwrap();
        assert_eq!(p.distance_km(p), 0.0);
    }

    #[test]
    fn deserializing_checks_the_range() {
        assert!(serde_json::from_str::<GeoPoint>(r#"{"lat":200.0,"lon":4.5}"#).is_err());
        let point: GeoPoint = serde_json::from_str(r#"{"lat":52.2,"lon":4.5}"#).unwrap();
        assert_eq!(point, GeoPoint::new(52.2, 4.5).unwrap());
    }

    #[test]
    fn impossible_coordinates_are_rejected() {
        assert_eq!(GeoPoint::new(91.0, 4.0), Err(InvalidPoint));
        assert_eq!(GeoPoint::new(52.0, f64::NAN), Err(InvalidPoint));
    }
}
