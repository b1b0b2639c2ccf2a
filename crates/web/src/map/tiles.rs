//! The optional tile map: the numbered pins on a static mosaic of map tiles, for a
//! deployment that configures a tile server (`WebConfig::tile_url`).
//!
//! It needs no JavaScript either: the server picks the closest zoom level at which the
//! area of the SVG map fits in 4 × 3 tiles' worth of pixels (Web Mercator, the usual
//! `{z}/{x}/{y}` scheme), and writes the tiles that cover it as `<img>` elements
//! positioned in percent of the map's width and height, so the mosaic scales with its
//! container. An SVG on top, in the same pixel space, carries the pins, the searcher's
//! marker and the accessible title, drawn by the same code and styles as the SVG map.
//!
//! The visitor's browser fetches the tiles from the tile server, which thereby learns
//! the area searched; that is why this map is only used when a deployment asks for it.

use super::boundaries::{Bbox, Boundaries, LonLat};
use super::frame::{Frame, Rect, WIDTH};
use super::{
    MapRequest, STYLE, content_bbox, element_id, lay_out_pins, lon_lat, selected_shapes, write_pins, write_you,
};
use crate::xml::push_escaped;
use std::f64::consts::PI;
use std::fmt::Write;

/// Width and height of a tile in pixels.
const TILE: f64 = 256.0;
/// A map is at most this many tiles wide…
const MAX_COLUMNS: i64 = 4;
/// …and this many high, in pixels. The area seldom starts on a tile's edge, so it
/// touches at most one more column and row: at most 5 × 4 tile requests. Counting
/// whole tiles touched instead would often force the next zoom out, and a map of half
/// the pixels, blown up and blurred on a page-wide map.
const MAX_ROWS: i64 = 3;
/// The closest zoom: streets and house blocks.
const MAX_ZOOM: u8 = 17;
/// The widest zoom; an area that needs less is drawn as the SVG map instead.
const MIN_ZOOM: u8 = 8;
/// The latitude where Web Mercator ends (its map is square).
const MAX_LATITUDE: f64 = 85.051_128_78;

/// Checks a tile URL template: `http(s)://host/…` with `{z}`, `{x}` and `{y}` in it
/// (`{s}` is allowed too and becomes `a`). The message says what is wrong.
pub fn check_tile_url(template: &str) -> Result<(), String> {
    let lower = template.to_ascii_lowercase();
    let Some(rest) = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")) else {
        return Err("a tile URL must start with https:// (or http://)".to_owned());
    };
    if rest.is_empty() || rest.starts_with('/') {
        return Err("a tile URL must name a host after https://".to_owned());
    }
    if template.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("a tile URL cannot contain spaces".to_owned());
    }
    let missing: Vec<&str> = ["{z}", "{x}", "{y}"].into_iter().filter(|p| !template.contains(p)).collect();
    if !missing.is_empty() {
        return Err(format!(
            "a tile URL must contain {{z}}, {{x}} and {{y}} (like https://tile.example.org/{{z}}/{{x}}/{{y}}.png); {} is missing",
            missing.join(" and ")
        ));
    }
    Ok(())
}

/// HTML for a map of tiles from `tile_url` (a template such as
/// `https://tile.example.org/{z}/{x}/{y}.png`) with the pins and the searcher on top,
/// followed by the tile server's `attribution` (left out when empty). None when there
/// is nothing to draw, when the template is not a usable http(s) URL (see
/// [`check_tile_url`]), or when the area is too large for 4 × 3 tiles at zoom 8;
/// callers then fall back to [`super::render_svg`].
pub fn render_tile_map(request: &MapRequest, tile_url: &str, attribution: &str) -> Option<String> {
    check_tile_url(tile_url).ok()?;
    let selected = selected_shapes(Boundaries::builtin(), request);
    // The same area as the SVG map: content, padding, a minimum width and a height
    // between a wide strip and a square.
    let view = View::fit(&Frame::fit(&content_bbox(request, &selected)?).bbox(0.0))?;

    let mut out = String::with_capacity(8 * 1024);
    let _ = write!(out, r#"<div class="tile-map" style="aspect-ratio:{}/{}">"#, view.width, view.height);
    let percent = |pixels: f64, of: i64| pixels * 100.0 / of as f64;
    for (x, y) in view.tiles() {
        let (left, top) = (x * TILE as i64 - view.left, y * TILE as i64 - view.top);
        out.push_str(r#"<img src=""#);
        push_escaped(&mut out, &tile_src(tile_url, view.zoom, x.rem_euclid(1 << view.zoom), y));
        out.push_str(r#"" alt="" loading="lazy" decoding="async" width="256" height="256" style="left:"#);
        write_percent(&mut out, percent(left as f64, view.width));
        out.push_str(";top:");
        write_percent(&mut out, percent(top as f64, view.height));
        out.push_str(";width:");
        write_percent(&mut out, percent(TILE, view.width));
        out.push_str(";height:");
        write_percent(&mut out, percent(TILE, view.height));
        out.push_str(r#"">"#);
    }
    write_overlay(&mut out, request, &view);
    out.push_str("</div>");
    if !attribution.trim().is_empty() {
        out.push_str(r#"<p class="tile-map__credit">"#);
        push_escaped(&mut out, attribution.trim());
        out.push_str("</p>");
    }
    Some(out)
}

/// The SVG over the tiles. Its view box is the map's pixel space at the chosen zoom;
/// the markers are drawn in a group scaled so that the map is `WIDTH` of their units
/// wide, which gives them the same size relative to the map as on the SVG map.
fn write_overlay(out: &mut String, request: &MapRequest, view: &View) {
    let scale = view.width as f64 / WIDTH;
    let id = format!("{}t", element_id(request));
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="wm-map" viewBox="0 0 {} {}" role="img" aria-labelledby="{id}-title" style="position:absolute;inset:0;width:100%;height:100%"><title id="{id}-title">"#,
        view.width, view.height,
    );
    push_escaped(out, request.title);
    out.push_str("</title><style>");
    out.push_str(&STYLE);
    let _ = write!(out, r#"</style><g transform="scale({scale:.6})">"#);
    let project = |point: LonLat| {
        let (x, y) = view.project(point);
        (x / scale, y / scale)
    };
    let spots: Vec<(f64, f64)> = request.pins.iter().map(|pin| project(lon_lat(pin.point))).collect();
    let area = Rect { min_x: 0.0, min_y: 0.0, max_x: WIDTH, max_y: view.height as f64 / scale };
    let (_, positions) = lay_out_pins(request.pins, &spots, &area);
    if let Some(you) = request.you {
        write_you(out, project(lon_lat(you)), request.you_label);
    }
    write_pins(out, request.pins, &spots, &positions);
    out.push_str("</g></svg>");
}

/// The part of the world a tile map shows: whole pixels at one zoom level.
#[derive(Debug, Clone, Copy, PartialEq)]
struct View {
    zoom: u8,
    /// World pixel of the left edge at this zoom.
    left: i64,
    /// World pixel of the top edge at this zoom.
    top: i64,
    width: i64,
    height: i64,
}

impl View {
    /// The closest zoom (at most `MAX_ZOOM`) at which `area` fits in `MAX_COLUMNS` ×
    /// `MAX_ROWS` tiles' worth of pixels, or None when it does not even fit at `MIN_ZOOM`.
    fn fit(area: &Bbox) -> Option<Self> {
        (MIN_ZOOM..=MAX_ZOOM).rev().map(|zoom| Self::at(area, zoom)).find(Self::fits)
    }

    fn fits(&self) -> bool {
        let tile = TILE as i64;
        self.width <= MAX_COLUMNS * tile && self.height <= MAX_ROWS * tile
    }

    /// The pixels at `zoom` that cover `area`.
    fn at(area: &Bbox, zoom: u8) -> Self {
        let (west, north) = world_pixel((area.min_lon, area.max_lat), zoom);
        let (east, south) = world_pixel((area.max_lon, area.min_lat), zoom);
        let (left, top) = (west.floor() as i64, north.floor() as i64);
        let width = (east.ceil() as i64 - left).max(1);
        let height = (south.ceil() as i64 - top).max(1);
        Self { zoom, left, top, width, height }
    }

    /// The first and last tile column and row the view touches.
    fn tile_range(&self) -> ((i64, i64), (i64, i64)) {
        let tile = TILE as i64;
        let columns = (self.left.div_euclid(tile), (self.left + self.width - 1).div_euclid(tile));
        let rows = (self.top.div_euclid(tile), (self.top + self.height - 1).div_euclid(tile));
        (columns, rows)
    }

    #[cfg(test)]
    fn tile_counts(&self) -> (i64, i64) {
        let ((first_column, last_column), (first_row, last_row)) = self.tile_range();
        (last_column - first_column + 1, last_row - first_row + 1)
    }

    /// The tiles to draw, row by row; rows beyond the poles are left out.
    fn tiles(&self) -> Vec<(i64, i64)> {
        let ((first_column, last_column), (first_row, last_row)) = self.tile_range();
        let rows = first_row.max(0)..=last_row.min((1 << self.zoom) - 1);
        rows.flat_map(|y| (first_column..=last_column).map(move |x| (x, y))).collect()
    }

    /// Where a coordinate lands, in pixels from the top left corner of the view.
    fn project(&self, point: LonLat) -> (f64, f64) {
        let (x, y) = world_pixel(point, self.zoom);
        (x - self.left as f64, y - self.top as f64)
    }
}

/// Web Mercator: the pixel of a coordinate on the world map at `zoom`, which is
/// 256 × 2^zoom pixels square with (0, 0) at 180° W, 85.05° N.
fn world_pixel((lon, lat): LonLat, zoom: u8) -> (f64, f64) {
    let size = TILE * f64::from(1_u32 << zoom);
    let lat = lat.clamp(-MAX_LATITUDE, MAX_LATITUDE).to_radians();
    ((lon + 180.0) / 360.0 * size, (1.0 - lat.tan().asinh() / PI) / 2.0 * size)
}

/// The tile (x, y) that contains a coordinate at `zoom`.
#[cfg(test)]
fn tile_of(point: LonLat, zoom: u8) -> (i64, i64) {
    let (x, y) = world_pixel(point, zoom);
    ((x / TILE).floor() as i64, (y / TILE).floor() as i64)
}

/// The URL of one tile, not yet escaped for HTML.
fn tile_src(template: &str, zoom: u8, x: i64, y: i64) -> String {
    template
        .replace("{z}", &zoom.to_string())
        .replace("{x}", &x.to_string())
        .replace("{y}", &y.to_string())
        .replace("{s}", "a")
}

/// A percentage with at most four decimals and no needless characters.
fn write_percent(out: &mut String, value: f64) {
    let text = format!("{value:.4}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    out.push_str(if text == "-0" { "0" } else { text });
    out.push('%');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::Pin;
    use crate::map::tests::{pin, place, request, twenty_pins, village_pins};
    use wegwijs_domain::GeoPoint;

    const URL: &str = "https://tile.example.org/{z}/{x}/{y}.png";

    /// The view a request gets, as `render_tile_map` computes it.
    fn view_of(request: &MapRequest) -> View {
        let selected = selected_shapes(Boundaries::builtin(), request);
        View::fit(&Frame::fit(&content_bbox(request, &selected).unwrap()).bbox(0.0)).unwrap()
    }

    /// The value of the first `name="…"` attribute in `html`.
    fn attribute<'a>(html: &'a str, name: &str) -> &'a str {
        html.split_once(&format!(r#" {name}=""#)).unwrap().1.split_once('"').unwrap().0
    }

    fn numbers(text: &str) -> Vec<f64> {
        text.split([' ', '%', ';', ':']).filter_map(|part| part.parse().ok()).collect()
    }

    #[test]
    fn tile_numbers_follow_the_slippy_map_formulas() {
        assert_eq!(tile_of((4.9, 52.37), 12), (2103, 1346));
        assert_eq!(tile_of((0.0, 0.0), 1), (1, 1));
        assert_eq!(tile_of((-179.9, 85.0), 5), (0, 0));
        // The textbook form: y = (1 − ln(tan φ + sec φ) / π) / 2 · 2^z.
        for (lon, lat, zoom) in [(4.9, 52.37, 12_u8), (4.52, 52.22, 15), (6.57, 53.22, 9), (3.36, 51.37, 17)] {
            let n = f64::from(1_u32 << zoom);
            let phi = f64::to_radians(lat);
            let x = ((lon + 180.0) / 360.0 * n).floor() as i64;
            let y = ((1.0 - (phi.tan() + 1.0 / phi.cos()).ln() / PI) / 2.0 * n).floor() as i64;
            assert_eq!(tile_of((lon, lat), zoom), (x, y), "{lon} {lat} {zoom}");
        }
    }

    #[test]
    fn a_municipality_gets_a_wider_zoom_than_a_single_pin() {
        let pins = village_pins();
        let teylingen = view_of(&request(&["GM1525"], &pins, Some(place("Sassenheim"))));
        let single = view_of(&request(&[], &pins[..1], None));
        assert_eq!(teylingen.zoom, 12, "{teylingen:?}");
        assert_eq!(single.zoom, 15, "{single:?}");
        for view in [teylingen, single] {
            assert!(view.width <= 1024 && view.height <= 768, "{view:?}");
            let (columns, rows) = view.tile_counts();
            assert!(columns <= MAX_COLUMNS + 1 && rows <= MAX_ROWS + 1, "{view:?}");
            assert_eq!(view.tiles().len() as i64, columns * rows);
        }
        // One zoom closer would not fit.
        let area = |request: &MapRequest| {
            let selected = selected_shapes(Boundaries::builtin(), request);
            Frame::fit(&content_bbox(request, &selected).unwrap()).bbox(0.0)
        };
        for (request, view) in [
            (request(&["GM1525"], &pins, Some(place("Sassenheim"))), teylingen),
            (request(&[], &pins[..1], None), single),
        ] {
            let closer = View::at(&area(&request), view.zoom + 1);
            assert!(closer.width > 1024 || closer.height > 768, "{closer:?}");
        }
    }

    #[test]
    fn every_pin_and_the_searcher_lie_inside_the_view_box() {
        let mut pins: Vec<Pin> = twenty_pins();
        pins.push(pin(21, place("Lisse"), "Verder weg"));
        let map = request(&["GM1525"], &pins, Some(place("Noordwijkerhout")));
        let html = render_tile_map(&map, URL, "© test").unwrap();
        let svg = html.split_once("<svg ").unwrap().1;
        let view_box = numbers(attribute(svg, "viewBox"));
        let (width, height) = (view_box[2], view_box[3]);
        let view = view_of(&map);
        assert_eq!((width, height), (view.width as f64, view.height as f64));
        assert!(html.contains(&format!("aspect-ratio:{}/{}", view.width, view.height)));
        let scale: f64 = svg.split_once("scale(").unwrap().1.split_once(')').unwrap().0.parse().unwrap();
        let translated: Vec<(f64, f64)> = svg
            .split(r#"transform="translate("#)
            .skip(1)
            .map(|rest| {
                let xy = numbers(rest.split_once(')').unwrap().0);
                (xy[0] * scale, xy[1] * scale)
            })
            .collect();
        assert_eq!(translated.len(), 22, "21 pins and the searcher");
        let radius = crate::map::PIN_RADIUS * scale;
        for (x, y) in translated {
            assert!(x >= radius && x <= width - radius, "x {x} of {width}");
            assert!(y >= radius && y <= height - radius, "y {y} of {height}");
        }
    }

    #[test]
    fn pins_sit_where_the_tiles_show_their_place() {
        // A pin far from the others stays on its spot; its pixel on the tile grid must
        // match the Mercator pixel of its coordinate.
        let pins = [pin(1, place("Warmond"), "Dorpshuis")];
        let map = request(&[], &pins, None);
        let html = render_tile_map(&map, URL, "").unwrap();
        let view = view_of(&map);
        let scale: f64 = html.split_once("scale(").unwrap().1.split_once(')').unwrap().0.parse().unwrap();
        let xy = numbers(html.split_once(r#"transform="translate("#).unwrap().1.split_once(')').unwrap().0);
        let (x, y) = world_pixel(lon_lat(place("Warmond")), view.zoom);
        assert!((xy[0] * scale + view.left as f64 - x).abs() < 0.5, "{xy:?}");
        assert!((xy[1] * scale + view.top as f64 - y).abs() < 0.5, "{xy:?}");
    }

    #[test]
    fn the_tiles_form_a_seamless_grid_over_the_whole_map() {
        let pins = village_pins();
        let map = request(&["GM1525"], &pins, None);
        let html = render_tile_map(&map, URL, "").unwrap();
        let view = view_of(&map);
        let styles: Vec<Vec<f64>> = html.split("<img ").skip(1).map(|img| numbers(attribute(img, "style"))).collect();
        let (columns, rows) = view.tile_counts();
        assert_eq!(styles.len() as i64, columns * rows);
        let (width, height) = (styles[0][2], styles[0][3]);
        for (i, style) in styles.iter().enumerate() {
            let (column, row) = (i as i64 % columns, i as i64 / columns);
            assert!((style[0] - (styles[0][0] + column as f64 * width)).abs() < 0.001, "{style:?}");
            assert!((style[1] - (styles[0][1] + row as f64 * height)).abs() < 0.001, "{style:?}");
        }
        // The grid covers the map: it starts at or before the top left corner and ends at
        // or after the bottom right one.
        assert!(styles[0][0] <= 0.0 && styles[0][1] <= 0.0);
        let last = styles.last().unwrap();
        assert!(last[0] + width >= 100.0 && last[1] + height >= 100.0, "{last:?}");
        let ((first_column, _), (first_row, _)) = view.tile_range();
        assert!(html.contains(&format!(
            r#"<img src="https://tile.example.org/{}/{}/{}.png" alt="" loading="lazy" decoding="async" width="256" height="256" style="left:"#,
            view.zoom, first_column, first_row
        )));
    }

    #[test]
    fn the_overlay_is_accessible_and_everything_is_escaped() {
        let pins = [pin(1, place("Sassenheim"), "A & B <c>"), pin(2, place("Voorhout"), "Bieb")];
        let mut map = request(&["GM1525"], &pins, Some(place("Warmond")));
        map.title = "Kaart \"Teylingen\" & <omgeving>";
        let html = render_tile_map(&map, URL, "© OpenStreetMap <bijdragers> & co").unwrap();
        assert!(html.starts_with(r#"<div class="tile-map" style="aspect-ratio:"#));
        let svg = html.split_once("<svg ").unwrap().1;
        assert!(svg.contains(r#"role="img""#));
        let id = attribute(svg, "aria-labelledby");
        assert!(
            svg.contains(&format!(r#"<title id="{id}">Kaart &quot;Teylingen&quot; &amp; &lt;omgeving&gt;</title>"#))
        );
        assert!(svg.contains("<title>1. A &amp; B &lt;c&gt;</title>") && svg.contains("<title>2. Bieb</title>"));
        assert!(svg.contains(r#"<g class="wm-you""#) && svg.contains("<title>Uw postcode</title>"));
        assert!(svg.contains(">1</text>") && svg.contains(">2</text>"));
        assert!(
            html.ends_with(
                r#"</svg></div><p class="tile-map__credit">© OpenStreetMap &lt;bijdragers&gt; &amp; co</p>"#
            )
        );
        assert!(!html.contains("<c>") && !html.contains("<bijdragers>"));
        assert!(!render_tile_map(&map, URL, "  ").unwrap().contains("tile-map__credit"), "no empty credit line");
    }

    #[test]
    fn the_url_template_is_filled_in_and_escaped() {
        assert_eq!(
            tile_src("https://{s}.tile.example.org/{z}/{x}/{y}.png", 12, 2103, 1346),
            "https://a.tile.example.org/12/2103/1346.png"
        );
        let template = "https://{s}.tiles.example.org/v1/{z}/{x}/{y}@2x.png?key=k\"1&style='light'";
        assert_eq!(
            tile_src(template, 9, 263, 168),
            "https://a.tiles.example.org/v1/9/263/168@2x.png?key=k\"1&style='light'"
        );
        let pins = [pin(1, GeoPoint::new(52.37, 4.9).unwrap(), "Amsterdam")];
        let html = render_tile_map(&request(&[], &pins, None), template, "").unwrap();
        assert!(html.contains(r#"src="https://a.tiles.example.org/v1/15/"#), "{}", html.split_once("<svg").unwrap().0);
        assert!(html.contains("@2x.png?key=k&quot;1&amp;style=&#39;light&#39;\" alt=\"\""));
        assert!(!html.contains("{s}") && !html.contains("{z}"));
    }

    #[test]
    fn bad_templates_are_refused() {
        let pins = village_pins();
        let map = request(&["GM1525"], &pins, None);
        for template in [
            "ftp://tile.example.org/{z}/{x}/{y}.png",
            "javascript:alert(1)//{z}/{x}/{y}",
            "//tile.example.org/{z}/{x}/{y}.png",
            "/tiles/{z}/{x}/{y}.png",
            "https:///{z}/{x}/{y}.png",
            "https://tile.example.org/{z}/{x}.png",
            "https://tile.example.org/{x}/{y}.png",
            "https://tile.example.org/tiles.png",
            "https://tile.example.org/{z}/{x}/{y} .png",
            "",
        ] {
            assert!(check_tile_url(template).is_err(), "{template}");
            assert!(render_tile_map(&map, template, "").is_none(), "{template}");
        }
        for template in [URL, "http://127.0.0.1:18999/{z}/{x}/{y}.png", "HTTPS://{s}.tile.example.org/{z}/{x}/{y}.png"]
        {
            assert_eq!(check_tile_url(template), Ok(()), "{template}");
        }
        assert!(check_tile_url("https://t.example.org/{z}.png").unwrap_err().contains("{x} and {y} is missing"));
    }

    #[test]
    fn nothing_to_draw_gives_none() {
        assert!(render_tile_map(&request(&[], &[], None), URL, "").is_none());
        assert!(render_tile_map(&request(&["GM9999"], &[], None), URL, "").is_none());
        assert!(render_tile_map(&request(&[], &[], Some(place("Warmond"))), URL, "").is_some());
        assert!(render_tile_map(&request(&["GM1525"], &[], None), URL, "").is_some());
    }

    #[test]
    fn an_area_too_large_for_zoom_eight_gives_none() {
        let pins = [pin(1, place("Sassenheim"), "Hier"), pin(2, GeoPoint::new(40.4, -3.7).unwrap(), "Madrid")];
        assert!(render_tile_map(&request(&[], &pins, None), URL, "").is_none());
        // The whole country needs more than 4 × 3 tiles at zoom 8: the SVG map draws it.
        let pins = [pin(1, place("Groningen"), "Noord"), pin(2, place("Maastricht"), "Zuid")];
        assert!(render_tile_map(&request(&[], &pins, None), URL, "").is_none());
        // A region fits.
        let pins = [pin(1, place("Leiden"), "Noord"), pin(2, place("Gouda"), "Oost"), pin(3, place("Delft"), "Zuid")];
        let view = view_of(&request(&["GM1525"], &pins, None));
        assert!((MIN_ZOOM..=11).contains(&view.zoom), "{view:?}");
    }
}
