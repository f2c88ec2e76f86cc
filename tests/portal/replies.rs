//! What the resident is told after the receipt, and what they answer back: the answer itself
//! in the e-mail (text and HTML), the questionnaire whose "not resolved" reopens the appeal,
//! stopping the messages the law does not require, the statutory clock on the dashboard, and
//! the staff's daily digest. Over a real SMTP server (aiosmtpd) and real HTTP.

use std::time::Duration;

use police_portal::notify::Notifier;
use police_portal::web::security::Secrets;

use crate::helpers::{self, ADMIN, MODERATOR, TEST_SECRET, TestApp, attrs, text, texts};
use crate::notify::{
    REQUEST_WITH_EMAIL, REQUEST_WITH_PHONE, SmtpSink, decoded, eventually, files_in, free_port,
    fresh_dir, sms_gateway,
};

const ANSWER: &str = "The inspector spoke to the neighbours; <music> stops at 23:00 & later.";

/// The mail whose decoded text contains `needle`.
fn mail_with(sink: &SmtpSink, needle: &str) -> String {
    sink.mails()
        .into_iter()
        .map(|m| decoded(&m))
        .find(|m| m.contains(needle))
        .unwrap_or_else(|| panic!("no mail contains {needle:?}"))
}

/// The path of the first link in `text` that starts with `prefix` (after the site).
fn path_in(text: &str, prefix: &str) -> String {
    let start = text
        .find(prefix)
        .unwrap_or_else(|| panic!("{prefix} in {text}"));
    let rest = &text[start..];
    let end = rest
        .find(|c: char| c.is_whitespace() || c == '"' || c == '<')
        .unwrap_or(rest.len());
    rest[..end].replace("&amp;", "&")
}

/// The path of the link in `text` that contains `needle`.
fn link_around(text: &str, needle: &str) -> String {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} in {text}"));
    let start = text[..at].rfind("/track/").expect("a portal link");
    path_in(&text[start..], "/track/")
}

async fn one<T>(pool: &sqlx::PgPool, sql: &'static str, id: i64) -> T
where
    T: for<'r> sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres> + Send + Unpin,
{
    sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_answer_comes_by_email_and_not_resolved_reopens_the_appeal() {
    let port = free_port();
    let sink = SmtpSink::start(port);
    let app = TestApp::builder()
        .with_demo_data()
        .with_staff()
        .with_settings(move |s| {
            s.notify.smtp_url = Some(format!("smtp://127.0.0.1:{port}"));
            s.notify.survey_after = Duration::ZERO;
        })
        .spawn()
        .await;
    let resident = app.another_client();
    let form = resident.open_form("/requests/new?lang=en").await;
    let sent = resident
        .send_and_confirm("/requests?lang=en", &form, REQUEST_WITH_EMAIL)
        .await;
    assert_eq!(sent.status(), 303);
    let id: i64 = sqlx::query_scalar("SELECT id FROM submissions WHERE email IS NOT NULL")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let number: String = one(
        &app.pool,
        "SELECT tracking_number FROM submissions WHERE id = $1",
        id,
    )
    .await;
    app.sign_in(MODERATOR).await;
    assert_eq!(app.act(id, "take", &[]).await.status(), 303);
    assert_eq!(
        app.act(id, "answer", &[("text", ANSWER)]).await.status(),
        303
    );
    // Receipt, taken, answer, and the questionnaire.
    eventually("four messages", || sink.mails().len() == 4).await;

    let answer = mail_with(&sink, "have answered");
    assert!(answer.contains(&number), "{answer}");
    assert!(
        answer.contains(ANSWER),
        "the answer itself, as text: {answer}"
    );
    assert!(answer.contains("Content-Type: text/html"), "{answer}");
    assert!(
        answer.contains("&lt;music&gt; stops at 23:00 &amp; later."),
        "and escaped in the HTML part: {answer}"
    );
    assert!(
        answer.contains("/quiet?t="),
        "a link to stop messages: {answer}"
    );

    let survey = mail_with(&sink, "Was the matter resolved?");
    let not_resolved = path_in(&survey, &format!("/track/{number}/survey/"));
    let not_resolved = not_resolved.replace("answer=resolved", "answer=not_resolved");
    assert!(
        not_resolved.contains("lang=en"),
        "in the resident's language: {not_resolved}"
    );
    // A forged token is not found, and records nothing.
    let forged = not_resolved.replace("?t=", "?t=x");
    assert_eq!(app.another_client().get(&forged).await.status(), 404);

    let page = app.another_client().page(&not_resolved, 200).await;
    assert!(
        text(&page, "#survey-recorded").contains("Not resolved"),
        "{not_resolved}: {}",
        page.html()
    );
    assert_eq!(texts(&page, "#survey-reopened").len(), 1);
    let status: String = one(
        &app.pool,
        "SELECT status::text FROM submissions WHERE id = $1",
        id,
    )
    .await;
    assert_eq!(status, "in_review", "back in the queue");
    let audited: i64 = one(
        &app.pool,
        "SELECT count(*) FROM audit_log WHERE submission_id = $1 AND action = 'resident_reopened'",
        id,
    )
    .await;
    assert_eq!(audited, 1);
    // The history keeps the answer and shows the reopening after it.
    let history: Vec<String> = sqlx::query_scalar(
        "SELECT status::text FROM submission_history WHERE submission_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(history.last().map(String::as_str), Some("in_review"));
    assert!(history.iter().any(|s| s == "answered"), "{history:?}");

    // The same link again: recorded, and not reopened twice.
    let again = app.another_client().page(&not_resolved, 200).await;
    assert!(texts(&again, "#survey-reopened").is_empty());
    // A comment from the form: staff see it, the public tracking page does not.
    let fields = helpers::form_fields(&again, "#survey-form");
    let fields = helpers::with_values(
        &fields,
        &[
            ("answer", "partly"),
            ("comment", "Quieter now, but not every night."),
        ],
    );
    let action = attrs(&again, "#survey-form", "action").remove(0);
    let posted = app
        .another_client()
        .client
        .post(app.url(&action))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), 200);
    let (answer, comment): (String, String) =
        sqlx::query_as("SELECT answer, comment FROM satisfaction WHERE submission_id = $1")
            .bind(id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        (answer.as_str(), comment.as_str()),
        ("partly", "Quieter now, but not every night.")
    );
    let key_link = helpers::attrs(&again, "#track-link", "href").remove(0);
    let tracking = app
        .another_client()
        .get(&key_link)
        .await
        .text()
        .await
        .unwrap();
    assert!(
        !tracking.contains("Quieter now"),
        "the comment is for staff only"
    );
    let staff_page = app
        .page(&format!("/staff/submissions/{id}?lang=en"), 200)
        .await;
    assert!(text(&staff_page, "#survey").contains("Quieter now"));
    let dashboard = app.page("/staff?lang=en", 200).await;
    let rows = texts(&dashboard, "#satisfaction tbody tr");
    assert!(
        rows.iter()
            .any(|r| r.contains("Partly resolved") && r.contains('1')),
        "{rows:?}"
    );
    // The reopening told the resident too.
    eventually("the reopening notice", || sink.mails().len() == 5).await;
}

#[tokio::test]
async fn a_resident_who_stops_messages_still_gets_the_statutory_ones() {
    let data = fresh_dir("quiet");
    let dir = data.clone();
    let app = TestApp::builder()
        .with_demo_data()
        .with_staff()
        .with_settings(move |s| s.data_dir = dir)
        .spawn()
        .await;
    let (id, _) = app.submit("/requests", REQUEST_WITH_EMAIL).await;
    let outbox = data.join("outbox");
    eventually("the receipt file", || !files_in(&outbox).is_empty()).await;
    let receipt = decoded(&files_in(&outbox).remove(0));
    let quiet = link_around(&receipt, "/quiet?t=");
    assert_eq!(
        app.another_client()
            .get(&quiet.replace("?t=", "?t=0"))
            .await
            .status(),
        404,
        "a forged link"
    );
    let page = app.another_client().page(&quiet, 200).await;
    let fields = helpers::form_fields(&page, "#quiet-form");
    let action = attrs(&page, "#quiet-form", "action").remove(0);
    let stopped = app
        .another_client()
        .client
        .post(app.url(&action))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(stopped.status(), 200);
    let done = scraper::Html::parse_document(&stopped.text().await.unwrap());
    assert_eq!(texts(&done, "#quiet-done").len(), 1);

    app.sign_in(MODERATOR).await;
    assert_eq!(app.act(id, "take", &[]).await.status(), 303);
    let extended = app
        .act(
            id,
            "extend",
            &[("days", "5"), ("reason", "An expert's opinion is needed.")],
        )
        .await;
    assert_eq!(extended.status(), 303);
    eventually("the extension notice", || files_in(&outbox).len() == 2).await;
    let events: Vec<String> =
        sqlx::query_scalar("SELECT event FROM outbox WHERE submission_id = $1 ORDER BY id")
            .bind(id)
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        events,
        ["received", "extended"],
        "taking it is not sent any more"
    );
    let notice = files_in(&outbox)
        .into_iter()
        .map(|m| decoded(&m))
        .find(|m| m.contains("expert"))
        .expect("the extension notice");
    assert!(
        !notice.contains("/quiet?t="),
        "no stop link once stopped: {notice}"
    );
}

#[tokio::test]
async fn a_statutory_notice_unsent_for_two_working_days_is_urgent_on_the_dashboard() {
    // Nothing listens on this port: the notice stays unsent.
    let port = free_port();
    let app = TestApp::builder()
        .with_demo_data()
        .with_staff()
        .with_settings(move |s| {
            s.notify.smtp_url = Some(format!("smtp://127.0.0.1:{port}"));
            s.notify.backoff = Duration::from_secs(3600);
        })
        .spawn()
        .await;
    let (id, _) = app.submit("/requests", REQUEST_WITH_EMAIL).await;
    let number: String = one(
        &app.pool,
        "SELECT tracking_number FROM submissions WHERE id = $1",
        id,
    )
    .await;
    app.sign_in(MODERATOR).await;
    assert_eq!(app.act(id, "take", &[]).await.status(), 303);
    let extended = app
        .act(
            id,
            "extend",
            &[("days", "5"), ("reason", "An expert's opinion is needed.")],
        )
        .await;
    assert_eq!(extended.status(), 303);
    let fresh = app.page("/staff?lang=en", 200).await;
    assert!(
        texts(&fresh, "#notices").is_empty(),
        "not urgent on the day"
    );

    // Ten days on (at least six working days, whatever the calendar): past the limit.
    sqlx::query(
        "UPDATE outbox SET created_at = created_at - interval '10 days' WHERE event = 'extended'",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    let later = app.page("/staff?lang=en", 200).await;
    let lines = texts(&later, "#notices li");
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].contains(&number) && lines[0].contains("extension notice"),
        "{lines:?}"
    );
    assert!(lines[0].contains("has passed"), "{lines:?}");
    // Once it is sent, it leaves the list.
    sqlx::query("UPDATE outbox SET status = 'sent', sent_at = now() WHERE event = 'extended'")
        .execute(&app.pool)
        .await
        .unwrap();
    let sent = app.page("/staff?lang=en", 200).await;
    assert!(texts(&sent, "#notices").is_empty());
}

#[tokio::test]
async fn the_daily_digest_goes_to_each_staff_member_who_wants_it_once_a_day() {
    let port = free_port();
    let sink = SmtpSink::start(port);
    let app = TestApp::builder()
        .with_demo_data()
        .with_staff()
        .with_settings(move |s| {
            s.notify.smtp_url = Some(format!("smtp://127.0.0.1:{port}"));
            s.notify.digest_hour = Some(0);
        })
        .spawn()
        .await;
    eventually("two digests", || sink.mails().len() == 2).await;
    let mails: Vec<String> = sink.mails().iter().map(|m| decoded(m)).collect();
    for (email, _) in [MODERATOR, ADMIN] {
        let mail = mails
            .iter()
            .find(|m| m.contains(&format!("To: {email}")))
            .unwrap_or_else(|| panic!("a digest to {email}"));
        assert!(mail.contains("/staff/queue"), "{mail}");
    }
    // A second instance's worker on the same day writes nothing more.
    let mut settings = helpers::test_settings();
    settings.notify.smtp_url = Some(format!("smtp://127.0.0.1:{port}"));
    settings.notify.digest_hour = Some(0);
    let secrets = std::sync::Arc::new(Secrets::new(TEST_SECRET));
    let second = Notifier::new(app.pool.clone(), settings, secrets).unwrap();
    assert_eq!(second.schedule_digests().await.unwrap(), 0);

    // The moderator turns it off on the dashboard.
    app.sign_in(MODERATOR).await;
    let dashboard = app.page("/staff?lang=en", 200).await;
    let fields: Vec<(String, String)> = helpers::form_fields(&dashboard, "#digest-form")
        .into_iter()
        .filter(|(name, _)| name != "digest")
        .collect();
    let off = app
        .client
        .post(app.url("/staff/digest"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(off.status(), 303);
    let audited: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE action = 'digest_changed' AND reason = 'off'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(audited, 1);
    // The next day: only the administrator's.
    sqlx::query("UPDATE outbox SET event_key = 'digest:yesterday-' || id WHERE event = 'digest'")
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(second.schedule_digests().await.unwrap(), 1);
    second.run_once().await.unwrap();
    eventually("the third digest", || sink.mails().len() == 3).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let last: Vec<String> = sink
        .mails()
        .iter()
        .map(|m| decoded(m))
        .filter(|m| m.contains(&format!("To: {}", MODERATOR.0)))
        .collect();
    assert_eq!(last.len(), 1, "none for the moderator who turned it off");
}

#[tokio::test]
async fn a_resident_with_a_phone_answers_the_questionnaire_from_the_sms() {
    let (url, received) = sms_gateway().await;
    let app = TestApp::builder()
        .with_demo_data()
        .with_staff()
        .with_settings(move |s| {
            s.notify.sms_url = Some(url);
            s.notify.survey_after = Duration::ZERO;
        })
        .spawn()
        .await;
    let (id, _) = app.submit("/requests", REQUEST_WITH_PHONE).await;
    app.sign_in(MODERATOR).await;
    assert_eq!(app.act(id, "take", &[]).await.status(), 303);
    assert_eq!(
        app.act(id, "answer", &[("text", ANSWER)]).await.status(),
        303
    );
    eventually("four SMS", || received.lock().unwrap().len() == 4).await;
    let texts_sent: Vec<String> = received
        .lock()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap().to_string())
        .collect();
    for sms in &texts_sent {
        let gsm = sms.is_ascii();
        let limit = if gsm { 306 } else { 134 };
        assert!(sms.chars().count() <= limit, "two parts at most: {sms}");
    }
    let survey = texts_sent
        .iter()
        .find(|t| t.contains("/survey/"))
        .expect("the questionnaire by SMS");
    let page_path = path_in(survey, "/track/");
    let page = app.another_client().page(&page_path, 200).await;
    assert!(
        texts(&page, "#survey-recorded").is_empty(),
        "nothing recorded yet"
    );
    // Sent without a choice: the question again, with a message next to it.
    let fields = helpers::form_fields(&page, "#survey-form");
    let action = attrs(&page, "#survey-form", "action").remove(0);
    let blank = app
        .another_client()
        .client
        .post(app.url(&action))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(blank.status(), 422);
    let blank = scraper::Html::parse_document(&blank.text().await.unwrap());
    assert_eq!(texts(&blank, "#answer-error").len(), 1);
    let chosen = helpers::with_values(&fields, &[("answer", "resolved")]);
    let done = app
        .another_client()
        .client
        .post(app.url(&action))
        .form(&chosen)
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 200);
    let status: String = one(
        &app.pool,
        "SELECT status::text FROM submissions WHERE id = $1",
        id,
    )
    .await;
    assert_eq!(status, "answered", "resolved leaves it answered");
    let answer: String = one(
        &app.pool,
        "SELECT answer FROM satisfaction WHERE submission_id = $1",
        id,
    )
    .await;
    assert_eq!(answer, "resolved");
}
