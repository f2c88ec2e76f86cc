//! `police-portal serve` (the default): migrate, load demo data into an empty database, serve
//! until Ctrl-C or SIGTERM, then stop the private cluster.

use super::CliResult;
use crate::config::Settings;
use crate::database::{self, Database, demo};
use crate::startup::Application;

pub async fn serve(mut settings: Settings) -> CliResult {
    settings.ensure_secret_key()?;
    let db = Database::open(&settings).await?;
    let prepared = async {
        let has_demo = prepare(&db, &settings).await?;
        let serving = db.serving_pool().await?;
        Ok::<_, Box<dyn std::error::Error>>(Application::build(
            settings.clone(),
            serving,
            has_demo,
        )?)
    }
    .await;
    let app = match prepared {
        Ok(app) => app,
        Err(e) => {
            db.close().await;
            return Err(e);
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
    let handle = app.handle();
    let served: CliResult = tokio::select! {
        served = app.run_until_stopped() => served.map_err(Into::into),
        failed = db.supervise() => {
            tracing::error!(error = %failed, "PostgreSQL cannot be restarted; stopping");
            handle.stop(true).await;
            Err(failed.into())
        }
    };
    db.close().await;
    println!("The police portal has stopped.");
    served
}

/// Migrations, then demo data when the database is empty; returns whether demo data is present.
async fn prepare(db: &Database, settings: &Settings) -> CliResult<bool> {
    database::migrate(&db.pool).await?;
    if settings.demo_data && demo::is_empty(&db.pool).await? {
        let summary = demo::load(&db.pool).await?;
        tracing::info!(%summary, "demo data loaded");
    }
    Ok(demo::is_present(&db.pool).await?)
}
