//! The editors' dashboard (`/redactie/actualiteit`) as a page: the numbers of
//! `wegwijs_upkeep::overview` in words, charts and tables. Every chart has its table in
//! a `<details>` under it, and every list says how many there are before it lists them.

use super::chart::{BarRow, ColumnGroup, Columns, HorizontalBars};
use super::chrome::Chrome;
use crate::i18n::Locale;
use askama::Template;
use chrono::Datelike;
use std::collections::HashMap;
use wegwijs_domain::Id;
use wegwijs_store::{EntityKind, QueryTotal};
use wegwijs_upkeep::overview::{GroupShare, Overview, Share, Threshold, WaitingReason};

/// Bars in a chart at most when it cannot show every row: the organisations of a region
/// or a country would make an endless image, so the chart shows the lowest shares and
/// the table has them all.
pub const CHART_ROWS: usize = 15;
/// Rows a chart shows all of (the themes, the villages of a municipality).
pub const CHART_ALL_ROWS: usize = 20;
/// Rows of the organisations' table per page.
pub const TABLE_ROWS: usize = 100;
/// Rows of a list at most; the sentence above it gives the full number.
pub const LIST_ROWS: usize = 100;

/// What the page is made from, besides the words.
pub struct DashboardData<'a> {
    /// The numbers.
    pub overview: &'a Overview,
    /// Theme code → its name in the page's language.
    pub theme_names: &'a HashMap<String, String>,
    /// Error reports waiting for an editor.
    pub open_reports: u64,
    /// Searches that found nothing, most searched first.
    pub searches: &'a [QueryTotal],
    /// The hiding age in months, for the sentence about hidden services.
    pub hide_after_months: i64,
    /// The page of the organisations' table, from 1; `None`: the first, folded away.
    pub organisation_page: Option<u64>,
    /// The page of the places' table, the same way.
    pub place_page: Option<u64>,
    /// The path where an editor changes a record (the portal's edit form).
    pub edit_path: fn(EntityKind, &Id) -> String,
}

/// `/redactie/actualiteit`.
#[derive(Template)]
#[template(path = "editor/freshness.html")]
pub struct FreshnessPage {
    /// Interface language.
    pub locale: Locale,
    /// The frame.
    pub chrome: Chrome,
    /// The main numbers in sentences.
    pub summary: Vec<String>,
    /// Shares per organisation, theme and place.
    pub bars: Vec<BarSection>,
    /// What reaches a threshold in the next 30 days.
    pub upcoming: ListPart<UpcomingRow>,
    /// How many reach each threshold: "De organisatie krijgt een herinnering: 40".
    pub upcoming_counts: Vec<String>,
    /// Organisations with hidden services.
    pub hidden: ListPart<HiddenRow>,
    /// Organisations to call.
    pub waiting: ListPart<WaitingRow>,
    /// "12 verstuurd, 5 geopend, 3 bevestigd."
    pub reminders_summary: String,
    /// The reminders per week as a chart (SVG) …
    pub reminders_svg: String,
    /// … and as a table (HTML).
    pub reminders_table: String,
    /// "Er wachten 3 foutmeldingen."
    pub reports_summary: String,
    /// Searches without results.
    pub searches: ListPart<SearchRow>,
}

/// A chart of shares with its table.
pub struct BarSection {
    /// The section's id, for links to it.
    pub id: &'static str,
    /// Its heading.
    pub heading: String,
    /// What the chart leaves out, when it does.
    pub note: Option<String>,
    /// The chart (SVG) or the no-data sentence.
    pub svg: String,
    /// The table (HTML) of this page of rows.
    pub table: String,
    /// Whether the table is unfolded (a page of it was asked for).
    pub open: bool,
    /// Pages of the table, when it has more than one.
    pub pager: Option<Pager>,
}

/// Links to the neighbouring pages of a table.
pub struct Pager {
    /// "Pagina 2 van 31".
    pub label: String,
    /// The page before, if any.
    pub previous_href: Option<String>,
    /// The page after, if any.
    pub next_href: Option<String>,
}

/// A list with the sentence above it.
pub struct ListPart<T> {
    /// How many there are, in words.
    pub summary: String,
    /// The first [`LIST_ROWS`].
    pub rows: Vec<T>,
}

/// An entry reaching a threshold.
pub struct UpcomingRow {
    /// The date, in words.
    pub date: String,
    /// The organisation's name.
    pub organisation: String,
    /// The entry's name.
    pub entry: String,
    /// "Dienst" or "Organisatie".
    pub kind: &'static str,
    /// Where an editor changes or confirms it.
    pub href: String,
    /// What happens then.
    pub what: &'static str,
}

/// An organisation with hidden services.
pub struct HiddenRow {
    /// Its name.
    pub name: String,
    /// Where an editor sees its records.
    pub href: String,
    /// "2 van 5".
    pub hidden: String,
    /// The oldest last check of its hidden services, in words.
    pub oldest: String,
}

/// An organisation waiting for an editor.
pub struct WaitingRow {
    /// Its name.
    pub name: String,
    /// Where an editor changes its record (a new address).
    pub href: String,
    /// Why it waits.
    pub reason: &'static str,
    /// Its address, if known.
    pub email: Option<String>,
    /// Its phone number as Dutch readers write it, and the `tel:` link.
    pub phone: Option<(String, String)>,
    /// Since when, in words.
    pub since: String,
}

/// A search that found nothing.
pub struct SearchRow {
    /// What was typed (normalised).
    pub query: String,
    /// How often, in words.
    pub searches: String,
}

impl FreshnessPage {
    /// The page in `locale`.
    pub fn new(locale: Locale, chrome: Chrome, data: &DashboardData) -> Self {
        let overview = data.overview;
        let shares = &overview.shares;
        let t = |key: &str| locale.t(key).to_owned();
        let mut summary = Vec::new();
        if shares.total.entries == 0 {
            summary.push(t("dashboard.summary_empty"));
        } else {
            let count = locale.number(shares.total.entries);
            let year = percent(locale, shares.total.within_year(), shares.total.entries);
            summary.push(locale.tf("dashboard.summary_year", &[("percent", &year), ("count", &count)]));
            let recent = percent(locale, shares.total.recent, shares.total.entries);
            summary.push(locale.tf("dashboard.summary_recent", &[("percent", &recent)]));
        }
        let organisations = shares.organisations.iter().map(|o| bar_row(&o.name, &o.share)).collect();
        let theme = |key: &Option<String>| match key {
            Some(code) => data.theme_names.get(code).cloned().unwrap_or_else(|| code.clone()),
            None => t("dashboard.no_theme"),
        };
        let place = |key: &Option<String>| key.clone().unwrap_or_else(|| t("dashboard.no_place"));
        let groups = |groups: &[GroupShare], name: &dyn Fn(&Option<String>) -> String| {
            groups.iter().map(|g| bar_row(&name(&g.key), &g.share)).collect()
        };
        let bars = vec![
            bar_section(
                locale,
                "organisaties",
                "organisation",
                organisations,
                Some(("pagina", data.organisation_page)),
            ),
            bar_section(locale, "themas", "theme", groups(&shares.themes, &theme), None),
            bar_section(
                locale,
                "plaatsen",
                "place",
                groups(&shares.places, &place),
                Some(("plaatsen", data.place_page)),
            ),
        ];
        let (reminders_summary, reminders) = reminders(locale, overview);
        Self {
            locale,
            chrome,
            summary,
            bars,
            upcoming: upcoming(locale, overview, data.edit_path),
            upcoming_counts: upcoming_counts(locale, overview),
            hidden: hidden(locale, overview, data),
            waiting: waiting(locale, overview, data.edit_path),
            reminders_summary,
            reminders_svg: reminders.svg(locale),
            reminders_table: reminders.table(locale),
            reports_summary: match data.open_reports {
                0 => t("dashboard.reports_none"),
                1 => t("dashboard.reports_one"),
                n => locale.tf("dashboard.reports_count", &[("count", &locale.number(n))]),
            },
            searches: searches(locale, data.searches),
        }
    }
}

fn bar_row(label: &str, share: &Share) -> BarRow {
    BarRow { label: label.to_owned(), shares: vec![share.recent_fraction(), share.earlier_fraction()] }
}

/// A chart of every row, or of the lowest [`CHART_ROWS`] when there are more than
/// [`CHART_ALL_ROWS`], and a table of all. With `paging` (the query parameter and the
/// page asked for, if any) the table shows a page of [`TABLE_ROWS`]; a table unfolds
/// when a page of it was asked for. `what` names the keys: `dashboard.{what}_heading`,
/// `dashboard.{what}_description`, `dashboard.{what}_label`.
fn bar_section(
    locale: Locale,
    id: &'static str,
    what: &str,
    rows: Vec<BarRow>,
    paging: Option<(&'static str, Option<u64>)>,
) -> BarSection {
    let key = |part: &str| locale.t(&format!("dashboard.{what}_{part}")).to_owned();
    let chart = |rows: Vec<BarRow>| HorizontalBars {
        title: key("heading"),
        description: key("description"),
        label_heading: key("label"),
        segments: vec![
            locale.t("dashboard.segment_recent").to_owned(),
            locale.t("dashboard.segment_earlier").to_owned(),
        ],
        total: Some(locale.t("dashboard.segment_total").to_owned()),
        rest: locale.t("dashboard.segment_rest").to_owned(),
        no_data: locale.t("dashboard.no_data").to_owned(),
        rows,
    };
    let total = rows.len() as u64;
    let cut = rows.len() > CHART_ALL_ROWS;
    let note =
        cut.then(|| locale.tf("dashboard.chart_lowest", &[("shown", &CHART_ROWS), ("count", &locale.number(total))]));
    let shown = if cut { CHART_ROWS } else { rows.len() };
    let svg = chart(rows.iter().take(shown).cloned().collect()).svg(locale);
    let Some((param, page)) = paging else {
        let table = chart(rows).table(locale);
        return BarSection { id, heading: key("heading"), note, svg, table, open: false, pager: None };
    };
    let pages = total.div_ceil(TABLE_ROWS as u64).max(1);
    let number = page.unwrap_or(1).clamp(1, pages);
    let skip = usize::try_from((number - 1) * TABLE_ROWS as u64).unwrap_or(usize::MAX);
    let table = chart(rows.into_iter().skip(skip).take(TABLE_ROWS).collect()).table(locale);
    let link = |n: u64| format!("{}#{id}", locale.href(&format!("/redactie/actualiteit?{param}={n}")));
    let pager = (pages > 1).then(|| Pager {
        label: locale.tf("dashboard.page_of", &[("page", &number), ("pages", &pages)]),
        previous_href: (number > 1).then(|| link(number - 1)),
        next_href: (number < pages).then(|| link(number + 1)),
    });
    BarSection { id, heading: key("heading"), note, svg, table, open: page.is_some(), pager }
}

/// Per threshold that is reached, its words and how often.
fn upcoming_counts(locale: Locale, overview: &Overview) -> Vec<String> {
    [Threshold::FirstReminder, Threshold::Escalation, Threshold::Hiding]
        .into_iter()
        .filter_map(|threshold| {
            let count = overview.upcoming.iter().filter(|u| u.threshold == threshold).count() as u64;
            (count > 0).then(|| format!("{}: {}", threshold_text(locale, threshold), locale.number(count)))
        })
        .collect()
}

fn threshold_text(locale: Locale, threshold: Threshold) -> &'static str {
    locale.t(match threshold {
        Threshold::FirstReminder => "dashboard.threshold_first_reminder",
        Threshold::Escalation => "dashboard.threshold_escalation",
        Threshold::Hiding => "dashboard.threshold_hiding",
    })
}

fn upcoming(locale: Locale, overview: &Overview, edit_path: fn(EntityKind, &Id) -> String) -> ListPart<UpcomingRow> {
    let all = &overview.upcoming;
    let rows = all
        .iter()
        .take(LIST_ROWS)
        .map(|u| UpcomingRow {
            date: locale.day(u.at),
            organisation: u.organisation.clone(),
            entry: u.entry.name.clone(),
            kind: kind(locale, u.entry.kind),
            href: locale.href(&edit_path(u.entry.kind, &u.entry.id)),
            what: threshold_text(locale, u.threshold),
        })
        .collect();
    ListPart { summary: counted(locale, "dashboard.upcoming_", all.len()), rows }
}

fn hidden(locale: Locale, overview: &Overview, data: &DashboardData) -> ListPart<HiddenRow> {
    let months = data.hide_after_months;
    let services = overview.hidden_services();
    let summary = match services {
        0 => locale.t("dashboard.hidden_none").to_owned(),
        n => locale.tf(
            if n == 1 { "dashboard.hidden_one" } else { "dashboard.hidden_count" },
            &[
                ("count", &locale.number(n)),
                ("organisations", &locale.number(overview.hidden.len() as u64)),
                ("months", &months),
            ],
        ),
    };
    let rows = overview
        .hidden
        .iter()
        .take(LIST_ROWS)
        .map(|h| HiddenRow {
            name: h.name.clone(),
            href: locale.href(&(data.edit_path)(EntityKind::Organisation, &h.id)),
            hidden: locale.tf(
                "dashboard.hidden_of",
                &[("hidden", &locale.number(h.hidden)), ("services", &locale.number(h.services))],
            ),
            oldest: locale.day(h.oldest),
        })
        .collect();
    ListPart { summary: with_cut(locale, summary, overview.hidden.len()), rows }
}

fn waiting(locale: Locale, overview: &Overview, edit_path: fn(EntityKind, &Id) -> String) -> ListPart<WaitingRow> {
    let all = &overview.waiting;
    let rows = all
        .iter()
        .take(LIST_ROWS)
        .map(|w| WaitingRow {
            name: w.name.clone(),
            href: locale.href(&edit_path(EntityKind::Organisation, &w.id)),
            reason: locale.t(match w.reason {
                WaitingReason::Bounced => "dashboard.reason_bounced",
                WaitingReason::NoAddress => "dashboard.reason_no_address",
                WaitingReason::NoReaction => "dashboard.reason_no_reaction",
            }),
            email: w.email.as_ref().map(ToString::to_string),
            phone: w.phone.as_ref().map(|p| (p.display_national(), format!("tel:{}", p.as_str()))),
            since: locale.day(w.since),
        })
        .collect();
    ListPart { summary: counted(locale, "dashboard.waiting_", all.len()), rows }
}

/// The summary sentence and the chart of the reminders per week.
fn reminders(locale: Locale, overview: &Overview) -> (String, Columns) {
    let t = |key: &str| locale.t(key).to_owned();
    let sum = |field: fn(&wegwijs_upkeep::overview::WeekCounts) -> u64| overview.weeks.iter().map(field).sum::<u64>();
    let (sent, opened, confirmed) = (sum(|w| w.sent), sum(|w| w.opened), sum(|w| w.confirmed));
    let summary = if sent + opened + confirmed == 0 {
        t("dashboard.reminders_none")
    } else {
        locale.tf(
            "dashboard.reminders_summary",
            &[
                ("sent", &locale.number(sent)),
                ("opened", &locale.number(opened)),
                ("confirmed", &locale.number(confirmed)),
            ],
        )
    };
    let chart = Columns {
        title: t("dashboard.reminders_chart"),
        description: t("dashboard.reminders_description"),
        category_heading: t("dashboard.reminders_week"),
        value_label: t("dashboard.reminders_axis"),
        series: vec![
            t("dashboard.reminders_sent"),
            t("dashboard.reminders_opened"),
            t("dashboard.reminders_confirmed"),
        ],
        no_data: t("dashboard.reminders_none"),
        categories: overview
            .weeks
            .iter()
            .map(|w| ColumnGroup {
                label: locale.tf("dashboard.week_label", &[("week", &w.monday.iso_week().week())]),
                values: vec![w.sent, w.opened, w.confirmed],
            })
            .collect(),
    };
    (summary, chart)
}

fn searches(locale: Locale, searches: &[QueryTotal]) -> ListPart<SearchRow> {
    let rows =
        searches.iter().map(|s| SearchRow { query: s.query.clone(), searches: locale.number(s.searches) }).collect();
    let summary = if searches.is_empty() { "dashboard.searches_none" } else { "dashboard.searches_intro" };
    ListPart { summary: locale.t(summary).to_owned(), rows }
}

/// `{prefix}none`, `{prefix}one` or `{prefix}count` with the number, and the cut-off note.
fn counted(locale: Locale, prefix: &str, count: usize) -> String {
    let summary = match count {
        0 => locale.t(&format!("{prefix}none")).to_owned(),
        1 => locale.t(&format!("{prefix}one")).to_owned(),
        n => locale.tf(&format!("{prefix}count"), &[("count", &locale.number(n as u64))]),
    };
    with_cut(locale, summary, count)
}

/// Adds "De eerste 100 staan hieronder." when a list is cut off.
fn with_cut(locale: Locale, summary: String, count: usize) -> String {
    if count <= LIST_ROWS {
        return summary;
    }
    format!("{summary} {}", locale.tf("dashboard.list_cut", &[("shown", &LIST_ROWS)]))
}

fn kind(locale: Locale, kind: EntityKind) -> &'static str {
    locale.t(if kind == EntityKind::Service { "dashboard.kind_service" } else { "dashboard.kind_organisation" })
}

/// `part` of `whole` as "83%", rounded as the charts round: only nothing is 0% and only
/// everything is 100%.
fn percent(locale: Locale, part: u64, whole: u64) -> String {
    let mut whole_percent =
        if whole == 0 { 0 } else { (u128::from(part) * 200 + u128::from(whole)) / (u128::from(whole) * 2) };
    if part > 0 && whole_percent == 0 {
        whole_percent = 1;
    } else if part < whole && whole_percent == 100 {
        whole_percent = 99;
    }
    format!("{}%", locale.number(u64::try_from(whole_percent).unwrap_or(100)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_round_but_never_to_nothing_or_everything() {
        let p = |part, whole| percent(Locale::Nl, part, whole);
        assert_eq!(p(342, 412), "83%");
        assert_eq!(p(1, 2), "50%");
        assert_eq!(p(1, 1000), "1%");
        assert_eq!(p(999, 1000), "99%");
        assert_eq!(p(0, 0), "0%");
        assert_eq!(p(5, 5), "100%");
    }

    fn rows(n: usize) -> Vec<BarRow> {
        (0..n).map(|i| BarRow { label: format!("Organisatie {i:03}"), shares: vec![0.5, 0.25] }).collect()
    }

    #[test]
    fn a_long_table_is_paged_and_its_links_keep_the_language_and_the_section() {
        let section = bar_section(Locale::En, "organisaties", "organisation", rows(250), Some(("pagina", Some(2))));
        assert!(section.open, "a page was asked for");
        assert_eq!(section.table.matches("<tr><th scope=\"row\">").count(), 100);
        assert!(section.table.contains("Organisatie 100") && !section.table.contains("Organisatie 099"));
        let pager = section.pager.expect("three pages");
        assert_eq!(pager.label, "Page 2 of 3");
        assert_eq!(pager.previous_href.as_deref(), Some("/redactie/actualiteit?pagina=1&lang=en#organisaties"));
        assert_eq!(pager.next_href.as_deref(), Some("/redactie/actualiteit?pagina=3&lang=en#organisaties"));
        assert_eq!(section.svg.matches("<g><title>").count(), CHART_ROWS, "the chart shows the first rows only");
        assert!(section.note.is_some_and(|note| note.contains("250")));

        let past_the_end = bar_section(Locale::Nl, "plaatsen", "place", rows(150), Some(("plaatsen", Some(9))));
        assert_eq!(past_the_end.pager.unwrap().label, "Pagina 2 van 2", "a page past the end shows the last");
        let unpaged = bar_section(Locale::Nl, "themas", "theme", rows(150), None);
        assert!(unpaged.pager.is_none() && !unpaged.open);
        assert_eq!(unpaged.table.matches("<tr><th scope=\"row\">").count(), 150, "an unpaged table has every row");
        let short = bar_section(Locale::Nl, "themas", "theme", rows(CHART_ALL_ROWS), None);
        assert_eq!(short.svg.matches("<g><title>").count(), CHART_ALL_ROWS, "a short list is drawn whole");
        assert!(short.note.is_none());
    }

    /// Most keys here are chosen at run time (`locale.t(match …)`, helpers), which the
    /// key scan of `i18n` does not see: every quoted `dashboard.` literal of this file and
    /// of the template, and every key built from parts, must exist in both languages.
    #[test]
    fn every_dashboard_key_exists_in_both_languages() {
        let mut keys: Vec<String> = Vec::new();
        for source in [include_str!("freshness.rs"), include_str!("../../templates/editor/freshness.html")] {
            for piece in source.split("\"dashboard.").skip(1) {
                let rest = piece.split('"').next().unwrap();
                if !rest.contains('{') && !rest.ends_with('_') && !rest.is_empty() {
                    keys.push(format!("dashboard.{rest}"));
                }
            }
        }
        for what in ["organisation", "theme", "place"] {
            for part in ["heading", "description", "label"] {
                keys.push(format!("dashboard.{what}_{part}"));
            }
        }
        for list in ["dashboard.upcoming_", "dashboard.waiting_"] {
            for part in ["none", "one", "count"] {
                keys.push(format!("{list}{part}"));
            }
        }
        assert!(keys.len() > 40, "the scan found too few keys: {keys:?}");
        let missing: Vec<&String> = keys.iter().filter(|k| !Locale::Nl.has(k) || !Locale::En.has(k)).collect();
        assert!(missing.is_empty(), "missing in nl or en: {missing:?}");
    }
}
