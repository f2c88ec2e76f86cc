//! Staff sign in and moderate: access rules, sessions, throttling, the state machine over
//! HTTP, conflicts, the audit log, exports, and what residents then see.

use std::time::Duration;

use scraper::Html;

use crate::helpers::{ADMIN, MODERATOR, THANKS_WITH_PHONE, TestApp, attrs, text, texts};

async fn staff_app() -> TestApp {
    TestApp::builder()
        .with_demo_data()
        .with_staff()
        .spawn()
        .await
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
async fn every_staff_route_refuses_anonymous_visitors_and_admin_routes_refuse_moderators() {
    let app = staff_app().await;
    let (id, _) = app.submit("/feedback", THANKS_WITH_PHONE).await;
    let pages = [
        "/staff".to_string(),
        "/staff/queue".into(),
        "/staff/queue.csv".into(),
        format!("/staff/submissions/{id}"),
        "/staff/audit".into(),
        "/staff/audit.csv".into(),
        "/staff/password".into(),
    ];
    for page in &pages {
        let r = app.get(page).await;
        assert_eq!(r.status(), 303, "{page}");
        assert_eq!(r.headers()["location"], "/staff/login", "{page}");
    }
    let anonymous_action = app
        .client
        .post(app.url(&format!("/staff/submissions/{id}/take")))
        .form(&[("version", "1")])
        .send()
        .await
        .unwrap();
    assert!(matches!(anonymous_action.status().as_u16(), 303 | 403));

    assert_eq!(app.sign_in(MODERATOR).await.status(), 303);
    for page in ["/staff", "/staff/queue", "/staff/password"] {
        assert_eq!(app.get(page).await.status(), 200, "{page}");
    }
    assert_eq!(
        app.get(&format!("/staff/submissions/{id}")).await.status(),
        200
    );
    for page in ["/staff/audit", "/staff/audit.csv", "/staff/queue.csv"] {
        assert_eq!(app.get(page).await.status(), 403, "a moderator on {page}");
    }
    let status: String = sqlx::query_scalar("SELECT status::text FROM submissions")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(status, "new", "nothing changed");
}

#[tokio::test]
async fn a_failed_sign_in_never_says_which_field_was_wrong_and_is_throttled() {
    let app = staff_app().await;

    let wrong_email = app.sign_in(("nobody@police.kz", MODERATOR.1)).await;
    let wrong_password = app.sign_in((MODERATOR.0, "not-the-password")).await;

    assert_eq!(wrong_email.status(), 401);
    assert_eq!(wrong_password.status(), 401);
    let a = Html::parse_document(&wrong_email.text().await.unwrap());
    let b = Html::parse_document(&wrong_password.text().await.unwrap());
    assert_eq!(texts(&a, ".error-summary p"), texts(&b, ".error-summary p"));
    assert_eq!(
        texts(&a, ".error-summary p"),
        ["The e-mail or the password is not right."]
    );

    let mut statuses = Vec::new();
    for _ in 0..5 {
        statuses.push(
            app.sign_in((MODERATOR.0, "still-wrong"))
                .await
                .status()
                .as_u16(),
        );
    }
    assert_eq!(statuses.last(), Some(&429), "{statuses:?}");
    let right_but_throttled = app.sign_in(MODERATOR).await;
    assert_eq!(right_but_throttled.status(), 429);
    let failures: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'sign_in_failed'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert!(failures >= 5, "failed sign-ins are audited: {failures}");
}

#[tokio::test]
async fn an_idle_session_expires() {
    let app = TestApp::builder()
        .with_staff()
        .with_settings(|s| s.staff_idle_timeout = Duration::from_secs(1))
        .spawn()
        .await;

    assert_eq!(app.sign_in(MODERATOR).await.status(), 303);
    assert_eq!(app.get("/staff").await.status(), 200);
    tokio::time::sleep(Duration::from_millis(2100)).await;

    let after = app.get("/staff").await;
    assert_eq!(after.status(), 303);
    assert_eq!(after.headers()["location"], "/staff/login");
}

#[tokio::test]
async fn a_session_ends_at_its_absolute_lifetime_however_active() {
    let app = TestApp::builder()
        .with_staff()
        .with_settings(|s| s.staff_session_lifetime = Duration::from_secs(2))
        .spawn()
        .await;

    assert_eq!(app.sign_in(MODERATOR).await.status(), 303);
    let mut statuses = Vec::new();
    for _ in 0..6 {
        statuses.push(app.get("/staff").await.status().as_u16());
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    assert_eq!(statuses.first(), Some(&200));
    assert_eq!(statuses.last(), Some(&303), "{statuses:?}");
}

#[tokio::test]
async fn changing_the_password_ends_the_other_sessions() {
    let app = staff_app().await;
    let other = app.another_client();
    assert_eq!(app.sign_in(MODERATOR).await.status(), 303);
    assert_eq!(other.sign_in(MODERATOR).await.status(), 303);

    let html = app.page("/staff/password", 200).await;
    let csrf = attrs(&html, "input[name=csrf_token]", "value").remove(0);
    let changed = app
        .client
        .post(app.url("/staff/password?lang=en"))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("current", MODERATOR.1),
            ("new", "a-brand-new-password"),
            ("repeat", "a-brand-new-password"),
        ])
        .send()
        .await
        .unwrap();

    assert_eq!(changed.status(), 200);
    assert_eq!(app.get("/staff").await.status(), 200, "this session stays");
    assert_eq!(
        other.get("/staff").await.status(),
        303,
        "the other session ended"
    );
    assert_eq!(
        other
            .sign_in(("moderator@police.kz", "a-brand-new-password"))
            .await
            .status(),
        303
    );
}

#[tokio::test]
async fn a_thanks_is_taken_redacted_published_and_shown_publicly_without_contact_data() {
    let app = staff_app().await;
    let (id, _) = app.submit("/feedback", THANKS_WITH_PHONE).await;
    app.sign_in(MODERATOR).await;

    assert_eq!(app.act(id, "take", &[]).await.status(), 303);
    let detail = app
        .page(&format!("/staff/submissions/{id}?lang=en"), 200)
        .await;
    assert_eq!(
        text(&detail, "#contact-phone"),
        "+7 701 555 12 34",
        "staff see the contact, written as the public pages write phones"
    );
    assert_eq!(
        attrs(&detail, "#contact-phone a", "href"),
        ["tel:+77015551234"]
    );
    let redacted = "Thank you, the inspector found my bag. Call me at [phone removed].";
    assert_eq!(
        app.act(id, "publish", &[("text", redacted)]).await.status(),
        303
    );

    let public = app.page("/inspectors/1?lang=en", 200).await;
    assert_eq!(texts(&public, ".thanks-list .public-text"), [redacted]);
    let page = public.root_element().text().collect::<String>();
    assert!(!page.contains("555 12 34") && !page.contains("Aigerim"));
    let original: String = sqlx::query_scalar("SELECT body FROM submissions WHERE id = $1")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(
        original.contains("+7 701 555 12 34"),
        "the original is kept"
    );
}

#[tokio::test]
async fn a_request_is_answered_extended_or_rejected_and_the_resident_sees_it() {
    let app = staff_app().await;
    app.sign_in(MODERATOR).await;

    let (answered, answered_link) = app.submit("/requests", REQUEST).await;
    app.act(answered, "take", &[]).await;
    let answer = "The district inspector visited the address and warned the neighbours.";
    assert_eq!(
        app.act(answered, "answer", &[("text", answer)])
            .await
            .status(),
        303
    );
    let tracking = app.page(&format!("{answered_link}&lang=en"), 200).await;
    assert_eq!(text(&tracking, "#answer"), answer);
    assert_eq!(text(&tracking, "#receipt-status"), "Answered");

    let (extended, extended_link) = app.submit("/requests", REQUEST).await;
    app.act(extended, "take", &[]).await;
    let before: chrono::NaiveDate =
        sqlx::query_scalar("SELECT due_on FROM submissions WHERE id = $1")
            .bind(extended)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        app.act(
            extended,
            "extend",
            &[("days", "5"), ("reason", "An expert opinion is needed.")]
        )
        .await
        .status(),
        303
    );
    let after: chrono::NaiveDate =
        sqlx::query_scalar("SELECT due_on FROM submissions WHERE id = $1")
            .bind(extended)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert!(after > before + chrono::Duration::days(5));
    let tracking = app.page(&format!("{extended_link}&lang=en"), 200).await;
    assert!(text(&tracking, "#extension").contains("An expert opinion is needed."));

    let (rejected, rejected_link) = app.submit("/requests", REQUEST).await;
    app.act(rejected, "take", &[]).await;
    let empty = app.act(rejected, "reject", &[("reason_code", "")]).await;
    assert_eq!(empty.status(), 422, "a reason is required");
    let html = Html::parse_document(&empty.text().await.unwrap());
    assert_eq!(
        texts(&html, ".error-summary a"),
        ["Choose a reason for the rejection."]
    );
    assert_eq!(
        app.act(
            rejected,
            "reject",
            &[("reason_code", "not_police_business")]
        )
        .await
        .status(),
        303
    );
    let tracking = app.page(&format!("{rejected_link}&lang=en"), 200).await;
    assert!(text(&tracking, "#rejection").ends_with("not a police matter"));
}

#[tokio::test]
async fn refused_transitions_unknown_ids_and_forged_tokens_change_nothing() {
    let app = staff_app().await;
    let (id, _) = app.submit("/feedback", THANKS_WITH_PHONE).await;
    app.sign_in(MODERATOR).await;

    let publish_new = app.act(id, "publish", &[("text", "x")]).await;
    assert_eq!(
        publish_new.status(),
        409,
        "a new submission must be taken first"
    );
    assert_eq!(app.act(id, "fly", &[]).await.status(), 404);
    assert_eq!(app.get("/staff/submissions/999999").await.status(), 404);
    assert_eq!(app.get("/staff/submissions/abc").await.status(), 404);
    let forged = app
        .client
        .post(app.url(&format!("/staff/submissions/{id}/take")))
        .form(&[("csrf_token", "forged"), ("version", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    app.act(id, "take", &[]).await;
    app.act(id, "reject", &[("reason_code", "spam")]).await;
    app.act(id, "close", &[]).await;
    let reopen = app
        .act(id, "reopen", &[("reason", "Closed by mistake")])
        .await;
    assert_eq!(reopen.status(), 403, "only an admin reopens");

    let admin = app.another_client();
    admin.sign_in(ADMIN).await;
    assert_eq!(
        admin.act(id, "reopen", &[("reason", "")]).await.status(),
        422
    );
    assert_eq!(
        admin
            .act(id, "reopen", &[("reason", "Closed by mistake")])
            .await
            .status(),
        303
    );
    let (status, version): (String, i32) =
        sqlx::query_as("SELECT status::text, version FROM submissions WHERE id = $1")
            .bind(id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!((status.as_str(), version), ("in_review", 5));
}

#[tokio::test]
async fn two_moderators_acting_at_once_get_a_conflict_and_nothing_is_overwritten() {
    let app = staff_app().await;
    let (id, _) = app.submit("/feedback", THANKS_WITH_PHONE).await;
    let second = app.another_client();
    app.sign_in(MODERATOR).await;
    second.sign_in(ADMIN).await;
    app.act(id, "take", &[]).await;
    // Both read version 2.
    let stale = second.page(&format!("/staff/submissions/{id}"), 200).await;
    let csrf = attrs(&stale, "input[name=csrf_token]", "value").remove(0);
    let version = attrs(&stale, "input[name=version]", "value").remove(0);

    assert_eq!(
        app.act(id, "publish", &[("text", "First moderator's text")])
            .await
            .status(),
        303
    );
    let late = second
        .client
        .post(second.url(&format!("/staff/submissions/{id}/publish?lang=en")))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("version", version.as_str()),
            ("text", "Second moderator's careful text"),
        ])
        .send()
        .await
        .unwrap();

    // The conflict page is the submission as it is now, with the late text kept.
    assert_eq!(late.status(), 409);
    let html = Html::parse_document(&late.text().await.unwrap());
    assert!(text(&html, ".error-summary").contains("Someone else acted on this submission"));
    assert_eq!(text(&html, "#kept-text"), "Second moderator's careful text");
    assert_eq!(text(&html, "#status"), "Published");
    assert!(
        texts(&html, "#public-text")
            .concat()
            .contains("First moderator's text")
    );
    let (status, public): (String, String) =
        sqlx::query_as("SELECT status::text, public_text FROM submissions WHERE id = $1")
            .bind(id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        (status.as_str(), public.as_str()),
        ("published", "First moderator's text")
    );
}

#[tokio::test]
async fn the_audit_log_records_actions_and_refuses_update_delete_and_truncate() {
    let app = staff_app().await;
    let (id, _) = app.submit("/feedback", THANKS_WITH_PHONE).await;
    app.sign_in(ADMIN).await;
    app.act(id, "take", &[]).await;

    let html = app.page("/staff/audit?lang=en", 200).await;
    let actions = texts(&html, "#audit-log tbody td:nth-child(3)");
    assert_eq!(actions, ["Taken into review", "Signed in"], "in words");
    let html = app.page("/staff/audit?lang=kk", 200).await;
    let actions = texts(&html, "#audit-log tbody td:nth-child(3)");
    assert_eq!(
        actions,
        ["Жұмысқа алынды", "Кірді"],
        "in the user's language"
    );
    // The filter offers actions by name and filters by the code.
    let html = app.page("/staff/audit?action=take&lang=en", 200).await;
    let chosen = texts(&html, "#action option[selected]");
    assert_eq!(chosen, ["Taken into review"]);
    assert_eq!(texts(&html, "#audit-log tbody tr").len(), 1);
    let csv = app.get("/staff/audit.csv").await;
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    let body = csv.text().await.unwrap();
    assert!(body.starts_with("at,staff,action,tracking_number,from,to,reason,client"));
    assert!(body.contains(",take,ATR-"));

    for statement in [
        "UPDATE audit_log SET action = 'nothing'",
        "DELETE FROM audit_log",
        "TRUNCATE audit_log",
    ] {
        let err = sqlx::query(statement).execute(&app.pool).await.unwrap_err();
        assert!(
            err.to_string().contains("append-only"),
            "{statement}: {err}"
        );
    }
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(count >= 2);
}

#[tokio::test]
async fn the_queue_filters_and_pages_by_due_date_and_admins_export_it() {
    let app = TestApp::builder()
        .with_demo_data()
        .with_staff()
        .with_settings(|s| s.submissions_per_minute = 1000)
        .spawn()
        .await;
    for i in 0..60 {
        let fields: &[(&str, &str)] = if i % 3 == 0 {
            REQUEST
        } else {
            THANKS_WITH_PHONE
        };
        let path = if i % 3 == 0 { "/requests" } else { "/feedback" };
        app.submit(path, fields).await;
    }
    app.sign_in(ADMIN).await;

    let first = app.page("/staff/queue?view=all", 200).await;
    let next = attrs(&first, ".pager a[rel=next]", "href").remove(0);
    let second = app.page(&next, 200).await;
    let requests = app
        .page("/staff/queue?kind=request&view=all&lang=en", 200)
        .await;
    let search = app.page("/staff/queue?q=midnight&view=all", 200).await;

    let mut numbers = texts(&first, "#queue tbody td.number");
    numbers.extend(texts(&second, "#queue tbody td.number"));
    assert_eq!(numbers.len(), 60);
    let unique: std::collections::HashSet<_> = numbers.iter().collect();
    assert_eq!(unique.len(), 60, "no row on two pages");
    assert_eq!(texts(&requests, "#queue tbody tr").len(), 20);
    assert!(
        texts(&requests, "#queue tbody td:nth-child(3)")
            .iter()
            .all(|k| k == "Request")
    );
    assert_eq!(texts(&search, "#queue tbody tr").len(), 20);
    app.page("/staff/queue?kind=cake", 400).await;
    app.page("/staff/queue?after=yesterday", 400).await;

    let csv = app
        .get("/staff/queue.csv?kind=request")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(csv.lines().count(), 21);
    assert!(
        !csv.contains("serik@example.kz"),
        "exports carry no contact details"
    );
}

#[tokio::test]
async fn the_dashboard_counts_by_status_and_deadline() {
    let app = staff_app().await;
    let (id, _) = app.submit("/requests", REQUEST).await;
    app.submit("/feedback", THANKS_WITH_PHONE).await;
    sqlx::query("UPDATE submissions SET due_on = current_date - 3 WHERE id = $1")
        .bind(id)
        .execute(&app.pool)
        .await
        .unwrap();
    app.sign_in(MODERATOR).await;

    let html = app.page("/staff?lang=en", 200).await;

    assert_eq!(text(&html, "#overdue"), "1");
    let rows = texts(&html, "#counts tbody tr");
    assert_eq!(rows, ["Received Thanks 1", "Received Request 1"]);
    assert_eq!(text(&html, "#median"), "no answers yet");

    // Answered six minutes after it came: minutes, not "0.1 h".
    sqlx::query(
        "UPDATE submissions SET first_answer_at = received_at + interval '6 minutes' \
         WHERE id = $1",
    )
    .bind(id)
    .execute(&app.pool)
    .await
    .unwrap();
    let html = app.page("/staff?lang=ru", 200).await;
    assert_eq!(text(&html, "#median"), "6 мин");
}
