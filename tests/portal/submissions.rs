//! Residents send thanks, complaints and requests: validation, exactly-once storage,
//! protection, receipts and tracking.

use police_portal::web::security::Secrets;
use scraper::Html;
use sqlx::PgPool;

use crate::helpers::{RenderedForm, TEST_SECRET, TestApp, attrs, text, texts};

async fn demo_app() -> TestApp {
    TestApp::builder().with_demo_data().spawn().await
}

async fn count(pool: &PgPool) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM submissions")
        .fetch_one(pool)
        .await
        .unwrap()
}

type Fields = Vec<(&'static str, &'static str)>;

const THANKS: &[(&str, &str)] = &[
    ("type", "thanks"),
    ("inspector", "1"),
    (
        "body",
        "The inspector helped my mother find her lost documents.",
    ),
    ("name", "Aigerim Nurlanovna"),
    ("phone", "8 701 234 56 78"),
    ("consent", "1"),
];

fn with(
    base: &[(&'static str, &'static str)],
    changes: &[(&'static str, &'static str)],
) -> Vec<(&'static str, &'static str)> {
    let mut out: Vec<(&str, &str)> = base
        .iter()
        .filter(|(k, _)| !changes.iter().any(|(c, _)| c == k))
        .copied()
        .collect();
    out.extend(changes.iter().filter(|(_, v)| !v.is_empty()).copied());
    out
}

#[tokio::test]
async fn every_rule_of_the_feedback_form_explains_itself_next_to_the_field() {
    let app = demo_app().await;
    let cases: Vec<(Fields, &str, &str)> = vec![
        (
            with(THANKS, &[("type", "")]),
            "type",
            "Choose whether it is a thanks or a complaint.",
        ),
        (
            with(THANKS, &[("type", "praise")]),
            "type",
            "Choose whether it is a thanks or a complaint.",
        ),
        (
            with(THANKS, &[("inspector", "99999")]),
            "inspector",
            "Choose a district inspector from the list.",
        ),
        (
            with(THANKS, &[("inspector", "abc")]),
            "inspector",
            "Choose a district inspector from the list.",
        ),
        (
            with(THANKS, &[("inspector", "")]),
            "inspector",
            "Choose a district inspector or a post, or describe the officer.",
        ),
        (
            with(THANKS, &[("post", "99999")]),
            "post",
            "Choose a police post from the list.",
        ),
        (
            with(THANKS, &[("incident_date", "2999-01-01")]),
            "incident_date",
            "The date cannot be in the future.",
        ),
        (
            with(THANKS, &[("incident_date", "2026-02-30")]),
            "incident_date",
            "Enter a real date, for example 24.11.2026.",
        ),
        (
            with(THANKS, &[("incident_time", "25:00")]),
            "incident_time",
            "Enter the time as hours and minutes, for example 14:30.",
        ),
        (
            with(THANKS, &[("body", "Thanks")]),
            "body",
            "Describe what happened in at least 10 characters.",
        ),
        (
            with(THANKS, &[("body", "   \u{0}\u{7}   ")]),
            "body",
            "Describe what happened in at least 10 characters.",
        ),
        (with(THANKS, &[("name", "")]), "name", "Enter your name."),
        (
            with(THANKS, &[("phone", "+7 912 345 67 89")]),
            "phone",
            "Enter a Kazakhstan phone number, for example +7 701 234 56 78.",
        ),
        (
            with(THANKS, &[("phone", "12345")]),
            "phone",
            "Enter a Kazakhstan phone number, for example +7 701 234 56 78.",
        ),
        (
            with(THANKS, &[("email", "aigerim@")]),
            "email",
            "Enter an e-mail address like name@example.kz.",
        ),
        (
            with(THANKS, &[("iin", "900101300014")]),
            "iin",
            "An IIN has 12 digits with a valid check digit. Check it or leave it empty.",
        ),
        (
            with(THANKS, &[("consent", "")]),
            "consent",
            "Tick the box to agree to the processing of your personal data.",
        ),
        (
            with(THANKS, &[("type", "complaint"), ("phone", "")]),
            "phone",
            "Enter a phone number or an e-mail so that we can answer you.",
        ),
        (
            with(THANKS, &[("type", "complaint"), ("anonymous", "1")]),
            "anonymous",
            "Only thanks can be anonymous. Untick “anonymously” or choose thanks.",
        ),
    ];
    for (fields, field, message) in cases {
        let form = app.open_form("/feedback/new?lang=en").await;
        let response = app.send_form("/feedback", &form, &fields).await;
        assert_eq!(response.status(), 422, "{field}: {fields:?}");
        let html = Html::parse_document(&response.text().await.unwrap());
        assert_eq!(
            texts(&html, &format!("#{field}-error")),
            [message],
            "{fields:?}"
        );
        assert!(
            attrs(&html, ".error-summary a", "href").contains(&format!("#{field}")),
            "the summary links to {field}"
        );
        // What was typed is kept.
        assert_eq!(
            attrs(&html, "#name", "value"),
            [fields
                .iter()
                .find(|(k, _)| *k == "name")
                .map_or("", |(_, v)| *v)]
        );
    }
    assert_eq!(count(&app.pool).await, 0);
}

#[tokio::test]
async fn the_request_form_needs_a_category_a_place_and_a_way_to_answer() {
    let app = demo_app().await;
    let request: &[(&str, &str)] = &[
        ("category", "noise"),
        ("place", "улица Абая, 5"),
        ("body", "Loud music every night after midnight."),
        ("name", "Серик"),
        ("email", "serik@example.kz"),
        ("consent", "1"),
    ];
    let cases: Vec<(Fields, &str)> = vec![
        (with(request, &[("category", "")]), "category"),
        (with(request, &[("category", "aliens")]), "category"),
        (with(request, &[("place", "")]), "place"),
        (
            with(request, &[("place", ""), ("lat", "47.1"), ("lon", "")]),
            "lat",
        ),
        (
            with(request, &[("place", ""), ("lat", "47.1"), ("lon", "200")]),
            "lon",
        ),
        (with(request, &[("email", "")]), "phone"),
    ];
    for (fields, field) in cases {
        let form = app.open_form("/requests/new?lang=ru").await;
        let response = app.send_form("/requests", &form, &fields).await;
        assert_eq!(response.status(), 422, "{fields:?}");
        let html = Html::parse_document(&response.text().await.unwrap());
        assert_eq!(
            texts(&html, &format!("#{field}-error")).len(),
            1,
            "{fields:?}"
        );
    }
    let form = app.open_form("/requests/new?lang=ru").await;
    let ok = app
        .send_and_confirm(
            "/requests",
            &form,
            &with(request, &[("place", ""), ("lat", "47,1"), ("lon", "51,9")]),
        )
        .await;
    assert_eq!(ok.status(), 303);
    let (lat, phone): (Option<f64>, Option<String>) =
        sqlx::query_as("SELECT lat, phone FROM submissions")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(lat, Some(47.1));
    assert_eq!(phone, None);
}

#[tokio::test]
async fn a_thanks_is_stored_normalised_and_its_receipt_shows_no_contact_details() {
    let app = demo_app().await;
    let form = app
        .open_form("/feedback/new?inspector=1&type=thanks&lang=en")
        .await;

    let response = app.send_form("/feedback", &form, THANKS).await;

    assert_eq!(response.status(), 303);
    let location = response.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with("/track/ATR-"), "{location}");
    assert!(!location.contains("701") && !location.contains("Aigerim"));
    let (phone, name, due, registered): (String, String, chrono::NaiveDate, chrono::NaiveDate) =
        sqlx::query_as("SELECT phone, author_name, due_on, registered_on FROM submissions")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(phone, "+77012345678");
    assert_eq!(name, "Aigerim Nurlanovna");
    assert!(due > registered);
    let receipt = app.get(&format!("{location}&lang=en")).await;
    assert_eq!(receipt.headers()["cache-control"], "no-store");
    let html = Html::parse_document(&receipt.text().await.unwrap());
    assert_eq!(text(&html, "#receipt-status"), "Received");
    assert_eq!(text(&html, "#receipt-addressed"), "Aidar Seitov");
    let page = html.root_element().text().collect::<String>();
    for private in ["Aigerim", "701", "+7701"] {
        assert!(!page.contains(private), "{private} on the receipt");
    }
}

#[tokio::test]
async fn an_anonymous_thanks_keeps_no_personal_data_even_if_typed() {
    let app = demo_app().await;
    let form = app.open_form("/feedback/new").await;

    let response = app
        .send_form(
            "/feedback",
            &form,
            &with(THANKS, &[("anonymous", "1"), ("consent", "")]),
        )
        .await;

    assert_eq!(response.status(), 303);
    let row: (bool, Option<String>, Option<String>) =
        sqlx::query_as("SELECT anonymous, author_name, phone FROM submissions")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(row, (true, None, None));
}

#[tokio::test]
async fn script_and_sql_looking_text_is_stored_verbatim_and_shown_escaped() {
    let app = demo_app().await;
    let nasty = "<script>alert('x')</script>'); DROP TABLE submissions; -- «кавычки» & ампер";
    let form = app.open_form("/feedback/new?lang=en").await;

    // Re-rendered with an error first: the text comes back as text.
    let invalid = app
        .send_form(
            "/feedback",
            &form,
            &with(THANKS, &[("body", nasty), ("phone", "1")]),
        )
        .await;
    let html = Html::parse_document(&invalid.text().await.unwrap());
    assert_eq!(
        text(&html, "textarea#body"),
        nasty.split_whitespace().collect::<Vec<_>>().join(" ")
    );
    assert!(
        texts(&html, "main script").is_empty(),
        "no script element from the text"
    );

    let stored = app
        .send_form("/feedback", &form, &with(THANKS, &[("body", nasty)]))
        .await;
    assert_eq!(stored.status(), 303);
    let body: String = sqlx::query_scalar("SELECT body FROM submissions")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(body, nasty);
}

#[tokio::test]
async fn a_resent_form_stores_one_record_and_leads_to_the_same_receipt() {
    let app = demo_app().await;
    let form = app.open_form("/feedback/new").await;

    let first = app.send_form("/feedback", &form, THANKS).await;
    let again = app.send_form("/feedback", &form, THANKS).await;

    assert_eq!(first.status(), 303);
    assert_eq!(again.status(), 303);
    assert_eq!(first.headers()["location"], again.headers()["location"]);
    assert_eq!(count(&app.pool).await, 1);
    let history: i64 = sqlx::query_scalar("SELECT count(*) FROM submission_history")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(history, 1);
}

#[tokio::test]
async fn a_missing_or_wrong_csrf_token_or_a_foreign_origin_is_refused_with_a_403_page() {
    let app = demo_app().await;
    let form = app.open_form("/feedback/new?lang=en").await;
    let cases: Vec<(RenderedForm, Option<(&str, &str)>)> = vec![
        (
            RenderedForm {
                csrf: String::new(),
                token: form.token.clone(),
            },
            None,
        ),
        (
            RenderedForm {
                csrf: "0".repeat(64),
                token: form.token.clone(),
            },
            None,
        ),
        (
            RenderedForm {
                csrf: form.csrf.clone(),
                token: form.token.clone(),
            },
            Some(("origin", "https://evil.example")),
        ),
        (
            RenderedForm {
                csrf: form.csrf.clone(),
                token: form.token.clone(),
            },
            Some(("sec-fetch-site", "cross-site")),
        ),
    ];
    for (attempt, header) in cases {
        let mut fields: Vec<(&str, &str)> = vec![
            ("csrf_token", &attempt.csrf),
            ("form_token", &attempt.token),
        ];
        fields.extend_from_slice(THANKS);
        let mut request = app.client.post(app.url("/feedback?lang=en")).form(&fields);
        if let Some((name, value)) = header {
            request = request.header(name, value);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 403, "{header:?}");
        let html = Html::parse_document(&response.text().await.unwrap());
        assert_eq!(text(&html, "h1"), "Access denied");
    }
    // A client without the session cookie cannot use someone else's token either.
    let stranger = reqwest::Client::new();
    let mut fields: Vec<(&str, &str)> =
        vec![("csrf_token", &form.csrf), ("form_token", &form.token)];
    fields.extend_from_slice(THANKS);
    let response = stranger
        .post(app.url("/feedback"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert_eq!(count(&app.pool).await, 0);
}

#[tokio::test]
async fn a_filled_honeypot_and_a_forged_form_token_store_nothing() {
    let app = demo_app().await;
    let form = app.open_form("/feedback/new").await;

    let bot = app
        .send_form(
            "/feedback",
            &form,
            &with(THANKS, &[("website", "http://spam.example")]),
        )
        .await;
    let forged = app
        .send_form(
            "/feedback",
            &RenderedForm {
                csrf: form.csrf.clone(),
                token: "abc.def".into(),
            },
            THANKS,
        )
        .await;

    assert_eq!(bot.status(), 400);
    assert_eq!(
        forged.status(),
        422,
        "the form comes back with what was typed"
    );
    assert_eq!(count(&app.pool).await, 0);
}

#[tokio::test]
async fn too_many_submissions_from_one_client_are_slowed_down_without_losing_the_text() {
    let app = TestApp::builder()
        .with_demo_data()
        .with_settings(|s| s.submissions_per_minute = 2)
        .spawn()
        .await;

    for _ in 0..2 {
        let form = app.open_form("/feedback/new").await;
        assert_eq!(
            app.send_form("/feedback", &form, THANKS).await.status(),
            303
        );
    }
    let form = app.open_form("/feedback/new?lang=en").await;
    let third = app.send_form("/feedback", &form, THANKS).await;

    assert_eq!(third.status(), 429);
    let html = Html::parse_document(&third.text().await.unwrap());
    assert_eq!(texts(&html, "#submit-error").len(), 1);
    assert_eq!(
        text(&html, "textarea#body"),
        "The inspector helped my mother find her lost documents."
    );
    assert_eq!(count(&app.pool).await, 2);
}

#[tokio::test]
async fn an_oversized_body_is_refused_with_413() {
    let app = demo_app().await;
    let form = app.open_form("/feedback/new").await;
    let huge = "x".repeat(200_000);

    let response = app
        .send_form(
            "/feedback",
            &form,
            &with(THANKS, &[("body", Box::leak(huge.into_boxed_str()))]),
        )
        .await;

    assert_eq!(response.status(), 413);
    assert_eq!(count(&app.pool).await, 0);
}

#[tokio::test]
async fn a_thousand_concurrent_submissions_are_each_stored_exactly_once() {
    let app = TestApp::builder()
        .with_demo_data()
        .with_settings(|s| s.submissions_per_minute = 100_000)
        .spawn()
        .await;
    let session = app.open_form("/feedback/new").await;
    let secrets = Secrets::new(TEST_SECRET);
    let tokens: Vec<String> = (0..1000)
        .map(|_| secrets.new_form_token(&session.csrf))
        .collect();

    // Every form is sent once, and every fifth a second time at the same moment.
    let sends = tokens.iter().chain(tokens.iter().step_by(5));
    let mut tasks = tokio::task::JoinSet::new();
    for token in sends.cloned() {
        let client = app.client.clone();
        let url = app.url("/feedback");
        let csrf = session.csrf.clone();
        tasks.spawn(async move {
            let mut fields: Vec<(&str, &str)> = vec![("csrf_token", &csrf), ("form_token", &token)];
            fields.extend_from_slice(THANKS);
            let response = client.post(url).form(&fields).send().await.unwrap();
            (
                token,
                response.status().as_u16(),
                response.headers()["location"].to_str().unwrap().to_string(),
            )
        });
    }
    let mut locations = std::collections::HashMap::new();
    while let Some(result) = tasks.join_next().await {
        let (token, status, location) = result.unwrap();
        assert_eq!(status, 303);
        let previous = locations.insert(token, location.clone());
        assert!(
            previous.is_none_or(|p| p == location),
            "a resend leads to the same receipt"
        );
    }

    assert_eq!(count(&app.pool).await, 1000);
    let distinct: i64 =
        sqlx::query_scalar("SELECT count(DISTINCT tracking_number) FROM submissions")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(distinct, 1000);
    let receipts: std::collections::HashSet<&String> = locations.values().collect();
    assert_eq!(receipts.len(), 1000);
}

/// Sends `THANKS` and reads the receipt's address: the location, its number and its key.
async fn sent_thanks(app: &TestApp) -> (String, String, String) {
    let form = app.open_form("/feedback/new").await;
    let location = app.send_form("/feedback", &form, THANKS).await.headers()["location"]
        .to_str()
        .unwrap()
        .to_string();
    let number = location
        .trim_start_matches("/track/")
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let key = location
        .split("key=")
        .nth(1)
        .and_then(|rest| rest.split('&').next())
        .unwrap()
        .to_string();
    (location, number, key)
}

#[tokio::test]
async fn a_wrong_number_or_key_is_not_found_and_repeated_guesses_are_slowed() {
    let app = demo_app().await;
    let (location, number, key) = sent_thanks(&app).await;

    let right = app.get(&location).await;
    let wrong_key = app
        .get(&format!("/track/{number}?key=AAAAAAAAAA&lang=en"))
        .await;
    let missing = app.get("/track/ATR-2611-ZZZZ?key=AAAAAAAAAA&lang=en").await;
    let by_form = app
        .get(&format!(
            "/track?number={}&key={}",
            number.to_lowercase(),
            key
        ))
        .await;

    assert_eq!(right.status(), 200);
    assert_eq!(
        by_form.status(),
        200,
        "the form accepts a lower-case number"
    );
    assert_eq!(wrong_key.status(), 404);
    assert_eq!(missing.status(), 404);
    let a = Html::parse_document(&wrong_key.text().await.unwrap());
    let b = Html::parse_document(&missing.text().await.unwrap());
    assert_eq!(
        texts(&a, ".error-summary"),
        texts(&b, ".error-summary"),
        "no way to tell them apart"
    );
    let mut statuses = Vec::new();
    for i in 0..12 {
        statuses.push(
            app.get(&format!("/track/{number}?key=WRONG{i:05}"))
                .await
                .status()
                .as_u16(),
        );
    }
    assert!(statuses.contains(&429), "{statuses:?}");
}

/// The Latin letters and digits a Russian or Kazakh keyboard has a look-alike for, as typed
/// by someone copying a receipt with the keyboard left in Cyrillic.
fn typed_in_cyrillic(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'A' => 'а',
            'B' => 'в',
            'C' => 'с',
            'E' => 'е',
            'H' => 'н',
            'K' => 'к',
            'M' => 'м',
            'P' => 'р',
            'T' => 'т',
            'X' => 'х',
            '0' => 'О',
            '-' => ' ',
            c => c,
        })
        .collect()
}

#[tokio::test]
async fn a_number_and_key_typed_on_a_cyrillic_keyboard_find_the_receipt() {
    let app = demo_app().await;
    let (_, number, key) = sent_thanks(&app).await;
    // ATR-2611-… becomes «атR 2611 …», the key grouped in two halves with a space.
    let typed_number = typed_in_cyrillic(&number);
    let typed_key = format!(
        "{} {}",
        typed_in_cyrillic(&key[..5]).to_lowercase(),
        typed_in_cyrillic(&key[5..])
    );
    assert_ne!(typed_number, number);

    let query =
        serde_urlencoded::to_string([("number", &typed_number), ("key", &typed_key)]).unwrap();
    let found = app.get(&format!("/track?{query}")).await;

    assert_eq!(found.status(), 200, "{typed_number} / {typed_key}");
    let page = Html::parse_document(&found.text().await.unwrap());
    assert!(
        texts(&page, "main").concat().contains(&number),
        "the receipt names the number in its stored form"
    );
}

#[tokio::test]
async fn switching_language_on_a_returned_form_keeps_what_was_typed_and_stores_nothing() {
    let app = demo_app().await;
    let form = app.open_form("/feedback/new?lang=en").await;
    let mistaken = with(THANKS, &[("phone", "12-34")]);
    let returned = app.send_form("/feedback", &form, &mistaken).await;
    assert_eq!(returned.status(), 422);
    let html = Html::parse_document(&returned.text().await.unwrap());
    // The switcher of a returned form leads to the form's own language buttons, which send
    // the form back; never a GET that loses it.
    assert_eq!(
        attrs(&html, ".lang-switcher a", "href"),
        ["#form-languages", "#form-languages", "#form-languages"]
    );
    let actions = attrs(
        &html,
        "form#submission-form #form-languages button[name=relang]",
        "formaction",
    );
    assert_eq!(actions, ["/feedback?lang=kk", "/feedback?lang=ru"]);

    let mut again = with(&mistaken, &[("relang", "1")]);
    again.push(("csrf_token", &form.csrf));
    again.push(("form_token", &form.token));
    let switched = app
        .client
        .post(app.url("/feedback?lang=kk"))
        .form(&again)
        .send()
        .await
        .unwrap();

    assert_eq!(switched.status(), 200);
    let html = Html::parse_document(&switched.text().await.unwrap());
    assert_eq!(attrs(&html, "html", "lang"), ["kk"]);
    assert_eq!(
        text(&html, "#body"),
        "The inspector helped my mother find her lost documents."
    );
    assert_eq!(attrs(&html, "#phone", "value"), ["12-34"]);
    assert_eq!(
        attrs(&html, "input[name=form_token]", "value"),
        std::slice::from_ref(&form.token),
        "still the same form: sending it stores it once"
    );
    assert_eq!(
        texts(&html, "#phone-error").len(),
        1,
        "the mistake is shown again, in Kazakh"
    );
    assert_ne!(
        texts(&html, "#phone-error"),
        ["Enter a Kazakhstan phone number, for example +7 701 234 56 78."]
    );
    assert_eq!(count(&app.pool).await, 0, "nothing stored");

    // A language link to where a form is sent leads to the blank form.
    let bookmark = app.get("/feedback?lang=kk").await;
    assert_eq!(bookmark.status(), 303);
    assert_eq!(bookmark.headers()["location"], "/feedback/new?lang=kk");
}

#[tokio::test]
async fn the_page_after_sending_says_who_answers_by_when_how_and_what_if_urgent() {
    let app = demo_app().await;
    let form = app.open_form("/requests/new?lang=en").await;
    let request = [
        ("category", "other"),
        ("place", "Abai Street 10"),
        (
            "body",
            "Please check the broken street light at the crossing.",
        ),
        ("name", "Aigerim"),
        ("phone", "+7 701 234 56 78"),
        ("consent", "1"),
    ];
    let sent = app.send_and_confirm("/requests", &form, &request).await;
    assert_eq!(sent.status(), 303);
    let location = sent.headers()["location"].to_str().unwrap().to_string();

    let first = app.page(&format!("{location}&lang=en"), 200).await;
    let due = text(&first, "#receipt-due");
    let steps = texts(&first, "#next-steps li");
    assert_eq!(steps.len(), 4, "{steps:?}");
    assert!(
        steps[0].starts_with("The Atyrau Region Police Department considers your appeal")
            && due.starts_with(
                steps[0]
                    .split("answers by ")
                    .nth(1)
                    .unwrap()
                    .get(..10)
                    .unwrap()
            ),
        "{steps:?} / {due}"
    );
    assert!(steps[1].contains("3 working days"));
    assert!(steps[3].contains("102") && steps[3].contains("112"));
    assert_eq!(
        text(&first, "#receipt-addressed"),
        "Atyrau Region Police Department"
    );

    let later = app
        .page(&format!("{}&lang=en", location.replace("&new=1", "")), 200)
        .await;
    assert!(
        texts(&later, "#next-steps").is_empty(),
        "only right after sending"
    );
}

#[tokio::test]
async fn the_post_picker_lists_numbers_in_their_order() {
    let app = demo_app().await;
    let html = app.page("/feedback/new?lang=ru", 200).await;
    let labels = texts(&html, "#post option");
    let points: Vec<&str> = labels
        .iter()
        .filter_map(|l| l.strip_prefix("Участковый пункт полиции № "))
        .map(|rest| rest.split(' ').next().unwrap_or_default())
        .collect();
    let expected: Vec<String> = (1..=points.len()).map(|n| n.to_string()).collect();
    assert!(points.len() >= 20, "{labels:?}");
    assert_eq!(
        points, expected,
        "№ 1, № 2 … № 10, not № 1, № 10, № 11 … № 2"
    );
}
