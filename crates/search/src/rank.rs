//! How a text match, the searcher's location and the age of the last check combine
//! into one score. Multiplicative, so that text relevance stays the main signal: a
//! nearby service that is barely about the question does not beat a distant one that
//! is exactly about it, but among equally good matches the one that serves the
//! searcher, is close by and was checked recently comes first.

use serde::Serialize;
use wegwijs_domain::FreshnessPolicy;

/// Factor for a service whose area does not include the searcher.
const NOT_COVERED: f32 = 0.6;
/// Distance at which the distance factor has dropped half-way to its floor.
const DISTANCE_SCALE_KM: f64 = 10.0;
/// Lowest distance factor.
const DISTANCE_FLOOR: f64 = 0.5;
/// Distance factor for a service without any location (phone, online).
const NO_LOCATION: f32 = 0.8;
/// Freshness factor at the age at which a service is hidden, just before it leaves
/// search: low enough that a stale entry gives way to an equally good current one,
/// not so low that the only match for a question disappears down the list.
pub const FRESHNESS_AT_HIDING: f32 = 0.7;

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
    /// Days since the last check: the verification, or the last change of a service
    /// never verified. Freshness follows this.
    pub checked_days_ago: i64,
    /// Freshness factor.
    pub freshness: f32,
    /// The final score: text × locality × freshness.
    pub score: f32,
}

/// The freshness factor of a service last checked `days_ago` days ago: 1 until its
/// first reminder is due (`policy.first_reminder`), so an organisation that answers its
/// reminders never loses place; then falling in a straight line to
/// [`FRESHNESS_AT_HIDING`] at `policy.hide_after`, the age at which it leaves search.
pub fn freshness(policy: &FreshnessPolicy, days_ago: f64) -> f32 {
    #[allow(clippy::cast_precision_loss)]
    let days = |d: chrono::TimeDelta| d.num_seconds() as f64 / 86_400.0;
    let (start, end) = (days(policy.first_reminder), days(policy.hide_after));
    if days_ago <= start {
        return 1.0;
    }
    let share = if end > start { ((days_ago - start) / (end - start)).min(1.0) } else { 1.0 };
    #[allow(clippy::cast_possible_truncation)]
    let factor = (1.0 - f64::from(1.0 - FRESHNESS_AT_HIDING) * share) as f32;
    factor
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
    fn full_weight_until_the_first_reminder_then_falling_until_hidden() {
        let policy = FreshnessPolicy::default();
        let at = |days: f64| freshness(&policy, days);
        assert!((at(0.0) - 1.0).abs() < f32::EPSILON);
        assert!((at(180.0) - 1.0).abs() < f32::EPSILON, "six months: the first reminder is due");
        assert!(at(181.0) < 1.0, "drops from the first reminder on");
        assert!(at(270.0) > at(360.0) && at(360.0) > at(500.0));
        assert!((at(540.0) - FRESHNESS_AT_HIDING).abs() < 1e-6, "at hiding age");
        assert!((at(5000.0) - FRESHNESS_AT_HIDING).abs() < 1e-6, "never below");
    }

    #[test]
    fn freshness_follows_the_configured_thresholds() {
        let eager = FreshnessPolicy { first_reminder: wegwijs_domain::freshness::months(3), ..Default::default() };
        assert!(freshness(&eager, 120.0) < 1.0);
        assert!((freshness(&FreshnessPolicy::default(), 120.0) - 1.0).abs() < f32::EPSILON);
    }

    #[test]
    fn nearby_and_covering_services_score_higher() {
        assert!(locality(true, Some(1.0)) > locality(true, Some(20.0)));
        assert!(locality(true, Some(20.0)) > locality(false, Some(20.0)));
        assert!((locality(true, Some(0.0)) - 1.0).abs() < 1e-6);
        assert!(locality(false, Some(1000.0)) >= NOT_COVERED * 0.5);
    }
}
