//! [`HorizontalBars`]: a labelled bar per row with one or two shares, e.g. the part of a
//! village's services checked in the last 6 and 6–12 months.

use super::{ChartTable, Fill, LINE, LegendItem, Rect, STYLE, chart_id, count, no_data, render, sentence};
use crate::i18n::Locale;
use askama::Template;

/// Characters of a bar's label per line: what fits beside the number on a 320-pixel phone.
const LABEL_LINE_CHARS: usize = 32;
/// Lines of a bar's label at most; a longer label ends with "…" (the table has it whole).
const LABEL_LINES: usize = 2;
/// Height of a bar.
const BAR: u32 = 18;
/// Space under a bar before the next label.
const ROW_GAP: u32 = 14;
/// Shares closer to 0 or 1 than this are 0 or 1 (0.7 + 0.2 + 0.1 is not exactly 1).
const EPSILON: f64 = 1e-9;

/// Shares per row, e.g. the part of each village's services checked in the last 6 and
/// 6–12 months. Rows are drawn in the order given.
#[derive(Debug, Clone, PartialEq)]
pub struct HorizontalBars {
    /// What the chart shows, for the `<title>` and the table caption: "Gecontroleerd per dorp".
    pub title: String,
    /// One sentence that starts the `<desc>`, saying what is measured, e.g. "Deel van de
    /// diensten dat is gecontroleerd, per dorp." May be empty.
    pub description: String,
    /// Heading of the table's first column: "Dorp".
    pub label_heading: String,
    /// Names of the parts of a bar, drawn left to right (solid, then hatched), e.g.
    /// ["in de laatste 6 maanden", "6 tot 12 maanden geleden"]. They follow a number in
    /// the description ("60% in de laatste 6 maanden"). One or two.
    pub segments: Vec<String>,
    /// Name of the sum of the segments, when there is more than one, for the table and
    /// the description: "samen". The bar's number is always the sum.
    pub total: Option<String>,
    /// Name of what remains of the bar, for the legend, table and description:
    /// "langer geleden of nooit".
    pub rest: String,
    /// The sentence shown instead of the chart when there are no rows: "Nog geen gegevens."
    pub no_data: String,
    /// The rows.
    pub rows: Vec<BarRow>,
}

/// One labelled bar.
#[derive(Debug, Clone, PartialEq)]
pub struct BarRow {
    /// "Sassenheim", an organisation's name (any text; escaped when drawn).
    pub label: String,
    /// One share per segment, each 0 to 1. A missing share, or one that is not a number,
    /// counts as 0; shares that add up to more than 1 are cut off at 1.
    pub shares: Vec<f64>,
}

/// A bar as drawn.
struct BarView {
    /// Baselines of the label's lines.
    lines: Vec<(u32, String)>,
    /// The whole label, for a tooltip.
    label: String,
    value: String,
    /// Baseline of the value, beside the label's first line.
    value_y: u32,
    bar_y: u32,
    segments: Vec<Rect>,
}

#[derive(Template)]
#[template(path = "charts/bars.svg")]
struct BarsSvg<'a> {
    id: String,
    height: u32,
    title: &'a str,
    desc: &'a str,
    style: &'static str,
    legend: Vec<LegendItem<'a>>,
    bar: u32,
    bars: Vec<BarView>,
}

impl HorizontalBars {
    /// Whether there is nothing to draw; [`HorizontalBars::svg`] then gives the
    /// `no_data` sentence, and a page may leave out the table.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The chart as inline SVG, or the `no_data` sentence as a paragraph.
    pub fn svg(&self, locale: Locale) -> String {
        if self.is_empty() {
            return no_data(&self.no_data);
        }
        let mut fills = self.segment_fills();
        fills.push(Fill::Track);
        let names = self.segments.iter().chain(std::iter::once(&self.rest));
        let legend: Vec<LegendItem> =
            names.zip(fills).zip(0..).map(|((name, fill), i)| LegendItem { y: i * LINE, fill, name }).collect();
        let mut top = count(legend.len()) * LINE + LINE / 2;
        let mut bars = Vec::with_capacity(self.rows.len());
        for row in &self.rows {
            let shares = self.shares(row);
            let wrapped = wrap(&row.label);
            let lines = wrapped.into_iter().zip(0..).map(|(text, i)| (top + 15 + i * LINE, text)).collect::<Vec<_>>();
            let bar_y = top + count(lines.len()) * LINE + 4;
            let mut x = 0.0;
            let mut segments = Vec::new();
            for (share, fill) in shares.iter().zip(self.segment_fills()) {
                if *share > EPSILON {
                    segments.push(Rect {
                        x: percent_attr(x),
                        y: bar_y,
                        width: percent_attr(*share),
                        height: BAR,
                        fill,
                    });
                }
                x += share;
            }
            let value = percent(locale, shares.iter().sum());
            bars.push(BarView { value_y: top + 15, lines, label: row.label.clone(), value, bar_y, segments });
            top = bar_y + BAR + ROW_GAP;
        }
        let desc = self.desc(locale);
        let svg = BarsSvg {
            id: chart_id(&self.title, self.rows.iter().map(|row| row.label.as_str())),
            height: top - ROW_GAP + 2,
            title: &self.title,
            desc: &desc,
            style: STYLE,
            legend,
            bar: BAR,
            bars,
        };
        render(&svg)
    }

    /// The same numbers as an HTML table: the label, the total (when named), each
    /// segment and the rest, as percentages. The `no_data` sentence when there are no rows.
    pub fn table(&self, locale: Locale) -> String {
        if self.is_empty() {
            return no_data(&self.no_data);
        }
        let total = self.total_name();
        let headings = std::iter::once(&self.label_heading)
            .chain(total)
            .chain(&self.segments)
            .chain(std::iter::once(&self.rest))
            .map(String::as_str)
            .collect();
        let rows = self
            .rows
            .iter()
            .map(|row| {
                let shares = self.shares(row);
                let sum: f64 = shares.iter().sum();
                let cells = total
                    .map(|_| sum)
                    .into_iter()
                    .chain(shares)
                    .chain(std::iter::once(1.0 - sum))
                    .map(|share| percent(locale, share))
                    .collect();
                (row.label.as_str(), cells)
            })
            .collect();
        render(&ChartTable { caption: &self.title, headings, rows })
    }

    /// "Deel van de diensten … Sassenheim: 83% samen, 60% in de laatste 6 maanden, 23% 6
    /// tot 12 maanden geleden, 17% langer geleden of nooit. Voorhout: …"
    fn desc(&self, locale: Locale) -> String {
        let mut desc = self.description.trim().to_owned();
        let total = self.total_name();
        for row in &self.rows {
            let shares = self.shares(row);
            let sum: f64 = shares.iter().sum();
            let mut parts = Vec::new();
            if let Some(total) = total {
                parts.push(format!("{} {total}", percent(locale, sum)));
            }
            for (share, name) in shares.iter().zip(&self.segments) {
                parts.push(format!("{} {name}", percent(locale, *share)));
            }
            parts.push(format!("{} {}", percent(locale, 1.0 - sum), self.rest));
            sentence(&mut desc, &format!("{}: {}", row.label.trim(), parts.join(", ")));
        }
        desc
    }

    /// The total's name when it is worth a column: with more than one segment.
    fn total_name(&self) -> Option<&String> {
        self.total.as_ref().filter(|_| self.segments.len() > 1)
    }

    /// A row's shares, one per segment, made safe to draw: each at least 0, together at
    /// most 1.
    fn shares(&self, row: &BarRow) -> Vec<f64> {
        let mut left = 1.0_f64;
        (0..self.segments.len())
            .map(|i| {
                let share = row.shares.get(i).copied().filter(|share| share.is_finite()).unwrap_or(0.0);
                let share = share.clamp(0.0, left);
                left -= share;
                share
            })
            .collect()
    }

    /// The first segment solid, the others hatched.
    fn segment_fills(&self) -> Vec<Fill> {
        (0..self.segments.len()).map(|i| if i == 0 { Fill::Solid } else { Fill::Hatched }).collect()
    }
}

/// "83%": rounded, except that only nothing is 0% and only everything is 100%, so a
/// village with one unchecked service out of 300 does not look complete. Sums that
/// miss 0 or 1 by a rounding error of floating point count as 0 or 1.
pub(super) fn percent(locale: Locale, share: f64) -> String {
    let share = if share.is_finite() { share.clamp(0.0, 1.0) } else { 0.0 };
    let mut whole = (share * 100.0).round() as u64;
    if share > EPSILON && whole == 0 {
        whole = 1;
    } else if share < 1.0 - EPSILON && whole == 100 {
        whole = 99;
    }
    format!("{}%", locale.number(whole))
}

/// A share as an SVG length in percent: `"83.333%"`.
fn percent_attr(share: f64) -> String {
    format!("{:.3}%", share * 100.0)
}

/// A label broken into lines at spaces, [`LABEL_LINE_CHARS`] characters each at most;
/// after [`LABEL_LINES`] lines the rest is cut off with "…". Never empty.
pub(super) fn wrap(label: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut cut = false;
    for word in label.split_whitespace() {
        let mut word = word.to_owned();
        loop {
            let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
            if needed <= LABEL_LINE_CHARS {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(&word);
                break;
            }
            if line.is_empty() {
                // A word longer than a line: break it.
                let head: String = word.chars().take(LABEL_LINE_CHARS).collect();
                word = word.chars().skip(LABEL_LINE_CHARS).collect();
                line = head;
            }
            lines.push(std::mem::take(&mut line));
            if lines.len() == LABEL_LINES {
                cut = true;
                break;
            }
            if word.is_empty() {
                break;
            }
        }
        if cut {
            break;
        }
    }
    if !cut && !line.is_empty() {
        lines.push(line);
    }
    if cut && let Some(last) = lines.last_mut() {
        let mut kept: String = last.chars().take(LABEL_LINE_CHARS - 1).collect();
        kept.truncate(kept.trim_end().len());
        *last = format!("{kept}…");
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}
