//! The index follows the store: new, changed and deleted services appear in search
//! after catching up, and an index on disk continues where it stopped.

use crate::support::{now, request};
use std::sync::Arc;
use wegwijs_demo::{DemoConfig, generate};
use wegwijs_domain::{Name, ServiceStatus};
use wegwijs_search::follow::Follower;
use wegwijs_search::{IndexLocation, SearchIndex, Vocabulary};
use wegwijs_store::Store;

async fn store_with_demo(dir: &std::path::Path) -> (Store, wegwijs_demo::DemoData) {
    let store = Store::connect(&format!("sqlite:{}", dir.join("test.db").display())).await.unwrap();
    store.migrate().await.unwrap();
    let data = generate(&DemoConfig { services: 120, seed: 11, now: now() });
    let mut tx = store.begin().await.unwrap();
    for t in &data.taxonomies {
        tx.put_taxonomy(t).await.unwrap();
    }
    for t in &data.terms {
        tx.put_taxonomy_term(t).await.unwrap();
    }
    for o in &data.organisations {
        tx.put_organisation(o).await.unwrap();
    }
    for l in &data.locations {
        tx.put_location(l).await.unwrap();
    }
    for s in &data.services {
        tx.put_service(s).await.unwrap();
    }
    tx.commit().await.unwrap();
    (store, data)
}

fn open(location: IndexLocation<'_>) -> Arc<SearchIndex> {
    Arc::new(SearchIndex::open(location, Vocabulary::builtin(), wegwijs_domain::geo::builtin()).unwrap())
}

fn active(data: &wegwijs_demo::DemoData) -> u64 {
    data.services.iter().filter(|s| s.status == ServiceStatus::Active).count() as u64
}

#[tokio::test]
async fn new_changed_and_deleted_records_reach_search_after_catching_up() {
    let dir = tempfile::tempdir().unwrap();
    let (store, data) = store_with_demo(dir.path()).await;
    let index = open(IndexLocation::Memory);
    let follower = Follower::new(store.clone(), index.clone());
    follower.catch_up().await.unwrap();
    assert_eq!(index.len(), active(&data), "a new index is built from the store");

    let mut service = data.services.iter().find(|s| crate::support::is_public(s)).unwrap().clone();
    service.name = Name::parse("Fietsmaatjes Zeldzaamheid").unwrap();
    let mut tx = store.begin().await.unwrap();
    tx.put_service(&service).await.unwrap();
    tx.commit().await.unwrap();
    assert!(follower.catch_up().await.unwrap() >= 1);
    let found = index.search(&request("zeldzaamheid")).unwrap();
    assert_eq!(found.hits.first().map(|h| h.id.clone()), Some(service.id.to_string()));

    let mut organisation = data.organisations.iter().find(|o| o.id == service.organisation_id).unwrap().clone();
    organisation.name = Name::parse("Stichting Wolkenkrabber").unwrap();
    let mut tx = store.begin().await.unwrap();
    tx.put_organisation(&organisation).await.unwrap();
    tx.commit().await.unwrap();
    follower.catch_up().await.unwrap();
    let by_org = index.search(&request("wolkenkrabber")).unwrap();
    assert!(by_org.hits.iter().any(|h| h.id == service.id.to_string()), "an organisation's new name is searchable");

    let mut tx = store.begin().await.unwrap();
    tx.delete_service(&service.id).await.unwrap();
    tx.commit().await.unwrap();
    follower.catch_up().await.unwrap();
    assert_eq!(index.search(&request("zeldzaamheid")).unwrap().total, 0);
    assert_eq!(index.len(), active(&data) - 1);
    store.close().await;
}

#[tokio::test]
async fn an_index_on_disk_continues_where_it_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let (store, data) = store_with_demo(dir.path()).await;
    let index_dir = dir.path().join("index");
    {
        let index = open(IndexLocation::Dir(&index_dir));
        Follower::new(store.clone(), index.clone()).catch_up().await.unwrap();
        assert_eq!(index.applied_seq().unwrap(), store.last_change_seq().await.unwrap());
    }
    let reopened = open(IndexLocation::Dir(&index_dir));
    assert_eq!(reopened.len(), active(&data));
    assert_eq!(Follower::new(store.clone(), reopened.clone()).catch_up().await.unwrap(), 0, "nothing to replay");
    // The reopened index knows the taxonomy again: facets show theme names, not codes.
    let results = reopened.search(&wegwijs_search::SearchRequest::new("")).unwrap();
    let themes = results.facets.iter().find(|f| f.facet == wegwijs_search::Facet::Theme).unwrap();
    assert!(!themes.values.is_empty());
    assert!(themes.values.iter().all(|v| v.label != v.value), "{:?}", themes.values);
    store.close().await;
}

#[test]
fn a_directory_with_other_files_is_never_emptied() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("belangrijk.txt"), "niet weggooien").unwrap();
    let error =
        SearchIndex::open(IndexLocation::Dir(dir.path()), Vocabulary::builtin(), wegwijs_domain::geo::builtin())
            .expect_err("refused");
    assert!(error.to_string().contains("not a Wegwijs search index"), "{error}");
    assert!(dir.path().join("belangrijk.txt").exists());
}

#[test]
fn an_index_of_an_older_schema_is_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let index_dir = dir.path().join("index");
    {
        let index = open(IndexLocation::Dir(&index_dir));
        index.apply(&[], &[], 5).unwrap();
        assert_eq!(index.applied_seq().unwrap(), 5);
    }
    std::fs::write(index_dir.join("wegwijs-schema-version"), "0").unwrap();
    let reopened = open(IndexLocation::Dir(&index_dir));
    assert_eq!(reopened.applied_seq().unwrap(), 0, "emptied, so the follower rebuilds it");
}
