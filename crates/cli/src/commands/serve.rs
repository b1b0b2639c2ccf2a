//! `wegwijs serve`: run the website.

use anyhow::Context;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use wegwijs_search::follow::Follower;
use wegwijs_web::search_log::SearchLog;
use wegwijs_web::{AppState, WebConfig};

/// How often the search index looks for new changes: a write shows up in search
/// within this time plus the indexing itself.
const FOLLOW_INTERVAL: Duration = Duration::from_millis(250);
/// How often counts of searches with few results are written to the database.
const LOG_FLUSH_INTERVAL: Duration = Duration::from_secs(60);

/// Arguments of `wegwijs serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Address and port to listen on.
    #[arg(long, env = "WEGWIJS_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Fill an empty database with demo data first.
    #[arg(long)]
    pub demo: bool,
    /// Number of demo services for `--demo`.
    #[arg(long, default_value_t = wegwijs_demo::DEFAULT_SERVICES as u32, requires = "demo", value_parser = clap::value_parser!(u32).range(100..=200_000))]
    pub demo_scale: u32,
    /// Search index options.
    #[command(flatten)]
    pub index: super::search_index::IndexArgs,
    /// How the site looks and where it lives.
    #[command(flatten)]
    pub site: SiteArgs,
    /// How mail is sent.
    #[command(flatten)]
    pub mail: MailArgs,
    /// When organisations are reminded to check their entries.
    #[command(flatten)]
    pub upkeep: super::upkeep_args::UpkeepArgs,
}

/// How the site sends mail (invitations, password links, review results).
#[derive(Debug, clap::Args)]
pub struct MailArgs {
    /// SMTP server as a URL: `smtp://user:password@mail.example.nl:587?tls=required`,
    /// `smtps://…` or `smtp://localhost:25`. Without it mails are written as .eml files
    /// to the outbox folder (and logged), so nothing is lost on a laptop or in a test.
    #[arg(long, env = "WEGWIJS_SMTP_URL")]
    pub smtp_url: Option<String>,
    /// Sender of the mails, as `Name <address>`.
    #[arg(long, env = "WEGWIJS_MAIL_FROM", default_value = "Wegwijs <noreply@localhost>")]
    pub mail_from: String,
    /// Folder for mails when no SMTP server is set.
    #[arg(long, env = "WEGWIJS_OUTBOX", default_value = "wegwijs-outbox")]
    pub outbox: std::path::PathBuf,
}

impl MailArgs {
    /// The mailer these arguments ask for.
    pub fn mailer(&self, site_name: &str) -> anyhow::Result<wegwijs_mail::Mailer> {
        let config = wegwijs_mail::MailConfig {
            smtp_url: self.smtp_url.clone().filter(|url| !url.trim().is_empty()),
            from: self.mail_from.clone(),
            site_name: site_name.to_owned(),
            outbox: self.outbox.clone(),
        };
        wegwijs_mail::Mailer::new(config).context("cannot use the mail settings")
    }
}

/// Settings of the public website for this deployment.
#[derive(Debug, clap::Args)]
pub struct SiteArgs {
    /// Name shown in the header and page titles.
    #[arg(long, env = "WEGWIJS_SITE_NAME", default_value = "Wegwijs")]
    pub site_name: String,
    /// The address the public reaches the site at (for canonical links and the sitemap),
    /// e.g. `https://wegwijs.teylingen.nl`. Without it, the Host header of each request is used.
    #[arg(long, env = "WEGWIJS_PUBLIC_URL", value_parser = parse_public_url)]
    pub public_url: Option<String>,
    /// Main colour as #rrggbb; it must be readable on white (contrast 4.5:1).
    #[arg(long, env = "WEGWIJS_ACCENT_COLOUR", default_value = "#00578a", value_parser = parse_accent)]
    pub accent_colour: String,
    /// A logo file (.svg, .png, .jpg or .webp) shown in the header.
    #[arg(long, env = "WEGWIJS_LOGO")]
    pub logo: Option<std::path::PathBuf>,
    /// The municipality (CBS code, e.g. GM1525) whose villages the home page offers and
    /// whose map is drawn for searches without a place.
    #[arg(long, env = "WEGWIJS_MUNICIPALITY", default_value = "GM1525", value_parser = parse_municipality)]
    pub municipality: String,
    /// A tile server URL template, e.g. `https://tile.example.org/{z}/{x}/{y}.png`, to
    /// show result maps on map tiles. Visitors' browsers then fetch tiles from that
    /// server; without it maps are drawn from the built-in boundaries only.
    #[arg(long, env = "WEGWIJS_TILE_URL", value_parser = parse_tile_url)]
    pub tile_url: Option<String>,
    /// The credit line the tile server requires, e.g. "© OpenStreetMap-bijdragers".
    #[arg(long, env = "WEGWIJS_TILE_ATTRIBUTION")]
    pub tile_attribution: Option<String>,
    /// The licence the open data is published under, named on the API page.
    #[arg(long, env = "WEGWIJS_DATA_LICENCE", default_value = "CC BY 4.0")]
    pub data_licence: String,
    /// Fields a provider may change without review, comma-separated, e.g.
    /// `opening_hours,phones,email`. Default: every change is reviewed.
    #[arg(long, env = "WEGWIJS_PUBLISH_DIRECTLY", value_delimiter = ',', value_parser = parse_direct_field)]
    pub publish_directly: Vec<String>,
    /// Months after the last check from which public pages warn that the information
    /// was not checked for a long time (a month is 30 days).
    #[arg(long, env = "WEGWIJS_WARN_AFTER_MONTHS", default_value_t = 12, value_parser = clap::value_parser!(u16).range(1..=240))]
    pub warn_after_months: u16,
    /// Months after the last check from which a service is hidden from the public site,
    /// the API and search until it is verified again (it is not deleted). Must come
    /// after the reminders and the editors' escalation (12 months) and a month's notice.
    #[arg(long, env = "WEGWIJS_HIDE_AFTER_MONTHS", default_value_t = 18, value_parser = clap::value_parser!(u16).range(1..=240))]
    pub hide_after_months: u16,
}

impl SiteArgs {
    /// The freshness thresholds: the defaults with the public ones from the flags,
    /// checked so that every record passes the stages in order.
    pub fn freshness(&self) -> anyhow::Result<wegwijs_domain::FreshnessPolicy> {
        let months = |n: u16| wegwijs_domain::freshness::months(i64::from(n));
        let policy = wegwijs_domain::FreshnessPolicy {
            public_warning: months(self.warn_after_months),
            hide_after: months(self.hide_after_months),
            ..wegwijs_domain::FreshnessPolicy::default()
        };
        policy.check().map_err(|reason| {
            anyhow::anyhow!(
                "--warn-after-months {} --hide-after-months {} cannot be used: {reason}",
                self.warn_after_months,
                self.hide_after_months
            )
        })?;
        Ok(policy)
    }
}

/// Fields that may be published without review: small facts that go out of date and
/// that an editor does not need to word-check. Names as in the stored records.
const DIRECT_FIELDS: &[&str] =
    &["opening_hours", "phones", "email", "url", "website", "wait_time", "fees_description", "costs", "status"];

fn parse_direct_field(raw: &str) -> Result<String, String> {
    let field = raw.trim();
    if DIRECT_FIELDS.contains(&field) {
        Ok(field.to_owned())
    } else {
        Err(format!("{raw:?} cannot be published without review; choose from {}", DIRECT_FIELDS.join(", ")))
    }
}

fn parse_public_url(raw: &str) -> Result<String, String> {
    let url = url::Url::parse(raw).map_err(|e| format!("{raw:?} is not a URL: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(format!("{raw:?} must start with https:// (or http://) and name a host"));
    }
    Ok(raw.trim_end_matches('/').to_owned())
}

fn parse_tile_url(raw: &str) -> Result<String, String> {
    let template = raw.trim();
    wegwijs_web::map::check_tile_url(template).map_err(|e| format!("{raw:?}: {e}"))?;
    Ok(template.to_owned())
}

fn parse_accent(raw: &str) -> Result<String, String> {
    wegwijs_web::Brand::accent_colour(raw).map_err(|e| e.to_string())
}

fn parse_municipality(raw: &str) -> Result<String, String> {
    let code = raw.trim().to_ascii_uppercase();
    wegwijs_domain::geo::builtin()
        .municipality(&code)
        .map(|m| m.code.clone())
        .ok_or_else(|| format!("{raw:?} is not a Dutch municipality code (CBS, e.g. GM1525 for Teylingen)"))
}

impl SiteArgs {
    /// The web settings these arguments ask for.
    pub fn config(&self) -> anyhow::Result<WebConfig> {
        let logo = match &self.logo {
            Some(path) => Some(
                wegwijs_web::Brand::logo_file(path)
                    .with_context(|| format!("cannot use {} as the logo", path.display()))?,
            ),
            None => None,
        };
        if self.tile_url.is_some() && self.tile_attribution.as_deref().is_none_or(|a| a.trim().is_empty()) {
            tracing::warn!("--tile-url without --tile-attribution: most tile servers require a credit line");
        }
        Ok(WebConfig {
            site_name: self.site_name.clone(),
            public_url: self.public_url.clone(),
            brand: wegwijs_web::Brand { accent: self.accent_colour.clone(), logo },
            home_municipality: Some(self.municipality.clone()),
            tile_url: self.tile_url.clone(),
            tile_attribution: self.tile_attribution.clone().unwrap_or_default(),
            data_licence: self.data_licence.clone(),
            publish_directly: self.publish_directly.clone(),
            freshness: self.freshness()?,
            ..WebConfig::default()
        })
    }
}

/// Starts the server and runs until Ctrl-C or SIGTERM.
pub async fn run(database_url: &str, args: Args) -> anyhow::Result<()> {
    // Every setting is checked before anything is opened or started.
    let mut site = args.site.config()?;
    site.freshness = args.upkeep.policy(site.freshness)?;
    let config = Arc::new(site);
    let store = super::migrate::run(database_url).await?;
    if args.demo {
        if store.service_count().await? == 0 {
            super::demo::fill(&store, args.demo_scale as usize, 1525, super::demo::today(), false).await?;
        } else {
            tracing::info!("the database already has services; --demo adds nothing");
        }
    }
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .with_context(|| format!("cannot listen on {} (is another program using it?)", args.addr))?;
    let address = listener.local_addr()?;

    let index = args.index.open(database_url)?;
    let follower = Follower::new(store.clone(), index.clone());
    if index.applied_seq()? == 0 {
        eprintln!("Building the search index…");
    }
    follower.catch_up().await.context("cannot bring the search index up to date")?;
    let search_log = SearchLog::default();
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let until_stopped = move || {
        let mut stopped = stopped.clone();
        async move {
            let _ = stopped.wait_for(|stop| *stop).await;
        }
    };
    let following = tokio::spawn(follower.run(FOLLOW_INTERVAL, until_stopped()));
    let logging = tokio::spawn(search_log.clone().run(store.clone(), LOG_FLUSH_INTERVAL, until_stopped()));

    // Map boundaries are parsed now rather than on the first visitor's page.
    tokio::task::spawn_blocking(wegwijs_web::map::preload).await?;
    let mut config = config;
    Arc::make_mut(&mut config).listen_origin = format!("http://{address}");
    if config.public_url.is_none() {
        tracing::warn!("no --public-url: links in mails point to http://{address}, which only works on this computer");
    }
    let mailer = Arc::new(args.mail.mailer(&config.site_name)?);
    tracing::info!(mail = %mailer.describe(), "mail");
    let upkeep = args.upkeep.config(config.freshness, config.link_origin().to_owned());
    let demo_with_smtp = args.demo && args.mail.smtp_url.as_deref().is_some_and(|url| !url.trim().is_empty());
    let reminding = match upkeep {
        // The demo organisations have addresses that look real: remind them in the outbox only.
        Some(_) if demo_with_smtp => {
            tracing::warn!(
                "reminders are off: --demo with an SMTP server would mail the demo organisations' addresses"
            );
            None
        }
        Some(upkeep) => {
            let scheduler = wegwijs_upkeep::Upkeep::new(store.clone(), mailer.clone(), upkeep);
            Some(tokio::spawn(scheduler.run(args.upkeep.interval(), until_stopped())))
        }
        None => {
            tracing::info!("reminders are switched off (--reminder-interval-minutes 0)");
            None
        }
    };
    let state = AppState { search_log, ..AppState::new(store.clone(), index, config, mailer) };
    eprintln!("Wegwijs is running: open http://{address}/ in your browser (Ctrl-C stops).");
    let served = wegwijs_web::serve(state, listener, wegwijs_web::shutdown_signal()).await;
    let _ = stop.send(true);
    let _ = following.await;
    let _ = logging.await;
    if let Some(reminding) = reminding {
        let _ = reminding.await;
    }
    // Closing the pool lets SQLite checkpoint its write-ahead log into the database file.
    store.close().await;
    served.context("the server stopped with an error")
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        site: SiteArgs,
    }

    fn freshness(args: &[&str]) -> anyhow::Result<wegwijs_domain::FreshnessPolicy> {
        Cli::try_parse_from(std::iter::once("serve").chain(args.iter().copied())).unwrap().site.freshness()
    }

    #[test]
    fn the_public_thresholds_come_from_the_flags_and_are_checked() {
        use wegwijs_domain::freshness::months;
        let default = freshness(&[]).unwrap();
        assert_eq!((default.public_warning, default.hide_after), (months(12), months(18)));
        let set = freshness(&["--warn-after-months", "14", "--hide-after-months", "24"]).unwrap();
        assert_eq!((set.public_warning, set.hide_after), (months(14), months(24)));
        let late_warning = freshness(&["--warn-after-months", "20"]).unwrap_err().to_string();
        assert!(
            late_warning.contains("--warn-after-months 20") && late_warning.contains("before hiding"),
            "{late_warning}"
        );
        let early_hiding = freshness(&["--hide-after-months", "12"]).unwrap_err().to_string();
        assert!(early_hiding.contains("--hide-after-months 12") && early_hiding.contains("hiding"), "{early_hiding}");
        assert!(Cli::try_parse_from(["serve", "--hide-after-months", "0"]).is_err(), "at least a month");
    }
}
