//! The two processes of a cluster: `initdb` once, then the `postgres` server.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};

use super::{
    Binaries, CLUSTER_USER, ClusterError, ClusterOptions, ServerUser, as_server_user,
    chown_recursive,
};

pub(super) fn init(
    binaries: &Binaries,
    dir: &Path,
    user: Option<&ServerUser>,
    log: &Path,
    options: &ClusterOptions,
) -> Result<(), ClusterError> {
    let unusable = |e: std::io::Error| ClusterError::DataDir {
        path: dir.to_path_buf(),
        reason: e.to_string(),
    };
    fs::create_dir_all(dir).map_err(unusable)?;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700)).map_err(unusable)?;
    if let Some(user) = user {
        chown_recursive(dir, user).map_err(unusable)?;
    }
    let log_file = fs::File::create(log).map_err(unusable)?;
    let mut command = Command::new(binaries.initdb());
    command
        .arg("-D")
        .arg(dir)
        .args(["-U", CLUSTER_USER, "--auth=trust", "--encoding=UTF8"])
        .args(["--locale=C.UTF-8", "--lc-collate=C"])
        .stdin(Stdio::null())
        .stdout(log_file.try_clone().map_err(unusable)?)
        .stderr(log_file);
    if options.ephemeral {
        command.arg("--no-sync");
    }
    as_server_user(&mut command, user);
    let status = command.status().map_err(|e| ClusterError::Command {
        step: "initdb",
        detail: e.to_string(),
        log: log.to_path_buf(),
    })?;
    if !status.success() {
        // Leave no half-made cluster behind: the next start tries again from scratch.
        let _ = fs::remove_dir_all(dir);
        return Err(ClusterError::Command {
            step: "initdb",
            detail: last_log_line(log),
            log: log.to_path_buf(),
        });
    }
    Ok(())
}

pub(super) fn spawn_server(
    binaries: &Binaries,
    dir: &Path,
    socket_dir: &Path,
    user: Option<&ServerUser>,
    log: &Path,
    options: &ClusterOptions,
) -> Result<Child, ClusterError> {
    let fail = |e: std::io::Error| ClusterError::Command {
        step: "starting PostgreSQL",
        detail: e.to_string(),
        log: log.to_path_buf(),
    };
    let log_file = fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
        .map_err(fail)?;
    let mut command = Command::new(binaries.postgres());
    command
        .arg("-D")
        .arg(dir)
        .args(["-c", "listen_addresses="])
        .arg("-c")
        .arg(format!("unix_socket_directories={}", socket_dir.display()))
        .args(["-c", "unix_socket_permissions=0700"])
        .args(["-c", "max_connections=300"])
        .stdin(Stdio::null())
        .stdout(log_file.try_clone().map_err(fail)?)
        .stderr(log_file)
        // Own process group: a Ctrl-C in the terminal reaches the portal only, which then
        // finishes its requests before it stops the database.
        .process_group(0);
    if options.ephemeral {
        command.args(["-c", "fsync=off", "-c", "synchronous_commit=off"]);
        command.args(["-c", "full_page_writes=off"]);
    }
    as_server_user(&mut command, user);
    // SAFETY: prctl and getppid are async-signal-safe; nothing here allocates.
    unsafe {
        command.pre_exec(|| {
            // If the portal dies without stopping us, shut down rather than linger.
            if nix::libc::prctl(nix::libc::PR_SET_PDEATHSIG, nix::libc::SIGINT) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    command.spawn().map_err(fail)
}

pub(super) fn last_log_line(log: &Path) -> String {
    fs::read_to_string(log)
        .ok()
        .and_then(|text| {
            text.lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .map(str::to_string)
        })
        .unwrap_or_else(|| "no output".into())
}
