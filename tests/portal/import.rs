//! Administrators import posts and the gazetteer: validated, all or nothing, idempotent.

use police_portal::import::{ImportError, import_places, import_posts};
use police_portal::store::posts;

use crate::helpers::fresh_database;

const HEADER: &str = "external_id,kind,status,name_kk,name_ru,name_en,address_kk,address_ru,address_en,lat,lon,phones,hours,services,living_quarters";

fn write(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("pp-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn good_rows() -> String {
    format!(
        "{HEADER}\n\
         mp-1,modular_post,open,Бекет 1,Пост 1,Post 1,Мекенжай 1,Адрес 1,Address 1,47.11,51.92,+7 7122 11-22-33;102,24/7,receiving_residents;video_surveillance,no\n\
         ip-1,inspector_point,open,Пункт,Пункт,Point,Мекенжай 2,Адрес 2,Address 2,47.12,51.93,+7 7122 11-22-34,\"Mo-Fr 09:00-13:00,14:00-18:00\",receiving_residents,yes\n"
    )
}

#[tokio::test]
async fn a_valid_file_is_imported_and_reimporting_it_changes_nothing() {
    let pool = fresh_database().await;
    let path = write("good.csv", &good_rows());

    let first = import_posts(&pool, &path).await.unwrap();
    let stamps: Vec<chrono::DateTime<chrono::Utc>> =
        sqlx::query_scalar("SELECT updated_at FROM posts ORDER BY external_id")
            .fetch_all(&pool)
            .await
            .unwrap();
    let second = import_posts(&pool, &path).await.unwrap();
    let stamps_after: Vec<chrono::DateTime<chrono::Utc>> =
        sqlx::query_scalar("SELECT updated_at FROM posts ORDER BY external_id")
            .fetch_all(&pool)
            .await
            .unwrap();

    assert_eq!((first.rows, first.changed), (2, 2));
    assert_eq!((second.rows, second.changed), (2, 0));
    assert_eq!(stamps, stamps_after, "nothing was touched the second time");
    assert_eq!(posts::count(&pool).await.unwrap(), 2);
    let living: bool =
        sqlx::query_scalar("SELECT with_living_quarters FROM posts WHERE external_id = 'ip-1'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!(living);
}

#[tokio::test]
async fn a_changed_row_updates_its_post_by_external_id() {
    let pool = fresh_database().await;
    import_posts(&pool, &write("v1.csv", &good_rows()))
        .await
        .unwrap();

    let changed = good_rows().replace("Post 1,", "Post One,");
    let report = import_posts(&pool, &write("v2.csv", &changed))
        .await
        .unwrap();

    assert_eq!(report.changed, 1);
    let name: String = sqlx::query_scalar("SELECT name_en FROM posts WHERE external_id = 'mp-1'")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(name, "Post One");
}

#[tokio::test]
async fn every_bad_row_is_reported_with_its_line_and_nothing_is_imported() {
    let pool = fresh_database().await;
    let text = format!(
        "{HEADER}\n\
         ok-1,modular_post,open,a,b,c,d,e,f,47.1,51.9,102,24/7,,no\n\
         bad-kind,tank,open,a,b,c,d,e,f,47.1,51.9,102,24/7,,no\n\
         bad-lat,modular_post,open,a,b,c,d,e,f,95,51.9,102,24/7,,no\n\
         bad-hours,modular_post,open,a,b,c,d,e,f,47.1,51.9,102,sometimes,,no\n\
         bad-phone,modular_post,open,a,b,c,d,e,f,47.1,51.9,call me,24/7,,no\n\
         ok-1,modular_post,open,a,b,c,d,e,f,47.1,51.9,102,24/7,,no\n\
         empty-name,modular_post,open,,b,c,d,e,f,47.1,51.9,102,24/7,,no\n\
         bad-service,modular_post,open,a,b,c,d,e,f,47.1,51.9,102,24/7,massage,maybe\n"
    );

    let err = import_posts(&pool, &write("bad.csv", &text))
        .await
        .unwrap_err();

    let ImportError::Invalid(errors) = err else {
        panic!("expected validation errors, got {err}");
    };
    let lines: Vec<&str> = errors.iter().map(|e| e.place.as_str()).collect();
    assert_eq!(
        lines,
        [
            "line 3", "line 4", "line 5", "line 6", "line 7", "line 8", "line 9", "line 9"
        ]
    );
    assert!(errors[0].message.contains("kind 'tank'"), "{:?}", errors[0]);
    assert!(
        errors[4].message.contains("appears twice"),
        "{:?}",
        errors[4]
    );
    assert_eq!(posts::count(&pool).await.unwrap(), 0, "all or nothing");
}

#[tokio::test]
async fn posts_and_places_import_from_geojson_too() {
    let pool = fresh_database().await;
    let posts_json = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","geometry":{"type":"Point","coordinates":[51.92,47.11]},
       "properties":{"external_id":"g-1","kind":"stationary_post","status":"planned",
         "name_kk":"a","name_ru":"b","name_en":"c","address_kk":"d","address_ru":"e","address_en":"f",
         "phones":[],"hours":"24/7","services":["video_surveillance"],"living_quarters":false}},
      {"type":"Feature","geometry":{"type":"Point","coordinates":[251.92,47.11]},
       "properties":{"external_id":"g-2","kind":"stationary_post","status":"planned",
         "name_kk":"a","name_ru":"b","name_en":"c","address_kk":"d","address_ru":"e","address_en":"f",
         "hours":"24/7"}}]}"#;
    let err = import_posts(&pool, &write("p.geojson", posts_json))
        .await
        .unwrap_err();
    let ImportError::Invalid(errors) = err else {
        panic!("{err}")
    };
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].place, "feature 2");

    let fixed = posts_json.replace("251.92", "51.93");
    let report = import_posts(&pool, &write("p2.geojson", &fixed))
        .await
        .unwrap();
    assert_eq!(report.changed, 2);

    let places = "external_id,kind,name_kk,name_ru,name_en,lat,lon\n\
                  s-1,street,Абай көшесі,улица Абая,Abai Street,47.115,51.93\n";
    let path = write("places.csv", places);
    assert_eq!(import_places(&pool, &path).await.unwrap().changed, 1);
    assert_eq!(import_places(&pool, &path).await.unwrap().changed, 0);
}

#[tokio::test]
async fn an_unknown_file_type_is_refused() {
    let pool = fresh_database().await;
    let err = import_posts(&pool, &write("posts.xlsx", "x"))
        .await
        .unwrap_err();
    assert!(matches!(err, ImportError::Format { .. }), "{err}");
}

const INSPECTORS_HEADER: &str = "external_id,name_kk,name_ru,name_en,rank,position,work_phone,post_external_id,reception_hours,active,photo";

#[tokio::test]
async fn inspectors_import_with_photos_from_a_folder_all_or_nothing_and_idempotent() {
    use police_portal::import::import_inspectors;
    let pool = fresh_database().await;
    import_posts(&pool, &write("posts-for-inspectors.csv", &good_rows()))
        .await
        .unwrap();
    let photos = std::env::temp_dir().join(format!("pp-photos-{}", std::process::id()));
    std::fs::create_dir_all(&photos).unwrap();
    std::fs::write(photos.join("seitov.jpg"), b"\xff\xd8\xff fake jpeg").unwrap();
    let data_dir = std::env::temp_dir().join(format!("pp-data-{}", std::process::id()));

    let bad = format!(
        "{INSPECTORS_HEADER}\n\
         i-1,Сейітов Ғалым,Сеитов Галым,Galym Seitov,general,district_inspector,+7 7122 11-22-35,ip-1,Tu 18:00-20:00,yes,seitov.jpg\n\
         i-2,Ахметов Асқар,Ахметов Аскар,Askar Akhmetov,captain,district_inspector,+7 7122 11-22-36,no-such-post,Tu 18:00-20:00,yes,\n\
         i-3,Қасымов Ерлан,Касымов Ерлан,Yerlan Kassymov,captain,district_inspector,+7 7122 11-22-37,ip-1,Tu 18:00-20:00,yes,missing.jpg\n"
    );
    let err = import_inspectors(
        &pool,
        &write("bad-inspectors.csv", &bad),
        Some(&photos),
        &data_dir,
    )
    .await
    .unwrap_err();
    let ImportError::Invalid(errors) = err else {
        panic!("{err}")
    };
    assert_eq!(errors.len(), 1, "row checks come first: {errors:?}");
    assert!(errors[0].message.contains("rank 'general'"));

    let references = bad.replace(",general,", ",captain,");
    let err = import_inspectors(
        &pool,
        &write("ref-inspectors.csv", &references),
        Some(&photos),
        &data_dir,
    )
    .await
    .unwrap_err();
    let ImportError::Invalid(errors) = err else {
        panic!("{err}")
    };
    let places: Vec<&str> = errors.iter().map(|e| e.place.as_str()).collect();
    assert_eq!(places, ["line 3", "line 4"], "{errors:?}");
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM inspectors")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(count, 0, "all or nothing");

    let good = references
        .replace("no-such-post", "ip-1")
        .replace("missing.jpg", "seitov.jpg");
    let path = write("good-inspectors.csv", &good);
    let first = import_inspectors(&pool, &path, Some(&photos), &data_dir)
        .await
        .unwrap();
    let second = import_inspectors(&pool, &path, Some(&photos), &data_dir)
        .await
        .unwrap();
    assert_eq!((first.changed, second.changed), (3, 0));
    assert!(
        data_dir.join("photos").join("seitov.jpg").is_file(),
        "the photo is copied"
    );
    std::fs::remove_dir_all(&photos).unwrap();
    std::fs::remove_dir_all(&data_dir).unwrap();
}
