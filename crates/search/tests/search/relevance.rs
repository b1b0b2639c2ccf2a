//! The judged query set (`tests/relevance/queries.csv`): recall@5 per kind of query
//! must stay above thresholds set from measurements, and queries for things no
//! service offers must find nothing.

use crate::support::{demo, request, search};
use std::collections::{BTreeMap, HashSet};

struct Judged {
    query: String,
    kind: String,
    relevant: HashSet<String>,
}

fn judged() -> Vec<Judged> {
    let text = include_str!("../relevance/queries.csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            Judged {
                query: r[0].to_owned(),
                kind: r[1].to_owned(),
                relevant: r[2].split('|').filter(|k| !k.is_empty()).map(str::to_owned).collect(),
            }
        })
        .collect()
}

/// Lowest mean recall@5 per kind. Measured on this data set (see BENCHMARKS.md)
/// and set a little below, so a real regression fails and noise does not.
const THRESHOLDS: &[(&str, f64)] = &[
    ("lay", 0.8),
    ("jargon", 0.89),
    ("typo", 0.89),
    ("compound", 0.88),
    ("place", 0.88),
    ("postcode", 0.86),
    ("english", 0.89),
];

/// recall@5: the share of the first five results that a relevant template made,
/// out of the number of relevant services there are (at most five).
fn recall_at_5(item: &Judged) -> f64 {
    let demo = demo();
    let available = demo.data.templates.iter().filter(|t| item.relevant.contains(**t)).count().min(5);
    if available == 0 {
        return 1.0;
    }
    let mut req = request(&item.query);
    req.limit = 5;
    let hits = search(&req).hits;
    let found = hits.iter().filter(|h| item.relevant.contains(demo.template[&h.id])).count();
    #[allow(clippy::cast_precision_loss)]
    let recall = found as f64 / available as f64;
    recall
}

#[test]
fn recall_at_5_per_kind_stays_above_the_measured_thresholds() {
    let mut per_kind: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let mut misses = Vec::new();
    for item in judged().iter().filter(|j| j.kind != "nothing") {
        let recall = recall_at_5(item);
        if recall < 0.6 {
            misses.push(format!("{:.2} {} ({})", recall, item.query, item.kind));
        }
        per_kind.entry(item.kind.clone()).or_default().push(recall);
    }
    let mut report = String::new();
    let mut failed = Vec::new();
    for (kind, values) in &per_kind {
        #[allow(clippy::cast_precision_loss)]
        let mean = values.iter().sum::<f64>() / values.len() as f64;
        report.push_str(&format!("{kind}: {mean:.3} over {} queries\n", values.len()));
        let threshold = THRESHOLDS.iter().find(|(k, _)| k == kind).map_or(0.0, |(_, t)| *t);
        if mean < threshold {
            failed.push(format!("{kind}: {mean:.3} < {threshold}"));
        }
    }
    let all: Vec<f64> = per_kind.values().flatten().copied().collect();
    #[allow(clippy::cast_precision_loss)]
    let overall = all.iter().sum::<f64>() / all.len() as f64;
    println!("{report}overall: {overall:.3}\nweak queries:\n{}", misses.join("\n"));
    assert!(failed.is_empty(), "recall@5 dropped: {failed:?}\n{report}");
}

#[test]
fn queries_for_things_nobody_offers_find_nothing() {
    let found: Vec<String> = judged()
        .iter()
        .filter(|j| j.kind == "nothing")
        .filter_map(|j| {
            let results = search(&request(&j.query));
            (results.total > 0).then(|| {
                format!("{} → {} hits, first {:?}", j.query, results.total, results.hits.first().map(|h| &h.name))
            })
        })
        .collect();
    assert!(found.is_empty(), "{found:#?}");
}
