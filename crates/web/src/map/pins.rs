//! Where the numbered pins go. Results often share an address or lie a few hundred
//! metres apart, and a pin whose number is hidden under another breaks the link
//! between map and list, so overlapping pins are pushed apart just enough, and the
//! map marks where a moved pin really belongs.

use super::frame::Rect;

/// Pins whose spots are nearer than this (user units) count as one spot: they are
/// first spread evenly on a circle, as pushing cannot pick a direction for them.
const SAME_SPOT: f64 = 1.0;
/// Rounds of pushing; enough for a few dozen pins, and a bound on the work.
const ROUNDS: usize = 40;

/// Pin centres for `spots` (projected locations), at least `spacing` apart where
/// possible and inside `area`. A pin stays on its spot when it overlaps nothing.
pub(super) fn layout(spots: &[(f64, f64)], spacing: f64, area: &Rect) -> Vec<(f64, f64)> {
    let mut positions = spots.to_vec();
    let mut seeded = vec![false; spots.len()];
    for i in 0..spots.len() {
        if seeded[i] {
            continue;
        }
        let group: Vec<usize> =
            (i..spots.len()).filter(|&j| !seeded[j] && distance(spots[i], spots[j]) < SAME_SPOT).collect();
        if group.len() < 2 {
            continue;
        }
        let count = group.len() as f64;
        let radius = spacing / 2.0 / (std::f64::consts::PI / count).sin();
        for (k, &j) in group.iter().enumerate() {
            // The first pin goes left of the spot, the others follow clockwise.
            let angle = std::f64::consts::PI * (1.0 + 2.0 * k as f64 / count);
            positions[j] = (spots[i].0 + radius * angle.cos(), spots[i].1 + radius * angle.sin());
            seeded[j] = true;
        }
    }
    for _ in 0..ROUNDS {
        let mut moved = false;
        for i in 0..positions.len() {
            for j in i + 1..positions.len() {
                let (a, b) = (positions[i], positions[j]);
                let gap = distance(a, b);
                if gap >= spacing - 0.01 {
                    continue;
                }
                // Push both apart along the line between them; coinciding pins along a
                // direction that differs per pair.
                let (dx, dy) = if gap > 1e-6 {
                    ((b.0 - a.0) / gap, (b.1 - a.1) / gap)
                } else {
                    let angle = (i * 7 + j) as f64;
                    (angle.cos(), angle.sin())
                };
                let push = (spacing - gap) / 2.0;
                positions[i] = clamp((a.0 - dx * push, a.1 - dy * push), area);
                positions[j] = clamp((b.0 + dx * push, b.1 + dy * push), area);
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    positions
}

pub(super) fn distance(a: (f64, f64), b: (f64, f64)) -> f64 {
    (a.0 - b.0).hypot(a.1 - b.1)
}

fn clamp((x, y): (f64, f64), area: &Rect) -> (f64, f64) {
    (x.clamp(area.min_x, area.max_x), y.clamp(area.min_y, area.max_y))
}

#[cfg(test)]
mod tests {
    use super::*;

    const AREA: Rect = Rect { min_x: 11.0, min_y: 11.0, max_x: 629.0, max_y: 289.0 };

    #[test]
    fn pins_far_apart_stay_on_their_spots() {
        let spots = [(100.0, 100.0), (200.0, 100.0), (150.0, 200.0)];
        assert_eq!(layout(&spots, 24.0, &AREA), spots);
    }

    #[test]
    fn pins_on_one_spot_are_spread_around_it() {
        let spots = [(300.0, 150.0); 4];
        let positions = layout(&spots, 24.0, &AREA);
        for (i, &a) in positions.iter().enumerate() {
            assert!(distance(a, spots[0]) > 10.0, "{positions:?}");
            for &b in &positions[i + 1..] {
                assert!(distance(a, b) >= 23.9, "{positions:?}");
            }
        }
    }

    #[test]
    fn overlapping_pins_are_pushed_apart_within_the_area() {
        let spots = [(12.0, 12.0), (15.0, 14.0), (20.0, 12.0), (300.0, 150.0)];
        let positions = layout(&spots, 24.0, &AREA);
        for (i, &a) in positions.iter().enumerate() {
            assert!(AREA.contains(a), "{a:?}");
            for &b in &positions[i + 1..] {
                assert!(distance(a, b) >= 23.0, "{positions:?}");
            }
        }
        assert_eq!(positions[3], spots[3]);
    }
}
