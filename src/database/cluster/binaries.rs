//! Finding PostgreSQL's server binaries, newest version first.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::ClusterError;

/// PostgreSQL server binaries of one version.
#[derive(Clone, Debug)]
pub struct Binaries {
    pub dir: PathBuf,
    pub major: String,
}

impl Binaries {
    pub(super) fn initdb(&self) -> PathBuf {
        self.dir.join("initdb")
    }
    pub(super) fn postgres(&self) -> PathBuf {
        self.dir.join("postgres")
    }

    /// Another program of the same installation (`pg_dump`, `pg_restore`): beside `postgres`,
    /// or beside the file it links to.
    pub fn tool(&self, name: &str) -> PathBuf {
        let here = self.dir.join(name);
        if here.is_file() {
            return here;
        }
        fs::canonicalize(self.postgres())
            .ok()
            .and_then(|real| real.parent().map(|dir| dir.join(name)))
            .filter(|p| p.is_file())
            .unwrap_or(here)
    }
}

/// Every directory holding both `initdb` and `postgres`, newest version first.
/// `only` replaces the search (PATH, then /usr/lib/postgresql/*/bin).
pub fn find_binaries(only: Option<&Path>) -> Result<Vec<Binaries>, ClusterError> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    match only {
        Some(dir) => dirs.push(dir.to_path_buf()),
        None => {
            if let Some(path) = std::env::var_os("PATH") {
                dirs.extend(std::env::split_paths(&path));
            }
            if let Ok(entries) = fs::read_dir("/usr/lib/postgresql") {
                let mut versions: Vec<PathBuf> = entries
                    .filter_map(|e| e.ok())
                    .map(|e| e.path().join("bin"))
                    .collect();
                versions.sort_by_key(|p| {
                    let v = p
                        .parent()
                        .and_then(|p| p.file_name())
                        .and_then(|n| n.to_str())
                        .and_then(|n| n.parse::<u32>().ok());
                    std::cmp::Reverse(v.unwrap_or(0))
                });
                dirs.extend(versions);
            }
        }
    }
    let mut found: Vec<Binaries> = Vec::new();
    for dir in dirs {
        if !(dir.join("initdb").is_file() && dir.join("postgres").is_file()) {
            continue;
        }
        let Some(major) = server_major_version(&dir.join("postgres")) else {
            continue;
        };
        if !found.iter().any(|b| b.dir == dir) {
            found.push(Binaries { dir, major });
        }
    }
    if found.is_empty() {
        let place = match only {
            Some(dir) => format!("in {}", dir.display()),
            None => "on PATH or under /usr/lib/postgresql".into(),
        };
        return Err(ClusterError::BinariesNotFound(place));
    }
    Ok(found)
}

/// "15" from "postgres (PostgreSQL) 15.18 (Debian ...)".
fn server_major_version(postgres: &Path) -> Option<String> {
    let out = Command::new(postgres).arg("--version").output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let version = text.split_whitespace().nth(2)?;
    Some(version.split('.').next()?.to_string())
}
