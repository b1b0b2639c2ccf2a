//! The website in a real browser: `wegwijs serve --demo` on a fresh SQLite database, then
//! `node browser/check.mjs` (headless Chromium, axe-core on every page type at 1280 and
//! 375 px, keyboard-only flows; see `browser/`). Needs `npm ci --prefix browser` and
//! Debian's `chromium`; without them the test is skipped, except in CI (`CI` set).

use crate::browser_support::{browser_tools_present, repository_root, serve};
use crate::helpers::TestDb;
use std::process::Command;

#[test]
fn every_page_passes_axe_and_the_keyboard_flows_in_chromium() {
    if !browser_tools_present("the browser check") {
        return;
    }
    let db = TestDb::sqlite();
    let server = serve(&db, &[]);
    let output = Command::new("node")
        .arg("browser/check.mjs")
        .current_dir(repository_root())
        .env("WEGWIJS_URL", format!("http://{}", server.address))
        .output()
        .expect("node runs");
    let log = server.log();
    drop(server);

    println!("{}", String::from_utf8_lossy(&output.stdout));
    eprintln!("{}", String::from_utf8_lossy(&output.stderr));
    assert!(
        output.status.success(),
        "the browser check failed ({}); its report is above. Server log:\n{log}",
        output.status
    );
}
