//! A private PostgreSQL cluster in a directory of the portal's, reached over a Unix socket only.

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill};
use nix::unistd::{Gid, Pid, Uid, User};
use sqlx::Connection;
use sqlx::postgres::{PgConnectOptions, PgConnection};

mod binaries;
mod process;
mod supervise;

pub use binaries::{Binaries, find_binaries};
use process::{init, last_log_line, spawn_server};
pub use supervise::ServerState;
use supervise::{accepts_connections, wait_for_old_server};

/// The superuser the cluster is created with: it owns the tables and runs the migrations.
pub const CLUSTER_USER: &str = "portal";
/// The role the portal serves as (a member of `portal_app`, migration 0008).
pub const SERVING_USER: &str = "portal_web";
/// The database the portal keeps its data in.
pub const PORTAL_DATABASE: &str = "portal";

/// Why the private cluster could not be used; each `Display` is one sentence for the operator.
#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    #[error(
        "PostgreSQL server binaries (initdb and postgres) were not found {0}; install them (on Debian: apt-get install postgresql) or set DATABASE_URL to an existing server"
    )]
    BinariesNotFound(String),
    #[error(
        "the data directory {path} cannot be used ({reason}); set PORTAL_DATA_DIR to a directory this user can write to"
    )]
    DataDir { path: PathBuf, reason: String },
    #[error(
        "running as root needs the 'postgres' system user to run the database server; install the postgresql package or run the portal as an ordinary user"
    )]
    NoPostgresUser,
    #[error(
        "the 'postgres' system user cannot reach {0}; set PORTAL_DATA_DIR to a directory every user can enter, such as one under /var/lib or /tmp"
    )]
    Unreachable(PathBuf),
    #[error(
        "the database cluster in {path} was made by PostgreSQL {found}, but only PostgreSQL {available} binaries were found; install version {found} or choose another PORTAL_DATA_DIR"
    )]
    VersionMismatch {
        path: PathBuf,
        found: String,
        available: String,
    },
    #[error(
        "another PostgreSQL server (pid {pid}) is already running on {path}; stop it or choose another PORTAL_DATA_DIR"
    )]
    AlreadyRunning { pid: i32, path: PathBuf },
    #[error("{step} failed: {detail}; the full log is in {log}")]
    Command {
        step: &'static str,
        detail: String,
        log: PathBuf,
    },
}

/// Options for creating or starting a cluster.
#[derive(Clone, Debug, Default)]
pub struct ClusterOptions {
    pub pg_bin_dir: Option<PathBuf>,
    /// Trade durability for speed; only for throwaway test clusters.
    pub ephemeral: bool,
}

/// A running private cluster. Stopping it (or dropping it) shuts the server down cleanly.
#[derive(Debug)]
pub struct LocalCluster {
    dir: PathBuf,
    socket_dir: PathBuf,
    child: Option<Child>,
    /// What the server was started with, to start it again after a crash.
    binaries: Binaries,
    user: Option<ServerUser>,
    log: PathBuf,
    options: ClusterOptions,
    /// Another process (a running portal) started the server; this one only connects to
    /// it, and neither supervises nor stops it.
    attached: bool,
}

/// The user the server runs as: ourselves, or `postgres` when we are root.
#[derive(Clone, Copy, Debug)]
struct ServerUser {
    uid: Uid,
    gid: Gid,
}

fn server_user() -> Result<Option<ServerUser>, ClusterError> {
    if !Uid::effective().is_root() {
        return Ok(None);
    }
    match User::from_name("postgres") {
        Ok(Some(user)) => Ok(Some(ServerUser {
            uid: user.uid,
            gid: user.gid,
        })),
        _ => Err(ClusterError::NoPostgresUser),
    }
}

impl LocalCluster {
    /// Creates the cluster under `base/pg` on first use, starts it, and makes sure the
    /// portal's database exists. Blocks until the server accepts connections.
    pub async fn start(base: &Path, options: &ClusterOptions) -> Result<Self, ClusterError> {
        let binaries = find_binaries(options.pg_bin_dir.as_deref())?;
        let base = prepare_base(base)?;
        let dir = base.join("pg");
        let user = server_user()?;
        if let Some(user) = &user {
            check_reachable(&base, user)?;
        }
        let log_path = base.join("postgres.log");
        let version_file = dir.join("PG_VERSION");
        let existing = fs::read_to_string(&version_file)
            .ok()
            .map(|v| v.trim().to_string());
        let chosen = match &existing {
            Some(found) => binaries
                .iter()
                .find(|b| &b.major == found)
                .cloned()
                .ok_or_else(|| ClusterError::VersionMismatch {
                    path: dir.clone(),
                    found: found.clone(),
                    available: binaries
                        .iter()
                        .map(|b| b.major.clone())
                        .collect::<Vec<_>>()
                        .join(", "),
                })?,
            None => binaries[0].clone(),
        };
        if existing.is_none() {
            init(&chosen, &dir, user.as_ref(), &log_path, options)?;
        }
        let socket_dir = socket_dir_for(&dir, user.as_ref())?;
        if existing.is_some() && accepts_connections(&socket_dir).await {
            // A portal serves from this directory: commands use its server.
            tracing::info!(dir = %dir.display(), "using the PostgreSQL server already running");
            let cluster = Self {
                dir,
                socket_dir,
                child: None,
                binaries: chosen,
                user,
                log: log_path,
                options: options.clone(),
                attached: true,
            };
            cluster.ensure_database(PORTAL_DATABASE).await?;
            return Ok(cluster);
        }
        wait_for_old_server(&dir).await?;
        let child = spawn_server(
            &chosen,
            &dir,
            &socket_dir,
            user.as_ref(),
            &log_path,
            options,
        )?;
        let mut cluster = Self {
            dir,
            socket_dir,
            child: Some(child),
            binaries: chosen,
            user,
            log: log_path.clone(),
            options: options.clone(),
            attached: false,
        };
        cluster.wait_until_ready(&log_path).await?;
        cluster.ensure_database(PORTAL_DATABASE).await?;
        Ok(cluster)
    }

    /// The PostgreSQL installation the server runs from.
    pub fn binaries(&self) -> &Binaries {
        &self.binaries
    }

    /// Connection options for `database` over the cluster's socket.
    pub fn connect_options(&self, database: &str) -> PgConnectOptions {
        PgConnectOptions::new()
            .socket(&self.socket_dir)
            .username(CLUSTER_USER)
            .database(database)
    }

    /// A `DATABASE_URL` for `database` over the socket, for handing to another process.
    pub fn url(&self, database: &str) -> String {
        // The socket path is a query value: only characters a path needs stay as they are.
        const PATH: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
            .remove(b'/')
            .remove(b'-')
            .remove(b'_')
            .remove(b'.');
        let host = percent_encoding::utf8_percent_encode(&self.socket_dir.to_string_lossy(), PATH)
            .to_string();
        format!("postgres://{CLUSTER_USER}@localhost/{database}?host={host}")
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    async fn wait_until_ready(&mut self, log: &Path) -> Result<(), ClusterError> {
        let deadline = Instant::now() + Duration::from_secs(60);
        let options = self.connect_options("postgres");
        loop {
            if let Some(child) = self.child.as_mut()
                && let Ok(Some(status)) = child.try_wait()
            {
                self.child = None;
                return Err(ClusterError::Command {
                    step: "starting PostgreSQL",
                    detail: format!("the server exited ({status}): {}", last_log_line(log)),
                    log: log.to_path_buf(),
                });
            }
            if let Ok(conn) = PgConnection::connect_with(&options).await {
                let _ = conn.close().await;
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(ClusterError::Command {
                    step: "starting PostgreSQL",
                    detail: format!(
                        "the server did not accept connections within a minute: {}",
                        last_log_line(log)
                    ),
                    log: log.to_path_buf(),
                });
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Options for the serving role, which is created (a member of `portal_app`) on first
    /// use; call after the migrations, which make `portal_app`.
    pub async fn serving_options(&self) -> Result<PgConnectOptions, ClusterError> {
        let fail = |e: sqlx::Error| ClusterError::Command {
            step: "creating the serving role",
            detail: e.to_string(),
            log: self.log.clone(),
        };
        let mut conn = PgConnection::connect_with(&self.connect_options(PORTAL_DATABASE))
            .await
            .map_err(fail)?;
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
            "DO $$ BEGIN
                 IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{SERVING_USER}') THEN
                     CREATE ROLE {SERVING_USER} LOGIN IN ROLE portal_app;
                 END IF;
             END $$"
        )))
        .execute(&mut conn)
        .await
        .map_err(fail)?;
        let _ = conn.close().await;
        Ok(self.connect_options(PORTAL_DATABASE).username(SERVING_USER))
    }

    /// Creates `database` if it does not exist yet.
    pub async fn ensure_database(&self, database: &str) -> Result<(), ClusterError> {
        let fail = |e: sqlx::Error| ClusterError::Command {
            step: "creating the portal database",
            detail: e.to_string(),
            log: self.dir.join("..").join("postgres.log"),
        };
        let mut conn = PgConnection::connect_with(&self.connect_options("postgres"))
            .await
            .map_err(fail)?;
        let exists: bool =
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
                .bind(database)
                .fetch_one(&mut conn)
                .await
                .map_err(fail)?;
        if !exists {
            // Identifiers cannot be bound; the name is ours and quoted.
            sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                "CREATE DATABASE \"{}\"",
                database.replace('"', "")
            )))
            .execute(&mut conn)
            .await
            .map_err(fail)?;
        }
        let _ = conn.close().await;
        Ok(())
    }

    /// Fast shutdown: open sessions are ended, data is checkpointed, the process exits.
    pub fn stop(&mut self) {
        let Some(mut child) = self.child.take() else {
            return;
        };
        let pid = Pid::from_raw(child.id() as i32);
        let _ = kill(pid, Signal::SIGINT);
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            match child.try_wait() {
                Ok(Some(_)) | Err(_) => break,
                Ok(None) if Instant::now() > deadline => {
                    let _ = kill(pid, Signal::SIGQUIT);
                    let _ = child.wait();
                    break;
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            }
        }
        tracing::info!(dir = %self.dir.display(), "private PostgreSQL cluster stopped");
    }
}

impl Drop for LocalCluster {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Creates the base directory and returns its absolute path.
fn prepare_base(base: &Path) -> Result<PathBuf, ClusterError> {
    let unusable = |reason: String| ClusterError::DataDir {
        path: base.to_path_buf(),
        reason,
    };
    fs::create_dir_all(base).map_err(|e| unusable(e.to_string()))?;
    let base = base.canonicalize().map_err(|e| unusable(e.to_string()))?;
    // Prove we can write here before handing anything to initdb.
    let probe = base.join(".write-test");
    fs::write(&probe, b"").map_err(|e| unusable(e.to_string()))?;
    let _ = fs::remove_file(&probe);
    Ok(base)
}

/// The `postgres` user must be able to enter every directory above the cluster.
fn check_reachable(base: &Path, user: &ServerUser) -> Result<(), ClusterError> {
    let mut dir = Some(base);
    while let Some(d) = dir {
        let meta = fs::metadata(d)
            .ok()
            .ok_or_else(|| ClusterError::Unreachable(base.to_path_buf()))?;
        let mode = meta.permissions().mode();
        let enterable = mode & 0o001 != 0
            || (meta.uid() == user.uid.as_raw() && mode & 0o100 != 0)
            || (meta.gid() == user.gid.as_raw() && mode & 0o010 != 0);
        if !enterable {
            return Err(ClusterError::Unreachable(base.to_path_buf()));
        }
        dir = d.parent();
    }
    Ok(())
}

fn chown_recursive(path: &Path, user: &ServerUser) -> std::io::Result<()> {
    nix::unistd::chown(path, Some(user.uid), Some(user.gid))?;
    if path.is_dir() {
        for entry in fs::read_dir(path)? {
            chown_recursive(&entry?.path(), user)?;
        }
    }
    Ok(())
}

fn as_server_user(command: &mut Command, user: Option<&ServerUser>) {
    if let Some(user) = user {
        command.uid(user.uid.as_raw()).gid(user.gid.as_raw());
        // The server user has no access to our working directory.
        command.current_dir("/");
    }
}

/// A crash can leave postmaster.pid behind; PostgreSQL refuses to start while it names a
/// live process, which after a reboot may be any process at all.
fn clear_stale_pid_file(dir: &Path) -> Result<(), ClusterError> {
    let pid_file = dir.join("postmaster.pid");
    let Ok(text) = fs::read_to_string(&pid_file) else {
        return Ok(());
    };
    let pid: i32 = text
        .lines()
        .next()
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or(0);
    let comm = fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
    if pid > 0 && comm.trim() == "postgres" {
        return Err(ClusterError::AlreadyRunning {
            pid,
            path: dir.to_path_buf(),
        });
    }
    fs::remove_file(&pid_file).map_err(|e| ClusterError::DataDir {
        path: dir.to_path_buf(),
        reason: format!("cannot remove the stale {}: {e}", pid_file.display()),
    })
}

/// The socket lives in the cluster directory unless that path is too long for a Unix
/// socket name (108 bytes), in which case a short private directory under /tmp is used.
fn socket_dir_for(dir: &Path, user: Option<&ServerUser>) -> Result<PathBuf, ClusterError> {
    const SOCKET_NAME_LEN: usize = ".s.PGSQL.5432".len() + 1;
    if dir.as_os_str().len() + SOCKET_NAME_LEN < 100 {
        return Ok(dir.to_path_buf());
    }
    let short = std::env::temp_dir().join(format!("police-portal-{}", short_hash(dir)));
    let unusable = |e: std::io::Error| ClusterError::DataDir {
        path: short.clone(),
        reason: e.to_string(),
    };
    fs::create_dir_all(&short).map_err(unusable)?;
    fs::set_permissions(&short, fs::Permissions::from_mode(0o700)).map_err(unusable)?;
    if let Some(user) = user {
        nix::unistd::chown(&short, Some(user.uid), Some(user.gid))
            .map_err(|e| unusable(e.into()))?;
    }
    Ok(short)
}

fn short_hash(path: &Path) -> String {
    // FNV-1a: stable across runs, unlike the std hasher.
    let mut hash: u64 = 0xcbf29ce484222325;
    for byte in path.as_os_str().as_encoded_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x100000001b3);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_directory_without_server_binaries_is_reported_in_one_sentence() {
        let empty = std::env::temp_dir().join(format!("pp-nobin-{}", std::process::id()));
        fs::create_dir_all(&empty).unwrap();
        let err = find_binaries(Some(&empty)).unwrap_err().to_string();
        assert!(err.contains("apt-get install postgresql"), "{err}");
        assert!(!err.contains('\n'));
        fs::remove_dir_all(&empty).unwrap();
    }

    #[test]
    fn long_cluster_paths_get_a_short_socket_directory() {
        let long = PathBuf::from("/tmp").join("x".repeat(120));
        let socket = socket_dir_for(&long, None).unwrap();
        assert!(socket.as_os_str().len() < 80, "{}", socket.display());
        let short = PathBuf::from("/tmp/pp/pg");
        assert_eq!(socket_dir_for(&short, None).unwrap(), short);
    }
}
