//! Charts for the editors' dashboard, drawn on the server as inline SVG: no JavaScript,
//! no chart library, no request elsewhere. Two kinds: [`HorizontalBars`] (a share per
//! organisation, theme or village, e.g. "Sassenheim 83%") and [`Columns`] (counts per
//! week, e.g. reminders sent, opened and confirmed).
//!
//! Every chart is one image for assistive technology (`role="img"`): its `<title>` is
//! the chart's title and its `<desc>` says every number in words. [`HorizontalBars::table`]
//! and [`Columns::table`] give the same data as an HTML table, for a `<details>` under
//! the chart. Without data both say so in a sentence instead of drawing empty axes.
//!
//! Geometry: the width follows the page (`width="100%"`). Horizontal positions are
//! percentages and vertical ones pixels, rather than a `viewBox`: a `viewBox` scales text
//! with the width, so a chart laid out for a desktop would have 7-pixel labels on a
//! phone. Here labels keep the page's size at every width and the bars stretch.
//!
//! Colours come from the site's custom properties (`--ww-accent`, `--ww-text`,
//! `--ww-muted`, `--ww-line`, `--ww-bg-soft`) through a `<style>` with `wc-` classes, the
//! same in every chart because inline SVG styles apply to the whole page. Series differ
//! by pattern as well as by colour (solid, hatched, outlined), and every drawn part has
//! a fill or an edge with at least 3:1 contrast against white (WCAG 1.4.11), also with
//! any accent colour the site accepts (4.5:1 on white).
//!
//! All words (titles, series names, "Nog geen gegevens") come from the caller, who takes
//! them from the locale files; this module adds only numbers and punctuation.

mod bars;
mod columns;
#[cfg(test)]
mod tests;

pub use bars::{BarRow, HorizontalBars};
pub use columns::{ColumnGroup, Columns};

use askama::Template;
use std::hash::Hasher;

/// Height of a line of text in the chart, in pixels (the text is 15 pixels).
const LINE: u32 = 20;

/// How a bar segment, column or legend swatch is filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fill {
    Solid,
    Hatched,
    Outline,
    /// The rest of a bar: light, with an outline.
    Track,
}

impl Fill {
    fn class(self) -> &'static str {
        match self {
            Self::Solid => "wc-solid",
            Self::Hatched => "wc-hatched",
            Self::Outline => "wc-outline",
            Self::Track => "wc-track",
        }
    }

    fn is_hatched(self) -> bool {
        self == Self::Hatched
    }
}

/// An entry of a legend.
struct LegendItem<'a> {
    y: u32,
    fill: Fill,
    name: &'a str,
}

/// A rectangle with a horizontal position in percent and a vertical one in pixels.
struct Rect {
    x: String,
    y: u32,
    width: String,
    height: u32,
    fill: Fill,
}

/// The table under a chart.
#[derive(Template)]
#[template(path = "charts/table.html")]
struct ChartTable<'a> {
    caption: &'a str,
    headings: Vec<&'a str>,
    rows: Vec<(&'a str, Vec<String>)>,
}

/// The sentence instead of an empty chart.
#[derive(Template)]
#[template(source = r#"<p class="chart-empty">{{ text }}</p>"#, ext = "html")]
struct NoData<'a> {
    text: &'a str,
}

/// The style sheet of every chart (identical, so several charts on a page agree).
const STYLE: &str = concat!(
    ".wc text{font-size:15px;fill:var(--ww-text,#1b1b1b)}",
    ".wc .wc-value{font-weight:700}",
    ".wc .wc-axis{font-size:13px;fill:var(--ww-muted,#4a4f55)}",
    ".wc-solid{fill:var(--ww-accent,#00578a)}",
    ".wc-hatched{stroke:var(--ww-accent,#00578a);stroke-width:1.5}",
    ".wc-stripe{fill:var(--ww-accent,#00578a)}",
    ".wc-outline{fill:#fff;stroke:var(--ww-muted,#4a4f55);stroke-width:1.5}",
    ".wc-track{fill:var(--ww-bg-soft,#f2f5f8);stroke:var(--ww-muted,#4a4f55);stroke-width:1}",
    ".wc-grid{stroke:var(--ww-line,#c9d1d9);stroke-width:1}",
    ".wc-base{stroke:var(--ww-muted,#4a4f55);stroke-width:1.5}",
);

/// Appends `text` to `desc` as a sentence.
fn sentence(desc: &mut String, text: &str) {
    if !desc.is_empty() {
        desc.push(' ');
    }
    desc.push_str(text);
    desc.push('.');
}

/// An id prefix for the chart's elements, the same for the same chart (cacheable,
/// testable) and different for the other charts of a page.
fn chart_id<'a>(title: &str, labels: impl Iterator<Item = &'a str>) -> String {
    let mut hasher = fnv::FnvHasher::default();
    hasher.write(title.as_bytes());
    for label in labels {
        hasher.write_u8(0);
        hasher.write(label.as_bytes());
    }
    format!("wc{:08x}", hasher.finish() & 0xffff_ffff)
}

/// A count of chart parts as pixels or a divisor; charts have far fewer than 2³² parts.
fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn no_data(text: &str) -> String {
    render(&NoData { text })
}

/// Renders a template whose values are all plain strings and numbers, which cannot fail
/// but through a bug; then the chart is left out and the bug logged.
fn render(template: &impl Template) -> String {
    template.render().unwrap_or_else(|error| {
        tracing::error!(%error, "a chart could not be rendered");
        String::new()
    })
}
