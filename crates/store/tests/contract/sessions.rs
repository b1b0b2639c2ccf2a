//! Sessions: found by their token until they expire, end, or their account is disabled.

use crate::fixtures::*;
use chrono::{TimeDelta, Utc};
use wegwijs_domain::{Id, Role};
use wegwijs_store::{EntityKind, Error};

contract_test!(
    async fn a_session_finds_its_account_until_it_expires(store) {
        let anne = add_user(&store, "anne@example.nl", Role::Aanbieder, &[]).await;
        let before = Utc::now();
        let token = store.create_session(&anne.id, TimeDelta::hours(8), false).await.unwrap();
        let now = Utc::now();
        let session = store.session(&token, now).await.unwrap().expect("a fresh session");
        assert_eq!(session.user, anne);
        assert!(!session.second_factor_done);
        assert!(session.created_at >= before - TimeDelta::milliseconds(1) && session.created_at <= now);
        assert_eq!(session.expires_at - session.created_at, TimeDelta::hours(8));

        let just_before_end = session.expires_at - TimeDelta::seconds(1);
        assert!(store.session(&token, just_before_end).await.unwrap().is_some());
        assert_eq!(store.session(&token, session.expires_at).await.unwrap(), None);
        assert_eq!(store.session(&token, session.expires_at + TimeDelta::days(1)).await.unwrap(), None);
        assert_eq!(store.session("onbekend-token", now).await.unwrap(), None);
        assert_eq!(store.session("", now).await.unwrap(), None);
    }
);

contract_test!(
    async fn every_session_has_its_own_token(store) {
        let anne = add_user(&store, "anne@example.nl", Role::Redacteur, &[]).await;
        let first = store.create_session(&anne.id, TimeDelta::hours(1), false).await.unwrap();
        let second = store.create_session(&anne.id, TimeDelta::hours(1), false).await.unwrap();
        assert_ne!(first, second);
        assert_eq!(first.len(), 43);
        store.end_session(&first).await.unwrap();
        assert_eq!(store.session(&first, Utc::now()).await.unwrap(), None);
        assert!(store.session(&second, Utc::now()).await.unwrap().is_some(), "the other session stays");
        store.end_session(&first).await.unwrap(); // twice is harmless
    }
);

contract_test!(
    async fn the_second_factor_is_noted_per_session(store) {
        let anne = add_user(&store, "anne@example.nl", Role::Beheerder, &[]).await;
        let token = store.create_session(&anne.id, TimeDelta::hours(1), false).await.unwrap();
        let other = store.create_session(&anne.id, TimeDelta::hours(1), false).await.unwrap();
        store.complete_second_factor(&token).await.unwrap();
        assert!(store.session(&token, Utc::now()).await.unwrap().unwrap().second_factor_done);
        assert!(!store.session(&other, Utc::now()).await.unwrap().unwrap().second_factor_done);
        let done = store.create_session(&anne.id, TimeDelta::hours(1), true).await.unwrap();
        assert!(store.session(&done, Utc::now()).await.unwrap().unwrap().second_factor_done);
        store.complete_second_factor("onbekend").await.unwrap();
    }
);

contract_test!(
    async fn disabling_an_account_ends_its_sessions_for_good(store) {
        let anne = add_user(&store, "anne@example.nl", Role::Aanbieder, &[]).await;
        let bert = add_user(&store, "bert@example.nl", Role::Aanbieder, &[]).await;
        let token = store.create_session(&anne.id, TimeDelta::hours(1), true).await.unwrap();
        let kept = store.create_session(&bert.id, TimeDelta::hours(1), true).await.unwrap();
        store.set_disabled(&anne.id, true).await.unwrap();
        assert_eq!(store.session(&token, Utc::now()).await.unwrap(), None);
        let error = store.create_session(&anne.id, TimeDelta::hours(1), true).await.unwrap_err();
        assert!(matches!(error, Error::NotFound { entity: EntityKind::User, .. }), "{error:?}");
        store.set_disabled(&anne.id, false).await.unwrap();
        assert_eq!(store.session(&token, Utc::now()).await.unwrap(), None, "enabling does not bring sessions back");
        assert!(store.session(&kept, Utc::now()).await.unwrap().is_some());

        let error = store.create_session(&Id::random(), TimeDelta::hours(1), false).await.unwrap_err();
        assert!(matches!(error, Error::NotFound { entity: EntityKind::User, .. }), "{error:?}");
    }
);

contract_test!(
    async fn a_session_sees_role_changes_at_once(store) {
        add_organisation(&store, "org-a").await;
        let anne = add_user(&store, "anne@example.nl", Role::Redacteur, &[]).await;
        let token = store.create_session(&anne.id, TimeDelta::hours(1), false).await.unwrap();
        store.set_role(&anne.id, Role::Aanbieder).await.unwrap();
        store.add_user_organisation(&anne.id, &id("org-a")).await.unwrap();
        let user = store.session(&token, Utc::now()).await.unwrap().unwrap().user;
        assert_eq!((user.role, user.organisations), (Role::Aanbieder, vec![id("org-a")]));
    }
);

contract_test!(
    async fn all_sessions_of_an_account_end_together_and_expired_ones_are_purged(store) {
        let anne = add_user(&store, "anne@example.nl", Role::Aanbieder, &[]).await;
        let bert = add_user(&store, "bert@example.nl", Role::Aanbieder, &[]).await;
        let a1 = store.create_session(&anne.id, TimeDelta::hours(1), false).await.unwrap();
        let a2 = store.create_session(&anne.id, TimeDelta::hours(1), false).await.unwrap();
        let b = store.create_session(&bert.id, TimeDelta::hours(1), false).await.unwrap();
        store.end_sessions_of(&anne.id).await.unwrap();
        assert_eq!(store.session(&a1, Utc::now()).await.unwrap(), None);
        assert_eq!(store.session(&a2, Utc::now()).await.unwrap(), None);
        assert!(store.session(&b, Utc::now()).await.unwrap().is_some());

        store.create_session(&bert.id, TimeDelta::minutes(1), false).await.unwrap();
        assert_eq!(store.purge_expired_sessions(Utc::now()).await.unwrap(), 0);
        let in_ten_minutes = Utc::now() + TimeDelta::minutes(10);
        assert_eq!(store.purge_expired_sessions(in_ten_minutes).await.unwrap(), 1);
        assert!(store.session(&b, Utc::now()).await.unwrap().is_some());
    }
);

contract_test!(
    async fn using_a_session_notes_when_it_was_last_seen(store) {
        let anne = add_user(&store, "anne@example.nl", Role::Aanbieder, &[]).await;
        let token = store.create_session(&anne.id, TimeDelta::hours(8), false).await.unwrap();
        let first = store.session(&token, Utc::now()).await.unwrap().unwrap();
        assert_eq!(first.last_seen_at, first.created_at);
        let later = Utc::now() + TimeDelta::hours(1);
        assert_eq!(store.session(&token, later).await.unwrap().unwrap().last_seen_at, later);
        let read_back = store.session(&token, later + TimeDelta::seconds(1)).await.unwrap().unwrap();
        assert_eq!(read_back.last_seen_at.timestamp_micros(), later.timestamp_micros());
    }
);
