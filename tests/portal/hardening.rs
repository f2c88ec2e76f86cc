//! What outside testing found (issue 10), each fixed and kept fixed.

use police_portal::store::staff as accounts;
use scraper::Html;
use sha2::{Digest, Sha256};

use crate::helpers::{MODERATOR, THANKS_WITH_PHONE, TestApp, attrs, texts};

async fn staff_app() -> TestApp {
    TestApp::builder()
        .with_demo_data()
        .with_staff()
        .with_settings(|s| s.submissions_per_minute = 1000)
        .spawn()
        .await
}

/// The session cookie a response set, as a `Cookie` header another client can replay.
fn cookies_of(response: &reqwest::Response) -> String {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .collect::<Vec<_>>()
        .join("; ")
}

async fn get_with_cookie(app: &TestApp, path: &str, cookie: &str) -> u16 {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(app.url(path))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn a_copied_session_cookie_is_worthless_after_sign_out() {
    let app = staff_app().await;
    let signed_in = app.sign_in(MODERATOR).await;
    assert_eq!(signed_in.status(), 303);
    let copy = cookies_of(&signed_in);
    assert_eq!(get_with_cookie(&app, "/staff/queue", &copy).await, 200);

    assert_eq!(app.sign_out().await.status(), 303);

    assert_eq!(get_with_cookie(&app, "/staff/queue", &copy).await, 303);
}

#[tokio::test]
async fn disabling_an_account_ends_its_sessions_at_once() {
    let app = staff_app().await;
    assert_eq!(app.sign_in(MODERATOR).await.status(), 303);
    assert_eq!(app.get("/staff").await.status(), 200);

    assert!(accounts::disable(&app.pool, MODERATOR.0).await.unwrap());

    assert_eq!(app.get("/staff").await.status(), 303);
}

#[tokio::test]
async fn signing_in_rotates_the_csrf_token() {
    let app = staff_app().await;
    let login = app.page("/staff/login", 200).await;
    let before = attrs(&login, "input[name=csrf_token]", "value");
    assert_eq!(app.sign_in(MODERATOR).await.status(), 303);
    let after = attrs(
        &app.page("/staff", 200).await,
        "input[name=csrf_token]",
        "value",
    );
    assert_ne!(before.first(), after.first());
}

#[tokio::test]
async fn wrong_passwords_from_elsewhere_never_lock_out_a_browser_that_signed_in_before() {
    let app = staff_app().await;
    let owner = app.another_client();
    assert_eq!(owner.sign_in(MODERATOR).await.status(), 303);
    assert_eq!(owner.sign_out().await.status(), 303);
    let attacker = app.another_client();
    let mut statuses = Vec::new();
    for _ in 0..8 {
        let tried = attacker.sign_in((MODERATOR.0, "a-wrong-guess")).await;
        statuses.push(tried.status().as_u16());
    }
    assert_eq!(statuses.last(), Some(&429), "{statuses:?}");

    let owner_again = owner.sign_in(MODERATOR).await;

    assert_eq!(owner_again.status(), 303);
}

#[tokio::test]
async fn a_limited_client_gets_429_even_for_the_right_key() {
    let app = TestApp::builder().with_demo_data().spawn().await;
    let (_, receipt) = app.submit("/feedback", THANKS_WITH_PHONE).await;
    let number = receipt
        .trim_start_matches("/track/")
        .split('?')
        .next()
        .unwrap();
    for _ in 0..10 {
        let wrong = app.get(&format!("/track/{number}?key=AAAAAAAAAA")).await;
        assert_eq!(wrong.status(), 404);
    }

    assert_eq!(app.get(&receipt).await.status(), 429);
}

#[tokio::test]
async fn a_used_form_token_from_another_session_does_not_reach_the_first_receipt() {
    let app = TestApp::builder().with_demo_data().spawn().await;
    let form = app.open_form("/feedback/new").await;
    let first = app.send_form("/feedback", &form, THANKS_WITH_PHONE).await;
    assert_eq!(first.status(), 303);

    let other = app.another_client();
    let other_form = other.open_form("/feedback/new").await;
    let replayed = crate::helpers::RenderedForm {
        csrf: other_form.csrf,
        token: form.token,
    };
    let second = other
        .send_form("/feedback", &replayed, THANKS_WITH_PHONE)
        .await;

    assert_eq!(
        second.status(),
        422,
        "the form comes back, with no receipt link"
    );
    assert!(second.headers().get("location").is_none());
}

#[tokio::test]
async fn get_routes_answer_head_and_wrong_methods_get_405_with_allow() {
    let app = TestApp::builder().with_demo_data().spawn().await;
    for path in [
        "/",
        "/posts",
        "/inspectors",
        "/track",
        "/healthz",
        "/api/v1/beats.geojson",
    ] {
        let head = app.client.head(app.url(path)).send().await.unwrap();
        assert_eq!(head.status(), 200, "HEAD {path}");
    }
    let cases = [
        ("/", reqwest::Method::POST, "GET, HEAD"),
        ("/feedback", reqwest::Method::DELETE, "GET, HEAD, POST"),
        ("/staff/login", reqwest::Method::DELETE, "GET, HEAD, POST"),
    ];
    for (path, method, allow) in cases {
        let r = app
            .client
            .request(method.clone(), app.url(path))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 405, "{method} {path}");
        assert_eq!(r.headers()["allow"], allow, "{method} {path}");
    }
}

#[tokio::test]
async fn links_built_from_the_request_path_stay_on_the_portal() {
    let app = TestApp::spawn().await;
    for path in ["//evil.example/x", "/\\evil.example/x", "///evil.example"] {
        let response = app.get(path).await;
        assert!(response.status().is_client_error(), "{path}");
        let html = Html::parse_document(&response.text().await.unwrap());
        let links = attrs(&html, "a[href]", "href");
        assert!(!links.is_empty());
        for href in links {
            let on_site = href.starts_with('#')
                || (href.starts_with('/') && !href.starts_with("//") && !href.starts_with("/\\"));
            assert!(on_site, "{path}: {href}");
        }
    }
}

#[tokio::test]
async fn cells_a_spreadsheet_would_run_are_exported_inert() {
    let app = staff_app().await;
    let formula = "=HYPERLINK(\"http://evil.example\",\"click\") the street light is out";
    let request: &[(&str, &str)] = &[
        ("category", "road_safety"),
        ("place", "проспект Азаттык, 25"),
        ("body", formula),
        ("name", "Serik"),
        ("phone", "+7 702 000 00 00"),
        ("consent", "1"),
    ];
    app.submit("/requests", request).await;
    assert_eq!(app.sign_in(crate::helpers::ADMIN).await.status(), 303);

    let csv = app.get("/staff/queue.csv").await.text().await.unwrap();

    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let column = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "excerpt")
        .unwrap();
    let excerpts: Vec<String> = reader
        .records()
        .map(|r| r.unwrap().get(column).unwrap_or_default().to_string())
        .collect();
    assert_eq!(excerpts.len(), 1);
    assert!(excerpts[0].starts_with("'=HYPERLINK"), "{excerpts:?}");
}

#[tokio::test]
async fn the_audit_log_tags_clients_with_a_keyed_mac_not_a_plain_hash() {
    let app = staff_app().await;
    assert_eq!(app.sign_in(MODERATOR).await.status(), 303);
    let tag: String =
        sqlx::query_scalar("SELECT client FROM audit_log WHERE action = 'sign_in' LIMIT 1")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let plain: String = Sha256::digest(b"127.0.0.1")[..4]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_ne!(tag, plain);
    assert_eq!(tag.len(), 16);
}

#[tokio::test]
async fn the_openapi_document_says_coordinates_are_required_numbers_in_range() {
    let app = TestApp::spawn().await;
    let doc: serde_json::Value = app.get("/api/openapi.json").await.json().await.unwrap();
    for path in ["/api/v1/posts/nearest", "/api/v1/inspectors/locate"] {
        let params = doc["paths"][path]["get"]["parameters"].as_array().unwrap();
        for (name, bound) in [("lat", 90.0), ("lon", 180.0)] {
            let p = params.iter().find(|p| p["name"] == name).unwrap();
            assert_eq!(p["required"], true, "{path} {name}");
            assert_eq!(p["schema"]["type"], "number", "{path} {name}: {p}");
            assert_eq!(
                p["schema"]["minimum"].as_f64(),
                Some(-bound),
                "{path} {name}"
            );
            assert_eq!(
                p["schema"]["maximum"].as_f64(),
                Some(bound),
                "{path} {name}"
            );
        }
    }
}

#[tokio::test]
async fn personal_data_in_free_text_is_masked_before_it_is_published_or_exported() {
    let app = staff_app().await;
    let (id, _) = app.submit("/feedback", THANKS_WITH_PHONE).await;
    assert_eq!(app.sign_in(crate::helpers::ADMIN).await.status(), 303);
    assert_eq!(app.act(id, "take", &[]).await.status(), 303);

    let page = app
        .page(&format!("/staff/submissions/{id}?lang=en"), 200)
        .await;
    let csv = app
        .get("/staff/queue.csv?q=555")
        .await
        .text()
        .await
        .unwrap();
    let audit: String = sqlx::query_scalar(
        "SELECT reason FROM audit_log WHERE action = 'export_queue' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();

    assert_eq!(
        texts(&page, "#publish-text"),
        ["Thank you, the inspector found my bag. Call me at […]."]
    );
    assert_eq!(texts(&page, "#publish-masked mark"), ["+7 701 555 12 34"]);
    assert!(csv.contains("Call me at […]"), "{csv}");
    assert!(!csv.contains("555 12 34"), "{csv}");
    assert!(
        !audit.contains("555"),
        "the search term is not logged: {audit}"
    );
}

#[tokio::test]
async fn during_a_database_outage_a_typed_complaint_comes_back_with_503_and_nothing_lost() {
    let app = TestApp::builder().with_demo_data().spawn().await;
    let form = app.open_form("/feedback/new?lang=en").await;
    let complaint: &[(&str, &str)] = &[
        ("type", "complaint"),
        ("inspector", "1"),
        (
            "body",
            "Nobody came when I called about the fight in our yard.",
        ),
        ("name", "Serik"),
        ("phone", "+7 702 000 00 00"),
        ("consent", "1"),
    ];
    app.serving.close().await;

    let sent = app.send_form("/feedback?lang=en", &form, complaint).await;
    let directory = app.get("/inspectors?lang=en").await;

    assert_eq!(sent.status(), 503);
    assert_eq!(sent.headers()["retry-after"], "30");
    let html = Html::parse_document(&sent.text().await.unwrap());
    assert_eq!(
        texts(&html, "#body"),
        ["Nobody came when I called about the fight in our yard."]
    );
    assert_eq!(attrs(&html, "#name", "value"), ["Serik"]);
    assert_eq!(attrs(&html, "#inspector option[selected]", "value"), ["1"]);
    assert!(!texts(&html, "#submit-error").is_empty());
    assert_eq!(directory.status(), 503);
    assert!(directory.headers().contains_key("retry-after"));
}

#[tokio::test]
async fn the_serving_role_can_add_to_the_audit_log_but_never_change_it() {
    let app = staff_app().await;
    assert_eq!(app.sign_in(MODERATOR).await.status(), 303);
    let serving = crate::helpers::serving_pool(&app.pool).await;
    let read: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log")
        .fetch_one(&serving)
        .await
        .unwrap();
    assert!(read >= 1, "it reads the log");
    for statement in [
        "UPDATE audit_log SET reason = 'rewritten'",
        "DELETE FROM audit_log",
        "TRUNCATE audit_log",
        "ALTER TABLE audit_log DISABLE TRIGGER ALL",
        "DROP TABLE audit_log",
    ] {
        let refused = sqlx::raw_sql(sqlx::AssertSqlSafe(statement))
            .execute(&serving)
            .await
            .unwrap_err();
        let code = refused
            .as_database_error()
            .and_then(|e| e.code())
            .unwrap_or_default();
        assert!(code == "42501" || code == "P0001", "{statement}: {refused}");
    }
    let is_superuser: bool =
        sqlx::query_scalar("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            .fetch_one(&serving)
            .await
            .unwrap();
    assert!(!is_superuser);
}

/// Runs `police-portal staff ...` on the app's database.
pub(crate) async fn staff_command(app: &TestApp, args: &[&str]) -> std::process::Output {
    let url = crate::helpers::database_url(&app.pool).await;
    tokio::process::Command::new(env!("CARGO_BIN_EXE_police-portal"))
        .arg("staff")
        .args(args)
        .env("DATABASE_URL", url)
        .env("RUST_LOG", "error")
        .output()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_administrator_ends_the_sessions_of_one_account_or_of_all() {
    let app = staff_app().await;
    let admin = app.another_client();
    assert_eq!(app.sign_in(MODERATOR).await.status(), 303);
    assert_eq!(admin.sign_in(crate::helpers::ADMIN).await.status(), 303);

    let one = staff_command(&app, &["end-sessions", MODERATOR.0]).await;
    assert!(
        one.status.success(),
        "{}",
        String::from_utf8_lossy(&one.stderr)
    );
    assert_eq!(
        app.get("/staff").await.status(),
        303,
        "the moderator's session ended"
    );
    assert_eq!(
        admin.get("/staff").await.status(),
        200,
        "the admin's did not"
    );

    let all = staff_command(&app, &["end-sessions", "--all"]).await;
    assert!(all.status.success());
    assert_eq!(admin.get("/staff").await.status(), 303);
}

#[tokio::test]
async fn old_rate_limit_windows_are_deleted() {
    let app = TestApp::spawn().await;
    sqlx::query(
        "INSERT INTO rate_counters (key, window_start, hits)
         VALUES ('\\x01', now() - interval '1 hour', 3), ('\\x02', now(), 1)",
    )
    .execute(&app.pool)
    .await
    .unwrap();

    let deleted = police_portal::store::limits::forget_old(&app.serving, 600)
        .await
        .unwrap();

    assert_eq!(deleted, 1);
    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM rate_counters")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(left, 1);
}

#[tokio::test]
async fn a_limit_holds_across_a_window_boundary() {
    let app = TestApp::spawn().await;
    // (this window's hits, the previous window's, how far into this window) -> the estimate
    let cases = [
        // Just after a boundary, the last window still counts in full.
        (1, 5, 0.01, 6.0),
        // Halfway through, half of it does (rounded up).
        (1, 5, 0.5, 4.0),
        (3, 0, 0.9, 3.0),
        // A clock at or past the window's end counts only this window.
        (2, 7, 1.0, 2.0),
    ];
    for (current, previous, elapsed, expected) in cases {
        let estimate: f64 = sqlx::query_scalar("SELECT rate_sliding_count($1, $2, $3)")
            .bind(current)
            .bind(previous)
            .bind(elapsed)
            .fetch_one(&app.serving)
            .await
            .unwrap();
        assert!(
            (estimate - expected).abs() < f64::EPSILON,
            "({current}, {previous}, {elapsed}) gave {estimate}, not {expected}"
        );
    }
}

async fn portal_command(app: &TestApp, args: &[&str]) -> std::process::Output {
    let url = crate::helpers::database_url(&app.pool).await;
    tokio::process::Command::new(env!("CARGO_BIN_EXE_police-portal"))
        .args(args)
        .env("DATABASE_URL", url)
        .env("RUST_LOG", "error")
        .output()
        .await
        .unwrap()
}

async fn counts(app: &TestApp) -> (i64, i64, i64) {
    let count = |table: &'static str| {
        let pool = app.pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!(
                "SELECT count(*) FROM {table}"
            )))
            .fetch_one(&pool)
            .await
            .unwrap_or(-1)
        }
    };
    (
        count("submissions").await,
        count("audit_log").await,
        count("staff").await,
    )
}

#[tokio::test]
async fn a_backup_restored_into_an_emptied_database_has_everything_again() {
    let app = staff_app().await;
    app.submit("/feedback", THANKS_WITH_PHONE).await;
    assert_eq!(app.sign_in(MODERATOR).await.status(), 303);
    let before = counts(&app).await;
    assert!(
        before.0 >= 1 && before.1 >= 1 && before.2 == 2,
        "{before:?}"
    );
    let file = std::env::temp_dir().join(format!("pp-backup-{}.dump", std::process::id()));
    let file = file.display().to_string();

    let backed_up = portal_command(&app, &["backup", &file]).await;
    assert!(
        backed_up.status.success(),
        "{}",
        String::from_utf8_lossy(&backed_up.stderr)
    );
    sqlx::raw_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(counts(&app).await, (-1, -1, -1), "emptied");
    let restored = portal_command(&app, &["restore", &file]).await;

    assert!(
        restored.status.success(),
        "{}",
        String::from_utf8_lossy(&restored.stderr)
    );
    assert_eq!(counts(&app).await, before);
    std::fs::remove_file(&file).ok();
}
