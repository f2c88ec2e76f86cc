//! `police-portal backup FILE` and `police-portal restore FILE`: pg_dump and pg_restore of
//! the same PostgreSQL installation, as the owner, against the private cluster (running or
//! not) or DATABASE_URL / DATABASE_OWNER_URL.

use std::path::Path;
use std::process::Command;

use super::CliResult;
use crate::config::Settings;
use crate::database::Database;

#[derive(Debug, thiserror::Error)]
enum BackupError {
    #[error("{tool} could not be run ({reason}); install the PostgreSQL client programs")]
    Start { tool: String, reason: String },
    #[error("{tool} failed: {detail}")]
    Failed { tool: &'static str, detail: String },
}

fn run(tool: &Path, name: &'static str, args: &[&std::ffi::OsStr]) -> CliResult {
    let out = Command::new(tool)
        .args(args)
        .output()
        .map_err(|e| BackupError::Start {
            tool: tool.display().to_string(),
            reason: e.to_string(),
        })?;
    if !out.status.success() {
        let detail = String::from_utf8_lossy(&out.stderr);
        let detail = detail
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("no output");
        return Err(BackupError::Failed {
            tool: name,
            detail: detail.to_string(),
        }
        .into());
    }
    Ok(())
}

/// Writes the whole database (schema, data, privileges) to `file` in pg_dump's custom format.
pub async fn backup(settings: Settings, file: &Path) -> CliResult {
    let db = Database::open(&settings).await?;
    let target = db.owner_url_and_binaries(&settings).await;
    let result = target.map_err(Into::into).and_then(|(url, binaries)| {
        run(
            &binaries.tool("pg_dump"),
            "pg_dump",
            &[
                "--format=custom".as_ref(),
                "--file".as_ref(),
                file.as_os_str(),
                "--dbname".as_ref(),
                url.as_ref(),
            ],
        )
    });
    db.close().await;
    result?;
    println!("Backed up to {}.", file.display());
    Ok(())
}

/// Replaces the database's contents with those of a backup, in one transaction.
pub async fn restore(settings: Settings, file: &Path) -> CliResult {
    let db = Database::open(&settings).await?;
    let target = db.owner_url_and_binaries(&settings).await;
    let result = target.map_err(Into::into).and_then(|(url, binaries)| {
        run(
            &binaries.tool("pg_restore"),
            "pg_restore",
            &[
                "--clean".as_ref(),
                "--if-exists".as_ref(),
                "--single-transaction".as_ref(),
                "--dbname".as_ref(),
                url.as_ref(),
                file.as_os_str(),
            ],
        )
    });
    db.close().await;
    result?;
    println!("Restored from {}.", file.display());
    Ok(())
}
