//! The editorial flow in a real browser: invite → claim → edit → review → publish → found
//! by search, and a rejection that arrives by mail. `wegwijs serve --demo` sends its mail
//! to a real SMTP server (`SmtpSink`), and `node browser/editorial.mjs` clicks and types
//! through the flow in headless Chromium, reads the mails from the sink's maildir and runs
//! axe-core on every page it visits. Needs what `browser.rs` needs plus aiosmtpd; without
//! them the test is skipped, except in CI (`CI` set).

use crate::browser_support::{Node, browser_tools_present, repository_root, serve};
use crate::helpers::TestDb;
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::Duration;
use wegwijs_mail::testing::SmtpSink;

const EDITOR: &str = "redactie@wegwijs.test";
const PASSWORD: &str = "koffie met de redactie";
/// The script gives up after 100 s by itself; this is for a browser that hangs.
const NODE_PATIENCE: Duration = Duration::from_secs(115);

#[test]
fn invite_claim_edit_review_publish_and_reject_in_chromium_with_real_mail() {
    if !browser_tools_present("the browser test of the editorial flow") {
        return;
    }
    let root = repository_root();
    // `None` (with a note) when aiosmtpd is missing outside CI; in CI it panics.
    let Some(mail) = SmtpSink::start() else { return };

    let db = TestDb::sqlite();
    let editor = Command::new(env!("CARGO_BIN_EXE_wegwijs"))
        .args(["user", "add", "--email", EDITOR, "--name", "Redactie Teylingen", "--role", "redacteur"])
        .env("WEGWIJS_DATABASE_URL", &db.url)
        .env("WEGWIJS_PASSWORD", PASSWORD)
        .env("WEGWIJS_LOG", "warn")
        .stdin(Stdio::null())
        .output()
        .expect("the wegwijs binary runs");
    assert!(editor.status.success(), "wegwijs user add failed:\n{}", String::from_utf8_lossy(&editor.stderr));

    let server = serve(&db, &["--demo-scale", "100", "--smtp-url", &mail.url()]);
    // The report goes to files, so that a long one never blocks the script on a full pipe.
    let (report, errors) = (db.path("editorial.out"), db.path("editorial.err"));
    let node = Node(
        Command::new("node")
            .arg("browser/editorial.mjs")
            .current_dir(&root)
            .env("WEGWIJS_URL", format!("http://{}", server.address))
            .env("WEGWIJS_MAILDIR", mail.maildir())
            .env("WEGWIJS_EDITOR_EMAIL", EDITOR)
            .env("WEGWIJS_EDITOR_PASSWORD", PASSWORD)
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(&report).unwrap())
            .stderr(std::fs::File::create(&errors).unwrap())
            .process_group(0)
            .spawn()
            .expect("node runs"),
    );
    let status = node.wait(NODE_PATIENCE);
    let log = server.log();
    drop(server);

    println!("{}", std::fs::read_to_string(&report).unwrap_or_default());
    eprintln!("{}", std::fs::read_to_string(&errors).unwrap_or_default());
    let outcome = status.map_or_else(|| format!("stopped after {} s", NODE_PATIENCE.as_secs()), |s| s.to_string());
    assert!(
        status.is_some_and(|s| s.success()),
        "the editorial flow in the browser failed ({outcome}); its report is above. Server log:\n{log}"
    );
    // What the script read in the maildir, read once more with this side's mail parser
    // (the message is the one editorial.mjs types).
    let received = mail.received();
    let rejection = received.iter().find(|m| m.subject.contains("niet overgenomen"));
    assert!(
        rejection.is_some_and(|m| m.body.contains("Gebruik gewone woorden")),
        "no rejection mail with the editor's message in the maildir: {received:#?}"
    );
}
