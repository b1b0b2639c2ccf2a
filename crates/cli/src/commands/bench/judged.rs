//! The judged query set (the same file the relevance tests use) and recall@5.

use chrono::{TimeZone, Utc};
use std::collections::{BTreeMap, HashMap, HashSet};
use wegwijs_demo::DemoData;
use wegwijs_search::SearchRequest;

/// One judged query.
pub struct Judged {
    pub query: String,
    pub kind: String,
    pub relevant: HashSet<String>,
}

/// The judged set, embedded from the search crate's relevance tests.
pub fn load() -> Vec<Judged> {
    let text = include_str!("../../../../search/tests/relevance/queries.csv");
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .filter_map(Result::ok)
        .map(|r| Judged {
            query: r[0].to_owned(),
            kind: r[1].to_owned(),
            relevant: r[2].split('|').filter(|k| !k.is_empty()).map(str::to_owned).collect(),
        })
        .collect()
}

/// A realistic mix: every judged query as typed, plus the first half again with a
/// Teylingen postcode as a resident on the website would search.
pub fn query_mix(judged: &[Judged]) -> Vec<SearchRequest> {
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).single().expect("date");
    let geo = wegwijs_domain::geo::builtin();
    let mut mix = Vec::new();
    for (i, item) in judged.iter().enumerate() {
        let mut request = SearchRequest::new(&item.query);
        request.now = now;
        mix.push(request.clone());
        if i % 2 == 0 {
            request.near = wegwijs_search::place::from_postcode(geo, ["2171", "2215", "2361"][i % 3]);
            mix.push(request);
        }
    }
    mix
}

/// Mean recall@5 per kind.
pub struct Recall(BTreeMap<String, (f64, usize)>);

impl Recall {
    /// "lay 0.71, typo 0.93, …; lay+typo+compound 0.80; all 0.83".
    pub fn summary(&self) -> String {
        let mean = |kinds: &[&str]| {
            let (sum, n) = self
                .0
                .iter()
                .filter(|(k, _)| kinds.is_empty() || kinds.contains(&k.as_str()))
                .fold((0.0, 0), |(s, n), (_, (sum, count))| (s + sum, n + count));
            #[allow(clippy::cast_precision_loss)]
            let m = if n == 0 { 0.0 } else { sum / n as f64 };
            m
        };
        let per_kind: Vec<String> = self
            .0
            .iter()
            .map(|(kind, (sum, n))| {
                #[allow(clippy::cast_precision_loss)]
                let m = sum / *n as f64;
                format!("{kind} {m:.2}")
            })
            .collect();
        format!(
            "{}; lay+typo+compound **{:.2}**; all {:.2}",
            per_kind.join(", "),
            mean(&["lay", "typo", "compound"]),
            mean(&[])
        )
    }
}

/// recall@5 of `search` (query → ids of the first five results) per kind, over the
/// queries that have relevant services in `data`.
pub fn recall(
    judged: &[Judged],
    data: &DemoData,
    mut search: impl FnMut(&SearchRequest) -> anyhow::Result<Vec<String>>,
) -> anyhow::Result<Recall> {
    let template: HashMap<String, &str> =
        data.services.iter().zip(&data.templates).map(|(s, t)| (s.id.to_string(), *t)).collect();
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).single().expect("date");
    let mut per_kind: BTreeMap<String, (f64, usize)> = BTreeMap::new();
    for item in judged.iter().filter(|j| j.kind != "nothing") {
        let available = data.templates.iter().filter(|t| item.relevant.contains(**t)).count().min(5);
        if available == 0 {
            continue;
        }
        let mut request = SearchRequest::new(&item.query);
        request.now = now;
        request.limit = 5;
        let ids = search(&request)?;
        let found =
            ids.iter().take(5).filter(|id| template.get(*id).is_some_and(|t| item.relevant.contains(*t))).count();
        #[allow(clippy::cast_precision_loss)]
        let r = found as f64 / available as f64;
        let slot = per_kind.entry(item.kind.clone()).or_default();
        slot.0 += r;
        slot.1 += 1;
    }
    Ok(Recall(per_kind))
}
