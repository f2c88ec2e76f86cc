//! The connection pool, migrations, the private local cluster and the demo data set.

pub mod cluster;
pub mod demo;

use std::time::Duration;

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
    pub pool: PgPool,
    cluster: Option<LocalCluster>,
}

impl Database {
    /// Connects to `DATABASE_URL`, or starts (creating on first use) the private cluster.
    pub async fn open(settings: &Settings) -> Result<Self, DatabaseError> {
        let (options, cluster) = match &settings.database {
            Some(options) => (options.clone(), None),
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
        Ok(Self { pool, cluster })
    }

    /// Closes the pool, then stops the private cluster if there is one.
    pub async fn close(mut self) {
        self.pool.close().await;
        if let Some(mut cluster) = self.cluster.take() {
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
