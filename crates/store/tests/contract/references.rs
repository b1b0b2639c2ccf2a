//! References to records that do not exist are refused with a clear error, and
//! nothing of the refused record is written.

use crate::fixtures::*;
use wegwijs_store::{EntityKind, Error, Store};

async fn assert_nothing_written(store: &Store, before_seq: i64) {
    assert_eq!(store.service_count().await.unwrap(), 0);
    assert_eq!(store.last_change_seq().await.unwrap(), before_seq);
}

contract_test!(
    async fn a_service_of_an_unknown_organisation_is_refused(store) {
        seed(&store).await;
        let seq = store.last_change_seq().await.unwrap();
        let mut tx = store.begin().await.unwrap();
        let err = tx.put_service(&service_named("1234", "ghost", "Hulp")).await.unwrap_err();
        assert!(
            matches!(&err, Error::UnknownReference { entity: EntityKind::Service, field: "organisation_id", target: EntityKind::Organisation, target_id, .. } if target_id.as_str() == "ghost"),
            "{err:?}"
        );
        tx.commit().await.unwrap();
        assert_nothing_written(&store, seq).await;
    }
);

contract_test!(
    async fn a_service_with_an_unknown_term_is_refused_with_a_readable_message(store) {
        seed(&store).await;
        let seq = store.last_change_seq().await.unwrap();
        let mut tx = store.begin().await.unwrap();
        let err = tx.put_service(&full_service("1234", "org", &["t1", "foo"], &["loc1"])).await.unwrap_err();
        assert_eq!(err.to_string(), "service 1234: field `terms` refers to unknown taxonomy term `foo`");
        tx.commit().await.unwrap();
        assert_nothing_written(&store, seq).await;
    }
);

contract_test!(
    async fn a_service_at_an_unknown_location_is_refused(store) {
        seed(&store).await;
        let seq = store.last_change_seq().await.unwrap();
        let mut tx = store.begin().await.unwrap();
        let err = tx.put_service(&full_service("1234", "org", &["t1"], &["loc1", "elsewhere"])).await.unwrap_err();
        assert!(
            matches!(&err, Error::UnknownReference { field: "locations", target: EntityKind::Location, target_id, .. } if target_id.as_str() == "elsewhere"),
            "{err:?}"
        );
        tx.commit().await.unwrap();
        assert_nothing_written(&store, seq).await;
    }
);

contract_test!(
    async fn a_term_of_an_unknown_taxonomy_and_a_location_of_an_unknown_organisation_are_refused(store) {
        let mut tx = store.begin().await.unwrap();
        let err = tx.put_taxonomy_term(&term("t1", "nope")).await.unwrap_err();
        assert!(matches!(err, Error::UnknownReference { target: EntityKind::Taxonomy, .. }), "{err:?}");
        let err = tx.put_location(&location_named("loc", Some("nope"))).await.unwrap_err();
        assert!(matches!(err, Error::UnknownReference { target: EntityKind::Organisation, .. }), "{err:?}");
        tx.commit().await.unwrap();
        assert!(store.taxonomy_terms().await.unwrap().is_empty());
        assert_eq!(store.location(&id("loc")).await.unwrap(), None);
        assert_eq!(store.last_change_seq().await.unwrap(), 0);
    }
);
