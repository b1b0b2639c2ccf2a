//! Record dates spread over the two years before `now`, so staleness features
//! (reminders, "not verified for a year", hiding) have something to show, while a new
//! demo site still shows almost everything: with the default policy (warning at 12
//! months, hidden at 18) about 16% of the records carry the warning and about 4% are
//! hidden, as on a kaart whose organisations mostly answer their reminders.

use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use wegwijs_domain::{RecordMeta, Source, Verification, VerifiedBy};

/// Metadata for a demo record: ~8% never verified (changed within the last six
/// months), ~72% verified within the last 12 months, ~16% verified 12–18 months ago and
/// ~4% 18–24 months ago.
pub fn meta(rng: &mut ChaCha8Rng, now: DateTime<Utc>) -> RecordMeta {
    let days = |rng: &mut ChaCha8Rng, from: i64, to: i64| Duration::minutes(rng.random_range(from * 1440..to * 1440));
    let roll = rng.random_range(0..100);
    let verified_ago = match roll {
        0..8 => None,
        8..80 => Some(days(rng, 0, 365)),
        80..96 => Some(days(rng, 365, 540)),
        _ => Some(days(rng, 540, 720)),
    };
    let created_ago = verified_ago.unwrap_or_default() + days(rng, 0, 180);
    let created_ago = created_ago.min(Duration::days(730));
    let created = now - created_ago;
    let updated = match verified_ago {
        Some(ago) if rng.random_bool(0.7) => now - ago,
        _ => created + Duration::seconds((created_ago.num_seconds() as f64 * rng.random_range(0.0..0.9)) as i64),
    };
    let verification = verified_ago.map(|ago| Verification {
        at: (now - ago).max(created),
        by: match rng.random_range(0..10) {
            0..6 => VerifiedBy::Provider,
            _ => VerifiedBy::Editor,
        },
    });
    RecordMeta {
        created,
        updated: updated.max(created),
        verification,
        source: Source { name: "demo".into(), reference: None },
    }
}

#[cfg(test)]
mod tests {
    use crate::{DEFAULT_SERVICES, DemoConfig, generate};
    use chrono::{TimeZone, Utc};
    use wegwijs_domain::FreshnessPolicy;
    use wegwijs_domain::freshness::last_checked;

    /// `serve --demo` (400 services, seed 1525): 2.8% hidden and 16% warned.
    #[test]
    fn a_new_demo_site_warns_about_some_services_and_hides_few() {
        let now = Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap();
        let data = generate(&DemoConfig { services: DEFAULT_SERVICES, seed: 1525, now });
        let policy = FreshnessPolicy::default();
        let share = |pick: &dyn Fn(chrono::DateTime<Utc>) -> bool| {
            let n = data.services.iter().filter(|s| pick(last_checked(&s.meta))).count();
            n as f64 / data.services.len() as f64
        };
        let hidden = share(&|checked| policy.is_hidden(checked, now));
        let warned = share(&|checked| policy.warns_public(checked, now) && !policy.is_hidden(checked, now));
        assert!(hidden > 0.0 && hidden < 0.07, "a few hidden, to show the feature: {hidden}");
        assert!(warned > 0.08 && warned < 0.25, "some warned: {warned}");
    }
}
