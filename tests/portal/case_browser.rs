//! In the browser: a moderator who signs in with an authenticator app takes the request
//! assigned to them, answers it from a Kazakh template through the preview, and the resident's
//! tracking page shows the answer; a second staff member answering the same item at the same
//! time gets the conflict page with their text kept.

use police_portal::domain::totp;
use scraper::Html;
use thirtyfour::By;

use crate::browser::{assert_accessible, browser, fill, find, press_enter, wait_for_text};
use crate::helpers::{ADMIN, MODERATOR, TestApp, attrs, text};
use crate::notify::REQUEST_WITH_EMAIL;

const SECRET: &[u8; 20] = b"12345678901234567890";

#[tokio::test]
async fn a_moderator_with_two_factor_answers_from_a_kazakh_template_and_a_late_answer_keeps_its_text()
 {
    let app = TestApp::builder()
        .with_demo_data()
        .with_staff()
        .with_settings(|s| s.two_factor_moderators = true)
        .spawn()
        .await;
    let moderator: i64 = sqlx::query_scalar("SELECT id FROM staff WHERE email = $1")
        .bind(MODERATOR.0)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    // The moderator set up the app earlier; the request is assigned to them, in Kazakh.
    sqlx::query(
        "INSERT INTO staff_two_factor (staff_id, secret, enabled_at) VALUES ($1, $2, now())",
    )
    .bind(moderator)
    .bind(SECRET.as_slice())
    .execute(&app.pool)
    .await
    .unwrap();
    let template: i64 = sqlx::query_scalar(
        "INSERT INTO answer_templates (title, body_kk, body_ru, body_en)
         VALUES ('Patrol', '№{number} өтініш бойынша кешкі патруль қосылды.',
                 'По обращению №{number} добавлен патруль.', 'Appeal {number}: a patrol was added.')
         RETURNING id",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let (id, tracking) = app.submit("/requests", REQUEST_WITH_EMAIL).await;
    let number: String =
        sqlx::query_scalar("UPDATE submissions SET lang = 'kk', assigned_to = $2 WHERE id = $1 RETURNING tracking_number")
            .bind(id)
            .bind(moderator)
            .fetch_one(&app.pool)
            .await
            .unwrap();

    let driver = browser().await;
    driver.goto(app.url("/staff/login?lang=en")).await.unwrap();
    fill(&driver, "email", MODERATOR.0).await;
    fill(&driver, "password", MODERATOR.1).await;
    press_enter(&driver, "password").await;
    find(&driver, By::Css("input#code[autocomplete='one-time-code']")).await;
    assert_accessible(&driver, "the second step of signing in").await;
    let code = format!(
        "{:06}",
        totp::code_at(SECRET, totp::step_of(chrono::Utc::now().timestamp()), 6)
    );
    fill(&driver, "code", &code).await;
    press_enter(&driver, "code").await;
    find(&driver, By::Id("counts")).await;

    // "My items" is the queue's first view; the skip link reaches it.
    driver.goto(app.url("/staff/queue?lang=en")).await.unwrap();
    assert_accessible(&driver, "the queue with its bulk actions").await;
    find(&driver, By::Css("#queue tbody td.number a"))
        .await
        .click()
        .await
        .unwrap();
    find(&driver, By::Id("action-take"))
        .await
        .click()
        .await
        .unwrap();
    wait_for_text(&driver, "#status", "Under review").await;

    // A second staff member opens the same item now.
    let second = app.another_client();
    assert_eq!(second.sign_in(ADMIN).await.status(), 303);
    let late_page = second
        .page(&format!("/staff/submissions/{id}?lang=en"), 200)
        .await;

    find(
        &driver,
        By::Css(format!("#template option[value='{template}']")),
    )
    .await
    .click()
    .await
    .unwrap();
    find(&driver, By::Id("insert-template"))
        .await
        .click()
        .await
        .unwrap();
    let inserted = format!("№{number} өтініш бойынша кешкі патруль қосылды.");
    let mut typed = String::new();
    for _ in 0..50 {
        typed = find(&driver, By::Id("answer-text"))
            .await
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default();
        if typed == inserted {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(typed, inserted, "the Kazakh text with the number");
    let answer = format!("{inserted} Сағат 22:00-ден кейін.");
    fill(&driver, "answer-text", &answer).await;
    find(&driver, By::Id("action-answer"))
        .await
        .click()
        .await
        .unwrap();
    let preview = find(&driver, By::Id("preview-text")).await;
    assert_eq!(preview.text().await.unwrap(), answer);
    assert_accessible(&driver, "the preview of an answer").await;
    find(&driver, By::Id("confirm-answer"))
        .await
        .click()
        .await
        .unwrap();
    wait_for_text(&driver, "#status", "Answered").await;

    // The resident sees the answer.
    driver
        .goto(app.url(&format!("{tracking}&lang=kk")))
        .await
        .unwrap();
    wait_for_text(&driver, "#answer", &answer).await;

    // The late answer: a conflict that keeps the text and shows the submission as it is now.
    let csrf = attrs(&late_page, "input[name=csrf_token]", "value").remove(0);
    let version = attrs(&late_page, "input[name=version]", "value").remove(0);
    let late_text = "Патруль қосылды, рахмет.";
    let late = second
        .client
        .post(second.url(&format!("/staff/submissions/{id}/answer?lang=en")))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("version", version.as_str()),
            ("text", late_text),
            ("confirm", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(late.status(), 409);
    let late = Html::parse_document(&late.text().await.unwrap());
    assert_eq!(text(&late, "#kept-text"), late_text);
    assert_eq!(text(&late, "#status"), "Answered");
    let stored: String = sqlx::query_scalar("SELECT public_answer FROM submissions WHERE id = $1")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(stored, answer, "the late answer overwrote nothing");
    driver.quit().await.unwrap();
}

#[tokio::test]
async fn the_case_tools_pages_pass_axe() {
    let app = TestApp::builder()
        .with_demo_data()
        .with_staff()
        .spawn()
        .await;
    sqlx::query(
        "INSERT INTO answer_templates (title, body_kk, body_ru, body_en)
         VALUES ('Patrol', 'Патруль қосылды.', 'Патруль добавлен.', 'A patrol was added.')",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    let driver = browser().await;
    driver.goto(app.url("/staff/login?lang=en")).await.unwrap();
    fill(&driver, "email", ADMIN.0).await;
    fill(&driver, "password", ADMIN.1).await;
    press_enter(&driver, "password").await;
    find(&driver, By::Id("counts")).await;
    for (path, what) in [
        ("/staff/templates?lang=en", "the answer templates"),
        (
            "/staff/two-factor?lang=en",
            "the two-factor set-up with its QR code",
        ),
        ("/staff/walk-in?lang=en", "the oral appeal form"),
    ] {
        driver.goto(app.url(path)).await.unwrap();
        find(&driver, By::Css("h1")).await;
        assert_accessible(&driver, what).await;
    }
    // The oral appeal form with its messages, then filled in: the талон.
    find(&driver, By::Id("file-walk-in"))
        .await
        .click()
        .await
        .unwrap();
    find(&driver, By::Css(".error-summary")).await;
    assert_accessible(&driver, "the oral appeal form with its messages").await;
    find(&driver, By::Css("#type option[value='request']"))
        .await
        .click()
        .await
        .unwrap();
    find(&driver, By::Css("#category option[value='noise']"))
        .await
        .click()
        .await
        .unwrap();
    fill(&driver, "place", "улица Абая, 5").await;
    fill(&driver, "body", "Loud music every night after midnight.").await;
    fill(&driver, "name", "Serik").await;
    fill(&driver, "phone", "+7 701 555 12 34").await;
    find(&driver, By::Id("consent"))
        .await
        .click()
        .await
        .unwrap();
    find(&driver, By::Id("file-walk-in"))
        .await
        .click()
        .await
        .unwrap();
    find(&driver, By::Id("talon-number")).await;
    assert_accessible(&driver, "the талон of an oral appeal").await;
    driver.quit().await.unwrap();
}
