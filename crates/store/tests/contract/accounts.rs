//! Accounts: creating, finding and changing them, and checking logins with the
//! lockout after repeated wrong passwords.

use crate::fixtures::*;
use chrono::{TimeDelta, Utc};
use wegwijs_domain::{EmailAddress, Id, Role};
use wegwijs_store::{EntityKind, Error, LOCKOUT, LoginCheck, MAX_FAILED_LOGINS, MIN_PASSWORD_CHARS, NewUser};

contract_test!(
    async fn a_user_is_stored_lowercased_and_found_by_id_and_by_email_in_any_case(store) {
        add_organisation(&store, "org-b").await;
        add_organisation(&store, "org-a").await;
        let before = Utc::now() - TimeDelta::seconds(1);
        let anne = add_user(&store, "Anne.de.Vries@Example.NL", Role::Aanbieder, &["org-b", "org-a", "org-b"]).await;
        assert_eq!(anne.email.as_str(), "anne.de.vries@example.nl");
        assert_eq!(anne.name, "Naam van Anne.de.Vries@Example.NL");
        assert_eq!(anne.role, Role::Aanbieder);
        assert_eq!(anne.organisations, [id("org-a"), id("org-b")], "each once, in id order");
        assert!(anne.has_password && !anne.has_totp && !anne.disabled);
        assert!(anne.created_at >= before && anne.created_at <= Utc::now());
        assert_eq!(anne.last_login_at, None);

        assert_eq!(store.user(&anne.id).await.unwrap().as_ref(), Some(&anne));
        assert_eq!(store.user_by_email("  ANNE.de.vries@example.nl ").await.unwrap().as_ref(), Some(&anne));
        assert_eq!(store.user_by_email("anne@example.nl").await.unwrap(), None);
        assert_eq!(store.user(&Id::random()).await.unwrap(), None);

        let bert = add_user(&store, "bert@example.nl", Role::Beheerder, &[]).await;
        let aad = add_user(&store, "aad@example.nl", Role::Professional, &[]).await;
        let emails: Vec<String> = store.users().await.unwrap().iter().map(|u| u.email.to_string()).collect();
        assert_eq!(emails, ["aad@example.nl", "anne.de.vries@example.nl", "bert@example.nl"]);
        assert!(bert.organisations.is_empty() && aad.organisations.is_empty());
    }
);

contract_test!(
    async fn an_email_address_that_is_taken_in_any_case_is_a_conflict(store) {
        add_user(&store, "anne@example.nl", Role::Redacteur, &[]).await;
        let again = store.create_user(&new_user("ANNE@example.NL", Role::Professional, &[])).await.unwrap_err();
        assert!(matches!(again, Error::Conflict { .. }), "{again:?}");
        assert_eq!(store.users().await.unwrap().len(), 1);
    }
);

contract_test!(
    async fn an_unknown_organisation_is_refused_and_nothing_is_written(store) {
        add_organisation(&store, "org-a").await;
        let error =
            store.create_user(&new_user("anne@example.nl", Role::Aanbieder, &["org-a", "bestaat-niet"])).await.unwrap_err();
        match error {
            Error::UnknownReference { entity, target, target_id, .. } => {
                assert_eq!((entity, target, target_id), (EntityKind::User, EntityKind::Organisation, id("bestaat-niet")));
            }
            other => panic!("{other:?}"),
        }
        assert!(store.users().await.unwrap().is_empty());
        assert_eq!(store.user_by_email("anne@example.nl").await.unwrap(), None);
    }
);

contract_test!(
    async fn a_short_password_is_refused_and_a_user_without_one_cannot_log_in(store) {
        let mut new = new_user("anne@example.nl", Role::Professional, &[]);
        new.password = Some("a".repeat(MIN_PASSWORD_CHARS - 1));
        let error = store.create_user(&new).await.unwrap_err();
        assert!(matches!(error, Error::WeakPassword { min_chars: MIN_PASSWORD_CHARS }), "{error:?}");
        assert!(store.users().await.unwrap().is_empty());

        new.password = None;
        let anne = store.create_user(&new).await.unwrap();
        assert!(!anne.has_password);
        for attempt in ["", PASSWORD, "a"] {
            assert_eq!(store.check_login("anne@example.nl", attempt, Utc::now()).await.unwrap(), LoginCheck::Rejected);
        }
        let error = store.set_password(&anne.id, "te kort").await.unwrap_err();
        assert!(matches!(error, Error::WeakPassword { .. }), "{error:?}");
        store.set_password(&anne.id, PASSWORD).await.unwrap();
        assert!(matches!(store.check_login("anne@example.nl", PASSWORD, Utc::now()).await.unwrap(), LoginCheck::Accepted(_)));
    }
);

contract_test!(
    async fn providers_of_an_organisation_and_editors_are_listed_when_enabled(store) {
        add_organisation(&store, "org-a").await;
        add_organisation(&store, "org-b").await;
        let zoe = add_user(&store, "zoe@example.nl", Role::Aanbieder, &["org-a"]).await;
        let anne = add_user(&store, "anne@example.nl", Role::Aanbieder, &["org-a", "org-b"]).await;
        add_user(&store, "bob@example.nl", Role::Aanbieder, &["org-b"]).await;
        let gone = add_user(&store, "gone@example.nl", Role::Aanbieder, &["org-a"]).await;
        store.set_disabled(&gone.id, true).await.unwrap();
        // Not a provider, though linked: editors do not get providers' mail.
        let editor = add_user(&store, "ed@example.nl", Role::Redacteur, &["org-a"]).await;
        let admin = add_user(&store, "admin@example.nl", Role::Beheerder, &[]).await;
        let old_admin = add_user(&store, "old@example.nl", Role::Beheerder, &[]).await;
        store.set_disabled(&old_admin.id, true).await.unwrap();
        add_user(&store, "prof@example.nl", Role::Professional, &[]).await;

        let providers: Vec<Id> = store.users_of_organisation(&id("org-a")).await.unwrap().into_iter().map(|u| u.id).collect();
        assert_eq!(providers, [anne.id, zoe.id]);
        let editors: Vec<Id> = store.editors().await.unwrap().into_iter().map(|u| u.id).collect();
        assert_eq!(editors, [admin.id, editor.id]);
    }
);

contract_test!(
    async fn role_organisations_and_second_factor_can_be_changed(store) {
        add_organisation(&store, "org-a").await;
        let anne = add_user(&store, "anne@example.nl", Role::Professional, &[]).await;
        store.set_role(&anne.id, Role::Aanbieder).await.unwrap();
        store.add_user_organisation(&anne.id, &id("org-a")).await.unwrap();
        store.add_user_organisation(&anne.id, &id("org-a")).await.unwrap();
        let changed = store.user(&anne.id).await.unwrap().unwrap();
        assert_eq!((changed.role, changed.organisations.clone()), (Role::Aanbieder, vec![id("org-a")]));

        let error = store.add_user_organisation(&anne.id, &id("org-x")).await.unwrap_err();
        assert!(matches!(error, Error::UnknownReference { .. }), "{error:?}");
        assert!(store.remove_user_organisation(&anne.id, &id("org-a")).await.unwrap());
        assert!(!store.remove_user_organisation(&anne.id, &id("org-a")).await.unwrap());
        assert!(store.user(&anne.id).await.unwrap().unwrap().organisations.is_empty());

        assert_eq!(store.totp_secret(&anne.id).await.unwrap(), None);
        store.set_totp_secret(&anne.id, Some("JBSWY3DPEHPK3PXP")).await.unwrap();
        assert_eq!(store.totp_secret(&anne.id).await.unwrap().as_deref(), Some("JBSWY3DPEHPK3PXP"));
        assert!(store.user(&anne.id).await.unwrap().unwrap().has_totp);
        store.set_totp_secret(&anne.id, None).await.unwrap();
        assert!(!store.user(&anne.id).await.unwrap().unwrap().has_totp);

        let nobody = Id::random();
        let not_found = |e: Error| matches!(e, Error::NotFound { entity: EntityKind::User, .. });
        assert!(not_found(store.set_role(&nobody, Role::Beheerder).await.unwrap_err()));
        assert!(not_found(store.set_disabled(&nobody, true).await.unwrap_err()));
        assert!(not_found(store.set_password(&nobody, PASSWORD).await.unwrap_err()));
        assert!(not_found(store.set_totp_secret(&nobody, Some("x")).await.unwrap_err()));
        assert!(not_found(store.add_user_organisation(&nobody, &id("org-a")).await.unwrap_err()));
        assert_eq!(store.totp_secret(&nobody).await.unwrap(), None);
    }
);

contract_test!(
    async fn a_login_is_accepted_only_with_the_right_password_of_an_enabled_account(store) {
        let anne = add_user(&store, "anne@example.nl", Role::Redacteur, &[]).await;
        let now = Utc::now();
        match store.check_login(" Anne@Example.nl", PASSWORD, now).await.unwrap() {
            LoginCheck::Accepted(user) => {
                assert_eq!(user.id, anne.id);
                assert_eq!(user.last_login_at.map(|t| t.timestamp_micros()), Some(now.timestamp_micros()));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(store.check_login("anne@example.nl", "fout wachtwoord!", now).await.unwrap(), LoginCheck::Rejected);
        assert_eq!(store.check_login("niemand@example.nl", PASSWORD, now).await.unwrap(), LoginCheck::Rejected);
        assert_eq!(store.check_login("", "", now).await.unwrap(), LoginCheck::Rejected);

        store.set_disabled(&anne.id, true).await.unwrap();
        assert_eq!(store.check_login("anne@example.nl", PASSWORD, now).await.unwrap(), LoginCheck::Disabled);
        assert_eq!(store.check_login("anne@example.nl", "fout wachtwoord!", now).await.unwrap(), LoginCheck::Rejected);
        store.set_disabled(&anne.id, false).await.unwrap();
        assert!(matches!(store.check_login("anne@example.nl", PASSWORD, now).await.unwrap(), LoginCheck::Accepted(_)));
    }
);

/// Tries `n` wrong passwords at `now`, each rejected.
async fn wrong(store: &wegwijs_store::Store, n: i64, now: chrono::DateTime<Utc>) {
    for _ in 0..n {
        assert_eq!(
            store.check_login("anne@example.nl", "verkeerd wachtwoord", now).await.unwrap(),
            LoginCheck::Rejected
        );
    }
}

contract_test!(
    async fn five_wrong_passwords_lock_the_account_for_a_while_and_four_do_not(store) {
        add_user(&store, "anne@example.nl", Role::Redacteur, &[]).await;
        let now = Utc::now();
        wrong(&store, MAX_FAILED_LOGINS - 1, now).await;
        // A right password resets the count: four more wrong ones still do not lock.
        assert!(matches!(store.check_login("anne@example.nl", PASSWORD, now).await.unwrap(), LoginCheck::Accepted(_)));
        wrong(&store, MAX_FAILED_LOGINS - 1, now).await;
        assert!(matches!(store.check_login("anne@example.nl", PASSWORD, now).await.unwrap(), LoginCheck::Accepted(_)));

        wrong(&store, MAX_FAILED_LOGINS, now).await;
        let locked = store.check_login("anne@example.nl", PASSWORD, now).await.unwrap();
        let LoginCheck::Locked { until } = locked else { panic!("{locked:?}") };
        assert_eq!(until.timestamp_micros(), (now + LOCKOUT).timestamp_micros());
        let almost = now + LOCKOUT - TimeDelta::seconds(1);
        assert!(matches!(store.check_login("anne@example.nl", PASSWORD, almost).await.unwrap(), LoginCheck::Locked { .. }));

        let later = now + LOCKOUT + TimeDelta::seconds(1);
        assert!(matches!(store.check_login("anne@example.nl", PASSWORD, later).await.unwrap(), LoginCheck::Accepted(_)));
        // The lock started the count afresh.
        wrong(&store, MAX_FAILED_LOGINS - 1, later).await;
        assert!(matches!(store.check_login("anne@example.nl", PASSWORD, later).await.unwrap(), LoginCheck::Accepted(_)));
    }
);

contract_test!(
    async fn wrong_passwords_tried_at_the_same_time_each_count(store) {
        add_user(&store, "anne@example.nl", Role::Redacteur, &[]).await;
        let now = Utc::now();
        let attempts = (0..MAX_FAILED_LOGINS).map(|_| {
            let store = store.clone();
            tokio::spawn(async move { store.check_login("anne@example.nl", "verkeerd wachtwoord", now).await.unwrap() })
        });
        for attempt in attempts.collect::<Vec<_>>() {
            assert_eq!(attempt.await.unwrap(), LoginCheck::Rejected);
        }
        assert!(matches!(store.check_login("anne@example.nl", PASSWORD, now).await.unwrap(), LoginCheck::Locked { .. }));
    }
);

contract_test!(
    async fn a_new_password_lifts_the_lock_ends_sessions_and_replaces_the_old_one(store) {
        let anne = add_user(&store, "anne@example.nl", Role::Aanbieder, &[]).await;
        let token = store.create_session(&anne.id, TimeDelta::hours(8), false).await.unwrap();
        let now = Utc::now();
        wrong(&store, MAX_FAILED_LOGINS, now).await;
        assert!(matches!(store.check_login("anne@example.nl", PASSWORD, now).await.unwrap(), LoginCheck::Locked { .. }));

        store.set_password(&anne.id, "een heel nieuw wachtwoord").await.unwrap();
        assert_eq!(store.session(&token, now).await.unwrap(), None, "whoever had the old password is out");
        assert_eq!(store.check_login("anne@example.nl", PASSWORD, now).await.unwrap(), LoginCheck::Rejected);
        let check = store.check_login("anne@example.nl", "een heel nieuw wachtwoord", now).await.unwrap();
        assert!(matches!(check, LoginCheck::Accepted(_)), "{check:?}");
    }
);

/// The clear password must be nowhere: not in the users table, not in any file of the
/// SQLite database (main file and write-ahead log), nor the session token.
async fn no_clear_secret_is_stored(db: &crate::harness::TestDb) {
    use sqlx::Row;
    let store = &db.store;
    let secret = "Geheim-wachtwoord-8f3a2c";
    let anne = store
        .create_user(&NewUser {
            email: EmailAddress::parse("anne@example.nl").unwrap(),
            name: "Anne".into(),
            role: Role::Beheerder,
            organisations: vec![],
            password: Some(secret.into()),
        })
        .await
        .unwrap();
    let token = store.create_session(&anne.id, TimeDelta::hours(1), true).await.unwrap();

    let mut raw = db.raw().await;
    let rows = sqlx::query("SELECT * FROM users").fetch_all(&mut raw).await.unwrap();
    assert_eq!(rows.len(), 1);
    let hash: String = rows[0].try_get("password_hash").unwrap();
    assert!(hash.starts_with("$argon2id$v=19$"), "{hash}");
    for column in 0..rows[0].len() {
        if let Ok(Some(text)) = rows[0].try_get::<Option<String>, _>(column) {
            assert!(!text.contains(secret), "column {column} holds the password");
        }
    }
    let (stored,): (String,) = sqlx::query_as("SELECT token_hash FROM sessions").fetch_one(&mut raw).await.unwrap();
    assert_ne!(stored, token);
    assert_eq!(stored.len(), 64);

    if let Some(dir) = db.sqlite_dir() {
        let mut files = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let bytes = std::fs::read(entry.unwrap().path()).unwrap();
            files += 1;
            for needle in [secret.as_bytes(), token.as_bytes()] {
                assert!(!bytes.windows(needle.len()).any(|w| w == needle), "a database file holds a clear secret");
            }
        }
        assert!(files >= 2, "the database file and its write-ahead log were read");
    }
}

#[tokio::test]
async fn no_clear_password_or_token_is_stored_sqlite() {
    let db = crate::harness::TestDb::sqlite().await;
    no_clear_secret_is_stored(&db).await;
    db.finish().await;
}

#[tokio::test]
async fn no_clear_password_or_token_is_stored_postgres() {
    let db = crate::harness::TestDb::postgres().await;
    no_clear_secret_is_stored(&db).await;
    db.finish().await;
}
