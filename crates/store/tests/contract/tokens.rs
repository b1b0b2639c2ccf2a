//! One-time links (password resets, invitations): usable once, before they expire,
//! and only for their own purpose.

use crate::fixtures::*;
use chrono::{TimeDelta, Utc};
use wegwijs_domain::{EmailAddress, Role};
use wegwijs_store::{NewToken, TokenPurpose};

fn invitation(email: &str, organisation: &str, by: &wegwijs_domain::Id) -> NewToken {
    NewToken {
        purpose: TokenPurpose::Invitation,
        email: EmailAddress::parse(email).unwrap(),
        user_id: None,
        organisation_id: Some(id(organisation)),
        created_by: Some(by.clone()),
        lifetime: TimeDelta::days(7),
    }
}

contract_test!(
    async fn a_token_can_be_looked_at_often_but_used_once(store) {
        add_organisation(&store, "org-a").await;
        let editor = add_user(&store, "ed@example.nl", Role::Redacteur, &[]).await;
        let before = Utc::now() - TimeDelta::seconds(1);
        let token = store.create_token(&invitation("Nieuw@Aanbieder.nl", "org-a", &editor.id)).await.unwrap();
        assert_eq!(token.len(), 43);
        let now = Utc::now();

        for _ in 0..2 {
            let peeked = store.peek_token(&token, TokenPurpose::Invitation, now).await.unwrap().expect("usable");
            assert_eq!(peeked.email.as_str(), "Nieuw@aanbieder.nl");
            assert_eq!(peeked.organisation_id, Some(id("org-a")));
            assert_eq!(peeked.created_by.as_ref(), Some(&editor.id));
            assert_eq!(peeked.user_id, None);
            assert_eq!(peeked.used_at, None);
            assert!(peeked.created_at >= before);
            assert_eq!(peeked.expires_at - peeked.created_at, TimeDelta::days(7));
        }
        let used = store.use_token(&token, TokenPurpose::Invitation, now).await.unwrap().expect("first use");
        assert_eq!(used.used_at.map(|t| t.timestamp_micros()), Some(now.timestamp_micros()));
        assert_eq!(used.purpose, TokenPurpose::Invitation);
        assert_eq!(store.use_token(&token, TokenPurpose::Invitation, now).await.unwrap(), None, "used already");
        assert_eq!(store.peek_token(&token, TokenPurpose::Invitation, now).await.unwrap(), None);
        assert_eq!(store.use_token("onbekend", TokenPurpose::Invitation, now).await.unwrap(), None);
    }
);

contract_test!(
    async fn an_expired_token_cannot_be_used(store) {
        let anne = add_user(&store, "anne@example.nl", Role::Aanbieder, &[]).await;
        let reset = NewToken {
            purpose: TokenPurpose::PasswordReset,
            email: anne.email.clone(),
            user_id: Some(anne.id.clone()),
            organisation_id: None,
            created_by: None,
            lifetime: TimeDelta::hours(1),
        };
        let token = store.create_token(&reset).await.unwrap();
        let expired = Utc::now() + TimeDelta::hours(1) + TimeDelta::seconds(1);
        assert_eq!(store.peek_token(&token, TokenPurpose::PasswordReset, expired).await.unwrap(), None);
        assert_eq!(store.use_token(&token, TokenPurpose::PasswordReset, expired).await.unwrap(), None);
        // Trying after the end did not use it up: it simply no longer works.
        let within = store.use_token(&token, TokenPurpose::PasswordReset, Utc::now()).await.unwrap();
        assert_eq!(within.and_then(|t| t.user_id), Some(anne.id));
    }
);

contract_test!(
    async fn a_token_only_works_for_its_own_purpose(store) {
        add_organisation(&store, "org-a").await;
        let editor = add_user(&store, "ed@example.nl", Role::Redacteur, &[]).await;
        let token = store.create_token(&invitation("nieuw@example.nl", "org-a", &editor.id)).await.unwrap();
        let now = Utc::now();
        assert_eq!(store.peek_token(&token, TokenPurpose::PasswordReset, now).await.unwrap(), None);
        assert_eq!(store.use_token(&token, TokenPurpose::PasswordReset, now).await.unwrap(), None);
        assert!(store.use_token(&token, TokenPurpose::Invitation, now).await.unwrap().is_some(), "not used up");
    }
);

contract_test!(
    async fn of_two_uses_at_the_same_time_exactly_one_succeeds(store) {
        add_organisation(&store, "org-a").await;
        let editor = add_user(&store, "ed@example.nl", Role::Redacteur, &[]).await;
        let token = store.create_token(&invitation("nieuw@example.nl", "org-a", &editor.id)).await.unwrap();
        let uses: Vec<_> = (0..4)
            .map(|_| {
                let (store, token) = (store.clone(), token.clone());
                tokio::spawn(async move { store.use_token(&token, TokenPurpose::Invitation, Utc::now()).await.unwrap() })
            })
            .collect();
        let mut succeeded = 0;
        for used in uses {
            succeeded += usize::from(used.await.unwrap().is_some());
        }
        assert_eq!(succeeded, 1);
    }
);

contract_test!(
    async fn invitations_are_listed_newest_first_used_or_not(store) {
        add_organisation(&store, "org-a").await;
        let editor = add_user(&store, "ed@example.nl", Role::Redacteur, &[]).await;
        let mut tokens = Vec::new();
        for n in 0..3 {
            let email = format!("nieuw{n}@example.nl");
            tokens.push(store.create_token(&invitation(&email, "org-a", &editor.id)).await.unwrap());
            tokio::time::sleep(std::time::Duration::from_millis(2)).await;
        }
        store
            .create_token(&NewToken {
                purpose: TokenPurpose::PasswordReset,
                email: editor.email.clone(),
                user_id: Some(editor.id.clone()),
                organisation_id: None,
                created_by: None,
                lifetime: TimeDelta::hours(1),
            })
            .await
            .unwrap();
        store.use_token(&tokens[1], TokenPurpose::Invitation, Utc::now()).await.unwrap().unwrap();
        let listed = store.invitations().await.unwrap();
        let emails: Vec<&str> = listed.iter().map(|t| t.email.as_str()).collect();
        assert_eq!(emails, ["nieuw2@example.nl", "nieuw1@example.nl", "nieuw0@example.nl"]);
        assert_eq!(listed.iter().map(|t| t.used_at.is_some()).collect::<Vec<_>>(), [false, true, false]);

        assert_eq!(store.purge_expired_tokens(Utc::now()).await.unwrap(), 0);
        assert_eq!(store.purge_expired_tokens(Utc::now() + TimeDelta::days(8)).await.unwrap(), 4);
        assert!(store.invitations().await.unwrap().is_empty());
    }
);

contract_test!(
    async fn disabling_an_account_stops_its_password_links(store) {
        let anne = add_user(&store, "anne@example.nl", Role::Redacteur, &[]).await;
        let reset = NewToken {
            purpose: TokenPurpose::PasswordReset,
            email: anne.email.clone(),
            user_id: Some(anne.id.clone()),
            organisation_id: None,
            created_by: None,
            lifetime: TimeDelta::days(7),
        };
        let token = store.create_token(&reset).await.unwrap();
        store.set_disabled(&anne.id, true).await.unwrap();
        store.set_disabled(&anne.id, false).await.unwrap();
        let now = Utc::now();
        assert_eq!(store.peek_token(&token, TokenPurpose::PasswordReset, now).await.unwrap(), None);
        assert_eq!(store.use_token(&token, TokenPurpose::PasswordReset, now).await.unwrap(), None);
    }
);
