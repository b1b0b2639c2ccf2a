//! An in-memory index of demo data, built once per test binary.

use chrono::{DateTime, TimeZone, Utc};
use std::collections::HashMap;
use std::sync::OnceLock;
use wegwijs_demo::{DemoConfig, DemoData, generate};
use wegwijs_search::document::{ServiceRecord, TermCatalog};
use wegwijs_search::{IndexLocation, SearchIndex, SearchRequest, SearchResults, Vocabulary};

/// Services in the shared demo index: enough for every template to occur in
/// Teylingen and its neighbours.
pub const SERVICES: usize = 2_000;

/// The moment the demo data is made and searched: a Monday morning.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
}

/// The demo data with its index.
pub struct Demo {
    pub data: DemoData,
    pub index: SearchIndex,
    /// Service id → template key.
    pub template: HashMap<String, &'static str>,
}

/// The shared demo index.
pub fn demo() -> &'static Demo {
    static DEMO: OnceLock<Demo> = OnceLock::new();
    DEMO.get_or_init(|| {
        let data = generate(&DemoConfig { services: SERVICES, seed: 7, now: now() });
        let index = index_of(&data);
        let template = data.services.iter().zip(&data.templates).map(|(s, t)| (s.id.to_string(), *t)).collect();
        Demo { data, index, template }
    })
}

/// A fresh in-memory index of some demo data.
pub fn index_of(data: &DemoData) -> SearchIndex {
    let index =
        SearchIndex::open(IndexLocation::Memory, Vocabulary::builtin(), wegwijs_domain::geo::builtin()).unwrap();
    index.set_terms(TermCatalog::new(data.terms.clone()));
    index.apply(&records(data), &[], 1).unwrap();
    index
}

/// The demo services with their organisations and locations.
pub fn records(data: &DemoData) -> Vec<ServiceRecord> {
    ServiceRecord::join(data.services.clone(), data.organisations.clone(), data.locations.clone())
}

/// A public search at [`now`].
pub fn request(text: &str) -> SearchRequest {
    let mut request = SearchRequest::new(text);
    request.now = now();
    request
}

/// What the public sees at [`now`] under the default policy.
pub fn visibility() -> wegwijs_store::Visibility {
    request("").visibility()
}

/// Whether the public sees `service` at [`now`].
pub fn is_public(service: &wegwijs_domain::Service) -> bool {
    wegwijs_store::is_public_service(service, &visibility())
}

/// Runs a search on the shared index.
pub fn search(request: &SearchRequest) -> SearchResults {
    demo().index.search(request).unwrap()
}
