//! Keeping the private server running: a crashed server is reaped, the lock files it left
//! are cleared and it is started again; a server still shutting down from an earlier run of
//! the portal is waited for instead of being taken for another one.

use std::fs;

use sqlx::Connection;
use std::path::Path;
use std::time::{Duration, Instant};

use super::process::spawn_server;
use super::{ClusterError, LocalCluster, clear_stale_pid_file};

/// How long a start waits for an earlier server on the same directory to finish shutting
/// down (it is told to when the portal that started it dies).
const OLD_SERVER_GRACE: Duration = Duration::from_secs(15);

/// What a check of the server found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ServerState {
    Running,
    /// It had exited and was started again.
    Restarted,
}

/// Whether a server answers on the cluster's socket.
pub(super) async fn accepts_connections(socket_dir: &Path) -> bool {
    let options = sqlx::postgres::PgConnectOptions::new()
        .socket(socket_dir)
        .username(super::CLUSTER_USER)
        .database("postgres");
    match sqlx::PgConnection::connect_with(&options).await {
        Ok(conn) => {
            let _ = conn.close().await;
            true
        }
        Err(_) => false,
    }
}

/// Clears a stale `postmaster.pid`, waiting while it names a server still shutting down.
pub(super) async fn wait_for_old_server(dir: &Path) -> Result<(), ClusterError> {
    let deadline = Instant::now() + OLD_SERVER_GRACE;
    loop {
        match clear_stale_pid_file(dir) {
            Err(ClusterError::AlreadyRunning { pid, .. }) if Instant::now() < deadline => {
                tracing::info!(
                    pid,
                    "an earlier PostgreSQL server is still shutting down; waiting"
                );
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            done => return done,
        }
    }
}

impl LocalCluster {
    /// Reaps the server if it exited, clears what it left and starts it again.
    pub async fn keep_running(&mut self) -> Result<ServerState, ClusterError> {
        if self.attached {
            // The portal that started the server supervises it.
            return Ok(ServerState::Running);
        }
        if let Some(child) = self.child.as_mut() {
            match child.try_wait() {
                Ok(None) => return Ok(ServerState::Running),
                Ok(Some(status)) => {
                    tracing::warn!(%status, "the private PostgreSQL server exited; restarting it")
                }
                Err(e) => tracing::warn!(error = %e, "the private PostgreSQL server is gone"),
            }
        }
        // try_wait has reaped it: the pid in the lock files names no process any more.
        self.child = None;
        clear_stale_pid_file(&self.dir)?;
        let socket_lock = self.socket_dir.join(".s.PGSQL.5432.lock");
        if fs::remove_file(&socket_lock).is_ok() {
            tracing::info!(file = %socket_lock.display(), "removed the stale socket lock");
        }
        let child = spawn_server(
            &self.binaries,
            &self.dir,
            &self.socket_dir,
            self.user.as_ref(),
            &self.log,
            &self.options,
        )?;
        self.child = Some(child);
        let log = self.log.clone();
        self.wait_until_ready(&log).await?;
        tracing::info!("the private PostgreSQL server is running again");
        Ok(ServerState::Restarted)
    }
}
