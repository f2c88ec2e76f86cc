//! Several instances on one database behave as one, and behind a trusted proxy the client is
//! the resident, not the proxy.

use crate::helpers::{MODERATOR, THANKS_WITH_PHONE, TestApp, fresh_database};

/// Two portals on one database, with no secret configured: they share the database's.
async fn two_instances(change: fn(&mut police_portal::config::Settings)) -> (TestApp, TestApp) {
    let pool = fresh_database().await;
    let a = TestApp::builder()
        .with_database(pool.clone())
        .with_demo_data()
        .with_staff()
        .with_settings(move |s| {
            s.secret_key = None;
            change(s);
        })
        .spawn()
        .await;
    let b = TestApp::builder()
        .with_database(pool)
        .with_settings(move |s| {
            s.secret_key = None;
            change(s);
        })
        .spawn()
        .await;
    (a, b)
}

/// The same client (cookies) on another instance's address.
fn on(other: &TestApp, client: &TestApp) -> TestApp {
    TestApp {
        address: other.address.clone(),
        pool: client.pool.clone(),
        serving: client.serving.clone(),
        client: client.client.clone(),
    }
}

#[tokio::test]
async fn a_form_a_receipt_and_a_staff_cookie_from_one_instance_work_on_the_other() {
    let (a, b) = two_instances(|_| {}).await;
    let form = a.open_form("/feedback/new").await;
    let sent = on(&b, &a)
        .send_form("/feedback", &form, THANKS_WITH_PHONE)
        .await;
    assert_eq!(sent.status(), 303, "B accepts A's form");
    let receipt = sent.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(a.get(&receipt).await.status(), 200, "A shows B's receipt");

    assert_eq!(a.sign_in(MODERATOR).await.status(), 303);
    assert_eq!(
        on(&b, &a).get("/staff/queue").await.status(),
        200,
        "B takes A's cookie"
    );
    assert_eq!(a.sign_out().await.status(), 303);
    assert_eq!(
        on(&b, &a).get("/staff/queue").await.status(),
        303,
        "and ends it with A"
    );
}

#[tokio::test]
async fn each_limit_counts_across_both_instances() {
    let (a, b) = two_instances(|s| s.submissions_per_minute = 4).await;
    let mut statuses = Vec::new();
    for i in 0..6 {
        let instance = if i % 2 == 0 { &a } else { &b };
        let form = instance.open_form("/feedback/new").await;
        let sent = instance
            .send_form("/feedback", &form, THANKS_WITH_PHONE)
            .await;
        statuses.push(sent.status().as_u16());
    }
    assert_eq!(statuses, [303, 303, 303, 303, 429, 429]);
}

async fn send_from(app: &TestApp, forwarded_for: &str) -> u16 {
    let form = app.open_form("/feedback/new").await;
    let mut fields = vec![
        ("csrf_token", form.csrf.as_str()),
        ("form_token", form.token.as_str()),
    ];
    fields.extend_from_slice(THANKS_WITH_PHONE);
    app.client
        .post(app.url("/feedback"))
        .header("x-forwarded-for", forwarded_for)
        .form(&fields)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_resident_has_a_limit_of_their_own() {
    let app = TestApp::builder()
        .with_demo_data()
        .with_settings(|s| {
            s.submissions_per_minute = 2;
            s.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
        })
        .spawn()
        .await;
    let first: Vec<u16> = [
        send_from(&app, "203.0.113.7").await,
        send_from(&app, "203.0.113.7").await,
        send_from(&app, "198.51.100.1, 203.0.113.7").await,
    ]
    .into();
    let other = send_from(&app, "203.0.113.8").await;

    assert_eq!(first, [303, 303, 429], "the resident's own address counts");
    assert_eq!(
        other, 303,
        "another resident behind the same proxy is not limited"
    );
}

#[tokio::test]
async fn forwarded_addresses_from_anyone_else_are_ignored() {
    let app = TestApp::builder()
        .with_demo_data()
        .with_settings(|s| s.submissions_per_minute = 2)
        .spawn()
        .await;
    let statuses = [
        send_from(&app, "203.0.113.1").await,
        send_from(&app, "203.0.113.2").await,
        send_from(&app, "203.0.113.3").await,
    ];
    assert_eq!(
        statuses,
        [303, 303, 429],
        "a spoofed address changes nothing"
    );
}

async fn login_page_headers(app: &TestApp) -> reqwest::header::HeaderMap {
    app.client
        .get(app.url("/staff/login?lang=kk"))
        .header("x-forwarded-proto", "https")
        .send()
        .await
        .unwrap()
        .headers()
        .clone()
}

#[tokio::test]
async fn https_at_a_trusted_proxy_makes_cookies_secure_and_sends_hsts() {
    let behind = TestApp::builder()
        .with_settings(|s| s.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()])
        .spawn()
        .await;
    let exposed = TestApp::spawn().await;

    let trusted = login_page_headers(&behind).await;
    let spoofed = login_page_headers(&exposed).await;

    let cookies: Vec<&str> = trusted
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    assert!(
        cookies.len() >= 2,
        "the session and the language: {cookies:?}"
    );
    assert!(
        cookies.iter().all(|c| c.contains("; Secure")),
        "{cookies:?}"
    );
    assert!(trusted.contains_key("strict-transport-security"));
    assert!(!spoofed.contains_key("strict-transport-security"));
    assert!(
        spoofed
            .get_all("set-cookie")
            .iter()
            .all(|c| !c.to_str().unwrap().contains("Secure"))
    );
}

#[tokio::test]
async fn metrics_count_requests_by_route_for_the_operator_only() {
    let app = TestApp::builder()
        .with_demo_data()
        .with_settings(|s| {
            s.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
            s.metrics_token = Some("a-metrics-token-for-the-scraper".into());
        })
        .spawn()
        .await;
    app.get("/posts/1").await;
    app.submit("/feedback", THANKS_WITH_PHONE).await;

    let local = app.get("/metrics").await;
    let through_proxy = app
        .client
        .get(app.url("/metrics"))
        .header("x-forwarded-for", "203.0.113.5")
        .send()
        .await
        .unwrap();
    let with_token = app
        .client
        .get(app.url("/metrics"))
        .header("x-forwarded-for", "203.0.113.5")
        .header("authorization", "Bearer a-metrics-token-for-the-scraper")
        .send()
        .await
        .unwrap();

    assert_eq!(local.status(), 200);
    let text = local.text().await.unwrap();
    let line = |prefix: &str| {
        text.lines()
            .find(|l| l.starts_with(prefix))
            .unwrap_or_else(|| panic!("{prefix} in {text}"))
            .to_string()
    };
    assert!(
        line("portal_http_requests_total{route=\"/posts/{id}\",status=\"200\"}").ends_with(" 1")
    );
    assert!(line("portal_submissions_accepted_total").ends_with(" 1"));
    assert!(line("portal_http_request_duration_seconds_count").len() > 10);
    assert!(
        !text.contains("/posts/1\""),
        "routes are patterns, never paths"
    );
    assert_eq!(
        through_proxy.status(),
        404,
        "a resident behind the proxy sees nothing"
    );
    assert_eq!(with_token.status(), 200);
    assert!(line("portal_db_pool_max_connections").ends_with(" 20"));
    assert!(line("portal_db_pool_saturated_total").ends_with(" 0"));
}

#[tokio::test]
async fn metrics_count_requests_that_found_the_pool_exhausted() {
    let app = TestApp::spawn().await;
    // The test holds every connection of the portal's own pool while a request begins.
    let max = app.serving.options().get_max_connections();
    let mut held = Vec::new();
    for _ in 0..max {
        held.push(app.serving.acquire().await.unwrap());
    }
    let waiting = tokio::spawn({
        let client = app.client.clone();
        let url = app.url("/posts/1");
        async move { client.get(url).send().await.unwrap().status() }
    });
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    drop(held);
    let status = waiting.await.unwrap();

    let text = app.get("/metrics").await.text().await.unwrap();
    assert_ne!(status, 500, "a wait is not an error");
    let saturated = text
        .lines()
        .find_map(|l| l.strip_prefix("portal_db_pool_saturated_total "))
        .unwrap_or_else(|| panic!("the counter in {text}"));
    assert_eq!(
        saturated, "1",
        "only the request that began while all were held"
    );
}
