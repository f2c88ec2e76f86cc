//! Administrators keep who serves where: a beat's substitute for a range of dates, an
//! inspector's details and photo (re-encoded without metadata), admins only.

use chrono::{Duration, Utc};
use scraper::Html;

use crate::helpers::{ADMIN, MODERATOR, TestApp, attrs, form_fields, text, texts, with_values};

/// The Central Market, inside one of the demo beats.
const MARKET: (f64, f64) = (47.108, 51.922);

async fn admin_app() -> TestApp {
    let app = TestApp::builder()
        .with_demo_data()
        .with_staff()
        .spawn()
        .await;
    assert_eq!(app.sign_in(ADMIN).await.status(), 303);
    app
}

/// The beat the market is in (as the public API finds it), its inspector, and another active
/// inspector with their English name.
async fn market_beat(app: &TestApp) -> (i64, i64, i64, String) {
    let found: serde_json::Value = app
        .get(&format!(
            "/api/v1/inspectors/locate?lat={}&lon={}&lang=en",
            MARKET.0, MARKET.1
        ))
        .await
        .json()
        .await
        .unwrap();
    let beat = found["beat"]["id"].as_i64().unwrap();
    let inspector = found["inspector"]["id"].as_i64().unwrap();
    let (other, name): (i64, String) = sqlx::query_as(
        "SELECT id, name_en FROM inspectors WHERE active AND id <> $1 ORDER BY id LIMIT 1",
    )
    .bind(inspector)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    (beat, inspector, other, name)
}

/// The form's fields as the page shows them, changed, sent to the form's action.
async fn send(
    app: &TestApp,
    path: &str,
    form: &str,
    changes: &[(&str, &str)],
) -> reqwest::Response {
    let html = app.page(&format!("{path}?lang=en"), 200).await;
    let fields = with_values(&form_fields(&html, form), changes);
    let action = attrs(&html, form, "action").remove(0);
    app.client
        .post(app.url(&format!("{action}?lang=en")))
        .form(&fields)
        .send()
        .await
        .unwrap()
}

fn city_today() -> chrono::NaiveDate {
    Utc::now()
        .with_timezone(&chrono_tz::Asia::Atyrau)
        .date_naive()
}

#[tokio::test]
async fn a_substitute_from_today_to_next_week_is_on_the_public_card_at_once() {
    let app = admin_app().await;
    let (beat, _, substitute, name) = market_beat(&app).await;
    let today = city_today();
    let next_week = today + Duration::days(7);
    let path = format!("/staff/beats/{beat}");
    let saved = send(
        &app,
        &path,
        "#beat-form",
        &[
            ("substitute", &substitute.to_string()),
            ("substitute_from", &today.to_string()),
            (
                "substitute_until",
                &next_week.format("%d.%m.%Y").to_string(),
            ),
        ],
    )
    .await;
    assert_eq!(saved.status(), 303);

    let resident = app.another_client();
    let card = resident
        .page(
            &format!("/inspectors/find?lat={}&lon={}&lang=en", MARKET.0, MARKET.1),
            200,
        )
        .await;
    assert_eq!(text(&card, ".inspector-card h2"), name);
    assert_eq!(texts(&card, ".inspector-card .notice").len(), 1);

    let (before, after): (serde_json::Value, serde_json::Value) =
        sqlx::query_as("SELECT before, after FROM audit_log WHERE action = 'beat_assigned'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert!(before["substitute"].is_null());
    assert_eq!(after["substitute"], substitute);
    assert_eq!(after["substitute_until"], next_week.to_string());
}

/// Fields changed, the field whose message says so, the message.
type Case<'a> = (Vec<(&'a str, &'a str)>, &'static str, &'static str);

#[tokio::test]
async fn every_rule_of_a_beats_assignment_explains_itself() {
    let app = admin_app().await;
    let (beat, inspector, other, _) = market_beat(&app).await;
    let inactive: i64 = sqlx::query_scalar(
        "UPDATE inspectors SET active = false
         WHERE id = (SELECT max(id) FROM inspectors WHERE id <> $1 AND id <> $2) RETURNING id",
    )
    .bind(inspector)
    .bind(other)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let (own, someone, retired) = (
        inspector.to_string(),
        other.to_string(),
        inactive.to_string(),
    );
    let path = format!("/staff/beats/{beat}");
    let cases: Vec<Case> = vec![
        (
            vec![
                ("substitute", &someone),
                ("substitute_from", ""),
                ("substitute_until", "2026-12-31"),
            ],
            "substitute_from",
            "A substitute needs both dates.",
        ),
        (
            vec![
                ("substitute", &someone),
                ("substitute_from", "2026-12-31"),
                ("substitute_until", "2026-12-01"),
            ],
            "substitute_until",
            "The end cannot be before the start.",
        ),
        (
            vec![
                ("substitute", &own),
                ("substitute_from", "2026-12-01"),
                ("substitute_until", "2026-12-31"),
            ],
            "substitute",
            "The substitute must be someone other than the beat's inspector.",
        ),
        (
            vec![
                ("substitute", &someone),
                ("substitute_from", "31.02.2026"),
                ("substitute_until", "2026-12-31"),
            ],
            "substitute_from",
            "Enter a real date, for example 24.12.2026.",
        ),
        (
            vec![("inspector", &retired)],
            "inspector",
            "Choose one of the list.",
        ),
    ];
    for (changes, field, message) in cases {
        let response = send(&app, &path, "#beat-form", &changes).await;
        assert_eq!(response.status(), 422, "{changes:?}");
        let html = Html::parse_document(&response.text().await.unwrap());
        assert_eq!(
            texts(&html, &format!("#{field}-error")),
            [message],
            "{changes:?}"
        );
    }
    let versions: i32 = sqlx::query_scalar("SELECT version FROM beats WHERE id = $1")
        .bind(beat)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(versions, 1, "nothing saved");
}

/// A JPEG with an EXIF segment that holds a GPS position and a marker text.
fn jpeg_with_exif() -> Vec<u8> {
    let image = image::RgbImage::from_fn(640, 480, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut plain = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut plain, image::ImageFormat::Jpeg)
        .unwrap();
    let plain = plain.into_inner();
    // TIFF, big-endian: IFD0 with one entry (GPSInfo -> IFD at 26), the GPS IFD with
    // GPSLatitudeRef "N" and a note in GPSAreaInformation.
    let note = b"GPS-SECRET 47.1167N 51.8833E";
    let mut tiff = Vec::new();
    tiff.extend_from_slice(b"MM\x00\x2a\x00\x00\x00\x08");
    tiff.extend_from_slice(&[0, 1, 0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 26, 0, 0, 0, 0]);
    tiff.extend_from_slice(&[0, 2]);
    tiff.extend_from_slice(&[0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
    let at = u32::try_from(26 + 2 + 24 + 4).unwrap();
    let len = u32::try_from(note.len()).unwrap();
    tiff.extend_from_slice(&[0, 0x1c, 0, 7]);
    tiff.extend_from_slice(&len.to_be_bytes());
    tiff.extend_from_slice(&at.to_be_bytes());
    tiff.extend_from_slice(&[0, 0, 0, 0]);
    tiff.extend_from_slice(note);
    let mut app1 = b"Exif\x00\x00".to_vec();
    app1.extend_from_slice(&tiff);
    let size = u16::try_from(app1.len() + 2).unwrap();
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&size.to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&plain[2..]);
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

async fn upload(app: &TestApp, id: i64, name: &str, bytes: Vec<u8>) -> reqwest::Response {
    let html = app
        .page(&format!("/staff/inspectors/{id}?lang=en"), 200)
        .await;
    let csrf = attrs(&html, "#photo-form input[name=csrf_token]", "value").remove(0);
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", csrf)
        .part(
            "photo",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
        );
    app.client
        .post(app.url(&format!("/staff/inspectors/{id}/photo?lang=en")))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_uploaded_photo_is_served_without_its_location_and_anything_else_is_refused() {
    let app = admin_app().await;
    let original = jpeg_with_exif();
    assert!(contains(&original, b"Exif\x00\x00") && contains(&original, b"GPS-SECRET"));
    assert!(
        image::load_from_memory(&original).is_ok(),
        "the test photo is a real JPEG"
    );

    let refused = upload(
        &app,
        1,
        "notes.jpg",
        b"these are not the pixels you want".to_vec(),
    )
    .await;
    assert_eq!(refused.status(), 422);
    let html = Html::parse_document(&refused.text().await.unwrap());
    assert_eq!(
        texts(&html, "#photo-error"),
        ["This file is not a JPEG, PNG or WebP picture. Choose a photo."]
    );
    let large = upload(&app, 1, "huge.jpg", vec![0xFF; 5 * 1024 * 1024 + 10]).await;
    assert_eq!(large.status(), 413);
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM inspector_photos")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(stored, 0, "nothing that is not a photo is stored");

    let uploaded = upload(&app, 1, "portrait.jpg", original).await;
    assert_eq!(uploaded.status(), 303);
    // Another instance's view: the public photo, read from the database.
    let served = app.another_client().get("/inspectors/1/photo").await;
    assert_eq!(served.status(), 200);
    assert_eq!(served.headers()["content-type"], "image/jpeg");
    let served = served.bytes().await.unwrap();
    assert!(!contains(&served, b"Exif"), "no EXIF segment");
    assert!(!contains(&served, b"GPS-SECRET"), "no location");
    let image = image::load_from_memory(&served).unwrap();
    assert_eq!((image.width(), image.height()), (240, 300));
}

#[tokio::test]
async fn an_inspector_taken_off_the_service_is_no_longer_listed() {
    let app = admin_app().await;
    let listed = |html: &Html| attrs(html, "table.directory tbody a", "href");
    let surname: String =
        sqlx::query_scalar("SELECT split_part(name_en, ' ', 2) FROM inspectors WHERE id = 1")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let search = format!("/inspectors?q={surname}&lang=en");
    let before = app.page(&search, 200).await;
    assert!(
        listed(&before).contains(&"/inspectors/1".to_string()),
        "{surname}"
    );
    let saved = send(
        &app,
        "/staff/inspectors/1",
        "#inspector-form",
        &[("active", ""), ("work_phone", "+7 7122 55-55-55")],
    )
    .await;
    assert_eq!(saved.status(), 303);
    let after = app.another_client().page(&search, 200).await;
    assert!(!listed(&after).contains(&"/inspectors/1".to_string()));
    let wrong = send(
        &app,
        "/staff/inspectors/1",
        "#inspector-form",
        &[
            ("rank", "general"),
            ("hours", "often"),
            ("slot_minutes", "7 min"),
        ],
    )
    .await;
    assert_eq!(wrong.status(), 422);
    let html = Html::parse_document(&wrong.text().await.unwrap());
    assert_eq!(texts(&html, "#rank-error"), ["Choose one of the list."]);
    assert_eq!(texts(&html, "#hours"), ["often"], "kept");
    assert!(!texts(&html, "#slot_minutes-error").is_empty());
    assert_eq!(attrs(&html, "#slot_minutes", "value"), ["7 min"], "kept");
}

#[tokio::test]
async fn moderators_are_kept_out_of_inspectors_and_beats() {
    let app = TestApp::builder()
        .with_demo_data()
        .with_staff()
        .spawn()
        .await;
    app.sign_in(MODERATOR).await;
    for page in [
        "/staff/inspectors",
        "/staff/inspectors/1",
        "/staff/beats",
        "/staff/beats/1",
    ] {
        assert_eq!(app.get(page).await.status(), 403, "{page}");
    }
    let html = app.page("/staff?lang=en", 200).await;
    let csrf = attrs(&html, "input[name=csrf_token]", "value").remove(0);
    for path in ["/staff/inspectors/1", "/staff/beats/1"] {
        let r = app
            .client
            .post(app.url(path))
            .form(&[("csrf_token", csrf.as_str()), ("version", "1")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403, "{path}");
    }
    let form = reqwest::multipart::Form::new().text("csrf_token", csrf.clone());
    let r = app
        .client
        .post(app.url("/staff/inspectors/1/photo"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
}

#[tokio::test]
async fn in_the_browser_an_administrator_uploads_a_photo_and_sets_a_substitute() {
    use thirtyfour::prelude::*;

    use crate::browser::{assert_accessible, browser, fill, find, press_enter};

    let app = TestApp::builder()
        .with_demo_data()
        .with_staff()
        .spawn()
        .await;
    let (beat, _, substitute, name) = market_beat(&app).await;
    let driver = browser().await;
    driver.goto(app.url("/staff/login")).await.unwrap();
    fill(&driver, "email", ADMIN.0).await;
    fill(&driver, "password", ADMIN.1).await;
    press_enter(&driver, "password").await;
    find(&driver, By::Id("counts")).await;

    // The photo, chosen from the disk as a person does, with its EXIF location.
    let file = std::env::temp_dir().join(format!("portrait-{}.jpg", std::process::id()));
    std::fs::write(&file, jpeg_with_exif()).unwrap();
    driver.goto(app.url("/staff/inspectors/1")).await.unwrap();
    assert_accessible(&driver, "an inspector's form").await;
    find(&driver, By::Id("photo"))
        .await
        .send_keys(file.to_string_lossy())
        .await
        .unwrap();
    find(&driver, By::Id("upload")).await.click().await.unwrap();
    find(&driver, By::Id("saved")).await;
    std::fs::remove_file(&file).ok();
    let served = app.another_client().get("/inspectors/1/photo").await;
    let served = served.bytes().await.unwrap();
    assert!(!contains(&served, b"Exif") && !contains(&served, b"GPS-SECRET"));

    // A substitute from today to next week.
    driver.goto(app.url("/staff/beats")).await.unwrap();
    assert_accessible(&driver, "the beats").await;
    driver
        .goto(app.url(&format!("/staff/beats/{beat}")))
        .await
        .unwrap();
    let today = city_today();
    let pick = format!(
        "document.getElementById('substitute').value = '{substitute}';
         document.getElementById('substitute_from').value = '{today}';
         document.getElementById('substitute_until').value = '{}';",
        today + Duration::days(7)
    );
    driver.execute(&pick, Vec::new()).await.unwrap();
    assert_accessible(&driver, "a beat's form").await;
    find(&driver, By::Id("save")).await.click().await.unwrap();
    find(&driver, By::Id("saved")).await;
    driver
        .goto(app.url(&format!(
            "/inspectors/find?lat={}&lon={}",
            MARKET.0, MARKET.1
        )))
        .await
        .unwrap();
    let shown = find(&driver, By::Css(".inspector-card h2")).await;
    let shown = shown.text().await.unwrap();
    let ru: String = sqlx::query_scalar("SELECT name_ru FROM inspectors WHERE id = $1")
        .bind(substitute)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(shown, ru, "the public card shows the substitute ({name})");
    driver.quit().await.unwrap();
}

#[tokio::test]
async fn a_pasted_boundary_is_checked_like_an_import_and_an_overlap_is_named() {
    let app = admin_app().await;
    let (market, _, _, _) = market_beat(&app).await;
    let (other, market_number): (i64, String) = sqlx::query_as(
        "SELECT (SELECT min(id) FROM beats WHERE id <> $1), (SELECT number FROM beats WHERE id = $1)",
    )
    .bind(market)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let path = format!("/staff/beats/{other}");
    let page = app.page(&format!("{path}?lang=en"), 200).await;
    let shown: serde_json::Value =
        serde_json::from_str(&texts(&page, "#boundary").remove(0)).unwrap();
    let stored: serde_json::Value = sqlx::query_scalar("SELECT boundary FROM beats WHERE id = $1")
        .bind(other)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(shown["type"], "Polygon");
    assert_eq!(
        shown["coordinates"], stored["rings"],
        "the stored boundary, to edit"
    );

    let (lat, lon) = MARKET;
    let d = 0.0005;
    let open_ring = serde_json::json!({"type": "Polygon", "coordinates": [[
        [lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d]
    ]]});
    let refused = send(
        &app,
        &path,
        "#boundary-form",
        &[("boundary", &open_ring.to_string())],
    )
    .await;
    assert_eq!(refused.status(), 422);
    let html = Html::parse_document(&refused.text().await.unwrap());
    assert_eq!(
        texts(&html, "#boundary-error"),
        ["Ring 1 does not close: its last point must repeat its first."]
    );
    assert_eq!(
        texts(&html, "#boundary"),
        [open_ring.to_string()],
        "kept as pasted"
    );
    let unchanged: serde_json::Value =
        sqlx::query_scalar("SELECT boundary FROM beats WHERE id = $1")
            .bind(other)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(unchanged, stored);

    // A closed square around the market, inside the market's beat: saved, with a warning.
    let square = serde_json::json!({"type": "Feature", "properties": {}, "geometry": {
    "type": "Polygon", "coordinates": [[
        [lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d],
        [lon - d, lat - d]
    ]]}});
    let saved = send(
        &app,
        &path,
        "#boundary-form",
        &[("boundary", &square.to_string())],
    )
    .await;
    assert_eq!(saved.status(), 303);
    let page = app.page(&format!("{path}?lang=en"), 200).await;
    let warning = text(&page, "#overlaps");
    assert!(
        warning.starts_with("This beat overlaps ")
            && warning.contains(&format!("№ {market_number}")),
        "{warning}"
    );
    let (bbox_ok, action): (bool, String) = sqlx::query_as(
        "SELECT b.bbox @> point($2, $3), a.action FROM beats b, audit_log a
         WHERE b.id = $1 AND a.target = 'beat:' || $1",
    )
    .bind(other)
    .bind(lon)
    .bind(lat)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!(bbox_ok, "the search box follows the boundary");
    assert_eq!(action, "boundary_changed");
}

#[tokio::test]
async fn a_new_inspector_is_in_the_directory_at_once_and_can_be_assigned() {
    let app = admin_app().await;
    let html = app.page("/staff/inspectors/new?lang=en", 200).await;
    assert!(
        texts(&html, "#photo-form").is_empty(),
        "a photo comes after the first save"
    );
    let fields = [
        ("name_kk", "Жанар Омарова"),
        ("name_ru", "Жанар Омарова"),
        ("name_en", "Zhanar Omarova"),
        ("work_phone", "+7 7122 30-40-50"),
        ("hours", "Mo 17:00-19:00"),
        ("slot_minutes", "20"),
    ];
    let created = app
        .client
        .post(app.url("/staff/inspectors/new?lang=en"))
        .form(&with_values(
            &form_fields(&html, "#inspector-form"),
            &fields,
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 303);
    let (id, slot): (i64, i32) = sqlx::query_as(
        "SELECT id, slot_minutes FROM inspectors WHERE external_id LIKE 'admin-inspector-%'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(slot, 20, "reception slots of the inspector's own length");
    let found = app
        .another_client()
        .page("/inspectors?q=Omarova&lang=en", 200)
        .await;
    assert_eq!(
        attrs(
            &found,
            "table.directory tbody a[href^='/inspectors/']",
            "href"
        ),
        [format!("/inspectors/{id}")]
    );
    let beat = app.page("/staff/beats/1?lang=en", 200).await;
    assert!(attrs(&beat, "#inspector option", "value").contains(&id.to_string()));
    let audited: String = sqlx::query_scalar("SELECT action FROM audit_log WHERE target = $1")
        .bind(format!("inspector:{id}"))
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(audited, "inspector_created");
}

#[tokio::test]
async fn an_administrator_draws_a_beats_boundary_on_the_map() {
    use thirtyfour::prelude::*;

    use crate::browser::{assert_accessible, browser, fill, find, press_enter};

    let app = TestApp::builder()
        .with_demo_data()
        .with_staff()
        .spawn()
        .await;
    let driver = browser().await;
    driver.goto(app.url("/staff/login")).await.unwrap();
    fill(&driver, "email", ADMIN.0).await;
    fill(&driver, "password", ADMIN.1).await;
    press_enter(&driver, "password").await;
    find(&driver, By::Id("counts")).await;
    driver.goto(app.url("/staff/beats/1")).await.unwrap();
    let map = find(&driver, By::Id("beat-map")).await;
    map.wait_until().displayed().await.unwrap();
    assert_accessible(&driver, "a beat's page with its map").await;
    // Four corners, a little apart, around the middle of the map.
    for (x, y) in [(-40, -30), (40, -30), (40, 30), (-40, 30)] {
        driver
            .action_chain()
            .move_to_element_with_offset(&map, x, y)
            .click()
            .perform()
            .await
            .unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(350)).await;
    }
    let status = find(&driver, By::Id("draw-status")).await;
    assert!(
        status.text().await.unwrap().contains('4'),
        "four corners counted"
    );
    find(&driver, By::Id("draw-use"))
        .await
        .click()
        .await
        .unwrap();
    let drawn = find(&driver, By::Id("boundary")).await;
    let drawn: serde_json::Value =
        serde_json::from_str(&drawn.prop("value").await.unwrap().unwrap_or_default()).unwrap();
    let ring = drawn["coordinates"][0].as_array().unwrap();
    assert_eq!(ring.len(), 5);
    assert_eq!(ring[0], ring[4], "closed");
    find(&driver, By::Id("save-boundary"))
        .await
        .click()
        .await
        .unwrap();
    find(&driver, By::Id("saved")).await;
    let stored: serde_json::Value = sqlx::query_scalar("SELECT boundary FROM beats WHERE id = 1")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(stored["rings"][0], drawn["coordinates"][0]);
    driver.quit().await.unwrap();
}
