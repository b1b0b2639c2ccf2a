//! Server-rendered SVG maps for result pages: numbered pins on the municipality and
//! wijk boundaries of `data/geo-nl`.
//!
//! The map has to work offline, without JavaScript and without a request to a tile
//! server (which would leak every visitor's search area to a third party), so it is
//! drawn here as inline SVG from the embedded CBS boundaries. It supplements the
//! numbered result list beside it and never replaces it: the SVG is one image
//! (`role="img"`) with an accessible title, and every fact on it is also in the list.
//!
//! Colours come from a `<style>` element with `wm-` classes. Inline SVG styles apply
//! to the whole HTML page, hence the prefix; a deployment can theme the map through
//! these custom properties (the fallbacks meet WCAG 2.1 AA, a theme must too):
//! `--wegwijs-accent` (pins, white numbers on it), `--wegwijs-map-you`,
//! `--wegwijs-map-water`, `--wegwijs-map-land`, `--wegwijs-map-selected`,
//! `--wegwijs-map-border`, `--wegwijs-map-border-selected`, `--wegwijs-map-wijk` and
//! `--wegwijs-map-label` (place names, with a white halo).
//!
//! A deployment that configures a tile server gets [`render_tile_map`] instead: the
//! same pins on a static mosaic of map tiles, still without JavaScript.

mod boundaries;
mod frame;
mod path;
mod pins;
#[cfg(test)]
mod tests;
mod tiles;

pub use tiles::{check_tile_url, render_tile_map};

use crate::xml::push_escaped;
use boundaries::{Bbox, Boundaries, LonLat, Shape};
use frame::{Frame, Rect, WIDTH};
use path::{PathWriter, write_number};
use std::fmt::Write;
use std::sync::LazyLock;
use wegwijs_domain::GeoPoint;
use wegwijs_domain::geo::{self, Place};

/// One numbered pin; the number matches the numbered result list beside the map.
#[derive(Debug, Clone, PartialEq)]
pub struct Pin {
    /// The number shown on the pin and in the list: 1, 2, 3, …
    pub number: u32,
    /// Where the service is given.
    pub point: GeoPoint,
    /// Name of the service or location, for the pin's tooltip ("3. Buurtteam").
    pub label: String,
}

/// What to draw.
#[derive(Debug, Clone, Copy)]
pub struct MapRequest<'a> {
    /// Accessible title of the map, e.g. "Kaart met 12 resultaten in Teylingen".
    ///
    /// The ids inside the SVG are derived from a hash of the title and the pins, so
    /// they are deterministic (cacheable, snapshot-testable) and differ between the
    /// maps of one page as long as those maps differ.
    pub title: &'a str,
    /// Municipality codes whose wijk boundaries are drawn (may be empty).
    pub municipalities: &'a [&'a str],
    /// The pins, drawn in this order (later pins on top where they overlap).
    pub pins: &'a [Pin],
    /// The searcher's own location (postcode centroid), drawn as a distinct marker.
    pub you: Option<GeoPoint>,
    /// Text of the "you" marker's label for screen readers, e.g. "Uw postcode".
    pub you_label: &'a str,
}

/// Parses the embedded boundaries and places now instead of on the first map
/// request; the boundaries take some tens of milliseconds, which a server should
/// spend at start rather than in a visitor's request.
pub fn preload() {
    Boundaries::builtin();
    geo::builtin();
}

/// The map a deployment shows: tiles when it configured a tile server, else the SVG
/// map — also when the area is too large for tiles. `None` when there is nothing to draw.
pub fn render(request: &MapRequest, config: &crate::WebConfig) -> Option<String> {
    config
        .tile_url
        .as_deref()
        .and_then(|url| render_tile_map(request, url, &config.tile_attribution))
        .or_else(|| render_svg(request))
}

/// Inline SVG markup (an `<svg>` element, no XML prolog) or None when there is nothing to draw (no pins, no you, no municipalities).
///
/// Unknown municipality codes are ignored. The markup is about 10–30 KB for a
/// municipality with its wijken and takes well under a millisecond once the
/// boundaries are parsed (see [`preload`]).
pub fn render_svg(request: &MapRequest) -> Option<String> {
    let boundaries = Boundaries::builtin();
    let selected = selected_shapes(boundaries, request);
    let frame = Frame::fit(&content_bbox(request, &selected)?);

    let mut out = String::with_capacity(24 * 1024);
    let id = element_id(request);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="wm-map" viewBox="0 0 {WIDTH} {h}" width="{WIDTH}" height="{h}" role="img" aria-labelledby="{id}-title"><title id="{id}-title">"#,
        h = frame.height,
    );
    push_escaped(&mut out, request.title);
    out.push_str("</title><style>");
    out.push_str(&STYLE);
    let _ = write!(out, r#"</style><rect class="wm-water" width="{WIDTH}" height="{}"/>"#, frame.height);

    let mut paths = PathWriter::default();
    let clip = frame.rect(CLIP_MARGIN);
    let visible = frame.bbox(CLIP_MARGIN);
    out.push_str(r#"<g class="wm-gm">"#);
    for shape in boundaries.municipalities.iter().filter(|s| s.bbox.intersects(&visible)) {
        if !request.municipalities.contains(&shape.code.as_str()) {
            write_shape(&mut out, &mut paths, &frame, &shape.rings, &clip);
        }
    }
    out.push_str("</g>");
    let mut selected_paths = String::new();
    for shape in &selected {
        write_shape(&mut selected_paths, &mut paths, &frame, &shape.rings, &clip);
    }
    let _ = write!(out, r#"<g class="wm-gm wm-sel">{selected_paths}</g><g class="wm-wk">"#);
    for code in request.municipalities {
        for shape in boundaries.wijken_in(code).filter(|s| s.bbox.intersects(&visible)) {
            write_shape(&mut out, &mut paths, &frame, &shape.rings, &clip);
        }
    }
    let _ = write!(out, r#"</g><g class="wm-sel-line">{selected_paths}</g>"#);

    let spots: Vec<(f64, f64)> = request.pins.iter().map(|pin| frame.project(lon_lat(pin.point))).collect();
    let (radius, positions) = lay_out_pins(request.pins, &spots, &frame.rect(0.0));
    let square = |(x, y): (f64, f64), r: f64| Rect { min_x: x - r, min_y: y - r, max_x: x + r, max_y: y + r };
    let mut markers: Vec<Rect> = positions.iter().map(|&p| square(p, radius)).collect();
    markers.extend(request.you.map(|you| square(frame.project(lon_lat(you)), YOU_RADIUS)));
    write_place_names(&mut out, &frame, request.municipalities, markers);
    if let Some(you) = request.you {
        write_you(&mut out, frame.project(lon_lat(you)), request.you_label);
    }
    write_pins(&mut out, request.pins, &spots, &positions);
    let _ = write!(out, r#"<text class="wm-credit" x="{}" y="{}">"#, WIDTH - 4.0, frame.height - 4.0);
    out.push_str(CREDIT);
    out.push_str("</text></svg>");
    Some(out)
}

/// How far beyond the view outlines are clipped: more than any stroke width, so the
/// artificial edges along the clip rectangle are never visible.
const CLIP_MARGIN: f64 = 8.0;
/// Radius of a pin with one or two digits.
const PIN_RADIUS: f64 = 11.0;
/// Radius of a pin with three or more digits.
const WIDE_PIN_RADIUS: f64 = 14.0;
/// Radius of the ring around the searcher's location: wider than a pin, so that it
/// shows around a pin on the same spot.
const YOU_RADIUS: f64 = 17.0;
/// A pin moved further than this from its spot (user units) gets a leader line.
const MOVED: f64 = 3.0;
/// At most this many place names, so the map stays calm.
const MAX_PLACE_NAMES: usize = 12;
/// Font size of place names, in user units.
const PLACE_FONT: f64 = 12.0;
/// Source credit required by CBS and geonames.org; names and years only, so it needs
/// no translation.
const CREDIT: &str = "Kadaster / CBS 2023, 2024 · GeoNames";

/// Water and areas abroad (everything outside the municipality polygons).
pub(crate) const WATER: &str = "#dfe8ee";
/// Municipalities around the requested ones.
pub(crate) const LAND: &str = "#f1f1ec";
/// The requested municipalities.
pub(crate) const SELECTED: &str = "#ffffff";
/// Place names: at least 4.5:1 on all three fills above, also without the halo.
pub(crate) const LABEL: &str = "#4a4f53";
/// Pins: 7.7:1 with the white number on it.
pub(crate) const PIN: &str = "#00578a";
/// The number on a pin.
pub(crate) const PIN_TEXT: &str = "#ffffff";
/// The searcher's location: a red that keeps 3:1 against the fills (WCAG 1.4.11).
pub(crate) const YOU: &str = "#b3261e";

/// The style sheet of every map. Identical for all maps, so several maps on a page
/// do not conflict although inline SVG styles are global.
static STYLE: LazyLock<String> = LazyLock::new(|| {
    [
        ".wm-map{max-width:100%;height:auto;font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif}",
        &format!(".wm-water{{fill:var(--wegwijs-map-water,{WATER})}}"),
        &format!(
            ".wm-gm path{{fill:var(--wegwijs-map-land,{LAND});stroke:var(--wegwijs-map-border,#a3a9ad);stroke-width:.8;stroke-linejoin:round}}"
        ),
        &format!(".wm-sel path{{fill:var(--wegwijs-map-selected,{SELECTED})}}"),
        ".wm-sel-line path{fill:none;stroke:var(--wegwijs-map-border-selected,#6d7478);stroke-width:1.6;stroke-linejoin:round}",
        ".wm-wk path{fill:none;stroke:var(--wegwijs-map-wijk,#a9b1b6);stroke-width:.8;stroke-dasharray:4 3}",
        &format!(
            ".wm-place,.wm-credit{{fill:var(--wegwijs-map-label,{LABEL});paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}}"
        ),
        &format!(".wm-place{{font-size:{PLACE_FONT}px;text-anchor:middle}}"),
        ".wm-credit{font-size:9px;text-anchor:end}",
        &format!(".wm-you circle{{fill:var(--wegwijs-map-you,{YOU});stroke:#fff;stroke-width:1.5}}"),
        &format!(".wm-you .wm-halo{{fill-opacity:.12;stroke:var(--wegwijs-map-you,{YOU});stroke-width:2.5}}"),
        ".wm-spot{fill:#2b2f33}.wm-leader{fill:none;stroke:#2b2f33;stroke-width:1.2}",
        &format!(".wm-pin circle{{fill:var(--wegwijs-accent,{PIN});stroke:#fff;stroke-width:2}}"),
        &format!(".wm-pin text{{fill:{PIN_TEXT};font-size:12px;font-weight:700;text-anchor:middle}}"),
    ]
    .concat()
});

fn lon_lat(point: GeoPoint) -> LonLat {
    (point.lon, point.lat)
}

/// The outlines of the requested municipalities; unknown codes are left out.
fn selected_shapes<'a>(boundaries: &'a Boundaries, request: &MapRequest) -> Vec<&'a Shape> {
    request.municipalities.iter().filter_map(|code| boundaries.municipality(code)).collect()
}

/// What a map must show: the pins, the searcher and the requested municipalities;
/// None when there is none of these.
fn content_bbox(request: &MapRequest, selected: &[&Shape]) -> Option<Bbox> {
    let mut content: Option<Bbox> = None;
    let mut include = |bbox: Bbox| match &mut content {
        Some(all) => all.union(&bbox),
        None => content = Some(bbox),
    };
    for point in request.pins.iter().map(|pin| pin.point).chain(request.you) {
        include(Bbox::around(lon_lat(point)));
    }
    for shape in selected {
        include(shape.bbox);
    }
    content
}

/// The radius of the pins and their centres for the projected `spots`: on their spots,
/// or pushed apart just enough where they would overlap, and whole inside `view`.
fn lay_out_pins(pins: &[Pin], spots: &[(f64, f64)], view: &Rect) -> (f64, Vec<(f64, f64)>) {
    let radius = if pins.iter().any(|pin| pin.number >= 100) { WIDE_PIN_RADIUS } else { PIN_RADIUS };
    let inset = radius + 1.0;
    let area = Rect {
        min_x: view.min_x + inset,
        min_y: view.min_y + inset,
        max_x: view.max_x - inset,
        max_y: view.max_y - inset,
    };
    (radius, pins::layout(spots, 2.0 * radius + 2.0, &area))
}

/// One `<path>` for all rings of a shape, so holes (enclaves, lakes) stay open.
fn write_shape(out: &mut String, paths: &mut PathWriter, frame: &Frame, rings: &[Vec<LonLat>], clip: &Rect) {
    let start = out.len();
    out.push_str(r#"<path fill-rule="evenodd" d=""#);
    let mut any = false;
    for ring in rings {
        any |= paths.ring(out, frame, ring, clip);
    }
    if any {
        out.push_str(r#""/>"#);
    } else {
        out.truncate(start);
    }
}

/// Names of the larger places of the requested municipalities, largest first. A name
/// goes on its place, or just beside it when a marker or another name is in the way,
/// and is left out when all five positions are taken or stick out of the view.
fn write_place_names(out: &mut String, frame: &Frame, municipalities: &[&str], mut taken: Vec<Rect>) {
    let geo = geo::builtin();
    let mut places: Vec<&Place> =
        municipalities.iter().flat_map(|code| geo.places_in(code)).filter(|p| p.population > 0).collect();
    places.sort_by_key(|place| std::cmp::Reverse(place.population));
    let view = frame.rect(-2.0);
    let mut count = 0;
    for place in places {
        let (spot_x, centre) = frame.project(lon_lat(place.point));
        // A rough width: system fonts average a little over half the font size per character.
        let half = place.name.chars().count() as f64 * PLACE_FONT * 0.3 + 2.0;
        // On the place, or above, below, right or left of it, clear of a marker on the place.
        let clear = PIN_RADIUS.max(YOU_RADIUS) + 2.0;
        let (up, down, aside) = (clear + PLACE_FONT * 0.25, clear + PLACE_FONT * 0.8, clear + half);
        let baseline = centre + PLACE_FONT * 0.3;
        let free = [
            (spot_x, baseline),
            (spot_x, centre - up),
            (spot_x, centre + down),
            (spot_x + aside, baseline),
            (spot_x - aside, baseline),
        ]
        .into_iter()
        .map(|(x, y)| {
            (x, y, Rect { min_x: x - half, min_y: y - PLACE_FONT * 0.8, max_x: x + half, max_y: y + PLACE_FONT * 0.25 })
        })
        .find(|(_, _, rect)| {
            view.contains((rect.min_x, rect.min_y))
                && view.contains((rect.max_x, rect.max_y))
                && !taken.iter().any(|other| other.overlaps(rect))
        });
        let Some((x, y, rect)) = free else { continue };
        out.push_str(r#"<text class="wm-place" x=""#);
        write_number(out, x);
        out.push_str(r#"" y=""#);
        write_number(out, y);
        out.push_str(r#"">"#);
        push_escaped(out, &place.name);
        out.push_str("</text>");
        taken.push(rect);
        count += 1;
        if count == MAX_PLACE_NAMES {
            break;
        }
    }
}

/// The searcher's location: a dot in a translucent ring. It is drawn below the pins on
/// purpose: a postcode centroid often coincides with a service address, and the pin's
/// number must stay readable, while the wider ring stays visible around a pin.
fn write_you(out: &mut String, position: (f64, f64), label: &str) {
    out.push_str(r#"<g class="wm-you" transform="translate("#);
    write_position(out, position);
    out.push_str(")\"><title>");
    push_escaped(out, label);
    let _ = write!(out, r#"</title><circle class="wm-halo" r="{YOU_RADIUS}"/><circle r="4.5"/></g>"#);
}

/// Leader lines and dots for pins moved off their spots, then the pins in request
/// order, each a `<g>` with a tooltip title.
fn write_pins(out: &mut String, pins: &[Pin], spots: &[(f64, f64)], positions: &[(f64, f64)]) {
    let moved: Vec<usize> = (0..pins.len()).filter(|&i| pins::distance(spots[i], positions[i]) > MOVED).collect();
    if !moved.is_empty() {
        out.push_str(r#"<path class="wm-leader" d=""#);
        for &i in &moved {
            out.push('M');
            write_position(out, spots[i]);
            out.push('L');
            write_position(out, positions[i]);
        }
        out.push_str(r#""/>"#);
    }
    let mut dots: Vec<(f64, f64)> = Vec::new();
    for &i in &moved {
        if dots.iter().any(|&dot| pins::distance(dot, spots[i]) < 1.0) {
            continue;
        }
        dots.push(spots[i]);
        out.push_str(r#"<circle class="wm-spot" r="2.5" cx=""#);
        write_number(out, spots[i].0);
        out.push_str(r#"" cy=""#);
        write_number(out, spots[i].1);
        out.push_str(r#""/>"#);
    }
    for (pin, &position) in pins.iter().zip(positions) {
        let radius = if pin.number >= 100 { WIDE_PIN_RADIUS } else { PIN_RADIUS };
        out.push_str(r#"<g class="wm-pin" transform="translate("#);
        write_position(out, position);
        let _ = write!(out, ")\"><title>{}. ", pin.number);
        push_escaped(out, &pin.label);
        let _ = write!(out, r#"</title><circle r="{radius}"/><text y="4.3">{}</text></g>"#, pin.number);
    }
}

fn write_position(out: &mut String, (x, y): (f64, f64)) {
    write_number(out, x);
    out.push(' ');
    write_number(out, y);
}

/// A deterministic id prefix: FNV-1a of the title and the pins, so equal maps get
/// equal markup and different maps on one page get different ids.
fn element_id(request: &MapRequest) -> String {
    use std::hash::Hasher;
    let mut hasher = fnv::FnvHasher::default();
    hasher.write(request.title.as_bytes());
    for pin in request.pins {
        hasher.write(&pin.number.to_le_bytes());
        hasher.write(&pin.point.lat.to_le_bytes());
        hasher.write(&pin.point.lon.to_le_bytes());
    }
    let hash = hasher.finish();
    format!("wm{:08x}", (hash >> 32) as u32 ^ hash as u32)
}
