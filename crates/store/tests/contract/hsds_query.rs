//! The HSDS API's listings: filters, counts, pages and the public-service rule (running,
//! and not hidden for staleness), the same on both backends.

use crate::fixtures::*;
use chrono::{DateTime, TimeDelta, Utc};
use wegwijs_domain::{FreshnessPolicy, Id, Service, ServiceAtLocation, ServiceStatus, Verification, VerifiedBy};
use wegwijs_store::{NameSearch, Page, ServiceFilter, Store, TermFilter, Visibility, is_public_service};

/// What the public sees a day after the fixtures' dates: every running service.
fn today() -> Visibility {
    Visibility::new(FreshnessPolicy::default(), at(10))
}

fn ids<T>(records: &[T], id: impl Fn(&T) -> &Id) -> Vec<String> {
    records.iter().map(|r| id(r).to_string()).collect()
}

fn all() -> Page {
    Page::first(100)
}

/// One service of [`listing_seed`].
struct Row {
    id: &'static str,
    org: &'static str,
    name: &'static str,
    status: ServiceStatus,
    terms: &'static [&'static str],
    at: &'static [&'static str],
    day: u32,
}

/// `seed` plus a second taxonomy `doel` with term `d1`, organisation `other`, and:
///
/// | id | org   | name          | status             | terms  | locations  | updated |
/// |----|-------|---------------|--------------------|--------|------------|---------|
/// | s1 | org   | Buurthuis     | active             | t1     | loc1       | day 1   |
/// | s2 | other | Administratie | active             | t2, d1 | loc1, loc2 | day 5   |
/// | s3 | org   | Maaltijden    | active             |        |            | day 9   |
/// | s4 | org   | Zorg          | inactive           | t1     | loc2       | day 9   |
/// | s5 | other | Klussen       | temporarily closed | t1     | loc1       | day 9   |
async fn listing_seed(store: &Store) {
    seed(store).await;
    let mut tx = store.begin().await.unwrap();
    let mut doel = taxonomy("doel");
    doel.name = wegwijs_domain::Name::parse("Doelgroepen").unwrap();
    tx.put_taxonomy(&doel).await.unwrap();
    let mut d1 = term("d1", "doel");
    d1.parent_id = None;
    tx.put_taxonomy_term(&d1).await.unwrap();
    tx.put_organisation(&organisation_named("other", "Andere")).await.unwrap();
    let rows = [
        Row {
            id: "s1",
            org: "org",
            name: "Buurthuis",
            status: ServiceStatus::Active,
            terms: &["t1"],
            at: &["loc1"],
            day: 1,
        },
        Row {
            id: "s2",
            org: "other",
            name: "Administratie",
            status: ServiceStatus::Active,
            terms: &["t2", "d1"],
            at: &["loc1", "loc2"],
            day: 5,
        },
        Row { id: "s3", org: "org", name: "Maaltijden", status: ServiceStatus::Active, terms: &[], at: &[], day: 9 },
        Row {
            id: "s4",
            org: "org",
            name: "Zorg",
            status: ServiceStatus::Inactive,
            terms: &["t1"],
            at: &["loc2"],
            day: 9,
        },
        Row {
            id: "s5",
            org: "other",
            name: "Klussen",
            status: ServiceStatus::TemporarilyClosed,
            terms: &["t1"],
            at: &["loc1"],
            day: 9,
        },
    ];
    for row in rows {
        let mut service = service_named(row.id, row.org, row.name);
        service.status = row.status;
        service.terms = row.terms.iter().map(|t| id(t)).collect();
        service.locations = row
            .at
            .iter()
            .map(|l| ServiceAtLocation {
                id: id(&format!("{}-at-{l}", row.id)),
                location_id: id(l),
                description: None,
                opening_hours: Default::default(),
            })
            .collect();
        service.meta.updated = at(row.day);
        tx.put_service(&service).await.unwrap();
    }
    tx.commit().await.unwrap();
}

async fn listed(store: &Store, filter: &ServiceFilter) -> (u64, Vec<String>) {
    let services = store.public_services(&today(), filter, all()).await.unwrap();
    (store.public_service_count(&today(), filter).await.unwrap(), ids(&services, |s| &s.id))
}

contract_test!(
    async fn only_public_services_are_listed_counted_and_found_by_id(store) {
        listing_seed(&store).await;
        let (count, listed) = listed(&store, &ServiceFilter::default()).await;
        assert_eq!(listed, ["s2", "s1", "s3"], "by name, running services only");
        assert_eq!(count, 3);
        let every = store.services(all()).await.unwrap();
        let public: Vec<String> = every.iter().filter(|s| is_public_service(s, &today())).map(|s| s.id.to_string()).collect();
        let mut sorted = listed.clone();
        sorted.sort();
        let mut public_sorted = public;
        public_sorted.sort();
        assert_eq!(sorted, public_sorted, "the SQL and the record check agree");

        let by_ids = store.public_services_by_ids(&today(), &[id("s3"), id("s4"), id("nope"), id("s1")]).await.unwrap();
        assert_eq!(ids(&by_ids, |s: &Service| &s.id), ["s3", "s1"], "in the order asked, public only");
        assert!(store.public_services_by_ids(&today(), &[]).await.unwrap().is_empty());

        // Any status, for imports that compare with what is stored.
        let any = store.services_by_ids(&[id("s4"), id("nope"), id("s1"), id("s4")]).await.unwrap();
        assert_eq!(ids(&any, |s: &Service| &s.id), ["s4", "s1"], "in the order asked, once each");
    }
);

contract_test!(
    async fn service_filters_combine_and_count_what_they_list(store) {
        listing_seed(&store).await;
        let cases: Vec<(ServiceFilter, Vec<&str>)> = vec![
            (ServiceFilter { organisation_id: Some(id("org")), ..Default::default() }, vec!["s1", "s3"]),
            (ServiceFilter { term_ids: vec![id("t1")], ..Default::default() }, vec!["s1"]),
            (ServiceFilter { term_ids: vec![id("t1"), id("t2")], ..Default::default() }, vec!["s2", "s1"]),
            (ServiceFilter { taxonomy_id: Some(id("doel")), ..Default::default() }, vec!["s2"]),
            (ServiceFilter { taxonomy_id: Some(id("thema")), ..Default::default() }, vec!["s2", "s1"]),
            (ServiceFilter { modified_after: Some(at(5)), ..Default::default() }, vec!["s2", "s3"]),
            (ServiceFilter { ids: Some(vec![id("s3"), id("s4"), id("s2")]), ..Default::default() }, vec!["s2", "s3"]),
            (ServiceFilter { ids: Some(vec![]), ..Default::default() }, vec![]),
            (
                ServiceFilter {
                    organisation_id: Some(id("org")),
                    term_ids: vec![id("t1")],
                    modified_after: Some(at(1)),
                    ..Default::default()
                },
                vec!["s1"],
            ),
            (ServiceFilter { organisation_id: Some(id("nobody")), ..Default::default() }, vec![]),
        ];
        for (filter, expected) in cases {
            let (count, listed) = listed(&store, &filter).await;
            assert_eq!(listed, expected, "{filter:?}");
            assert_eq!(count, expected.len() as u64, "{filter:?}");
            let mut found = ids(&store.public_service_ids(&today(), &filter).await.unwrap(), |i| i);
            found.sort();
            let mut expected_sorted: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
            expected_sorted.sort();
            assert_eq!(found, expected_sorted, "ids of {filter:?}");
        }
    }
);

contract_test!(
    async fn pages_do_not_overlap_and_beyond_the_end_is_empty(store) {
        listing_seed(&store).await;
        let filter = ServiceFilter::default();
        let first = store.public_services(&today(), &filter, Page { offset: 0, limit: 2 }).await.unwrap();
        let second = store.public_services(&today(), &filter, Page { offset: 2, limit: 2 }).await.unwrap();
        assert_eq!(ids(&first, |s| &s.id), ["s2", "s1"]);
        assert_eq!(ids(&second, |s| &s.id), ["s3"]);
        assert!(store.public_services(&today(), &filter, Page { offset: 3, limit: 2 }).await.unwrap().is_empty());

        let stamps = store.public_service_stamps(&today(), &filter, Page { offset: 1, limit: 5 }).await.unwrap();
        let stamp_ids: Vec<String> = stamps.iter().map(|s| s.id.to_string()).collect();
        assert_eq!(stamp_ids, ["s1", "s3"]);
        assert_eq!(stamps[0].updated, at(1), "the stored moment, to the microsecond");
    }
);

contract_test!(
    async fn a_thousand_search_hits_fit_in_one_id_filter(store) {
        listing_seed(&store).await;
        let mut hits: Vec<Id> = (0..1_000).map(|i| id(&format!("missing-{i}"))).collect();
        hits.push(id("s3"));
        let filter = ServiceFilter { ids: Some(hits.clone()), ..Default::default() };
        assert_eq!(store.public_service_count(&today(), &filter).await.unwrap(), 1);
        assert_eq!(ids(&store.public_services_by_ids(&today(), &hits).await.unwrap(), |s| &s.id), ["s3"]);
    }
);

contract_test!(
    async fn service_at_locations_follow_their_services(store) {
        listing_seed(&store).await;
        let links = store.public_service_at_locations(&today(), &ServiceFilter::default(), None).await.unwrap();
        let listed: Vec<String> = links.iter().map(|l| l.id.to_string()).collect();
        assert_eq!(listed, ["s2-at-loc1", "s2-at-loc2", "s1-at-loc1"], "public services only, by service name");
        assert_eq!(links[1].service_id, id("s2"));
        assert_eq!(links[1].location_id, id("loc2"));
        assert_eq!(store.public_service_at_location_count(&today(), &ServiceFilter::default()).await.unwrap(), 3);

        let of_org = ServiceFilter { organisation_id: Some(id("org")), ..Default::default() };
        assert_eq!(store.public_service_at_location_count(&today(), &of_org).await.unwrap(), 1);
        let page = store.public_service_at_locations(&today(), &ServiceFilter::default(), Some(Page { offset: 1, limit: 1 })).await;
        assert_eq!(page.unwrap()[0].id, id("s2-at-loc2"));

        assert_eq!(store.service_id_of_service_at_location(&id("s4-at-loc2")).await.unwrap(), Some(id("s4")));
        assert_eq!(store.service_id_of_service_at_location(&id("nope")).await.unwrap(), None);
    }
);

contract_test!(
    async fn organisations_are_found_by_part_of_their_name_whatever_the_case(store) {
        listing_seed(&store).await;
        let mut tx = store.begin().await.unwrap();
        tx.put_organisation(&organisation_named("pct", "100% Vrijwillig_Teylingen")).await.unwrap();
        tx.commit().await.unwrap();
        let named = |text: &str| NameSearch::new(text);
        let found = store.organisations_named(named("WELZIJN").as_ref(), all()).await.unwrap();
        assert_eq!(ids(&found, |o| &o.id), ["org"]);
        assert_eq!(store.organisation_count_named(named("welzijn").as_ref()).await.unwrap(), 1);
        let literal = store.organisations_named(named("0% v").as_ref(), all()).await.unwrap();
        assert_eq!(ids(&literal, |o| &o.id), ["pct"]);
        let underscore = store.organisations_named(named("g_t").as_ref(), all()).await.unwrap();
        assert_eq!(ids(&underscore, |o| &o.id), ["pct"]);
        assert!(store.organisations_named(named("g_w").as_ref(), all()).await.unwrap().is_empty(), "_ is no wildcard");
        assert_eq!(store.organisation_count_named(None).await.unwrap(), 3);
        let locations = store.locations_of_organisation(&id("org")).await.unwrap();
        assert_eq!(ids(&locations, |l| &l.id), ["loc1", "loc2"]);
        assert!(store.locations_of_organisation(&id("other")).await.unwrap().is_empty());
        let page = store.organisations_named(None, Page { offset: 1, limit: 1 }).await.unwrap();
        assert_eq!(ids(&page, |o| &o.id), ["other"], "by name: 100%…, Andere, Stichting…");
    }
);

contract_test!(
    async fn taxonomies_and_terms_are_listed_filtered_and_found_by_id(store) {
        listing_seed(&store).await;
        let taxonomies = store.taxonomies_named(None, all()).await.unwrap();
        assert_eq!(ids(&taxonomies, |t| &t.id), ["doel", "thema"]);
        let named = store.taxonomies_named(NameSearch::new("doelgroep").as_ref(), all()).await.unwrap();
        assert_eq!(ids(&named, |t| &t.id), ["doel"]);
        assert_eq!(store.taxonomy_count_named(NameSearch::new("nergens").as_ref()).await.unwrap(), 0);
        assert_eq!(store.taxonomy(&id("thema")).await.unwrap().unwrap().id, id("thema"));
        assert!(store.taxonomy(&id("nope")).await.unwrap().is_none());

        let cases: Vec<(TermFilter, Vec<&str>)> = vec![
            (TermFilter::default(), vec!["d1", "t1", "t2", "t3"]),
            (TermFilter { taxonomy_id: Some(id("thema")), ..Default::default() }, vec!["t1", "t2", "t3"]),
            (TermFilter { parent_id: Some(id("thema-geld")), ..Default::default() }, vec!["t1", "t2", "t3"]),
            (TermFilter { top_only: true, ..Default::default() }, vec!["d1"]),
            (TermFilter { name: NameSearch::new("SCHULD"), ..Default::default() }, vec!["d1", "t1", "t2", "t3"]),
            (TermFilter { name: NameSearch::new("fiets"), ..Default::default() }, vec![]),
        ];
        for (filter, expected) in cases {
            let terms = store.taxonomy_terms_matching(&filter, all()).await.unwrap();
            assert_eq!(ids(&terms, |t| &t.id), expected, "{filter:?}");
            assert_eq!(store.taxonomy_term_count(&filter).await.unwrap(), expected.len() as u64, "{filter:?}");
        }
        let page = store.taxonomy_terms_matching(&TermFilter::default(), Page { offset: 3, limit: 10 }).await.unwrap();
        assert_eq!(ids(&page, |t| &t.id), ["t3"]);
        assert_eq!(store.taxonomy_term(&id("t2")).await.unwrap().unwrap().taxonomy_id, id("thema"));
        assert!(store.taxonomy_term(&id("nope")).await.unwrap().is_none());
    }
);

/// The moment the staleness tests look, and the last check that is just hidden then.
fn stale_moment() -> (Visibility, DateTime<Utc>) {
    let policy = FreshnessPolicy::default();
    let edge = at(20);
    (Visibility::new(policy, edge + policy.hide_after), edge)
}

/// A moment in a staleness row.
type Moment = DateTime<Utc>;

/// Services of `org`, each at `loc1`, whose last checks lie around the hiding edge of
/// [`stale_moment`]:
///
/// | id       | updated          | verified       | shown |
/// |----------|------------------|----------------|-------|
/// | old      | edge − 1 s       |                | no    |
/// | edge     | edge             |                | no (exactly `hide_after` old) |
/// | just     | edge + 1 µs      |                | yes   |
/// | fresh    | edge + 1 day     |                | yes   |
/// | verified | edge − 100 days  | edge + 1 s     | yes   |
/// | edited   | now − 1 day      | edge − 1 s     | no (the verification is the last check) |
/// | stopped  | now − 1 day      |                | no (inactive) |
async fn stale_seed(store: &Store) {
    seed(store).await;
    let (visibility, edge) = stale_moment();
    let now = visibility.now;
    let second = TimeDelta::seconds(1);
    let rows: [(&str, Moment, Option<Moment>); 7] = [
        ("old", edge - second, None),
        ("edge", edge, None),
        ("just", edge + TimeDelta::microseconds(1), None),
        ("fresh", edge + TimeDelta::days(1), None),
        ("verified", edge - TimeDelta::days(100), Some(edge + second)),
        ("edited", now - TimeDelta::days(1), Some(edge - second)),
        ("stopped", now - TimeDelta::days(1), None),
    ];
    let mut tx = store.begin().await.unwrap();
    for (raw, updated, verified) in rows {
        tx.put_service(&stale_service(raw, updated, verified)).await.unwrap();
    }
    tx.commit().await.unwrap();
}

fn stale_service(raw: &str, updated: DateTime<Utc>, verified: Option<DateTime<Utc>>) -> Service {
    let mut service = service_named(raw, "org", &format!("Dienst {raw}"));
    service.status = if raw == "stopped" { ServiceStatus::Inactive } else { ServiceStatus::Active };
    service.locations = vec![ServiceAtLocation {
        id: id(&format!("{raw}-at-loc1")),
        location_id: id("loc1"),
        description: None,
        opening_hours: Default::default(),
    }];
    service.meta.created = updated.min(verified.unwrap_or(updated));
    service.meta.updated = updated;
    service.meta.verification = verified.map(|at| Verification { at, by: VerifiedBy::Provider });
    service
}

fn sorted(mut ids: Vec<String>) -> Vec<String> {
    ids.sort();
    ids
}

/// What every public listing of the store shows at `visibility`, each sorted, after
/// checking that they all show the same as the record check [`is_public_service`].
async fn shown_everywhere(store: &Store, visibility: &Visibility) -> Vec<String> {
    let every = store.services(all()).await.unwrap();
    let by_rule = sorted(every.iter().filter(|s| is_public_service(s, visibility)).map(|s| s.id.to_string()).collect());
    let filter = ServiceFilter::default();
    let listed = ids(&store.public_services(visibility, &filter, all()).await.unwrap(), |s| &s.id);
    assert_eq!(sorted(listed), by_rule, "public_services");
    assert_eq!(store.public_service_count(visibility, &filter).await.unwrap(), by_rule.len() as u64);
    let found = ids(&store.public_service_ids(visibility, &filter).await.unwrap(), |i| i);
    assert_eq!(sorted(found), by_rule, "public_service_ids");
    let stamps = store.public_service_stamps(visibility, &filter, all()).await.unwrap();
    assert_eq!(sorted(stamps.iter().map(|s| s.id.to_string()).collect()), by_rule, "public_service_stamps");
    let every_id: Vec<Id> = every.iter().map(|s| s.id.clone()).collect();
    let by_ids = ids(&store.public_services_by_ids(visibility, &every_id).await.unwrap(), |s| &s.id);
    assert_eq!(sorted(by_ids), by_rule, "public_services_by_ids");
    let links = store.public_service_at_locations(visibility, &filter, None).await.unwrap();
    let linked: Vec<String> = links.iter().map(|l| l.service_id.to_string()).collect();
    assert_eq!(sorted(linked), by_rule, "public_service_at_locations");
    assert_eq!(store.public_service_at_location_count(visibility, &filter).await.unwrap(), by_rule.len() as u64);
    by_rule
}

contract_test!(
    async fn services_last_checked_too_long_ago_are_hidden_by_the_sql_and_the_record_check_alike(store) {
        stale_seed(&store).await;
        let (visibility, _) = stale_moment();
        assert_eq!(shown_everywhere(&store, &visibility).await, ["fresh", "just", "verified"]);

        // A second earlier, the edge moves back past `edge` and `old` is still older.
        let earlier = Visibility::new(visibility.policy, visibility.now - TimeDelta::seconds(1));
        assert_eq!(shown_everywhere(&store, &earlier).await, ["edge", "fresh", "just", "verified"]);

        // The cutoff comes from the policy: with hiding after two years, all is shown.
        let lenient = FreshnessPolicy { hide_after: wegwijs_domain::freshness::months(24), ..visibility.policy };
        let lenient = Visibility::new(lenient, visibility.now);
        assert_eq!(shown_everywhere(&store, &lenient).await, ["edge", "edited", "fresh", "just", "old", "verified"]);

        // Hidden is not deleted.
        assert!(store.service(&id("old")).await.unwrap().is_some());
        assert_eq!(store.services(all()).await.unwrap().len(), 7);
    }
);

contract_test!(
    async fn a_hidden_service_is_back_as_soon_as_it_is_verified_again(store) {
        stale_seed(&store).await;
        let (visibility, _) = stale_moment();
        let mut service = store.service(&id("edited")).await.unwrap().unwrap();
        service.meta.verification = Some(Verification { at: visibility.now, by: VerifiedBy::Provider });
        let mut tx = store.begin().await.unwrap();
        tx.put_service(&service).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(shown_everywhere(&store, &visibility).await, ["edited", "fresh", "just", "verified"]);
    }
);
