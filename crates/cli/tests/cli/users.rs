//! `wegwijs user add | list | disable`: what an administrator types to make the first
//! accounts, and the clear refusals when something is wrong.

use crate::helpers::{TestDb, stderr};
use std::process::Output;

const PASSWORD: &str = "correct paard batterij";

/// Runs `wegwijs` with the password in `WEGWIJS_PASSWORD` (`None`: not set).
fn run(db: &TestDb, password: Option<&str>, args: &[&str]) -> Output {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_wegwijs"));
    command.args(args).env("WEGWIJS_DATABASE_URL", &db.url).env("WEGWIJS_LOG", "warn").env_remove("WEGWIJS_PASSWORD");
    if let Some(password) = password {
        command.env("WEGWIJS_PASSWORD", password);
    }
    // No terminal: a password prompt must fail, not wait.
    command.stdin(std::process::Stdio::null()).output().expect("the wegwijs binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Runs a command that must fail, and returns its message.
fn refused(db: &TestDb, password: Option<&str>, args: &[&str]) -> String {
    let output = run(db, password, args);
    assert!(!output.status.success(), "wegwijs {args:?} succeeded:\n{}", stdout(&output));
    stderr(&output)
}

/// The id of an organisation of the demo data.
fn some_organisation(db: &TestDb) -> String {
    db.run_ok(&["demo", "--scale", "100"]);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let store = wegwijs_store::Store::connect(&db.url).await.unwrap();
        let first = store.organisations(wegwijs_store::Page::first(1)).await.unwrap().remove(0);
        store.close().await;
        first.id.to_string()
    })
}

/// The lines of `wegwijs user list` after the header.
fn listed(db: &TestDb) -> Vec<String> {
    let output = run(db, None, &["user", "list"]);
    assert!(output.status.success(), "{}", stderr(&output));
    stdout(&output).lines().skip(1).map(str::to_owned).collect()
}

#[test]
fn accounts_are_added_listed_disabled_and_enabled() {
    let db = TestDb::sqlite();
    let org = some_organisation(&db);
    let empty = run(&db, None, &["user", "list"]);
    assert!(stdout(&empty).contains("No accounts yet"), "{}", stdout(&empty));

    let admin = run(
        &db,
        Some(PASSWORD),
        &["user", "add", "--email", "Beheer@Gemeente.nl", "--name", "Anne de Vries", "--role", "beheerder"],
    );
    assert!(admin.status.success(), "{}", stderr(&admin));
    let id = stdout(&admin).trim().to_owned();
    assert_eq!(id.len(), 36, "the new id is printed: {id}");
    let args = [
        "user",
        "add",
        "--email",
        "info@aanbieder.nl",
        "--name",
        "Bert",
        "--role",
        "aanbieder",
        "--organisation",
        &org,
    ];
    let provider = run(&db, Some(PASSWORD), &args);
    assert!(provider.status.success(), "{}", stderr(&provider));

    let lines = listed(&db);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].starts_with("beheer@gemeente.nl"), "{lines:?}");
    assert!(lines[0].contains("Anne de Vries") && lines[0].contains("beheerder") && lines[0].ends_with("never"));
    assert!(lines[1].starts_with("info@aanbieder.nl") && lines[1].contains(&org), "{lines:?}");
    // The last three columns: disabled, 2FA, last login.
    let flags = |line: &str| {
        let words: Vec<String> = line.split_whitespace().map(str::to_owned).collect();
        words[words.len() - 3..].to_vec()
    };
    assert_eq!(flags(&lines[1]), ["no", "no", "never"]);

    let disabled = run(&db, None, &["user", "disable", "BEHEER@gemeente.nl"]);
    assert!(disabled.status.success(), "{}", stderr(&disabled));
    assert_eq!(flags(&listed(&db)[0])[0], "yes", "disabled");
    let enabled = run(&db, None, &["user", "disable", "--enable", "beheer@gemeente.nl"]);
    assert!(enabled.status.success(), "{}", stderr(&enabled));
    assert_eq!(flags(&listed(&db)[0])[0], "no");

    let message = refused(&db, None, &["user", "disable", "niemand@gemeente.nl"]);
    assert!(message.contains("no account") && message.contains("niemand@gemeente.nl"), "{message}");
}

#[test]
fn a_duplicate_email_address_is_refused_in_any_case() {
    let db = TestDb::sqlite();
    let add = ["user", "add", "--email", "anne@gemeente.nl", "--name", "Anne", "--role", "redacteur"];
    assert!(run(&db, Some(PASSWORD), &add).status.success());
    let again = ["user", "add", "--email", "ANNE@gemeente.nl", "--name", "Anne", "--role", "redacteur"];
    let message = refused(&db, Some(PASSWORD), &again);
    assert!(message.contains("already exists") && message.contains("ANNE@gemeente.nl"), "{message}");
    assert_eq!(listed(&db).len(), 1);
}

#[test]
fn an_unknown_role_names_the_roles_there_are() {
    let db = TestDb::sqlite();
    let message =
        refused(&db, Some(PASSWORD), &["user", "add", "--email", "a@gemeente.nl", "--name", "A", "--role", "root"]);
    assert!(message.contains("unknown role `root`") && message.contains("beheerder"), "{message}");
}

#[test]
fn a_short_password_is_refused_and_nothing_is_written() {
    let db = TestDb::sqlite();
    let add = ["user", "add", "--email", "a@gemeente.nl", "--name", "A", "--role", "beheerder"];
    let message = refused(&db, Some("elf tekens!"), &add);
    assert!(message.contains("at least 12 characters"), "{message}");
    assert!(listed(&db).is_empty());
    let spaces = refused(&db, Some(&" ".repeat(12)), &add);
    assert!(spaces.contains("at least 12 characters"), "twelve spaces are no password: {spaces}");
    assert!(listed(&db).is_empty());
}

#[test]
fn without_a_terminal_or_password_variable_the_password_cannot_be_asked() {
    let db = TestDb::sqlite();
    let message =
        refused(&db, None, &["user", "add", "--email", "a@gemeente.nl", "--name", "A", "--role", "beheerder"]);
    assert!(message.contains("WEGWIJS_PASSWORD"), "{message}");
    assert!(listed(&db).is_empty());
}

#[test]
fn a_provider_needs_an_organisation_that_exists() {
    let db = TestDb::sqlite();
    let base = ["user", "add", "--email", "a@aanbieder.nl", "--name", "A", "--role", "aanbieder"];
    let message = refused(&db, Some(PASSWORD), &base);
    assert!(message.contains("--organisation"), "{message}");

    let mut unknown = base.to_vec();
    unknown.extend(["--organisation", "bestaat-niet"]);
    let message = refused(&db, Some(PASSWORD), &unknown);
    assert!(message.contains("organisation `bestaat-niet` does not exist"), "{message}");
    assert!(listed(&db).is_empty());
}

#[test]
fn a_bad_email_address_is_refused() {
    let db = TestDb::sqlite();
    let message =
        refused(&db, Some(PASSWORD), &["user", "add", "--email", "geen-adres", "--name", "A", "--role", "beheerder"]);
    assert!(message.contains("`geen-adres` is not an e-mail address"), "{message}");
}

#[test]
fn a_new_password_can_be_set_from_the_command_line() {
    let db = TestDb::sqlite();
    let add = ["user", "add", "--email", "anne@gemeente.nl", "--name", "Anne", "--role", "beheerder"];
    let id = stdout(&run(&db, Some(PASSWORD), &add)).trim().to_owned();
    let message = refused(&db, Some("te kort"), &["user", "password", "anne@gemeente.nl"]);
    assert!(message.contains("at least 12 characters"), "{message}");
    let set = run(&db, Some("een ander lang wachtwoord"), &["user", "password", "Anne@Gemeente.nl"]);
    assert!(set.status.success(), "{}", stderr(&set));
    let message = refused(&db, Some(PASSWORD), &["user", "password", "niemand@gemeente.nl"]);
    assert!(message.contains("no account"), "{message}");

    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        use wegwijs_store::LoginCheck;
        let store = wegwijs_store::Store::connect(&db.url).await.unwrap();
        let now = chrono::Utc::now();
        assert_eq!(store.check_login("anne@gemeente.nl", PASSWORD, now).await.unwrap(), LoginCheck::Rejected);
        match store.check_login("anne@gemeente.nl", "een ander lang wachtwoord", now).await.unwrap() {
            LoginCheck::Accepted(user) => assert_eq!(user.id.as_str(), id),
            other => panic!("{other:?}"),
        }
        store.close().await;
    });
}
