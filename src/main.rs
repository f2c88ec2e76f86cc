//! The command line: serve (default), migrate, demo-data, check.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use police_portal::config::Settings;
use police_portal::database::{self, Database, demo};
use police_portal::startup::Application;
use police_portal::telemetry;

#[derive(Parser)]
#[command(name = "police-portal", version, about = "Community police portal")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
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
    /// The working-day calendar statutory deadlines are counted in.
    Calendar {
        #[command(subcommand)]
        what: CalendarWhat,
    },
    /// Import directory data from a CSV or GeoJSON file (all or nothing, by external id).
    Import {
        #[command(subcommand)]
        what: ImportWhat,
    },
}

#[derive(Subcommand)]
enum StaffWhat {
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
    /// List the accounts.
    List,
}

#[derive(Subcommand)]
enum CalendarWhat {
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
enum ImportWhat {
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

#[actix_web::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    telemetry::init();
    let settings = match Settings::from_env() {
        Ok(s) => s,
        Err(e) => return fail(&e),
    };
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(settings).await,
        Command::Migrate => migrate(settings).await,
        Command::DemoData => demo_data(settings).await,
        Command::Check => check(settings).await,
        Command::Import { what } => import(settings, what).await,
        Command::Calendar { what } => calendar(settings, what).await,
        Command::Staff { what } => staff(settings, what).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e.as_ref()),
    }
}

type CliResult = Result<(), Box<dyn std::error::Error>>;

/// One sentence on standard error and a non-zero exit; never a panic or a backtrace.
fn fail(error: &dyn std::error::Error) -> ExitCode {
    eprintln!("police-portal: {error}.");
    ExitCode::FAILURE
}

async fn serve(mut settings: Settings) -> CliResult {
    settings.ensure_secret_key()?;
    let db = Database::open(&settings).await?;
    let prepared = prepare(&db, &settings).await;
    let has_demo = match prepared {
        Ok(has_demo) => has_demo,
        Err(e) => {
            db.close().await;
            return Err(e);
        }
    };
    let app = match Application::build(settings.clone(), db.pool.clone(), has_demo) {
        Ok(app) => app,
        Err(e) => {
            db.close().await;
            return Err(e.into());
        }
    };
    let host = settings
        .addr
        .rsplit_once(':')
        .map_or("127.0.0.1", |(h, _)| h);
    println!(
        "The police portal is running at http://{host}:{}/ (press Ctrl-C to stop).",
        app.port()
    );
    let served = app.run_until_stopped().await;
    db.close().await;
    println!("The police portal has stopped.");
    served.map_err(Into::into)
}

/// Migrations, then demo data when the database is empty; returns whether demo data is present.
async fn prepare(db: &Database, settings: &Settings) -> Result<bool, Box<dyn std::error::Error>> {
    database::migrate(&db.pool).await?;
    if settings.demo_data && demo::is_empty(&db.pool).await? {
        let summary = demo::load(&db.pool).await?;
        tracing::info!(%summary, "demo data loaded");
    }
    Ok(demo::is_present(&db.pool).await?)
}

async fn migrate(settings: Settings) -> CliResult {
    let db = Database::open(&settings).await?;
    let result = database::migrate(&db.pool).await;
    db.close().await;
    result?;
    println!("Migrations applied.");
    Ok(())
}

async fn demo_data(settings: Settings) -> CliResult {
    let db = Database::open(&settings).await?;
    let result = async {
        database::migrate(&db.pool).await?;
        Ok::<_, Box<dyn std::error::Error>>(demo::load(&db.pool).await?)
    }
    .await;
    db.close().await;
    println!("Demo data loaded: {}.", result?);
    Ok(())
}

async fn check(settings: Settings) -> CliResult {
    for (name, value) in settings.describe() {
        println!("{name:<20} {value}");
    }
    let db = Database::open(&settings).await?;
    let answered = police_portal::store::ping(&db.pool).await;
    db.close().await;
    match answered {
        Ok(()) => {
            println!("{:<20} answers", "database");
            Ok(())
        }
        Err(e) => Err(Box::new(database::DatabaseError::Connect(e))),
    }
}

async fn import(settings: Settings, what: ImportWhat) -> CliResult {
    let db = Database::open(&settings).await?;
    let result = async {
        database::migrate(&db.pool).await?;
        let report = match &what {
            ImportWhat::Posts { file } => police_portal::import::import_posts(&db.pool, file).await,
            ImportWhat::Gazetteer { file } => {
                police_portal::import::import_places(&db.pool, file).await
            }
            ImportWhat::Inspectors { file, photos } => {
                police_portal::import::import_inspectors(
                    &db.pool,
                    file,
                    photos.as_deref(),
                    &settings.data_dir,
                )
                .await
            }
            ImportWhat::Beats { file } => {
                police_portal::import::import_beats(&db.pool, file, settings.city_bounds).await
            }
        }?;
        Ok::<_, Box<dyn std::error::Error>>(report)
    }
    .await;
    db.close().await;
    println!("Imported: {}.", result?);
    Ok(())
}

#[derive(Debug, thiserror::Error)]
#[error("'{0}' is not a date; use YYYY-MM-DD")]
struct BadDate(String);

async fn calendar(settings: Settings, what: CalendarWhat) -> CliResult {
    use police_portal::store::submissions;
    let db = Database::open(&settings).await?;
    let result = async {
        database::migrate(&db.pool).await?;
        match what {
            CalendarWhat::Add {
                date,
                working,
                note,
            } => {
                let day = chrono::NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
                    .map_err(|_| BadDate(date.clone()))?;
                submissions::set_calendar_day(&db.pool, day, working, &note).await?;
                println!(
                    "{day} is now a {} day.",
                    if working { "working" } else { "non-working" }
                );
            }
            CalendarWhat::List => {
                for (day, working, note) in submissions::calendar_days(&db.pool).await? {
                    let kind = if working { "working" } else { "day off" };
                    println!("{day}  {kind:<8}  {note}");
                }
            }
        }
        Ok::<_, Box<dyn std::error::Error>>(())
    }
    .await;
    db.close().await;
    result
}

#[derive(Debug, thiserror::Error)]
enum StaffCliError {
    #[error("the password must have at least {0} characters")]
    ShortPassword(usize),
    #[error("'{0}' is not an e-mail address")]
    BadEmail(String),
    #[error("an account with the e-mail {0} already exists")]
    Exists(String),
    #[error("there is no account with the e-mail {0}")]
    Missing(String),
    #[error("the password could not be read: {0}")]
    Read(String),
}

/// The password from a hidden prompt on a terminal, or the first line of standard input.
fn read_password() -> Result<String, StaffCliError> {
    use std::io::IsTerminal;
    let password = if std::io::stdin().is_terminal() {
        rpassword::prompt_password("Password: ").map_err(|e| StaffCliError::Read(e.to_string()))?
    } else {
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .map_err(|e| StaffCliError::Read(e.to_string()))?;
        line.trim_end_matches(['\n', '\r']).to_string()
    };
    Ok(password)
}

async fn staff(settings: Settings, what: StaffWhat) -> CliResult {
    use police_portal::domain::moderation::StaffRole;
    use police_portal::store::staff as accounts;
    use police_portal::web::staff::{MIN_PASSWORD_CHARS, hash_password};
    // Read the password before the database starts, so that a prompt is not interleaved.
    let password = match &what {
        StaffWhat::Add { .. } => Some(read_password()?),
        _ => None,
    };
    let db = Database::open(&settings).await?;
    let result = async {
        database::migrate(&db.pool).await?;
        match what {
            StaffWhat::Add { email, name, role } => {
                let email = email.trim().to_lowercase();
                if police_portal::domain::submission::Email::parse(&email).is_none() {
                    return Err(StaffCliError::BadEmail(email).into());
                }
                let password = password.unwrap_or_default();
                if password.chars().count() < MIN_PASSWORD_CHARS {
                    return Err(StaffCliError::ShortPassword(MIN_PASSWORD_CHARS).into());
                }
                let role = StaffRole::parse(&role).unwrap_or(StaffRole::Moderator);
                let hash =
                    hash_password(&password).map_err(|e| StaffCliError::Read(e.to_string()))?;
                if !accounts::create(&db.pool, &email, name.trim(), role, &hash).await? {
                    return Err(StaffCliError::Exists(email).into());
                }
                println!("Added {email} ({}).", role.code());
            }
            StaffWhat::Disable { email } => {
                let email = email.trim().to_lowercase();
                if !accounts::disable(&db.pool, &email).await? {
                    return Err(StaffCliError::Missing(email).into());
                }
                println!("Disabled {email}; its sessions have ended.");
            }
            StaffWhat::List => {
                for a in accounts::list(&db.pool).await? {
                    let state = if a.active { "active" } else { "disabled" };
                    println!(
                        "{:<40} {:<10} {:<9} {}",
                        a.email,
                        a.role.code(),
                        state,
                        a.name
                    );
                }
            }
        }
        Ok::<_, Box<dyn std::error::Error>>(())
    }
    .await;
    db.close().await;
    result
}
