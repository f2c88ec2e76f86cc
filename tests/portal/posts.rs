//! Residents find the nearest post: ordering, filters, address search, bad input, the API.

use police_portal::database::demo;
use police_portal::domain::geo::Coordinates;
use police_portal::domain::post::{PostKind, PostStatus};
use police_portal::store::posts::PostRecord;
use serde_json::Value;

use crate::helpers::{TestApp, attrs, fresh_database, police_post, seed, text, texts};

/// A small deterministic generator, so that "random" points are the same on every run.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

async fn api(app: &crate::helpers::TestApp, query: &str) -> (u16, Value) {
    let response = app.get(&format!("/api/v1/posts/nearest?{query}")).await;
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

#[tokio::test]
async fn nearest_posts_come_in_exact_great_circle_order() {
    let pool = fresh_database().await;
    let mut rng = Lcg(42);
    // Spread over a wide area, including across the antimeridian's neighbourhood and poles,
    // where a flat-plane ordering would go wrong.
    let records: Vec<PostRecord> = (0..300)
        .map(|i| {
            let lat = rng.next() * 170.0 - 85.0;
            let lon = rng.next() * 360.0 - 180.0;
            police_post(
                &format!("p{i}"),
                PostKind::ModularPost,
                PostStatus::Open,
                lat,
                lon,
                "24/7",
            )
        })
        .collect();
    seed(&pool, &records).await;
    let app = TestApp::builder().with_database(pool).spawn().await;

    for _ in 0..20 {
        let from = Coordinates::new(rng.next() * 170.0 - 85.0, rng.next() * 360.0 - 180.0).unwrap();
        let (status, body) = api(
            &app,
            &format!("lat={}&lon={}&limit=50&lang=en", from.lat(), from.lon()),
        )
        .await;
        assert_eq!(status, 200);

        let mut expected: Vec<(f64, String)> = records
            .iter()
            .map(|r| {
                (
                    from.distance_m(r.coordinates),
                    format!("p{} en", &r.external_id[1..]),
                )
            })
            .collect();
        expected.sort_by(|a, b| a.0.total_cmp(&b.0));
        let got = body["posts"].as_array().unwrap();
        assert_eq!(got.len(), 50);
        for (i, p) in got.iter().enumerate() {
            let (distance, _) = &expected[i];
            let reported = p["distance_m"].as_f64().unwrap();
            assert!(
                (reported - distance).abs() <= 1.0 + distance * 1e-6,
                "rank {i}: {reported} m reported, {distance} m by haversine"
            );
        }
        let ids: Vec<&str> = got.iter().map(|p| p["name"].as_str().unwrap()).collect();
        let expected_ids: Vec<&str> = expected[..50].iter().map(|e| e.1.as_str()).collect();
        assert_eq!(ids, expected_ids, "order from {from:?}");
    }
}

#[tokio::test]
async fn the_results_page_lists_the_nearest_post_first_with_its_phone_and_directions() {
    let pool = fresh_database().await;
    seed(
        &pool,
        &[
            police_post(
                "far",
                PostKind::ModularPost,
                PostStatus::Open,
                47.20,
                51.90,
                "24/7",
            ),
            police_post(
                "near",
                PostKind::InspectorPoint,
                PostStatus::Open,
                47.101,
                51.901,
                "24/7",
            ),
            police_post(
                "plan",
                PostKind::StationaryPost,
                PostStatus::Planned,
                47.1001,
                51.9001,
                "24/7",
            ),
        ],
    )
    .await;
    let app = TestApp::builder().with_database(pool).spawn().await;

    let html = app.page("/posts?lat=47.1&lon=51.9&lang=en", 200).await;

    assert_eq!(texts(&html, "#results .result h3"), ["near en", "far en"]);
    assert_eq!(
        texts(&html, "#planned .result h3"),
        ["plan en"],
        "planned apart"
    );
    let first_phone = attrs(&html, "#results .result:first-child a.phone", "href");
    assert_eq!(first_phone, ["tel:+77122000001"]);
    let links = attrs(&html, "#results .result:first-child .actions a", "href");
    assert!(
        links.iter().any(|l| l.starts_with("geo:47.101")),
        "{links:?}"
    );
    assert!(
        links
            .iter()
            .any(|l| l.contains("openstreetmap.org/directions")),
        "{links:?}"
    );
    assert_eq!(
        texts(&html, "#results .result:first-child .badge"),
        ["Open 24 hours"]
    );
    assert_eq!(texts(&html, "#planned .badge"), ["Planned"]);
}

#[tokio::test]
async fn open_now_and_kind_filter_the_results() {
    let pool = fresh_database().await;
    seed(
        &pool,
        &[
            police_post(
                "never",
                PostKind::InspectorPoint,
                PostStatus::Open,
                47.1001,
                51.9,
                "Mo-Su off",
            ),
            police_post(
                "closed",
                PostKind::ModularPost,
                PostStatus::TemporarilyClosed,
                47.1002,
                51.9,
                "24/7",
            ),
            police_post(
                "always",
                PostKind::ModularPost,
                PostStatus::Open,
                47.13,
                51.9,
                "24/7",
            ),
            police_post(
                "dept",
                PostKind::PoliceDepartment,
                PostStatus::Open,
                47.14,
                51.9,
                "24/7",
            ),
        ],
    )
    .await;
    let app = TestApp::builder().with_database(pool).spawn().await;

    let all = app.page("/posts?lat=47.1&lon=51.9&lang=en", 200).await;
    let open = app
        .page("/posts?lat=47.1&lon=51.9&open_now=1&lang=en", 200)
        .await;
    let kind = app
        .page(
            "/posts?lat=47.1&lon=51.9&open_now=1&kind=police_department&lang=en",
            200,
        )
        .await;

    assert_eq!(
        texts(&all, "#results h3"),
        ["never en", "closed en", "always en", "dept en"]
    );
    assert_eq!(texts(&all, "#results .badge")[0], "Closed");
    assert_eq!(texts(&all, "#results .badge")[1], "Temporarily closed");
    assert_eq!(texts(&open, "#results h3"), ["always en", "dept en"]);
    assert_eq!(texts(&kind, "#results h3"), ["dept en"]);
    assert_eq!(
        attrs(&kind, "#kind option[selected]", "value"),
        ["police_department"]
    );
}

#[tokio::test]
async fn bad_search_input_is_explained_next_to_the_field_and_kept() {
    let app = TestApp::spawn().await;
    let long = "а".repeat(201);
    let cases = [
        (
            "lat=abc&lon=51.9",
            "lat",
            "Enter the latitude as a number, for example 47.1167.",
        ),
        (
            "lat=91&lon=51.9",
            "lat",
            "Latitude must be between -90 and 90.",
        ),
        (
            "lat=47&lon=200",
            "lon",
            "Longitude must be between -180 and 180.",
        ),
        ("lat=47&lon=", "lat", "Enter both latitude and longitude."),
        (
            "lat=47&lon=x",
            "lon",
            "Enter the longitude as a number, for example 51.8833.",
        ),
        (
            "kind=spaceship&q=abai",
            "kind",
            "Choose a kind of post from the list.",
        ),
        (
            &format!("q={long}") as &str,
            "q",
            "The address is too long. Use at most 200 characters.",
        ),
        (
            "q=%21%21%21",
            "q",
            "Enter an address with letters or numbers.",
        ),
        (
            "place=xyz",
            "q",
            "The chosen place is not valid. Search again.",
        ),
    ];
    for (query, field, message) in cases {
        let html = app.page(&format!("/posts?{query}&lang=en"), 400).await;
        assert_eq!(
            texts(&html, &format!(".field-error #{field}-error")),
            [message],
            "{query}"
        );
        assert_eq!(
            attrs(&html, ".error-summary a", "href"),
            [format!("#{field}")],
            "{query}"
        );
    }
    // What was typed is kept.
    let html = app.page("/posts?lat=91&lon=51.9&lang=en", 400).await;
    assert_eq!(attrs(&html, "#lat", "value"), ["91"]);
    assert_eq!(attrs(&html, "#lon", "value"), ["51.9"]);
}

#[tokio::test]
async fn the_error_is_in_the_residents_language() {
    let app = TestApp::spawn().await;
    for (lang, message) in [
        ("ru", "Широта должна быть от -90 до 90."),
        ("kk", "Ендік -90 пен 90 аралығында болуы керек."),
    ] {
        let html = app
            .page(&format!("/posts?lat=-95&lon=51&lang={lang}"), 400)
            .await;
        assert_eq!(texts(&html, "#lat-error"), [message]);
    }
}

async fn demo_app() -> crate::helpers::TestApp {
    let pool = fresh_database().await;
    demo::load(&pool).await.unwrap();
    TestApp::builder()
        .with_database(pool)
        .with_demo_data()
        .spawn()
        .await
}

#[tokio::test]
async fn an_address_with_several_matches_offers_a_choice_and_the_choice_gives_results() {
    let app = demo_app().await;

    let html = app
        .page("/posts?q=%D0%90%D0%B1%D0%B0%D1%8F&lang=ru", 200)
        .await;
    let choices = texts(&html, ".matches a");
    assert!(choices.len() > 1, "{choices:?}");
    assert_eq!(choices[0], "улица Абая", "the street before its houses");
    assert_eq!(
        texts(&html, "footer .demo-notice").len(),
        1,
        "demo data is marked as such"
    );
    assert!(
        texts(&html, "#results").is_empty(),
        "no results before a choice"
    );

    let href = attrs(&html, ".matches a", "href").remove(0);
    let chosen = app.page(&format!("{href}&lang=ru"), 200).await;
    assert_eq!(
        text(&chosen, "#results-title"),
        "Пункты полиции рядом: улица Абая"
    );
    assert_eq!(texts(&chosen, "#results .result").len(), 10);
}

#[tokio::test]
async fn addresses_are_found_in_cyrillic_kazakh_and_latin_spellings_with_typos() {
    let app = demo_app().await;
    let cases = [
        ("Центральный рынок", "Central Market"),
        ("Орталық базар", "Central Market"),
        ("Tsentralnyi rynok", "Central Market"),
        ("Centralny rynok", "Central Market"),
        ("Жилгородок", "Zhilgorodok microdistrict"),
        ("Zhilgorodok", "Zhilgorodok microdistrict"),
        ("Жилгародок", "Zhilgorodok microdistrict"),
        ("Сатпаева, 13", "13 Satpayev Street"),
    ];
    for (typed, place) in cases {
        let html = app
            .page(&format!("/posts?q={}&lang=en", urlencode(typed)), 200)
            .await;
        let found = texts(&html, "#results-title");
        let offered = texts(&html, ".matches a");
        assert!(
            found == [format!("Police posts near {place}")]
                || offered.first() == Some(&place.to_string()),
            "{typed}: found {found:?}, offered {offered:?}"
        );
    }
}

pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn an_address_that_matches_nothing_says_so() {
    let app = demo_app().await;

    let html = app.page("/posts?q=qwxzvbnm&lang=en", 200).await;

    assert_eq!(
        texts(&html, "p.error-message[role=status]"),
        [
            "Nothing was found for “qwxzvbnm”. Check the spelling, try a nearby street or landmark, or give coordinates."
        ]
    );
}

#[tokio::test]
async fn the_post_page_shows_hours_exceptions_and_no_staff_only_data() {
    let pool = fresh_database().await;
    seed(
        &pool,
        &[police_post(
            "ip",
            PostKind::InspectorPoint,
            PostStatus::Open,
            47.1,
            51.9,
            "Mo-Fr 09:00-13:00,14:00-18:00; Sa 10:00-14:00; 2099-12-16 off",
        )],
    )
    .await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM posts")
        .fetch_one(&pool)
        .await
        .unwrap();
    let app = TestApp::builder().with_database(pool).spawn().await;

    let html = app.page(&format!("/posts/{id}?lang=en"), 200).await;

    assert_eq!(text(&html, "h1"), "ip en");
    assert_eq!(
        texts(&html, "table.hours tr"),
        [
            "Monday 09:00–13:00, 14:00–18:00",
            "Tuesday 09:00–13:00, 14:00–18:00",
            "Wednesday 09:00–13:00, 14:00–18:00",
            "Thursday 09:00–13:00, 14:00–18:00",
            "Friday 09:00–13:00, 14:00–18:00",
            "Saturday 10:00–14:00",
            "Sunday Closed",
        ]
    );
    assert_eq!(texts(&html, "table.exceptions tr"), ["16.12.2099 Closed"]);
    let body = html
        .root_element()
        .text()
        .collect::<String>()
        .to_lowercase();
    assert!(!body.contains("living"), "living quarters are staff-only");
    app.page("/posts/999999", 404).await;
    app.page("/posts/not-a-number", 404).await;
}

#[tokio::test]
async fn the_api_answers_with_the_documented_shape() {
    let pool = fresh_database().await;
    seed(
        &pool,
        &[
            police_post(
                "a",
                PostKind::ModularPost,
                PostStatus::Open,
                47.1,
                51.9,
                "24/7",
            ),
            police_post(
                "b",
                PostKind::InspectorPoint,
                PostStatus::Open,
                47.2,
                51.9,
                "Mo-Su off",
            ),
            police_post(
                "c",
                PostKind::StationaryPost,
                PostStatus::Planned,
                47.1,
                51.91,
                "24/7",
            ),
        ],
    )
    .await;
    let app = TestApp::builder().with_database(pool).spawn().await;

    let (status, body) = api(&app, "lat=47.1&lon=51.9&lang=en").await;

    assert_eq!(status, 200);
    let posts = body["posts"].as_array().unwrap();
    assert_eq!(posts.len(), 2, "planned posts are never listed as working");
    let first = posts[0].as_object().unwrap();
    let mut keys: Vec<&str> = first.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "address",
            "distance_m",
            "id",
            "kind",
            "lat",
            "lon",
            "name",
            "open_now",
            "phones",
            "status"
        ]
    );
    assert_eq!(first["open_now"], true);
    assert_eq!(posts[1]["open_now"], false);
    let (_, open) = api(&app, "lat=47.1&lon=51.9&open_now=1").await;
    assert_eq!(open["posts"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn bad_api_input_is_a_400_with_a_json_error() {
    let app = TestApp::spawn().await;
    let cases = [
        ("lat=47", "coordinates_required"),
        ("lat=abc&lon=51", "lat_not_a_number"),
        ("lat=-91&lon=51", "lat_out_of_range"),
        ("lat=47&lon=181", "lon_out_of_range"),
        ("lat=47&lon=51&limit=0", "limit_out_of_range"),
        ("lat=47&lon=51&limit=1000", "limit_out_of_range"),
        ("lat=47&lon=51&kind=tank", "unknown_kind"),
        ("lat=47&lon=51&open_now=maybe", "invalid_open_now"),
        ("lat=47&lat=48&lon=51", "malformed_query"),
    ];
    for (query, code) in cases {
        let (status, body) = api(&app, query).await;
        assert_eq!(status, 400, "{query}");
        assert_eq!(body["error"]["code"], code, "{query}");
        assert!(
            body["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty())
        );
    }
}

#[tokio::test]
async fn the_open_data_export_and_the_openapi_document_describe_the_posts() {
    let app = TestApp::builder().with_demo_data().spawn().await;

    let response = app.get("/api/v1/posts.geojson").await;
    assert_eq!(response.headers()["content-type"], "application/geo+json");
    let geojson: Value = response.json().await.unwrap();
    let openapi: Value = app.get("/api/openapi.json").await.json().await.unwrap();

    assert_eq!(geojson["type"], "FeatureCollection");
    let features = geojson["features"].as_array().unwrap();
    assert_eq!(features.len(), 60);
    assert_eq!(features[0]["geometry"]["type"], "Point");
    assert!(
        features
            .iter()
            .all(|f| f["properties"].get("with_living_quarters").is_none()),
        "staff-only data stays out of open data"
    );
    let paths = openapi["paths"].as_object().unwrap();
    assert!(paths.contains_key("/api/v1/posts/nearest"));
    assert!(paths.contains_key("/api/v1/posts.geojson"));
}

#[tokio::test]
async fn an_exact_official_address_resolves_and_a_chosen_place_fills_the_field() {
    let app = demo_app().await;
    for (typed, lang, title) in [
        (
            "улица Абая, 13",
            "ru",
            "Пункты полиции рядом: улица Абая, 13",
        ),
        (
            "Абай көшесі, 13",
            "ru",
            "Пункты полиции рядом: улица Абая, 13",
        ),
        ("13 Abai Street", "en", "Police posts near 13 Abai Street"),
    ] {
        let query = serde_urlencoded::to_string([("q", typed), ("lang", lang)]).unwrap();
        let html = app.page(&format!("/posts?{query}"), 200).await;
        assert!(texts(&html, ".matches a").is_empty(), "{typed}: no choice");
        assert_eq!(text(&html, "#results-title"), title, "{typed}");
    }

    let html = app
        .page("/posts?q=%D0%90%D0%B1%D0%B0%D1%8F&lang=ru", 200)
        .await;
    let href = attrs(&html, ".matches a", "href").remove(0);
    let chosen = app.page(&format!("{href}&lang=ru"), 200).await;
    assert_eq!(
        attrs(&chosen, "#q", "value"),
        ["улица Абая"],
        "the field shows the place chosen"
    );
}
