//! The baseline: PostgreSQL full-text search with the `dutch` configuration on the
//! same public text, a GIN index, `websearch_to_tsquery` (what a web search box
//! would use) and `ts_rank_cd`.

use super::judged::{Judged, Recall, recall};
use super::stats::Latencies;
use anyhow::Context;
use sqlx::postgres::PgPoolOptions;
use sqlx::{Executor, Row};
use std::collections::HashMap;
use std::time::{Duration, Instant};
use wegwijs_demo::DemoData;
use wegwijs_domain::ServiceStatus;
use wegwijs_search::SearchRequest;

/// What the baseline measured.
pub struct Report {
    pub load: Duration,
    pub latencies: Latencies,
    pub recall: Recall,
}

const SEARCH: &str = "SELECT id FROM docs, websearch_to_tsquery('dutch', $1) q WHERE doc @@ q \
                      ORDER BY ts_rank_cd(doc, q) DESC LIMIT 5";

/// Loads `data` into a scratch database on `server`, measures, and drops it.
pub async fn measure(
    server: &str,
    size: usize,
    data: &DemoData,
    judged: &[Judged],
    mix: &[SearchRequest],
    rounds: usize,
) -> anyhow::Result<Report> {
    let admin = PgPoolOptions::new().max_connections(1).connect(server).await.context("connecting to PostgreSQL")?;
    let name = format!("wegwijs_bench_fts_{}_{size}", std::process::id());
    admin.execute(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name}"))).await?;
    admin.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).await?;
    let url = match server.rsplit_once('/') {
        Some((base, _)) => format!("{base}/{name}"),
        None => anyhow::bail!("the PostgreSQL URL needs a database part"),
    };
    let result = run(&url, data, judged, mix, rounds).await;
    admin.execute(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))).await?;
    admin.close().await;
    result
}

async fn run(
    url: &str,
    data: &DemoData,
    judged: &[Judged],
    mix: &[SearchRequest],
    rounds: usize,
) -> anyhow::Result<Report> {
    let pool = PgPoolOptions::new().max_connections(2).connect(url).await?;
    let started = Instant::now();
    pool.execute(
        "CREATE TABLE docs (id text PRIMARY KEY, name text NOT NULL, summary text NOT NULL, body text NOT NULL, \
         doc tsvector GENERATED ALWAYS AS (setweight(to_tsvector('dutch', name), 'A') || \
         setweight(to_tsvector('dutch', summary), 'B') || setweight(to_tsvector('dutch', body), 'C')) STORED)",
    )
    .await?;
    let orgs: HashMap<_, _> = data.organisations.iter().map(|o| (o.id.clone(), o.name.as_str().to_owned())).collect();
    let terms: HashMap<_, _> = data.terms.iter().map(|t| (t.id.clone(), t)).collect();
    let active: Vec<_> = data.services.iter().filter(|s| s.status == ServiceStatus::Active).collect();
    for chunk in active.chunks(2_000) {
        let (mut ids, mut names, mut summaries, mut bodies) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for s in chunk {
            let mut body = vec![s.description.clone(), orgs.get(&s.organisation_id).cloned().unwrap_or_default()];
            for term in s.terms.iter().filter_map(|id| terms.get(id)) {
                body.push(term.name.as_str().to_owned());
                body.push(term.lay_name.clone());
                body.extend(term.synonyms.iter().cloned());
            }
            body.extend(s.alternate_name.clone());
            body.extend(s.application_process.clone());
            ids.push(s.id.to_string());
            names.push(s.name.as_str().to_owned());
            summaries.push(s.summary.clone());
            bodies.push(body.join(" "));
        }
        sqlx::query("INSERT INTO docs (id, name, summary, body) SELECT * FROM UNNEST($1::text[], $2::text[], $3::text[], $4::text[])")
            .bind(ids)
            .bind(names)
            .bind(summaries)
            .bind(bodies)
            .execute(&pool)
            .await?;
    }
    pool.execute("CREATE INDEX docs_fts ON docs USING GIN (doc)").await?;
    pool.execute("ANALYZE docs").await?;
    let load = started.elapsed();

    for request in mix {
        sqlx::query(SEARCH).bind(&request.text).fetch_all(&pool).await?;
    }
    let mut latencies = Latencies::default();
    for _ in 0..rounds.min(5) {
        for request in mix {
            let started = Instant::now();
            sqlx::query(SEARCH).bind(&request.text).fetch_all(&pool).await?;
            latencies.push(started.elapsed());
        }
    }
    let handle = tokio::runtime::Handle::current();
    let recall = tokio::task::block_in_place(|| {
        recall(judged, data, |request| {
            let rows = handle.block_on(sqlx::query(SEARCH).bind(&request.text).fetch_all(&pool))?;
            Ok(rows.iter().map(|r| r.get::<String, _>(0)).collect())
        })
    })?;
    pool.close().await;
    Ok(Report { load, latencies, recall })
}
