//! Open311 GeoReport v2, write side: keys issued and revoked by administrators (browser and
//! command line), requests filed with them judged by the web form's rules, stored once with
//! their channel and key, audited, given a receipt, limited per key.

use scraper::Html;
use serde_json::Value;

use crate::helpers::{ADMIN, MODERATOR, TestApp, attrs, form_fields, text, texts, with_values};

/// Issues a key on /staff/api-keys as the signed-in administrator.
async fn issue_key(admin: &TestApp, name: &str) -> (u16, Html) {
    let page = admin.page("/staff/api-keys?lang=en", 200).await;
    let fields = with_values(&form_fields(&page, "#issue-form"), &[("name", name)]);
    let response = admin
        .client
        .post(admin.url("/staff/api-keys?lang=en"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let cache = response.headers()["cache-control"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        cache.contains("no-store"),
        "a page with a key is not cached"
    );
    (
        status,
        Html::parse_document(&response.text().await.unwrap()),
    )
}

async fn post(app: &TestApp, path: &str, fields: &[(&str, &str)]) -> (u16, String) {
    let response = app
        .client
        .post(app.url(path))
        .form(fields)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string()))
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

/// The fields with the key.
fn keyed<'a>(fields: &[(&'a str, &'a str)], key: &'a str) -> Vec<(&'a str, &'a str)> {
    let mut all = fields.to_vec();
    all.push(("api_key", key));
    all
}

/// The descriptions of a GeoReport v2 error answer, after checking its form and code.
fn errors(body: &str, code: u16) -> Vec<String> {
    let v: Value = serde_json::from_str(body).unwrap_or_else(|_| panic!("JSON: {body}"));
    let all = v.as_array().expect("an array of errors");
    assert!(!all.is_empty(), "{body}");
    all.iter()
        .map(|e| {
            assert_eq!(e.as_object().unwrap().len(), 2, "code and description: {e}");
            assert_eq!(e["code"], code, "{body}");
            e["description"].as_str().unwrap().to_string()
        })
        .collect()
}

const NOISE: &[(&str, &str)] = &[
    ("service_code", "request_noise"),
    ("lat", "47.1167"),
    ("long", "51.8833"),
    (
        "description",
        "Loud music from the café on the corner every night after midnight.",
    ),
    ("first_name", "Dana"),
    ("last_name", "Serikova"),
    ("email", "dana@example.kz"),
];

#[tokio::test]
async fn a_request_filed_through_open311_is_a_case_with_a_receipt_and_the_key_audited() {
    let app = TestApp::builder()
        .with_demo_data()
        .with_staff()
        .spawn()
        .await;
    let admin = app.another_client();
    assert_eq!(admin.sign_in(ADMIN).await.status(), 303);
    let (status, page) = issue_key(&admin, "Atyrau city app").await;
    assert_eq!(status, 200);
    let key = attrs(&page, "#new-key", "value").remove(0);
    assert!(key.starts_with("p311_") && key.len() > 40, "{key}");
    assert!(text(&page, "#issued-title").contains("Atyrau city app"));
    // The database keeps the hash, never the key.
    let (hashed, plain): (i64, i64) = sqlx::query_as(
        "SELECT count(*) FILTER (WHERE key_hash = sha256(convert_to($1, 'UTF8'))),
                count(*) FILTER (WHERE k::text LIKE '%' || $1 || '%')
         FROM api_keys k",
    )
    .bind(&key)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!((hashed, plain), (1, 0));
    // Shown once: the list shows its start only.
    let list = admin.page("/staff/api-keys?lang=en", 200).await;
    assert!(attrs(&list, "#new-key", "value").is_empty());
    assert!(!list.html().contains(&key));
    assert!(texts(&list, "#api-keys td").concat().contains(&key[..9]));
    // A second key with the same name: the form again, the name kept, the message by it.
    let (status, page) = issue_key(&admin, "Atyrau city app").await;
    assert_eq!(status, 422);
    assert!(!text(&page, "#name-error").is_empty());
    assert_eq!(attrs(&page, "input#name", "value"), ["Atyrau city app"]);

    let client = app.another_client();
    let mut fields = NOISE.to_vec();
    fields.push(("api_key", key.as_str()));
    let (status, body) = post(&client, "/open311/v2/requests.json", &fields).await;
    assert_eq!(status, 201, "{body}");
    let answer: Value = serde_json::from_str(&body).unwrap();
    let answer = answer.as_array().unwrap();
    assert_eq!(answer.len(), 1);
    let keys: Vec<&String> = answer[0].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["service_request_id", "service_notice", "account_id"]);
    let number = answer[0]["service_request_id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(number.starts_with("ATR-"), "{number}");
    let notice = answer[0]["service_notice"].as_str().unwrap();
    assert!(notice.contains(&number), "{notice}");

    let (id, channel, key_name, email): (i64, String, String, String) = sqlx::query_as(
        "SELECT s.id, s.channel, k.name, s.email FROM submissions s
         JOIN api_keys k ON k.id = s.api_key_id WHERE s.tracking_number = $1",
    )
    .bind(&number)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        (channel.as_str(), key_name.as_str(), email.as_str()),
        ("open311", "Atyrau city app", "dana@example.kz")
    );
    let receipts = count(
        &app,
        &format!("SELECT count(*) FROM outbox WHERE submission_id = {id} AND event = 'received'"),
    )
    .await;
    assert_eq!(receipts, 1, "the resident is told on their own e-mail");
    let due: chrono::NaiveDate = sqlx::query_scalar("SELECT due_on FROM submissions WHERE id = $1")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(
        notice.contains(&due.format("%d.%m.%Y").to_string()),
        "the notice names the due date: {notice}"
    );
    let (reason, target): (String, String) = sqlx::query_as(
        "SELECT reason, target FROM audit_log WHERE action = 'open311_filed' AND submission_id = $1",
    )
    .bind(id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(reason, "Atyrau city app");
    assert!(target.starts_with("api_key:"));
    assert_eq!(
        count(&app, "SELECT count(*) FROM audit_log WHERE action = 'api_key_issued' AND reason = 'Atyrau city app'").await,
        1
    );

    // XML, with the key in the query string as old clients send it.
    let path = format!("/open311/v2/requests.xml?api_key={key}");
    let thanks = [
        ("service_code", "thanks"),
        ("attribute[officer]", "Inspector at the market post"),
        (
            "description",
            "Thank you for finding my lost bag so quickly.",
        ),
    ];
    let (status, body) = post(&client, &path, &thanks).await;
    assert_eq!(status, 201, "{body}");
    let doc = roxmltree::Document::parse(&body).expect("well-formed XML");
    assert_eq!(doc.root_element().tag_name().name(), "service_requests");
    let request = doc.root_element().first_element_child().unwrap();
    assert_eq!(request.tag_name().name(), "request");
    let names: Vec<&str> = request
        .children()
        .filter(|n| n.is_element())
        .map(|n| n.tag_name().name())
        .collect();
    assert_eq!(
        names,
        ["service_request_id", "service_notice", "account_id"]
    );
    let anonymous: bool =
        sqlx::query_scalar("SELECT anonymous FROM submissions WHERE tracking_number = $1")
            .bind(request.first_element_child().unwrap().text().unwrap())
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert!(anonymous, "a thanks without a name or contact is anonymous");
    // A thanks is promised no answer and no due date.
    let notice = request
        .children()
        .find(|n| n.has_tag_name("service_notice"))
        .and_then(|n| n.text())
        .unwrap();
    let has_date = notice.split(' ').any(|w| {
        chrono::NaiveDate::parse_from_str(w.trim_end_matches([';', '.', ',']), "%d.%m.%Y").is_ok()
    });
    assert!(
        notice.contains(request.first_element_child().unwrap().text().unwrap()) && !has_date,
        "{notice}"
    );

    // Staff see it in the queue with its channel, and the key on its page.
    let moderator = app.another_client();
    assert_eq!(moderator.sign_in(MODERATOR).await.status(), 303);
    let queue = moderator.page("/staff/queue?view=all&lang=en", 200).await;
    let row = texts(&queue, "#queue tbody tr")
        .into_iter()
        .find(|r| r.contains(&number))
        .unwrap_or_else(|| panic!("{number} in the queue"));
    assert!(row.contains("Open311"), "{row}");
    let detail = moderator
        .page(&format!("/staff/submissions/{id}?lang=en"), 200)
        .await;
    let came = text(&detail, "#channel");
    assert!(
        came.contains("Open311") && came.contains("Atyrau city app"),
        "{came}"
    );
    // And the public never sees who filed it.
    let public = app
        .another_client()
        .get(&format!("/open311/v2/requests/{number}.json"))
        .await
        .text()
        .await
        .unwrap();
    assert!(public.contains(&number), "{public}");
    for secret in ["dana@example.kz", "Serikova", "café", "Atyrau city app"] {
        assert!(!public.contains(secret), "{secret} in {public}");
    }
}

#[tokio::test]
async fn a_filed_request_is_judged_by_the_web_forms_rules_and_nothing_refused_is_stored() {
    let app = TestApp::builder()
        .with_demo_data()
        .with_staff()
        .spawn()
        .await;
    let admin = app.another_client();
    assert_eq!(admin.sign_in(ADMIN).await.status(), 303);
    let (_, page) = issue_key(&admin, "Partner").await;
    let key = attrs(&page, "#new-key", "value").remove(0);
    let with_key = |extra: &[(&'static str, &'static str)]| keyed(extra, &key);
    let client = app.another_client();
    let path = "/open311/v2/requests.json?lang=en";

    let (status, body) = post(&client, path, NOISE).await;
    assert_eq!((status, errors(&body, 403).len()), (403, 1), "no key");
    let mut forged = NOISE.to_vec();
    forged.push((
        "api_key",
        "p311_000000000000000000000000000000000000000000000000",
    ));
    let (status, body) = post(&client, path, &forged).await;
    assert_eq!((status, errors(&body, 403).len()), (403, 1), "unknown key");

    // A complaint needs a name and a contact; each wrong field is named.
    let complaint = with_key(&[
        ("service_code", "complaint"),
        ("attribute[officer]", "Sergeant at the bus station"),
        (
            "description",
            "He shouted at my father and refused to help.",
        ),
    ]);
    let (status, body) = post(&client, path, &complaint).await;
    assert_eq!(status, 400, "{body}");
    let said = errors(&body, 400);
    assert!(
        said.iter().any(|d| d.starts_with("first_name:")),
        "{said:?}"
    );
    assert!(said.iter().any(|d| d.starts_with("phone:")), "{said:?}");
    // In the caller's language.
    let (_, body) = post(&client, "/open311/v2/requests.json?lang=ru", &complaint).await;
    let said_ru = errors(&body, 400);
    assert_ne!(said, said_ru);
    assert!(
        said_ru
            .iter()
            .any(|d| d.chars().any(|c| ('а'..='я').contains(&c))),
        "{said_ru:?}"
    );

    // A request needs a place: a position, an address, or a place of the gazetteer.
    let nowhere = with_key(&[
        ("service_code", "request_road_safety"),
        (
            "description",
            "Cars park on the pavement near the school every morning.",
        ),
        ("first_name", "Arman"),
        ("phone", "+7 701 555 44 33"),
    ]);
    let (status, body) = post(&client, path, &nowhere).await;
    assert_eq!(status, 400);
    assert!(
        errors(&body, 400)
            .iter()
            .any(|d| d.starts_with("address_string:")),
        "{body}"
    );
    let mut unknown_place = nowhere.clone();
    unknown_place.push(("address_id", "999999"));
    let (status, _) = post(&client, path, &unknown_place).await;
    assert_eq!(status, 400);

    let long = "a".repeat(4001);
    let mut too_long = keyed(NOISE, &key);
    too_long.retain(|(k, _)| *k != "description");
    too_long.push(("description", long.as_str()));
    let (status, body) = post(&client, path, &too_long).await;
    assert_eq!((status, errors(&body, 400).len()), (400, 1), "{body}");
    let mut bad_media = with_key(NOISE);
    bad_media.push(("media_url", "javascript:alert(1)"));
    let (status, _) = post(&client, path, &bad_media).await;
    assert_eq!(status, 400);
    let (status, body) = post(&client, path, &with_key(&[("service_code", "noise")])).await;
    assert_eq!(
        (status, errors(&body, 400).len()),
        (400, 1),
        "unknown service_code"
    );
    let response = client
        .client
        .post(client.url(path))
        .header("content-type", "application/json")
        .body(r#"{"service_code":"thanks"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400, "a body that is not a form");
    assert_eq!(count(&app, "SELECT count(*) FROM submissions").await, 0);

    // The same request with a place of the gazetteer is accepted where it is.
    let (place_id, place_name): (i64, String) =
        sqlx::query_as("SELECT id, name_en FROM places ORDER BY id LIMIT 1")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let place_id = place_id.to_string();
    let mut at_place = nowhere.clone();
    at_place.push(("address_id", place_id.as_str()));
    at_place.push(("media_url", "https://photos.example.kz/p/123.jpg"));
    let (status, body) = post(&client, path, &at_place).await;
    assert_eq!(status, 201, "{body}");
    let (place, lat, media): (String, Option<f64>, Option<String>) =
        sqlx::query_as("SELECT place, lat, media_url FROM submissions")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(place, place_name);
    assert!(lat.is_some());
    assert_eq!(
        media.as_deref(),
        Some("https://photos.example.kz/p/123.jpg")
    );
    assert_eq!(count(&app, "SELECT count(*) FROM submissions").await, 1);
}

/// Runs `police-portal api-key ...` on the app's database.
async fn key_command(app: &TestApp, args: &[&str]) -> (bool, String) {
    let url = crate::helpers::database_url(&app.pool).await;
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_police-portal"))
        .arg("api-key")
        .args(args)
        .env("DATABASE_URL", url)
        .env("RUST_LOG", "error")
        .output()
        .await
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).trim().to_string(),
    )
}

#[tokio::test]
async fn revoked_keys_get_403_and_each_key_has_its_own_limit() {
    let app = TestApp::builder()
        .with_demo_data()
        .with_staff()
        .with_settings(|s| s.open311_per_minute = 2)
        .spawn()
        .await;
    let (ok, first) = key_command(&app, &["issue", "Kiosk app"]).await;
    assert!(ok && first.starts_with("p311_"), "{first}");
    let (ok, _) = key_command(&app, &["issue", "Kiosk app"]).await;
    assert!(!ok, "a name is one key");
    let (_, second) = key_command(&app, &["issue", "Call centre"]).await;
    let client = app.another_client();
    let path = "/open311/v2/requests.json";
    for _ in 0..2 {
        assert_eq!(post(&client, path, &keyed(NOISE, &first)).await.0, 201);
    }
    let response = client
        .client
        .post(client.url(path))
        .form(&keyed(NOISE, &first))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 429, "over the key's limit");
    assert!(response.headers().contains_key("retry-after"));
    errors(&response.text().await.unwrap(), 429);
    assert_eq!(
        post(&client, path, &keyed(NOISE, &second)).await.0,
        201,
        "another key's limit"
    );

    // Revoked from the command line, and from the browser.
    let (ok, listed) = key_command(&app, &["list"]).await;
    assert!(
        ok && listed.contains("Kiosk app") && listed.contains("2 filed"),
        "{listed}"
    );
    assert!(!listed.contains(&first));
    let (ok, _) = key_command(&app, &["revoke", "Kiosk app"]).await;
    assert!(ok);
    let (status, body) = post(&client, path, &keyed(NOISE, &first)).await;
    assert_eq!(status, 403);
    errors(&body, 403);
    let admin = app.another_client();
    assert_eq!(admin.sign_in(ADMIN).await.status(), 303);
    let page = admin.page("/staff/api-keys?lang=en", 200).await;
    let action = attrs(&page, "#api-keys form", "action");
    assert_eq!(
        action.len(),
        1,
        "only the key in use can be revoked: {action:?}"
    );
    let csrf = attrs(&page, "input[name=csrf_token]", "value").remove(0);
    let revoked = admin
        .client
        .post(admin.url(&action[0]))
        .form(&[("csrf_token", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), 303);
    assert_eq!(post(&client, path, &keyed(NOISE, &second)).await.0, 403);
    let page = admin.page("/staff/api-keys?lang=en", 200).await;
    assert_eq!(
        texts(&page, "#api-keys .key-state")
            .iter()
            .filter(|s| s.starts_with("Revoked"))
            .count(),
        2
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM audit_log WHERE action = 'api_key_revoked'"
        )
        .await,
        2
    );
    // A moderator cannot issue keys.
    let moderator = app.another_client();
    assert_eq!(moderator.sign_in(MODERATOR).await.status(), 303);
    assert_eq!(moderator.get("/staff/api-keys").await.status(), 403);
    assert_eq!(count(&app, "SELECT count(*) FROM submissions").await, 3);
}
