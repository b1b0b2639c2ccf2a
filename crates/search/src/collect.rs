//! One pass over all matching documents: leave out those hidden for staleness, score
//! the rest with locality and freshness, keep the best page, and count the facets.
//!
//! Facets need every hit anyway, so ranking factors are applied in the same pass from
//! fast fields instead of re-ranking a top-N afterwards: a re-rank would miss the nearby
//! service that text relevance alone put at place 200.

use crate::rank::{Explanation, freshness, locality};
use crate::schema::{Facet, Fields, unpack_point};
use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap};
use std::sync::{Arc, Mutex};
use tantivy::BitSet;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::index::SegmentId;
use tantivy::query::{EnableScoring, Query, Weight};
use tantivy::{DocId, DocSet, Score, SegmentOrdinal, SegmentReader, TERMINATED};
use wegwijs_domain::{FreshnessPolicy, GeoPoint};
use wegwijs_store::Visibility;

/// Distance bands counted for the distance facet, km.
pub const DISTANCE_BANDS_KM: [f64; 4] = [1.0, 5.0, 10.0, 25.0];

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Best match first (text × locality × freshness).
    #[default]
    Relevance,
    /// Nearest first; services without a location last.
    Distance,
}

/// The searcher's location as the collector needs it.
#[derive(Debug, Clone)]
pub struct Near {
    /// Where the searcher is.
    pub point: GeoPoint,
    /// Area keys covering the searcher.
    pub area_keys: Vec<String>,
}

/// The collector's settings.
pub struct RankingCollector {
    /// How many of the best hits to keep.
    pub keep: usize,
    /// The searcher's location.
    pub near: Option<Near>,
    /// Only hits within this distance.
    pub radius_km: Option<f64>,
    /// Today, in days since 1970-01-01.
    pub today: i64,
    /// Which services are hidden for staleness, and how fresh the others are.
    pub staleness: Staleness,
    /// The order.
    pub sort: Sort,
    /// Documents open right now, as a query; `only_open` filters on it.
    pub open_now: Arc<dyn Weight>,
    /// The quarter hour `open_now` is about (day number, quarter of the day): the
    /// open documents of a segment are remembered for it.
    pub open_at: QuarterHour,
    /// Open documents per segment for recent quarter hours, shared between searches.
    pub open_cache: Arc<OpenNowCache>,
    /// Keep only hits that are open now.
    pub only_open: bool,
    /// Whether to count facets.
    pub count_facets: bool,
    /// Field names of facets, areas and ranking values.
    pub columns: ColumnNames,
    /// The values of facet columns per segment, shared between searches.
    pub facet_values: Arc<FacetValues>,
}

/// The store's [`Visibility`] in the units of the index: a search leaves out what the
/// public listings leave out at the same moment, and ranks the rest by the age of
/// their last check. Judged per search, so nothing needs re-indexing as time passes.
#[derive(Debug, Clone, Copy)]
pub struct Staleness {
    /// The thresholds.
    pub policy: FreshnessPolicy,
    /// The moment of the search, microseconds since 1970.
    pub now_micros: i64,
    /// Services last checked at or before this (microseconds since 1970) are hidden:
    /// [`Visibility::hidden_until`].
    pub hidden_until_micros: i64,
}

impl Staleness {
    /// The staleness rules of `visibility`.
    pub fn new(visibility: &Visibility) -> Self {
        Self {
            policy: visibility.policy,
            now_micros: visibility.now.timestamp_micros(),
            hidden_until_micros: visibility.hidden_until().timestamp_micros(),
        }
    }

    /// Whether a service last checked at `checked_micros` is shown.
    pub fn shows(&self, checked_micros: i64) -> bool {
        checked_micros > self.hidden_until_micros
    }
}

/// Microseconds in a day.
const DAY_MICROS: i64 = 86_400_000_000;

/// The facet values of one segment, in ordinal order of its combined facet column.
type SegmentValues = Arc<Vec<Option<(Facet, String)>>>;

/// The values of each facet column of each segment, in ordinal order. Segments never
/// change, so this is read once per segment instead of looking values up in the
/// column's dictionary on every search.
#[derive(Debug, Default)]
pub struct FacetValues {
    cache: Mutex<HashMap<SegmentId, SegmentValues>>,
}

/// The documents of each segment open in a given quarter hour. Searches in the same
/// quarter hour share the set instead of evaluating "open now" again.
#[derive(Debug, Default)]
pub struct OpenNowCache {
    sets: Mutex<HashMap<(SegmentId, QuarterHour), Arc<BitSet>>>,
}

/// A Dutch local day (days since 1970) and quarter of that day.
pub type QuarterHour = (i64, u64);

impl OpenNowCache {
    fn get_or_build(
        &self,
        segment: &SegmentReader,
        at: QuarterHour,
        weight: &dyn Weight,
    ) -> tantivy::Result<Arc<BitSet>> {
        let key = (segment.segment_id(), at);
        if let Some(set) = self.sets.lock().ok().and_then(|s| s.get(&key).cloned()) {
            return Ok(set);
        }
        let mut open = BitSet::with_max_value(segment.max_doc());
        let mut scorer = weight.scorer(segment, 1.0)?;
        let mut doc = scorer.doc();
        while doc != TERMINATED {
            open.insert(doc);
            doc = scorer.advance();
        }
        let open = Arc::new(open);
        if let Ok(mut sets) = self.sets.lock() {
            // Keep only the current quarter hour: older sets are never asked for again.
            sets.retain(|(_, when), _| *when == at);
            sets.insert(key, open.clone());
        }
        Ok(open)
    }

    /// Forgets segments that are gone.
    pub fn retain(&self, live: &[SegmentId]) {
        if let Ok(mut sets) = self.sets.lock() {
            sets.retain(|(segment, _), _| live.contains(segment));
        }
    }
}

/// The combined facet column of a segment while collecting: its ordinals, their
/// values, and the count per ordinal.
struct FacetCounter {
    column: StrColumn,
    values: SegmentValues,
    counts: Vec<u64>,
}

impl FacetValues {
    fn values(&self, segment: SegmentId, column: &StrColumn) -> SegmentValues {
        if let Some(values) = self.cache.lock().ok().and_then(|c| c.get(&segment).cloned()) {
            return values;
        }
        let mut values = Vec::with_capacity(column.dictionary().num_terms());
        if let Ok(mut stream) = column.dictionary().stream() {
            while stream.advance() {
                let tagged = String::from_utf8_lossy(stream.key());
                values.push(Facet::untag(&tagged).map(|(facet, value)| (facet, value.to_owned())));
            }
        }
        let values = Arc::new(values);
        if let Ok(mut cache) = self.cache.lock() {
            cache.insert(segment, values.clone());
        }
        values
    }

    /// Forgets segments that are gone (merged or deleted).
    pub fn retain(&self, live: &[SegmentId]) {
        if let Ok(mut cache) = self.cache.lock() {
            cache.retain(|segment, _| live.contains(segment));
        }
    }
}

/// The names of the fast fields the collector reads.
#[derive(Debug, Clone)]
pub struct ColumnNames {
    all_facets: String,
    area: String,
    geo: String,
    verified_day: String,
    checked_at: String,
}

impl ColumnNames {
    /// The fast field with each service's location points.
    pub fn geo(&self) -> &str {
        &self.geo
    }
}

impl ColumnNames {
    /// The names from the schema.
    pub fn new(schema: &tantivy::schema::Schema, fields: &Fields) -> Self {
        let name = |f| schema.get_field_name(f).to_owned();
        Self {
            all_facets: name(fields.all_facets),
            area: name(fields.area),
            geo: name(fields.geo),
            verified_day: name(fields.verified_day),
            checked_at: name(fields.checked_at),
        }
    }
}

impl RankingCollector {
    /// A weight for "open now" from its query.
    pub fn open_weight(query: &dyn Query, schema: &tantivy::schema::Schema) -> tantivy::Result<Arc<dyn Weight>> {
        Ok(Arc::from(query.weight(EnableScoring::disabled_from_schema(schema))?))
    }
}

/// A kept hit.
#[derive(Debug, Clone)]
pub struct Ranked {
    /// Segment of the document.
    pub segment: SegmentOrdinal,
    /// Document within the segment.
    pub doc: DocId,
    /// Why it scored what it scored.
    pub explanation: Explanation,
    /// Whether it is open right now.
    pub open_now: bool,
}

impl Ranked {
    fn key(&self, sort: Sort) -> (f64, f32) {
        match sort {
            Sort::Relevance => (f64::from(self.explanation.score), 0.0),
            Sort::Distance => (-self.explanation.distance_km.unwrap_or(f64::INFINITY), self.explanation.score),
        }
    }
}

struct HeapEntry(Ranked, Sort);

impl PartialEq for HeapEntry {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for HeapEntry {}
impl PartialOrd for HeapEntry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for HeapEntry {
    fn cmp(&self, other: &Self) -> Ordering {
        let (a, b) = (self.0.key(self.1), other.0.key(other.1));
        a.0.total_cmp(&b.0)
            .then(a.1.total_cmp(&b.1))
            // Equal scores: the lower document comes first, so pages are stable.
            .then_with(|| (other.0.segment, other.0.doc).cmp(&(self.0.segment, self.0.doc)))
    }
}

/// What one pass found.
#[derive(Debug, Default)]
pub struct Collected {
    /// The best hits, best first.
    pub top: Vec<Ranked>,
    /// Number of hits.
    pub total: u64,
    /// Facet counts per segment: the segment's values and the count per ordinal.
    /// Kept apart until [`facet_counts`](Self::facet_counts), so that no value is
    /// copied that will not be shown.
    pub segment_facets: Vec<(SegmentValues, Vec<u64>)>,
    /// Hits open right now.
    pub open_now: u64,
    /// Hits within each of [`DISTANCE_BANDS_KM`].
    pub within: [u64; DISTANCE_BANDS_KM.len()],
}

impl Collected {
    /// The counts per facet value over all segments, most frequent first.
    pub fn facet_counts(&self) -> HashMap<Facet, Vec<(&str, u64)>> {
        let mut merged: HashMap<(Facet, &str), u64> = HashMap::new();
        for (values, counts) in &self.segment_facets {
            for (value, count) in values.iter().zip(counts).filter(|(_, count)| **count > 0) {
                if let Some((facet, value)) = value {
                    *merged.entry((*facet, value.as_str())).or_default() += count;
                }
            }
        }
        let mut by_facet: HashMap<Facet, Vec<(&str, u64)>> = HashMap::new();
        for ((facet, value), count) in merged {
            by_facet.entry(facet).or_default().push((value, count));
        }
        for values in by_facet.values_mut() {
            values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        }
        by_facet
    }
}

/// The per-segment part of [`RankingCollector`].
pub struct RankingSegment {
    segment: SegmentOrdinal,
    keep: usize,
    sort: Sort,
    near: Option<GeoPoint>,
    covering_ords: Vec<u64>,
    radius_km: Option<f64>,
    today: i64,
    staleness: Staleness,
    open: Arc<BitSet>,
    only_open: bool,
    facets: Option<FacetCounter>,
    area: Option<StrColumn>,
    geo: Column<u64>,
    verified_day: Column<i64>,
    checked_at: Column<i64>,
    heap: BinaryHeap<Reverse<HeapEntry>>,
    total: u64,
    open_count: u64,
    within: [u64; DISTANCE_BANDS_KM.len()],
}

impl Collector for RankingCollector {
    type Fruit = Collected;
    type Child = RankingSegment;

    fn for_segment(&self, segment: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<RankingSegment> {
        let fast = reader.fast_fields();
        let area = fast.str(&self.columns.area)?;
        let covering_ords = match (&area, &self.near) {
            (Some(column), Some(near)) => near
                .area_keys
                .iter()
                .filter_map(|key| column.dictionary().term_ord(key.as_bytes()).ok().flatten())
                .collect(),
            _ => Vec::new(),
        };
        let facets = match fast.str(&self.columns.all_facets)? {
            Some(column) if self.count_facets => {
                let values = self.facet_values.values(reader.segment_id(), &column);
                let counts = vec![0; values.len()];
                Some(FacetCounter { column, values, counts })
            }
            _ => None,
        };
        let open = self.open_cache.get_or_build(reader, self.open_at, self.open_now.as_ref())?;
        Ok(RankingSegment {
            segment,
            keep: self.keep,
            sort: self.sort,
            near: self.near.as_ref().map(|n| n.point),
            covering_ords,
            radius_km: self.radius_km,
            today: self.today,
            staleness: self.staleness,
            open,
            only_open: self.only_open,
            facets,
            area,
            geo: fast.u64(&self.columns.geo)?,
            verified_day: fast.i64(&self.columns.verified_day)?,
            checked_at: fast.i64(&self.columns.checked_at)?,
            heap: BinaryHeap::new(),
            total: 0,
            open_count: 0,
            within: [0; DISTANCE_BANDS_KM.len()],
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Collected>) -> tantivy::Result<Collected> {
        let mut merged = Collected::default();
        let mut heap = BinaryHeap::new();
        for fruit in fruits {
            merged.total += fruit.total;
            merged.open_now += fruit.open_now;
            for (band, count) in merged.within.iter_mut().zip(fruit.within) {
                *band += count;
            }
            merged.segment_facets.extend(fruit.segment_facets);
            for ranked in fruit.top {
                push_bounded(&mut heap, HeapEntry(ranked, self.sort), self.keep);
            }
        }
        merged.top = drain_best_first(heap);
        Ok(merged)
    }
}

fn push_bounded(heap: &mut BinaryHeap<Reverse<HeapEntry>>, entry: HeapEntry, keep: usize) {
    if keep == 0 {
        return;
    }
    if heap.len() < keep {
        heap.push(Reverse(entry));
    } else if heap.peek().is_some_and(|Reverse(worst)| entry > *worst) {
        heap.pop();
        heap.push(Reverse(entry));
    }
}

fn drain_best_first(heap: BinaryHeap<Reverse<HeapEntry>>) -> Vec<Ranked> {
    let mut entries: Vec<HeapEntry> = heap.into_iter().map(|Reverse(e)| e).collect();
    entries.sort_by(|a, b| b.cmp(a));
    entries.into_iter().map(|e| e.0).collect()
}

impl SegmentCollector for RankingSegment {
    type Fruit = Collected;

    fn collect(&mut self, doc: DocId, score: Score) {
        // Hidden for staleness: not a hit at all, so not counted in totals or facets.
        let Some(checked) = self.checked_at.first(doc).filter(|c| self.staleness.shows(*c)) else { return };
        let open_now = self.open.contains(doc);
        if self.only_open && !open_now {
            return;
        }
        let distance_km = self.near.and_then(|near| {
            self.geo
                .values_for_doc(doc)
                .map(|packed| {
                    let (lat, lon) = unpack_point(packed);
                    near.distance_km(GeoPoint { lat, lon })
                })
                .min_by(f64::total_cmp)
        });
        let covers = self.near.is_some().then(|| {
            self.area.as_ref().is_some_and(|column| column.term_ords(doc).any(|ord| self.covering_ords.contains(&ord)))
        });
        if let Some(radius) = self.radius_km {
            let inside = distance_km.is_some_and(|d| d <= radius) || (distance_km.is_none() && covers == Some(true));
            if !inside {
                return;
            }
        }
        let verified = self.verified_day.first(doc).filter(|day| *day != i64::MIN);
        let verified_days_ago = verified.map(|day| self.today - day);
        let locality = covers.map_or(1.0, |covers| locality(covers, distance_km));
        let checked_micros_ago = self.staleness.now_micros.saturating_sub(checked);
        #[allow(clippy::cast_precision_loss)]
        let freshness = freshness(&self.staleness.policy, checked_micros_ago as f64 / DAY_MICROS as f64);
        let explanation = Explanation {
            text: score,
            covers_searcher: covers,
            distance_km,
            locality,
            verified_days_ago,
            checked_days_ago: checked_micros_ago.div_euclid(DAY_MICROS),
            freshness,
            score: score * locality * freshness,
        };

        self.total += 1;
        self.open_count += u64::from(open_now);
        if let Some(d) = distance_km {
            for (band, limit) in self.within.iter_mut().zip(DISTANCE_BANDS_KM) {
                *band += u64::from(d <= limit);
            }
        }
        if let Some(counter) = &mut self.facets {
            for ord in counter.column.term_ords(doc) {
                if let Some(count) = usize::try_from(ord).ok().and_then(|i| counter.counts.get_mut(i)) {
                    *count += 1;
                }
            }
        }
        let ranked = Ranked { segment: self.segment, doc, explanation, open_now };
        push_bounded(&mut self.heap, HeapEntry(ranked, self.sort), self.keep);
    }

    fn harvest(self) -> Collected {
        let segment_facets = self.facets.map(|c| vec![(c.values, c.counts)]).unwrap_or_default();
        Collected {
            top: drain_best_first(self.heap),
            total: self.total,
            segment_facets,
            open_now: self.open_count,
            within: self.within,
        }
    }
}
