//! [`Columns`]: counts per period for a few series, e.g. reminders sent, opened and
//! confirmed per week.

use super::{ChartTable, Fill, LINE, LegendItem, Rect, STYLE, chart_id, count, no_data, render, sentence};
use crate::i18n::Locale;
use askama::Template;

/// Height of the plot of a column chart.
const PLOT: u32 = 180;
/// The left part of a column chart that holds the numbers of the vertical axis.
const GUTTER_PERCENT: f64 = 11.0;
/// Labels on the horizontal axis at most, so that they do not collide on a phone.
const AXIS_LABELS: usize = 6;

/// Counts per period for a few series, drawn as groups of columns, e.g. reminders sent,
/// opened and confirmed per week.
#[derive(Debug, Clone, PartialEq)]
pub struct Columns {
    /// What the chart shows, for the `<title>` and the table caption.
    pub title: String,
    /// One sentence that starts the `<desc>`. May be empty.
    pub description: String,
    /// Name of the periods, the horizontal axis and the table's first column: "Week".
    pub category_heading: String,
    /// Name of the counts, the vertical axis: "Aantal herinneringen".
    pub value_label: String,
    /// Names of at most three series, drawn left to right in each group (the last one
    /// solid, the one before hatched, the first outlined). They follow a number in the
    /// description ("40 verstuurd"), so a participle or noun reads best.
    pub series: Vec<String>,
    /// The sentence shown instead of the chart when there are no periods or every count
    /// is 0: "Nog geen gegevens."
    pub no_data: String,
    /// The periods, oldest first.
    pub categories: Vec<ColumnGroup>,
}

/// The counts of one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnGroup {
    /// The period's short name on the axis: "wk 14", "6 apr".
    pub label: String,
    /// One count per series; a missing count is 0.
    pub values: Vec<u64>,
}

/// A line of the vertical axis.
struct Tick {
    y: u32,
    label: String,
}

/// A label of the horizontal axis.
struct AxisLabel {
    x: String,
    anchor: &'static str,
    text: String,
}

#[derive(Template)]
#[template(path = "charts/columns.svg")]
struct ColumnsSvg<'a> {
    id: String,
    height: u32,
    title: &'a str,
    desc: &'a str,
    style: &'static str,
    legend: Vec<LegendItem<'a>>,
    value_label: &'a str,
    value_label_y: u32,
    gutter: String,
    ticks: Vec<Tick>,
    columns: Vec<Rect>,
    axis_y: u32,
    axis_labels: Vec<AxisLabel>,
    axis_labels_y: u32,
    category_heading: &'a str,
    category_heading_y: u32,
}

impl Columns {
    /// Whether there is nothing to draw: no periods or series, or nothing counted at all.
    pub fn is_empty(&self) -> bool {
        self.categories.iter().all(|group| self.values(group).all(|value| value == 0))
    }

    /// The chart as inline SVG, or the `no_data` sentence as a paragraph.
    pub fn svg(&self, locale: Locale) -> String {
        if self.is_empty() {
            return no_data(&self.no_data);
        }
        let fills = self.fills();
        let legend: Vec<LegendItem> = self
            .series
            .iter()
            .zip(fills.iter().copied())
            .zip(0..)
            .map(|((name, fill), i)| LegendItem { y: i * LINE, fill, name })
            .collect();
        let value_label_y = count(legend.len()) * LINE + LINE / 2 + 15;
        let plot_top = value_label_y + LINE;
        let axis_y = plot_top + PLOT;
        let (step, top) = scale(self.categories.iter().flat_map(|group| self.values(group)).max().unwrap_or(0));
        let y_of = |value: u64| axis_y - scaled(value, top);
        let ticks =
            (0..=top / step).map(|i| Tick { y: y_of(i * step), label: locale.number(i * step) }).collect::<Vec<_>>();

        let groups = count(self.categories.len());
        let group_width = (100.0 - GUTTER_PERCENT) / f64::from(groups);
        let column_width = group_width * 0.8 / f64::from(count(self.series.len().max(1)));
        let mut columns = Vec::new();
        let mut axis_labels = Vec::new();
        let every = self.categories.len().div_ceil(AXIS_LABELS);
        for (i, group) in self.categories.iter().enumerate() {
            let left = GUTTER_PERCENT + group_width * f64::from(count(i));
            for ((value, fill), j) in self.values(group).zip(fills.iter().copied()).zip(0..) {
                if value > 0 {
                    let height = scaled(value, top);
                    let x = left + group_width * 0.1 + column_width * f64::from(j);
                    columns.push(Rect {
                        x: format!("{x:.3}%"),
                        y: axis_y - height,
                        width: format!("{column_width:.3}%"),
                        height,
                        fill,
                    });
                }
            }
            if i.is_multiple_of(every) {
                // The last label ends at the edge rather than running off it.
                let (x, anchor) =
                    if i + 1 == self.categories.len() { (100.0, "end") } else { (left + group_width / 2.0, "middle") };
                axis_labels.push(AxisLabel { x: format!("{x:.3}%"), anchor, text: group.label.clone() });
            }
        }
        let desc = self.desc(locale);
        let svg = ColumnsSvg {
            id: chart_id(&self.title, self.categories.iter().map(|group| group.label.as_str())),
            height: axis_y + 2 * LINE + 8,
            title: &self.title,
            desc: &desc,
            style: STYLE,
            legend,
            value_label: &self.value_label,
            value_label_y,
            gutter: format!("{GUTTER_PERCENT:.3}%"),
            ticks,
            columns,
            axis_y,
            axis_labels,
            axis_labels_y: axis_y + LINE,
            category_heading: &self.category_heading,
            category_heading_y: axis_y + 2 * LINE,
        };
        render(&svg)
    }

    /// The same numbers as an HTML table: a row per period, a column per series. The
    /// `no_data` sentence when [`Columns::is_empty`].
    pub fn table(&self, locale: Locale) -> String {
        if self.is_empty() {
            return no_data(&self.no_data);
        }
        let headings = std::iter::once(&self.category_heading).chain(&self.series).map(String::as_str).collect();
        let rows = self
            .categories
            .iter()
            .map(|group| (group.label.as_str(), self.values(group).map(|value| locale.number(value)).collect()))
            .collect();
        render(&ChartTable { caption: &self.title, headings, rows })
    }

    /// "… wk 14: 40 verstuurd, 12 geopend, 5 bevestigd. wk 15: …"
    fn desc(&self, locale: Locale) -> String {
        let mut desc = self.description.trim().to_owned();
        for group in &self.categories {
            let parts: Vec<String> = self
                .values(group)
                .zip(&self.series)
                .map(|(value, name)| format!("{} {name}", locale.number(value)))
                .collect();
            sentence(&mut desc, &format!("{}: {}", group.label.trim(), parts.join(", ")));
        }
        desc
    }

    /// A period's counts, one per series.
    fn values<'a>(&'a self, group: &'a ColumnGroup) -> impl Iterator<Item = u64> + 'a {
        (0..self.series.len()).map(|i| group.values.get(i).copied().unwrap_or(0))
    }

    /// The last series solid, the one before hatched, the first of three outlined; more
    /// than three series repeat these.
    fn fills(&self) -> Vec<Fill> {
        const ORDER: [Fill; 3] = [Fill::Outline, Fill::Hatched, Fill::Solid];
        let n = self.series.len();
        (0..n).map(|i| ORDER[(ORDER.len() * n - n + i) % ORDER.len()]).collect()
    }
}

/// A step between the lines of the vertical axis (1, 2 or 5 times a power of ten, about
/// four lines) and the top of the axis, a multiple of it at or above `max`.
pub(super) fn scale(max: u64) -> (u64, u64) {
    let rough = max.div_ceil(4).max(1);
    let mut power = 1_u64;
    loop {
        for factor in [1, 2, 5] {
            let step = power.saturating_mul(factor);
            if step >= rough {
                return (step, max.div_ceil(step).max(1).saturating_mul(step));
            }
        }
        power = power.saturating_mul(10);
    }
}

/// The height in pixels of `value` on an axis from 0 to `top`.
fn scaled(value: u64, top: u64) -> u32 {
    // Both are at most `top`, so the result is at most PLOT; f64 is exact enough.
    let pixels = (value as f64 / top as f64 * f64::from(PLOT)).round() as u32;
    pixels.min(PLOT)
}
