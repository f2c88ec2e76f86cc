//! Everything tests share: a fresh database per test on one private cluster (here), the real
//! portal on a random port with one method per route (`app`), HTML selectors (`html`), and
//! the records and forms tests start from (`fixtures`). Test modules import only this.

mod app;
mod fixtures;
mod html;

pub use app::{RenderedForm, TestApp, test_settings};
pub use fixtures::*;
pub use html::{attrs, form_fields, text, texts, with_values};

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

use police_portal::database::cluster::{ClusterOptions, LocalCluster, SERVING_USER};
use police_portal::database::{self, MIGRATOR};
use sqlx::postgres::PgConnectOptions;
use sqlx::{Connection, Executor, PgConnection, PgPool};
use tokio::sync::OnceCell;

/// The server every test database lives on: `DATABASE_URL`, or one private cluster per run.
static SERVER: OnceLock<PgConnectOptions> = OnceLock::new();
/// A migrated database that each test database is copied from.
static TEMPLATE: OnceCell<String> = OnceCell::const_new();
static NEXT_DB: AtomicU32 = AtomicU32::new(0);

fn server() -> PgConnectOptions {
    SERVER
        .get_or_init(|| match std::env::var("DATABASE_URL") {
            Ok(url) if !url.is_empty() => url.parse().expect("DATABASE_URL must be a valid URL"),
            _ => start_private_cluster(),
        })
        .clone()
}

/// Starts the cluster from a thread that lives as long as the test process: the server is
/// told to shut down when that thread ends (PR_SET_PDEATHSIG), i.e. when the tests are done.
fn start_private_cluster() -> PgConnectOptions {
    let base = test_cluster_dir();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("test-postgres".into())
        .spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            let options = ClusterOptions {
                pg_bin_dir: std::env::var_os("PORTAL_PG_BIN_DIR").map(Into::into),
                ephemeral: true,
            };
            let started = runtime.block_on(LocalCluster::start(&base, &options));
            match started {
                Ok(cluster) => {
                    tx.send(Ok(cluster.connect_options("postgres"))).ok();
                    // Keep the cluster (and this thread) alive until the process exits.
                    loop {
                        std::thread::park();
                    }
                }
                Err(e) => {
                    tx.send(Err(e.to_string())).ok();
                }
            }
        })
        .expect("spawn the test-postgres thread");
    match rx.recv().expect("test-postgres thread answered") {
        Ok(options) => options,
        Err(e) => panic!("could not start a private PostgreSQL cluster for the tests: {e}"),
    }
}

/// A fresh directory per test process, under target/ when the postgres user can reach it.
fn test_cluster_dir() -> std::path::PathBuf {
    let target = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target");
    let root = if reachable_by_everyone(&target) {
        target.join("test-pg")
    } else {
        std::env::temp_dir().join("police-portal-test-pg")
    };
    // Clusters of earlier runs: their servers have exited with their test processes.
    if let Ok(entries) = std::fs::read_dir(&root) {
        for entry in entries.flatten() {
            let pid = entry.file_name().to_string_lossy().parse::<u32>().ok();
            let alive = pid.is_some_and(|p| std::path::Path::new(&format!("/proc/{p}")).exists());
            if !alive {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
    let dir = root.join(std::process::id().to_string());
    std::fs::create_dir_all(&dir).expect("create the test cluster directory");
    dir
}

fn reachable_by_everyone(dir: &std::path::Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::create_dir_all(dir);
    dir.ancestors()
        .all(|d| std::fs::metadata(d).is_ok_and(|m| m.permissions().mode() & 0o001 != 0))
}

async fn admin_connection() -> PgConnection {
    PgConnection::connect_with(&server().database("postgres"))
        .await
        .expect("connect to the test server")
}

async fn template_database() -> String {
    TEMPLATE
        .get_or_init(|| async {
            let name = format!("portal_tpl_{}", std::process::id());
            let mut admin = admin_connection().await;
            admin
                .execute(sqlx::AssertSqlSafe(format!(
                    "DROP DATABASE IF EXISTS {name}"
                )))
                .await
                .expect("drop an old template");
            admin
                .execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .await
                .expect("create the template database");
            let pool = PgPool::connect_with(server().database(&name))
                .await
                .expect("connect to the template");
            MIGRATOR.run(&pool).await.expect("migrations apply");
            // The role the portal serves as, as the private cluster makes it.
            sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                "DO $$ BEGIN
                     IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{SERVING_USER}') THEN
                         CREATE ROLE {SERVING_USER} LOGIN IN ROLE portal_app;
                     END IF;
                 END $$"
            )))
            .execute(&pool)
            .await
            .expect("the serving role");
            pool.close().await;
            name
        })
        .await
        .clone()
}

/// The same database as `pool`, as the role the portal serves as (privileges of
/// migration 0008), so that every test runs the portal as it runs in production.
pub async fn serving_pool(pool: &PgPool) -> PgPool {
    let name: String = sqlx::query_scalar("SELECT current_database()")
        .fetch_one(pool)
        .await
        .expect("the database's name");
    database::connect(server().database(&name).username(SERVING_USER))
        .await
        .expect("connect as the serving role")
}

/// A `DATABASE_URL` for the database of `pool`, as its owner, for running the binary on it.
pub async fn database_url(pool: &PgPool) -> String {
    let name: String = sqlx::query_scalar("SELECT current_database()")
        .fetch_one(pool)
        .await
        .expect("the database's name");
    let options = server();
    let user = options.get_username();
    match options.get_socket() {
        Some(socket) => format!(
            "postgres://{user}@localhost/{name}?host={}",
            socket.display()
        ),
        None => format!(
            "postgres://{user}@{}:{}/{name}",
            options.get_host(),
            options.get_port()
        ),
    }
}

/// A new database with the migrations applied, for one test.
pub async fn fresh_database() -> PgPool {
    let template = template_database().await;
    let name = format!(
        "portal_test_{}_{}",
        std::process::id(),
        NEXT_DB.fetch_add(1, Ordering::Relaxed)
    );
    let mut admin = admin_connection().await;
    admin
        .execute(sqlx::AssertSqlSafe(format!(
            "CREATE DATABASE {name} TEMPLATE {template}"
        )))
        .await
        .expect("create the test database");
    admin.close().await.ok();
    database::connect(server().database(&name))
        .await
        .expect("connect to the test database")
}
