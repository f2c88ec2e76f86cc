//! Imports in the browser: a preview that is the real import rolled back (added, changed,
//! unchanged; or each error with its line or feature), then exactly that file, all or nothing.

use scraper::Html;

use crate::helpers::{ADMIN, MODERATOR, TestApp, attrs, text, texts};

const DEMO_POSTS: &str = include_str!("../../src/database/demo/posts.csv");
const DEMO_BEATS: &str = include_str!("../../src/database/demo/beats.geojson");

async fn admin_app() -> TestApp {
    let app = TestApp::builder()
        .with_demo_data()
        .with_staff()
        .spawn()
        .await;
    assert_eq!(app.sign_in(ADMIN).await.status(), 303);
    app
}

async fn upload(app: &TestApp, kind: &str, name: &str, body: &str) -> reqwest::Response {
    let html = app.page("/staff/imports?lang=en", 200).await;
    let csrf = attrs(&html, "#import-form input[name=csrf_token]", "value").remove(0);
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", csrf)
        .text("kind", kind.to_string())
        .part(
            "file",
            reqwest::multipart::Part::bytes(body.as_bytes().to_vec()).file_name(name.to_string()),
        );
    app.client
        .post(app.url("/staff/imports?lang=en"))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

async fn count(app: &TestApp, table: &str) -> i64 {
    // The table names are the test's own constants.
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT count(*) FROM {table}")))
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

/// Three of the demo posts as the city's own (ids city-1..3), the first renamed if asked,
/// and a fourth if asked.
fn city_posts(renamed: bool, fourth: bool) -> String {
    let lines: Vec<&str> = DEMO_POSTS.lines().collect();
    let mut out = vec![lines[0].to_string()];
    let count = if fourth { 4 } else { 3 };
    for (n, line) in lines[1..=count].iter().enumerate() {
        let id = line.split(',').next().unwrap();
        let mut line = line.replacen(id, &format!("city-{}", n + 1), 1);
        if renamed && n == 0 {
            line = line.replace("(Central Market)", "(Central Market — renamed)");
        }
        out.push(line);
    }
    out.join("\n")
}

/// Sends the preview's confirmation.
async fn confirm(app: &TestApp, preview: &Html) -> (String, String, reqwest::Response) {
    let action = attrs(preview, "#confirm-form", "action").remove(0);
    let csrf = attrs(preview, "#confirm-form input[name=csrf_token]", "value").remove(0);
    let response = app
        .client
        .post(app.url(&format!("{action}?lang=en")))
        .form(&[("csrf_token", csrf.as_str())])
        .send()
        .await
        .unwrap();
    (action, csrf, response)
}

#[tokio::test]
async fn a_posts_file_is_previewed_without_a_change_then_imported_once() {
    let app = admin_app().await;
    let first = upload(&app, "posts", "posts.csv", &city_posts(false, false)).await;
    let first = Html::parse_document(&first.text().await.unwrap());
    assert_eq!(texts(&first, "#preview h3 .count"), ["3", "0", "0"]);
    assert_eq!(confirm(&app, &first).await.2.status(), 200);
    let before = count(&app, "posts").await;

    let preview = upload(&app, "posts", "posts.csv", &city_posts(true, true)).await;
    let status = preview.status();
    let html = Html::parse_document(&preview.text().await.unwrap());
    let problems = texts(&html, "#import-errors li, #file-error");
    assert_eq!(status, 200, "{problems:?}");
    assert_eq!(
        texts(&html, "#preview h3 .count"),
        ["1", "1", "2"],
        "added, changed, unchanged"
    );
    assert_eq!(
        texts(&html, "#preview p.ids code"),
        ["city-4", "city-1", "city-2", "city-3"]
    );
    assert_eq!(
        count(&app, "posts").await,
        before,
        "the preview changed nothing"
    );
    let name: String = sqlx::query_scalar("SELECT name_en FROM posts WHERE external_id = 'city-1'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(!name.contains("renamed"));

    let (action, csrf, confirmed) = confirm(&app, &html).await;
    assert_eq!(confirmed.status(), 200);
    let done = Html::parse_document(&confirmed.text().await.unwrap());
    assert!(!text(&done, "#done").is_empty());
    assert_eq!(count(&app, "posts").await, before + 1);
    let id: i64 = sqlx::query_scalar("SELECT id FROM posts WHERE external_id = 'city-1'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let page = app
        .another_client()
        .page(&format!("/posts/{id}?lang=en"), 200)
        .await;
    assert_eq!(
        text(&page, "h1"),
        "Modular police post No. 1 (Central Market — renamed)"
    );

    // Once only.
    let again = app
        .client
        .post(app.url(&action))
        .form(&[("csrf_token", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 410);
    assert_eq!(count(&app, "posts").await, before + 1);
    let audited: Vec<serde_json::Value> =
        sqlx::query_scalar("SELECT after FROM audit_log WHERE action = 'imported' ORDER BY id")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        audited,
        [
            serde_json::json!({"added": 3, "changed": 0, "unchanged": 0}),
            serde_json::json!({"added": 1, "changed": 1, "unchanged": 2}),
        ]
    );
}

/// The demo beats with the second feature's ring left open.
fn broken_beats() -> String {
    let mut doc: serde_json::Value = serde_json::from_str(DEMO_BEATS).unwrap();
    let ring = doc["features"][1]["geometry"]["coordinates"][0]
        .as_array_mut()
        .unwrap();
    ring.pop();
    doc.to_string()
}

#[tokio::test]
async fn a_beats_file_with_one_broken_feature_names_it_and_imports_nothing() {
    let app = admin_app().await;
    let beats = count(&app, "beats").await;
    let refused = upload(&app, "beats", "beats.geojson", &broken_beats()).await;
    assert_eq!(refused.status(), 422);
    let html = Html::parse_document(&refused.text().await.unwrap());
    let errors = texts(&html, "#import-errors li");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("feature 2:"), "{errors:?}");
    assert!(
        texts(&html, "#confirm-form").is_empty(),
        "nothing to confirm"
    );
    assert_eq!(count(&app, "beats").await, beats);
    assert_eq!(count(&app, "pending_imports").await, 0);

    let empty = upload(&app, "beats", "beats.geojson", "  ").await;
    assert_eq!(empty.status(), 422);
    let html = Html::parse_document(&empty.text().await.unwrap());
    assert_eq!(texts(&html, "#file-error"), ["The file is empty."]);
}

#[tokio::test]
async fn moderators_cannot_import() {
    let app = TestApp::builder()
        .with_demo_data()
        .with_staff()
        .spawn()
        .await;
    app.sign_in(MODERATOR).await;
    assert_eq!(app.get("/staff/imports").await.status(), 403);
    let html = app.page("/staff?lang=en", 200).await;
    let csrf = attrs(&html, "input[name=csrf_token]", "value").remove(0);
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", csrf.clone())
        .text("kind", "posts")
        .part(
            "file",
            reqwest::multipart::Part::bytes(city_posts(false, false).into_bytes())
                .file_name("p.csv"),
        );
    let r = app
        .client
        .post(app.url("/staff/imports"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = app
        .client
        .post(app.url("/staff/imports/1"))
        .form(&[("csrf_token", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
}

#[tokio::test]
async fn in_the_browser_a_broken_beats_file_shows_the_feature_and_nothing_is_imported() {
    use thirtyfour::prelude::*;

    use crate::browser::{assert_accessible, browser, fill, find, press_enter};

    let app = TestApp::builder()
        .with_demo_data()
        .with_staff()
        .spawn()
        .await;
    let beats = count(&app, "beats").await;
    let driver = browser().await;
    driver.goto(app.url("/staff/login")).await.unwrap();
    fill(&driver, "email", ADMIN.0).await;
    fill(&driver, "password", ADMIN.1).await;
    press_enter(&driver, "password").await;
    find(&driver, By::Id("counts")).await;

    let file = std::env::temp_dir().join(format!("beats-{}.geojson", std::process::id()));
    std::fs::write(&file, broken_beats()).unwrap();
    driver.goto(app.url("/staff/imports")).await.unwrap();
    assert_accessible(&driver, "the import form").await;
    find(&driver, By::Id("kind"))
        .await
        .send_keys("Участки")
        .await
        .unwrap();
    find(&driver, By::Id("file"))
        .await
        .send_keys(file.to_string_lossy())
        .await
        .unwrap();
    find(&driver, By::Id("preview-button"))
        .await
        .click()
        .await
        .unwrap();
    let error = find(&driver, By::Css("#import-errors li")).await;
    let error = error.text().await.unwrap();
    std::fs::remove_file(&file).ok();
    assert!(error.starts_with("feature 2:"), "{error}");
    assert_accessible(&driver, "the import's errors").await;
    assert_eq!(count(&app, "beats").await, beats, "nothing imported");
    driver.quit().await.unwrap();
}
