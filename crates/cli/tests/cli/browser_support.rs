//! What the real-browser tests share: the tools they need (Debian's Chromium, node and
//! the npm packages of `browser/`), the running server, and a node process that takes
//! its Chromium with it when it is stopped.

use crate::helpers::TestDb;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const CHROMIUM: &str = "/usr/bin/chromium";

/// The running server; killed when the test ends, also when it fails.
pub struct Server {
    child: Child,
    /// `127.0.0.1:port`.
    pub address: String,
    /// Everything it logged so far, collected in the background so that it never
    /// blocks on a full pipe.
    pub log: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// What the server logged, for a failure message.
    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }
}

/// `node` in a process group of its own: when it has to be stopped, the Chromium it
/// started is stopped with it.
pub struct Node(pub Child);

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
    pub fn wait(mut self, patience: Duration) -> Option<ExitStatus> {
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

pub fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// Whether the browser tools are there. Without them the test `what` is skipped with a
/// note saying how to install them, except in CI (`CI` set), where it fails.
pub fn browser_tools_present(what: &str) -> bool {
    let missing = missing_tools(&repository_root());
    if missing.is_empty() {
        return true;
    }
    let list = missing.join("\n  ");
    assert!(std::env::var_os("CI").is_none(), "{what} cannot run in CI; install what is missing:\n  {list}");
    eprintln!("note: {what} skipped; to run it, install:\n  {list}");
    false
}

/// What the browser tests need and is not there, each with how to install it.
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

/// Starts `wegwijs serve --demo --addr 127.0.0.1:0 <extra>` on `db` and waits until it
/// listens.
pub fn serve(db: &TestDb, extra: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_wegwijs"))
        .args(["serve", "--demo", "--addr", "127.0.0.1:0"])
        .args(extra)
        .env("WEGWIJS_DATABASE_URL", &db.url)
        .env("WEGWIJS_OUTBOX", db.outbox())
        .env("WEGWIJS_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let log = Arc::new(Mutex::new(String::new()));
    let mut server = Server { child, address: String::new(), log: Arc::clone(&log) };
    server.address = loop {
        let mut line = String::new();
        let read = stderr.read_line(&mut line).unwrap();
        log.lock().unwrap().push_str(&line);
        assert!(read > 0, "the server exited before it listened:\n{}", server.log());
        if let Some(rest) = line.split("open http://").nth(1) {
            break rest.split('/').next().unwrap().to_owned();
        }
    };
    std::thread::spawn(move || {
        for line in stderr.lines().map_while(Result::ok) {
            let mut log = log.lock().unwrap();
            log.push_str(&line);
            log.push('\n');
        }
    });
    server
}
