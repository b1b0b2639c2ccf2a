//! The search index on disk or in memory: writing documents and answering searches.

use crate::analysis::{Analyzer, DutchTokenizer, TokenizerKind};
use crate::collect::{
    ColumnNames, DISTANCE_BANDS_KM, FacetValues, Near, OpenNowCache, RankingCollector, Sort, Staleness,
};
use crate::document::{QUARTERS_PER_DAY, ServiceRecord, TermCatalog, day_number, service_document};
use crate::labels::label;
use crate::place::Whereabouts;
use crate::query::{Audience, Interpretation, QueryContext, TextQuery};
use crate::rank::Explanation;
use crate::schema::{self, Facet, Fields, SCHEMA_VERSION};
use crate::suggest::{Suggester, Suggestion};
use crate::vocabulary::Vocabulary;
use crate::{Error, Result};
use chrono::{DateTime, Datelike, Timelike, Utc};
use chrono_tz::Europe::Amsterdam;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Bound;
use std::path::Path;
use std::sync::{Arc, Mutex, RwLock};
use tantivy::query::{AllQuery, BooleanQuery, EmptyQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, Schema, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term};
use wegwijs_domain::geo::Geo;
use wegwijs_domain::schedule::public_holiday;
use wegwijs_domain::{FreshnessPolicy, GeoPoint, Id};
use wegwijs_store::Visibility;

/// Memory for the index writer: enough to index 100k services without intermediate
/// flushes on two cores.
const WRITER_MEMORY: usize = 200_000_000;
/// Most results a search can page through; deeper pages are empty.
pub const MAX_RESULT_WINDOW: usize = 10_000;
/// Most values shown per facet (selected values are always shown too).
const MAX_FACET_VALUES: usize = 30;
/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 180;
/// Name of the file next to the index that records the schema version.
const VERSION_FILE: &str = "wegwijs-schema-version";

/// What to search for.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    /// What the person typed; may be empty to browse.
    pub text: String,
    /// The searcher's location from parameters (postcode, place, coordinates). A place
    /// in the text is used when this is `None`.
    pub near: Option<Whereabouts>,
    /// Only services within this distance of the location.
    pub radius_km: Option<f64>,
    /// Facet filters: a hit must match one of the values of every facet given.
    pub filters: BTreeMap<Facet, Vec<String>>,
    /// Only services admitting this age.
    pub age: Option<u8>,
    /// Only services open at `now`.
    pub open_now: bool,
    /// Order of the results.
    pub sort: Sort,
    /// Results to skip.
    pub offset: usize,
    /// Results to return.
    pub limit: usize,
    /// Whose search it is.
    pub audience: Audience,
    /// Include the score explanation with every hit.
    pub explain: bool,
    /// A facet whose filter the caller fixes and does not offer to change (the theme of
    /// a theme page): it is not counted for alternatives, which saves a counting pass.
    pub fixed: Option<Facet>,
    /// The moment of the search ("open now", freshness, hiding).
    pub now: DateTime<Utc>,
    /// The deployment's freshness thresholds: services whose last check is
    /// `hide_after` old at `now` are left out (as from every public listing), and the
    /// rest rank by the age of their last check.
    pub freshness: FreshnessPolicy,
}

impl SearchRequest {
    /// A public search for `text`, first page of ten, now.
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            near: None,
            radius_km: None,
            filters: BTreeMap::new(),
            age: None,
            open_now: false,
            sort: Sort::Relevance,
            offset: 0,
            limit: 10,
            audience: Audience::Public,
            explain: false,
            fixed: None,
            now: Utc::now(),
            freshness: FreshnessPolicy::default(),
        }
    }

    /// What the public may see at the moment of this search.
    pub fn visibility(&self) -> Visibility {
        Visibility::new(self.freshness, self.now)
    }
}

/// A snippet of public text with the matching words marked.
#[derive(Debug, Clone, Serialize)]
pub struct Snippet {
    /// The text of the fragment.
    pub text: String,
    /// Byte ranges of `text` that matched.
    pub highlights: Vec<(usize, usize)>,
    /// The fragment as HTML, escaped, with matches in `<b>`.
    pub html: String,
}

/// One result.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// Service id.
    pub id: String,
    /// Service name.
    pub name: String,
    /// Organisation id.
    pub organisation_id: String,
    /// Organisation name.
    pub organisation: Option<String>,
    /// The plain-language summary.
    pub summary: String,
    /// Where the query matched.
    pub snippet: Snippet,
    /// Distance to the searcher's location, km.
    pub distance_km: Option<f64>,
    /// Open right now.
    pub open_now: bool,
    /// Free of charge.
    pub free: bool,
    /// Lowest known price, cents.
    pub price_cents: Option<u64>,
    /// Referral route code (none, huisarts, wijkteam, gemeente).
    pub referral: String,
    /// Theme codes.
    pub themes: Vec<String>,
    /// Where to pin it on a map: the location nearest to the searcher, else the first.
    pub point: Option<GeoPoint>,
    /// Why it ranks here (only when asked).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<Explanation>,
}

/// A facet value with its count.
#[derive(Debug, Clone, Serialize)]
pub struct FacetValue {
    /// The value, as used in a filter.
    pub value: String,
    /// Dutch display name.
    pub label: String,
    /// Hits with this value.
    pub count: u64,
    /// Whether the request filters on it.
    pub selected: bool,
}

/// The counts of one facet.
#[derive(Debug, Clone, Serialize)]
pub struct FacetCounts {
    /// The facet.
    pub facet: Facet,
    /// Its values, most frequent first.
    pub values: Vec<FacetValue>,
}

/// The answer to a search.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// Number of hits.
    pub total: u64,
    /// The requested page of hits.
    pub hits: Vec<Hit>,
    /// Facet counts over all hits.
    pub facets: Vec<FacetCounts>,
    /// Hits open right now.
    pub open_now: u64,
    /// Hits within 1, 5, 10 and 25 km (empty without a location).
    pub within_km: Vec<(f64, u64)>,
    /// The location used.
    pub near: Option<Whereabouts>,
    /// What the engine made of the query.
    pub interpretation: Interpretation,
}

/// Where a search index lives.
#[derive(Debug, Clone)]
pub enum IndexLocation<'a> {
    /// In a directory, created when missing.
    Dir(&'a Path),
    /// In memory (tests, benchmarks).
    Memory,
}

/// The search index with its analyser, vocabulary and geography.
pub struct SearchIndex {
    index: Index,
    schema: Schema,
    fields: Fields,
    columns: ColumnNames,
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
    analyzer: Analyzer,
    vocabulary: Arc<Vocabulary>,
    terms: RwLock<Arc<TermCatalog>>,
    geo: &'static Geo,
    highlight: TextAnalyzer,
    /// Facet values per segment, for the collector.
    facet_values: Arc<FacetValues>,
    /// Open documents per segment and quarter hour, for the collector.
    open_cache: Arc<OpenNowCache>,
    /// Suggestions, with the index generation and hidden services they were built for.
    suggester: Mutex<Option<CachedSuggester>>,
}

/// Suggestions built for one index generation and one set of services hidden for
/// staleness.
#[derive(Clone)]
struct CachedSuggester {
    /// The index generation.
    generation: u64,
    /// The last check (microseconds) of every live service of that generation, sorted.
    /// The services hidden at a moment are those checked at or before its cutoff: a
    /// prefix of this list, so its length (a binary search) names the set.
    checked: Arc<Vec<i64>>,
    /// How many services were hidden when the list was built.
    hidden: usize,
    suggester: Arc<Suggester>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex").field("documents", &self.reader.searcher().num_docs()).finish_non_exhaustive()
    }
}

impl SearchIndex {
    /// Opens the index at `location`, creating it when missing. An index written with
    /// another schema version is emptied (its [`applied_seq`](Self::applied_seq) is
    /// then 0, so the follower rebuilds it).
    pub fn open(location: IndexLocation<'_>, mut vocabulary: Vocabulary, geo: &'static Geo) -> Result<Self> {
        let (schema, fields) = schema::build();
        let index = match location {
            IndexLocation::Memory => Index::create_in_ram(schema.clone()),
            IndexLocation::Dir(dir) => open_dir(dir, &schema)?,
        };
        let analyzer = Analyzer::builtin();
        vocabulary.compile(|word| analyzer.stem(word), crate::analysis::is_stop_word);
        // The highlight tokenizer is used directly for snippets; no field is indexed with it.
        for kind in [TokenizerKind::Words, TokenizerKind::CompoundParts] {
            index.tokenizers().register(kind.name(), TextAnalyzer::from(DutchTokenizer::new(analyzer.clone(), kind)));
        }
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        let writer = index.writer_with_num_threads(2, WRITER_MEMORY)?;
        let columns = ColumnNames::new(&schema, &fields);
        let highlight = TextAnalyzer::from(DutchTokenizer::new(analyzer.clone(), TokenizerKind::Highlight));
        Ok(Self {
            index,
            schema,
            fields,
            columns,
            reader,
            writer: Mutex::new(writer),
            analyzer,
            vocabulary: Arc::new(vocabulary),
            terms: RwLock::new(Arc::new(TermCatalog::default())),
            geo,
            highlight,
            suggester: Mutex::new(None),
            facet_values: Arc::new(FacetValues::default()),
            open_cache: Arc::new(OpenNowCache::default()),
        })
    }

    /// The change-log position the index reflects (0 for a new index).
    pub fn applied_seq(&self) -> Result<i64> {
        let payload = self.index.load_metas()?.payload;
        Ok(payload.and_then(|p| p.parse().ok()).unwrap_or(0))
    }

    /// Number of services in the index.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Whether the index holds no services.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The analyser.
    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// The vocabulary.
    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
    }

    /// The taxonomy terms used to index services.
    pub fn terms(&self) -> Arc<TermCatalog> {
        self.terms.read().expect("term catalogue lock").clone()
    }

    /// Replaces the taxonomy terms used for indexing (and facet labels).
    pub fn set_terms(&self, terms: TermCatalog) {
        *self.terms.write().expect("term catalogue lock") = Arc::new(terms);
    }

    /// Writes changes and commits them with the change-log position they bring the
    /// index to. Services that are not active are removed rather than indexed.
    pub fn apply(&self, upserts: &[ServiceRecord], deletes: &[Id], seq: i64) -> Result<()> {
        let terms = self.terms();
        let mut writer = self.writer.lock().map_err(|_| Error::Poisoned)?;
        for id in deletes {
            writer.delete_term(Term::from_field_text(self.fields.id, id.as_str()));
        }
        for record in upserts {
            writer.delete_term(Term::from_field_text(self.fields.id, record.service.id.as_str()));
            if record.service.status == wegwijs_domain::ServiceStatus::Active {
                writer.add_document(service_document(record, &self.fields, &terms, self.geo))?;
            }
        }
        commit(&mut writer, seq)?;
        drop(writer);
        self.reader.reload()?;
        Ok(())
    }

    /// Starts a rebuild: removes every document. Follow with [`add_batch`](Self::add_batch)
    /// calls and one [`finish_rebuild`](Self::finish_rebuild); searches keep seeing the
    /// old documents until then.
    pub fn start_rebuild(&self) -> Result<()> {
        self.writer.lock().map_err(|_| Error::Poisoned)?.delete_all_documents()?;
        Ok(())
    }

    /// Adds documents during a rebuild, without committing.
    pub fn add_batch(&self, records: &[ServiceRecord]) -> Result<()> {
        let terms = self.terms();
        let writer = self.writer.lock().map_err(|_| Error::Poisoned)?;
        for record in records.iter().filter(|r| r.service.status == wegwijs_domain::ServiceStatus::Active) {
            writer.add_document(service_document(record, &self.fields, &terms, self.geo))?;
        }
        Ok(())
    }

    /// Commits a rebuild at change-log position `seq`.
    pub fn finish_rebuild(&self, seq: i64) -> Result<()> {
        let mut writer = self.writer.lock().map_err(|_| Error::Poisoned)?;
        commit(&mut writer, seq)?;
        drop(writer);
        self.reader.reload()?;
        Ok(())
    }

    /// Runs a search.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        let searcher = self.reader.searcher();
        let live: Vec<_> = searcher.segment_readers().iter().map(tantivy::SegmentReader::segment_id).collect();
        self.facet_values.retain(&live);
        self.open_cache.retain(&live);
        let context = QueryContext {
            analyzer: &self.analyzer,
            vocabulary: &self.vocabulary,
            geo: self.geo,
            fields: &self.fields,
            searcher: &searcher,
            audience: request.audience,
        };
        let understood = context.understand(&request.text);
        let near = request.near.clone().or_else(|| understood.place.as_ref().map(|p| p.whereabouts.clone()));

        let text_query: Option<&dyn Query> = match &understood.text_query {
            TextQuery::Match(query) => Some(query.as_ref()),
            TextQuery::Browse | TextQuery::Nothing => None,
        };
        let base: Box<dyn Query> = match &understood.text_query {
            TextQuery::Match(query) => query.box_clone(),
            TextQuery::Browse => Box::new(AllQuery),
            TextQuery::Nothing => Box::new(EmptyQuery),
        };
        let filtered = |leave_out: Option<Facet>| {
            let mut clauses = vec![(Occur::Must, base.box_clone())];
            clauses.extend(self.filter_clauses(request, leave_out));
            BooleanQuery::new(clauses)
        };
        let query = filtered(None);

        let keep = (request.offset.saturating_add(request.limit)).min(MAX_RESULT_WINDOW);
        let today = day_number(request.now.with_timezone(&Amsterdam).date_naive());
        let collector = |keep: usize| -> Result<RankingCollector> {
            Ok(RankingCollector {
                keep,
                near: near.as_ref().map(|w| Near { point: w.point, area_keys: w.area_keys.clone() }),
                radius_km: request.radius_km.filter(|_| near.is_some()),
                today,
                staleness: Staleness::new(&request.visibility()),
                sort: if near.is_some() { request.sort } else { Sort::Relevance },
                open_now: RankingCollector::open_weight(&*self.open_now_query(request.now), &self.schema)?,
                open_at: quarter_hour(request.now),
                open_cache: self.open_cache.clone(),
                only_open: request.open_now,
                count_facets: true,
                columns: self.columns.clone(),
                facet_values: self.facet_values.clone(),
            })
        };
        let collected = searcher.search(&query, &collector(keep)?)?;
        // Values of one facet are alternatives (theme A or theme B), so a facet with a
        // selection is counted as if it had none: each value shows how many results it has
        // with every other filter applied. One extra counting pass per such facet.
        let mut disjunctive: HashMap<Facet, Vec<(String, u64)>> = HashMap::new();
        let alternatives =
            request.filters.iter().filter(|(facet, values)| !values.is_empty() && request.fixed != Some(**facet));
        for facet in alternatives.map(|(facet, _)| *facet) {
            let others = searcher.search(&filtered(Some(facet)), &collector(0)?)?;
            let counts = others.facet_counts().remove(&facet).unwrap_or_default();
            let counts: Vec<(String, u64)> = counts.into_iter().map(|(v, c)| (v.to_owned(), c)).collect();
            disjunctive.insert(facet, counts);
        }

        let stems = self.snippet_terms(&searcher, text_query);
        // Summary first, description when the summary has none of the words.
        let snippets = [self.fields.summary, self.fields.body]
            .map(|field| SnippetGenerator::new(stems.clone(), self.highlight.clone(), field, SNIPPET_CHARS));
        let terms = self.terms();
        let hits = collected
            .top
            .iter()
            .skip(request.offset)
            .map(|ranked| {
                let doc: TantivyDocument = searcher.doc(DocAddress::new(ranked.segment, ranked.doc))?;
                let mut hit = self.hit(&doc, ranked, &snippets, request.explain);
                hit.point = self.location_of(&searcher, ranked, near.as_ref().map(|w| w.point))?;
                Ok(hit)
            })
            .collect::<Result<Vec<_>>>()?;
        let mut counted = collected.facet_counts();
        let facets = Facet::ALL
            .iter()
            .map(|facet| {
                let selected: BTreeSet<&str> =
                    request.filters.get(facet).into_iter().flatten().map(String::as_str).collect();
                // Selected values always stay visible, however rare.
                let mut values: Vec<(&str, u64)> = match disjunctive.get(facet) {
                    Some(counts) => counts.iter().map(|(value, count)| (value.as_str(), *count)).collect(),
                    None => counted.remove(facet).unwrap_or_default(),
                };
                for value in &selected {
                    if !values.iter().any(|(v, _)| v == value) {
                        values.push((value, 0));
                    }
                }
                let values: Vec<FacetValue> = values
                    .into_iter()
                    .enumerate()
                    .filter(|(i, (value, _))| *i < MAX_FACET_VALUES || selected.contains(value))
                    .map(|(_, (value, count))| FacetValue {
                        label: label(*facet, value, &terms, self.geo),
                        selected: selected.contains(value),
                        value: value.to_owned(),
                        count,
                    })
                    .collect();
                FacetCounts { facet: *facet, values }
            })
            .collect();
        Ok(SearchResults {
            total: collected.total,
            hits,
            facets,
            open_now: collected.open_now,
            within_km: if near.is_some() {
                DISTANCE_BANDS_KM.into_iter().zip(collected.within).collect()
            } else {
                Vec::new()
            },
            near,
            interpretation: understood.interpretation,
        })
    }

    /// The facet and age filters of a request, each a required clause: several values
    /// of one facet are alternatives.
    fn filter_clauses(&self, request: &SearchRequest, leave_out: Option<Facet>) -> Vec<(Occur, Box<dyn Query>)> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (facet, values) in request.filters.iter().filter(|(f, v)| !v.is_empty() && Some(**f) != leave_out) {
            let field = self.fields.facet(*facet);
            let any: Vec<(Occur, Box<dyn Query>)> = values
                .iter()
                .map(|v| {
                    let term = TermQuery::new(Term::from_field_text(field, v), IndexRecordOption::Basic);
                    (Occur::Should, Box::new(term) as Box<dyn Query>)
                })
                .collect();
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
        if let Some(age) = request.age {
            let age = u64::from(age);
            let at_age = |field| Bound::Included(Term::from_field_u64(field, age));
            clauses.push((Occur::Must, Box::new(RangeQuery::new(Bound::Unbounded, at_age(self.fields.min_age)))));
            clauses.push((Occur::Must, Box::new(RangeQuery::new(at_age(self.fields.max_age), Bound::Unbounded))));
        }
        clauses
    }

    /// Suggestions for what has been typed so far, as the public sees the kaart at
    /// `visibility`: names of services hidden for staleness are not suggested. The list
    /// is rebuilt after the index changed or a service became hidden, from the service
    /// names in the index, the taxonomy terms and the vocabulary.
    pub fn suggest(&self, typed: &str, limit: usize, visibility: &Visibility) -> Result<Vec<Suggestion>> {
        let searcher = self.reader.searcher();
        let generation = searcher.generation().generation_id();
        let staleness = Staleness::new(visibility);
        let cached = self.suggester.lock().map_err(|_| Error::Poisoned)?.clone().filter(|c| c.generation == generation);
        let checked = match &cached {
            Some(cached) => cached.checked.clone(),
            None => Arc::new(self.checked_times(&searcher)?),
        };
        let hidden = checked.partition_point(|c| !staleness.shows(*c));
        let suggester = match cached {
            Some(cached) if cached.hidden == hidden => cached.suggester,
            // Built outside the lock: other suggestions keep using the old list meanwhile.
            _ => {
                let names = self.service_names(&searcher, &staleness)?;
                let built = Arc::new(Suggester::build(&names, &self.terms(), &self.vocabulary));
                let entry = CachedSuggester { generation, checked, hidden, suggester: built.clone() };
                *self.suggester.lock().map_err(|_| Error::Poisoned)? = Some(entry);
                built
            }
        };
        Ok(suggester.suggest(typed, limit))
    }

    /// The last check of every live service, sorted (a service without one counts as
    /// checked never, like [`Self::service_names`] treats it).
    fn checked_times(&self, searcher: &Searcher) -> Result<Vec<i64>> {
        let field_name = self.schema.get_field_name(self.fields.checked_at);
        let mut checked = Vec::new();
        for segment in searcher.segment_readers() {
            let column = segment.fast_fields().i64(field_name)?;
            let alive = segment.alive_bitset();
            for doc in (0..segment.max_doc()).filter(|doc| alive.is_none_or(|a| a.is_alive(*doc))) {
                checked.push(column.first(doc).unwrap_or(i64::MIN));
            }
        }
        checked.sort_unstable();
        Ok(checked)
    }

    /// Every name of a service the public sees (see [`Staleness`]) with the number of
    /// (live) services carrying it. Read from the name column of live documents, not
    /// from the term dictionary, which still lists the names of deleted services until
    /// their segment is merged.
    fn service_names(&self, searcher: &Searcher, staleness: &Staleness) -> Result<HashMap<String, u32>> {
        let field_name = self.schema.get_field_name(self.fields.name_key);
        let checked_name = self.schema.get_field_name(self.fields.checked_at);
        let mut names: HashMap<String, u32> = HashMap::new();
        for segment in searcher.segment_readers() {
            let Some(column) = segment.fast_fields().str(field_name)? else { continue };
            let checked = segment.fast_fields().i64(checked_name)?;
            let mut counts = vec![0u32; column.dictionary().num_terms()];
            let alive = segment.alive_bitset();
            for doc in 0..segment.max_doc() {
                if alive.is_some_and(|a| !a.is_alive(doc)) || !checked.first(doc).is_some_and(|c| staleness.shows(c)) {
                    continue;
                }
                for ord in column.term_ords(doc) {
                    if let Some(count) = usize::try_from(ord).ok().and_then(|i| counts.get_mut(i)) {
                        *count += 1;
                    }
                }
            }
            let mut stream = column.dictionary().stream().map_err(|e| Error::Index(e.into()))?;
            let mut ord = 0;
            while stream.advance() {
                if let (Some(&count), Ok(name)) = (counts.get(ord), std::str::from_utf8(stream.key()))
                    && count > 0
                {
                    *names.entry(name.to_owned()).or_default() += count;
                }
                ord += 1;
            }
        }
        Ok(names)
    }

    /// Documents open at `now` (Dutch local time, quarter-hour precision), taking
    /// exceptional dates and public holidays into account.
    fn open_now_query(&self, now: DateTime<Utc>) -> Box<dyn Query> {
        let local = now.with_timezone(&Amsterdam);
        let day = u64::try_from(day_number(local.date_naive())).unwrap_or(0);
        let quarter = u64::from(local.hour() * 4 + local.minute() / 15);
        let weekday = u64::from(local.weekday().num_days_from_monday());
        let term = |field, value| {
            Box::new(TermQuery::new(Term::from_field_u64(field, value), IndexRecordOption::Basic)) as Box<dyn Query>
        };
        let mut regular = vec![
            (Occur::Must, term(self.fields.open_slot, weekday * QUARTERS_PER_DAY + quarter)),
            (Occur::MustNot, term(self.fields.special_day, day)),
        ];
        if public_holiday(local.date_naive()).is_some() {
            regular.push((Occur::MustNot, term(self.fields.holiday_closed, 1)));
        }
        Box::new(BooleanQuery::new(vec![
            (Occur::Should, Box::new(BooleanQuery::new(regular)) as Box<dyn Query>),
            (Occur::Should, term(self.fields.special_slot, day * QUARTERS_PER_DAY + quarter)),
        ]))
    }

    /// The stems to highlight: every text term of the query, whatever its field.
    fn snippet_terms(&self, searcher: &Searcher, query: Option<&dyn Query>) -> BTreeMap<String, f32> {
        let mut stems = BTreeMap::new();
        if let Some(query) = query {
            let public: Vec<_> = self.fields.public_text().iter().map(|(f, _)| *f).chain([self.fields.parts]).collect();
            query.query_terms(&mut |term, _| {
                if public.contains(&term.field())
                    && let Some(text) = term.value().as_str()
                {
                    let docs = searcher.doc_freq(term).unwrap_or(0);
                    #[allow(clippy::cast_precision_loss)]
                    let weight = 1.0 / (1.0 + docs as f32);
                    stems.entry(text.to_owned()).or_insert(weight);
                }
            });
        }
        stems
    }

    /// Where a hit is on the map: its location nearest to the searcher, or its first
    /// location when the searcher gave none. Read from the fast field for the few hits
    /// on a page only, so the ranking pass does not pay for it.
    fn location_of(
        &self,
        searcher: &tantivy::Searcher,
        ranked: &crate::collect::Ranked,
        near: Option<GeoPoint>,
    ) -> Result<Option<GeoPoint>> {
        let segment = searcher.segment_reader(ranked.segment);
        let column = segment.fast_fields().u64(self.columns.geo())?;
        let mut points = column.values_for_doc(ranked.doc).map(|packed| {
            let (lat, lon) = crate::schema::unpack_point(packed);
            GeoPoint { lat, lon }
        });
        Ok(match near {
            Some(from) => points.min_by(|a, b| from.distance_km(*a).total_cmp(&from.distance_km(*b))),
            None => points.next(),
        })
    }

    fn hit(
        &self,
        doc: &TantivyDocument,
        ranked: &crate::collect::Ranked,
        snippets: &[SnippetGenerator],
        explain: bool,
    ) -> Hit {
        let text = |field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or_default().to_owned();
        let all = |field| doc.get_all(field).filter_map(|v| v.as_str()).map(str::to_owned).collect::<Vec<_>>();
        let summary = text(self.fields.summary);
        let snippet =
            snippets.iter().map(|generator| generator.snippet_from_doc(doc)).find(|s| !s.highlighted().is_empty());
        let snippet = match snippet {
            Some(s) => Snippet {
                text: s.fragment().to_owned(),
                highlights: s.highlighted().iter().map(|r| (r.start, r.end)).collect(),
                html: s.to_html(),
            },
            None => Snippet { text: summary.clone(), highlights: Vec::new(), html: escape_html(&summary) },
        };
        let costs = all(self.fields.facet(Facet::Cost));
        Hit {
            id: text(self.fields.id),
            name: text(self.fields.name),
            organisation_id: text(self.fields.organisation_id),
            organisation: doc.get_first(self.fields.organisation).and_then(|v| v.as_str()).map(str::to_owned),
            summary,
            snippet,
            distance_km: ranked.explanation.distance_km,
            open_now: ranked.open_now,
            free: costs.iter().any(|c| c == "gratis"),
            price_cents: doc.get_first(self.fields.price_cents).and_then(|v| v.as_u64()),
            referral: text(self.fields.facet(Facet::Referral)),
            themes: all(self.fields.facet(Facet::Theme)),
            point: None,
            explanation: explain.then_some(ranked.explanation),
        }
    }
}

/// The Dutch local day (days since 1970) and quarter of the day of a moment.
fn quarter_hour(now: DateTime<Utc>) -> (i64, u64) {
    let local = now.with_timezone(&Amsterdam);
    (day_number(local.date_naive()), u64::from(local.hour() * 4 + local.minute() / 15))
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn commit(writer: &mut IndexWriter, seq: i64) -> Result<()> {
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&seq.to_string());
    prepared.commit()?;
    Ok(())
}

fn open_dir(dir: &Path, schema: &Schema) -> Result<Index> {
    let io = |source| Error::Io { path: dir.display().to_string(), source };
    let version_file = dir.join(VERSION_FILE);
    let current = std::fs::read_to_string(&version_file).ok().and_then(|v| v.trim().parse::<u32>().ok());
    let has_files = dir.exists() && std::fs::read_dir(dir).map_err(io)?.next().is_some();
    if has_files && !version_file.exists() {
        // Never empty a directory that is not ours (`--index-dir .` by mistake).
        return Err(Error::NotAnIndex { path: dir.display().to_string() });
    }
    if has_files && current != Some(SCHEMA_VERSION) {
        tracing::warn!(dir = %dir.display(), found = ?current, wanted = SCHEMA_VERSION, "search index has another schema version; rebuilding it");
        std::fs::remove_dir_all(dir).map_err(io)?;
    }
    std::fs::create_dir_all(dir).map_err(io)?;
    let directory = tantivy::directory::MmapDirectory::open(dir).map_err(|e| Error::Index(e.into()))?;
    let index = Index::open_or_create(directory, schema.clone())?;
    std::fs::write(&version_file, SCHEMA_VERSION.to_string())
        .map_err(|e| Error::Io { path: version_file.display().to_string(), source: e })?;
    Ok(index)
}
