//! The search results page (and the result part of theme pages): numbered results,
//! facets as checkboxes, sort, pages, map, and help when nothing is found.

use super::chrome::Chrome;
use super::format::{cost_hint, distance, referral_hint};
use crate::i18n::Locale;
use askama::Template;
use wegwijs_search::{FacetCounts, Hit};

/// One result in the list.
pub struct ResultItem {
    /// Its number on the map.
    pub number: usize,
    /// Service id (for "compare" and "my list").
    pub id: String,
    /// Link to the service page.
    pub href: String,
    /// Service name.
    pub name: String,
    /// Organisation name and link.
    pub organisation: Option<(String, String)>,
    /// Where the query matched, as HTML with `<b>` marks; the engine escapes the text.
    pub snippet_html: String,
    /// "1,2 km".
    pub distance: Option<String>,
    /// Open right now.
    pub open_now: bool,
    /// "Gratis", "Vanaf € 5,00"; nothing when the data does not say.
    pub cost: Option<String>,
    /// "Verwijzing van de huisarts nodig", when a referral is needed.
    pub referral: Option<&'static str>,
}

impl ResultItem {
    /// The list entry for a hit.
    pub fn new(locale: Locale, number: usize, hit: &Hit) -> Self {
        Self {
            number,
            id: hit.id.clone(),
            href: super::service_href(locale, &hit.id, &hit.name),
            name: hit.name.clone(),
            organisation: hit
                .organisation
                .as_ref()
                .map(|name| (name.clone(), super::organisation_href(locale, &hit.organisation_id, name))),
            snippet_html: hit.snippet.html.clone(),
            distance: hit
                .distance_km
                .map(|km| locale.tf("results.distance_away", &[("distance", &distance(locale, km))])),
            open_now: hit.open_now,
            cost: cost_hint(locale, hit.free, hit.price_cents),
            referral: referral_hint(locale, &hit.referral),
        }
    }
}

/// Values shown per facet (besides checked ones): more is a wall of checkboxes.
const MAX_OPTIONS: usize = 12;

/// A checkbox of a facet.
pub struct FacetOption {
    /// Element id (unique on the page).
    pub id: String,
    /// The value sent.
    pub value: String,
    /// What it says.
    pub label: String,
    /// Results with this value.
    pub count: u64,
    /// Checked.
    pub selected: bool,
}

/// A facet shown as a group of checkboxes.
pub struct FacetGroup {
    /// Parameter name.
    pub name: &'static str,
    /// The group's heading.
    pub legend: String,
    /// Its options.
    pub options: Vec<FacetOption>,
    /// Shown open (something selected, or one of the first groups).
    pub open: bool,
}

impl FacetGroup {
    /// Groups from the engine's counts; facets with one value and nothing selected say
    /// nothing and are left out, as are values without results unless selected.
    pub fn from_counts(locale: Locale, counts: &[FacetCounts], skip: &[&str]) -> Vec<Self> {
        let mut groups = Vec::new();
        for (position, facet) in counts.iter().enumerate() {
            let name = facet.facet.name();
            if skip.contains(&name) {
                continue;
            }
            let options: Vec<FacetOption> = facet
                .values
                .iter()
                .filter(|v| v.count > 0 || v.selected)
                .enumerate()
                // The twelve most frequent values, and every checked one however rare.
                .filter(|(i, v)| *i < MAX_OPTIONS || v.selected)
                .map(|(i, v)| FacetOption {
                    // By position: values such as "'s-Gravenhage" and "s Gravenhage" would
                    // otherwise share an id.
                    id: format!("f-{name}-{i}"),
                    value: v.value.clone(),
                    label: facet_label(locale, name, &v.value, &v.label),
                    count: v.count,
                    selected: v.selected,
                })
                .collect();
            let any_selected = options.iter().any(|o| o.selected);
            if options.len() < 2 && !any_selected {
                continue;
            }
            groups.push(Self {
                name,
                legend: locale.t(&format!("facet.{name}")).to_owned(),
                open: any_selected || position < 2,
                options,
            });
        }
        groups
    }

    /// How many options are checked.
    pub fn selected_count(&self) -> usize {
        self.options.iter().filter(|o| o.selected).count()
    }
}

/// The label of a facet value in the page's language: a translation when the locale
/// files have one, else the engine's Dutch label.
pub fn facet_label(locale: Locale, facet: &str, value: &str, dutch: &str) -> String {
    match locale {
        Locale::Nl => dutch.to_owned(),
        Locale::En => locale
            .get(&format!("facet.{facet}.{value}"))
            .or_else(|| locale.get(&format!("theme.{value}.name")))
            .unwrap_or(dutch)
            .to_owned(),
    }
}

/// A choice of distance.
pub struct DistanceOption {
    /// Kilometres, as sent.
    pub value: String,
    /// "Binnen 5 km (12)".
    pub label: String,
    /// Chosen.
    pub selected: bool,
}

/// A link in the page navigation.
pub struct PageLink {
    /// Page number as text.
    pub label: String,
    /// Link, `None` for the current page.
    pub href: Option<String>,
}

/// A word or theme to try when nothing was found.
pub struct Alternative {
    /// What it says.
    pub label: String,
    /// Where it goes.
    pub href: String,
}

/// Help when nothing was found.
pub struct ZeroHelp {
    /// Other words to search for.
    pub words: Vec<Alternative>,
    /// Themes to browse.
    pub themes: Vec<Alternative>,
    /// Search again without filters or place, when those were used.
    pub broaden: Option<String>,
}

/// Everything the result part of a page shows.
pub struct ResultsView {
    /// Interface language.
    pub locale: Locale,
    /// Where the filter form sends to.
    pub action: String,
    /// What was typed.
    pub query: String,
    /// The place or postcode typed.
    pub waar: String,
    /// Hidden fields the filter form keeps (language).
    pub hidden: Vec<(String, String)>,
    /// The results of this page.
    pub items: Vec<ResultItem>,
    /// Number of results.
    pub total: u64,
    /// Facets.
    pub facets: Vec<FacetGroup>,
    /// Results open now.
    pub open_now_count: u64,
    /// The "open now" filter is on.
    pub open_now: bool,
    /// Distance choices (only with a location).
    pub distances: Vec<DistanceOption>,
    /// Sorted by distance.
    pub sort_distance: bool,
    /// Link to the results by relevance.
    pub sort_relevance_href: String,
    /// Link to the results by distance.
    pub sort_distance_href: String,
    /// "bij 2171 Sassenheim": the location used, as residents call it.
    pub location: Option<String>,
    /// Page links.
    pub pages: Vec<PageLink>,
    /// Previous page.
    pub prev: Option<String>,
    /// Next page.
    pub next: Option<String>,
    /// The map, inline SVG.
    pub map_svg: Option<String>,
    /// Help when nothing was found.
    pub zero: Option<ZeroHelp>,
    /// A message about the search (unknown place).
    pub notice: Option<String>,
    /// "Ook gezocht op: schuldhulpverlening".
    pub also_searched: Option<String>,
    /// Link that removes every filter.
    pub clear_filters: Option<String>,
    /// This page's address, to come back to after saving a service to the list.
    pub back: String,
}

impl ResultsView {
    /// "12 resultaten".
    pub fn count_text(&self) -> String {
        match self.total {
            1 => self.locale.t("results.count_one").to_owned(),
            n => self.locale.tf("results.count", &[("count", &n)]),
        }
    }

    /// Whether a distance is chosen.
    pub fn any_distance_selected(&self) -> bool {
        self.distances.iter().any(|d| d.selected)
    }

    /// Number of selected filters, for the filter toggle on small screens.
    pub fn selected_filters(&self) -> usize {
        self.facets.iter().map(FacetGroup::selected_count).sum::<usize>() + usize::from(self.open_now)
    }
}

/// The search page.
#[derive(Template)]
#[template(path = "search/page.html")]
pub struct SearchPage {
    /// Interface language.
    pub locale: Locale,
    /// The frame.
    pub chrome: Chrome,
    /// The heading.
    pub heading: String,
    /// The results.
    pub results: ResultsView,
}
