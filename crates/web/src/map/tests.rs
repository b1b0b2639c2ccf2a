use super::*;

pub(super) fn place(name: &str) -> GeoPoint {
    geo::builtin().place(name).unwrap_or_else(|| panic!("{name} is in places.csv")).point
}

pub(super) fn pin(number: u32, point: GeoPoint, label: &str) -> Pin {
    Pin { number, point, label: label.to_owned() }
}

pub(super) fn request<'a>(municipalities: &'a [&'a str], pins: &'a [Pin], you: Option<GeoPoint>) -> MapRequest<'a> {
    MapRequest { title: "Kaart met resultaten in Teylingen", municipalities, pins, you, you_label: "Uw postcode" }
}

/// Three pins, one in each village of Teylingen.
pub(super) fn village_pins() -> Vec<Pin> {
    vec![
        pin(1, place("Sassenheim"), "Buurtteam Sassenheim"),
        pin(2, place("Voorhout"), "Bibliotheek Voorhout"),
        pin(3, place("Warmond"), "Dorpshuis Warmond"),
    ]
}

/// Twenty pins spread deterministically over Teylingen, as on a full result page.
pub(super) fn twenty_pins() -> Vec<Pin> {
    let villages = [place("Sassenheim"), place("Voorhout"), place("Warmond")];
    (1..=20)
        .map(|n| {
            let base = villages[n as usize % 3];
            let step = f64::from(n);
            let point = GeoPoint::new(base.lat + (step * 0.7).sin() * 0.006, base.lon + (step * 1.3).cos() * 0.009)
                .expect("near Teylingen");
            pin(n, point, &format!("Dienst nummer {n}"))
        })
        .collect()
}

/// The `translate()` positions of the pins, in document order.
fn pin_positions(svg: &str) -> Vec<(f64, f64)> {
    svg.split(r#"<g class="wm-pin" transform="translate("#)
        .skip(1)
        .map(|rest| {
            let (x, rest) = rest.split_once(' ').unwrap();
            let (y, _) = rest.split_once(')').unwrap();
            (x.parse().unwrap(), y.parse().unwrap())
        })
        .collect()
}

fn view_box(svg: &str) -> (f64, f64) {
    let rest = svg.split_once(r#"viewBox="0 0 "#).unwrap().1;
    let (w, rest) = rest.split_once(' ').unwrap();
    (w.parse().unwrap(), rest.split_once('"').unwrap().0.parse().unwrap())
}

#[test]
fn a_teylingen_map_has_a_title_numbered_pins_wijken_and_place_names() {
    let pins = village_pins();
    let svg = render_svg(&request(&["GM1525"], &pins, Some(place("Sassenheim")))).unwrap();
    assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
    assert!(svg.contains(r#"role="img""#));
    let id = svg.split_once(r#"aria-labelledby=""#).unwrap().1.split_once('"').unwrap().0;
    assert!(svg.contains(&format!(r#"<title id="{id}">Kaart met resultaten in Teylingen</title>"#)), "{id}");
    let titles: Vec<usize> = ["1. Buurtteam Sassenheim", "2. Bibliotheek Voorhout", "3. Dorpshuis Warmond"]
        .map(|t| svg.find(t).unwrap())
        .into();
    assert!(titles.is_sorted(), "{titles:?}");
    assert!(svg.contains(">1</text>") && svg.contains(">3</text>"));
    let wijken = svg.split_once(r#"<g class="wm-wk">"#).unwrap().1.split_once("</g>").unwrap().0;
    assert_eq!(wijken.matches("<path ").count(), 11, "all wijken of Teylingen are in view");
    assert!(svg.contains(r#"<text class="wm-place""#));
    assert!(svg.contains(">Sassenheim</text>"), "beside pin 1 and the searcher's ring");
    assert!(svg.contains(">Voorhout</text>") && svg.contains(">Warmond</text>"));
    assert!(svg.contains(CREDIT));
}

#[test]
fn names_and_titles_are_escaped() {
    let pins = [pin(1, place("Sassenheim"), "A & B <c> 'd'")];
    let mut map = request(&[], &pins, Some(place("Voorhout")));
    map.title = "Kaart \"Teylingen\" & <omgeving>";
    map.you_label = "Uw <postcode>";
    let svg = render_svg(&map).unwrap();
    assert!(svg.contains("<title>1. A &amp; B &lt;c&gt; &#39;d&#39;</title>"), "{svg}");
    assert!(svg.contains("Kaart &quot;Teylingen&quot; &amp; &lt;omgeving&gt;</title>"));
    assert!(svg.contains("<title>Uw &lt;postcode&gt;</title>"));
    assert!(!svg.contains("<c>") && !svg.contains("<omgeving>"));
}

#[test]
fn nothing_to_draw_gives_none() {
    assert!(render_svg(&request(&[], &[], None)).is_none());
    assert!(render_svg(&request(&["GM9999"], &[], None)).is_none(), "an unknown municipality draws nothing");
}

#[test]
fn pins_alone_give_a_map_without_wijken_or_place_names() {
    let pins = village_pins();
    let svg = render_svg(&request(&[], &pins, None)).unwrap();
    assert_eq!(pin_positions(&svg).len(), 3);
    assert!(svg.contains(r#"<g class="wm-wk"></g>"#));
    assert!(!svg.contains("wm-place\""));
    assert!(svg.contains(r#"<g class="wm-gm"><path"#), "the municipalities around give context");
}

#[test]
fn only_the_searchers_location_gives_a_small_map() {
    let svg = render_svg(&request(&[], &[], Some(place("Warmond")))).unwrap();
    assert!(svg.contains(r#"<g class="wm-you""#));
    assert_eq!(view_box(&svg), (640.0, 300.0));
}

#[test]
fn pins_on_the_same_spot_are_spread_out() {
    let spot = place("Sassenheim");
    let pins = [pin(1, spot, "Eerste"), pin(2, spot, "Tweede"), pin(3, place("Warmond"), "Derde")];
    let svg = render_svg(&request(&[], &pins, None)).unwrap();
    let positions = pin_positions(&svg);
    let distance = (positions[0].0 - positions[1].0).hypot(positions[0].1 - positions[1].1);
    assert!(distance >= 2.0 * PIN_RADIUS, "{positions:?}");
    assert_eq!(svg.matches("wm-spot\"").count(), 1, "the shared spot is marked once");
}

#[test]
fn the_view_box_contains_every_pin_and_the_searcher() {
    let pins = twenty_pins();
    let far = [pin(21, place("Lisse"), "Verder weg")];
    let all: Vec<Pin> = pins.iter().chain(&far).cloned().collect();
    let svg = render_svg(&request(&["GM1525"], &all, Some(place("Noordwijkerhout")))).unwrap();
    let (width, height) = view_box(&svg);
    assert_eq!(width, 640.0);
    assert!((300.0..=640.0).contains(&height), "{height}");
    let positions = pin_positions(&svg);
    assert_eq!(positions.len(), 21);
    let you = svg.split_once(r#"<g class="wm-you" transform="translate("#).unwrap().1;
    let (x, rest) = you.split_once(' ').unwrap();
    let you = (x.parse::<f64>().unwrap(), rest.split_once(')').unwrap().0.parse::<f64>().unwrap());
    for (x, y) in positions.into_iter().chain([you]) {
        assert!(x >= PIN_RADIUS && x <= width - PIN_RADIUS, "x {x}");
        assert!(y >= PIN_RADIUS && y <= height - PIN_RADIUS, "y {y}");
    }
}

#[test]
fn a_teylingen_map_with_twenty_pins_stays_small() {
    let pins = twenty_pins();
    let svg = render_svg(&request(&["GM1525"], &pins, Some(place("Sassenheim")))).unwrap();
    // Measured: 10.1 KB, of which 4.4 KB outlines, 1.2 KB style and 2.7 KB pins.
    assert!(svg.len() < 30_000, "{} bytes", svg.len());
}

#[test]
fn a_city_with_many_wijken_stays_under_forty_kb() {
    let pins = [pin(1, place("Amsterdam"), "Centrum")];
    let svg = render_svg(&request(&["GM0363"], &pins, None)).unwrap();
    // Measured: 24.1 KB for Amsterdam's 111 wijken and the municipalities around.
    assert!(svg.len() < 40_000, "{} bytes", svg.len());
    assert!(svg.contains(">Amsterdam</text>"));
}

#[test]
fn equal_maps_get_equal_ids_and_different_maps_different_ids() {
    let pins = village_pins();
    let first = render_svg(&request(&["GM1525"], &pins, None)).unwrap();
    assert_eq!(first, render_svg(&request(&["GM1525"], &pins, None)).unwrap());
    let other = render_svg(&request(&["GM1525"], &pins[..2], None)).unwrap();
    let id = |svg: &str| svg.split_once("aria-labelledby=\"").unwrap().1.split_once('"').unwrap().0.to_owned();
    assert_ne!(id(&first), id(&other));
}

#[test]
fn every_wijk_of_teylingen_has_a_boundary() {
    let codes: Vec<&str> = Boundaries::builtin().wijken_in("GM1525").map(|s| s.code.as_str()).collect();
    let wijken = geo::builtin().wijken_in("GM1525");
    assert_eq!(wijken.len(), 11);
    for wijk in wijken {
        assert!(codes.contains(&wijk.code.as_str()), "{} {}", wijk.code, wijk.name);
    }
    assert_eq!(codes.len(), 11);
}

#[test]
fn every_municipality_and_wijk_of_the_csv_files_has_a_boundary() {
    let boundaries = Boundaries::builtin();
    let geo = geo::builtin();
    assert_eq!(boundaries.municipalities.len(), 342);
    assert_eq!(boundaries.wijken.len(), 3474);
    for municipality in geo.municipalities() {
        assert!(boundaries.municipality(&municipality.code).is_some(), "{}", municipality.code);
        let shapes: Vec<&str> = boundaries.wijken_in(&municipality.code).map(|s| s.code.as_str()).collect();
        let listed: Vec<&str> = geo.wijken_in(&municipality.code).iter().map(|w| w.code.as_str()).collect();
        assert_eq!(shapes.len(), listed.len(), "{}", municipality.code);
        assert!(listed.iter().all(|code| shapes.contains(code)), "{}", municipality.code);
    }
}

/// Relative luminance as WCAG 2.1 defines it.
fn luminance(hex: &str) -> f64 {
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
        if c <= 0.039_28 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

fn contrast(a: &str, b: &str) -> f64 {
    let (a, b) = (luminance(a), luminance(b));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

#[test]
fn texts_and_markers_meet_wcag_aa_contrast() {
    assert!(contrast(PIN_TEXT, PIN) >= 4.5, "{}", contrast(PIN_TEXT, PIN));
    for fill in [WATER, LAND, SELECTED] {
        assert!(contrast(LABEL, fill) >= 4.5, "label on {fill}: {}", contrast(LABEL, fill));
        assert!(contrast(PIN, fill) >= 3.0, "pin on {fill}");
        assert!(contrast(YOU, fill) >= 3.0, "you on {fill}");
    }
}

#[test]
fn the_style_uses_the_colour_constants() {
    for colour in [WATER, LAND, SELECTED, LABEL, PIN, PIN_TEXT, YOU] {
        assert!(STYLE.contains(colour), "{colour}");
    }
}
