//! Residents find their district inspector: beats with edges and holes, substitutes, the
//! directory in three alphabets, the API and imports.

use chrono::{Duration, Utc};
use police_portal::domain::beat::Boundary;
use police_portal::domain::hours::OpeningHours;
use police_portal::domain::lang::Localized;
use police_portal::domain::post::{PostKind, PostStatus};
use police_portal::import::{ImportError, import_beats};
use police_portal::store::beats::{self, BeatRecord};
use police_portal::store::inspectors::{self, InspectorRecord};
use serde_json::Value;
use sqlx::PgPool;

use crate::helpers::{TestApp, attrs, fresh_database, police_post, seed, text, texts};

fn named(kk: &str, ru: &str, en: &str) -> Localized {
    Localized {
        kk: kk.into(),
        ru: ru.into(),
        en: en.into(),
    }
}

fn square(x0: f64, y0: f64, x1: f64, y1: f64) -> Vec<[f64; 2]> {
    vec![[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]
}

fn inspector(id: &str, name: Localized) -> InspectorRecord {
    InspectorRecord {
        external_id: id.into(),
        name,
        rank: "captain".into(),
        position: "district_inspector".into(),
        photo: None,
        work_phone: "+7 7122 55-00-01".into(),
        post_external_id: Some("point".into()),
        reception_hours: OpeningHours::parse("Tu,Th 18:00-20:00").unwrap(),
        active: true,
        is_demo: false,
    }
}

fn beat(id: &str, number: &str, rings: Vec<Vec<[f64; 2]>>, inspector: &str) -> BeatRecord {
    BeatRecord {
        external_id: id.into(),
        number: number.into(),
        name: named(
            &format!("{number} kk"),
            &format!("{number} ru"),
            &format!("Beat {number}"),
        ),
        description: named("Абай көшесі", "улица Абая", "Abai Street"),
        boundary: Boundary { rings },
        inspector_external_id: Some(inspector.into()),
        substitute_external_id: None,
        substitute_from: None,
        substitute_until: None,
        is_demo: false,
    }
}

/// Two beats side by side, west (1) and east (2); beat 1 has a hole nobody serves.
async fn two_beats(pool: &PgPool, mut east: impl FnMut(&mut BeatRecord)) {
    seed(
        pool,
        &[police_post(
            "point",
            PostKind::InspectorPoint,
            PostStatus::Open,
            47.105,
            51.905,
            "24/7",
        )],
    )
    .await;
    let mut conn = pool.acquire().await.unwrap();
    for record in [
        inspector("west", named("Батыс Айдар", "Западов Айдар", "Aidar West")),
        inspector(
            "east",
            named("Шығыс Ерлан", "Восточный Ерлан", "Yerlan East"),
        ),
        inspector(
            "cover",
            named("Сейітов Ғалым", "Сеитов Галым", "Galym Seitov"),
        ),
    ] {
        inspectors::upsert_inspector(&mut conn, &record)
            .await
            .unwrap();
    }
    let west = beat(
        "b1",
        "1",
        vec![
            square(51.90, 47.10, 51.91, 47.11),
            square(51.902, 47.102, 51.904, 47.104),
        ],
        "west",
    );
    let mut east_beat = beat("b2", "2", vec![square(51.91, 47.10, 51.92, 47.11)], "east");
    east(&mut east_beat);
    beats::upsert_beat(&mut conn, &west).await.unwrap();
    beats::upsert_beat(&mut conn, &east_beat).await.unwrap();
}

async fn locate(app: &TestApp, lat: f64, lon: f64) -> (u16, Value) {
    let r = app
        .get(&format!(
            "/api/v1/inspectors/locate?lat={lat}&lon={lon}&lang=en"
        ))
        .await;
    (r.status().as_u16(), r.json().await.unwrap())
}

#[tokio::test]
async fn points_inside_on_edges_in_holes_and_outside_find_the_right_beat() {
    let pool = fresh_database().await;
    two_beats(&pool, |_| {}).await;
    let app = TestApp::builder().with_database(pool).spawn().await;

    let cases = [
        (47.105, 51.901, Some("1"), "inside the west beat"),
        (47.105, 51.915, Some("2"), "inside the east beat"),
        (47.10, 51.905, Some("1"), "on the west beat's south edge"),
        (
            47.105,
            51.91,
            Some("1"),
            "on the shared edge: the lower number",
        ),
        (47.103, 51.903, None, "in the west beat's hole"),
        (47.102, 51.903, Some("1"), "on the hole's edge"),
        (47.12, 51.905, None, "north of both"),
    ];
    for (lat, lon, number, what) in cases {
        let (status, body) = locate(&app, lat, lon).await;
        match number {
            Some(n) => {
                assert_eq!(status, 200, "{what}");
                assert_eq!(body["beat"]["number"], n, "{what}");
            }
            None => {
                assert_eq!(status, 404, "{what}");
                assert_eq!(body["error"]["code"], "no_beat", "{what}");
            }
        }
    }
}

#[tokio::test]
async fn a_place_in_no_beat_names_the_nearest_beats_inspectors_and_points() {
    let pool = fresh_database().await;
    two_beats(&pool, |_| {}).await;
    let app = TestApp::builder().with_database(pool).spawn().await;

    // North of both beats, nearer the west one; and in the west beat's hole.
    let north = app
        .page("/inspectors/find?lat=47.115&lon=51.904&lang=en", 200)
        .await;
    let hole = app
        .page("/inspectors/find?lat=47.103&lon=51.903&lang=en", 200)
        .await;

    for html in [&north, &hole] {
        assert_eq!(texts(html, "#no-beat").len(), 1, "said plainly");
        assert_eq!(texts(html, "#nearest-points .result h3"), ["point en"]);
        assert!(
            text(html, "#answer-title").starts_with("Nearest district inspectors"),
            "the heading promises no inspector of this place"
        );
    }
    assert_eq!(
        texts(&north, "#nearby-inspectors .inspector-card h2"),
        ["Aidar West", "Yerlan East"],
        "the nearest beat's inspector first, with the next"
    );
    assert_eq!(
        texts(&hole, "#nearby-inspectors .inspector-card h2")[0],
        "Aidar West"
    );
    assert_eq!(
        attrs(&north, "#nearby-inspectors .inspector-card a.phone", "href").len(),
        2,
        "each with a phone"
    );
}

#[tokio::test]
async fn the_card_shows_the_inspector_their_point_hours_and_beat() {
    let pool = fresh_database().await;
    two_beats(&pool, |_| {}).await;
    let app = TestApp::builder().with_database(pool).spawn().await;

    let html = app
        .page("/inspectors/find?lat=47.105&lon=51.915&lang=en", 200)
        .await;

    assert_eq!(text(&html, ".inspector-card h2"), "Yerlan East");
    assert_eq!(
        text(&html, ".inspector-card .meta"),
        "Police Captain · District police inspector"
    );
    assert_eq!(
        attrs(&html, ".inspector-card a.phone", "href"),
        ["tel:+77122550001"]
    );
    assert_eq!(text(&html, "a.reception-point"), "point en");
    assert_eq!(
        texts(&html, "table.hours tr"),
        ["Tuesday 18:00–20:00", "Thursday 18:00–20:00"]
    );
    assert_eq!(text(&html, ".beat h3"), "Beat No. 2");
    assert_eq!(attrs(&html, "img.portrait", "alt"), ["Photo: Yerlan East"]);
    let photo = app.get(&attrs(&html, "img.portrait", "src")[0]).await;
    assert_eq!(photo.headers()["content-type"], "image/svg+xml");
}

#[tokio::test]
async fn a_substitute_is_shown_only_while_the_cover_lasts() {
    // The portal's "today" is the city's (Asia/Atyrau), not UTC's.
    let today = Utc::now()
        .with_timezone(&chrono_tz::Asia::Atyrau)
        .date_naive();
    let cases = [
        (
            today - Duration::days(1),
            today + Duration::days(1),
            true,
            "covering now",
        ),
        (today, today, true, "covering today only"),
        (
            today + Duration::days(1),
            today + Duration::days(5),
            false,
            "not started",
        ),
        (
            today - Duration::days(5),
            today - Duration::days(1),
            false,
            "ended",
        ),
    ];
    for (from, until, shown, what) in cases {
        let pool = fresh_database().await;
        two_beats(&pool, |b| {
            b.substitute_external_id = Some("cover".into());
            b.substitute_from = Some(from);
            b.substitute_until = Some(until);
        })
        .await;
        let app = TestApp::builder().with_database(pool).spawn().await;

        let html = app
            .page("/inspectors/find?lat=47.105&lon=51.915&lang=en", 200)
            .await;
        let (_, api) = locate(&app, 47.105, 51.915).await;

        let expected = if shown { "Galym Seitov" } else { "Yerlan East" };
        assert_eq!(text(&html, ".inspector-card h2"), expected, "{what}");
        assert_eq!(
            texts(&html, ".inspector-card .notice").len(),
            usize::from(shown),
            "{what}"
        );
        assert_eq!(api["inspector"]["name"], expected, "{what}");
        assert_eq!(api["inspector"]["substitute"], shown, "{what}");
    }
}

#[tokio::test]
async fn the_directory_is_searched_by_name_beat_or_street_in_any_alphabet() {
    let pool = fresh_database().await;
    two_beats(&pool, |b| {
        b.description = named("Сәтбаев көшесі", "улица Сатпаева", "Satpayev Street")
    })
    .await;
    let app = TestApp::builder().with_database(pool).spawn().await;
    let cases = [
        ("Сеитов", vec!["Сеитов Галым"]),
        ("Сейітов", vec!["Сеитов Галым"]),
        ("seitov", vec!["Сеитов Галым"]),
        ("2", vec!["Восточный Ерлан"]),
        ("№ 2", vec!["Восточный Ерлан"]),
        ("Сатпаева", vec!["Восточный Ерлан"]),
        ("Satpaev", vec!["Восточный Ерлан"]),
        ("Абай", vec!["Западов Айдар"]),
        ("", vec!["Восточный Ерлан", "Западов Айдар", "Сеитов Галым"]),
    ];
    for (q, names) in cases {
        let html = app
            .page(
                &format!("/inspectors?q={}&lang=ru", crate::posts::urlencode(q)),
                200,
            )
            .await;
        assert_eq!(
            texts(&html, "table.directory tbody td:first-child a"),
            names,
            "{q:?}"
        );
    }
}

#[tokio::test]
async fn the_directory_is_paged_and_links_to_each_card() {
    let app = TestApp::builder().with_demo_data().spawn().await;

    let first = app.page("/inspectors?lang=en", 200).await;
    let second = app.page("/inspectors?page=2&lang=en", 200).await;

    assert_eq!(texts(&first, "table.directory tbody tr").len(), 20);
    assert_eq!(texts(&second, "table.directory tbody tr").len(), 14);
    assert_eq!(text(&first, "#directory-count"), "34 inspectors");
    let next = attrs(&first, ".pager a[rel=next]", "href");
    assert_eq!(next, ["/inspectors?q=&page=2"]);
    let card = attrs(&first, "table.directory a", "href").remove(0);
    let html = app.page(&format!("{card}?lang=en"), 200).await;
    assert_eq!(texts(&html, ".inspector-card").len(), 1);
    app.page("/inspectors?page=abc", 400).await;
    app.page("/inspectors/99999", 404).await;
}

#[tokio::test]
async fn the_home_search_answers_both_questions() {
    let app = TestApp::builder().with_demo_data().spawn().await;

    let html = app
        .page("/?q=%D0%A6%D0%B5%D0%BD%D1%82%D1%80%D0%B0%D0%BB%D1%8C%D0%BD%D1%8B%D0%B9%20%D1%80%D1%8B%D0%BD%D0%BE%D0%BA&lang=en", 200)
        .await;

    assert_eq!(text(&html, "#answers-title"), "Near Central Market");
    assert_eq!(texts(&html, "#nearest-open .badge.open").len(), 1);
    assert_eq!(texts(&html, "#my-inspector a.phone").len(), 1);
    // The market is its own beat inside the hole of the beat around it.
    let (status, body) = locate(&app, 47.108, 51.922).await;
    assert_eq!(status, 200);
    assert_eq!(body["beat"]["number"], "34");
}

#[tokio::test]
async fn bad_locations_are_explained_and_the_api_answers_400() {
    let pool = fresh_database().await;
    let app = TestApp::builder().with_database(pool).spawn().await;

    let html = app
        .page("/inspectors/find?lat=95&lon=51&lang=en", 400)
        .await;
    assert_eq!(
        texts(&html, "#lat-error"),
        ["Latitude must be between -90 and 90."]
    );
    assert_eq!(attrs(&html, "#lat", "value"), ["95"]);
    for query in ["lat=95&lon=51", "lat=47", "lat=x&lon=y"] {
        let r = app.get(&format!("/api/v1/inspectors/locate?{query}")).await;
        assert_eq!(r.status(), 400, "{query}");
    }
}

#[tokio::test]
async fn the_beats_geojson_has_polygons_with_holes() {
    let pool = fresh_database().await;
    two_beats(&pool, |_| {}).await;
    let app = TestApp::builder().with_database(pool).spawn().await;

    let geojson: Value = app.get("/api/v1/beats.geojson").await.json().await.unwrap();

    let features = geojson["features"].as_array().unwrap();
    assert_eq!(features.len(), 2);
    assert_eq!(features[0]["geometry"]["type"], "Polygon");
    assert_eq!(
        features[0]["geometry"]["coordinates"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

fn beats_file(name: &str, ring: &str) -> std::path::PathBuf {
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[
          {{"type":"Feature","geometry":{{"type":"Polygon","coordinates":[[[51.90,47.10],[51.91,47.10],[51.91,47.11],[51.90,47.11],[51.90,47.10]]]}},
           "properties":{{"external_id":"ok","number":"1","name_kk":"a","name_ru":"b","name_en":"c",
             "description_kk":"d","description_ru":"e","description_en":"f","inspector_external_id":"west"}}}},
          {{"type":"Feature","geometry":{{"type":"Polygon","coordinates":[{ring}]}},
           "properties":{{"external_id":"bad","number":"2","name_kk":"a","name_ru":"b","name_en":"c",
             "description_kk":"d","description_ru":"e","description_en":"f","inspector_external_id":"west"}}}}]}}"#
    );
    let dir = std::env::temp_dir().join(format!("pp-beats-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[tokio::test]
async fn bad_beat_boundaries_are_refused_at_import_with_the_feature_named() {
    let pool = fresh_database().await;
    two_beats(&pool, |_| {}).await;
    let city = police_portal::config::Settings::from_lookup(|_| None)
        .unwrap()
        .city_bounds;
    let cases = [
        (
            "open.geojson",
            "[[51.90,47.10],[51.91,47.10],[51.91,47.11],[51.90,47.11]]",
            "does not close",
        ),
        (
            "bowtie.geojson",
            "[[51.90,47.10],[51.91,47.11],[51.91,47.10],[51.90,47.11],[51.90,47.10]]",
            "crosses itself",
        ),
        (
            "far.geojson",
            "[[71.40,51.10],[71.41,51.10],[71.41,51.11],[71.40,51.11],[71.40,51.10]]",
            "outside the city",
        ),
    ];
    for (file, ring, reason) in cases {
        let err = import_beats(&pool, &beats_file(file, ring), city)
            .await
            .unwrap_err();
        let ImportError::Invalid(errors) = err else {
            panic!("{err}")
        };
        assert_eq!(errors.len(), 1, "{file}");
        assert_eq!(errors[0].place, "feature 2", "{file}");
        assert!(
            errors[0].message.contains(reason),
            "{file}: {}",
            errors[0].message
        );
    }
    assert_eq!(
        beats::count_beats(&pool).await.unwrap(),
        2,
        "nothing was imported"
    );
    let good = beats_file(
        "good.geojson",
        "[[51.92,47.10],[51.93,47.10],[51.93,47.11],[51.92,47.11],[51.92,47.10]]",
    );
    assert_eq!(import_beats(&pool, &good, city).await.unwrap().changed, 2);
    assert_eq!(import_beats(&pool, &good, city).await.unwrap().changed, 0);
}
