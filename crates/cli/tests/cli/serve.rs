//! `wegwijs serve` as an operator runs it: start, answer, stop on SIGTERM.

use crate::helpers::TestDb;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};

#[test]
fn serve_answers_and_stops_cleanly_on_sigterm() {
    let db = TestDb::sqlite();
    let mut server = Command::new(env!("CARGO_BIN_EXE_wegwijs"))
        .args(["serve", "--demo", "--demo-scale", "100", "--addr", "127.0.0.1:0", "--data-licence", "CC0 1.0"])
        .env("WEGWIJS_DATABASE_URL", &db.url)
        .env("WEGWIJS_OUTBOX", db.outbox())
        .env("WEGWIJS_LOG", "warn")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(server.stderr.take().unwrap());
    let address = loop {
        let mut line = String::new();
        assert!(stderr.read_line(&mut line).unwrap() > 0, "the server exited before it listened");
        if let Some(rest) = line.split("open http://").nth(1) {
            break rest.split('/').next().unwrap().to_owned();
        }
    };

    let mut connection = std::net::TcpStream::connect(&address).unwrap();
    connection.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = String::new();
    connection.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");

    // The search index was built at start-up, next to the database.
    let mut connection = std::net::TcpStream::connect(&address).unwrap();
    connection.write_all(b"GET /api/search?q=schulden HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = String::new();
    connection.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(!response.contains("\"total\":0"), "the demo data is searchable: {response}");
    assert!(db.path("wegwijs.db.search").is_dir());

    // The open-data licence is the operator's choice, named on the API page.
    let mut connection = std::net::TcpStream::connect(&address).unwrap();
    connection.write_all(b"GET /api HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = String::new();
    connection.read_to_string(&mut response).unwrap();
    assert!(response.contains("licentie CC0 1.0"), "{response}");

    let killed = Command::new("kill").args(["-TERM", &server.id().to_string()]).status().unwrap();
    assert!(killed.success());
    assert!(server.wait().unwrap().success(), "the server did not stop cleanly");
    // The pool was closed: SQLite folded its write-ahead log back into the database.
    assert!(db.path("wegwijs.db").exists());
    assert!(!db.path("wegwijs.db-wal").exists(), "write-ahead log left behind");
}
