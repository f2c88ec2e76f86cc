//! Case work: assignment and "my items", reassigning with a reason, internal notes that never
//! reach the resident or the public, the resident's language, the next item, the forwarding
//! limit and each person's load on the dashboard.

use scraper::Html;

use crate::helpers::{ADMIN, MODERATOR, TestApp, attrs, form_fields, text, texts, with_values};
use crate::notify::{REQUEST_WITH_EMAIL, SmtpSink, decoded, eventually, free_port};

async fn named_staff(app: &TestApp) {
    for (email, name) in [(MODERATOR.0, "Dana Moderator"), (ADMIN.0, "Arman Admin")] {
        sqlx::query("UPDATE staff SET name = $2 WHERE email = $1")
            .bind(email)
            .bind(name)
            .execute(&app.pool)
            .await
            .unwrap();
    }
}

async fn numbers(app: &TestApp, path: &str) -> Vec<String> {
    texts(&app.page(path, 200).await, "#queue tbody td.number")
}

async fn number(app: &TestApp, id: i64) -> String {
    sqlx::query_scalar("SELECT tracking_number FROM submissions WHERE id = $1")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

/// Posts a case form (assign, note) of the submission page as it was rendered.
async fn post_form(
    app: &TestApp,
    id: i64,
    form: &str,
    changes: &[(&str, &str)],
) -> reqwest::Response {
    let page = app
        .page(&format!("/staff/submissions/{id}?lang=en"), 200)
        .await;
    let action = attrs(&page, form, "action").remove(0);
    let fields = with_values(&form_fields(&page, form), changes);
    app.client
        .post(app.url(&format!("{action}?lang=en")))
        .form(&fields)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn my_items_come_first_and_reassigning_someone_elses_needs_a_reason() {
    let app = TestApp::builder()
        .with_demo_data()
        .with_staff()
        .with_settings(|s| s.submissions_per_minute = 100)
        .spawn()
        .await;
    named_staff(&app).await;
    let (a, _) = app.submit("/requests", REQUEST_WITH_EMAIL).await;
    let (b, _) = app.submit("/requests", REQUEST_WITH_EMAIL).await;
    let (na, nb) = (number(&app, a).await, number(&app, b).await);
    let moderator = app.another_client();
    assert_eq!(moderator.sign_in(MODERATOR).await.status(), 303);
    assert_eq!(moderator.act(a, "take", &[]).await.status(), 303);

    // The default view is the person's own items.
    assert_eq!(
        numbers(&moderator, "/staff/queue?lang=en").await,
        std::slice::from_ref(&na)
    );
    assert_eq!(
        numbers(&moderator, "/staff/queue?view=unassigned&lang=en").await,
        std::slice::from_ref(&nb)
    );
    assert_eq!(
        numbers(&moderator, "/staff/queue?view=all&lang=en")
            .await
            .len(),
        2
    );
    let all = moderator.page("/staff/queue?view=all&lang=en", 200).await;
    assert!(texts(&all, "#queue td.assignee").contains(&"Dana Moderator".to_string()));
    assert_eq!(texts(&all, "#views a[aria-current=page]"), ["All"]);
    // Filters by inspector and post name, not by id.
    assert!(
        !texts(&all, "#inspector option")
            .iter()
            .any(|o| o.parse::<i64>().is_ok())
    );
    assert!(texts(&all, "#inspector option").len() > 2);

    // Assigning an unassigned item needs no reason.
    let admin = app.another_client();
    assert_eq!(admin.sign_in(ADMIN).await.status(), 303);
    let admin_id: i64 = sqlx::query_scalar("SELECT id FROM staff WHERE email = $1")
        .bind(ADMIN.0)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let to_admin = admin_id.to_string();
    let done = post_form(&admin, b, "#assign-form", &[("staff_id", &to_admin)]).await;
    assert_eq!(done.status(), 303);
    // Taking the moderator's item needs one; the form comes back with the message.
    let refused = post_form(&admin, a, "#assign-form", &[("staff_id", &to_admin)]).await;
    assert_eq!(refused.status(), 422);
    let html = Html::parse_document(&refused.text().await.unwrap());
    assert!(text(&html, ".error-summary").contains("Say why"));
    let done = post_form(
        &admin,
        a,
        "#assign-form",
        &[("staff_id", &to_admin), ("reason", "Dana is on leave")],
    )
    .await;
    assert_eq!(done.status(), 303);
    let reasons: Vec<String> =
        sqlx::query_scalar("SELECT reason FROM audit_log WHERE action = 'assigned' ORDER BY id")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(reasons, ["Arman Admin", "Arman Admin: Dana is on leave"]);
    assert!(numbers(&moderator, "/staff/queue?lang=en").await.is_empty());
    let mine = moderator.page("/staff/queue?lang=en", 200).await;
    assert!(!text(&mine, "#queue-empty").is_empty());
    let mut admins = numbers(&admin, "/staff/queue?lang=en").await;
    admins.sort();
    let mut both = vec![na, nb];
    both.sort();
    assert_eq!(admins, both);

    // The next item of the admin's queue, and each person's load on the dashboard.
    let page = admin
        .page(&format!("/staff/submissions/{a}?lang=en"), 200)
        .await;
    assert_eq!(
        attrs(&page, "#next-item", "href"),
        [format!("/staff/submissions/{b}")]
    );
    assert_eq!(text(&page, "#assignee"), "Arman Admin");
    let dashboard = admin.page("/staff?lang=en", 200).await;
    let people = texts(&dashboard, "#people tbody tr");
    assert!(
        people.iter().any(|r| r.starts_with("Arman Admin 2")),
        "{people:?}"
    );
    assert!(
        people.iter().any(|r| r.starts_with("Dana Moderator 0")),
        "{people:?}"
    );
}

#[tokio::test]
async fn an_internal_note_stays_on_staff_pages_and_the_residents_language_is_shown() {
    let port = free_port();
    let sink = SmtpSink::start(port);
    let app = TestApp::builder()
        .with_demo_data()
        .with_staff()
        .with_settings(move |s| s.notify.smtp_url = Some(format!("smtp://127.0.0.1:{port}")))
        .spawn()
        .await;
    let (id, tracking) = app.submit("/requests", REQUEST_WITH_EMAIL).await;
    sqlx::query("UPDATE submissions SET lang = 'kk' WHERE id = $1")
        .bind(id)
        .execute(&app.pool)
        .await
        .unwrap();
    let moderator = app.another_client();
    assert_eq!(moderator.sign_in(MODERATOR).await.status(), 303);
    let page = moderator
        .page(&format!("/staff/submissions/{id}?lang=en"), 200)
        .await;
    assert_eq!(text(&page, "#resident-lang"), "Kazakh");
    let empty = post_form(&moderator, id, "#note-form", &[("note", "  ")]).await;
    assert_eq!(empty.status(), 422);
    let note = "Neighbour in flat 14 called twice, Serik's brother";
    let added = post_form(&moderator, id, "#note-form", &[("note", note)]).await;
    assert_eq!(added.status(), 303);
    let page = moderator
        .page(&format!("/staff/submissions/{id}?lang=en"), 200)
        .await;
    assert!(texts(&page, "#note-list li").concat().contains(note));
    let audited: (i64, String) = sqlx::query_as(
        "SELECT count(*), coalesce(max(reason), '') FROM audit_log WHERE action = 'note_added'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(audited, (1, String::new()), "audited, without its words");

    assert_eq!(moderator.act(id, "take", &[]).await.status(), 303);
    let answer = "A patrol will come tonight.";
    assert_eq!(
        moderator
            .act(id, "answer", &[("text", answer)])
            .await
            .status(),
        303
    );
    eventually("the answer by e-mail", || {
        sink.mails().iter().any(|m| decoded(m).contains(answer))
    })
    .await;
    for mail in sink.mails() {
        assert!(!decoded(&mail).contains("flat 14"), "a note in a message");
    }
    let public = app.another_client().page(&tracking, 200).await;
    assert!(
        !public.html().contains("flat 14"),
        "a note on the tracking page"
    );
    let open311 = app
        .another_client()
        .get(&format!(
            "/open311/v2/requests/{}.json",
            number(&app, id).await
        ))
        .await
        .text()
        .await
        .unwrap();
    assert!(!open311.contains("flat 14"));
}

#[tokio::test]
async fn appeals_near_their_forwarding_limit_are_on_the_dashboard() {
    let app = TestApp::builder()
        .with_demo_data()
        .with_staff()
        .with_settings(|s| s.submissions_per_minute = 100)
        .spawn()
        .await;
    let (old, _) = app.submit("/requests", REQUEST_WITH_EMAIL).await;
    let (fresh, _) = app.submit("/requests", REQUEST_WITH_EMAIL).await;
    sqlx::query("UPDATE submissions SET registered_on = current_date - 10 WHERE id = $1")
        .bind(old)
        .execute(&app.pool)
        .await
        .unwrap();
    app.sign_in(MODERATOR).await;
    let dashboard = app.page("/staff?lang=en", 200).await;
    let listed = texts(&dashboard, "#forwarding li");
    let (old_n, fresh_n) = (number(&app, old).await, number(&app, fresh).await);
    assert!(
        listed
            .iter()
            .any(|l| l.starts_with(&old_n) && l.contains("passed")),
        "{listed:?}"
    );
    assert!(
        !listed.iter().any(|l| l.starts_with(&fresh_n)),
        "{listed:?}"
    );
    // Forwarded, it leaves the list.
    app.act(old, "take", &[]).await;
    let done = app
        .act(old, "forward", &[("forwarded_to", "Akimat of Atyrau")])
        .await;
    assert_eq!(done.status(), 303);
    let dashboard = app.page("/staff?lang=en", 200).await;
    assert!(
        !texts(&dashboard, "#forwarding li")
            .iter()
            .any(|l| l.starts_with(&old_n))
    );
}
