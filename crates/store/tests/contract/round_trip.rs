//! Every record type comes back exactly as it was put, optional fields included.

use crate::fixtures::*;
use wegwijs_store::Written;

contract_test!(
    async fn a_taxonomy_and_its_terms_come_back_unchanged(store) {
        let mut tx = store.begin().await.unwrap();
        let mut bare = taxonomy("bare");
        bare.uri = None;
        bare.version = None;
        tx.put_taxonomy(&taxonomy("thema")).await.unwrap();
        tx.put_taxonomy(&bare).await.unwrap();
        let mut plain = term("t-plain", "bare");
        plain.parent_id = None;
        plain.synonyms = vec![];
        tx.put_taxonomy_term(&term("t1", "thema")).await.unwrap();
        tx.put_taxonomy_term(&plain).await.unwrap();
        tx.commit().await.unwrap();

        assert_eq!(store.taxonomies().await.unwrap(), vec![bare, taxonomy("thema")]);
        assert_eq!(store.taxonomy_terms().await.unwrap(), vec![plain, term("t1", "thema")]);
    }
);

contract_test!(
    async fn an_organisation_comes_back_with_every_field(store) {
        let full = full_organisation("org-full");
        let bare = organisation_named("org-bare", "Buurtvereniging");
        let mut tx = store.begin().await.unwrap();
        assert_eq!(tx.put_organisation(&full).await.unwrap(), Written::Inserted);
        tx.put_organisation(&bare).await.unwrap();
        tx.commit().await.unwrap();

        assert_eq!(store.organisation(&full.id).await.unwrap(), Some(full.clone()));
        assert_eq!(store.organisation(&bare.id).await.unwrap(), Some(bare));
        assert_eq!(store.organisation(&id("nope")).await.unwrap(), None);
    }
);

contract_test!(
    async fn a_location_comes_back_with_every_field(store) {
        let mut tx = store.begin().await.unwrap();
        tx.put_organisation(&organisation_named("org", "Org")).await.unwrap();
        let full = full_location("loc-full", "org");
        let bare = location_named("loc-bare", None);
        tx.put_location(&full).await.unwrap();
        tx.put_location(&bare).await.unwrap();
        tx.commit().await.unwrap();

        assert_eq!(store.location(&full.id).await.unwrap(), Some(full.clone()));
        assert_eq!(store.location(&bare.id).await.unwrap(), Some(bare.clone()));
        assert_eq!(store.location(&id("nope")).await.unwrap(), None);
        let ids = [bare.id.clone(), id("nope"), full.id.clone(), bare.id.clone()];
        assert_eq!(store.locations_by_ids(&ids).await.unwrap(), vec![bare, full]);
    }
);

contract_test!(
    async fn a_service_comes_back_with_every_field(store) {
        seed(&store).await;
        let full = full_service("svc-full", "org", &["t1", "t2"], &["loc1", "loc2"]);
        let bare = service_named("svc-bare", "org", "Maatjesproject");
        let mut tx = store.begin().await.unwrap();
        assert_eq!(tx.put_service(&full).await.unwrap(), Written::Inserted);
        assert_eq!(tx.put_service(&bare).await.unwrap(), Written::Inserted);
        tx.commit().await.unwrap();

        assert_eq!(store.service(&full.id).await.unwrap(), Some(full.clone()));
        assert_eq!(store.service(&bare.id).await.unwrap(), Some(bare));
        assert_eq!(store.service(&id("nope")).await.unwrap(), None);
    }
);

contract_test!(
    async fn organisations_by_ids_follow_the_order_asked_for(store) {
        let mut tx = store.begin().await.unwrap();
        for (raw, name) in [("a", "Alpha"), ("b", "Beta"), ("c", "Gamma")] {
            tx.put_organisation(&organisation_named(raw, name)).await.unwrap();
        }
        tx.commit().await.unwrap();
        let got = store.organisations_by_ids(&[id("c"), id("x"), id("a")]).await.unwrap();
        assert_eq!(got.iter().map(|o| o.id.as_str()).collect::<Vec<_>>(), ["c", "a"]);
        assert!(store.organisations_by_ids(&[]).await.unwrap().is_empty());
    }
);
