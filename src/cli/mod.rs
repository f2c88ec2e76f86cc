//! The commands: serve (the default), migrate, demo-data, check, import, calendar, staff,
//! api-key.
//! One file per command; each opens the database through `with_database`.

mod api_key;
mod backup;
mod calendar;
mod check;
mod import;
mod serve;
mod staff;

use std::future::Future;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use sqlx::PgPool;

use crate::config::Settings;
use crate::database::{self, Database, demo};
use crate::telemetry;

/// A command's outcome; the error is printed as one sentence.
pub type CliResult<T = ()> = Result<T, Box<dyn std::error::Error>>;

#[derive(Parser)]
#[command(name = "police-portal", version, about = "Community police portal")]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Serve the portal (the default): migrate, load demo data into an empty database, listen.
    Serve,
    /// Apply the database migrations and exit.
    Migrate,
    /// Load the demo data set, replacing earlier demo records.
    DemoData,
    /// Print the effective settings (secrets masked) and whether the database answers.
    Check,
    /// Staff accounts: add, disable, list.
    Staff {
        #[command(subcommand)]
        what: StaffWhat,
    },
    /// Open311 API keys for services that file residents' requests: issue, revoke, list.
    ApiKey {
        #[command(subcommand)]
        what: ApiKeyWhat,
    },
    /// The working-day calendar statutory deadlines are counted in.
    Calendar {
        #[command(subcommand)]
        what: CalendarWhat,
    },
    /// Back the whole database up to a file (pg_dump's custom format).
    Backup { file: PathBuf },
    /// Replace the database's contents with a backup (stop the portal first).
    Restore { file: PathBuf },
    /// Import directory data from a CSV or GeoJSON file (all or nothing, by external id).
    Import {
        #[command(subcommand)]
        what: ImportWhat,
    },
}

#[derive(Subcommand)]
pub enum StaffWhat {
    /// Add a staff member; the password is read from a prompt or standard input, never an argument.
    Add {
        email: String,
        #[arg(long)]
        name: String,
        #[arg(long, value_parser = ["moderator", "admin"])]
        role: String,
    },
    /// Disable an account and end its sessions.
    Disable { email: String },
    /// End every session of an account (a lost phone, a shared computer), or of all accounts.
    EndSessions {
        /// The account; omit with --all.
        email: Option<String>,
        #[arg(long, conflicts_with = "email")]
        all: bool,
    },
    /// Turn off an account's two-factor sign-in (a lost phone and lost recovery codes): its
    /// owner sets it up again at the next sign-in where it is required. Its sessions end.
    ResetTwoFactor { email: String },
    /// List the accounts.
    List,
}

#[derive(Subcommand)]
pub enum ApiKeyWhat {
    /// Issue a key to a named holder; the key is printed once.
    Issue { name: String },
    /// Revoke the key of a holder: requests with it get 403 from then on.
    Revoke { name: String },
    /// List the keys (never the keys themselves).
    List,
}

#[derive(Subcommand)]
pub enum CalendarWhat {
    /// Mark a date as a day off (a holiday, a moved day off) or, with --working, a working day.
    Add {
        /// YYYY-MM-DD
        date: String,
        #[arg(long)]
        working: bool,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// List the dates that differ from Monday to Friday.
    List,
}

#[derive(Subcommand)]
pub enum ImportWhat {
    /// Police posts; columns as in README.md.
    Posts { file: PathBuf },
    /// Gazetteer places: streets, houses, microdistricts, landmarks.
    #[command(alias = "places")]
    Gazetteer { file: PathBuf },
    /// District inspectors (CSV); photos are copied from the --photos folder.
    Inspectors {
        file: PathBuf,
        #[arg(long)]
        photos: Option<PathBuf>,
    },
    /// Beats (GeoJSON Polygons with holes), after the inspectors they name.
    Beats { file: PathBuf },
}

/// Parses the settings, runs the command, and turns its outcome into an exit code.
pub async fn run(cli: Cli) -> ExitCode {
    telemetry::init();
    return_large_allocations();
    let settings = match Settings::from_env() {
        Ok(s) => s,
        Err(e) => return fail(&e),
    };
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve::serve(settings).await,
        Command::Migrate => migrate(settings).await,
        Command::DemoData => demo_data(settings).await,
        Command::Check => check::check(settings).await,
        Command::Import { what } => import::import(settings, what).await,
        Command::Backup { file } => backup::backup(settings, &file).await,
        Command::Restore { file } => backup::restore(settings, &file).await,
        Command::Calendar { what } => calendar::calendar(settings, what).await,
        Command::Staff { what } => staff::staff(settings, what).await,
        Command::ApiKey { what } => api_key::api_key(settings, what).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e.as_ref()),
    }
}

/// Password hashing takes 19 MiB per hash (argon2id's default). glibc serves such blocks
/// from per-thread arenas once a first one is freed, and keeps them: a flood of sign-in
/// attempts would leave hundreds of MiB resident. A fixed threshold keeps blocks of 1 MiB
/// and more in their own mappings, returned to the system when freed.
fn return_large_allocations() {
    // SAFETY: mallopt only sets an allocator parameter; it is called before any other thread
    // of the portal exists.
    unsafe {
        nix::libc::mallopt(nix::libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

fn fail(error: &dyn std::error::Error) -> ExitCode {
    eprintln!("police-portal: {error}.");
    ExitCode::FAILURE
}

/// Opens the database (starting the private cluster if need be), applies the migrations,
/// does `work`, and closes the database whatever the outcome.
pub async fn with_database<T, F, W>(settings: &Settings, work: W) -> CliResult<T>
where
    W: FnOnce(PgPool) -> F,
    F: Future<Output = CliResult<T>>,
{
    let db = Database::open(settings).await?;
    let result = async {
        database::migrate(&db.pool).await?;
        work(db.pool.clone()).await
    }
    .await;
    db.close().await;
    result
}

async fn migrate(settings: Settings) -> CliResult {
    with_database(&settings, |_| async { Ok(()) }).await?;
    println!("Migrations applied.");
    Ok(())
}

async fn demo_data(settings: Settings) -> CliResult {
    let summary = with_database(
        &settings,
        |pool| async move { Ok(demo::load(&pool).await?) },
    )
    .await?;
    println!("Demo data loaded: {summary}.");
    Ok(())
}
