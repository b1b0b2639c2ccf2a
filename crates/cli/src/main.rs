//! The `wegwijs` command: every way to run and feed a Wegwijs sociale kaart.
//! Subcommands parse their arguments and call library code; nothing else lives here.

mod batch;
mod commands;
mod progress;

use clap::{Parser, Subcommand};

/// Wegwijs: the sociale kaart of your municipality.
#[derive(Debug, Parser)]
#[command(name = "wegwijs", version, about, long_about = None)]
struct Cli {
    /// Database to use: a SQLite file path or URL (`sqlite:wegwijs.db`), or a
    /// PostgreSQL URL (`postgres://user@host/db`).
    #[arg(long, global = true, env = "WEGWIJS_DATABASE_URL", default_value = "sqlite:wegwijs.db")]
    database_url: String,

    /// Log format: `text` for people, `json` for log collectors.
    #[arg(long, global = true, env = "WEGWIJS_LOG_FORMAT", default_value = "text", value_parser = ["text", "json"])]
    log_format: String,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Start the web server.
    Serve(commands::serve::Args),
    /// Fill the database with a generated, realistic demo data set.
    Demo(commands::demo::Args),
    /// Import records from a file.
    #[command(subcommand)]
    Import(commands::import::Format),
    /// Export records to a file.
    #[command(subcommand)]
    Export(commands::export::Format),
    /// Create or update the database tables and the built-in taxonomies.
    Migrate,
    /// Rebuild the search index from the database.
    Reindex(commands::search_index::IndexArgs),
    /// Measure performance (see BENCHMARKS.md).
    #[command(subcommand)]
    Bench(commands::bench::Bench),
    /// Manage accounts: add, list, disable, set a password.
    #[command(subcommand)]
    User(commands::user::UserCommand),
    /// Simulate months of reminders, confirmations and editors' calls on a fake clock.
    Simulate(commands::simulate::Args),
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    init_logging(&cli.log_format);
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the async runtime: {error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let database_url = cli.database_url;
    let result = runtime.block_on(async move {
        match cli.command {
            Command::Serve(args) => commands::serve::run(&database_url, args).await,
            Command::Demo(args) => commands::demo::run(&database_url, args).await,
            Command::Import(format) => commands::import::run(&database_url, format).await,
            Command::Export(format) => commands::export::run(&database_url, format).await,
            Command::Migrate => commands::migrate::run(&database_url).await.map(|_| ()),
            Command::Reindex(args) => commands::reindex::run(&database_url, args).await,
            Command::Bench(bench) => commands::bench::run(bench).await,
            Command::User(command) => commands::user::run(&database_url, command).await,
            Command::Simulate(args) => commands::simulate::run(&database_url, args).await,
        }
    });
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn init_logging(format: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("WEGWIJS_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    // Colours only for people at a terminal; log files and CI logs get plain text.
    let colours = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_ansi(colours);
    if format == "json" {
        builder.json().init();
    } else {
        builder.init();
    }
}
