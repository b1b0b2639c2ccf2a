//! Which part of the country a map shows, and where a coordinate lands on it.
//!
//! A plain equirectangular projection with the longitude scaled by the cosine of the
//! middle latitude: at the scale of a municipality or a province this keeps shapes
//! true to within a percent or two, costs one multiply per coordinate, and needs no
//! projection library.

use super::boundaries::{Bbox, LonLat};

/// Width of every map in SVG user units; pages scale the SVG with CSS.
pub(super) const WIDTH: f64 = 640.0;
/// Lowest height, so a row of pins along one road does not give a strip.
const MIN_HEIGHT: f64 = 300.0;
/// Highest height (square), so a tall area does not push the result list off screen.
const MAX_HEIGHT: f64 = 640.0;
/// Room around the content on each side, as a share of its extent, so pins at the
/// edge stay whole.
const PADDING: f64 = 0.08;
/// Narrowest view: a single pin should still show its surroundings.
const MIN_WIDTH_KM: f64 = 2.0;
/// Kilometres per degree of latitude (mean).
const KM_PER_DEGREE: f64 = 111.32;

/// A rectangle in SVG user units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Rect {
    pub min_x: f64,
    pub min_y: f64,
    pub max_x: f64,
    pub max_y: f64,
}

impl Rect {
    /// Whether the point lies inside or on the edge.
    pub fn contains(&self, (x, y): (f64, f64)) -> bool {
        (self.min_x..=self.max_x).contains(&x) && (self.min_y..=self.max_y).contains(&y)
    }

    /// Whether the rectangles overlap.
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.min_x < other.max_x && other.min_x < self.max_x && self.min_y < other.max_y && other.min_y < self.max_y
    }
}

/// The projection of one map: `WIDTH` × `height` user units, north up.
#[derive(Debug, Clone, Copy)]
pub(super) struct Frame {
    /// Height in whole user units, between `MIN_HEIGHT` and `MAX_HEIGHT`.
    pub height: f64,
    /// Longitude at x = 0.
    west: f64,
    /// Latitude at y = 0.
    north: f64,
    /// User units per degree of longitude.
    x_scale: f64,
    /// User units per degree of latitude.
    y_scale: f64,
}

impl Frame {
    /// The frame that shows `content` with padding, at least `MIN_WIDTH_KM` wide, and
    /// with the height clamped; the content is centred and the spare room is filled
    /// with surroundings rather than stretching anything.
    pub fn fit(content: &Bbox) -> Self {
        let mid_lat = (content.min_lat + content.max_lat) / 2.0;
        let cos = mid_lat.to_radians().cos();
        // Work in degrees of latitude on both axes, so that the aspect ratio is true.
        let mut width =
            ((content.max_lon - content.min_lon) * cos * (1.0 + 2.0 * PADDING)).max(MIN_WIDTH_KM / KM_PER_DEGREE);
        let mut height = (content.max_lat - content.min_lat) * (1.0 + 2.0 * PADDING);
        let units_high = (WIDTH * height / width).clamp(MIN_HEIGHT, MAX_HEIGHT).round();
        width = width.max(height * WIDTH / units_high);
        height = width * units_high / WIDTH;

        let mid_lon = (content.min_lon + content.max_lon) / 2.0;
        let scale = WIDTH / width;
        Self {
            height: units_high,
            west: mid_lon - width / 2.0 / cos,
            north: mid_lat + height / 2.0,
            x_scale: scale * cos,
            y_scale: scale,
        }
    }

    /// Where a coordinate lands, in user units (y grows southwards).
    pub fn project(&self, (lon, lat): LonLat) -> (f64, f64) {
        ((lon - self.west) * self.x_scale, (self.north - lat) * self.y_scale)
    }

    /// The visible area grown by `margin` user units on every side.
    pub fn rect(&self, margin: f64) -> Rect {
        Rect { min_x: -margin, min_y: -margin, max_x: WIDTH + margin, max_y: self.height + margin }
    }

    /// The coordinates covered by [`Self::rect`] with the same margin, to skip shapes
    /// that cannot be seen by their bounding box alone.
    pub fn bbox(&self, margin: f64) -> Bbox {
        Bbox {
            min_lon: self.west - margin / self.x_scale,
            max_lon: self.west + (WIDTH + margin) / self.x_scale,
            min_lat: self.north - (self.height + margin) / self.y_scale,
            max_lat: self.north + margin / self.y_scale,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bbox(min_lon: f64, min_lat: f64, max_lon: f64, max_lat: f64) -> Bbox {
        Bbox { min_lon, min_lat, max_lon, max_lat }
    }

    #[test]
    fn a_single_point_gets_a_view_two_km_wide_at_the_lowest_height() {
        let frame = Frame::fit(&bbox(4.52, 52.22, 4.52, 52.22));
        assert_eq!(frame.height, MIN_HEIGHT);
        let (x, y) = frame.project((4.52, 52.22));
        assert!((x - WIDTH / 2.0).abs() < 1e-6 && (y - MIN_HEIGHT / 2.0).abs() < 1e-6, "{x} {y}");
        let view = frame.bbox(0.0);
        let km = (view.max_lon - view.min_lon) * 52.22_f64.to_radians().cos() * KM_PER_DEGREE;
        assert!((km - MIN_WIDTH_KM).abs() < 1e-6, "{km}");
    }

    #[test]
    fn a_square_area_keeps_its_shape() {
        // 10 km by 10 km around Sassenheim.
        let dlat = 10.0 / KM_PER_DEGREE;
        let dlon = dlat / 52.2_f64.to_radians().cos();
        let frame = Frame::fit(&bbox(4.5, 52.2 - dlat / 2.0, 4.5 + dlon, 52.2 + dlat / 2.0));
        assert_eq!(frame.height, WIDTH);
        let (x0, y0) = frame.project((4.5, 52.2 - dlat / 2.0));
        let (x1, y1) = frame.project((4.5 + dlon, 52.2 + dlat / 2.0));
        assert!(((x1 - x0) / (y0 - y1) - 1.0).abs() < 0.01);
    }

    #[test]
    fn a_tall_area_is_clamped_to_a_square_and_keeps_its_padding() {
        let frame = Frame::fit(&bbox(4.5, 52.0, 4.51, 52.5));
        assert_eq!(frame.height, MAX_HEIGHT);
        let (_, top) = frame.project((4.5, 52.5));
        assert!((top - MAX_HEIGHT * PADDING / (1.0 + 2.0 * PADDING)).abs() < 1e-6, "{top}");
    }

    #[test]
    fn the_bbox_and_the_rect_describe_the_same_area() {
        let frame = Frame::fit(&bbox(4.45, 52.18, 4.56, 52.26));
        let view = frame.bbox(10.0);
        let rect = frame.rect(10.0);
        let (x, y) = frame.project((view.min_lon, view.max_lat));
        assert!((x - rect.min_x).abs() < 1e-6 && (y - rect.min_y).abs() < 1e-6);
        let (x, y) = frame.project((view.max_lon, view.min_lat));
        assert!((x - rect.max_x).abs() < 1e-6 && (y - rect.max_y).abs() < 1e-6);
    }
}
