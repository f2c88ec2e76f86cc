//! A bad-input battery: what attackers and broken clients send, on every route that takes
//! input. Nothing answers 5xx, nothing malformed is stored, stored script is shown as text.

use crate::helpers::{ADMIN, TestApp};

/// Values no form should choke on: NUL, bad UTF-8, oversize, markup, traversal, SQL, odd
/// Unicode. (name, raw query value already percent-encoded where it must be)
const BAD: [(&str, &str); 10] = [
    ("nul", "a%00b"),
    ("bad utf-8", "%FF%FE%C3"),
    ("lone percent", "%"),
    ("script", "%3Cscript%3Ealert(1)%3C%2Fscript%3E"),
    ("traversal", "..%2F..%2Fetc%2Fpasswd"),
    ("sql", "%27%20OR%201%3D1%20--"),
    ("rtl override", "%E2%80%AEabc"),
    ("huge number", "99999999999999999999999999"),
    ("negative", "-1"),
    ("long", ""),
];

fn long_value() -> String {
    "x".repeat(5_000)
}

async fn status_of(app: &TestApp, url: &str) -> u16 {
    app.client
        .get(app.url(url))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn no_query_parameter_or_path_segment_gets_a_server_error() {
    let app = TestApp::builder()
        .with_demo_data()
        .with_staff()
        .spawn()
        .await;
    let routes: [(&str, &[&str]); 13] = [
        ("/", &["q", "lat", "lon", "place"]),
        ("/posts", &["q", "lat", "lon", "place", "kind", "open_now"]),
        ("/inspectors", &["q", "page"]),
        ("/inspectors/find", &["q", "lat", "lon", "place"]),
        ("/track", &["number", "key"]),
        ("/feedback/new", &["inspector", "post", "type"]),
        ("/requests/new", &["inspector", "category"]),
        (
            "/api/v1/posts/nearest",
            &["lat", "lon", "limit", "kind", "open_now"],
        ),
        ("/api/v1/inspectors/locate", &["lat", "lon"]),
        ("/staff/login", &["lang"]),
        ("/privacy", &["lang"]),
        ("/accessibility", &["lang"]),
        ("/healthz", &["x"]),
    ];
    let mut cases = 0;
    for (route, params) in routes {
        for param in params {
            for (name, value) in BAD {
                let value = if name == "long" {
                    long_value()
                } else {
                    value.into()
                };
                let status =
                    status_of(&app, &format!("{route}?{param}={value}&lat=47.1&lon=51.9")).await;
                assert!(status < 500, "{route}?{param}= {name}: {status}");
                cases += 1;
            }
        }
    }
    let paths = [
        "/posts/",
        "/inspectors/",
        "/track/",
        "/inspectors/1/photo?x=",
    ];
    for path in paths {
        for (name, value) in BAD {
            let status = status_of(&app, &format!("{path}{value}")).await;
            assert!(status < 500, "{path}{name}: {status}");
            cases += 1;
        }
    }
    assert_eq!(app.sign_in(ADMIN).await.status(), 303);
    let staff: [(&str, &[&str]); 3] = [
        (
            "/staff/queue",
            &[
                "q",
                "kind",
                "status",
                "category",
                "post",
                "inspector",
                "from",
                "until",
                "after",
            ],
        ),
        (
            "/staff/audit",
            &["staff", "action", "number", "from", "until"],
        ),
        ("/staff/queue.csv", &["q", "from"]),
    ];
    for (route, params) in staff {
        for param in params {
            for (name, value) in BAD {
                let value = if name == "long" {
                    long_value()
                } else {
                    value.into()
                };
                let status = status_of(&app, &format!("{route}?{param}={value}")).await;
                assert!(status < 500, "{route}?{param}= {name}: {status}");
                cases += 1;
            }
        }
    }
    for (name, value) in BAD {
        let status = status_of(&app, &format!("/staff/submissions/{value}")).await;
        assert!(status < 500, "/staff/submissions/{name}: {status}");
        cases += 1;
    }
    assert!(cases >= 200, "{cases} cases");
}

/// The form fields of a valid complaint, to spoil one at a time.
const COMPLAINT: [(&str, &str); 6] = [
    ("type", "complaint"),
    ("inspector", "1"),
    ("body", "The officer did not come although I called twice."),
    ("name", "Aigerim"),
    ("phone", "+7 701 234 56 78"),
    ("consent", "1"),
];

async fn stored(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM submissions")
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn nul_and_control_characters_in_forms_never_reach_the_database() {
    let app = TestApp::builder()
        .with_demo_data()
        .with_settings(|s| s.submissions_per_minute = 10_000)
        .spawn()
        .await;
    let malformed = [("nul", "a\0b"), ("control", "a\u{1}\u{7f}b")];
    let fields = [
        "type",
        "inspector",
        "post",
        "officer",
        "incident_date",
        "incident_time",
        "place",
        "lat",
        "lon",
        "body",
        "name",
        "phone",
        "email",
        "iin",
        "consent",
    ];
    let mut cases = 0;
    for field in fields {
        for (name, value) in malformed {
            let mut form: Vec<(&str, &str)> = COMPLAINT
                .iter()
                .filter(|(k, _)| *k != field)
                .copied()
                .collect();
            form.push((field, value));
            let response = app.send_feedback(&form).await;
            let status = response.status().as_u16();
            assert!(matches!(status, 303 | 422), "{field} {name}: {status}");
            cases += 1;
        }
    }
    // NUL and control characters are removed before anything is stored.
    let dirty: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM submissions
         WHERE body || coalesce(author_name, '') || officer_description || place ~ '[\x01-\x08\x7f]'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(dirty, 0, "control characters are removed before storing");
    let before = stored(&app).await;
    for (field, value) in [("email", "a\0b@x.kz"), ("password", "p\0")] {
        let html = app.page("/staff/login", 200).await;
        let csrf = crate::helpers::attrs(&html, "input[name=csrf_token]", "value").remove(0);
        let mut form = vec![
            ("csrf_token", csrf.as_str()),
            ("email", "x@police.kz"),
            ("password", "y"),
        ];
        form.retain(|(k, _)| *k != field);
        form.push((field, value));
        let r = app
            .client
            .post(app.url("/staff/login"))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.status(),
            401,
            "sign-in {field} with NUL is a wrong sign-in"
        );
        cases += 1;
    }
    assert_eq!(stored(&app).await, before);
    assert!(cases >= 30);
}

#[tokio::test]
async fn stored_script_is_shown_as_text_on_every_page_that_shows_it() {
    let app = TestApp::builder()
        .with_demo_data()
        .with_staff()
        .spawn()
        .await;
    let script = "<script>alert('x')</script><img src=x onerror=alert(1)>";
    let mut form: Vec<(&str, &str)> = COMPLAINT.to_vec();
    form.retain(|(k, _)| *k != "body");
    let body = format!("{script} the officer was rude");
    form.push(("body", &body));
    let (id, receipt) = app.submit("/feedback", &form).await;
    assert_eq!(app.sign_in(ADMIN).await.status(), 303);
    for page in [
        receipt,
        format!("/staff/submissions/{id}"),
        "/staff/queue".into(),
    ] {
        let html = app.get(&page).await.text().await.unwrap();
        assert!(
            !html.contains("<script>alert"),
            "{page} shows markup unescaped"
        );
        assert!(
            !html.contains("<img src=x"),
            "{page} shows markup unescaped"
        );
    }
}
