//! The charts read as real documents: parsed, so that the tests look at the texts and
//! shapes a browser and a screen reader get, not at how the markup happens to be spelled.

use super::bars::{percent, wrap};
use super::columns::scale;
use super::{BarRow, ColumnGroup, Columns, HorizontalBars};
use crate::i18n::Locale;
use scraper::{ElementRef, Html, Selector};

fn villages(rows: &[(&str, &[f64])]) -> HorizontalBars {
    HorizontalBars {
        title: "Gecontroleerd per dorp".into(),
        description: "Deel van de diensten dat is gecontroleerd, per dorp.".into(),
        label_heading: "Dorp".into(),
        segments: vec!["in de laatste 6 maanden".into(), "6 tot 12 maanden geleden".into()],
        total: Some("samen".into()),
        rest: "langer geleden of nooit".into(),
        no_data: "Nog geen gegevens.".into(),
        rows: rows.iter().map(|(label, shares)| BarRow { label: (*label).into(), shares: shares.to_vec() }).collect(),
    }
}

fn reminders(weeks: &[(&str, [u64; 3])]) -> Columns {
    Columns {
        title: "Herinneringen per week".into(),
        description: "Herinneringen die zijn verstuurd, geopend en bevestigd, per week.".into(),
        category_heading: "Week".into(),
        value_label: "Aantal herinneringen".into(),
        series: vec!["verstuurd".into(), "geopend".into(), "bevestigd".into()],
        no_data: "Nog geen gegevens.".into(),
        categories: weeks
            .iter()
            .map(|(label, values)| ColumnGroup { label: (*label).into(), values: values.to_vec() })
            .collect(),
    }
}

fn parse(markup: &str) -> Html {
    Html::parse_fragment(markup)
}

fn select<'a>(html: &'a Html, selector: &str) -> Vec<ElementRef<'a>> {
    html.select(&Selector::parse(selector).unwrap()).collect()
}

fn text(element: &ElementRef) -> String {
    element.text().collect()
}

fn texts(html: &Html, selector: &str) -> Vec<String> {
    select(html, selector).iter().map(text).collect()
}

fn desc(html: &Html) -> String {
    texts(html, "desc").concat()
}

/// A drawn bar: the label's lines and the segments' `(class, x, width)`.
type Bar = (Vec<String>, Vec<(String, String, String)>);

/// The bars of a bar chart, top to bottom.
fn bars(html: &Html) -> Vec<Bar> {
    select(html, "svg > g:not(.wc-legend)")
        .iter()
        .map(|row| {
            let lines = row.select(&Selector::parse("text:not(.wc-value)").unwrap()).map(|t| text(&t)).collect();
            let segments = row
                .select(&Selector::parse("rect:not(.wc-track)").unwrap())
                .map(|rect| {
                    let attr = |name| rect.value().attr(name).unwrap().to_owned();
                    (attr("class"), attr("x"), attr("width"))
                })
                .collect();
            (lines, segments)
        })
        .collect()
}

#[test]
fn the_description_says_every_number_in_words() {
    let chart = villages(&[("Sassenheim", &[0.6, 0.2333]), ("Voorhout", &[0.25])]);
    let svg = parse(&chart.svg(Locale::Nl));
    assert_eq!(
        desc(&svg),
        "Deel van de diensten dat is gecontroleerd, per dorp. \
         Sassenheim: 83% samen, 60% in de laatste 6 maanden, 23% 6 tot 12 maanden geleden, 17% langer geleden of nooit. \
         Voorhout: 25% samen, 25% in de laatste 6 maanden, 0% 6 tot 12 maanden geleden, 75% langer geleden of nooit."
    );
    assert_eq!(texts(&svg, "svg > title"), ["Gecontroleerd per dorp"]);
    assert_eq!(texts(&svg, ".wc-value"), ["83%", "25%"]);

    let chart = reminders(&[("wk 14", [1234, 40, 0]), ("wk 15", [12, 3, 1])]);
    let svg = parse(&chart.svg(Locale::Nl));
    assert_eq!(
        desc(&svg),
        "Herinneringen die zijn verstuurd, geopend en bevestigd, per week. \
         wk 14: 1.234 verstuurd, 40 geopend, 0 bevestigd. wk 15: 12 verstuurd, 3 geopend, 1 bevestigd."
    );
    assert!(desc(&parse(&chart.svg(Locale::En))).contains("1,234 verstuurd"));
}

#[test]
fn the_chart_is_one_image_named_by_its_title_and_described_by_its_numbers() {
    for markup in
        [villages(&[("Warmond", &[0.5, 0.1])]).svg(Locale::Nl), reminders(&[("wk 1", [3, 2, 1])]).svg(Locale::Nl)]
    {
        let html = parse(&markup);
        let svg = select(&html, "svg");
        assert_eq!(svg.len(), 1, "{markup}");
        let svg = svg[0].value();
        assert_eq!((svg.attr("role"), svg.attr("width")), (Some("img"), Some("100%")), "{markup}");
        let title = select(&html, "svg > title")[0].value().id().unwrap().to_owned();
        let desc = select(&html, "svg > desc")[0].value().id().unwrap().to_owned();
        assert_eq!(svg.attr("aria-labelledby"), Some(title.as_str()));
        assert_eq!(svg.attr("aria-describedby"), Some(desc.as_str()));
        // Labels are text a browser can enlarge and a translator can read, not paths.
        assert!(select(&html, "path").is_empty(), "{markup}");
        assert!(select(&html, "text").len() >= 4, "{markup}");
    }
}

#[test]
fn labels_titles_and_names_are_escaped_everywhere() {
    let evil = r#"Stichting <b>Hulp</b> & "Zorg" 'Één'"#;
    let mut chart = villages(&[(evil, &[0.5, 0.2])]);
    chart.title = "<script>alert(1)</script>".into();
    chart.segments[0] = "<i>recent</i>".into();
    let mut columns = reminders(&[(evil, [1, 1, 1])]);
    columns.series[2] = "</text><script>x</script>".into();
    columns.value_label = "a < b & c".into();
    for markup in [chart.svg(Locale::Nl), chart.table(Locale::Nl), columns.svg(Locale::Nl), columns.table(Locale::Nl)] {
        let html = parse(&markup);
        assert!(select(&html, "script, b, i").is_empty(), "markup got through: {markup}");
        for raw in ["<b>", "<i>", "<script", "& "] {
            assert!(!markup.contains(raw), "{raw} unescaped in {markup}");
        }
        // The text as read is the label itself.
        assert!(html.root_element().text().collect::<String>().contains(evil), "{markup}");
    }
}

#[test]
fn without_data_a_sentence_replaces_the_chart_and_the_table() {
    let empty = villages(&[]);
    assert!(empty.is_empty());
    for markup in [empty.svg(Locale::Nl), empty.table(Locale::Nl)] {
        assert_eq!(markup, r#"<p class="chart-empty">Nog geen gegevens.</p>"#);
    }
    // Weeks in which nothing was sent are no data either; neither are missing series.
    let mut nothing_sent = reminders(&[("wk 1", [0, 0, 0]), ("wk 2", [0, 0, 0])]);
    assert!(nothing_sent.is_empty());
    assert_eq!(nothing_sent.svg(Locale::Nl), r#"<p class="chart-empty">Nog geen gegevens.</p>"#);
    assert_eq!(nothing_sent.table(Locale::Nl), r#"<p class="chart-empty">Nog geen gegevens.</p>"#);
    nothing_sent.categories[1].values = vec![0, 0, 1];
    assert!(!nothing_sent.is_empty());
    assert!(nothing_sent.svg(Locale::Nl).starts_with("<svg"));
    nothing_sent.series.clear();
    assert!(nothing_sent.is_empty());
    // A village where nothing was checked is data: 0%.
    assert!(!villages(&[("Warmond", &[0.0, 0.0])]).is_empty());
}

#[test]
fn empty_and_full_rows_are_0_and_100_percent_and_nearly_full_is_not_full() {
    let chart = villages(&[
        ("Niets", &[0.0, 0.0]),
        ("Alles recent", &[1.0, 0.0]),
        ("Alles", &[0.7, 0.3]),
        ("Bijna alles", &[0.998, 0.0]),
        ("Bijna niets", &[0.0, 0.002]),
    ]);
    let html = parse(&chart.svg(Locale::Nl));
    assert_eq!(texts(&html, ".wc-value"), ["0%", "100%", "100%", "99%", "1%"]);
    let drawn = bars(&html);
    assert_eq!(drawn[0].1, [], "nothing drawn on an empty bar");
    assert_eq!(drawn[1].1, [("wc-solid".to_owned(), "0.000%".to_owned(), "100.000%".to_owned())]);
    assert_eq!(
        drawn[2].1,
        [
            ("wc-solid".to_owned(), "0.000%".to_owned(), "70.000%".to_owned()),
            ("wc-hatched".to_owned(), "70.000%".to_owned(), "30.000%".to_owned())
        ]
    );
    assert_eq!(drawn[4].1, [("wc-hatched".to_owned(), "0.000%".to_owned(), "0.200%".to_owned())]);
    // 0.7 + 0.3 leaves no "1%" rest by a floating-point hair.
    assert!(
        desc(&html).contains("Alles: 100% samen, 70% in de laatste 6 maanden, 30% 6 tot 12 maanden geleden, 0% langer")
    );

    let table = parse(&chart.table(Locale::Nl));
    assert_eq!(
        texts(&table, "thead th"),
        ["Dorp", "samen", "in de laatste 6 maanden", "6 tot 12 maanden geleden", "langer geleden of nooit"]
    );
    assert_eq!(texts(&table, "tbody tr:nth-child(1) > *"), ["Niets", "0%", "0%", "0%", "100%"]);
    assert_eq!(texts(&table, "tbody tr:nth-child(3) > *"), ["Alles", "100%", "70%", "30%", "0%"]);
    assert_eq!(texts(&table, "caption"), ["Gecontroleerd per dorp"]);
    assert_eq!(select(&table, "tbody th[scope=row]").len(), 5);
}

#[test]
fn shares_that_are_too_large_or_not_numbers_are_made_safe() {
    let chart = villages(&[("Te veel", &[0.8, 0.5]), ("Onzin", &[f64::NAN, -0.5]), ("Te kort", &[])]);
    let html = parse(&chart.svg(Locale::Nl));
    assert_eq!(texts(&html, ".wc-value"), ["100%", "0%", "0%"]);
    let drawn = bars(&html);
    assert_eq!(drawn[0].1[1], ("wc-hatched".to_owned(), "80.000%".to_owned(), "20.000%".to_owned()), "cut off at 100%");
    assert!(drawn[1].1.is_empty() && drawn[2].1.is_empty(), "{drawn:?}");
}

#[test]
fn long_labels_wrap_onto_two_lines_and_are_cut_only_in_the_picture() {
    let long = "Stichting Welzijn Teylingen, afdeling Mantelzorgondersteuning en Vrijwilligerswerk Voorhout";
    let chart = villages(&[(long, &[0.5, 0.0]), ("Kort", &[0.5, 0.0])]);
    let html = parse(&chart.svg(Locale::Nl));
    let drawn = bars(&html);
    assert_eq!(drawn[0].0, ["Stichting Welzijn Teylingen,", "afdeling Mantelzorgondersteunin…"]);
    assert_eq!(drawn[1].0, ["Kort"]);
    // The whole label stays in the description, the row's tooltip and the table.
    assert!(desc(&html).contains(long));
    assert_eq!(texts(&html, "svg > g > title")[0], long);
    assert!(texts(&parse(&chart.table(Locale::Nl)), "tbody th").contains(&long.to_owned()));
    // Two lines push the next row down: the rows do not overlap.
    let ys: Vec<u32> = select(&html, "svg > g:not(.wc-legend) > text:not(.wc-value)")
        .iter()
        .map(|t| t.value().attr("y").unwrap().parse().unwrap())
        .collect();
    assert!(ys.windows(2).all(|pair| pair[1] >= pair[0] + 20), "{ys:?}");

    assert_eq!(
        wrap("Een_woord_dat_veel_langer_is_dan_een_hele_regel"),
        ["Een_woord_dat_veel_langer_is_dan", "_een_hele_regel"]
    );
    assert_eq!(wrap("  "), [""]);
    assert!(wrap(&"ab ".repeat(40)).iter().all(|line| line.chars().count() <= 32));
}

#[test]
fn the_legend_names_each_part_with_its_own_fill() {
    let html = parse(&villages(&[("Warmond", &[0.5, 0.1])]).svg(Locale::Nl));
    assert_eq!(
        texts(&html, ".wc-legend text"),
        ["in de laatste 6 maanden", "6 tot 12 maanden geleden", "langer geleden of nooit"]
    );
    let classes: Vec<_> = select(&html, ".wc-legend rect").iter().map(|r| r.value().attr("class").unwrap()).collect();
    assert_eq!(classes, ["wc-solid", "wc-hatched", "wc-track"]);
    // The hatching is defined in this chart and used by reference.
    let pattern = select(&html, "pattern")[0].value().id().unwrap().to_owned();
    assert!(select(&html, ".wc-hatched").iter().all(|r| r.value().attr("fill") == Some(&*format!("url(#{pattern})"))));

    let html = parse(&reminders(&[("wk 1", [3, 2, 1])]).svg(Locale::Nl));
    assert_eq!(texts(&html, ".wc-legend text"), ["verstuurd", "geopend", "bevestigd"]);
    let classes: Vec<_> = select(&html, ".wc-legend rect").iter().map(|r| r.value().attr("class").unwrap()).collect();
    assert_eq!(classes, ["wc-outline", "wc-hatched", "wc-solid"]);
}

#[test]
fn charts_on_one_page_have_their_own_ids() {
    let id = |markup: String| select(&parse(&markup), "svg > title")[0].value().id().unwrap().to_owned();
    let first = id(villages(&[("Sassenheim", &[0.5])]).svg(Locale::Nl));
    assert_eq!(first, id(villages(&[("Sassenheim", &[0.5])]).svg(Locale::Nl)), "deterministic");
    assert_ne!(first, id(villages(&[("Voorhout", &[0.5])]).svg(Locale::Nl)));
    assert_ne!(first, id(reminders(&[("Sassenheim", [1, 1, 1])]).svg(Locale::Nl)));
}

#[test]
fn columns_stand_on_a_round_axis_in_proportion() {
    let chart = reminders(&[("wk 14", [37, 20, 0]), ("wk 15", [10, 5, 2])]);
    let html = parse(&chart.svg(Locale::Nl));
    assert_eq!(texts(&html, "text.wc-y"), ["0", "10", "20", "30", "40"]);
    let heights: Vec<u32> =
        select(&html, "svg > rect").iter().map(|r| r.value().attr("height").unwrap().parse().unwrap()).collect();
    // 37, 20, (0 is not drawn), 10, 5, 2 on an axis of 40 at 180 pixels.
    assert_eq!(heights, [167, 90, 45, 23, 9]);
    let classes: Vec<_> = select(&html, "svg > rect").iter().map(|r| r.value().attr("class").unwrap()).collect();
    assert_eq!(classes, ["wc-outline", "wc-hatched", "wc-outline", "wc-hatched", "wc-solid"]);
    // The columns stand on the axis.
    let axis: u32 = select(&html, "line.wc-base")[0].value().attr("y1").unwrap().parse().unwrap();
    for rect in select(&html, "svg > rect") {
        let y: u32 = rect.value().attr("y").unwrap().parse().unwrap();
        let height: u32 = rect.value().attr("height").unwrap().parse().unwrap();
        assert_eq!(y + height, axis);
    }
    assert!(texts(&html, "svg > text").contains(&"Aantal herinneringen".to_owned()));
    assert!(texts(&html, "svg > text").contains(&"Week".to_owned()));

    let table = parse(&chart.table(Locale::Nl));
    assert_eq!(texts(&table, "thead th"), ["Week", "verstuurd", "geopend", "bevestigd"]);
    assert_eq!(texts(&table, "tbody tr:nth-child(1) > *"), ["wk 14", "37", "20", "0"]);

    assert_eq!(scale(0), (1, 1));
    assert_eq!(scale(1), (1, 1));
    assert_eq!(scale(41), (20, 60));
    assert_eq!(scale(1234), (500, 1500));
}

#[test]
fn a_long_period_labels_only_some_weeks_and_the_last_ends_at_the_edge() {
    let weeks: Vec<(String, [u64; 3])> = (1..=26).map(|w| (format!("wk {w}"), [w, 0, 0])).collect();
    let weeks: Vec<(&str, [u64; 3])> = weeks.iter().map(|(label, values)| (label.as_str(), *values)).collect();
    let html = parse(&reminders(&weeks).svg(Locale::Nl));
    let labels = texts(&html, "text.wc-x");
    assert_eq!(labels, ["wk 1", "wk 6", "wk 11", "wk 16", "wk 21", "wk 26"]);

    let html = parse(&reminders(&weeks[..3]).svg(Locale::Nl));
    let last = select(&html, "text.wc-x").into_iter().find(|t| text(t) == "wk 3").unwrap();
    assert_eq!((last.value().attr("x"), last.value().attr("text-anchor")), (Some("100.000%"), Some("end")));
}

#[test]
fn percentages_round_but_never_to_all_or_nothing() {
    assert_eq!(percent(Locale::Nl, 0.834), "83%");
    assert_eq!(percent(Locale::Nl, 0.0), "0%");
    assert_eq!(percent(Locale::Nl, 0.004), "1%");
    assert_eq!(percent(Locale::Nl, 0.996), "99%");
    assert_eq!(percent(Locale::Nl, 1.0), "100%");
    assert_eq!(percent(Locale::Nl, 1.0 - 1e-12), "100%", "a rounding error of floating point");
    assert_eq!(percent(Locale::Nl, f64::NAN), "0%");
    assert_eq!(percent(Locale::Nl, 3.0), "100%");
}
