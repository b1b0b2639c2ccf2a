//! How a text match, the searcher's location and the age of the last verification
//! combine into one score. Multiplicative, so that text relevance stays the main
//! signal: a nearby service that is barely about the question does not beat a
//! distant one that is exactly about it, but among equally good matches the one that
//! serves the searcher, is close by and was checked recently comes first.

use serde::Serialize;

/// Factor for a service whose area does not include the searcher.
const NOT_COVERED: f32 = 0.6;
/// Distance at which the distance factor has dropped half-way to its floor.
const DISTANCE_SCALE_KM: f64 = 10.0;
/// Lowest distance factor.
const DISTANCE_FLOOR: f64 = 0.5;
/// Distance factor for a service without any location (phone, online).
const NO_LOCATION: f32 = 0.8;
/// Freshness of a service that was never verified.
const NEVER_VERIFIED: f32 = 0.6;

/// Why a result has its score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Explanation {
    /// Text relevance (BM25 over the weighted fields; 1 when browsing without words).
    pub text: f32,
    /// Whether the service's area covers the searcher (`None` without a location).
    pub covers_searcher: Option<bool>,
    /// Distance from the searcher to the nearest location, km.
    pub distance_km: Option<f64>,
    /// Locality factor (area and distance); 1 without a location.
    pub locality: f32,
    /// Days since the last verification (`None`: never verified).
    pub verified_days_ago: Option<i64>,
    /// Freshness factor.
    pub freshness: f32,
    /// The final score: text × locality × freshness.
    pub score: f32,
}

/// The freshness factor: 1 for verified within a year, falling to 0.7 at two years and
/// 0.6 at three.
pub fn freshness(days_ago: Option<i64>) -> f32 {
    let Some(days) = days_ago else { return NEVER_VERIFIED };
    #[allow(clippy::cast_precision_loss)]
    let years = days.max(0) as f32 / 365.0;
    match years {
        y if y <= 1.0 => 1.0,
        y if y <= 2.0 => 1.0 - 0.3 * (y - 1.0),
        y => (0.7 - 0.1 * (y - 2.0)).max(NEVER_VERIFIED),
    }
}

/// The locality factor from area coverage and distance.
pub fn locality(covers: bool, distance_km: Option<f64>) -> f32 {
    let area = if covers { 1.0 } else { NOT_COVERED };
    let distance = distance_km.map_or(NO_LOCATION, |d| {
        #[allow(clippy::cast_possible_truncation)]
        let f = (DISTANCE_FLOOR + (1.0 - DISTANCE_FLOOR) * (-d / DISTANCE_SCALE_KM).exp2()) as f32;
        f
    });
    area * distance
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_verification_keeps_full_weight_and_old_ones_decay() {
        assert!((freshness(Some(30)) - 1.0).abs() < f32::EPSILON);
        assert!(freshness(Some(500)) < 1.0 && freshness(Some(500)) > freshness(Some(800)));
        assert!(freshness(Some(5000)) >= NEVER_VERIFIED);
        assert!((freshness(None) - NEVER_VERIFIED).abs() < f32::EPSILON);
    }

    #[test]
    fn nearby_and_covering_services_score_higher() {
        assert!(locality(true, Some(1.0)) > locality(true, Some(20.0)));
        assert!(locality(true, Some(20.0)) > locality(false, Some(20.0)));
        assert!((locality(true, Some(0.0)) - 1.0).abs() < 1e-6);
        assert!(locality(false, Some(1000.0)) >= NOT_COVERED * 0.5);
    }
}
