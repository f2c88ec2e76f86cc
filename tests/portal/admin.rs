//! Administrators keep the directory in the browser: posts (list, create, edit, hours preview,
//! the gazetteer as a location, conflicts), each change audited with before and after.

use scraper::Html;

use crate::helpers::{ADMIN, MODERATOR, TestApp, attrs, form_fields, text, texts, with_values};

async fn admin_app() -> TestApp {
    let app = TestApp::builder()
        .with_demo_data()
        .with_staff()
        .spawn()
        .await;
    assert_eq!(app.sign_in(ADMIN).await.status(), 303);
    app
}

/// A new modular post beside the Central Market, open around the clock.
const NEW_POST: &[(&str, &str)] = &[
    ("kind", "modular_post"),
    ("status", "open"),
    ("name_kk", "№ 8 модульдік полиция бекеті"),
    ("name_ru", "Модульный пост полиции № 8"),
    ("name_en", "Modular police post No. 8"),
    ("address_kk", "Сәтпаев көшесі, 20"),
    ("address_ru", "улица Сатпаева, 20"),
    ("address_en", "20 Satpayev Street"),
    ("lat", "47,10805"),
    ("lon", "51,92205"),
    ("phones", "+7 7122 99-10-08\n102"),
    ("hours", "24/7"),
    ("service.first_aid_kit", "1"),
];

/// The form's fields as the page shows them, changed, sent to the form's action.
async fn send(app: &TestApp, path: &str, changes: &[(&str, &str)]) -> reqwest::Response {
    let html = app.page(&format!("{path}?lang=en"), 200).await;
    let fields = with_values(&form_fields(&html, "#post-form"), changes);
    app.client
        .post(app.url(&format!("{path}?lang=en")))
        .form(&fields)
        .send()
        .await
        .unwrap()
}

fn id_from(location: &str) -> i64 {
    location
        .trim_start_matches("/staff/posts/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn a_new_post_is_found_first_beside_it_at_once_and_audited() {
    let app = admin_app().await;
    let created = send(&app, "/staff/posts/new", NEW_POST).await;
    assert_eq!(created.status(), 303);
    let location = created.headers()["location"].to_str().unwrap().to_string();
    let id = id_from(&location);

    let saved = app.page(&format!("{location}&lang=en"), 200).await;
    assert!(!texts(&saved, "#saved").is_empty());
    assert_eq!(
        attrs(&saved, "#name_en", "value"),
        ["Modular police post No. 8"]
    );

    // Another resident, another client: the public search finds it first beside it.
    let resident = app.another_client();
    let nearest = resident
        .page("/posts?lat=47.10806&lon=51.92206&lang=en", 200)
        .await;
    let first = attrs(&nearest, "#results .result h3 a", "href");
    assert_eq!(first.first(), Some(&format!("/posts/{id}")));
    let public = resident.page(&format!("/posts/{id}?lang=en"), 200).await;
    assert_eq!(text(&public, "h1"), "Modular police post No. 8");

    let (action, target, before, after): (
        String,
        String,
        Option<serde_json::Value>,
        serde_json::Value,
    ) = sqlx::query_as("SELECT action, target, before, after FROM audit_log WHERE target <> ''")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        (action.as_str(), target),
        ("post_created", format!("post:{id}"))
    );
    assert!(before.is_none());
    assert_eq!(after["hours"], "24/7");
    assert_eq!(
        after["phones"],
        serde_json::json!(["+7 7122 99-10-08", "102"])
    );
}

/// Fields changed, the field whose message says so, the message.
type Case = (
    &'static [(&'static str, &'static str)],
    &'static str,
    &'static str,
);

#[tokio::test]
async fn every_rule_of_the_post_form_explains_itself_and_keeps_what_was_typed() {
    let app = admin_app().await;
    let cases: [Case; 9] = [
        (&[("kind", "")], "kind", "Choose one of the list."),
        (
            &[("status", "demolished")],
            "status",
            "Choose one of the list.",
        ),
        (&[("name_kk", "  ")], "name_kk", "Fill this in."),
        (&[("address_en", "")], "address_en", "Fill this in."),
        (
            &[("lat", ""), ("lon", "")],
            "lat",
            "Give the coordinates, or an address or landmark from the gazetteer.",
        ),
        (
            &[("lon", "200")],
            "lon",
            "Longitude must be between -180 and 180.",
        ),
        (
            &[("phones", "call the desk")],
            "phones",
            "Write each phone on its own line, with digits, spaces, + - ( ) only.",
        ),
        (
            &[("hours", "Mo-Fr 9-18")],
            "hours",
            "Write the hours as in the hint: 24/7, or Mo-Fr 09:00-18:00; Sa 10:00-14:00.",
        ),
        (
            &[("lat", ""), ("lon", ""), ("place", "Nowhere Street 999")],
            "place",
            "No place of the gazetteer has this name. Check it, or give the coordinates.",
        ),
    ];
    for (change, field, message) in cases {
        let mut fields: Vec<(&str, &str)> = NEW_POST.to_vec();
        fields.retain(|(k, _)| !change.iter().any(|(c, _)| c == k));
        fields.extend_from_slice(change);
        let response = send(&app, "/staff/posts/new", &fields).await;
        assert_eq!(response.status(), 422, "{change:?}");
        let html = Html::parse_document(&response.text().await.unwrap());
        assert_eq!(
            texts(&html, &format!("#{field}-error")),
            [message],
            "{change:?}"
        );
        assert!(attrs(&html, ".error-summary a", "href").contains(&format!("#{field}")));
        assert_eq!(
            texts(&html, "#phones").first().map(String::as_str),
            Some(
                fields
                    .iter()
                    .find(|(k, _)| *k == "phones")
                    .map_or("", |(_, v)| *v)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .as_str()
            ),
            "what was typed is kept"
        );
    }
    let posts: i64 =
        sqlx::query_scalar("SELECT count(*) FROM posts WHERE external_id LIKE 'admin-%'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(posts, 0, "nothing saved");
}

#[tokio::test]
async fn a_landmark_of_the_gazetteer_places_the_post_when_no_coordinates_are_given() {
    let app = admin_app().await;
    let mut fields: Vec<(&str, &str)> = NEW_POST
        .iter()
        .filter(|(k, _)| *k != "lat" && *k != "lon")
        .copied()
        .collect();
    fields.extend([("lat", ""), ("lon", ""), ("place", "Центральный рынок")]);
    let created = send(&app, "/staff/posts/new", &fields).await;
    assert_eq!(created.status(), 303);
    let (lat, lon): (f64, f64) =
        sqlx::query_as("SELECT lat, lon FROM posts WHERE external_id LIKE 'admin-%'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let (place_lat, place_lon): (f64, f64) = sqlx::query_as(
        "SELECT lat, lon FROM places WHERE external_id = 'demo-landmark-central-market'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!((lat - place_lat).abs() < 1e-6 && (lon - place_lon).abs() < 1e-6);
}

#[tokio::test]
async fn the_hours_preview_shows_the_week_and_now_with_the_importers_parser() {
    let app = admin_app().await;
    let query = serde_urlencoded::to_string([
        ("hours", "Mo-Fr 09:00-18:00; Sa 10:00-14:00; 2099-01-01 off"),
        ("lang", "ru"),
    ])
    .unwrap();
    let html = app
        .page(&format!("/staff/posts/hours-preview?{query}"), 200)
        .await;
    let week = texts(&html, "#hours-week tbody tr");
    assert_eq!(week.len(), 7, "{week:?}");
    assert_eq!(week[0], "Понедельник 09:00–18:00");
    assert_eq!(week[6], "Воскресенье Закрыто");
    assert_eq!(
        texts(&html, "#hours-exceptions tbody tr"),
        ["01.01.2099 Закрыто"]
    );
    assert!(!text(&html, "#hours-now").is_empty());

    let unreadable = app
        .page("/staff/posts/hours-preview?hours=sometimes&lang=en", 200)
        .await;
    assert!(texts(&unreadable, "#hours-week").is_empty());
    assert!(!text(&unreadable, "#hours-unreadable").is_empty());

    // Without JavaScript the preview button shows the same under the field, saving nothing.
    let previewed = send(
        &app,
        "/staff/posts/new",
        &[("hours", "Sa-Su 10:00-14:00"), ("preview", "1")],
    )
    .await;
    assert_eq!(previewed.status(), 200);
    let html = Html::parse_document(&previewed.text().await.unwrap());
    assert_eq!(texts(&html, "#hours-week tbody tr").len(), 7);
    assert_eq!(texts(&html, "#hours"), ["Sa-Su 10:00-14:00"]);
}

#[tokio::test]
async fn a_second_administrator_saving_an_older_version_gets_a_conflict_and_overwrites_nothing() {
    let app = admin_app().await;
    let other = app.another_client();
    assert_eq!(other.sign_in(ADMIN).await.status(), 303);
    let path = "/staff/posts/1";
    // Both open the post at the same version.
    let mine = app.page(&format!("{path}?lang=en"), 200).await;
    let theirs = other.page(&format!("{path}?lang=en"), 200).await;

    let first = other
        .client
        .post(other.url(path))
        .form(&with_values(
            &form_fields(&theirs, "#post-form"),
            &[("hours", "Mo-Fr 08:00-20:00")],
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), 303);
    let second = app
        .client
        .post(app.url(&format!("{path}?lang=en")))
        .form(&with_values(
            &form_fields(&mine, "#post-form"),
            &[("name_en", "My new name")],
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(second.status(), 409);
    let html = Html::parse_document(&second.text().await.unwrap());
    assert_eq!(
        text(&html, "#conflict-title"),
        "Someone else changed this post"
    );
    assert!(
        texts(&html, "#conflict dd").contains(&"Mo-Fr 08:00-20:00".to_string()),
        "their version is shown"
    );
    assert_eq!(
        attrs(&html, "#name_en", "value"),
        ["My new name"],
        "my input is kept"
    );

    let (name, hours): (String, String) =
        sqlx::query_as("SELECT name_en, hours::text FROM posts WHERE id = 1")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_ne!(name, "My new name", "nothing overwritten");
    assert!(hours.contains("480"), "their hours stay: {hours}");
    let updates: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'post_updated'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(updates, 1);

    // Saving again from the conflict page is a deliberate choice, and replaces their version.
    let again = app
        .client
        .post(app.url(path))
        .form(&form_fields(&html, "#post-form"))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 303);
    let (before, after): (serde_json::Value, serde_json::Value) = sqlx::query_as(
        "SELECT before, after FROM audit_log WHERE action = 'post_updated' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(after["name"]["en"], "My new name");
    assert_ne!(before["name"]["en"], "My new name");

    // The audit log says which record and which fields.
    let audit = app.page("/staff/audit?lang=en", 200).await;
    let rows: Vec<Vec<String>> = [1, 2]
        .iter()
        .map(|n| texts(&audit, &format!("#audit-log tbody tr:nth-child({n}) td")))
        .collect();
    assert_eq!(
        rows[0][2..5],
        ["Police post changed", "post:1", "hours, name"]
    );
    assert_eq!(rows[1][2..5], ["Police post changed", "post:1", "hours"]);
}

#[tokio::test]
async fn moderators_and_visitors_are_kept_out_of_every_directory_route() {
    let app = TestApp::builder()
        .with_demo_data()
        .with_staff()
        .spawn()
        .await;
    let pages = [
        "/staff/posts",
        "/staff/posts/new",
        "/staff/posts/1",
        "/staff/posts/hours-preview?hours=24/7",
    ];
    for page in pages {
        let r = app.get(page).await;
        assert_eq!(r.status(), 303, "{page}");
        assert_eq!(r.headers()["location"], "/staff/login");
    }
    app.sign_in(MODERATOR).await;
    for page in pages {
        assert_eq!(app.get(page).await.status(), 403, "a moderator on {page}");
    }
    let html = app.page("/staff?lang=en", 200).await;
    let csrf = attrs(&html, "input[name=csrf_token]", "value").remove(0);
    let mut fields: Vec<(&str, &str)> = NEW_POST.to_vec();
    fields.push(("csrf_token", &csrf));
    for path in ["/staff/posts/new", "/staff/posts/1"] {
        let r = app
            .client
            .post(app.url(path))
            .form(&fields)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403, "a moderator posting to {path}");
    }
    let changed: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE target <> ''")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(changed, 0);
}

#[tokio::test]
async fn an_administrator_opens_a_post_by_clicking_the_map_and_residents_find_it_first() {
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

    driver.goto(app.url("/staff/accounts")).await.unwrap();
    assert_accessible(&driver, "the staff accounts").await;
    driver.goto(app.url("/staff/posts")).await.unwrap();
    assert_accessible(&driver, "the administrators' list of posts").await;
    find(&driver, By::Id("new-post"))
        .await
        .click()
        .await
        .unwrap();
    find(&driver, By::Id("kind"))
        .await
        .send_keys("Круг")
        .await
        .unwrap();
    find(&driver, By::Id("status"))
        .await
        .send_keys("Раб")
        .await
        .unwrap();
    for (id, value) in [
        ("name_kk", "№ 8 модульдік полиция бекеті"),
        ("name_ru", "Модульный пост полиции № 8"),
        ("name_en", "Modular police post No. 8"),
        ("address_kk", "Сәтпаев көшесі, 20"),
        ("address_ru", "улица Сатпаева, 20"),
        ("address_en", "20 Satpayev Street"),
    ] {
        fill(&driver, id, value).await;
    }
    assert_eq!(
        find(&driver, By::Id("hours"))
            .await
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some("24/7"),
        "a new post starts around the clock"
    );
    let map = find(&driver, By::Id("post-map")).await;
    map.wait_until().displayed().await.unwrap();
    assert_accessible(&driver, "the new post form").await;
    map.click().await.unwrap();
    let lat = find(&driver, By::Id("lat"))
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    let lon = find(&driver, By::Id("lon"))
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(
        !lat.is_empty() && !lon.is_empty(),
        "the click set the coordinates"
    );
    press_enter(&driver, "name_en").await;
    let saved = find(&driver, By::Id("saved")).await;
    assert!(!saved.text().await.unwrap().is_empty());
    let id: i64 = sqlx::query_scalar("SELECT id FROM posts WHERE external_id LIKE 'admin-%'")
        .fetch_one(&app.pool)
        .await
        .unwrap();

    // A point beside the clicked one: the new post comes first.
    let lat: f64 = lat.parse().unwrap();
    let lon: f64 = lon.parse().unwrap();
    let nearest = app
        .another_client()
        .page(
            &format!("/posts?lat={:.5}&lon={:.5}", lat + 0.0002, lon + 0.0002),
            200,
        )
        .await;
    assert_eq!(
        attrs(&nearest, "#results .result h3 a", "href").first(),
        Some(&format!("/posts/{id}"))
    );
    driver.quit().await.unwrap();
}

/// The due date in the calendar page's first sample (an appeal received today).
fn sample_due(html: &Html) -> chrono::NaiveDate {
    let sample = texts(html, "#samples li").remove(0);
    let due = sample
        .trim_end_matches('.')
        .rsplit(' ')
        .next()
        .unwrap()
        .to_string();
    chrono::NaiveDate::parse_from_str(&due, "%d.%m.%Y").unwrap()
}

#[tokio::test]
async fn a_day_off_added_in_the_calendar_moves_the_deadlines_at_once() {
    let app = admin_app().await;
    let page = app.page("/staff/calendar?lang=en", 200).await;
    let due = sample_due(&page);

    // The day an appeal received today is due becomes a day off: the deadline moves on.
    let fields = [
        ("date", due.format("%d.%m.%Y").to_string()),
        ("kind", "off".into()),
        ("note", "A day off by decree".into()),
    ];
    let changes: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let html = app.page("/staff/calendar?lang=en", 200).await;
    let set = app
        .client
        .post(app.url("/staff/calendar?lang=en"))
        .form(&with_values(
            &form_fields(&html, "#calendar-form"),
            &changes,
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(set.status(), 303);
    let after = app.page("/staff/calendar?lang=en", 200).await;
    assert!(
        sample_due(&after) > due,
        "{} then {}",
        due,
        sample_due(&after)
    );
    let year = app
        .page(
            &format!("/staff/calendar?year={}&lang=en", due.format("%Y")),
            200,
        )
        .await;
    let listed = texts(&year, "#calendar-days tbody tr");
    let row = format!("{} Day off A day off by decree", due.format("%d.%m.%Y"));
    assert!(listed.iter().any(|r| r.starts_with(&row)), "{listed:?}");
    let (id, _) = app.submit("/requests", REQUEST).await;
    let stored: chrono::NaiveDate =
        sqlx::query_scalar("SELECT due_on FROM submissions WHERE id = $1")
            .bind(id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        stored,
        sample_due(&after),
        "a new appeal counts the new day off"
    );

    // Removed again, the deadline is back.
    let html = app
        .page(
            &format!("/staff/calendar?year={}&lang=en", due.format("%Y")),
            200,
        )
        .await;
    let csrf = attrs(&html, "#calendar-form input[name=csrf_token]", "value").remove(0);
    let removed = app
        .client
        .post(app.url("/staff/calendar/remove"))
        .form(&[("csrf_token", csrf.as_str()), ("date", &due.to_string())])
        .send()
        .await
        .unwrap();
    assert_eq!(removed.status(), 303);
    assert_eq!(
        sample_due(&app.page("/staff/calendar?lang=en", 200).await),
        due
    );
    let actions: Vec<String> =
        sqlx::query_scalar("SELECT action FROM audit_log WHERE target = $1 ORDER BY id")
            .bind(format!("calendar:{due}"))
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(actions, ["calendar_day_set", "calendar_day_removed"]);

    // Mistakes come back with a message each.
    let html = app.page("/staff/calendar?lang=en", 200).await;
    let wrong = app
        .client
        .post(app.url("/staff/calendar?lang=en"))
        .form(&with_values(
            &form_fields(&html, "#calendar-form"),
            &[("date", "31.02.2027"), ("note", "")],
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 422);
    let wrong = Html::parse_document(&wrong.text().await.unwrap());
    assert_eq!(
        texts(&wrong, "#date-error"),
        ["Enter a real date, for example 24.12.2026."]
    );
    assert_eq!(texts(&wrong, "#note-error"), ["Fill this in."]);
}

const REQUEST: &[(&str, &str)] = &[
    ("category", "noise"),
    ("place", "улица Абая, 5"),
    ("body", "Loud music every night after midnight."),
    ("name", "Serik"),
    ("email", "serik@example.kz"),
    ("consent", "1"),
];

#[tokio::test]
async fn a_place_added_renamed_and_moved_is_found_by_residents_at_once() {
    let app = admin_app().await;
    let fields: [(&str, &str); 6] = [
        ("kind", "landmark"),
        ("name_kk", "Жаңа саябақ"),
        ("name_ru", "Новый парк"),
        ("name_en", "Riverside Park"),
        ("lat", "47,1150"),
        ("lon", "51,9100"),
    ];
    let html = app.page("/staff/places/new?lang=en", 200).await;
    let created = app
        .client
        .post(app.url("/staff/places/new?lang=en"))
        .form(&with_values(&form_fields(&html, "#place-form"), &fields))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 303);
    let location = created.headers()["location"].to_str().unwrap().to_string();
    let id: i64 = location
        .trim_start_matches("/staff/places/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let resident = app.another_client();
    let found = resident.page("/posts?q=Riverside+Park&lang=en", 200).await;
    assert!(text(&found, "#results-title").ends_with("Riverside Park"));

    // Renamed and moved: the new name finds it, at the new point.
    let path = format!("/staff/places/{id}");
    let html = app.page(&format!("{path}?lang=en"), 200).await;
    let moved = app
        .client
        .post(app.url(&path))
        .form(&with_values(
            &form_fields(&html, "#place-form"),
            &[("name_en", "Embankment Park"), ("lat", "47.1200")],
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(moved.status(), 303);
    let found = resident.page("/posts?q=Embankment+Park&lang=en", 200).await;
    assert!(text(&found, "#results-title").ends_with("Embankment Park"));
    let lat: f64 = sqlx::query_scalar("SELECT lat FROM places WHERE id = $1")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!((lat - 47.12).abs() < 1e-9);
    let actions: Vec<String> =
        sqlx::query_scalar("SELECT action FROM audit_log WHERE target = $1 ORDER BY id")
            .bind(format!("place:{id}"))
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(actions, ["place_created", "place_updated"]);

    // A mistake comes back next to its field, with what was typed.
    let html = app.page(&format!("{path}?lang=en"), 200).await;
    let wrong = app
        .client
        .post(app.url(&format!("{path}?lang=en")))
        .form(&with_values(
            &form_fields(&html, "#place-form"),
            &[("name_ru", ""), ("lon", "500")],
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 422);
    let wrong = Html::parse_document(&wrong.text().await.unwrap());
    assert_eq!(texts(&wrong, "#name_ru-error"), ["Fill this in."]);
    assert_eq!(
        texts(&wrong, "#lon-error"),
        ["Longitude must be between -180 and 180."]
    );
    assert_eq!(attrs(&wrong, "#name_en", "value"), ["Embankment Park"]);

    // Moderators are kept out.
    let moderator = app.another_client();
    moderator.sign_in(MODERATOR).await;
    for page in ["/staff/places", "/staff/places/new", &path] {
        assert_eq!(moderator.get(page).await.status(), 403, "{page}");
    }
}

#[tokio::test]
async fn every_administrators_page_passes_axe() {
    use thirtyfour::prelude::*;

    use crate::browser::{assert_accessible, browser, fill, find, press_enter};

    let app = TestApp::builder()
        .with_demo_data()
        .with_staff()
        .spawn()
        .await;
    // An invitation link, as an administrator makes one.
    app.sign_in(ADMIN).await;
    let html = app.page("/staff/accounts?lang=en", 200).await;
    let invited = app
        .client
        .post(app.url("/staff/accounts?lang=en"))
        .form(&with_values(
            &form_fields(&html, "#invite-form"),
            &[
                ("email", "new@police.kz"),
                ("name", "New"),
                ("role", "moderator"),
            ],
        ))
        .send()
        .await
        .unwrap();
    let invited = Html::parse_document(&invited.text().await.unwrap());
    let link = attrs(&invited, "#invitation-link", "value").remove(0);

    let driver = browser().await;
    driver.goto(&link).await.unwrap();
    find(&driver, By::Id("new")).await;
    assert_accessible(&driver, "the invitation page").await;
    driver.goto(app.url("/staff/login")).await.unwrap();
    fill(&driver, "email", ADMIN.0).await;
    fill(&driver, "password", ADMIN.1).await;
    press_enter(&driver, "password").await;
    find(&driver, By::Id("counts")).await;
    for path in [
        "/staff/calendar",
        "/staff/places",
        "/staff/places/new",
        "/staff/places/1",
        "/staff/inspectors",
        "/staff/inspectors/new",
        "/staff/posts/1",
        "/staff/posts/new",
        "/staff/audit",
        "/staff/outbox",
        "/staff/api-keys",
        "/staff/bookings",
        "/staff/beats/1/life",
        "/statistics?lang=kk",
    ] {
        driver.goto(app.url(path)).await.unwrap();
        find(&driver, By::Css("h1")).await;
        assert_accessible(&driver, path).await;
    }
    driver.quit().await.unwrap();
}

#[tokio::test]
async fn a_moderator_gets_403_on_every_administrators_route() {
    let app = TestApp::builder()
        .with_demo_data()
        .with_staff()
        .spawn()
        .await;
    app.sign_in(MODERATOR).await;
    let gets = [
        "/staff/posts",
        "/staff/posts/new",
        "/staff/posts/1",
        "/staff/posts/hours-preview?hours=24/7",
        "/staff/inspectors",
        "/staff/inspectors/new",
        "/staff/inspectors/1",
        "/staff/beats",
        "/staff/beats/1",
        "/staff/places",
        "/staff/places/new",
        "/staff/places/1",
        "/staff/calendar",
        "/staff/imports",
        "/staff/accounts",
        "/staff/audit",
        "/staff/audit.csv",
        "/staff/queue.csv",
        "/staff/outbox",
        "/staff/api-keys",
    ];
    for path in gets {
        assert_eq!(app.get(path).await.status(), 403, "GET {path}");
    }
    let html = app.page("/staff?lang=en", 200).await;
    let csrf = attrs(&html, "input[name=csrf_token]", "value").remove(0);
    let posts = [
        "/staff/posts/new",
        "/staff/posts/1",
        "/staff/inspectors/new",
        "/staff/inspectors/1",
        "/staff/beats/1",
        "/staff/beats/1/boundary",
        "/staff/places/new",
        "/staff/places/1",
        "/staff/calendar",
        "/staff/calendar/remove",
        "/staff/imports/1",
        "/staff/accounts",
        "/staff/accounts/1/disable",
        "/staff/outbox/1/retry",
        "/staff/api-keys",
        "/staff/api-keys/1/revoke",
    ];
    for path in posts {
        let r = app
            .client
            .post(app.url(path))
            .form(&[
                ("csrf_token", csrf.as_str()),
                ("version", "1"),
                ("date", "2026-12-16"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403, "POST {path}");
    }
    let changes: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE target <> ''")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(changes, 0);
}
