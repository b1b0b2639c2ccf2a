//! `wegwijs bench pages`: how fast the public pages are rendered on the server, and
//! how heavy they are. Each data size gets a fresh SQLite database filled with demo
//! data and an in-memory search index; requests go to the application router
//! in-process (no network), so a figure is the server's own work: routing, store
//! reads, search, map and template. Prints a Markdown report.

use super::parse_size;
use super::stats::{Latencies, rss_mib};
use anyhow::{Context, bail, ensure};
use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use std::io::Write as _;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tower::ServiceExt as _;
use wegwijs_search::place::{from_name, from_postcode};
use wegwijs_search::{Facet, IndexLocation, SearchIndex, SearchRequest, Vocabulary};
use wegwijs_store::{Page, Store};
use wegwijs_web::{AppState, WebConfig};

/// The target: every public page rendered within this time at p99.
const TARGET_P99_MS: f64 = 5.0;
/// The target weight of a page without its map (HTML and the site's own files).
const TARGET_WEIGHT_KB: f64 = 150.0;
/// Requests of a sitemap part (they are large and not pages).
const SITEMAP_REQUESTS: usize = 20;

/// Arguments of `wegwijs bench pages`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Data sizes (services), comma-separated.
    #[arg(long, value_delimiter = ',', default_values_t = [10_000usize, 100_000], value_parser = parse_size)]
    pub sizes: Vec<usize>,
    /// Measured requests per page type.
    #[arg(long, default_value_t = 300)]
    pub requests: usize,
    /// Unmeasured requests per page type first.
    #[arg(long, default_value_t = 30)]
    pub warmup: usize,
}

/// What people type: realistic questions to a sociale kaart.
const QUERIES: &[&str] = &[
    "schulden",
    "mantelzorg",
    "eenzaam",
    "hulp bij opvoeden",
    "maaltijd aan huis",
    "taalcafe",
    "huiswerkbegeleiding",
    "rolstoel",
    "dementie",
    "vrijwilligerswerk",
    "huurtoeslag aanvragen",
    "boodschappen doen",
    "depressie",
    "scheiding kinderen",
    "vervoer naar ziekenhuis",
    "nederlands leren",
    "huiselijk geweld",
    "dagbesteding",
    "sporten voor ouderen",
    "administratie hulp",
];

/// Questions the demo data has no answer to (checked before measuring).
const ZERO_QUERIES: &[&str] = &["vliegtuigticket", "vliegtuigticket naar spanje", "ruimtevaartmuseum", "bitcoinhandel"];

/// Where people search from: a postcode and a village in Teylingen.
const WHERE: &[&str] = &["2171", "Voorhout"];

/// The embedded files every page loads.
const ASSETS: &[&str] = &["site.css", "print.css", "site.js", "icons.svg"];

/// One kind of page and the addresses it is measured with.
struct PageType {
    name: &'static str,
    urls: Vec<String>,
    requests: usize,
    warmup: usize,
    /// A page (counts against the targets) rather than another resource.
    page: bool,
    /// Sent with `Accept-Encoding: gzip`: the time includes the server's compression.
    gzip: bool,
}

/// The measurements of one page type.
struct Measured {
    name: &'static str,
    page: bool,
    latencies: Latencies,
    raw_bytes: Vec<usize>,
    gzip_bytes: Vec<usize>,
    no_map_bytes: Vec<usize>,
    no_map_gzip_bytes: Vec<usize>,
    gzip_time: Duration,
    /// CPU time of the whole process per measured request, ms.
    cpu_ms: f64,
}

/// Runs the benchmark for every size.
pub async fn run(args: Args) -> anyhow::Result<()> {
    ensure!(args.requests > 0, "--requests must be at least 1");
    let started = Instant::now();
    println!("# Page rendering benchmark\n");
    println!(
        "Machine: {} cores. Requests are sent in-process to the application router (`tower::ServiceExt::oneshot`, no network, \
         one at a time, `Host: bench.local`, no `Accept-Encoding`), so the figures are the server's own work: routing, store \
         reads (SQLite file), search, map and template, with request logging as configured (`WEGWIJS_LOG`). \
         {} measured requests per page type after {} unmeasured ones; inputs cycle through different queries, ids and themes. \
         Target: p99 ≤ {TARGET_P99_MS} ms for every page; ≤ {TARGET_WEIGHT_KB} KB per page without the map.\n",
        std::thread::available_parallelism().map_or(0, std::num::NonZero::get),
        args.requests,
        args.warmup
    );
    for &size in &args.sizes {
        bench_size(size, &args).await?;
    }
    println!("Whole run: {:.0} s.", started.elapsed().as_secs_f64());
    Ok(())
}

async fn bench_size(size: usize, args: &Args) -> anyhow::Result<()> {
    println!("## {size} services\n");
    let dir = tempfile::tempdir().context("cannot create a scratch directory")?;
    let database_url = format!("sqlite:{}", dir.path().join("bench.db").display());
    let store = crate::commands::migrate::run(&database_url).await?;

    let started = Instant::now();
    crate::commands::demo::fill(&store, size, 1525, crate::commands::demo::today(), false).await?;
    let load = started.elapsed();

    let index =
        Arc::new(SearchIndex::open(IndexLocation::Memory, Vocabulary::builtin(), wegwijs_domain::geo::builtin())?);
    let started = Instant::now();
    wegwijs_search::follow::Follower::new(store.clone(), index.clone())
        .catch_up()
        .await
        .context("cannot build the search index")?;
    let build = started.elapsed();
    tokio::task::spawn_blocking(wegwijs_web::map::preload).await?;

    let state =
        AppState::new(store.clone(), index.clone(), Arc::new(WebConfig::default()), Arc::new(super::outbox_mailer()?));
    let app = wegwijs_web::router(state);
    println!("- data load (demo generation + writing to SQLite): **{:.1} s**", load.as_secs_f64());
    println!(
        "- search index build from the store (in memory): **{:.1} s** for {} services",
        build.as_secs_f64(),
        index.len()
    );

    let mut zero = Vec::new();
    for query in ZERO_QUERIES {
        if search_total(&app, query).await? == 0 {
            zero.push(*query);
        }
    }
    if zero.is_empty() {
        bail!("every zero-result query found something: {ZERO_QUERIES:?}");
    }
    let types = page_types(&app, &store, size, &zero, args).await?;
    let load_before = load_average();
    let mut results = Vec::new();
    for page_type in &types {
        results.push(measure(&app, page_type).await?);
    }
    let load_after = load_average();
    let assets = asset_weight(&app).await?;
    let rss = rss_mib();

    println!();
    println!(
        "| page type | requests | p50 ms | p95 ms | p99 ms | max ms | CPU ms/req | body KB | gzip KB | KB without map | gzip KB without map | gzip ms | |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    for m in &results {
        let p99 = m.latencies.percentile_ms(99.0);
        let note = if !m.page {
            "not a page"
        } else if p99 > TARGET_P99_MS {
            "**over target**"
        } else {
            ""
        };
        println!(
            "| {} | {} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {:.1} | {:.1} | {:.1} | {:.1} | {:.2} | {note} |",
            m.name,
            m.latencies.len(),
            m.latencies.percentile_ms(50.0),
            m.latencies.percentile_ms(95.0),
            p99,
            m.latencies.percentile_ms(100.0),
            m.cpu_ms,
            mean_kb(&m.raw_bytes),
            mean_kb(&m.gzip_bytes),
            mean_kb(&m.no_map_bytes),
            mean_kb(&m.no_map_gzip_bytes),
            m.gzip_time.as_secs_f64() * 1000.0 / m.latencies.len().max(1) as f64,
        );
    }
    println!();
    println!(
        "Load average of the machine (1 min) before the requests {load_before}, after {load_after}. CPU ms/req is the CPU \
         time of the whole process (all threads, including request logging) per measured request, from /proc: unlike the \
         percentiles it does not grow when other programs compete for the cores. \
         Body KB is the mean HTML size as served without compression; gzip KB the same compressed with `flate2` at its default \
         level (what the server's compression layer sends to browsers that accept gzip); \"without map\" removes the inline \
         `<svg role=\"img\" …>` map. gzip ms is the mean time to compress one body at that level, which the server spends on top \
         of the rendering time when a browser accepts gzip; the rows \"with gzip\" ask for it (`Accept-Encoding: gzip`), so \
         their times include the server's own compression layer.\n"
    );
    let heaviest = results
        .iter()
        .filter(|m| m.page)
        .map(|m| (m.name, max_kb(&m.no_map_bytes), max_kb(&m.no_map_gzip_bytes)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .context("no pages measured")?;
    println!(
        "- the site's own files ({}): {:.1} KB, {:.1} KB gzipped (cached for a year after the first page)",
        ASSETS.join(", "),
        assets.0,
        assets.1
    );
    let total_raw = heaviest.1 + assets.0;
    let total_gzip = heaviest.2 + assets.1;
    println!(
        "- heaviest page without map: {} at {:.1} KB ({:.1} KB gzipped); with the site's files a first visit weighs {:.1} KB \
         uncompressed, {:.1} KB gzipped — {} the {TARGET_WEIGHT_KB} KB target uncompressed",
        heaviest.0,
        heaviest.1,
        heaviest.2,
        total_raw,
        total_gzip,
        if total_raw <= TARGET_WEIGHT_KB { "within" } else { "**over**" }
    );
    let over: Vec<&str> =
        results.iter().filter(|m| m.page && m.latencies.percentile_ms(99.0) > TARGET_P99_MS).map(|m| m.name).collect();
    if over.is_empty() {
        println!("- every page type is within p99 ≤ {TARGET_P99_MS} ms");
    } else {
        println!("- over the p99 target: {}", over.join(", "));
    }
    println!("- RSS of the process (server and benchmark, one process) after the run: {rss:.0} MiB");

    breakdown(&index, &zero, args).await?;
    store_reads(&store, args.requests).await?;
    println!();

    drop(app);
    store.close().await;
    Ok(())
}

/// The page types with their addresses, found on the data of this size.
async fn page_types(
    app: &Router,
    store: &Store,
    size: usize,
    zero: &[&str],
    args: &Args,
) -> anyhow::Result<Vec<PageType>> {
    let page = |name, urls: Vec<String>| PageType {
        name,
        urls,
        requests: args.requests,
        warmup: args.warmup,
        page: true,
        gzip: false,
    };
    let gzipped = |name, urls: Vec<String>| PageType { gzip: true, ..page(name, urls) };

    // Services spread over the whole data set, and their organisations.
    let mut service_ids = Vec::new();
    let mut organisation_ids = Vec::new();
    let samples: u64 = 60;
    let step = (size as u64 / samples).max(1);
    for k in 0..samples {
        for service in store.services(Page { offset: k * step, limit: 1 }).await? {
            if !organisation_ids.contains(&service.organisation_id) {
                organisation_ids.push(service.organisation_id.clone());
            }
            service_ids.push(service.id);
        }
    }
    ensure!(service_ids.len() >= 10, "the store returned only {} services", service_ids.len());
    let mut service_urls = Vec::new();
    for id in &service_ids {
        service_urls.push(follow(app, &format!("/diensten/{}", id.as_str())).await?);
    }
    let mut organisation_urls = Vec::new();
    for id in &organisation_ids {
        organisation_urls.push(follow(app, &format!("/organisaties/{}", id.as_str())).await?);
    }

    // Compare what a search found: three results of one query.
    let mut compare = Vec::new();
    for query in QUERIES {
        let ids = search_ids(app, query, 6).await?;
        for triple in ids.chunks_exact(3) {
            compare.push(format!("/vergelijken?{}", ids_query(triple)));
        }
    }
    ensure!(!compare.is_empty(), "no search found three services to compare");
    let lists: Vec<String> = service_ids
        .chunks_exact(5)
        .map(|five| {
            format!("/mijn-lijst?{}", ids_query(&five.iter().map(|id| id.as_str().to_owned()).collect::<Vec<_>>()))
        })
        .collect();

    let zero: Vec<String> = zero.iter().map(|q| format!("/zoeken?{}", form(&[("q", q)]))).collect();

    let themes = theme_codes()?;
    let sitemap_parts = size.div_ceil(20_000);
    Ok(vec![
        page("home `/`", vec!["/".into(), "/?lang=en".into()]),
        page("search `/zoeken?q=`", QUERIES.iter().map(|q| format!("/zoeken?{}", form(&[("q", q)]))).collect()),
        page(
            "search + place `&waar=`",
            QUERIES
                .iter()
                .enumerate()
                .map(|(i, q)| format!("/zoeken?{}", form(&[("q", q), ("waar", WHERE[i % WHERE.len()])])))
                .collect(),
        ),
        page(
            "search + filters `&theme=ouderen&open_now=1`",
            QUERIES
                .iter()
                .map(|q| format!("/zoeken?{}", form(&[("q", q), ("theme", "ouderen"), ("open_now", "1")])))
                .collect(),
        ),
        gzipped(
            "search, with gzip (`Accept-Encoding: gzip`)",
            QUERIES.iter().map(|q| format!("/zoeken?{}", form(&[("q", q)]))).collect(),
        ),
        page("search, zero results", zero),
        page("themes `/themas`", vec!["/themas".into(), "/themas?lang=en".into()]),
        page("theme `/themas/{code}`", themes.iter().map(|code| format!("/themas/{code}")).collect()),
        gzipped(
            "theme, with gzip (`Accept-Encoding: gzip`)",
            themes.iter().map(|code| format!("/themas/{code}")).collect(),
        ),
        page("service `/diensten/{id}/{slug}`", service_urls),
        page("organisation `/organisaties/{id}/{slug}`", organisation_urls),
        page("compare (3) `/vergelijken`", compare),
        page("my list (5) `/mijn-lijst`", lists),
        PageType {
            name: "sitemap part `/sitemaps/services-N.xml`",
            urls: (1..=sitemap_parts).map(|n| format!("/sitemaps/services-{n}.xml")).collect(),
            requests: SITEMAP_REQUESTS,
            warmup: 2,
            page: false,
            gzip: false,
        },
    ])
}

/// The theme codes of the built-in list.
fn theme_codes() -> anyhow::Result<Vec<String>> {
    let codes: Vec<String> = wegwijs_domain::taxonomy::builtin()
        .terms_of(wegwijs_domain::taxonomy::THEME)
        .filter(|t| t.parent_id.is_none())
        .map(|t| t.code.clone())
        .collect();
    ensure!(!codes.is_empty(), "no built-in themes");
    Ok(codes)
}

fn form(pairs: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish()
}

fn ids_query(ids: &[String]) -> String {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    for id in ids {
        query.append_pair("id", id);
    }
    query.finish()
}

fn request(uri: &str) -> anyhow::Result<Request<Body>> {
    Request::get(uri).header(header::HOST, "bench.local").body(Body::empty()).context("cannot build a request")
}

fn gzip_request(uri: &str) -> anyhow::Result<Request<Body>> {
    let mut request = request(uri)?;
    request.headers_mut().insert(header::ACCEPT_ENCODING, header::HeaderValue::from_static("gzip"));
    Ok(request)
}

/// Status, `Location` and body of one request.
async fn send(app: &Router, uri: &str) -> anyhow::Result<(StatusCode, Option<String>, axum::body::Bytes)> {
    let response = app.clone().oneshot(request(uri)?).await?;
    let status = response.status();
    let location = response.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let body = axum::body::to_bytes(response.into_body(), usize::MAX).await?;
    Ok((status, location, body))
}

/// The address `uri` redirects to (once), checked to answer 200.
async fn follow(app: &Router, uri: &str) -> anyhow::Result<String> {
    let (status, location, _) = send(app, uri).await?;
    ensure!(
        status == StatusCode::PERMANENT_REDIRECT,
        "{uri} answered {status}, expected a 308 to the address with the slug"
    );
    let location = location.with_context(|| format!("{uri} redirects without a Location"))?;
    let (status, _, _) = send(app, &location).await?;
    ensure!(status == StatusCode::OK, "{location} (from {uri}) answered {status}");
    Ok(location)
}

/// The ids of the first `n` results of `query` from `/api/search`.
async fn search_ids(app: &Router, query: &str, n: usize) -> anyhow::Result<Vec<String>> {
    let uri = format!("/api/search?{}", form(&[("q", query), ("per_page", &n.to_string())]));
    let (status, _, body) = send(app, &uri).await?;
    ensure!(status == StatusCode::OK, "{uri} answered {status}");
    let json: serde_json::Value = serde_json::from_slice(&body)?;
    Ok(json["results"]
        .as_array()
        .map(|hits| hits.iter().filter_map(|h| h["id"].as_str().map(str::to_owned)).collect())
        .unwrap_or_default())
}

/// How many services `/api/search` finds for `query`.
async fn search_total(app: &Router, query: &str) -> anyhow::Result<u64> {
    let uri = format!("/api/search?{}", form(&[("q", query)]));
    let (status, _, body) = send(app, &uri).await?;
    ensure!(status == StatusCode::OK, "{uri} answered {status}");
    let json: serde_json::Value = serde_json::from_slice(&body)?;
    json["total"].as_u64().with_context(|| format!("{uri} has no total"))
}

async fn measure(app: &Router, page_type: &PageType) -> anyhow::Result<Measured> {
    let mut measured = Measured {
        name: page_type.name,
        page: page_type.page,
        latencies: Latencies::default(),
        raw_bytes: Vec::new(),
        gzip_bytes: Vec::new(),
        no_map_bytes: Vec::new(),
        no_map_gzip_bytes: Vec::new(),
        gzip_time: Duration::ZERO,
        cpu_ms: 0.0,
    };
    let mut bodies = Vec::with_capacity(page_type.requests);
    let mut cpu_start = cpu_seconds();
    for i in 0..page_type.warmup + page_type.requests {
        if i == page_type.warmup {
            cpu_start = cpu_seconds();
        }
        let uri = &page_type.urls[i % page_type.urls.len()];
        let request = if page_type.gzip { gzip_request(uri)? } else { request(uri)? };
        let started = Instant::now();
        let response = app.clone().oneshot(request).await?;
        let status = response.status();
        let compressed = response.headers().get(header::CONTENT_ENCODING).is_some_and(|v| v == "gzip");
        let body = axum::body::to_bytes(response.into_body(), usize::MAX).await?;
        let elapsed = started.elapsed();
        if status != StatusCode::OK {
            let text = String::from_utf8_lossy(&body);
            bail!(
                "{} {uri} answered {status}, not 200: a benchmark of error pages is worthless. Body starts: {}",
                page_type.name,
                text.chars().take(300).collect::<String>()
            );
        }
        ensure!(compressed == page_type.gzip, "{uri}: asked for gzip {}, got gzip {compressed}", page_type.gzip);
        if i >= page_type.warmup {
            measured.latencies.push(elapsed);
            bodies.push(body);
        }
    }
    measured.cpu_ms = (cpu_seconds() - cpu_start) * 1000.0 / page_type.requests as f64;
    // Sizes after the timed loop, so compressing does not count as the server's time.
    for body in &bodies {
        let body = if page_type.gzip {
            let mut raw = Vec::new();
            std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&body[..]), &mut raw)?;
            axum::body::Bytes::from(raw)
        } else {
            body.clone()
        };
        let body = &body;
        measured.raw_bytes.push(body.len());
        let started = Instant::now();
        measured.gzip_bytes.push(gzip_len(body)?);
        measured.gzip_time += started.elapsed();
        let text = String::from_utf8_lossy(body);
        let stripped = without_map(&text);
        measured.no_map_bytes.push(stripped.len());
        measured.no_map_gzip_bytes.push(gzip_len(stripped.as_bytes())?);
    }
    Ok(measured)
}

/// CPU time (user + system) of this process so far, in seconds, from `/proc/self/stat`
/// (clock ticks of 10 ms; 0 where /proc is missing).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may contain spaces) start at field 3.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15, i.e. indexes 11 and 12 after the name.
    (ticks(11) + ticks(12)) / 100.0
}

/// The load average of the machine over the last minute.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_owned))
        .unwrap_or_default()
}

/// Size of `bytes` gzipped at the default level.
fn gzip_len(bytes: &[u8]) -> anyhow::Result<usize> {
    let mut encoder =
        flate2::write::GzEncoder::new(Vec::with_capacity(bytes.len() / 4), flate2::Compression::default());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?.len())
}

/// The page without its inline maps: every `<svg …role="img"…>…</svg>` removed (icons
/// are `aria-hidden` and stay).
fn without_map(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<svg") {
        let tag_end = rest[start..].find('>').map_or(rest.len(), |e| start + e + 1);
        let is_map = rest[start..tag_end].contains("role=\"img\"");
        match rest[start..].find("</svg>") {
            Some(end) if is_map => {
                out.push_str(&rest[..start]);
                rest = &rest[start + end + "</svg>".len()..];
            }
            _ => {
                out.push_str(&rest[..tag_end]);
                rest = &rest[tag_end..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn mean_kb(sizes: &[usize]) -> f64 {
    if sizes.is_empty() {
        return 0.0;
    }
    sizes.iter().sum::<usize>() as f64 / sizes.len() as f64 / 1024.0
}

fn max_kb(sizes: &[usize]) -> f64 {
    sizes.iter().copied().max().unwrap_or(0) as f64 / 1024.0
}

/// Raw and gzipped KB of the site's own files, fetched through the router.
async fn asset_weight(app: &Router) -> anyhow::Result<(f64, f64)> {
    let (mut raw, mut gzip) = (0, 0);
    for name in ASSETS {
        let uri = format!("/static/{name}");
        let (status, _, body) = send(app, &uri).await?;
        ensure!(status == StatusCode::OK, "{uri} answered {status}");
        raw += body.len();
        gzip += gzip_len(&body)?;
    }
    Ok((raw as f64 / 1024.0, gzip as f64 / 1024.0))
}

/// Where the time of a search page goes: the search itself, timed directly on the
/// index with the request the page makes (20 results), then what the page does with
/// the results — the map drawn from the hits, or on a zero-result page the
/// suggestions for each word.
async fn breakdown(index: &Arc<SearchIndex>, zero: &[&str], args: &Args) -> anyhow::Result<()> {
    let geo = wegwijs_domain::geo::builtin();
    let page_size = WebConfig::default().page_size as usize;
    let make = |text: &str| {
        let mut request = SearchRequest::new(text);
        request.limit = page_size;
        request
    };
    let mut kinds: Vec<(&str, Vec<SearchRequest>)> = Vec::new();
    kinds.push(("search", QUERIES.iter().map(|q| make(q)).collect()));
    kinds.push((
        "search + place",
        QUERIES
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let mut request = make(q);
                let place = WHERE[i % WHERE.len()];
                request.near = from_postcode(geo, place).or_else(|| from_name(geo, place));
                request
            })
            .collect(),
    ));
    kinds.push((
        "search + filters",
        QUERIES
            .iter()
            .map(|q| {
                let mut request = make(q);
                request.filters.insert(Facet::Theme, vec!["ouderen".to_owned()]);
                request.open_now = true;
                request
            })
            .collect(),
    ));
    kinds.push(("zero results", zero.iter().map(|q| make(q)).collect()));
    kinds.push((
        "theme page (no words, one theme)",
        theme_codes()?
            .into_iter()
            .map(|code| {
                let mut request = make("");
                request.filters.insert(Facet::Theme, vec![code]);
                request
            })
            .collect(),
    ));
    kinds.push(("browse all, no filter (= the extra facet pass of a theme page)", vec![make("")]));
    println!();
    println!(
        "Where a search page's time goes: the page's search run directly on the index (one thread, {page_size} results), \
         then drawing the SVG map of its hits, or for zero results the suggestions the page looks up for each word:\n"
    );
    println!(
        "| search kind | searches | search p50 ms | search p99 ms | map p50 ms | map p99 ms | suggest p50 ms | suggest p99 ms | mean total hits | slowest searches (median) |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    for (name, requests) in kinds {
        let index = index.clone();
        let warmup = args.warmup;
        let n = args.requests;
        let (searches, maps, suggests, totals, slowest) = tokio::task::spawn_blocking(move || {
            // Per request of the list: its times and total hits.
            let mut per_request: Vec<(Latencies, u64)> = requests.iter().map(|_| (Latencies::default(), 0)).collect();
            let mut searches = Latencies::default();
            let mut maps = Latencies::default();
            let mut suggests = Latencies::default();
            let mut totals = 0;
            for i in 0..warmup + n {
                let mut request = requests[i % requests.len()].clone();
                request.now = chrono::Utc::now();
                let started = Instant::now();
                let results = index.search(&request)?;
                let searched = started.elapsed();
                let started = Instant::now();
                draw_map(&results);
                let drawn = started.elapsed();
                let started = Instant::now();
                if results.total == 0 {
                    // As the zero-result page: the first four letters of every word.
                    for word in &results.interpretation.words {
                        let start: String = word.chars().take(4).collect();
                        if start.chars().count() >= 3 {
                            index.suggest(&start.to_lowercase(), 4, &request.visibility())?;
                        }
                    }
                }
                let suggested = started.elapsed();
                if i >= warmup {
                    let slot = &mut per_request[i % requests.len()];
                    slot.0.push(searched);
                    slot.1 = results.total;
                    searches.push(searched);
                    if results.hits.iter().any(|h| h.point.is_some()) {
                        maps.push(drawn);
                    }
                    if results.total == 0 {
                        suggests.push(suggested);
                    }
                    totals += results.total;
                }
            }
            let mut slowest: Vec<(f64, String, u64)> = per_request
                .iter()
                .zip(&requests)
                .filter(|((times, _), _)| times.len() > 0)
                .map(|((times, total), request)| (times.percentile_ms(50.0), request.text.clone(), *total))
                .collect();
            slowest.sort_by(|a, b| b.0.total_cmp(&a.0));
            let slowest: Vec<String> = slowest
                .iter()
                .take(3)
                .filter(|(_, text, _)| !text.is_empty())
                .map(|(ms, text, total)| format!("\"{text}\" {ms:.1} ms, {total} hits"))
                .collect();
            anyhow::Ok((searches, maps, suggests, totals, slowest.join("; ")))
        })
        .await??;
        let ms =
            |l: &Latencies, p: f64| if l.len() == 0 { "–".to_owned() } else { format!("{:.2}", l.percentile_ms(p)) };
        println!(
            "| {name} | {} | {} | {} | {} | {} | {} | {} | {:.0} | {slowest} |",
            searches.len(),
            ms(&searches, 50.0),
            ms(&searches, 99.0),
            ms(&maps, 50.0),
            ms(&maps, 99.0),
            ms(&suggests, 50.0),
            ms(&suggests, 99.0),
            totals as f64 / searches.len().max(1) as f64
        );
    }
    Ok(())
}

/// The store reads the pages make, timed directly.
async fn store_reads(store: &Store, n: usize) -> anyhow::Result<()> {
    let ids: Vec<wegwijs_domain::Id> = store.services(Page::first(50)).await?.into_iter().map(|s| s.id).collect();
    ensure!(!ids.is_empty(), "no services");
    let (mut count, mut terms, mut one) = (Latencies::default(), Latencies::default(), Latencies::default());
    for i in 0..n {
        let started = Instant::now();
        store.service_count().await?;
        count.push(started.elapsed());
        let started = Instant::now();
        store.taxonomy_terms().await?;
        terms.push(started.elapsed());
        let started = Instant::now();
        store.service(&ids[i % ids.len()]).await?;
        one.push(started.elapsed());
    }
    let show = |l: &Latencies| format!("p50 {:.2} ms, p99 {:.2} ms", l.percentile_ms(50.0), l.percentile_ms(99.0));
    println!(
        "\nStore reads, timed directly ({n} each): `service_count()` (home page, `SELECT COUNT(*)`) {}; \
         `taxonomy_terms()` (home, themes, theme, service and zero-result pages) {}; `service(id)` (service, compare, \
         my list: once per service) {}.",
        show(&count),
        show(&terms),
        show(&one)
    );
    Ok(())
}

/// Draws the map of a results page as the page does (pins of the hits, the place
/// searched from, the home municipality when there is none).
fn draw_map(results: &wegwijs_search::SearchResults) {
    let pins: Vec<wegwijs_web::map::Pin> = results
        .hits
        .iter()
        .enumerate()
        .filter_map(|(i, hit)| {
            hit.point.map(|point| wegwijs_web::map::Pin {
                number: u32::try_from(i + 1).unwrap_or(u32::MAX),
                point,
                label: hit.name.clone(),
            })
        })
        .collect();
    if pins.is_empty() {
        return;
    }
    let municipality = results
        .near
        .as_ref()
        .and_then(|n| n.municipality_code.clone())
        .or_else(|| WebConfig::default().home_municipality)
        .unwrap_or_default();
    let _ = wegwijs_web::map::render_svg(&wegwijs_web::map::MapRequest {
        title: "Kaart",
        municipalities: &[municipality.as_str()],
        pins: &pins,
        you: results.near.as_ref().map(|n| n.point),
        you_label: "U",
    });
}

#[cfg(test)]
mod tests {
    use super::without_map;

    #[test]
    fn the_map_is_removed_and_icons_stay() {
        let html = r#"<p>a</p><svg class="icon" aria-hidden="true"><use href="x"></use></svg><svg xmlns="y" class="wm-map" role="img"><title>t</title><g></g></svg><p>b</p>"#;
        assert_eq!(
            without_map(html),
            r#"<p>a</p><svg class="icon" aria-hidden="true"><use href="x"></use></svg><p>b</p>"#
        );
        assert_eq!(without_map("<p>no svg</p>"), "<p>no svg</p>");
    }
}
