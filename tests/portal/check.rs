//! "Check your answers": a complaint or a request is shown to the resident before it is sent;
//! "Change" and the language buttons keep everything; nothing is stored until it is sent.

use scraper::Html;

use crate::helpers::{TestApp, attrs, text, texts};

const COMPLAINT: &[(&str, &str)] = &[
    ("type", "complaint"),
    ("inspector", "1"),
    ("officer", "Sergeant at the Abai Street post"),
    ("incident_date", "24.11.2026"),
    ("incident_time", "21:30"),
    (
        "body",
        "Nobody came when I called about the fight\nin our yard.",
    ),
    ("name", "Serik"),
    ("phone", "8 702 000 00 00"),
    ("consent", "1"),
];

async fn stored(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM submissions")
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

/// The text of one element as it is, line breaks included.
fn raw_text(html: &Html, selector: &str) -> String {
    let selector = scraper::Selector::parse(selector).unwrap();
    let all: Vec<String> = html.select(&selector).map(|e| e.text().collect()).collect();
    assert_eq!(all.len(), 1, "{all:?}");
    all.concat()
}

/// The hidden fields of the check page, as its buttons send them.
fn hidden_fields(html: &Html) -> Vec<(String, String)> {
    let names = attrs(html, "#check-form input[type=hidden]", "name");
    let values = attrs(html, "#check-form input[type=hidden]", "value");
    names.into_iter().zip(values).collect()
}

async fn press(app: &TestApp, path: &str, fields: &[(String, String)]) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .form(fields)
        .send()
        .await
        .unwrap()
}

fn with_button(fields: &[(String, String)], name: &str, value: &str) -> Vec<(String, String)> {
    let mut fields = fields.to_vec();
    fields.push((name.into(), value.into()));
    fields
}

#[tokio::test]
async fn a_complaint_is_checked_changed_and_sent_once() {
    let app = TestApp::builder().with_demo_data().spawn().await;
    let form = app.open_form("/feedback/new?lang=en").await;

    let check = app.send_form("/feedback", &form, COMPLAINT).await;
    assert_eq!(check.status(), 200);
    let html = Html::parse_document(&check.text().await.unwrap());
    assert_eq!(text(&html, "h1"), "Check your answers before sending");
    assert_eq!(stored(&app).await, 0, "nothing is stored before it is sent");
    assert_eq!(text(&html, "#check-type"), "Complaint");
    assert!(!text(&html, "#check-inspector").is_empty());
    assert!(text(&html, "#check-post").contains("Not given"));
    assert_eq!(text(&html, "#check-incident_date"), "24.11.2026 21:30");
    // The phone as it will be stored; the text with its line break.
    assert_eq!(text(&html, "#check-phone"), "+7 702 000 00 00");
    assert_eq!(
        raw_text(&html, "#check-body"),
        "Nobody came when I called about the fight\nin our yard."
    );
    let changes = attrs(&html, "button[name=change]", "formaction");
    assert!(
        changes.contains(&"/feedback#body".to_string()),
        "{changes:?}"
    );
    let fields = hidden_fields(&html);

    // "Change": the form again, everything kept, nothing stored.
    let change = press(&app, "/feedback", &with_button(&fields, "change", "body")).await;
    assert_eq!(change.status(), 200);
    let form_again = Html::parse_document(&change.text().await.unwrap());
    assert_eq!(
        raw_text(&form_again, "#body"),
        "Nobody came when I called about the fight\nin our yard."
    );
    assert_eq!(attrs(&form_again, "#name", "value"), ["Serik"]);
    assert_eq!(attrs(&form_again, "#incident_time", "value"), ["21:30"]);
    assert_eq!(
        attrs(&form_again, "#inspector option[selected]", "value"),
        ["1"]
    );
    assert_eq!(
        attrs(&form_again, "input[name=type][checked]", "value"),
        ["complaint"]
    );
    assert!(texts(&form_again, ".error-summary").is_empty());

    // Another language: still the check page, in Kazakh, with the same answers.
    let kazakh = press(
        &app,
        "/feedback?lang=kk",
        &with_button(&fields, "relang", "1"),
    )
    .await;
    assert_eq!(kazakh.status(), 200);
    let kazakh = Html::parse_document(&kazakh.text().await.unwrap());
    assert_eq!(
        text(&kazakh, "h1"),
        "Жібермес бұрын жауаптарыңызды тексеріңіз"
    );
    assert_eq!(text(&kazakh, "#check-type"), "Шағым");
    assert_eq!(hidden_fields(&kazakh), fields);
    assert_eq!(stored(&app).await, 0);

    // Sent from the check page: stored once, even if sent twice.
    let sent = press(&app, "/feedback", &fields).await;
    assert_eq!(sent.status(), 303);
    let again = press(&app, "/feedback", &fields).await;
    assert_eq!(again.status(), 303);
    assert_eq!(sent.headers()["location"], again.headers()["location"]);
    assert_eq!(stored(&app).await, 1);
    let (body, phone): (String, Option<String>) =
        sqlx::query_as("SELECT body, phone FROM submissions")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        body,
        "Nobody came when I called about the fight\nin our yard."
    );
    assert_eq!(phone.as_deref(), Some("+77020000000"));
}

#[tokio::test]
async fn a_request_is_checked_a_thanks_is_sent_at_once_and_a_mistake_is_not_checked() {
    let app = TestApp::builder().with_demo_data().spawn().await;
    let request = [
        ("category", "noise"),
        ("place", "улица Абая, 5"),
        ("lat", "47.1"),
        ("lon", "51.9"),
        ("body", "Loud music every night after midnight."),
        ("name", "Серик"),
        ("email", "serik@example.kz"),
        ("consent", "1"),
    ];
    let form = app.open_form("/requests/new?lang=ru").await;
    let check = app.send_form("/requests", &form, &request).await;
    assert_eq!(check.status(), 200);
    let html = Html::parse_document(&check.text().await.unwrap());
    assert_eq!(text(&html, "h1"), "Проверьте ответы перед отправкой");
    assert_eq!(text(&html, "#check-lat"), "47,10000; 51,90000");
    assert_eq!(text(&html, "#check-email"), "serik@example.kz");
    assert_eq!(
        attrs(&html, "#check-form", "action"),
        ["/requests"],
        "sent on to the request form's address"
    );
    assert_eq!(stored(&app).await, 0);

    // A mistake goes back to the form, not to the check page.
    let form = app.open_form("/requests/new?lang=ru").await;
    let mistaken = app
        .send_form("/requests", &form, &[("category", "noise")])
        .await;
    assert_eq!(mistaken.status(), 422);

    let form = app.open_form("/feedback/new").await;
    let thanks = app
        .send_form("/feedback", &form, crate::helpers::THANKS_WITH_PHONE)
        .await;
    assert_eq!(thanks.status(), 303, "a thanks skips the check");
    assert_eq!(stored(&app).await, 1);
}

#[tokio::test]
async fn the_check_page_passes_axe_and_change_puts_the_cursor_in_the_field() {
    use thirtyfour::prelude::*;

    use crate::browser::{Screen, assert_accessible, browser_at, fill, find, press_enter};

    let app = TestApp::builder().with_demo_data().spawn().await;
    let driver = browser_at(Screen::Phone(360, 740), "kk-KZ,kk", true).await;
    driver.goto(app.url("/requests/new")).await.unwrap();
    find(&driver, By::Id("category"))
        .await
        .send_keys("Ш")
        .await
        .unwrap();
    fill(&driver, "place", "Абай көшесі, 13").await;
    fill(&driver, "body", "Түнде аулада қатты музыка ойнайды.").await;
    fill(&driver, "name", "Серік").await;
    fill(&driver, "email", "serik@example.kz").await;
    find(&driver, By::Id("consent"))
        .await
        .send_keys(Key::Space)
        .await
        .unwrap();
    press_enter(&driver, "name").await;

    let title = find(&driver, By::Css("h1")).await;
    assert_eq!(
        title.text().await.unwrap(),
        "Жібермес бұрын жауаптарыңызды тексеріңіз"
    );
    assert_accessible(&driver, "the check page in Kazakh").await;
    find(&driver, By::Css("button[name=change][value=place]"))
        .await
        .send_keys(Key::Enter)
        .await
        .unwrap();
    let place = find(&driver, By::Css("#place:focus")).await;
    assert_eq!(
        place.prop("value").await.unwrap().as_deref(),
        Some("Абай көшесі, 13")
    );
    driver.quit().await.unwrap();
}
