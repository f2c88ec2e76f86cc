//! `police-portal serve` (the default): migrate, load demo data into an empty database, serve
//! until Ctrl-C or SIGTERM, then stop the private cluster.

use super::CliResult;
use crate::config::Settings;
use crate::database::{self, Database, demo};
use crate::startup::{Application, shared_secret};

pub async fn serve(mut settings: Settings) -> CliResult {
    let db = Database::open(&settings).await?;
    let prepared = async {
        let has_demo = prepare(&db, &settings).await?;
        shared_secret(&mut settings, &db.pool).await?;
        let serving = db.serving_pool().await?;
        let app = Application::build(settings.clone(), serving.clone(), has_demo)?;
        Ok::<_, Box<dyn std::error::Error>>((app, serving))
    }
    .await;
    let (app, serving_pool) = match prepared {
        Ok(prepared) => prepared,
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
    let draining = app.draining();
    let server = app.run_until_stopped();
    tokio::pin!(server);
    let served: CliResult = tokio::select! {
        served = &mut server => served.map_err(Into::into),
        () = stop_signal() => {
            tracing::info!("stopping: answering open connections, then finishing requests");
            Application::shut_down(handle, draining).await;
            server.await.map_err(Into::into)
        }
        () = housekeeping(&serving_pool) => Ok(()),
        failed = db.supervise() => {
            tracing::error!(error = %failed, "PostgreSQL cannot be restarted; stopping");
            drop(handle.stop(true));
            server.await.ok();
            Err(failed.into())
        }
    };
    db.close().await;
    println!("The police portal has stopped.");
    served
}

/// Deletes rate-limit windows and staff sessions nobody needs any more, every minute, on
/// every instance (the deletes are idempotent). Never returns.
async fn housekeeping(pool: &sqlx::PgPool) {
    /// Rate-limit windows are kept ten minutes; sessions a month after they ended.
    const LIMITS_KEPT_SECS: i32 = 600;
    const SESSIONS_KEPT_SECS: f64 = 30.0 * 24.0 * 3600.0;
    loop {
        tokio::time::sleep(std::time::Duration::from_secs(60)).await;
        if let Err(e) = crate::store::limits::forget_old(pool, LIMITS_KEPT_SECS).await {
            tracing::warn!(error = %e, "old rate-limit windows were not deleted");
        }
        if let Err(e) = crate::store::sessions::forget_old(pool, SESSIONS_KEPT_SECS).await {
            tracing::warn!(error = %e, "old staff sessions were not deleted");
        }
    }
}

/// Ctrl-C or SIGTERM.
async fn stop_signal() {
    use tokio::signal::unix::{SignalKind, signal};
    let (Ok(mut term), Ok(mut int)) = (
        signal(SignalKind::terminate()),
        signal(SignalKind::interrupt()),
    ) else {
        // Without signal handlers the portal is stopped by the service manager's kill.
        return std::future::pending().await;
    };
    tokio::select! {
        _ = term.recv() => {}
        _ = int.recv() => {}
    }
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
