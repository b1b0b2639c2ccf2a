//! Record dates spread over the two years before `now`, so staleness features
//! (reminders, "not verified for a year", hiding) have something to show.

use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use wegwijs_domain::{RecordMeta, Source, Verification, VerifiedBy};

/// Metadata for a demo record: ~8% never verified, ~67% verified within the last 12
/// months, ~25% verified 12–24 months ago.
pub fn meta(rng: &mut ChaCha8Rng, now: DateTime<Utc>) -> RecordMeta {
    let days = |rng: &mut ChaCha8Rng, from: i64, to: i64| Duration::minutes(rng.random_range(from * 1440..to * 1440));
    let roll = rng.random_range(0..100);
    let verified_ago = match roll {
        0..8 => None,
        8..75 => Some(days(rng, 0, 365)),
        _ => Some(days(rng, 365, 720)),
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
