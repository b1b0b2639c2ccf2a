//! Providers' proposals: saved against what the form showed, one open per record,
//! published and settled in one step by an editor.

use crate::fixtures::*;
use wegwijs_domain::{Id, Role, Service};
use wegwijs_store::{EntityKind, Error, Expected, Page, ProposalDraft, ProposalStatus, Store, User};

/// An organisation `org` (via the seed), a published service `svc` of it, a provider
/// of `org` and an editor.
async fn setup(store: &Store) -> (Service, User, User) {
    seed(store).await;
    let service = service_named("svc", "org", "Maaltijdservice");
    let mut tx = store.begin().await.unwrap();
    tx.put_service(&service).await.unwrap();
    tx.commit().await.unwrap();
    let provider = add_user(store, "aanbieder@example.nl", Role::Aanbieder, &["org"]).await;
    let editor = add_user(store, "redacteur@example.nl", Role::Redacteur, &[]).await;
    (service, provider, editor)
}

fn draft(service: &Service, author: &User) -> ProposalDraft {
    ProposalDraft {
        entity: EntityKind::Service,
        entity_id: service.id.clone(),
        organisation_id: service.organisation_id.clone(),
        author_id: author.id.clone(),
        data: serde_json::to_string(service).unwrap(),
    }
}

fn is_stale(result: Result<impl std::fmt::Debug, Error>) -> bool {
    matches!(result, Err(Error::Stale { entity: EntityKind::Service, ref id }) if id.as_str() == "svc")
}

contract_test!(
    async fn a_proposal_is_created_then_revised_and_leaves_the_record_alone(store) {
        let (service, provider, _) = setup(&store).await;
        let seq = store.record_seq(EntityKind::Service, &service.id).await.unwrap();
        assert_eq!(store.pending_proposal_for(EntityKind::Service, &service.id).await.unwrap(), None);

        let mut changed = service.clone();
        changed.summary = "Warme maaltijden".into();
        let first = store.save_proposal(&draft(&changed, &provider), Expected { record_seq: seq, proposal_revision: None }).await.unwrap();
        assert_eq!((first.revision, first.base_seq, first.status), (1, seq, ProposalStatus::Pending));
        assert_eq!((first.entity, first.organisation_id.as_str()), (EntityKind::Service, "org"));
        assert_eq!((first.decided_by.clone(), first.decided_at, first.message.clone()), (None, None, None));

        changed.summary = "Warme maaltijden aan huis".into();
        let expected = Expected { record_seq: seq, proposal_revision: Some(1) };
        let second = store.save_proposal(&draft(&changed, &provider), expected).await.unwrap();
        assert_eq!((second.id.clone(), second.revision, second.base_seq), (first.id.clone(), 2, seq));
        assert_eq!(second.created_at, first.created_at);
        assert!(second.updated_at >= first.updated_at);
        assert_eq!(serde_json::from_str::<Service>(&second.data).unwrap(), changed);

        assert_eq!(store.pending_proposal_for(EntityKind::Service, &service.id).await.unwrap().as_ref(), Some(&second));
        assert_eq!(store.proposal(&first.id).await.unwrap(), Some(second));
        assert_eq!(store.service(&service.id).await.unwrap(), Some(service), "the published record is unchanged");
        assert_eq!(store.record_seq(EntityKind::Service, &id("svc")).await.unwrap(), seq);
        assert_eq!(store.proposal(&Id::random()).await.unwrap(), None);
    }
);

contract_test!(
    async fn a_save_on_an_outdated_form_is_stale_and_writes_nothing(store) {
        let (service, provider, _) = setup(&store).await;
        let seq = store.record_seq(EntityKind::Service, &service.id).await.unwrap();
        let proposal = draft(&service, &provider);

        // The record changed since the form was opened.
        assert!(is_stale(store.save_proposal(&proposal, Expected { record_seq: seq - 1, proposal_revision: None }).await));
        // The form expected an open proposal that is not there.
        assert!(is_stale(store.save_proposal(&proposal, Expected { record_seq: seq, proposal_revision: Some(1) }).await));
        assert_eq!(store.proposal_count(ProposalStatus::Pending).await.unwrap(), 0);

        store.save_proposal(&proposal, Expected { record_seq: seq, proposal_revision: None }).await.unwrap();
        // Someone else opened a proposal after the form was opened.
        assert!(is_stale(store.save_proposal(&proposal, Expected { record_seq: seq, proposal_revision: None }).await));
        // Someone else saved the proposal again after the form was opened.
        store.save_proposal(&proposal, Expected { record_seq: seq, proposal_revision: Some(1) }).await.unwrap();
        assert!(is_stale(store.save_proposal(&proposal, Expected { record_seq: seq, proposal_revision: Some(1) }).await));
        assert_eq!(store.pending_proposal_for(EntityKind::Service, &service.id).await.unwrap().unwrap().revision, 2);
        assert_eq!(store.proposal_count(ProposalStatus::Pending).await.unwrap(), 1);
    }
);

/// Saves `proposal` several times at the same time on the same `expected`; returns how
/// many saves succeeded, checking that every other one was Stale.
async fn save_at_once(store: &Store, proposal: &ProposalDraft, expected: Expected) -> usize {
    let saves: Vec<_> = (0..6)
        .map(|_| {
            let (store, proposal) = (store.clone(), proposal.clone());
            tokio::spawn(async move { store.save_proposal(&proposal, expected).await })
        })
        .collect();
    let mut succeeded = 0;
    for save in saves {
        match save.await.unwrap() {
            Ok(_) => succeeded += 1,
            other => assert!(is_stale(other.map(|_| ())), "the loser is Stale"),
        }
    }
    succeeded
}

contract_test!(
    async fn of_two_saves_at_the_same_time_on_the_same_form_exactly_one_wins(store) {
        let (service, provider, _) = setup(&store).await;
        let seq = store.record_seq(EntityKind::Service, &service.id).await.unwrap();
        let proposal = draft(&service, &provider);
        // Both create the proposal.
        assert_eq!(save_at_once(&store, &proposal, Expected { record_seq: seq, proposal_revision: None }).await, 1);
        // Both revise revision 1.
        assert_eq!(save_at_once(&store, &proposal, Expected { record_seq: seq, proposal_revision: Some(1) }).await, 1);
        let pending = store.pending_proposal_for(EntityKind::Service, &service.id).await.unwrap().unwrap();
        assert_eq!(pending.revision, 2);
        assert_eq!(store.proposal_count(ProposalStatus::Pending).await.unwrap(), 1);
    }
);

contract_test!(
    async fn a_save_waiting_for_a_decision_in_progress_is_stale(store) {
        let (service, provider, editor) = setup(&store).await;
        let seq = store.record_seq(EntityKind::Service, &service.id).await.unwrap();
        let proposal = draft(&service, &provider);
        let first = store.save_proposal(&proposal, Expected { record_seq: seq, proposal_revision: None }).await.unwrap();

        let mut tx = store.begin().await.unwrap();
        tx.decide_proposal(&first.id, ProposalStatus::Rejected, &editor.id, None).await.unwrap();
        let save = {
            let (store, proposal) = (store.clone(), proposal.clone());
            tokio::spawn(async move {
                store.save_proposal(&proposal, Expected { record_seq: seq, proposal_revision: Some(1) }).await
            })
        };
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        assert!(!save.is_finished(), "the save waits for the decision");
        tx.commit().await.unwrap();
        assert!(is_stale(save.await.unwrap()));
        assert_eq!(store.proposal(&first.id).await.unwrap().unwrap().status, ProposalStatus::Rejected);
    }
);

/// A second proposal for the same record is being created (not yet committed) when a
/// save on the same form starts: the save waits, then is Stale (PostgreSQL: the unique
/// index; SQLite: the write lock, after which it sees the new proposal).
async fn a_save_racing_a_new_proposal_is_stale(db: &crate::harness::TestDb) {
    use sqlx::Connection;
    let store = &db.store;
    let (service, provider, _) = setup(store).await;
    let seq = store.record_seq(EntityKind::Service, &service.id).await.unwrap();
    let mut raw = db.raw().await;
    let mut other = raw.begin().await.unwrap();
    sqlx::query(
        "INSERT INTO proposals (id, entity, entity_id, organisation_id, author_id, base_seq, data, revision, status, \
         created_at, updated_at) VALUES ('other', 'service', 'svc', 'org', $1, $2, '{}', 1, 'pending', \
         '2026-11-25T10:00:00.000000Z', '2026-11-25T10:00:00.000000Z')",
    )
    .bind(provider.id.as_str())
    .bind(seq)
    .execute(&mut *other)
    .await
    .unwrap();

    let save = {
        let (store, proposal) = (store.clone(), draft(&service, &provider));
        tokio::spawn(async move {
            store.save_proposal(&proposal, Expected { record_seq: seq, proposal_revision: None }).await
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(!save.is_finished(), "the save waits for the other one");
    other.commit().await.unwrap();
    assert!(is_stale(save.await.unwrap()));
    let pending = store.pending_proposal_for(EntityKind::Service, &service.id).await.unwrap().unwrap();
    assert_eq!(pending.id.as_str(), "other");
}

#[tokio::test]
async fn a_save_racing_a_new_proposal_is_stale_sqlite() {
    let db = crate::harness::TestDb::sqlite().await;
    a_save_racing_a_new_proposal_is_stale(&db).await;
    db.finish().await;
}

#[tokio::test]
async fn a_save_racing_a_new_proposal_is_stale_postgres() {
    let db = crate::harness::TestDb::postgres().await;
    a_save_racing_a_new_proposal_is_stale(&db).await;
    db.finish().await;
}

contract_test!(
    async fn approving_publishes_the_record_and_settles_the_proposal_in_one_step(store) {
        let (service, provider, editor) = setup(&store).await;
        let seq = store.record_seq(EntityKind::Service, &service.id).await.unwrap();
        let mut changed = service.clone();
        changed.summary = "Nieuwe samenvatting".into();
        let proposal = store.save_proposal(&draft(&changed, &provider), Expected { record_seq: seq, proposal_revision: None }).await.unwrap();

        let mut tx = store.begin().await.unwrap();
        tx.act_as(format!("user:{}", editor.id));
        tx.put_service(&serde_json::from_str(&proposal.data).unwrap()).await.unwrap();
        let decided = tx.decide_proposal(&proposal.id, ProposalStatus::Approved, &editor.id, Some("Dank je!")).await.unwrap();
        tx.commit().await.unwrap();

        assert_eq!(decided.status, ProposalStatus::Approved);
        assert_eq!(decided.decided_by.as_ref(), Some(&editor.id));
        assert_eq!(decided.message.as_deref(), Some("Dank je!"));
        assert!(decided.decided_at.is_some_and(|at| at >= proposal.created_at));
        assert_eq!(store.proposal(&proposal.id).await.unwrap(), Some(decided));
        assert_eq!(store.service(&service.id).await.unwrap(), Some(changed));
        assert_eq!(store.pending_proposal_for(EntityKind::Service, &service.id).await.unwrap(), None);
        let newest = store.history(EntityKind::Service, &service.id).await.unwrap().remove(0);
        assert_eq!(newest.actor, Some(format!("user:{}", editor.id)));
        assert_eq!(newest.data.as_deref(), Some(proposal.data.as_str()));
        assert!(newest.seq > proposal.base_seq, "the proposal's base is now outdated");
    }
);

contract_test!(
    async fn an_approval_that_cannot_settle_publishes_nothing(store) {
        let (service, provider, editor) = setup(&store).await;
        let seq = store.record_seq(EntityKind::Service, &service.id).await.unwrap();
        let mut changed = service.clone();
        changed.summary = "Ingetrokken wijziging".into();
        let proposal = store.save_proposal(&draft(&changed, &provider), Expected { record_seq: seq, proposal_revision: None }).await.unwrap();
        // The author withdraws while the editor is looking at it.
        store.withdraw_proposal(&proposal.id, &provider.id).await.unwrap();

        let mut tx = store.begin().await.unwrap();
        tx.act_as(format!("user:{}", editor.id));
        tx.put_service(&changed).await.unwrap();
        let result = tx.decide_proposal(&proposal.id, ProposalStatus::Approved, &editor.id, None).await;
        assert!(is_stale(result));
        drop(tx); // the caller gives up: rolled back

        assert_eq!(store.service(&service.id).await.unwrap(), Some(service));
        assert_eq!(store.record_seq(EntityKind::Service, &id("svc")).await.unwrap(), seq);
        assert_eq!(store.proposal(&proposal.id).await.unwrap().unwrap().status, ProposalStatus::Withdrawn);
    }
);

contract_test!(
    async fn only_a_pending_proposal_can_be_withdrawn_or_decided(store) {
        let (service, provider, editor) = setup(&store).await;
        let seq = store.record_seq(EntityKind::Service, &service.id).await.unwrap();
        let proposal = store.save_proposal(&draft(&service, &provider), Expected { record_seq: seq, proposal_revision: None }).await.unwrap();

        let mut tx = store.begin().await.unwrap();
        assert!(is_stale(tx.decide_proposal(&proposal.id, ProposalStatus::Pending, &editor.id, None).await));
        let rejected = tx.decide_proposal(&proposal.id, ProposalStatus::Rejected, &editor.id, Some("Klopt niet")).await.unwrap();
        assert!(is_stale(tx.decide_proposal(&proposal.id, ProposalStatus::Approved, &editor.id, None).await));
        tx.commit().await.unwrap();
        assert_eq!(rejected.status, ProposalStatus::Rejected);

        assert!(is_stale(store.withdraw_proposal(&proposal.id, &provider.id).await));
        let unknown = store.withdraw_proposal(&Id::random(), &provider.id).await.unwrap_err();
        assert!(matches!(unknown, Error::NotFound { entity: EntityKind::Proposal, .. }), "{unknown:?}");
        let mut tx = store.begin().await.unwrap();
        let unknown = tx.decide_proposal(&Id::random(), ProposalStatus::Approved, &editor.id, None).await.unwrap_err();
        assert!(matches!(unknown, Error::NotFound { entity: EntityKind::Proposal, .. }), "{unknown:?}");
        drop(tx);

        // A settled proposal leaves room for a new one on the same record.
        let again = store.save_proposal(&draft(&service, &provider), Expected { record_seq: seq, proposal_revision: None }).await.unwrap();
        assert_eq!(again.revision, 1);
        assert_ne!(again.id, proposal.id);
        let withdrawn = store.withdraw_proposal(&again.id, &provider.id).await;
        assert!(withdrawn.is_ok());
        let again = store.proposal(&again.id).await.unwrap().unwrap();
        assert_eq!((again.status, again.decided_by), (ProposalStatus::Withdrawn, Some(provider.id)));
    }
);

contract_test!(
    async fn proposals_are_listed_by_status_and_organisation(store) {
        seed(&store).await;
        add_organisation(&store, "org-b").await;
        let provider = add_user(&store, "aanbieder@example.nl", Role::Aanbieder, &["org", "org-b"]).await;
        let editor = add_user(&store, "redacteur@example.nl", Role::Redacteur, &[]).await;
        let mut ids = Vec::new();
        for (n, organisation) in ["org", "org-b", "org", "org-b"].into_iter().enumerate() {
            let service = service_named(&format!("svc-{n}"), organisation, "Nieuwe dienst");
            let proposal = store.save_proposal(&draft(&service, &provider), Expected { record_seq: 0, proposal_revision: None }).await.unwrap();
            ids.push(proposal.id);
            tokio::time::sleep(std::time::Duration::from_millis(2)).await;
        }
        let listed = |list: Vec<wegwijs_store::Proposal>| list.into_iter().map(|p| p.id).collect::<Vec<_>>();
        let pending = store.proposals(ProposalStatus::Pending, None, Page::first(10)).await.unwrap();
        assert_eq!(listed(pending), ids, "the review queue is oldest first");
        let of_b = store.proposals(ProposalStatus::Pending, Some(&id("org-b")), Page::first(10)).await.unwrap();
        assert_eq!(listed(of_b), [ids[1].clone(), ids[3].clone()]);
        let second_page = store.proposals(ProposalStatus::Pending, None, Page { offset: 2, limit: 1 }).await.unwrap();
        assert_eq!(listed(second_page), [ids[2].clone()]);

        for settled in [&ids[0], &ids[2]] {
            let mut tx = store.begin().await.unwrap();
            tx.decide_proposal(settled, ProposalStatus::Rejected, &editor.id, None).await.unwrap();
            tx.commit().await.unwrap();
            tokio::time::sleep(std::time::Duration::from_millis(2)).await;
        }
        let rejected = store.proposals(ProposalStatus::Rejected, None, Page::first(10)).await.unwrap();
        assert_eq!(listed(rejected), [ids[2].clone(), ids[0].clone()], "decided ones newest first");
        assert!(store.proposals(ProposalStatus::Rejected, Some(&id("org-b")), Page::first(10)).await.unwrap().is_empty());
        assert_eq!(store.proposal_count(ProposalStatus::Pending).await.unwrap(), 2);
        assert_eq!(store.proposal_count(ProposalStatus::Rejected).await.unwrap(), 2);
        assert_eq!(store.proposal_count(ProposalStatus::Approved).await.unwrap(), 0);
    }
);
