//! Listings: ordering, paging, keyset walks and counts.

use crate::fixtures::*;

fn ids<T>(records: &[T], id: impl Fn(&T) -> &wegwijs_domain::Id) -> Vec<String> {
    records.iter().map(|r| id(r).to_string()).collect()
}

contract_test!(
    async fn services_are_listed_by_name_then_id_and_paged(store) {
        seed(&store).await;
        let mut tx = store.begin().await.unwrap();
        tx.put_organisation(&organisation_named("other", "Andere")).await.unwrap();
        for (raw, org, name) in [
            ("s5", "org", "Zorg"),
            ("s2", "other", "Buurthuis"),
            ("s4", "org", "Administratie"),
            ("s1", "org", "Buurthuis"),
            ("s3", "other", "Maaltijden"),
        ] {
            tx.put_service(&service_named(raw, org, name)).await.unwrap();
        }
        tx.commit().await.unwrap();

        let all = store.services(wegwijs_store::Page { offset: 0, limit: 100 }).await.unwrap();
        assert_eq!(ids(&all, |s| &s.id), ["s4", "s1", "s2", "s3", "s5"]);
        let page = store.services(wegwijs_store::Page { offset: 2, limit: 2 }).await.unwrap();
        assert_eq!(ids(&page, |s| &s.id), ["s2", "s3"]);
        let past_end = store.services(wegwijs_store::Page { offset: 10, limit: 2 }).await.unwrap();
        assert!(past_end.is_empty());

        let of_other = store.services_of_organisation(&id("other")).await.unwrap();
        assert_eq!(ids(&of_other, |s| &s.id), ["s2", "s3"]);
        assert!(store.services_of_organisation(&id("nobody")).await.unwrap().is_empty());
        assert_eq!(store.service_count().await.unwrap(), 5);
    }
);

contract_test!(
    async fn a_keyset_walk_visits_every_service_once_in_id_order(store) {
        seed(&store).await;
        let mut tx = store.begin().await.unwrap();
        let mut expected: Vec<String> = (0..23).map(|i| format!("svc-{i:03}")).collect();
        for raw in expected.iter().rev() {
            tx.put_service(&service_named(raw, "org", "Hulp")).await.unwrap();
        }
        tx.commit().await.unwrap();
        expected.sort();

        let mut seen = Vec::new();
        let mut after = None;
        loop {
            let batch = store.services_after(after.as_ref(), 5).await.unwrap();
            if batch.is_empty() {
                break;
            }
            assert!(batch.len() <= 5);
            seen.extend(ids(&batch, |s| &s.id));
            after = batch.last().map(|s| s.id.clone());
        }
        assert_eq!(seen, expected);
    }
);

contract_test!(
    async fn organisations_are_listed_by_name_and_counted(store) {
        let mut tx = store.begin().await.unwrap();
        for (raw, name) in [("o3", "Zonnebloem"), ("o1", "Humanitas"), ("o2", "Humanitas"), ("o0", "Alzheimer")] {
            tx.put_organisation(&organisation_named(raw, name)).await.unwrap();
        }
        tx.commit().await.unwrap();
        let all = store.organisations(wegwijs_store::Page { offset: 0, limit: 10 }).await.unwrap();
        assert_eq!(ids(&all, |o| &o.id), ["o0", "o1", "o2", "o3"]);
        let page = store.organisations(wegwijs_store::Page { offset: 1, limit: 2 }).await.unwrap();
        assert_eq!(ids(&page, |o| &o.id), ["o1", "o2"]);
        assert_eq!(store.organisation_count().await.unwrap(), 4);
        assert_eq!(store.service_count().await.unwrap(), 0);
    }
);

contract_test!(
    async fn services_referring_to_an_organisation_location_or_term_are_found(store) {
        seed(&store).await;
        let mut tx = store.begin().await.unwrap();
        tx.put_organisation(&organisation_named("other", "Andere")).await.unwrap();
        tx.put_service(&full_service("s2", "org", &["t1"], &["loc1"])).await.unwrap();
        tx.put_service(&full_service("s1", "org", &["t1"], &[])).await.unwrap();
        tx.put_service(&service_named("s3", "other", "Elders")).await.unwrap();
        tx.commit().await.unwrap();

        let referring = |kind, raw: &'static str| {
            let store = store.clone();
            async move { store.service_ids_referring_to(kind, &id(raw)).await.unwrap() }
        };
        use wegwijs_store::EntityKind::*;
        let as_text = |ids: Vec<wegwijs_domain::Id>| ids.iter().map(ToString::to_string).collect::<Vec<_>>();
        assert_eq!(as_text(referring(Organisation, "org").await), ["s1", "s2"]);
        assert_eq!(as_text(referring(Location, "loc1").await), ["s2"]);
        assert_eq!(as_text(referring(TaxonomyTerm, "t1").await), ["s1", "s2"]);
        assert!(referring(Organisation, "nobody").await.is_empty());
        assert!(referring(Service, "s1").await.is_empty());
    }
);
