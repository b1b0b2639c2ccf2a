//! The website in a real browser: `wegwijs serve --demo` on a fresh SQLite database, then
//! `node browser/check.mjs` (headless Chromium, axe-core on every page type at 1280 and
//! 375 px, keyboard-only flows; see `browser/`). Needs `npm ci --prefix browser` and
//! Debian's `chromium`; without them the test is skipped, except in CI (`CI` set).

use crate::helpers::TestDb;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

const CHROMIUM: &str = "/usr/bin/chromium";

/// The running server; killed when the test ends, also when it fails.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// What the browser check needs and is not there, each with how to install it.
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

/// Starts `wegwijs serve --demo` on a free port; returns the server and its address. The
/// server's log is collected in the background so that it never blocks on a full pipe.
fn serve(db: &TestDb) -> (Server, String, Arc<Mutex<String>>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_wegwijs"))
        .args(["serve", "--demo", "--addr", "127.0.0.1:0"])
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
fn every_page_passes_axe_and_the_keyboard_flows_in_chromium() {
    let root = repository_root();
    let missing = missing_tools(&root);
    if !missing.is_empty() {
        let list = missing.join("\n  ");
        assert!(
            std::env::var_os("CI").is_none(),
            "the browser check cannot run in CI; install what is missing:\n  {list}"
        );
        eprintln!("note: browser check skipped; to run it, install:\n  {list}");
        return;
    }

    let db = TestDb::sqlite();
    let (server, address, log) = serve(&db);
    let output = Command::new("node")
        .arg("browser/check.mjs")
        .current_dir(&root)
        .env("WEGWIJS_URL", format!("http://{address}"))
        .output()
        .expect("node runs");
    drop(server);

    println!("{}", String::from_utf8_lossy(&output.stdout));
    eprintln!("{}", String::from_utf8_lossy(&output.stderr));
    assert!(
        output.status.success(),
        "the browser check failed ({}); its report is above. Server log:\n{}",
        output.status,
        log.lock().unwrap()
    );
}
