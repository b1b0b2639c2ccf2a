//! HTTP load with `wrk` against an in-process server: `/api/search` with the query
//! mix, and `/health/live` as the cost of the HTTP stack alone.

use anyhow::Context;
use std::fmt::Write as _;
use std::process::Command;
use std::sync::Arc;
use wegwijs_search::{SearchIndex, SearchRequest};
use wegwijs_store::Store;
use wegwijs_web::{AppState, WebConfig};

/// Open connections of the load tool.
pub const CONNECTIONS: u32 = 16;

/// Throughput and tail latency of one endpoint.
pub struct Load {
    pub requests_per_second: f64,
    pub p99_ms: f64,
}

/// Both endpoints.
pub struct Report {
    pub search: Load,
    pub trivial: Load,
}

/// Whether `wrk` can be run.
pub fn available() -> bool {
    Command::new("wrk").arg("--version").output().is_ok()
}

/// Serves `index` on a free port and loads it.
pub async fn measure(index: Arc<SearchIndex>, mix: &[SearchRequest], seconds: u32) -> anyhow::Result<Report> {
    let store = Store::connect("sqlite::memory:").await?;
    store.migrate().await?;
    let state = AppState::new(store, index, Arc::new(WebConfig::default()), Arc::new(super::outbox_mailer()?));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(wegwijs_web::serve(state, listener, async {
        let _ = stopped.await;
    }));

    let dir = tempfile::tempdir()?;
    let paths_file = dir.path().join("paths.txt");
    let mut paths = String::new();
    for request in mix {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        query.append_pair("q", &request.text);
        if let Some(near) = &request.near {
            query.append_pair("postcode", &near.label.chars().take(4).collect::<String>());
        }
        writeln!(paths, "/api/search?{}", query.finish())?;
    }
    std::fs::write(&paths_file, paths)?;
    let script = dir.path().join("mix.lua");
    std::fs::write(
        &script,
        format!(
            "local paths = {{}}\nfor line in io.lines(\"{}\") do paths[#paths + 1] = line end\nlocal i = 0\nrequest = function()\n  i = i + 1\n  return wrk.format(\"GET\", paths[(i % #paths) + 1])\nend\n",
            paths_file.display()
        ),
    )?;
    let search = tokio::task::spawn_blocking({
        let base = base.clone();
        let script = script.clone();
        move || wrk(&base, Some(&script), seconds)
    })
    .await??;
    let trivial = tokio::task::spawn_blocking(move || wrk(&format!("{base}/health/live"), None, seconds)).await??;
    let _ = stop.send(());
    let _ = server.await;
    Ok(Report { search, trivial })
}

fn wrk(url: &str, script: Option<&std::path::Path>, seconds: u32) -> anyhow::Result<Load> {
    let mut command = Command::new("wrk");
    command.args(["-t2", &format!("-c{CONNECTIONS}"), &format!("-d{seconds}s"), "--latency"]);
    if let Some(script) = script {
        command.arg("-s").arg(script);
    }
    let output = command.arg(url).output().context("running wrk")?;
    let text = String::from_utf8_lossy(&output.stdout);
    let requests_per_second = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("Requests/sec:"))
        .and_then(|v| v.trim().parse().ok())
        .with_context(|| format!("no Requests/sec in wrk output:\n{text}"))?;
    let p99_ms = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("99%"))
        .and_then(|v| parse_duration_ms(v.trim()))
        .with_context(|| format!("no 99% latency in wrk output:\n{text}"))?;
    if text.contains("Non-2xx") {
        anyhow::bail!("some requests failed:\n{text}");
    }
    Ok(Load { requests_per_second, p99_ms })
}

fn parse_duration_ms(v: &str) -> Option<f64> {
    let (number, factor) = if let Some(n) = v.strip_suffix("us") {
        (n, 0.001)
    } else if let Some(n) = v.strip_suffix("ms") {
        (n, 1.0)
    } else if let Some(n) = v.strip_suffix('s') {
        (n, 1000.0)
    } else {
        return None;
    };
    number.parse::<f64>().ok().map(|n| n * factor)
}
