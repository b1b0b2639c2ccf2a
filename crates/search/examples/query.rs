//! Tries queries against an in-memory index of demo data and prints the top results
//! with their score explanation.
//!
//! `cargo run --release -p wegwijs-search --example query -- 2000 "geldproblemen" "mantelzrog"`

use chrono::{TimeZone, Utc};
use std::collections::HashMap;
use wegwijs_demo::{DemoConfig, generate};
use wegwijs_search::document::{ServiceRecord, TermCatalog};
use wegwijs_search::{IndexLocation, SearchIndex, SearchRequest, Vocabulary};

fn main() {
    let mut args = std::env::args().skip(1);
    let size: usize = args.next().and_then(|n| n.parse().ok()).expect("first argument: number of services");
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
    let data = generate(&DemoConfig { services: size, seed: 7, now });
    let index =
        SearchIndex::open(IndexLocation::Memory, Vocabulary::builtin(), wegwijs_domain::geo::builtin()).unwrap();
    index.set_terms(TermCatalog::new(data.terms.clone()));
    let records = ServiceRecord::join(data.services.clone(), data.organisations.clone(), data.locations.clone());
    let started = std::time::Instant::now();
    index.apply(&records, &[], 1).unwrap();
    eprintln!("indexed {} services in {:?}", records.len(), started.elapsed());
    let template: HashMap<String, &str> =
        data.services.iter().zip(&data.templates).map(|(s, t)| (s.id.to_string(), *t)).collect();
    for text in args {
        let mut request = SearchRequest::new(&text);
        request.now = now;
        request.explain = true;
        request.limit = 5;
        let started = std::time::Instant::now();
        let results = index.search(&request).unwrap();
        println!("\n== {text:?}: {} hits in {:?}; {:?}", results.total, started.elapsed(), results.interpretation);
        if let Some(near) = &results.near {
            println!("   near {}", near.label);
        }
        for hit in &results.hits {
            let e = hit.explanation.unwrap();
            println!(
                "  {:<28} {:<40} score {:.2} (text {:.2}, loc {:.2}, fresh {:.2}, {:?} km) | {}",
                template[&hit.id],
                hit.name,
                e.score,
                e.text,
                e.locality,
                e.freshness,
                e.distance_km.map(|d| d.round()),
                hit.snippet.html
            );
        }
    }
}
