//! Case tools: the preview before anything the public or the resident reads, correcting and
//! unpublishing a thanks, answer templates in the resident's language, bulk rejection audited
//! per item, oral appeals with their талон, and two-factor sign-in.

use police_portal::domain::totp;
use scraper::Html;

use crate::helpers::THANKS_WITH_PHONE;
use crate::helpers::{ADMIN, MODERATOR, TestApp, attrs, form_fields, text, texts, with_values};
use crate::notify::REQUEST_WITH_EMAIL;

/// The text of the first element `css` selects, exactly as written (the helpers' `text`
/// joins and trims its pieces).
fn raw_text(html: &Html, css: &str) -> String {
    let selector = scraper::Selector::parse(css).unwrap();
    html.select(&selector)
        .next()
        .map(|e| e.text().collect())
        .unwrap_or_default()
}

async fn staff_app() -> TestApp {
    let app = TestApp::builder()
        .with_demo_data()
        .with_staff()
        .spawn()
        .await;
    assert_eq!(app.sign_in(MODERATOR).await.status(), 303);
    app
}

async fn status_of(app: &TestApp, id: i64) -> (String, Option<String>) {
    sqlx::query_as("SELECT status::text, public_text FROM submissions WHERE id = $1")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

async fn count(app: &TestApp, sql: &'static str, id: i64) -> i64 {
    sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

/// Confirms the preview on the page.
async fn confirm(app: &TestApp, page: &Html) -> reqwest::Response {
    let action = attrs(page, "#preview-form", "action").remove(0);
    app.client
        .post(app.url(&format!("{action}?lang=en")))
        .form(&form_fields(page, "#preview-form"))
        .send()
        .await
        .unwrap()
}

/// Posts one of the submission page's forms, as rendered, with some fields changed.
async fn post_page_form(
    app: &TestApp,
    page: &Html,
    action: &str,
    changes: &[(&str, &str)],
) -> reqwest::Response {
    let selector = format!("form[action='{action}']:not(#preview-form)");
    app.client
        .post(app.url(&format!("{action}?lang=en")))
        .form(&with_values(&form_fields(page, &selector), changes))
        .send()
        .await
        .unwrap()
}

/// Posts the queue's bulk form with `fields`; the result page (200).
async fn post_bulk(app: &TestApp, fields: &[(String, String)]) -> Html {
    let done = app
        .client
        .post(app.url("/staff/queue/bulk?lang=en"))
        .form(fields)
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 200);
    Html::parse_document(&done.text().await.unwrap())
}

#[tokio::test]
async fn publishing_shows_a_preview_first_and_a_moderator_can_correct_or_unpublish() {
    let app = staff_app().await;
    let (id, _) = app.submit("/feedback", THANKS_WITH_PHONE).await;
    assert_eq!(app.act(id, "take", &[]).await.status(), 303);
    let page = app
        .page(&format!("/staff/submissions/{id}?lang=en"), 200)
        .await;
    let path = format!("/staff/submissions/{id}/publish");
    // The moderator keeps the phone number in: the preview marks it, and nothing is published.
    let typed = "Thank you! Call me at +7 701 555 12 34.";
    let previewed = post_page_form(&app, &page, &path, &[("text", typed)]).await;
    assert_eq!(previewed.status(), 200);
    let preview = Html::parse_document(&previewed.text().await.unwrap());
    assert_eq!(raw_text(&preview, "#preview-text"), typed);
    assert_eq!(texts(&preview, "#preview-text mark"), ["+7 701 555 12 34"]);
    assert_eq!(texts(&preview, "#preview-personal").len(), 1);
    assert_eq!(attrs(&preview, "#publish-text", "id").len(), 1);
    assert_eq!(
        texts(&preview, "#publish-text"),
        [typed],
        "the text is kept to edit"
    );
    assert_eq!(status_of(&app, id).await, ("in_review".into(), None));

    // Edited, previewed again, confirmed: published as previewed.
    let clean = "Thank you, the inspector found my bag.";
    let previewed = post_page_form(&app, &preview, &path, &[("text", clean)]).await;
    let preview = Html::parse_document(&previewed.text().await.unwrap());
    assert!(texts(&preview, "#preview-text mark").is_empty());
    let confirmed = confirm(&app, &preview).await;
    assert_eq!(confirmed.status(), 303);
    assert_eq!(
        status_of(&app, id).await,
        ("published".into(), Some(clean.into()))
    );

    // Corrected by the moderator, through the same preview.
    let page = app
        .page(&format!("/staff/submissions/{id}?lang=en"), 200)
        .await;
    assert_eq!(texts(&page, "#correct-text"), [clean]);
    let correct = format!("/staff/submissions/{id}/correct");
    let corrected = "Thank you, the inspector found my bag the same day.";
    let previewed = post_page_form(&app, &page, &correct, &[("text", corrected)]).await;
    let preview = Html::parse_document(&previewed.text().await.unwrap());
    assert_eq!(raw_text(&preview, "#preview-text"), corrected);
    assert_eq!(confirm(&app, &preview).await.status(), 303);
    assert_eq!(
        status_of(&app, id).await,
        ("published".into(), Some(corrected.into()))
    );
    let public = app.page("/inspectors/1?lang=en", 200).await;
    assert!(texts(&public, ".thanks-list .public-text").contains(&corrected.to_string()));

    // Unpublished with a reason: off the public page, back in review, audited.
    let page = app
        .page(&format!("/staff/submissions/{id}?lang=en"), 200)
        .await;
    let unpublish = format!("/staff/submissions/{id}/unpublish");
    let refused = post_page_form(&app, &page, &unpublish, &[("reason", "")]).await;
    assert_eq!(refused.status(), 422);
    let done = post_page_form(&app, &page, &unpublish, &[("reason", "Names a bystander")]).await;
    assert_eq!(done.status(), 303);
    assert_eq!(status_of(&app, id).await, ("in_review".into(), None));
    let public = app.page("/inspectors/1?lang=en", 200).await;
    assert!(!texts(&public, ".thanks-list .public-text").contains(&corrected.to_string()));
    let audited = count(
        &app,
        "SELECT count(*) FROM audit_log WHERE submission_id = $1
           AND action IN ('publish', 'correct', 'unpublish')",
        id,
    )
    .await;
    assert_eq!(audited, 3);
}

#[tokio::test]
async fn an_answer_template_is_inserted_in_the_residents_language_and_sent_only_when_confirmed() {
    let app = staff_app().await;
    let admin = app.another_client();
    assert_eq!(admin.sign_in(ADMIN).await.status(), 303);
    // An administrator keeps the template; a missing text comes back with what was typed.
    let form = admin.page("/staff/templates?lang=en", 200).await;
    let fields = [
        ("title", "Patrol added"),
        (
            "body_kk",
            "№{number} өтінішіңіз бойынша кешкі патруль қосылды.",
        ),
        (
            "body_ru",
            "По обращению №{number} добавлен вечерний патруль.",
        ),
        ("body_en", ""),
    ];
    let refused = post_page_form(&admin, &form, "/staff/templates", &fields).await;
    assert_eq!(refused.status(), 422);
    let refused = Html::parse_document(&refused.text().await.unwrap());
    assert_eq!(texts(&refused, "#body_en-error").len(), 1);
    assert_eq!(attrs(&refused, "#title", "value"), ["Patrol added"]);
    let mut fields = fields;
    fields[3] = (
        "body_en",
        "Following appeal {number}, an evening patrol was added.",
    );
    let saved = post_page_form(&admin, &refused, "/staff/templates", &fields).await;
    assert_eq!(saved.status(), 303);
    let template: i64 = sqlx::query_scalar("SELECT id FROM answer_templates")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM audit_log WHERE action = 'template_saved' AND target = 'template:' || $1",
            template
        )
        .await,
        1
    );

    for (lang, expected) in [
        ("kk", "өтінішіңіз бойынша кешкі патруль қосылды."),
        ("ru", "добавлен вечерний патруль."),
    ] {
        let (id, tracking) = app.submit("/requests", REQUEST_WITH_EMAIL).await;
        sqlx::query("UPDATE submissions SET lang = $2 WHERE id = $1")
            .bind(id)
            .bind(lang)
            .execute(&app.pool)
            .await
            .unwrap();
        assert_eq!(app.act(id, "take", &[]).await.status(), 303);
        let page = app
            .page(&format!("/staff/submissions/{id}?lang=en"), 200)
            .await;
        let answer = format!("/staff/submissions/{id}/answer");
        let selector = format!("form[action='{answer}']");
        let fields = with_values(
            &form_fields(&page, &selector),
            &[("template", &template.to_string()), ("text", "Hello.")],
        );
        let inserted = app
            .client
            .post(app.url(&format!("/staff/submissions/{id}/template?lang=en")))
            .form(&fields)
            .send()
            .await
            .unwrap();
        assert_eq!(inserted.status(), 200);
        let inserted = Html::parse_document(&inserted.text().await.unwrap());
        let number = tracking
            .trim_start_matches("/track/")
            .split('?')
            .next()
            .unwrap()
            .to_string();
        let box_text = raw_text(&inserted, "#answer-text");
        assert!(box_text.starts_with("Hello.\n\n"), "{box_text}");
        assert!(box_text.contains(&number), "{box_text}");
        assert!(box_text.ends_with(expected), "{lang}: {box_text}");
        assert_eq!(attrs(&inserted, "#answer-text", "lang"), [lang]);
        assert_eq!(status_of(&app, id).await.0, "in_review", "nothing sent yet");

        // Edited, previewed, confirmed: the resident's page shows the answer.
        let edited = format!("{box_text} 22:00–02:00.");
        let previewed = post_page_form(&app, &inserted, &answer, &[("text", &edited)]).await;
        let preview = Html::parse_document(&previewed.text().await.unwrap());
        assert_eq!(raw_text(&preview, "#preview-text"), edited);
        assert_eq!(confirm(&app, &preview).await.status(), 303);
        let track = app.page(&format!("{tracking}&lang=en"), 200).await;
        assert_eq!(raw_text(&track, "#answer").trim(), edited);
    }
}

#[tokio::test]
async fn bulk_rejection_as_spam_is_audited_per_item_and_leaves_changed_items_alone() {
    let app = staff_app().await;
    let mut ids = Vec::new();
    for _ in 0..3 {
        ids.push(app.submit("/requests", REQUEST_WITH_EMAIL).await.0);
    }
    let queue = app.page("/staff/queue?view=all&lang=en", 200).await;
    let mut fields = form_fields(&queue, "#bulk-form");
    for id in &ids {
        let version = attrs(&queue, &format!("#select-{id}"), "value").remove(0);
        fields.push((format!("item-{id}"), version));
    }
    // Someone takes the third before the bulk action arrives.
    let other = app.another_client();
    assert_eq!(other.sign_in(ADMIN).await.status(), 303);
    assert_eq!(other.act(ids[2], "take", &[]).await.status(), 303);
    let fields = with_values(&fields, &[("bulk_action", "reject_spam")]);
    let done = post_bulk(&app, &fields).await;
    let outcomes = texts(&done, "#bulk-outcomes tbody td:nth-child(2)");
    assert_eq!(
        outcomes,
        [
            "Rejected as spam",
            "Rejected as spam",
            "Not changed: someone else changed it after the queue was shown"
        ]
    );
    for id in &ids[..2] {
        let (status, _) = status_of(&app, *id).await;
        assert_eq!(status, "rejected");
        let rejected = count(
            &app,
            "SELECT count(*) FROM audit_log WHERE submission_id = $1 AND action = 'reject'
               AND reason = 'spam'",
            *id,
        )
        .await;
        assert_eq!(rejected, 1, "one audit row per item");
    }
    assert_eq!(status_of(&app, ids[2]).await.0, "in_review");

    // Assigning selected items puts them in that person's "my items".
    let queue = app.page("/staff/queue?view=all&lang=en", 200).await;
    let version = attrs(&queue, &format!("#select-{}", ids[2]), "value").remove(0);
    let mut fields = with_values(
        &form_fields(&queue, "#bulk-form"),
        &[("bulk_action", "assign")],
    );
    fields.retain(|(k, _)| k != "reason");
    fields.push(("reason".into(), "Covering for the administrator".into()));
    fields.push((format!("item-{}", ids[2]), version));
    let done = post_bulk(&app, &fields).await;
    assert_eq!(
        texts(&done, "#bulk-outcomes tbody td:nth-child(2)"),
        ["Assigned"]
    );
    let mine = app.page("/staff/queue?lang=en", 200).await;
    let number: String =
        sqlx::query_scalar("SELECT tracking_number FROM submissions WHERE id = $1")
            .bind(ids[2])
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert!(texts(&mine, "#queue tbody td.number").contains(&number));
    // The skip link goes straight to the queue.
    assert_eq!(attrs(&mine, "a.skip-link", "href"), ["#main", "#queue"]);
}

#[tokio::test]
async fn an_oral_appeal_gets_a_talon_a_due_date_from_its_registration_and_the_residents_contacts() {
    let app = staff_app().await;
    let form = app.page("/staff/walk-in?lang=en", 200).await;
    let typed = [
        ("channel", "phone"),
        ("kind", "request"),
        ("category", "noise"),
        ("place", "улица Абая, 5"),
        ("body", "Loud music every night after midnight."),
        ("name", "Serik"),
        ("phone", "+7 701 555 12 34"),
        ("resident_lang", "kk"),
    ];
    // Without the resident's consent: the form again, everything kept.
    let refused = app
        .client
        .post(app.url("/staff/walk-in?lang=en"))
        .form(&with_values(&form_fields(&form, "#walk-in-form"), &typed))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    let refused = Html::parse_document(&refused.text().await.unwrap());
    assert_eq!(texts(&refused, "#consent-error").len(), 1);
    assert_eq!(attrs(&refused, "#phone", "value"), ["+7 701 555 12 34"]);
    let mut fields = with_values(&form_fields(&refused, "#walk-in-form"), &typed);
    fields.push(("consent".into(), "1".into()));
    let send = || {
        app.client
            .post(app.url("/staff/walk-in?lang=en"))
            .form(&fields)
            .send()
    };
    let filed = send().await.unwrap();
    assert_eq!(filed.status(), 303);
    let talon_path = filed.headers()["location"].to_str().unwrap().to_string();
    // The same form sent twice is one appeal.
    assert_eq!(send().await.unwrap().status(), 303);
    let rows: Vec<(
        i64,
        String,
        String,
        String,
        String,
        chrono::NaiveDate,
        chrono::NaiveDate,
    )> = sqlx::query_as(
        "SELECT id, tracking_number, channel, received_by_name, lang, registered_on, due_on
             FROM submissions WHERE channel <> 'web'",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(rows.len(), 1);
    let (id, number, channel, received_by, lang, registered, due) = rows[0].clone();
    assert_eq!(
        (channel.as_str(), received_by.as_str(), lang.as_str()),
        ("phone", "Staff", "kk")
    );
    assert_eq!(talon_path, format!("/staff/submissions/{id}/talon"));
    // Registered and due as a web appeal made at the same moment.
    let (web_id, _) = app.submit("/requests", REQUEST_WITH_EMAIL).await;
    let web: (chrono::NaiveDate, chrono::NaiveDate) =
        sqlx::query_as("SELECT registered_on, due_on FROM submissions WHERE id = $1")
            .bind(web_id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!((registered, due), web);
    assert!(due > registered);

    let talon = app.page(&format!("{talon_path}?lang=en"), 200).await;
    assert_eq!(text(&talon, "#talon-number"), number);
    assert_eq!(text(&talon, "#talon-received-by"), "Staff");
    assert_eq!(text(&talon, "#talon-channel"), "By phone");
    assert!(text(&talon, "#talon-link").contains(&format!("/track/{number}?key=")));
    // The receipt goes to the resident's own phone; the audit names who received it.
    let receipts = count(
        &app,
        "SELECT count(*) FROM outbox WHERE submission_id = $1 AND event = 'received' AND channel = 'sms'",
        id,
    )
    .await;
    assert_eq!(receipts, 1);
    let audited = count(
        &app,
        "SELECT count(*) FROM audit_log a JOIN staff s ON s.id = a.staff_id
         WHERE a.submission_id = $1 AND a.action = 'walk_in_filed' AND s.email = 'moderator@police.kz'",
        id,
    )
    .await;
    assert_eq!(audited, 1);
    let queue = app.page("/staff/queue?view=all&lang=en", 200).await;
    let row = texts(&queue, "#queue tbody tr")
        .into_iter()
        .find(|r| r.contains(&number))
        .unwrap();
    assert!(row.contains("By phone"), "{row}");
}

/// The code an authenticator app would show for `secret` at `step`.
fn app_code(secret: &[u8], step: i64) -> String {
    format!("{:06}", totp::code_at(secret, step, totp::DIGITS))
}

fn now_step() -> i64 {
    totp::step_of(chrono::Utc::now().timestamp())
}

async fn code_step(app: &TestApp, code: &str) -> reqwest::Response {
    let page = app.page("/staff/login/code?lang=en", 200).await;
    let csrf = attrs(&page, "input[name=csrf_token]", "value").remove(0);
    app.client
        .post(app.url("/staff/login/code?lang=en"))
        .form(&[("csrf_token", csrf.as_str()), ("code", code)])
        .send()
        .await
        .unwrap()
}

async fn redirected_to(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_string()
}

#[tokio::test]
async fn administrators_set_up_two_factor_sign_in_and_codes_count_once() {
    let app = TestApp::builder()
        .with_demo_data()
        .with_staff()
        .with_settings(|s| s.two_factor_admins = true)
        .spawn()
        .await;
    assert_eq!(app.sign_in(ADMIN).await.status(), 303);
    // Required for administrators: every staff page leads to the set-up first.
    let dashboard = app.get("/staff").await;
    assert_eq!(dashboard.status(), 303);
    assert_eq!(redirected_to(&dashboard).await, "/staff/two-factor");
    let setup = app.page("/staff/two-factor?lang=en", 200).await;
    let qr = attrs(&setup, "img#qr", "src").remove(0);
    assert!(
        qr.starts_with("data:image/svg+xml;base64,"),
        "drawn on the server"
    );
    assert!(!attrs(&setup, "img#qr", "alt")[0].is_empty());
    let typed = text(&setup, "#secret").replace(' ', "");
    let secret = data_encoding::BASE32_NOPAD
        .decode(typed.as_bytes())
        .unwrap();
    let csrf = attrs(&setup, "input[name=csrf_token]", "value").remove(0);
    let enable = |code: String| {
        let csrf = csrf.clone();
        let app = &app;
        async move {
            app.client
                .post(app.url("/staff/two-factor?lang=en"))
                .form(&[("csrf_token", csrf), ("code", code)])
                .send()
                .await
                .unwrap()
        }
    };
    let wrong = enable(app_code(&secret, now_step() + 5)).await;
    assert_eq!(wrong.status(), 422);
    let step = now_step();
    let on = enable(app_code(&secret, step)).await;
    assert_eq!(on.status(), 200);
    let on = Html::parse_document(&on.text().await.unwrap());
    let codes = texts(&on, "#recovery-codes code");
    assert_eq!(codes.len(), 10);
    let stored: Vec<Vec<u8>> = sqlx::query_scalar("SELECT code_hash FROM staff_recovery_codes")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    assert_eq!(stored.len(), 10);
    assert!(
        stored
            .iter()
            .all(|h| !codes.iter().any(|c| h == c.as_bytes())),
        "kept hashed"
    );
    assert_eq!(app.get("/staff").await.status(), 200);
    assert_eq!(app.sign_out().await.status(), 303);

    // Signing in: the password, then the code.
    let password = app.sign_in(ADMIN).await;
    assert_eq!(redirected_to(&password).await, "/staff/login/code");
    assert_eq!(app.get("/staff").await.status(), 303, "not signed in yet");
    let wrong = code_step(&app, "000000").await;
    assert_eq!(wrong.status(), 401);
    // The code used to turn it on was used: replayed, it is refused.
    let replayed = code_step(&app, &app_code(&secret, step)).await;
    assert_eq!(replayed.status(), 401);
    let next = code_step(&app, &app_code(&secret, step + 1)).await;
    assert_eq!(next.status(), 303);
    assert_eq!(redirected_to(&next).await, "/staff");
    assert_eq!(app.get("/staff").await.status(), 200);
    assert_eq!(app.sign_out().await.status(), 303);

    // A recovery code works once.
    let recovery = codes[0].to_lowercase();
    app.sign_in(ADMIN).await;
    assert_eq!(code_step(&app, &recovery).await.status(), 303);
    assert_eq!(app.sign_out().await.status(), 303);
    app.sign_in(ADMIN).await;
    assert_eq!(code_step(&app, &recovery).await.status(), 401);

    let audit: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE action LIKE 'totp%' OR action = 'recovery_code_used'
         ORDER BY id",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        audit,
        [
            "totp_enabled",
            "totp_failed",
            "totp_failed",
            "recovery_code_used",
            "totp_failed"
        ]
    );
    // A lost phone and lost codes: the command line turns it off; the next sign-in sets it up.
    let reset = crate::hardening::staff_command(&app, &["reset-two-factor", ADMIN.0]).await;
    assert!(
        reset.status.success(),
        "{}",
        String::from_utf8_lossy(&reset.stderr)
    );
    let password = app.sign_in(ADMIN).await;
    assert_eq!(redirected_to(&password).await, "/staff");
    let dashboard = app.get("/staff").await;
    assert_eq!(redirected_to(&dashboard).await, "/staff/two-factor");
    let setup = app.page("/staff/two-factor?lang=en", 200).await;
    assert_ne!(
        text(&setup, "#secret").replace(' ', ""),
        typed,
        "a new secret"
    );

    let moderator = app.another_client();
    assert_eq!(moderator.sign_in(MODERATOR).await.status(), 303);
    assert_eq!(
        moderator.get("/staff").await.status(),
        200,
        "optional for moderators"
    );
}

#[tokio::test]
async fn an_administrator_resets_a_lost_phones_two_factor_sign_in_from_the_accounts_page() {
    let app = staff_app().await;
    // The moderator sets up two-factor sign-in (optional for moderators).
    let moderator = app.another_client();
    assert_eq!(moderator.sign_in(MODERATOR).await.status(), 303);
    let setup = moderator.page("/staff/two-factor?lang=en", 200).await;
    let secret = data_encoding::BASE32_NOPAD
        .decode(text(&setup, "#secret").replace(' ', "").as_bytes())
        .unwrap();
    let csrf = attrs(&setup, "input[name=csrf_token]", "value").remove(0);
    let enabled = moderator
        .client
        .post(moderator.url("/staff/two-factor?lang=en"))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("code", app_code(&secret, now_step()).as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(enabled.status(), 200, "the recovery codes are shown");
    let id: i64 = sqlx::query_scalar("SELECT id FROM staff WHERE email = $1")
        .bind(MODERATOR.0)
        .fetch_one(&app.pool)
        .await
        .unwrap();

    // Only an account with it set up offers the reset.
    let admin = app.another_client();
    assert_eq!(admin.sign_in(ADMIN).await.status(), 303);
    let accounts = admin.page("/staff/accounts?lang=en", 200).await;
    let resets = attrs(&accounts, "form[action$='/reset-two-factor']", "action");
    assert_eq!(resets, [format!("/staff/accounts/{id}/reset-two-factor")]);
    let csrf = attrs(&accounts, "input[name=csrf_token]", "value").remove(0);
    let reset = admin
        .client
        .post(admin.url(&resets[0]))
        .form(&[("csrf_token", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(reset.status(), 303);
    let done = admin
        .page(&format!("{}&lang=en", redirected_to(&reset).await), 200)
        .await;
    assert!(!text(&done, "#notice").is_empty());
    assert!(attrs(&done, "form[action$='/reset-two-factor']", "action").is_empty());

    // Its sessions ended; audited by the administrator for that account; the password alone
    // signs in again.
    assert_eq!(moderator.get("/staff").await.status(), 303);
    let (left, audited): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM staff_two_factor WHERE staff_id = $1),
                (SELECT count(*) FROM audit_log WHERE action = 'totp_disabled'
                 AND target = 'staff:' || $1 AND staff_email = $2)",
    )
    .bind(id)
    .bind(ADMIN.0)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!((left, audited), (0, 1));
    let again = moderator.sign_in(MODERATOR).await;
    assert_eq!(redirected_to(&again).await, "/staff");
    // A moderator cannot reset anyone's.
    let csrf = attrs(
        &moderator.page("/staff/password?lang=en", 200).await,
        "input[name=csrf_token]",
        "value",
    )
    .remove(0);
    let refused = moderator
        .client
        .post(moderator.url(&format!("/staff/accounts/{id}/reset-two-factor")))
        .form(&[("csrf_token", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
}
