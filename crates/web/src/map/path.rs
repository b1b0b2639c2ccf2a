//! Turns coordinate rings into short SVG path data.
//!
//! The map is part of every results page, so its bytes count: rings are clipped to
//! just beyond the view (a neighbouring municipality can be far larger than the
//! view), points closer together than a fraction of a pixel are dropped, and what
//! remains is written as relative moves in tenths of a unit.

use super::boundaries::LonLat;
use super::frame::{Frame, Rect};
use std::fmt::Write;

/// Points nearer than this (user units) to the previous kept point add nothing visible.
const MIN_STEP: f64 = 0.75;

/// Writes path data for rings. It keeps its buffers between rings, so that drawing a
/// whole map allocates only while they grow.
#[derive(Default)]
pub(super) struct PathWriter {
    projected: Vec<(f64, f64)>,
    scratch: Vec<(f64, f64)>,
    tenths: Vec<(i32, i32)>,
}

impl PathWriter {
    /// Appends one closed subpath (`M…Z`) for `ring`, clipped to `clip`; appends nothing
    /// when the ring lies outside `clip` or shrinks to fewer than three points.
    /// Returns whether anything was written.
    pub fn ring(&mut self, out: &mut String, frame: &Frame, ring: &[LonLat], clip: &Rect) -> bool {
        self.projected.clear();
        let mut bounds = Rect { min_x: f64::MAX, min_y: f64::MAX, max_x: f64::MIN, max_y: f64::MIN };
        for &point in ring {
            let (x, y) = frame.project(point);
            bounds.min_x = bounds.min_x.min(x);
            bounds.min_y = bounds.min_y.min(y);
            bounds.max_x = bounds.max_x.max(x);
            bounds.max_y = bounds.max_y.max(y);
            self.projected.push((x, y));
        }
        if !bounds.overlaps(clip) {
            return false;
        }
        if !(clip.contains((bounds.min_x, bounds.min_y)) && clip.contains((bounds.max_x, bounds.max_y))) {
            clip_to(&mut self.projected, &mut self.scratch, clip);
        }
        self.simplify();
        if self.tenths.len() < 3 {
            return false;
        }
        let (mut x, mut y) = self.tenths[0];
        out.push('M');
        write_tenths(out, x);
        out.push(' ');
        write_tenths(out, y);
        out.push('l');
        let mut first = true;
        for &(nx, ny) in &self.tenths[1..] {
            for (i, delta) in [nx - x, ny - y].into_iter().enumerate() {
                if !(first && i == 0) && delta >= 0 {
                    out.push(' ');
                }
                write_tenths(out, delta);
            }
            first = false;
            (x, y) = (nx, ny);
        }
        out.push('z');
        true
    }

    /// Fills `tenths` with the projected points rounded to tenths of a unit, leaving out
    /// points within `MIN_STEP` of the last kept one (also at the closing end).
    fn simplify(&mut self) {
        self.tenths.clear();
        let mut last: Option<(f64, f64)> = None;
        for &(x, y) in &self.projected {
            if let Some((lx, ly)) = last
                && (x - lx).powi(2) + (y - ly).powi(2) < MIN_STEP * MIN_STEP
            {
                continue;
            }
            last = Some((x, y));
            self.tenths.push(((x * 10.0).round() as i32, (y * 10.0).round() as i32));
        }
        while self.tenths.len() > 1 {
            let (fx, fy) = self.tenths[0];
            let (lx, ly) = self.tenths[self.tenths.len() - 1];
            if f64::from((fx - lx).pow(2) + (fy - ly).pow(2)) < (MIN_STEP * 10.0).powi(2) {
                self.tenths.pop();
            } else {
                break;
            }
        }
    }
}

/// Sutherland–Hodgman clipping of a polygon against an axis-aligned rectangle, in place.
/// Parts outside become edges along the rectangle, which is fine because the rectangle
/// lies outside the visible area.
fn clip_to(points: &mut Vec<(f64, f64)>, scratch: &mut Vec<(f64, f64)>, clip: &Rect) {
    for edge in [Edge::Left(clip.min_x), Edge::Right(clip.max_x), Edge::Top(clip.min_y), Edge::Bottom(clip.max_y)] {
        let Some(&last) = points.last() else { return };
        scratch.clear();
        let mut previous = last;
        for &current in points.iter() {
            match (edge.keeps(previous), edge.keeps(current)) {
                (true, true) => scratch.push(current),
                (true, false) => scratch.push(edge.cross(previous, current)),
                (false, true) => {
                    scratch.push(edge.cross(previous, current));
                    scratch.push(current);
                }
                (false, false) => {}
            }
            previous = current;
        }
        std::mem::swap(points, scratch);
    }
}

/// One side of the clip rectangle, with its coordinate.
#[derive(Clone, Copy)]
enum Edge {
    Left(f64),
    Right(f64),
    Top(f64),
    Bottom(f64),
}

impl Edge {
    /// Whether a point lies on the inner side.
    fn keeps(self, (x, y): (f64, f64)) -> bool {
        match self {
            Self::Left(at) => x >= at,
            Self::Right(at) => x <= at,
            Self::Top(at) => y >= at,
            Self::Bottom(at) => y <= at,
        }
    }

    /// Where the segment from `a` to `b`, which crosses the edge, meets it.
    fn cross(self, a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
        match self {
            Self::Left(at) | Self::Right(at) => (at, a.1 + (b.1 - a.1) * (at - a.0) / (b.0 - a.0)),
            Self::Top(at) | Self::Bottom(at) => (a.0 + (b.0 - a.0) * (at - a.1) / (b.1 - a.1), at),
        }
    }
}

/// Writes a number given in tenths with at most one decimal and no leading zero:
/// 12 → "1.2", -3 → "-.3", 40 → "4".
pub(super) fn write_tenths(out: &mut String, tenths: i32) {
    if tenths < 0 {
        out.push('-');
    }
    let (whole, fraction) = (tenths.unsigned_abs() / 10, tenths.unsigned_abs() % 10);
    if whole > 0 || fraction == 0 {
        let _ = write!(out, "{whole}");
    }
    if fraction > 0 {
        out.push('.');
        out.push(char::from(b'0' + fraction as u8));
    }
}

/// Writes a coordinate rounded to one decimal.
pub(super) fn write_number(out: &mut String, value: f64) {
    write_tenths(out, (value * 10.0).round() as i32);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::boundaries::Bbox;

    #[test]
    fn tenths_are_written_without_needless_characters() {
        let cases = [(0, "0"), (12, "1.2"), (-3, "-.3"), (40, "4"), (-40, "-4"), (6405, "640.5")];
        for (tenths, expected) in cases {
            let mut out = String::new();
            write_tenths(&mut out, tenths);
            assert_eq!(out, expected);
        }
    }

    fn frame() -> Frame {
        Frame::fit(&Bbox { min_lon: 4.0, min_lat: 52.0, max_lon: 4.1, max_lat: 52.05 })
    }

    #[test]
    fn a_ring_inside_the_view_becomes_relative_moves() {
        let frame = frame();
        let ring = [(4.02, 52.04), (4.08, 52.04), (4.08, 52.01)];
        let mut out = String::new();
        assert!(PathWriter::default().ring(&mut out, &frame, &ring, &frame.rect(8.0)));
        assert!(out.starts_with('M') && out.ends_with('z'), "{out}");
        assert_eq!(out.matches('l').count(), 1, "{out}");
    }

    #[test]
    fn a_ring_outside_the_view_writes_nothing() {
        let frame = frame();
        let ring = [(5.0, 53.0), (5.1, 53.0), (5.1, 53.1)];
        let mut out = String::new();
        assert!(!PathWriter::default().ring(&mut out, &frame, &ring, &frame.rect(8.0)));
        assert!(out.is_empty());
    }

    #[test]
    fn a_ring_larger_than_the_view_is_clipped_to_its_margin() {
        let frame = frame();
        let rect = frame.rect(8.0);
        let mut points = vec![(-500.0, -500.0), (2000.0, -500.0), (2000.0, 2000.0), (-500.0, 2000.0)];
        clip_to(&mut points, &mut Vec::new(), &rect);
        assert_eq!(points.len(), 4);
        assert!(points.iter().all(|&p| rect.contains(p)), "{points:?}");
    }

    #[test]
    fn points_closer_than_the_minimum_step_are_dropped() {
        let frame = frame();
        let ring = [(4.02, 52.04), (4.020001, 52.04), (4.08, 52.04), (4.08, 52.01), (4.020001, 52.040001)];
        let mut writer = PathWriter::default();
        let mut out = String::new();
        writer.ring(&mut out, &frame, &ring, &frame.rect(8.0));
        assert_eq!(writer.tenths.len(), 3, "{out}");
    }
}
