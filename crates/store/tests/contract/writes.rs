//! What a put reports, and that re-putting the same record changes nothing.

use crate::fixtures::*;
use wegwijs_store::{EntityKind, Error, Written};

contract_test!(
    async fn putting_a_record_reports_inserted_then_unchanged_then_updated(store) {
        seed(&store).await;
        let mut service = full_service("svc", "org", &["t1"], &["loc1"]);
        let mut tx = store.begin().await.unwrap();
        assert_eq!(tx.put_service(&service).await.unwrap(), Written::Inserted);
        assert_eq!(tx.put_service(&service).await.unwrap(), Written::Unchanged);
        service.summary = "Nieuwe samenvatting".into();
        assert_eq!(tx.put_service(&service).await.unwrap(), Written::Updated);
        tx.commit().await.unwrap();
        assert_eq!(store.service(&service.id).await.unwrap(), Some(service));

        let mut tx = store.begin().await.unwrap();
        assert_eq!(tx.put_taxonomy(&taxonomy("thema")).await.unwrap(), Written::Unchanged);
        assert_eq!(tx.put_taxonomy_term(&term("t1", "thema")).await.unwrap(), Written::Unchanged);
        assert_eq!(tx.put_organisation(&full_organisation("org")).await.unwrap(), Written::Unchanged);
        assert_eq!(tx.put_location(&full_location("loc1", "org")).await.unwrap(), Written::Unchanged);
        let mut renamed = full_organisation("org");
        renamed.description = "Anders".into();
        assert_eq!(tx.put_organisation(&renamed).await.unwrap(), Written::Updated);
        tx.commit().await.unwrap();
    }
);

contract_test!(
    async fn updating_a_service_replaces_its_terms_and_locations(store) {
        seed(&store).await;
        let mut tx = store.begin().await.unwrap();
        tx.put_service(&full_service("svc", "org", &["t1", "t2", "t1"], &["loc1"])).await.unwrap();
        tx.put_service(&full_service("svc", "org", &["t3"], &["loc2", "loc1"])).await.unwrap();
        tx.commit().await.unwrap();
        let got = store.service(&id("svc")).await.unwrap().unwrap();
        assert_eq!(got.terms, vec![id("t3")]);
        assert_eq!(got.locations.len(), 2);
    }
);

contract_test!(
    async fn deleting_a_service_removes_it_and_deleting_it_again_is_not_found(store) {
        seed(&store).await;
        let mut tx = store.begin().await.unwrap();
        tx.put_service(&full_service("svc", "org", &["t1"], &["loc1"])).await.unwrap();
        tx.commit().await.unwrap();

        let mut tx = store.begin().await.unwrap();
        tx.delete_service(&id("svc")).await.unwrap();
        let again = tx.delete_service(&id("svc")).await.unwrap_err();
        assert!(matches!(again, Error::NotFound { ref id, .. } if id.as_str() == "svc"), "{again}");
        assert_eq!(again.to_string(), "service `svc` does not exist");
        tx.commit().await.unwrap();
        assert_eq!(store.service(&id("svc")).await.unwrap(), None);
        assert_eq!(store.service_count().await.unwrap(), 0);

        // The service can come back, with its links.
        let mut tx = store.begin().await.unwrap();
        let back = full_service("svc", "org", &["t1"], &["loc1"]);
        assert_eq!(tx.put_service(&back).await.unwrap(), Written::Inserted);
        tx.commit().await.unwrap();
        assert_eq!(store.service(&id("svc")).await.unwrap(), Some(back));
    }
);

contract_test!(
    async fn a_dropped_transaction_leaves_nothing_behind(store) {
        seed(&store).await;
        {
            let mut tx = store.begin().await.unwrap();
            tx.put_service(&full_service("svc", "org", &["t1"], &["loc1"])).await.unwrap();
            tx.put_organisation(&organisation_named("org2", "Tweede")).await.unwrap();
        }
        assert_eq!(store.service(&id("svc")).await.unwrap(), None);
        assert_eq!(store.organisation(&id("org2")).await.unwrap(), None);
        // The store is still usable for writing afterwards.
        let mut tx = store.begin().await.unwrap();
        tx.put_organisation(&organisation_named("org2", "Tweede")).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(store.organisation_count().await.unwrap(), 2);
    }
);

contract_test!(
    async fn migrating_twice_is_harmless(store) {
        seed(&store).await;
        store.migrate().await.unwrap();
        store.migrate().await.unwrap();
        assert_eq!(store.organisation_count().await.unwrap(), 1);
    }
);

contract_test!(
    async fn prefetched_records_report_the_same_as_unprefetched_ones(store) {
        seed(&store).await;
        let mut service = full_service("svc", "org", &["t1"], &["loc1"]);
        let ids = [id("svc"), id("svc-new"), id("org")];

        let mut tx = store.begin().await.unwrap();
        tx.prefetch(EntityKind::Service, &ids).await.unwrap();
        assert_eq!(tx.put_service(&service).await.unwrap(), Written::Inserted);
        // The read-ahead is used once: a second put of the same record looks again.
        assert_eq!(tx.put_service(&service).await.unwrap(), Written::Unchanged);
        tx.commit().await.unwrap();

        let mut tx = store.begin().await.unwrap();
        tx.prefetch(EntityKind::Service, &ids).await.unwrap();
        tx.prefetch(EntityKind::Organisation, &ids).await.unwrap();
        assert_eq!(tx.put_service(&service).await.unwrap(), Written::Unchanged);
        assert_eq!(tx.put_organisation(&full_organisation("org")).await.unwrap(), Written::Unchanged);
        service.summary = "Anders".into();
        tx.prefetch(EntityKind::Service, &ids).await.unwrap();
        assert_eq!(tx.put_service(&service).await.unwrap(), Written::Updated);
        tx.commit().await.unwrap();
        assert_eq!(store.service(&id("svc")).await.unwrap(), Some(service));
    }
);

contract_test!(
    async fn a_record_deleted_after_prefetch_is_inserted_again(store) {
        seed(&store).await;
        let service = full_service("svc", "org", &["t1"], &["loc1"]);
        let mut tx = store.begin().await.unwrap();
        tx.put_service(&service).await.unwrap();
        tx.commit().await.unwrap();

        let mut tx = store.begin().await.unwrap();
        tx.prefetch(EntityKind::Service, &[id("svc")]).await.unwrap();
        tx.delete_service(&id("svc")).await.unwrap();
        assert_eq!(tx.put_service(&service).await.unwrap(), Written::Inserted);
        tx.commit().await.unwrap();
        assert_eq!(store.service_count().await.unwrap(), 1);
    }
);
