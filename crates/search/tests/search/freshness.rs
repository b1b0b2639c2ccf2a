//! Staleness in search: services last checked too long ago leave results, facet counts
//! and suggestions at the moment of the request (no re-index as time passes) and come
//! back when verified; stale ones rank lower; and the store's SQL, its record check and
//! the search index draw the line at the same microsecond.

use crate::support::{index_of, now, records, request};
use chrono::{DateTime, TimeDelta, Utc};
use std::collections::BTreeSet;
use wegwijs_demo::{DemoConfig, DemoData, generate};
use wegwijs_domain::freshness::months;
use wegwijs_domain::{FreshnessPolicy, Name, Service, Verification, VerifiedBy};
use wegwijs_search::SearchRequest;
use wegwijs_search::follow::Follower;
use wegwijs_search::{Facet, IndexLocation, SearchIndex, Vocabulary};
use wegwijs_store::{ServiceFilter, Store, Visibility, is_public_service};

fn small_demo(seed: u64) -> DemoData {
    generate(&DemoConfig { services: 120, seed, now: now() })
}

/// Sets the last check of `service`: a change at `updated` and, if given, a
/// verification at `verified`.
fn checked(service: &mut Service, updated: DateTime<Utc>, verified: Option<DateTime<Utc>>) {
    service.meta.created = updated.min(verified.unwrap_or(updated));
    service.meta.updated = updated;
    service.meta.verification = verified.map(|at| Verification { at, by: VerifiedBy::Editor });
}

/// The first public service with a location, renamed to `name` and last changed at
/// `updated` (never verified).
fn renamed<'a>(data: &'a mut DemoData, name: &str, updated: DateTime<Utc>) -> &'a mut Service {
    let visibility = request("").visibility();
    let service = data
        .services
        .iter_mut()
        .find(|s| is_public_service(s, &visibility) && !s.locations.is_empty())
        .expect("a public service");
    service.name = Name::parse(name).unwrap();
    checked(service, updated, None);
    service
}

fn at(moment: DateTime<Utc>, text: &str) -> SearchRequest {
    let mut request = request(text);
    request.now = moment;
    request
}

fn theme_total(index: &SearchIndex, request: &SearchRequest) -> u64 {
    let results = index.search(request).unwrap();
    results.facets.iter().find(|f| f.facet == Facet::Theme).unwrap().values.iter().map(|v| v.count).sum()
}

#[test]
fn a_service_leaves_results_facets_and_suggestions_when_its_last_check_turns_hide_after_old() {
    let mut data = small_demo(9);
    let policy = FreshnessPolicy::default();
    // Eighteen months minus twelve hours old at `now()`: shown today, hidden tomorrow.
    let updated = now() - policy.hide_after + TimeDelta::hours(12);
    let id = renamed(&mut data, "Zilverreigerhuis", updated).id.to_string();
    let index = index_of(&data);
    let today = at(now(), "zilverreigerhuis");
    let tomorrow = at(now() + TimeDelta::days(1), "zilverreigerhuis");

    assert_eq!(index.search(&today).unwrap().hits.first().map(|h| h.id.clone()), Some(id.clone()));
    assert_eq!(index.suggest("zilverreigerh", 5, &today.visibility()).unwrap().len(), 1);
    assert_eq!(index.search(&tomorrow).unwrap().total, 0, "hidden without re-indexing");
    assert!(index.suggest("zilverreigerh", 5, &tomorrow.visibility()).unwrap().is_empty());
    assert!(index.suggest("zilverreigerh", 5, &today.visibility()).unwrap().len() == 1, "the cache follows the moment");

    let (browse_today, browse_tomorrow) = (at(now(), ""), at(now() + TimeDelta::days(1), ""));
    let (all_today, all_tomorrow) = (index.search(&browse_today).unwrap(), index.search(&browse_tomorrow).unwrap());
    assert!(all_tomorrow.hits.iter().all(|h| h.id != id));
    let public_tomorrow = data.services.iter().filter(|s| is_public_service(s, &browse_tomorrow.visibility())).count();
    assert_eq!(all_tomorrow.total as usize, public_tomorrow, "the total counts what the public sees");
    assert!(all_tomorrow.total < all_today.total);
    assert!(theme_total(&index, &browse_tomorrow) < theme_total(&index, &browse_today), "facets count it no more");

    // The hiding age comes from the request: with two years it is still there.
    let mut lenient = tomorrow.clone();
    lenient.freshness = FreshnessPolicy { hide_after: months(24), ..policy };
    assert_eq!(index.search(&lenient).unwrap().total, 1);

    // Verified again (as the follower would apply it): back at once.
    let mut record = records(&data).into_iter().find(|r| r.service.id.to_string() == id).unwrap();
    record.service.meta.verification = Some(Verification { at: now(), by: VerifiedBy::Provider });
    index.apply(&[record], &[], 2).unwrap();
    assert_eq!(index.search(&tomorrow).unwrap().total, 1);
    assert_eq!(index.suggest("zilverreigerh", 5, &tomorrow.visibility()).unwrap().len(), 1);
}

#[test]
fn of_two_equal_services_the_one_checked_recently_ranks_first() {
    let mut data = small_demo(9);
    let policy = FreshnessPolicy::default();
    let fresh = renamed(&mut data, "Zilverreiger Kookcafé", now() - TimeDelta::days(30)).id.to_string();
    let mut twin = data.services.iter().find(|s| s.id.to_string() == fresh).unwrap().clone();
    twin.id = wegwijs_domain::Id::derived("test", "twin");
    checked(&mut twin, now() - TimeDelta::days(600), Some(now() - months(14)));
    let twin_id = twin.id.to_string();
    data.services.push(twin);
    let index = index_of(&data);
    let mut req = request("zilverreiger kookcafé");
    req.explain = true;
    let hits = index.search(&req).unwrap().hits;
    assert_eq!(hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), [fresh.as_str(), twin_id.as_str()]);
    let (a, b) = (hits[0].explanation.unwrap(), hits[1].explanation.unwrap());
    assert!((a.freshness - 1.0).abs() < f32::EPSILON && a.checked_days_ago == 30, "{a:?}");
    assert_eq!((b.checked_days_ago, b.verified_days_ago), (420, Some(420)), "the verification, not the change");
    assert!(b.freshness < 1.0 && (b.freshness - wegwijs_search::rank::freshness(&policy, 420.0)).abs() < 1e-6);
    assert!((a.text - b.text).abs() < 1e-3, "the same text: only freshness differs");
}

/// Services whose last checks lie around `edge`: just before, at, and just after it,
/// by change or by verification.
fn around(edge: DateTime<Utc>) -> Vec<(DateTime<Utc>, Option<DateTime<Utc>>)> {
    let (second, micro) = (TimeDelta::seconds(1), TimeDelta::microseconds(1));
    vec![
        (edge - second, None),
        (edge - micro, None),
        (edge, None),
        (edge + micro, None),
        (edge + second, None),
        (edge - TimeDelta::days(90), Some(edge - micro)),
        (edge - TimeDelta::days(90), Some(edge)),
        (edge - TimeDelta::days(90), Some(edge + micro)),
        (edge + TimeDelta::days(90), Some(edge - second)),
    ]
}

async fn write(store: &Store, data: &DemoData) {
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
}

/// The ids the public sees at `visibility` by the record check, the store's SQL and
/// the search index; all three must be the same.
async fn shown(store: &Store, index: &SearchIndex, visibility: &Visibility) -> BTreeSet<String> {
    let services = store.services(wegwijs_store::Page::first(10_000)).await.unwrap();
    let by_rule: BTreeSet<String> =
        services.iter().filter(|s| is_public_service(s, visibility)).map(|s| s.id.to_string()).collect();
    let by_sql: BTreeSet<String> = store
        .public_service_ids(visibility, &ServiceFilter::default())
        .await
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect();
    let mut browse = SearchRequest::new("");
    (browse.now, browse.freshness, browse.limit) = (visibility.now, visibility.policy, 10_000);
    let by_search: BTreeSet<String> = index.search(&browse).unwrap().hits.into_iter().map(|h| h.id).collect();
    let differ = |other: &BTreeSet<String>| other.symmetric_difference(&by_rule).cloned().collect::<Vec<_>>();
    assert!(by_sql == by_rule, "SQL and record check differ at {} on {:?}", visibility.now, differ(&by_sql));
    assert!(by_search == by_rule, "search and record check differ at {} on {:?}", visibility.now, differ(&by_search));
    by_rule
}

#[tokio::test]
async fn the_record_check_the_sql_and_the_search_index_agree_around_the_edge() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::connect(&format!("sqlite:{}", dir.path().join("test.db").display())).await.unwrap();
    store.migrate().await.unwrap();
    let mut data = small_demo(11);
    let policy = FreshnessPolicy::default();
    let now = now();
    let edge = now - policy.hide_after;
    let cases = around(edge);
    let visibility = Visibility::new(policy, now);
    let mut chosen = Vec::new();
    for (service, (updated, verified)) in
        data.services.iter_mut().filter(|s| is_public_service(s, &visibility)).zip(&cases)
    {
        checked(service, *updated, *verified);
        chosen.push(service.id.to_string());
    }
    assert_eq!(chosen.len(), cases.len());
    write(&store, &data).await;
    let index = std::sync::Arc::new(
        SearchIndex::open(IndexLocation::Memory, Vocabulary::builtin(), wegwijs_domain::geo::builtin()).unwrap(),
    );
    let follower = Follower::new(store.clone(), index.clone());
    follower.catch_up().await.unwrap();

    let shown_now = shown(&store, &index, &visibility).await;
    let expected = [false, false, false, true, true, false, false, true, false];
    for ((id, case), visible) in chosen.iter().zip(&cases).zip(expected) {
        assert_eq!(shown_now.contains(id), visible, "{case:?} at edge {edge}");
    }
    // The same services a moment earlier and later: the line moves with the clock.
    for shift in [-1_000_000, -1, 1, 1_000_000] {
        let moved = Visibility::new(policy, now + TimeDelta::microseconds(shift));
        shown(&store, &index, &moved).await;
    }
    let lenient = Visibility::new(FreshnessPolicy { hide_after: months(19), ..policy }, now);
    let all_back = shown(&store, &index, &lenient).await;
    assert!(chosen.iter().all(|id| all_back.contains(id)), "a longer hiding age shows them all");

    // Verified again through the store's normal write path: back everywhere once the
    // follower has caught up.
    let mut hidden = store.service(&wegwijs_domain::Id::parse(&chosen[0]).unwrap()).await.unwrap().unwrap();
    hidden.meta.verification = Some(Verification { at: now, by: VerifiedBy::Provider });
    let mut tx = store.begin().await.unwrap();
    tx.put_service(&hidden).await.unwrap();
    tx.commit().await.unwrap();
    follower.catch_up().await.unwrap();
    assert!(shown(&store, &index, &visibility).await.contains(&chosen[0]));
    store.close().await;
}
