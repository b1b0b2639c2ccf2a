//! Every record's history: who changed it, when, and what it looked like after each
//! change, so an older version can be shown and restored.

use crate::fixtures::*;
use wegwijs_domain::{Id, Organisation, Service};
use wegwijs_store::{ChangeOp, EntityKind};

contract_test!(
    async fn the_history_lists_versions_with_their_actors_newest_first(store) {
        seed(&store).await;
        let mut first = service_named("svc", "org", "Maaltijdservice");
        let mut tx = store.begin().await.unwrap();
        tx.act_as("import:sociale-kaart.csv");
        tx.put_service(&first).await.unwrap();
        tx.commit().await.unwrap();

        let mut tx = store.begin().await.unwrap();
        tx.act_as("user:redacteur-1");
        first.summary = "Warme maaltijden aan huis".into();
        tx.put_service(&first).await.unwrap();
        tx.put_service(&first).await.unwrap(); // unchanged: no version
        tx.commit().await.unwrap();

        let mut tx = store.begin().await.unwrap();
        tx.delete_service(&first.id).await.unwrap(); // no actor named
        tx.commit().await.unwrap();

        let history = store.history(EntityKind::Service, &id("svc")).await.unwrap();
        let summary: Vec<(ChangeOp, Option<&str>)> = history.iter().map(|v| (v.op, v.actor.as_deref())).collect();
        assert_eq!(
            summary,
            [
                (ChangeOp::Delete, None),
                (ChangeOp::Update, Some("user:redacteur-1")),
                (ChangeOp::Insert, Some("import:sociale-kaart.csv")),
            ]
        );
        assert!(history.windows(2).all(|w| w[0].seq > w[1].seq && w[0].at >= w[1].at));
        assert_eq!(history[0].data, None, "a delete has no data");
        let updated: Service = serde_json::from_str(history[1].data.as_deref().unwrap()).unwrap();
        assert_eq!(updated, first);
        let inserted: Service = serde_json::from_str(history[2].data.as_deref().unwrap()).unwrap();
        assert_eq!(inserted.summary, "Hulp");

        assert!(store.history(EntityKind::Service, &id("bestaat-niet")).await.unwrap().is_empty());
        assert!(store.history(EntityKind::Organisation, &id("svc")).await.unwrap().is_empty(), "kind matters");
    }
);

contract_test!(
    async fn a_version_is_found_by_its_seq_and_the_record_seq_is_the_newest(store) {
        seed(&store).await;
        assert_eq!(store.record_seq(EntityKind::Service, &id("svc")).await.unwrap(), 0);
        let mut tx = store.begin().await.unwrap();
        tx.put_service(&service_named("svc", "org", "Eerste")).await.unwrap();
        tx.put_service(&service_named("other", "org", "Ander")).await.unwrap();
        tx.commit().await.unwrap();
        let newest = store.history(EntityKind::Service, &id("svc")).await.unwrap().remove(0);
        assert_eq!(store.record_seq(EntityKind::Service, &id("svc")).await.unwrap(), newest.seq);
        assert!(store.record_seq(EntityKind::Service, &id("other")).await.unwrap() > newest.seq);

        let (kind, found_id, version) = store.version(newest.seq).await.unwrap().unwrap();
        assert_eq!((kind, found_id, version), (EntityKind::Service, id("svc"), newest));
        assert_eq!(store.version(store.last_change_seq().await.unwrap() + 1).await.unwrap(), None);
        // The organisation of the seed has a version too.
        let org_seq = store.record_seq(EntityKind::Organisation, &id("org")).await.unwrap();
        let (kind, _, version) = store.version(org_seq).await.unwrap().unwrap();
        assert_eq!((kind, version.op), (EntityKind::Organisation, ChangeOp::Insert));
        let org: Organisation = serde_json::from_str(&version.data.unwrap()).unwrap();
        assert_eq!(org, full_organisation("org"));
    }
);

contract_test!(
    async fn restoring_an_old_version_round_trips_exactly(store) {
        seed(&store).await;
        let original = full_service("svc", "org", &["t1", "t2"], &["loc1"]);
        let mut tx = store.begin().await.unwrap();
        tx.put_service(&original).await.unwrap();
        tx.commit().await.unwrap();
        let mut changed = full_service("svc", "org", &["t3"], &["loc2"]);
        changed.description = "Heel anders".into();
        let mut tx = store.begin().await.unwrap();
        tx.put_service(&changed).await.unwrap();
        tx.commit().await.unwrap();

        let history = store.history(EntityKind::Service, &original.id).await.unwrap();
        let old: Service = serde_json::from_str(history[1].data.as_deref().unwrap()).unwrap();
        let mut tx = store.begin().await.unwrap();
        tx.act_as("user:beheerder");
        tx.put_service(&old).await.unwrap();
        tx.commit().await.unwrap();

        assert_eq!(store.service(&original.id).await.unwrap(), Some(original));
        let history = store.history(EntityKind::Service, &id("svc")).await.unwrap();
        assert_eq!(history.len(), 3);
        assert_eq!(history[0].data, history[2].data, "the restored version is the original, byte for byte");
        assert_eq!(history[0].actor.as_deref(), Some("user:beheerder"));
    }
);

contract_test!(
    async fn a_bulk_write_keeps_every_version(store) {
        // More rows than one multi-row insert of the change log holds.
        let ids: Vec<Id> = (0..450).map(|n| id(&format!("org-{n:03}"))).collect();
        let mut tx = store.begin().await.unwrap();
        tx.act_as("import:bulk");
        for raw in &ids {
            tx.put_organisation(&organisation_named(raw.as_str(), "Bulk")).await.unwrap();
        }
        tx.commit().await.unwrap();
        let changes = store.changes_since(0, 1000).await.unwrap();
        assert_eq!(changes.len(), 450);
        for raw in [&ids[0], &ids[199], &ids[200], &ids[449]] {
            let history = store.history(EntityKind::Organisation, raw).await.unwrap();
            assert_eq!(history.len(), 1);
            assert_eq!(history[0].actor.as_deref(), Some("import:bulk"));
            let org: Organisation = serde_json::from_str(history[0].data.as_deref().unwrap()).unwrap();
            assert_eq!(&org.id, raw);
        }
    }
);
