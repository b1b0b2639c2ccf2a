//! The editorial flow in a real browser: invite → claim → edit → review → publish → found
//! by search, and a rejection that arrives by mail. `wegwijs serve --demo` sends its mail
//! to a real SMTP server (`SmtpSink`), and `node browser/editorial.mjs` clicks and types
//! through the flow in headless Chromium, reads the mails from the sink's maildir and runs
//! axe-core on every page it visits. Needs what `browser.rs` needs plus aiosmtpd; without
//! them the test is skipped, except in CI (`CI` set).

use crate::helpers::TestDb;
use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use wegwijs_mail::testing::SmtpSink;

const CHROMIUM: &str = "/usr/bin/chromium";
const EDITOR: &str = "redactie@wegwijs.test";
const PASSWORD: &str = "koffie met de redactie";
/// The script gives up after 100 s by itself; this is for a browser that hangs.
const NODE_PATIENCE: Duration = Duration::from_secs(115);

/// The running server; killed when the test ends, also when it fails.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `node` in a process group of its own: when it has to be stopped, the Chromium it
/// started is stopped with it.
struct Node(Child);

impl Drop for Node {
    fn drop(&mut self) {
        if matches!(self.0.try_wait(), Ok(None)) {
            let group = format!("-{}", self.0.id());
            let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        }
        let _ = self.0.wait();
    }
}

impl Node {
    /// Waits for the script to end; `None` when it ran out of time (it is then killed).
    fn wait(mut self, patience: Duration) -> Option<ExitStatus> {
        let start = Instant::now();
        loop {
            if let Some(status) = self.0.try_wait().expect("node can be waited for") {
                return Some(status);
            }
            if start.elapsed() > patience {
                return None;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// What the browser test needs and is not there, each with how to install it.
fn missing_tools(root: &Path) -> Vec<String> {
    let mut missing = Vec::new();
    if !Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success()) {
        missing.push("node (apt-get install -y nodejs npm)".to_owned());
    }
    if !root.join("browser/node_modules/playwright-core").is_dir()
        || !root.join("browser/node_modules/axe-core").is_dir()
    {
        missing.push("browser/node_modules (npm ci --prefix browser --no-audit --no-fund)".to_owned());
    }
    if !Path::new(CHROMIUM).exists() {
        missing.push(format!("{CHROMIUM} (apt-get install -y --no-install-recommends chromium)"));
    }
    missing
}

/// Starts `wegwijs serve --demo` on a free port, sending mail to `smtp_url`; returns the
/// server, its address and its log, collected in the background so that it never blocks.
fn serve(db: &TestDb, smtp_url: &str) -> (Server, String, Arc<Mutex<String>>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_wegwijs"))
        .args(["serve", "--demo", "--demo-scale", "100", "--addr", "127.0.0.1:0", "--smtp-url", smtp_url])
        .env("WEGWIJS_DATABASE_URL", &db.url)
        .env("WEGWIJS_OUTBOX", db.outbox())
        .env("WEGWIJS_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let server = Server(child);
    let log = Arc::new(Mutex::new(String::new()));
    let address = loop {
        let mut line = String::new();
        let read = stderr.read_line(&mut line).unwrap();
        log.lock().unwrap().push_str(&line);
        assert!(read > 0, "the server exited before it listened:\n{}", log.lock().unwrap());
        if let Some(rest) = line.split("open http://").nth(1) {
            break rest.split('/').next().unwrap().to_owned();
        }
    };
    let sink = Arc::clone(&log);
    std::thread::spawn(move || {
        for line in stderr.lines().map_while(Result::ok) {
            let mut log = sink.lock().unwrap();
            log.push_str(&line);
            log.push('\n');
        }
    });
    (server, address, log)
}

#[test]
fn invite_claim_edit_review_publish_and_reject_in_chromium_with_real_mail() {
    let root = repository_root();
    let missing = missing_tools(&root);
    if !missing.is_empty() {
        let list = missing.join("\n  ");
        assert!(
            std::env::var_os("CI").is_none(),
            "the browser test of the editorial flow cannot run in CI; install what is missing:\n  {list}"
        );
        eprintln!("note: browser test of the editorial flow skipped; to run it, install:\n  {list}");
        return;
    }
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

    let (server, address, log) = serve(&db, &mail.url());
    // The report goes to files, so that a long one never blocks the script on a full pipe.
    let (report, errors) = (db.path("editorial.out"), db.path("editorial.err"));
    let node = Node(
        Command::new("node")
            .arg("browser/editorial.mjs")
            .current_dir(&root)
            .env("WEGWIJS_URL", format!("http://{address}"))
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
    drop(server);

    println!("{}", std::fs::read_to_string(&report).unwrap_or_default());
    eprintln!("{}", std::fs::read_to_string(&errors).unwrap_or_default());
    let outcome = status.map_or_else(|| format!("stopped after {} s", NODE_PATIENCE.as_secs()), |s| s.to_string());
    assert!(
        status.is_some_and(|s| s.success()),
        "the editorial flow in the browser failed ({outcome}); its report is above. Server log:\n{}",
        log.lock().unwrap()
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
