//! A real SMTP server for tests: Python's `aiosmtpd` writing to a temporary maildir, so
//! tests see what a mail server really receives (headers, encodings, envelope). Enable
//! with the cargo feature `testing`.
//!
//! [`SmtpSink::start_refusing`] starts one that refuses chosen recipients the way a real
//! server refuses an unknown user, for tests of bounces; its handler is
//! `testing/refusing_sink.py`.
//!
//! Without aiosmtpd, [`SmtpSink::start`] returns `None` and the test should return early,
//! except in CI (env `CI` set), where it panics with how to install it
//! (`python3 -m pip install -r .ci/requirements.txt`).

use std::fs::File;
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use mail_parser::MessageParser;
use tempfile::TempDir;

/// How long to wait for the server to listen, and for expected mails to arrive.
const PATIENCE: Duration = Duration::from_secs(15);

/// A running aiosmtpd; stopped when dropped, also when the test fails.
pub struct SmtpSink {
    child: Child,
    address: SocketAddr,
    dir: TempDir,
}

/// The reply of [`SmtpSink::start_refusing`] to a refused recipient: what Postfix and
/// others answer for an unknown user.
pub const NO_SUCH_USER: &str = "550 5.1.1 No such user";

/// The aiosmtpd handler of `testing/refusing_sink.py`, written next to the maildir.
const REFUSING_SINK: &str = include_str!("testing/refusing_sink.py");

/// Which aiosmtpd handler class the sink runs.
enum Handler {
    /// aiosmtpd's own maildir handler.
    Mailbox,
    /// `refusing_sink.RefusingMailbox` with its `ADDRESS REPLY` arguments.
    Replying(Vec<String>),
}

/// One mail as the server received it, decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedMail {
    /// Address in the `To` header.
    pub to: String,
    /// Envelope recipients (`RCPT TO`), as the server recorded them.
    pub envelope_to: Vec<String>,
    /// Address in the `From` header.
    pub from: String,
    /// Address in the `Reply-To` header, if any.
    pub reply_to: Option<String>,
    /// Decoded subject.
    pub subject: String,
    /// Decoded text body, with `\n` line ends.
    pub body: String,
    /// The message as stored, to check headers.
    pub raw: String,
}

impl SmtpSink {
    /// Starts aiosmtpd on a free port of 127.0.0.1 and waits until it accepts connections.
    /// `None` (after a note on stderr) when aiosmtpd is not installed and `CI` is not set.
    pub fn start() -> Option<Self> {
        Self::spawn(Handler::Mailbox)
    }

    /// Like [`SmtpSink::start`], but refuses each of `addresses` at `RCPT TO` with
    /// [`NO_SUCH_USER`], as a mail server does for an address that does not exist. Mail
    /// to other addresses arrives as usual.
    pub fn start_refusing(addresses: &[&str]) -> Option<Self> {
        let replies: Vec<(&str, &str)> = addresses.iter().map(|address| (*address, NO_SUCH_USER)).collect();
        Self::start_replying(&replies)
    }

    /// Like [`SmtpSink::start`], but answers `RCPT TO` for each address (case-insensitive)
    /// with its reply, e.g. `("vol@example.nl", "452 4.2.2 Mailbox full")`. Panics when a
    /// reply is not a 4xx or 5xx reply line.
    pub fn start_replying(replies: &[(&str, &str)]) -> Option<Self> {
        let args = replies
            .iter()
            .map(|(address, reply)| {
                let code = reply.get(..3).filter(|code| code.bytes().all(|b| b.is_ascii_digit()));
                assert!(
                    code.is_some_and(|code| code.starts_with(['4', '5'])) && !reply.contains(['\r', '\n']),
                    "{reply:?} is not a 4xx or 5xx SMTP reply line"
                );
                assert!(!address.contains(char::is_whitespace), "{address:?} is not an address");
                format!("{address} {reply}")
            })
            .collect();
        Self::spawn(Handler::Replying(args))
    }

    fn spawn(handler: Handler) -> Option<Self> {
        if !aiosmtpd_installed() {
            let how = "aiosmtpd is not installed: python3 -m pip install -r .ci/requirements.txt";
            assert!(std::env::var_os("CI").is_none(), "{how}");
            eprintln!("note: skipping a test that needs a real SMTP server; {how}");
            return None;
        }
        let dir = tempfile::tempdir().expect("temporary folder for the maildir");
        let port = free_port();
        let log = File::create(dir.path().join("aiosmtpd.log")).expect("log file");
        let maildir = dir.path().join("maildir");
        let mut command = Command::new("python3");
        command.args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c"]);
        match handler {
            Handler::Mailbox => {
                command.arg("aiosmtpd.handlers.Mailbox").arg(&maildir);
            }
            Handler::Replying(replies) => {
                std::fs::write(dir.path().join("refusing_sink.py"), REFUSING_SINK).expect("handler module");
                // The module is found through PYTHONPATH, before whatever the developer has.
                let existing = std::env::var_os("PYTHONPATH").unwrap_or_default();
                let paths = std::iter::once(dir.path().to_owned())
                    .chain(std::env::split_paths(&existing).filter(|path| !path.as_os_str().is_empty()));
                command
                    .env("PYTHONPATH", std::env::join_paths(paths).expect("PYTHONPATH"))
                    .arg("refusing_sink.RefusingMailbox")
                    .arg(&maildir)
                    .args(replies);
            }
        }
        let child = command.stdin(Stdio::null()).stdout(Stdio::null()).stderr(log).spawn().expect("python3 starts");
        let mut sink = Self { child, address: SocketAddr::from((Ipv4Addr::LOCALHOST, port)), dir };
        sink.wait_until_listening();
        Some(sink)
    }

    /// Where the server listens.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The URL for `MailConfig::smtp_url`: plain SMTP, no authentication.
    pub fn url(&self) -> String {
        format!("smtp://{}", self.address)
    }

    /// The maildir the server writes to (mails arrive in its `new/` folder), for tests
    /// that read the mails with other tools, such as the browser checks.
    pub fn maildir(&self) -> PathBuf {
        self.dir.path().join("maildir")
    }

    /// Waits until at least `count` mails have arrived and returns all of them in the
    /// order received. Panics after a few seconds with what did arrive. Async, so that a
    /// server sending from a task on the test's runtime can go on meanwhile.
    pub async fn wait_for(&self, count: usize) -> Vec<ReceivedMail> {
        let start = Instant::now();
        loop {
            let mails = self.received();
            if mails.len() >= count {
                return mails;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "expected {count} mails, received {}: {mails:#?}\nserver log:\n{}",
                mails.len(),
                self.log()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The mails received so far, in the order received.
    pub fn received(&self) -> Vec<ReceivedMail> {
        let Ok(entries) = std::fs::read_dir(self.dir.path().join("maildir/new")) else { return Vec::new() };
        let mut files: Vec<(std::time::SystemTime, PathBuf)> = entries
            .filter_map(Result::ok)
            .map(|entry| (entry.metadata().and_then(|m| m.modified()).unwrap_or(std::time::UNIX_EPOCH), entry.path()))
            .collect();
        // Maildir names start with the delivery time; modification time orders within it.
        files.sort();
        files.iter().map(|(_, path)| ReceivedMail::parse(&std::fs::read(path).expect("maildir file"))).collect()
    }

    fn wait_until_listening(&mut self) {
        let start = Instant::now();
        while TcpStream::connect_timeout(&self.address, Duration::from_millis(200)).is_err() {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("aiosmtpd exited ({status}) before listening:\n{}", self.log());
            }
            assert!(start.elapsed() < PATIENCE, "aiosmtpd does not listen on {}:\n{}", self.address, self.log());
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("aiosmtpd.log")).unwrap_or_default()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn aiosmtpd_installed() -> bool {
    Command::new("python3")
        .args(["-c", "import aiosmtpd"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// A port that was free a moment ago; the small race with other processes is acceptable
/// in tests, and aiosmtpd fails loudly if it loses.
fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).and_then(|listener| listener.local_addr()).expect("free port").port()
}

impl ReceivedMail {
    /// Reads one RFC 5322 message, e.g. an outbox `.eml` file; panics when it is not one.
    /// `envelope_to` is empty unless the server recorded it.
    pub fn parse(raw: &[u8]) -> Self {
        parse(raw)
    }
}

fn parse(raw: &[u8]) -> ReceivedMail {
    let message = MessageParser::default().parse(raw).expect("the server stored a parsable message");
    let first_address = |list: Option<&mail_parser::Address<'_>>| {
        list.and_then(|list| list.first()).and_then(|addr| addr.address()).map(str::to_owned)
    };
    let envelope_to = message
        .header_raw("X-RcptTo")
        .map(|value| value.split(',').map(|rcpt| rcpt.trim().to_owned()).collect())
        .unwrap_or_default();
    ReceivedMail {
        to: first_address(message.to()).unwrap_or_default(),
        envelope_to,
        from: first_address(message.from()).unwrap_or_default(),
        reply_to: first_address(message.reply_to()),
        subject: message.subject().unwrap_or_default().to_owned(),
        body: message.body_text(0).unwrap_or_default().replace("\r\n", "\n"),
        raw: String::from_utf8_lossy(raw).into_owned(),
    }
}
