//! The portal's benchmark: `cargo bench --bench portal`.
//!
//! Seeds small and large directories side by side in one private cluster, starts the real
//! server (release build) on each, and measures in one run:
//! - throughput of the nearest-posts HTML page against the raw nearest query (same store
//!   function, same concurrency, no HTTP or HTML);
//! - page latency with 100,000 posts against 100 posts;
//! - each server's peak resident memory (VmHWM).
//!
//! Settings: BENCH_SECONDS (default 5) per throughput run, BENCH_CONCURRENCY (default 8),
//! BENCH_ONLY (posts, locate, submissions, queue or statistics, or several with commas) to run
//! only those.
// A benchmark is a program that stops at the first failure, with the reason.
#![allow(clippy::expect_used, clippy::too_many_lines)]

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use police_portal::database::cluster::{ClusterOptions, LocalCluster};
use police_portal::database::{self, MIGRATOR};
use police_portal::domain::geo::Coordinates;
use police_portal::store::posts;
use sqlx::PgPool;

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Deterministic points inside the city.
fn points(n: usize) -> Vec<Coordinates> {
    let mut state: u64 = 7;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    (0..n)
        .map(|_| Coordinates::new(47.05 + next() * 0.15, 51.80 + next() * 0.20).expect("in range"))
        .collect()
}

async fn seed(cluster: &LocalCluster, name: &str, posts: i64) -> PgPool {
    let admin = PgPool::connect_with(cluster.connect_options("postgres"))
        .await
        .expect("admin connection");
    for statement in [
        format!("DROP DATABASE IF EXISTS {name}"),
        format!("CREATE DATABASE {name}"),
    ] {
        sqlx::raw_sql(sqlx::AssertSqlSafe(statement))
            .execute(&admin)
            .await
            .expect("fresh database");
    }
    admin.close().await;
    let pool = database::connect(cluster.connect_options(name))
        .await
        .expect("bench database");
    MIGRATOR.run(&pool).await.expect("migrations");
    // Bulk seeding for the benchmark only; the portal itself writes through src/store.
    sqlx::query(
        "INSERT INTO posts (external_id, kind, status, name_kk, name_ru, name_en,
                            address_kk, address_ru, address_en, lat, lon, phones, hours)
         SELECT 'bench-' || i,
                (ARRAY['modular_post','stationary_post','inspector_point','police_department'])[1 + i % 4]::post_kind,
                (CASE WHEN i % 7 = 0 THEN 'planned' ELSE 'open' END)::post_status,
                'Бекет ' || i, 'Пост ' || i, 'Post ' || i,
                'Мекенжай ' || i, 'Адрес ' || i, 'Address ' || i,
                47.0 + random() * 0.25, 51.75 + random() * 0.30,
                ARRAY['+7 7122 00-00-00'],
                '{\"always\":false,\"week\":[[{\"open\":540,\"close\":1080}],[{\"open\":540,\"close\":1080}],[{\"open\":540,\"close\":1080}],[{\"open\":540,\"close\":1080}],[{\"open\":540,\"close\":1080}],[],[]],\"exceptions\":[]}'::jsonb
         FROM generate_series(1, $1) AS i",
    )
    .bind(posts)
    .execute(&pool)
    .await
    .expect("seed posts");
    sqlx::query("ANALYZE")
        .execute(&pool)
        .await
        .expect("analyze");
    pool
}

/// A side × side grid of square beats over the city, each with an inspector-less record.
async fn seed_beats(cluster: &LocalCluster, name: &str, side: i64) -> PgPool {
    let pool = seed(cluster, name, 10).await;
    sqlx::query(
        "WITH cells AS (
             SELECT i, j,
                    51.75 + 0.30 * i / $1::float8 AS x0, 51.75 + 0.30 * (i + 1) / $1::float8 AS x1,
                    47.00 + 0.25 * j / $1::float8 AS y0, 47.00 + 0.25 * (j + 1) / $1::float8 AS y1
             FROM generate_series(0, $1 - 1) AS i, generate_series(0, $1 - 1) AS j)
         INSERT INTO beats (external_id, number, name_kk, name_ru, name_en, description_kk,
                            description_ru, description_en, boundary, bbox, search_text)
         SELECT 'b-' || i || '-' || j, (i * $1 + j)::text, 'b', 'b', 'b', 'd', 'd', 'd',
                jsonb_build_object('rings', jsonb_build_array(jsonb_build_array(
                    jsonb_build_array(x0, y0), jsonb_build_array(x1, y0), jsonb_build_array(x1, y1),
                    jsonb_build_array(x0, y1), jsonb_build_array(x0, y0)))),
                box(point(x0, y0), point(x1, y1)), 'b'
         FROM cells",
    )
    .bind(side)
    .execute(&pool)
    .await
    .expect("seed beats");
    sqlx::query("ANALYZE")
        .execute(&pool)
        .await
        .expect("analyze");
    pool
}

/// Point-in-beat lookup latency with 100 and 10,000 beats.
async fn locate_section(cluster: &LocalCluster, at: &[Coordinates]) {
    println!("| beats | locate p50 ms | locate p95 ms |");
    println!("|---:|---:|---:|");
    let mut p50s = Vec::new();
    for side in [10i64, 100] {
        let n = side * side;
        let pool = seed_beats(cluster, &format!("bench_beats_{n}"), side).await;
        let mut latencies = Vec::new();
        for p in at.iter().cycle().take(3000) {
            let started = Instant::now();
            let found = police_portal::store::beats::beat_at(&pool, *p)
                .await
                .expect("locate");
            assert!(found.is_some(), "the grid covers the city");
            latencies.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        latencies.sort_by(f64::total_cmp);
        let (p50, p95) = (percentile(&latencies, 0.5), percentile(&latencies, 0.95));
        p50s.push(p50);
        println!("| {n} | {p50:.3} | {p95:.3} |");
        pool.close().await;
    }
    println!();
    println!(
        "locate latency p50, 10,000 beats ÷ 100 beats: {:.2}× (goal ≤ 1.5×)",
        p50s[1] / p50s[0]
    );
}

const BENCH_SECRET: &str = "benchmark-secret-key-0123456789-abcdefghij";

/// Accepted submissions per second over HTTP against the raw insert transaction (the same
/// store function) at the same concurrency, then a check that nothing was lost or doubled.
async fn submissions_section(cluster: &LocalCluster, workers: u64, seconds: u64) {
    use police_portal::domain::lang::Lang;
    use police_portal::domain::submission::SubmissionKind;
    use police_portal::domain::submission::contact::Author;
    use police_portal::domain::submission::{NewSubmission, Phone};
    use police_portal::store::submissions::{self, Registration, Source};
    use police_portal::web::security::{Limit, Secrets};

    let name = "bench_submissions";
    let pool = seed(cluster, name, 10).await;
    police_portal::database::demo::load(&pool)
        .await
        .expect("demo data");
    let secrets = Arc::new(Secrets::new(BENCH_SECRET));
    let today = chrono::Utc::now().date_naive();
    let template = NewSubmission {
        kind: SubmissionKind::Thanks,
        category: None,
        inspector: None,
        post: None,
        officer_description: "Officer at the market post".into(),
        incident_date: None,
        incident_time: None,
        place: String::new(),
        coordinates: None,
        body: "Thank you for the help at the market this morning.".into(),
        author: Some(Author {
            name: "Benchmark".into(),
            phone: Phone::parse("+77012345678"),
            email: None,
            iin: None,
        }),
    };
    let registration = Registration {
        form_token: String::new(),
        lang: Lang::Ru,
        registered_on: today,
        due_on: today,
        source: Source::web(),
    };
    let raw = {
        let pool = pool.clone();
        let secrets = secrets.clone();
        throughput(workers, seconds, move |_| {
            let pool = pool.clone();
            let row = template.clone();
            let mut registration = registration.clone();
            registration.form_token = secrets.new_form_token("benchmark");
            // The same limit as over HTTP, counted in the same statement.
            let limit = Limit::per_minute("submissions", 100_000).counted(&secrets, "raw");
            async move {
                let stored = submissions::insert(&pool, "ATR", &row, &registration, Some(&limit))
                    .await
                    .expect("insert");
                assert!(matches!(stored, submissions::Outcome::Stored(s) if s.created));
            }
        })
        .await
    };
    let raw_rows = submissions::count(&pool).await.expect("count");

    let child = Command::new(env!("CARGO_BIN_EXE_police-portal"))
        .arg("serve")
        .env("DATABASE_URL", cluster.url(name))
        .env("PORTAL_ADDR", "127.0.0.1:18099")
        .env("PORTAL_DEMO_DATA", "0")
        .env("PORTAL_SECRET_KEY", BENCH_SECRET)
        .env("PORTAL_SUBMISSIONS_PER_MINUTE", "100000")
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .spawn()
        .expect("server starts");
    let server = Server {
        child,
        url: "http://127.0.0.1:18099".into(),
    };
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    wait_ready(&client, &server.url).await;
    let form = client
        .get(format!("{}/feedback/new", server.url))
        .send()
        .await
        .expect("form")
        .text()
        .await
        .expect("form body");
    let csrf = form
        .split("name=\"csrf_token\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a CSRF token")
        .to_string();
    let accepted = Arc::new(AtomicU64::new(0));
    let page = {
        let accepted = accepted.clone();
        let url = format!("{}/feedback", server.url);
        throughput(workers, seconds, move |_| {
            let client = client.clone();
            let url = url.clone();
            let csrf = csrf.clone();
            let token = secrets.new_form_token(&csrf);
            let accepted = accepted.clone();
            async move {
                let fields = [
                    ("csrf_token", csrf.as_str()),
                    ("form_token", token.as_str()),
                    ("type", "thanks"),
                    ("officer", "Officer at the market post"),
                    ("body", "Thank you for the help at the market this morning."),
                    ("name", "Benchmark"),
                    ("phone", "+7 701 234 56 78"),
                    ("consent", "1"),
                ];
                let r = client.post(url).form(&fields).send().await.expect("post");
                assert_eq!(r.status().as_u16(), 303, "accepted");
                accepted.fetch_add(1, Ordering::Relaxed);
            }
        })
        .await
    };
    server.stop();
    let total = submissions::count(&pool).await.expect("count");
    let distinct: i64 =
        sqlx::query_scalar("SELECT count(DISTINCT tracking_number) FROM submissions")
            .fetch_one(&pool)
            .await
            .expect("distinct");
    let accepted = accepted.load(Ordering::Relaxed) as i64;
    println!("| submissions | per second |");
    println!("|---|---:|");
    println!("| raw insert transaction (store function) | {raw:.0} |");
    println!("| accepted over HTTP (form, CSRF, validation, insert, redirect) | {page:.0} |");
    println!();
    println!(
        "accepted ÷ raw: {:.2} (goal ≥ 0.5); rows {total} = {raw_rows} raw + {accepted} accepted: {}; distinct tracking numbers: {distinct}",
        page / raw,
        if total == raw_rows + accepted && distinct == total {
            "none lost or doubled"
        } else {
            "MISMATCH"
        }
    );
    pool.close().await;
}

/// The staff queue page with 1,000 and 1,000,000 submissions.
async fn queue_section(cluster: &LocalCluster) {
    println!("| submissions | queue p50 ms | queue p95 ms | filtered p50 ms | page 100 p50 ms |");
    println!("|---:|---:|---:|---:|---:|");
    let mut p50s = Vec::new();
    for (i, n) in [1_000i64, 1_000_000].into_iter().enumerate() {
        let name = format!("bench_queue_{n}");
        let pool = seed(cluster, &name, 10).await;
        // Bulk seeding for the benchmark only.
        sqlx::query(
            "INSERT INTO submissions (tracking_number, form_token, kind, category, body,
                                      author_name, phone, consent, lang, status,
                                      received_at, registered_on, due_on)
             SELECT 'ATR-' || lpad(i::text, 8, '0'), 'bench-' || i,
                    (ARRAY['thanks','complaint','request'])[1 + i % 3]::submission_kind,
                    CASE WHEN i % 3 = 2 THEN 'noise' END,
                    'Benchmark submission number ' || i || ' about the market',
                    'Resident', '+77010000000', true, 'ru',
                    (ARRAY['new','in_review','answered','closed'])[1 + i % 4]::submission_status,
                    now() - (i % 365) * interval '1 day',
                    current_date - (i % 365)::int, current_date - (i % 365)::int + 21
             FROM generate_series(1, $1) AS i",
        )
        .bind(n)
        .execute(&pool)
        .await
        .expect("seed submissions");
        sqlx::query("ANALYZE")
            .execute(&pool)
            .await
            .expect("analyze");
        let hash = police_portal::auth::hash_password("benchmark-password").expect("hash");
        police_portal::store::staff::create(
            &pool,
            "bench@police.kz",
            "Bench",
            police_portal::domain::moderation::StaffRole::Moderator,
            &hash,
        )
        .await
        .expect("staff");
        let port = 18_200 + i as u16;
        let server = Server::start(&cluster.url(&name), port);
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        wait_ready(&client, &server.url).await;
        let login = client
            .get(format!("{}/staff/login", server.url))
            .send()
            .await
            .expect("login page")
            .text()
            .await
            .expect("body");
        let csrf = login
            .split("name=\"csrf_token\" value=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("a CSRF token")
            .to_string();
        let signed = client
            .post(format!("{}/staff/login", server.url))
            .form(&[
                ("csrf_token", csrf.as_str()),
                ("email", "bench@police.kz"),
                ("password", "benchmark-password"),
            ])
            .send()
            .await
            .expect("sign in");
        assert_eq!(signed.status().as_u16(), 303, "signed in");
        let measure = |path: String| {
            let client = client.clone();
            let url = format!("{}{path}", server.url);
            async move {
                let mut out = Vec::new();
                for _ in 0..200 {
                    let started = Instant::now();
                    let r = client.get(&url).send().await.expect("queue");
                    assert!(r.status().is_success(), "{url}: {}", r.status());
                    r.bytes().await.expect("body");
                    out.push(started.elapsed().as_secs_f64() * 1000.0);
                }
                out.sort_by(f64::total_cmp);
                out
            }
        };
        let plain = measure("/staff/queue".into()).await;
        let filtered = measure("/staff/queue?kind=request&status=new".into()).await;
        // A page deep in the queue, reached by the keyset of the 5,000th row.
        let deep_after: (chrono::NaiveDate, i64) = sqlx::query_as(
            "SELECT due_on, id FROM submissions ORDER BY due_on, id OFFSET 4999 LIMIT 1",
        )
        .fetch_one(&pool)
        .await
        .unwrap_or((chrono::Utc::now().date_naive(), 0));
        let deep = measure(format!(
            "/staff/queue?after={}.{}",
            deep_after.0, deep_after.1
        ))
        .await;
        let p50 = percentile(&plain, 0.5);
        p50s.push(p50);
        println!(
            "| {n} | {p50:.2} | {:.2} | {:.2} | {:.2} |",
            percentile(&plain, 0.95),
            percentile(&filtered, 0.5),
            percentile(&deep, 0.5)
        );
        server.stop();
        pool.close().await;
    }
    println!();
    println!(
        "queue latency p50, 1,000,000 ÷ 1,000 submissions: {:.2}× (goal ≤ 1.5×)",
        p50s[1] / p50s[0]
    );
}

/// The public statistics with 36 beats and 10,000 and 100,000 appeals in the last 12 months:
/// the first view after a start (it computes the figures of every beat, secondary suppression
/// included) against later views (from the minute's cache), and a beat's page.
async fn statistics_section(cluster: &LocalCluster) {
    println!(
        "| appeals | first view ms (computes) | later views p50 ms | later ÷ first | beat page p50 ms |"
    );
    println!("|---:|---:|---:|---:|---:|");
    let client = reqwest::Client::new();
    for (i, n) in [10_000i64, 100_000].into_iter().enumerate() {
        let name = format!("bench_statistics_{n}");
        let pool = seed_beats(cluster, &name, 6).await;
        // Bulk seeding for the benchmark only: appeals over the last year, placed in the grid,
        // two thirds answered (some late), a few rejected, some extended.
        sqlx::query(
            "INSERT INTO submissions (tracking_number, form_token, kind, category, body,
                                      author_name, phone, consent, lang, status,
                                      received_at, registered_on, due_on, original_due_on,
                                      first_answer_at, rejection_reason, lat, lon)
             SELECT 'ATR-' || lpad(i::text, 8, '0'), 'bench-' || i,
                    (ARRAY['thanks','complaint','request'])[1 + i % 3]::submission_kind,
                    CASE WHEN i % 3 = 2
                         THEN (ARRAY['noise','public_order','road_safety','other'])[1 + i % 4] END,
                    'Benchmark appeal ' || i, 'Resident', '+77010000000', true, 'ru',
                    (ARRAY['new','in_review','answered','closed'])[1 + i % 4]::submission_status,
                    now() - (i % 360) * interval '1 day',
                    current_date - (i % 360)::int, current_date - (i % 360)::int + 21,
                    CASE WHEN i % 11 = 0 THEN current_date - (i % 360)::int + 11 END,
                    CASE WHEN i % 3 <> 0 THEN now() - (i % 360) * interval '1 day'
                                              + (i % 29) * interval '1 day' END,
                    CASE WHEN i % 17 = 0 THEN 'spam' END,
                    47.00 + 0.25 * ((i * 7919) % 1000) / 1000.0,
                    51.75 + 0.30 * ((i * 104729) % 1000) / 1000.0
             FROM generate_series(1, $1) AS i",
        )
        .bind(n)
        .execute(&pool)
        .await
        .expect("seed appeals");
        sqlx::query("ANALYZE")
            .execute(&pool)
            .await
            .expect("analyze");
        let port = 18_300 + i as u16;
        let get = |url: String| {
            let client = client.clone();
            async move {
                let started = Instant::now();
                let r = client.get(&url).send().await.expect("statistics");
                assert!(r.status().is_success(), "{url}: {}", r.status());
                r.bytes().await.expect("body");
                started.elapsed().as_secs_f64() * 1000.0
            }
        };
        // The first view after each of three starts computes; the median of the three.
        let mut first = Vec::new();
        for _ in 0..3 {
            let server = Server::start(&cluster.url(&name), port);
            wait_ready(&client, &server.url).await;
            first.push(get(format!("{}/statistics", server.url)).await);
            server.stop();
        }
        first.sort_by(f64::total_cmp);
        let server = Server::start(&cluster.url(&name), port);
        wait_ready(&client, &server.url).await;
        get(format!("{}/statistics", server.url)).await;
        let mut later = Vec::new();
        let mut beat = Vec::new();
        for k in 0..100 {
            later.push(get(format!("{}/statistics", server.url)).await);
            beat.push(get(format!("{}/beats/{}", server.url, k % 36)).await);
        }
        later.sort_by(f64::total_cmp);
        beat.sort_by(f64::total_cmp);
        let first = percentile(&first, 0.5);
        let later_p50 = percentile(&later, 0.5);
        println!(
            "| {n} | {first:.1} | {later_p50:.2} | {:.3} | {:.2} |",
            later_p50 / first,
            percentile(&beat, 0.5)
        );
        server.stop();
        pool.close().await;
    }
    println!();
}

/// The nearest-posts page against the raw query, with 100 and 100,000 posts.
async fn posts_section(
    cluster: &LocalCluster,
    client: &reqwest::Client,
    at: &Arc<Vec<Coordinates>>,
    workers: u64,
    seconds: u64,
) {
    println!(
        "| posts | raw query/s | page/s | page ÷ raw | page p50 ms | page p95 ms | server peak RSS MiB |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    let mut p50s = Vec::new();
    for (i, n) in [100i64, 100_000].into_iter().enumerate() {
        let name = format!("bench_posts_{n}");
        let pool = seed(cluster, &name, n).await;
        let server = Server::start(&cluster.url(&name), 18_090 + i as u16);
        wait_ready(client, &server.url).await;

        let raw = {
            let pool = pool.clone();
            let at = at.clone();
            throughput(workers, seconds, move |i| {
                let pool = pool.clone();
                let p = at[i % at.len()];
                async move {
                    posts::nearest_working_and_planned(&pool, p, None, 10, 5)
                        .await
                        .expect("query");
                }
            })
            .await
        };
        let page = {
            let client = client.clone();
            let url = server.url.clone();
            let at = at.clone();
            throughput(workers, seconds, move |i| {
                let client = client.clone();
                let p = at[i % at.len()];
                let url = format!("{url}/posts?lat={:.5}&lon={:.5}", p.lat(), p.lon());
                async move {
                    let r = client.get(url).send().await.expect("page");
                    assert!(r.status().is_success());
                    r.bytes().await.expect("body");
                }
            })
            .await
        };
        let latencies = page_latencies(client, &server.url, &at[..300]).await;
        let (p50, p95) = (percentile(&latencies, 0.5), percentile(&latencies, 0.95));
        p50s.push(p50);
        println!(
            "| {n} | {raw:.0} | {page:.0} | {:.2} | {p50:.2} | {p95:.2} | {:.1} |",
            page / raw,
            server.peak_memory_kib() as f64 / 1024.0
        );
        server.stop();
        pool.close().await;
    }
    println!();
    println!(
        "page latency p50, 100,000 posts ÷ 100 posts: {:.2}× (goal ≤ 1.5×)",
        p50s[1] / p50s[0]
    );
    println!();
}

struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(database_url: &str, port: u16) -> Server {
        let child = Command::new(env!("CARGO_BIN_EXE_police-portal"))
            .arg("serve")
            .env("DATABASE_URL", database_url)
            .env("PORTAL_ADDR", format!("127.0.0.1:{port}"))
            .env("PORTAL_DEMO_DATA", "0")
            .env("RUST_LOG", "error")
            .stdout(Stdio::null())
            .spawn()
            .expect("server starts");
        Server {
            child,
            url: format!("http://127.0.0.1:{port}"),
        }
    }

    fn peak_memory_kib(&self) -> u64 {
        std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("VmHWM:"))
                    .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
            })
            .unwrap_or(0)
    }

    fn stop(mut self) {
        let _ = nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(self.child.id() as i32),
            nix::sys::signal::Signal::SIGTERM,
        );
        let _ = self.child.wait();
    }
}

async fn wait_ready(client: &reqwest::Client, url: &str) {
    for _ in 0..200 {
        if client
            .get(format!("{url}/healthz"))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("server at {url} did not become ready");
}

/// Runs `job` from `workers` tasks for `seconds`; returns operations per second.
async fn throughput<F, Fut>(workers: u64, seconds: u64, job: F) -> f64
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let job = Arc::new(job);
    let done = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for w in 0..workers {
        let job = job.clone();
        let done = done.clone();
        tasks.push(tokio::spawn(async move {
            let mut i = w as usize * 7919;
            while Instant::now() < deadline {
                job(i).await;
                done.fetch_add(1, Ordering::Relaxed);
                i += 1;
            }
        }));
    }
    for t in tasks {
        t.await.expect("worker");
    }
    done.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64()
}

async fn page_latencies(client: &reqwest::Client, url: &str, at: &[Coordinates]) -> Vec<f64> {
    let mut out = Vec::new();
    for p in at {
        let started = Instant::now();
        let r = client
            .get(format!("{url}/posts?lat={:.5}&lon={:.5}", p.lat(), p.lon()))
            .send()
            .await
            .expect("page");
        assert!(r.status().is_success());
        r.bytes().await.expect("body");
        out.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    out.sort_by(f64::total_cmp);
    out
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(run());
}

async fn run() {
    let seconds = setting("BENCH_SECONDS", 5);
    let workers = setting("BENCH_CONCURRENCY", 8);
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench-pg");
    let cluster = LocalCluster::start(
        &dir,
        &ClusterOptions {
            pg_bin_dir: None,
            ephemeral: true,
        },
    )
    .await
    .expect("private cluster");
    let client = reqwest::Client::new();
    let at = Arc::new(points(1000));
    println!(
        "police-portal benchmark: {workers} concurrent clients, {seconds} s per throughput run"
    );
    println!();
    let only = std::env::var("BENCH_ONLY").unwrap_or_default();
    let run = |name: &str| only.is_empty() || only.split(',').any(|o| o.trim() == name);
    if run("posts") {
        posts_section(&cluster, &client, &at, workers, seconds).await;
    }
    if run("locate") {
        locate_section(&cluster, &at).await;
        println!();
    }
    if run("submissions") {
        submissions_section(&cluster, workers, seconds).await;
        println!();
    }
    if run("queue") {
        queue_section(&cluster).await;
    }
    if run("statistics") {
        statistics_section(&cluster).await;
    }
    drop(cluster);
}
