//! `wegwijs bench search`: measures the search engine on demo data — in-process
//! latency and throughput, HTTP throughput of `/api/search` next to a trivial route,
//! index build time, memory, relevance on the judged query set — and PostgreSQL
//! full-text search on the same data and queries as the baseline. Prints a Markdown
//! report for BENCHMARKS.md.

mod http;
mod judged;
mod pages;
mod postgres;
mod stats;

use anyhow::Context;
use chrono::{TimeZone, Utc};
use judged::Judged;
use stats::{Latencies, rss_mib};
use std::sync::Arc;
use std::time::Instant;
use wegwijs_demo::{DemoConfig, DemoData, generate};
use wegwijs_search::document::{ServiceRecord, TermCatalog};
use wegwijs_search::{IndexLocation, SearchIndex, SearchRequest, Vocabulary};

/// Arguments of `wegwijs bench search`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Data sizes (services), comma-separated.
    #[arg(long, value_delimiter = ',', default_values_t = [10_000usize, 100_000], value_parser = parse_size)]
    pub sizes: Vec<usize>,
    /// Times the query list is run for the in-process latency figures.
    #[arg(long, default_value_t = 20)]
    pub rounds: usize,
    /// Seconds of HTTP load per endpoint (needs `wrk` on the PATH; skipped without).
    #[arg(long, default_value_t = 10)]
    pub http_seconds: u32,
    /// PostgreSQL server for the full-text baseline (a scratch database is created
    /// and dropped); `none` skips it.
    #[arg(long, default_value = "postgres://postgres@127.0.0.1:5432/postgres")]
    pub postgres: String,
}

/// A data size: the demo generator's range.
fn parse_size(raw: &str) -> Result<usize, String> {
    let size: usize = raw.trim().parse().map_err(|_| format!("{raw:?} is not a number of services"))?;
    if (100..=200_000).contains(&size) { Ok(size) } else { Err(format!("{size} is not between 100 and 200000")) }
}

/// Which benchmark.
#[derive(Debug, clap::Subcommand)]
pub enum Bench {
    /// The search engine against PostgreSQL full-text search.
    Search(Args),
    /// Server-side rendering time and weight of the public pages.
    Pages(pages::Args),
}

/// Runs a benchmark.
pub async fn run(bench: Bench) -> anyhow::Result<()> {
    let args = match bench {
        Bench::Search(args) => args,
        Bench::Pages(args) => return pages::run(args).await,
    };
    let judged = judged::load();
    let mix = judged::query_mix(&judged);
    println!("# Search benchmark\n");
    println!(
        "Machine: {} cores; query mix: {} queries from the judged set (every kind, with and without postcode), run {} times.\n",
        std::thread::available_parallelism().map_or(0, std::num::NonZero::get),
        mix.len(),
        args.rounds
    );
    for &size in &args.sizes {
        bench_size(size, &args, &judged, &mix).await?;
    }
    Ok(())
}

async fn bench_size(size: usize, args: &Args, judged: &[Judged], mix: &[SearchRequest]) -> anyhow::Result<()> {
    println!("## {size} services\n");
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).single().context("date")?;
    let started = Instant::now();
    let data = generate(&DemoConfig { services: size, seed: 1525, now });
    let generated = started.elapsed();
    let rss_before = rss_mib();

    let index =
        Arc::new(SearchIndex::open(IndexLocation::Memory, Vocabulary::builtin(), wegwijs_domain::geo::builtin())?);
    index.set_terms(TermCatalog::new(data.terms.clone()));
    let records = records(&data);
    let started = Instant::now();
    index.start_rebuild()?;
    for chunk in records.chunks(1_000) {
        index.add_batch(chunk)?;
    }
    index.finish_rebuild(1)?;
    let build = started.elapsed();
    drop(records);
    println!("- demo data generated in {:.1} s", generated.as_secs_f64());
    println!(
        "- index build (documents + commit, in memory): **{:.1} s** for {} searchable services",
        build.as_secs_f64(),
        index.len()
    );
    println!("- RSS before the index {rss_before:.0} MiB, after {:.0} MiB (includes the demo data itself)", rss_mib());

    // Warm up, then single-threaded latency.
    for request in mix {
        index.search(request)?;
    }
    let mut latencies = Latencies::default();
    for _ in 0..args.rounds {
        for request in mix {
            let started = Instant::now();
            index.search(request)?;
            latencies.push(started.elapsed());
        }
    }
    println!(
        "- in-process latency, one thread, {} searches (typo tolerance, vocabulary, facets on): p50 **{:.2} ms**, p99 **{:.2} ms**, max {:.2} ms",
        latencies.len(),
        latencies.percentile_ms(50.0),
        latencies.percentile_ms(99.0),
        latencies.percentile_ms(100.0)
    );
    let qps = in_process_qps(&index, mix, 2, args.rounds.max(5))?;
    println!("- in-process throughput, 2 threads: **{qps:.0} searches/s**");

    let recall =
        judged::recall(judged, &data, |request| Ok(index.search(request)?.hits.into_iter().map(|h| h.id).collect()))?;
    println!("- recall@5 of the engine on the judged set: {}", recall.summary());

    if http::available() {
        let report = http::measure(index.clone(), mix, args.http_seconds).await?;
        println!(
            "- HTTP `/api/search` ({} connections, wrk on the same machine): **{:.0} req/s**, p99 {:.1} ms; trivial `/health/live`: {:.0} req/s, p99 {:.1} ms; `/api/search` reaches **{:.0}%** of the in-process rate",
            http::CONNECTIONS,
            report.search.requests_per_second,
            report.search.p99_ms,
            report.trivial.requests_per_second,
            report.trivial.p99_ms,
            100.0 * report.search.requests_per_second / qps
        );
    } else {
        println!("- HTTP: skipped (`wrk` is not installed; `apt-get install wrk`)");
    }
    println!("- RSS after searching: {:.0} MiB", rss_mib());

    if args.postgres != "none" {
        match postgres::measure(&args.postgres, size, &data, judged, mix, args.rounds).await {
            Ok(report) => {
                println!(
                    "- PostgreSQL FTS baseline (`dutch` configuration, GIN index, `websearch_to_tsquery`, `ts_rank_cd`): load + index {:.1} s; latency p50 **{:.2} ms**, p99 **{:.2} ms**; recall@5 {}",
                    report.load.as_secs_f64(),
                    report.latencies.percentile_ms(50.0),
                    report.latencies.percentile_ms(99.0),
                    report.recall.summary()
                );
                println!(
                    "- PostgreSQL time ÷ engine time: p50 {:.2}, p99 {:.2} (above 1: the engine is faster)",
                    report.latencies.percentile_ms(50.0) / latencies.percentile_ms(50.0),
                    report.latencies.percentile_ms(99.0) / latencies.percentile_ms(99.0)
                );
            }
            Err(error) => println!("- PostgreSQL baseline failed: {error:#}"),
        }
    }
    println!();
    Ok(())
}

fn in_process_qps(
    index: &Arc<SearchIndex>,
    mix: &[SearchRequest],
    threads: usize,
    rounds: usize,
) -> anyhow::Result<f64> {
    let started = Instant::now();
    let handles: Vec<_> = (0..threads)
        .map(|t| {
            let index = index.clone();
            let mix = mix.to_vec();
            std::thread::spawn(move || -> anyhow::Result<usize> {
                let mut n = 0;
                for round in 0..rounds {
                    // The threads start at opposite ends of the mix, so they do not
                    // run the same query at the same moment.
                    let ordered: Box<dyn Iterator<Item = &SearchRequest>> =
                        if (round + t) % 2 == 0 { Box::new(mix.iter()) } else { Box::new(mix.iter().rev()) };
                    for request in ordered {
                        index.search(request)?;
                        n += 1;
                    }
                }
                Ok(n)
            })
        })
        .collect();
    let mut total = 0;
    for handle in handles {
        total += handle.join().map_err(|_| anyhow::anyhow!("a benchmark thread panicked"))??;
    }
    #[allow(clippy::cast_precision_loss)]
    Ok(total as f64 / started.elapsed().as_secs_f64())
}

fn records(data: &DemoData) -> Vec<ServiceRecord> {
    ServiceRecord::join(data.services.clone(), data.organisations.clone(), data.locations.clone())
}

/// A mailer that writes into a temporary folder: benchmarks send no mail.
fn outbox_mailer() -> anyhow::Result<wegwijs_mail::Mailer> {
    let outbox = std::env::temp_dir().join("wegwijs-bench-outbox");
    let config = wegwijs_mail::MailConfig {
        smtp_url: None,
        from: "Wegwijs <noreply@localhost>".to_owned(),
        site_name: "Wegwijs".to_owned(),
        outbox,
    };
    Ok(wegwijs_mail::Mailer::new(config)?)
}
