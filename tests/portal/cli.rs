//! The binary as a newcomer runs it: zero configuration, clear failures, a clean stop.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_police-portal");

/// The binary with none of the portal's settings from the test's own environment.
fn portal() -> Command {
    let mut command = Command::new(BIN);
    for (name, _) in std::env::vars() {
        if name == "DATABASE_URL" || name.starts_with("PORTAL_") {
            command.env_remove(name);
        }
    }
    command.env("RUST_LOG", "error");
    command
}

/// Runs to completion and returns (success, stdout, stderr).
fn run(command: &mut Command) -> (bool, String, String) {
    let out = command.output().expect("the binary runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn assert_one_sentence(stderr: &str, expected: &str) {
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one line, got: {stderr}");
    assert!(lines[0].contains(expected), "{expected:?} in {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("RUST_BACKTRACE"), "{stderr}");
}

/// A data directory the `postgres` user can reach when the tests run as root.
fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("police-portal-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn failures_to_start_are_one_sentence_and_a_non_zero_exit() {
    let empty = scratch_dir("nobin");
    std::fs::create_dir_all(&empty).unwrap();
    let cases: Vec<(Vec<(&str, String)>, &str)> = vec![
        (
            vec![("PORTAL_PG_BIN_DIR", empty.display().to_string())],
            "apt-get install postgresql",
        ),
        (
            vec![("PORTAL_DATA_DIR", "/etc/hostname/portal".into())],
            "set PORTAL_DATA_DIR to a directory",
        ),
        (
            vec![("DATABASE_URL", "postgres://u:p@db:notaport/x".into())],
            "DATABASE_URL is not a valid PostgreSQL URL",
        ),
        (
            vec![("DATABASE_URL", "mysql://u:p@db/x".into())],
            "DATABASE_URL is not a valid PostgreSQL URL",
        ),
    ];
    for (env, expected) in cases {
        let mut command = portal();
        command.arg("serve").envs(env.iter().map(|(k, v)| (k, v)));
        let (ok, _, stderr) = run(&mut command);
        assert!(!ok, "{env:?} must fail");
        assert_one_sentence(&stderr, expected);
    }
    std::fs::remove_dir_all(&empty).unwrap();
}

#[test]
fn check_masks_the_password_and_says_when_the_database_does_not_answer() {
    let (ok, stdout, stderr) = run(portal().arg("check").env(
        "DATABASE_URL",
        "postgres://portal:s3cret@127.0.0.1:1/portal",
    ));

    assert!(!ok);
    assert!(
        stdout.contains("postgres://portal:***@127.0.0.1:1/portal"),
        "{stdout}"
    );
    assert!(!stdout.contains("s3cret") && !stderr.contains("s3cret"));
    assert_one_sentence(&stderr, "the database does not answer");
}

fn postgres_processes_for(dir: &Path) -> usize {
    postgres_command_lines_for(dir).len()
}

/// The command lines of the postgres servers started for a data directory. A backend the
/// server has just forked shows the server's command line until it sets its own title; it is
/// not a second server, so processes whose parent also matches are left out.
fn postgres_command_lines_for(dir: &Path) -> Vec<String> {
    let needle = dir.display().to_string();
    let matching: Vec<(String, String, String)> = std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .chars()
                .all(|c| c.is_ascii_digit())
        })
        .filter_map(|e| {
            let pid = e.file_name().to_string_lossy().into_owned();
            let cmdline = std::fs::read(e.path().join("cmdline"))
                .map(|c| String::from_utf8_lossy(&c).replace('\0', " "))
                .ok()
                .filter(|c| c.contains("postgres") && c.contains(&needle))?;
            // The parent's pid is the fourth field of /proc/PID/stat, after "(comm)".
            let stat = std::fs::read_to_string(e.path().join("stat")).ok()?;
            let after = stat.rsplit_once(')')?.1;
            let ppid = after.split_whitespace().nth(1)?.to_string();
            Some((pid, ppid, cmdline))
        })
        .collect();
    let pids: Vec<&String> = matching.iter().map(|(pid, _, _)| pid).collect();
    matching
        .iter()
        .filter(|(_, ppid, _)| !pids.contains(&ppid))
        .map(|(_, _, cmdline)| cmdline.clone())
        .collect()
}

/// Starts `serve` on a free port, waits for its URL line, fetches the home page, sends
/// SIGTERM and waits for the exit.
fn serve_once(data_dir: &Path) -> String {
    let (mut child, url, _) = serve(data_dir, &[], Log::Shown);
    let body = std::thread::spawn({
        let url = url.clone();
        move || {
            let runtime = tokio::runtime::Runtime::new().unwrap();
            runtime.block_on(async {
                let response = reqwest::get(format!("{url}?lang=en")).await.unwrap();
                assert_eq!(response.status(), 200);
                response.text().await.unwrap()
            })
        }
    })
    .join()
    .unwrap();
    let running = postgres_command_lines_for(data_dir);
    assert_eq!(
        running.len(),
        1,
        "one postmaster while serving: {running:?}"
    );
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(child.id() as i32),
        nix::sys::signal::Signal::SIGTERM,
    )
    .unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "a clean exit after SIGTERM: {status}");
    body
}

#[test]
fn the_portal_runs_with_no_configuration_and_leaves_no_postgres_behind() {
    let data_dir = scratch_dir("serve");

    let first = serve_once(&data_dir);
    // Give the postmaster's children a moment to be reaped.
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        postgres_processes_for(&data_dir),
        0,
        "no postgres after the stop"
    );
    let second = serve_once(&data_dir);
    std::thread::sleep(Duration::from_millis(300));

    let html = scraper::Html::parse_document(&first);
    assert_eq!(
        crate::helpers::text(&html, "h1"),
        "The police, closer to people"
    );
    assert_eq!(
        first, second,
        "the second start reuses the cluster and its data"
    );
    assert_eq!(postgres_processes_for(&data_dir), 0);
    std::fs::remove_dir_all(&data_dir).unwrap();
}

#[test]
fn a_stale_pid_file_from_a_crash_does_not_stop_the_next_start() {
    let data_dir = scratch_dir("stale");
    serve_once(&data_dir);
    std::thread::sleep(Duration::from_millis(300));
    // What a power cut leaves: a pid file naming a process that is not a postgres server.
    let pid_file = data_dir.join("pg").join("postmaster.pid");
    std::fs::write(&pid_file, format!("{}\n{}\n", 999_999, data_dir.display())).unwrap();

    serve_once(&data_dir);

    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(postgres_processes_for(&data_dir), 0);
    std::fs::remove_dir_all(&data_dir).unwrap();
}

/// Resident memory of a process, in KiB.
fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap()
}

/// Sign-in posts with a new e-mail each time, as large as the body limit allows.
async fn sign_in_flood(url: &str, posts: usize) {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let page = client
        .get(format!("{url}staff/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let html = scraper::Html::parse_document(&page);
    let csrf = crate::helpers::attrs(&html, "input[name=csrf_token]", "value").remove(0);
    let mut tasks = tokio::task::JoinSet::new();
    for worker in 0..8 {
        let (client, url, csrf) = (client.clone(), url.to_string(), csrf.clone());
        tasks.spawn(async move {
            for i in (worker..posts).step_by(8) {
                let email = format!("{i}-{}@example.kz", "x".repeat(60_000));
                let form = [
                    ("csrf_token", csrf.as_str()),
                    ("email", &email),
                    ("password", "x"),
                ];
                let r = client
                    .post(format!("{url}staff/login"))
                    .form(&form)
                    .send()
                    .await
                    .unwrap();
                assert!(matches!(r.status().as_u16(), 401 | 429), "{}", r.status());
            }
        });
    }
    while let Some(done) = tasks.join_next().await {
        done.unwrap();
    }
}

#[test]
fn client_mistakes_are_not_logged_as_errors_and_a_sign_in_flood_leaves_memory_bounded() {
    let data_dir = scratch_dir("flood");
    let env = [("PORTAL_DEMO_DATA", "0"), ("RUST_LOG", "info")];
    let (mut child, url, log) = serve(&data_dir, &env, Log::Kept);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (before, after) = runtime.block_on(async {
        for path in [
            "staff",
            "staff/queue",
            "no-such-page",
            "track/ATR-0000-0000?key=x",
        ] {
            let r = reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap()
                .get(format!("{url}{path}"))
                .send()
                .await
                .unwrap();
            assert!(
                r.status().is_redirection() || r.status().is_client_error(),
                "{path}"
            );
        }
        sign_in_flood(&url, 200).await;
        let before = rss_kib(child.id());
        sign_in_flood(&url, 1_500).await;
        (before, rss_kib(child.id()))
    });
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(child.id() as i32),
        nix::sys::signal::Signal::SIGTERM,
    )
    .unwrap();
    assert!(child.wait().unwrap().success());
    let log = log.unwrap().join().unwrap();
    std::fs::remove_dir_all(&data_dir).ok();

    let errors: Vec<&String> = log.iter().filter(|l| l.contains("ERROR")).collect();
    assert!(
        errors.is_empty(),
        "client mistakes logged as errors: {errors:?}"
    );
    let grown_mib = after.saturating_sub(before) / 1024;
    eprintln!("a sign-in flood of 1,500 posts grew the server by {grown_mib} MiB");
    assert!(
        grown_mib < 40,
        "1,500 sign-in posts grew the server by {grown_mib} MiB"
    );
}

/// A portal that is killed if the test fails before stopping it.
struct Serving(std::process::Child);

impl Drop for Serving {
    fn drop(&mut self) {
        if let Ok(None) = self.0.try_wait() {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

impl std::ops::Deref for Serving {
    type Target = std::process::Child;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl std::ops::DerefMut for Serving {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

/// Where a served portal's log goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Log {
    /// To the test's own output.
    Shown,
    /// Collected, to be read after the portal stops.
    Kept,
}

/// `serve` on a free port over `data_dir` with `env`; the child, its URL, and its log lines
/// once it has stopped (with `Log::Kept`).
fn serve(
    data_dir: &Path,
    env: &[(&str, &str)],
    log: Log,
) -> (
    Serving,
    String,
    Option<std::thread::JoinHandle<Vec<String>>>,
) {
    let mut command = portal();
    command
        .arg("serve")
        .env("PORTAL_DATA_DIR", data_dir)
        .env("PORTAL_ADDR", "127.0.0.1:0")
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(if log == Log::Kept {
            Stdio::piped()
        } else {
            Stdio::inherit()
        });
    let mut child = Serving(command.spawn().unwrap());
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().expect("a line").unwrap();
    let url = first
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("a URL in {first:?}"))
        .to_string();
    // Keep reading, so that the farewell line has somewhere to go.
    std::thread::spawn(move || lines.for_each(drop));
    let kept = child.stderr.take().map(|stderr| {
        std::thread::spawn(move || {
            BufReader::new(stderr)
                .lines()
                .map_while(Result::ok)
                .collect::<Vec<_>>()
        })
    });
    (child, url, kept)
}

/// `serve` over `data_dir` with an empty directory; the child and its URL.
fn start_serving(data_dir: &Path) -> (Serving, String) {
    let (child, url, _) = serve(data_dir, &[("PORTAL_DEMO_DATA", "0")], Log::Shown);
    (child, url)
}

/// The status of a page that reads the database, retried until `expected` or 30 s.
fn waits_for(url: &str, expected: u16) -> u16 {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        loop {
            let status = match reqwest::get(format!("{url}inspectors")).await {
                Ok(r) => r.status().as_u16(),
                Err(_) => 0,
            };
            if status == expected || std::time::Instant::now() > deadline {
                return status;
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    })
}

fn postmaster_pid(data_dir: &Path) -> i32 {
    let text = std::fs::read_to_string(data_dir.join("pg").join("postmaster.pid")).unwrap();
    text.lines().next().unwrap().trim().parse().unwrap()
}

#[test]
fn a_crashed_database_is_restarted_and_a_killed_portal_starts_again_at_once() {
    use nix::sys::signal::{Signal, kill};
    use nix::unistd::Pid;
    let data_dir = scratch_dir("crash");
    let (mut portal, url) = start_serving(&data_dir);
    assert_eq!(waits_for(&url, 200), 200);

    kill(Pid::from_raw(postmaster_pid(&data_dir)), Signal::SIGKILL).unwrap();

    assert_eq!(
        waits_for(&url, 200),
        200,
        "the portal answers again on its own"
    );
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while postgres_processes_for(&data_dir) != 1 && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(postgres_processes_for(&data_dir), 1, "one postmaster again");

    // A portal killed outright: its server shuts down by itself, and a new start waits.
    kill(Pid::from_raw(portal.id() as i32), Signal::SIGKILL).unwrap();
    portal.wait().unwrap();
    let (mut again, url) = start_serving(&data_dir);
    assert_eq!(waits_for(&url, 200), 200, "the next start serves");

    kill(Pid::from_raw(again.id() as i32), Signal::SIGTERM).unwrap();
    assert!(again.wait().unwrap().success());
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        postgres_processes_for(&data_dir),
        0,
        "no postgres left behind"
    );
    std::fs::remove_dir_all(&data_dir).ok();
}

/// One HTTP/1.1 GET on an open connection; the response head and body as text.
fn get_on(stream: &mut std::net::TcpStream, path: &str) -> String {
    use std::io::{Read, Write};
    write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    let mut response = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = stream.read(&mut buf).unwrap_or(0);
        if n == 0 {
            break;
        }
        response.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&response).to_string();
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let length = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().to_string())
                })
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(0);
            if body.len() >= length {
                return text;
            }
        }
    }
    String::from_utf8_lossy(&response).to_string()
}

#[test]
fn a_stopping_portal_still_answers_requests_on_open_keep_alive_connections() {
    let data_dir = scratch_dir("drain");
    let (mut portal, url) = start_serving(&data_dir);
    let addr = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let mut stream = std::net::TcpStream::connect(&addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let first = get_on(&mut stream, "/healthz");
    assert!(first.starts_with("HTTP/1.1 200"), "{first}");

    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(portal.id() as i32),
        nix::sys::signal::Signal::SIGTERM,
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let second = get_on(&mut stream, "/healthz");

    assert!(
        second.starts_with("HTTP/1.1 200"),
        "answered while stopping: {second:?}"
    );
    assert!(
        second.to_ascii_lowercase().contains("connection: close"),
        "{second}"
    );
    assert!(portal.wait().unwrap().success());
    std::fs::remove_dir_all(&data_dir).ok();
}

#[test]
fn commands_work_while_the_portal_serves_from_the_same_data_directory() {
    use std::io::Write;
    let data_dir = scratch_dir("attach");
    let (mut serving, url) = start_serving(&data_dir);

    let mut add = portal()
        .args([
            "staff",
            "add",
            "new.moderator@police.kz",
            "--name",
            "New",
            "--role",
            "moderator",
        ])
        .env("PORTAL_DATA_DIR", &data_dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    add.stdin
        .take()
        .unwrap()
        .write_all(b"a-long-enough-password\n")
        .unwrap();
    let added = add.wait_with_output().unwrap();
    let (checked, out, _) = run(portal().arg("check").env("PORTAL_DATA_DIR", &data_dir));

    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    assert!(checked && out.contains("answers"), "{out}");
    let signed_in = tokio::runtime::Runtime::new().unwrap().block_on(async {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let page = client
            .get(format!("{url}staff/login"))
            .send()
            .await
            .unwrap();
        let html = scraper::Html::parse_document(&page.text().await.unwrap());
        let csrf = crate::helpers::attrs(&html, "input[name=csrf_token]", "value").remove(0);
        let form = [
            ("csrf_token", csrf.as_str()),
            ("email", "new.moderator@police.kz"),
            ("password", "a-long-enough-password"),
        ];
        let r = client
            .post(format!("{url}staff/login"))
            .form(&form)
            .send()
            .await
            .unwrap();
        r.status().as_u16()
    });
    assert_eq!(
        signed_in, 303,
        "the account added beside the running portal signs in"
    );
    assert_eq!(
        postgres_processes_for(&data_dir),
        1,
        "the commands started no server"
    );

    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(serving.id() as i32),
        nix::sys::signal::Signal::SIGTERM,
    )
    .unwrap();
    assert!(serving.wait().unwrap().success());
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(postgres_processes_for(&data_dir), 0);
    std::fs::remove_dir_all(&data_dir).ok();
}

#[test]
fn json_logs_are_one_object_a_line_and_carry_no_query_strings() {
    let data_dir = scratch_dir("json");
    let env = [
        ("PORTAL_DEMO_DATA", "0"),
        ("PORTAL_LOG_FORMAT", "json"),
        ("RUST_LOG", "debug,sqlx=warn"),
    ];
    let (mut child, url, log) = serve(&data_dir, &env, Log::Kept);
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        for path in [
            "posts?q=%2B77011234567",
            "track/ATR-2612-AAAA?key=SECRETKEY1",
            "nowhere",
        ] {
            reqwest::get(format!("{url}{path}")).await.unwrap();
        }
    });
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(child.id() as i32),
        nix::sys::signal::Signal::SIGTERM,
    )
    .unwrap();
    assert!(child.wait().unwrap().success());
    let log = log.unwrap().join().unwrap();
    std::fs::remove_dir_all(&data_dir).ok();

    assert!(log.len() > 3, "{log:?}");
    for line in &log {
        let event: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        assert!(event["level"].is_string(), "{line}");
        assert!(
            !line.contains("77011234567") && !line.contains("SECRETKEY1"),
            "{line}"
        );
    }
}
