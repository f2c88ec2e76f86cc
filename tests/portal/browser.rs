//! Scenarios in headless Chromium through chromedriver, with axe-core checking accessibility.

use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

use serde_json::Value;
use thirtyfour::prelude::*;

use crate::helpers::{ADMIN, MODERATOR, THANKS_WITH_PHONE, TestApp};

static DRIVER_URL: OnceLock<String> = OnceLock::new();
const AXE: &str = include_str!("../browser/axe.min.js");

/// Starts chromedriver once per test process, from a thread that lives as long as the
/// process, so that the driver is told to exit (PR_SET_PDEATHSIG) when the tests end.
fn driver_url() -> String {
    DRIVER_URL
        .get_or_init(|| {
            let port = TcpListener::bind("127.0.0.1:0")
                .and_then(|l| l.local_addr())
                .map(|a| a.port())
                .expect("a free port");
            let binary = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
            let (tx, rx) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                use std::os::unix::process::CommandExt;
                let mut command = Command::new(&binary);
                command
                    .arg(format!("--port={port}"))
                    .stdout(Stdio::null())
                    .stderr(Stdio::null());
                // SAFETY: prctl is async-signal-safe.
                unsafe {
                    command.pre_exec(|| {
                        nix::libc::prctl(nix::libc::PR_SET_PDEATHSIG, nix::libc::SIGTERM);
                        Ok(())
                    });
                }
                match command.spawn() {
                    Ok(mut child) => {
                        tx.send(Ok(())).ok();
                        let _ = child.wait();
                    }
                    Err(e) => {
                        tx.send(Err(format!(
                            "cannot start {binary} ({e}); install chromium and chromium-driver"
                        )))
                        .ok();
                    }
                }
            });
            if let Err(e) = rx.recv().expect("the driver thread answered") {
                panic!("{e}");
            }
            let url = format!("http://127.0.0.1:{port}");
            for _ in 0..100 {
                if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                    return url;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            panic!("chromedriver did not start listening on {url}");
        })
        .clone()
}

/// A new headless Chromium window at a phone's width.
pub async fn browser() -> WebDriver {
    let mut caps = DesiredCapabilities::chrome();
    let binary = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    caps.set_binary(&binary).unwrap();
    for arg in [
        "--headless",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=390,844",
        // A Russian-speaking resident's browser, whatever the machine's locale.
        "--lang=ru-RU",
        "--accept-lang=ru-RU,ru",
    ] {
        caps.add_arg(arg).unwrap();
    }
    WebDriver::new(driver_url(), caps)
        .await
        .expect("a chromedriver session")
}

/// Runs axe-core on the current page and fails on any WCAG 2.1 A or AA violation.
pub async fn assert_accessible(driver: &WebDriver, what: &str) {
    driver.execute(AXE, Vec::<Value>::new()).await.unwrap();
    let result = driver
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               axe.run(document, {runOnly: {type: 'tag',
                   values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                 .then(r => done(r.violations.map(v => ({id: v.id, help: v.help,
                     nodes: v.nodes.map(n => n.html)}))))
                 .catch(e => done([{id: 'axe-error', help: String(e), nodes: []}]));"#,
            Vec::<Value>::new(),
        )
        .await
        .unwrap();
    let violations = result.json().as_array().cloned().unwrap_or_default();
    assert!(
        violations.is_empty(),
        "axe-core found WCAG violations on {what}: {violations:#?}"
    );
}

async fn lang_of(driver: &WebDriver) -> String {
    driver
        .find(By::Css("html"))
        .await
        .unwrap()
        .attr("lang")
        .await
        .unwrap()
        .unwrap_or_default()
}

#[tokio::test]
async fn a_resident_switches_the_home_page_to_kazakh() {
    let app = TestApp::spawn().await;
    let driver = browser().await;

    driver.goto(app.url("/")).await.unwrap();
    assert_eq!(lang_of(&driver).await, "ru");
    assert_accessible(&driver, "the Russian home page").await;

    driver
        .find(By::Css(".lang-switcher a[hreflang=kk]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();

    assert_eq!(lang_of(&driver).await, "kk");
    let heading = driver
        .find(By::Css("h1"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(heading, "Полиция халыққа жақын");
    let link = driver.find(By::Css("main .card a")).await.unwrap();
    assert_eq!(link.text().await.unwrap(), "Полиция бекетін табу");
    assert_accessible(&driver, "the Kazakh home page").await;

    // The choice sticks when the resident comes back without ?lang=.
    driver.goto(app.url("/")).await.unwrap();
    assert_eq!(lang_of(&driver).await, "kk");
    driver.quit().await.unwrap();
}

#[tokio::test]
async fn a_resident_types_a_street_picks_it_and_sees_the_nearest_open_post_first() {
    let app = TestApp::builder().with_demo_data().spawn().await;
    let driver = browser().await;

    driver.goto(app.url("/posts")).await.unwrap();
    // The box first: typing opens the browser's autofill list over what lies below the field.
    driver
        .find(By::Css("input[name=open_now]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    driver
        .find(By::Id("q"))
        .await
        .unwrap()
        .send_keys("Сатпаева")
        .await
        .unwrap();
    press_enter(&driver, "q").await;
    let choice = driver.find(By::Css(".matches a")).await.unwrap();
    assert_eq!(choice.text().await.unwrap(), "улица Сатпаева");
    choice.click().await.unwrap();

    let first = driver
        .find(By::Css("#results .result:first-child"))
        .await
        .unwrap();
    let badge = first.find(By::Css(".badge")).await.unwrap();
    assert_eq!(
        badge.attr("class").await.unwrap().as_deref(),
        Some("badge open")
    );
    let phone = first.find(By::Css("a.phone")).await.unwrap();
    let href = phone.attr("href").await.unwrap().unwrap_or_default();
    assert!(href.starts_with("tel:+77122"), "{href}");
    // The list is ordered by distance: the first is no farther than the second.
    let distances = driver
        .find_all(By::Css("#results .distance"))
        .await
        .unwrap();
    assert!(distances.len() >= 2);
    assert_accessible(&driver, "the post results page").await;

    first
        .find(By::Css("h3 a"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert!(driver.find(By::Css("table.hours")).await.is_ok());
    assert_accessible(&driver, "a post page").await;
    driver.quit().await.unwrap();
}

#[tokio::test]
async fn the_search_form_with_errors_passes_axe() {
    let app = TestApp::spawn().await;
    let driver = browser().await;

    driver
        .goto(app.url("/posts?lat=100&lon=51&lang=kk"))
        .await
        .unwrap();

    let summary = driver.find(By::Css(".error-summary a")).await.unwrap();
    assert_eq!(
        summary.text().await.unwrap(),
        "Ендік -90 пен 90 аралығында болуы керек."
    );
    assert_accessible(&driver, "the search form with errors").await;
    driver.quit().await.unwrap();
}

#[tokio::test]
async fn a_resident_finds_their_inspector_from_an_address_and_follows_the_phone_link() {
    let app = TestApp::builder().with_demo_data().spawn().await;
    let driver = browser().await;

    driver
        .goto(app.url("/inspectors/find?lang=en"))
        .await
        .unwrap();
    driver
        .find(By::Id("q"))
        .await
        .unwrap()
        .send_keys("Central Market")
        .await
        .unwrap();
    press_enter(&driver, "q").await;

    let name = driver
        .find(By::Css(".inspector-card h2"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!name.is_empty());
    let beat = driver.find(By::Css(".beat h3")).await.unwrap();
    assert_eq!(beat.text().await.unwrap(), "Beat No. 34");
    assert_accessible(&driver, "the inspector card").await;

    let phone = driver
        .find(By::Css(".inspector-card a.phone"))
        .await
        .unwrap();
    let href = phone.attr("href").await.unwrap().unwrap_or_default();
    assert!(href.starts_with("tel:+77122"), "{href}");
    // A tel: link hands the number to the phone's dialer; the page itself stays.
    phone.click().await.unwrap();
    assert!(
        driver
            .current_url()
            .await
            .unwrap()
            .as_str()
            .contains("/inspectors/find")
    );

    driver.goto(app.url("/inspectors?lang=kk")).await.unwrap();
    let rows = driver
        .find_all(By::Css("table.directory tbody tr"))
        .await
        .unwrap();
    assert_eq!(rows.len(), 20);
    assert_accessible(&driver, "the inspector directory").await;
    driver.quit().await.unwrap();
}

/// Submits a form the way a person at a keyboard does: Enter in one of its fields. (A click
/// on the submit button can land on the browser's autofill popup instead.)
async fn press_enter(driver: &WebDriver, id: &str) {
    driver
        .find(By::Id(id))
        .await
        .unwrap()
        .send_keys(Key::Enter)
        .await
        .unwrap();
}

/// Waits for the dashboard after signing in; on failure shows where the browser is instead.
async fn signed_in(driver: &WebDriver) {
    if driver.find(By::Id("counts")).await.is_err() {
        let url = driver.current_url().await.unwrap();
        let source = driver.source().await.unwrap_or_default();
        panic!("not signed in; at {url}: {source}");
    }
}

/// Waits for a page load to show `expected` in the element (the old page may still be there).
async fn wait_for_text(driver: &WebDriver, css: &str, expected: &str) {
    let mut last = String::new();
    for _ in 0..100 {
        if let Ok(element) = driver.find(By::Css(css)).await
            && let Ok(text) = element.text().await
        {
            if text == expected {
                return;
            }
            last = text;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{css} shows {last:?}, not {expected:?}");
}

async fn fill(driver: &WebDriver, id: &str, value: &str) {
    let field = driver.find(By::Id(id)).await.unwrap();
    field.clear().await.unwrap();
    field.send_keys(value).await.unwrap();
}

#[tokio::test]
async fn a_resident_thanks_an_inspector_corrects_a_mistake_prints_the_receipt_and_tracks_it() {
    let app = TestApp::builder().with_demo_data().spawn().await;
    let pool = app.pool.clone();
    let driver = browser().await;

    driver.goto(app.url("/inspectors/1?lang=en")).await.unwrap();
    driver
        .find(By::LinkText("Say thanks"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let thanks = driver
        .find(By::Css("input[name=type][value=thanks]"))
        .await
        .unwrap();
    assert!(thanks.is_selected().await.unwrap(), "thanks is chosen");
    let chosen = driver
        .find(By::Css("#inspector option[selected]"))
        .await
        .unwrap();
    assert_eq!(
        chosen.value().await.unwrap().as_deref(),
        Some("1"),
        "the inspector is filled in"
    );
    fill(
        &driver,
        "body",
        "The inspector came within ten minutes and calmed the neighbours.",
    )
    .await;
    driver
        .find(By::Id("consent"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    fill(&driver, "name", "Aigerim").await;
    fill(&driver, "phone", "12-34").await;
    press_enter(&driver, "phone").await;

    let summary = driver.find(By::Css(".error-summary a")).await.unwrap();
    assert_eq!(
        summary.text().await.unwrap(),
        "Enter a Kazakhstan phone number, for example +7 701 234 56 78."
    );
    let body = driver.find(By::Id("body")).await.unwrap();
    assert_eq!(
        body.prop("value").await.unwrap().as_deref(),
        Some("The inspector came within ten minutes and calmed the neighbours.")
    );
    assert_accessible(&driver, "the feedback form with errors").await;

    fill(&driver, "phone", "+7 701 234 56 78").await;
    press_enter(&driver, "phone").await;

    let number = driver
        .find(By::Id("tracking-number"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let key = driver
        .find(By::Id("tracking-key"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(number.starts_with("ATR-"), "{number}");
    let print = driver.find(By::Id("print")).await.unwrap();
    assert!(
        print.is_displayed().await.unwrap(),
        "the print button is shown with JavaScript"
    );
    // Printing replaces window.print in the page so that headless Chromium does not block.
    driver
        .execute(
            "window.print = function () { document.body.dataset.printed = 'yes'; };",
            Vec::<Value>::new(),
        )
        .await
        .unwrap();
    print.click().await.unwrap();
    let printed = driver
        .find(By::Css("body"))
        .await
        .unwrap()
        .attr("data-printed")
        .await
        .unwrap();
    assert_eq!(printed.as_deref(), Some("yes"));
    assert_accessible(&driver, "the receipt").await;

    driver.goto(app.url("/track?lang=en")).await.unwrap();
    fill(&driver, "number", &number).await;
    fill(&driver, "key", &key).await;
    press_enter(&driver, "key").await;
    let url = driver.current_url().await.unwrap();
    let status = match driver.find(By::Id("receipt-status")).await {
        Ok(e) => e.text().await.unwrap(),
        Err(e) => panic!("{url}: {}: {e}", driver.source().await.unwrap()),
    };
    assert_eq!(status, "Received");
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM submissions")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(stored, 1);
    driver.quit().await.unwrap();
}

#[tokio::test]
async fn a_moderator_redacts_and_publishes_a_thanks_and_answers_a_request() {
    let app = TestApp::builder()
        .with_demo_data()
        .with_staff()
        .with_settings(|s| s.submissions_per_minute = 100)
        .spawn()
        .await;
    let (thanks, _) = app.submit("/feedback", THANKS_WITH_PHONE).await;
    let request: &[(&str, &str)] = &[
        ("category", "road_safety"),
        ("place", "проспект Азаттык, 25"),
        ("body", "The traffic light at the crossing is broken."),
        ("name", "Serik"),
        ("phone", "+7 702 000 00 00"),
        ("consent", "1"),
    ];
    let (request_id, tracking) = app.submit("/requests", request).await;
    let driver = browser().await;

    driver.goto(app.url("/staff/queue?lang=en")).await.unwrap();
    assert!(
        driver
            .current_url()
            .await
            .unwrap()
            .path()
            .ends_with("/staff/login")
    );
    assert_accessible(&driver, "the staff sign-in page").await;
    fill(&driver, "email", MODERATOR.0).await;
    fill(&driver, "password", MODERATOR.1).await;
    press_enter(&driver, "password").await;
    signed_in(&driver).await;
    assert_accessible(&driver, "the staff dashboard").await;

    driver
        .goto(app.url("/staff/queue?kind=thanks&lang=en"))
        .await
        .unwrap();
    assert_accessible(&driver, "the staff queue").await;
    driver
        .find(By::Css("#queue tbody a"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    driver
        .find(By::Id("action-take"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let text = driver.find(By::Id("publish-text")).await.unwrap();
    let original = text.prop("value").await.unwrap().unwrap_or_default();
    assert!(
        original.contains("+7 701 555 12 34"),
        "prefilled with the original"
    );
    let redacted = original.replace("+7 701 555 12 34", "[phone removed]");
    text.clear().await.unwrap();
    text.send_keys(&redacted).await.unwrap();
    assert_accessible(&driver, "a submission with its contact details and actions").await;
    driver
        .find(By::Id("action-publish"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(&driver, "#status", "Published").await;

    driver.goto(app.url("/inspectors/1?lang=en")).await.unwrap();
    let shown = driver
        .find(By::Css(".thanks-list .public-text"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(shown, redacted);
    let page = driver
        .find(By::Css("main"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !page.contains("555 12 34"),
        "only the redacted text is public"
    );

    driver
        .goto(app.url(&format!("/staff/submissions/{request_id}?lang=en")))
        .await
        .unwrap();
    driver
        .find(By::Id("action-take"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    fill(
        &driver,
        "answer-text",
        "The traffic light was repaired on the same day.",
    )
    .await;
    driver
        .find(By::Id("action-answer"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    // Let the answer land before leaving the page, or the navigation cancels the POST.
    wait_for_text(&driver, "#status", "Answered").await;
    driver
        .goto(app.url(&format!("{tracking}&lang=en")))
        .await
        .unwrap();
    let answer = driver
        .find(By::Id("answer"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(answer, "The traffic light was repaired on the same day.");

    // An administrator's pages pass too.
    driver.delete_all_cookies().await.unwrap();
    driver.goto(app.url("/staff/login?lang=kk")).await.unwrap();
    fill(&driver, "email", ADMIN.0).await;
    fill(&driver, "password", ADMIN.1).await;
    press_enter(&driver, "password").await;
    signed_in(&driver).await;
    driver.goto(app.url("/staff/audit")).await.unwrap();
    driver.find(By::Id("audit-log")).await.unwrap();
    assert_accessible(&driver, "the audit log").await;
    let _ = thanks;
    driver.quit().await.unwrap();
}
