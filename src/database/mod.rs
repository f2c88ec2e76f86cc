//! The connection pool, migrations, the private local cluster and the demo data set.

pub mod cluster;
pub mod demo;

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Mutex;

use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::config::Settings;
use cluster::{ClusterError, ClusterOptions, LocalCluster, PORTAL_DATABASE};

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Why the database could not be reached or prepared; one sentence each.
#[derive(Debug, thiserror::Error)]
pub enum DatabaseError {
    #[error(transparent)]
    Cluster(#[from] ClusterError),
    #[error(
        "the database does not answer ({0}); check DATABASE_URL and that the server is running"
    )]
    Connect(sqlx::Error),
    #[error("applying the migrations failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// The portal's database: a pool, and the private cluster behind it when the portal runs one.
pub struct Database {
    /// The owner's pool: migrations, demo data and the command line.
    pub pool: PgPool,
    /// The serving role's pool on an external server, when DATABASE_OWNER_URL names another
    /// role for the owner.
    serving: Option<PgPool>,
    cluster: Option<Arc<Mutex<LocalCluster>>>,
}

/// Restarts of a crashed private server tried before the portal gives up and exits, so that
/// a service manager can restart it; the wait doubles after each failed one.
const RESTART_ATTEMPTS: u32 = 5;

impl Database {
    /// Connects to `DATABASE_URL`, or starts (creating on first use) the private cluster.
    pub async fn open(settings: &Settings) -> Result<Self, DatabaseError> {
        let (options, cluster) = match &settings.database {
            Some(options) => (
                settings
                    .database_owner
                    .clone()
                    .unwrap_or_else(|| options.clone()),
                None,
            ),
            None => {
                let options = ClusterOptions {
                    pg_bin_dir: settings.pg_bin_dir.clone(),
                    ephemeral: false,
                };
                let cluster = LocalCluster::start(&settings.data_dir, &options).await?;
                tracing::info!(dir = %cluster.dir().display(), "private PostgreSQL cluster started");
                (cluster.connect_options(PORTAL_DATABASE), Some(cluster))
            }
        };
        let pool = connect(options).await?;
        let serving = match (&settings.database, &settings.database_owner) {
            (Some(serving), Some(_)) => Some(connect(serving.clone()).await?),
            _ => None,
        };
        let cluster = cluster.map(|c| Arc::new(Mutex::new(c)));
        Ok(Self {
            pool,
            serving,
            cluster,
        })
    }

    /// A `DATABASE_URL` for the owner and the PostgreSQL installation to run tools from, for
    /// backups: the private cluster's, or the one found on this machine for an external server.
    pub async fn owner_url_and_binaries(
        &self,
        settings: &Settings,
    ) -> Result<(String, cluster::Binaries), DatabaseError> {
        if let Some(cluster) = &self.cluster {
            let cluster = cluster.lock().await;
            return Ok((cluster.url(PORTAL_DATABASE), cluster.binaries().clone()));
        }
        let url = settings
            .database_owner_url
            .clone()
            .or_else(|| settings.database_url.clone())
            .unwrap_or_default();
        let binaries = cluster::find_binaries(settings.pg_bin_dir.as_deref())?;
        let newest = binaries.into_iter().next();
        newest
            .map(|b| (url, b))
            .ok_or_else(|| DatabaseError::Cluster(ClusterError::BinariesNotFound(String::new())))
    }

    /// The pool the portal serves with, after the migrations: the private cluster's serving
    /// role (created on first use), or DATABASE_URL's role when an owner is named apart.
    pub async fn serving_pool(&self) -> Result<PgPool, DatabaseError> {
        if let Some(cluster) = &self.cluster {
            let options = cluster.lock().await.serving_options().await?;
            return connect(options).await;
        }
        Ok(self.serving.clone().unwrap_or_else(|| self.pool.clone()))
    }

    /// Watches the private server and restarts it after a crash; returns only when it cannot
    /// be restarted. Without a private server (DATABASE_URL) it never returns.
    pub async fn supervise(&self) -> ClusterError {
        let Some(cluster) = self.cluster.clone() else {
            return std::future::pending().await;
        };
        let mut failures = 0;
        loop {
            let wait = Duration::from_secs(1 << failures.min(5));
            tokio::time::sleep(if failures == 0 {
                Duration::from_millis(500)
            } else {
                wait
            })
            .await;
            match cluster.lock().await.keep_running().await {
                Ok(_) => failures = 0,
                Err(e) if failures + 1 < RESTART_ATTEMPTS => {
                    failures += 1;
                    tracing::error!(error = %e, attempt = failures, "restarting PostgreSQL failed");
                }
                Err(e) => return e,
            }
        }
    }

    /// Closes the pool, then stops the private cluster if there is one.
    pub async fn close(mut self) {
        if let Some(serving) = self.serving.take() {
            serving.close().await;
        }
        self.pool.close().await;
        if let Some(cluster) = self.cluster.take() {
            let mut cluster = cluster.lock_owned().await;
            tokio::task::spawn_blocking(move || cluster.stop())
                .await
                .ok();
        }
    }
}

/// A pool that fails fast when the server is gone instead of hanging a request.
pub async fn connect(options: PgConnectOptions) -> Result<PgPool, DatabaseError> {
    PgPoolOptions::new()
        .max_connections(20)
        .acquire_timeout(Duration::from_secs(5))
        .connect_with(options)
        .await
        .map_err(DatabaseError::Connect)
}

pub async fn migrate(pool: &PgPool) -> Result<(), DatabaseError> {
    MIGRATOR.run(pool).await?;
    Ok(())
}
