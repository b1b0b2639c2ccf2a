//! The change log records every real change, in order, and nothing else.

use crate::fixtures::*;
use wegwijs_store::{ChangeOp, EntityKind};

fn summary(changes: &[wegwijs_store::Change]) -> Vec<(EntityKind, String, ChangeOp)> {
    changes.iter().map(|c| (c.entity, c.id.to_string(), c.op)).collect()
}

contract_test!(
    async fn every_real_change_is_logged_in_order_and_nothing_else(store) {
        assert_eq!(store.last_change_seq().await.unwrap(), 0);
        assert!(store.changes_since(0, 100).await.unwrap().is_empty());
        let started = chrono::Utc::now() - chrono::Duration::seconds(1);
        seed(&store).await;
        let mut tx = store.begin().await.unwrap();
        let mut service = full_service("svc", "org", &["t1"], &["loc1"]);
        tx.put_service(&service).await.unwrap();
        tx.put_service(&service).await.unwrap(); // unchanged: no row
        service.summary = "Anders".into();
        tx.put_service(&service).await.unwrap();
        tx.put_organisation(&full_organisation("org")).await.unwrap(); // unchanged
        tx.delete_service(&service.id).await.unwrap();
        tx.commit().await.unwrap();

        use ChangeOp::*;
        use EntityKind::*;
        let expected = vec![
            (Taxonomy, "thema".to_owned(), Insert),
            (TaxonomyTerm, "t1".into(), Insert),
            (TaxonomyTerm, "t2".into(), Insert),
            (TaxonomyTerm, "t3".into(), Insert),
            (Organisation, "org".into(), Insert),
            (Location, "loc1".into(), Insert),
            (Location, "loc2".into(), Insert),
            (Service, "svc".into(), Insert),
            (Service, "svc".into(), Update),
            (Service, "svc".into(), Delete),
        ];
        let changes = store.changes_since(0, 100).await.unwrap();
        assert_eq!(summary(&changes), expected);
        assert!(changes.windows(2).all(|w| w[0].seq < w[1].seq));
        assert!(changes.iter().all(|c| c.at >= started && c.at <= chrono::Utc::now()));
        assert_eq!(store.last_change_seq().await.unwrap(), changes.last().unwrap().seq);

        // Paging through the log.
        let first = store.changes_since(0, 3).await.unwrap();
        let rest = store.changes_since(first[2].seq, 100).await.unwrap();
        assert_eq!(summary(&first), expected[..3]);
        assert_eq!(summary(&rest), expected[3..]);
    }
);

contract_test!(
    async fn importing_the_same_records_again_writes_no_change(store) {
        seed(&store).await;
        let seq = store.last_change_seq().await.unwrap();
        seed(&store).await;
        assert_eq!(store.last_change_seq().await.unwrap(), seq);
    }
);

contract_test!(
    async fn a_dropped_transaction_logs_no_change(store) {
        seed(&store).await;
        let seq = store.last_change_seq().await.unwrap();
        {
            let mut tx = store.begin().await.unwrap();
            tx.put_service(&full_service("svc", "org", &["t1"], &["loc1"])).await.unwrap();
        }
        assert_eq!(store.last_change_seq().await.unwrap(), seq);
        assert!(store.changes_since(seq, 10).await.unwrap().is_empty());
    }
);

contract_test!(
    async fn concurrent_writers_are_serialised_so_the_log_is_in_commit_order(store) {
        seed(&store).await;
        let seq = store.last_change_seq().await.unwrap();
        let mut first = store.begin().await.unwrap();
        first.put_organisation(&organisation_named("first", "Eerste")).await.unwrap();

        let second_store = store.clone();
        let second = tokio::spawn(async move {
            let mut tx = second_store.begin().await.unwrap();
            tx.put_organisation(&organisation_named("second", "Tweede")).await.unwrap();
            tx.commit().await.unwrap();
        });
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        assert!(!second.is_finished(), "the second writer must wait for the first");
        first.put_organisation(&organisation_named("first-b", "Eerste b")).await.unwrap();
        first.commit().await.unwrap();
        second.await.unwrap();

        let ids: Vec<String> = store.changes_since(seq, 10).await.unwrap().iter().map(|c| c.id.to_string()).collect();
        assert_eq!(ids, ["first", "first-b", "second"]);
    }
);
