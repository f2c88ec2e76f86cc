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
                command.arg(format!("--port={port}"));
                // CHROMEDRIVER_LOG=/path keeps the driver's verbose log for a failed run.
                if let Ok(log) = std::env::var("CHROMEDRIVER_LOG") {
                    command.arg(format!("--log-path={log}")).arg("--verbose");
                }
                command.stdout(Stdio::null()).stderr(Stdio::null());
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
    browser_at(Screen::Window(390, 844), "ru-RU,ru", true).await
}

/// The size of the page in CSS pixels: a window (at least 500 wide when headless), or a
/// phone's screen, emulated (where a click is a tap: drive it with keys).
#[derive(Clone, Copy)]
pub enum Screen {
    Window(u32, u32),
    Phone(u32, u32),
}

/// A new headless Chromium of that screen, asking for `languages` first, with JavaScript on
/// or off.
pub async fn browser_at(screen: Screen, languages: &str, javascript: bool) -> WebDriver {
    let size = match screen {
        Screen::Window(w, h) | Screen::Phone(w, h) => (w, h),
    };
    let mut caps = DesiredCapabilities::chrome();
    let binary = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    caps.set_binary(&binary).unwrap();
    let first = languages.split(',').next().unwrap_or("ru");
    for arg in [
        "--headless",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        &format!("--window-size={},{}", size.0, size.1),
        // A resident's browser language, whatever the machine's locale.
        &format!("--lang={first}"),
        &format!("--accept-lang={languages}"),
    ] {
        caps.add_arg(arg).unwrap();
    }
    if let Screen::Phone(..) = screen {
        caps.add_experimental_option(
            "mobileEmulation",
            serde_json::json!({"deviceMetrics": {"width": size.0, "height": size.1, "pixelRatio": 2}}),
        )
        .unwrap();
    }
    if !javascript {
        caps.add_experimental_option(
            "prefs",
            serde_json::json!({"profile.managed_default_content_settings.javascript": 2}),
        )
        .unwrap();
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
    find(driver, By::Css("html"))
        .await
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

    find(&driver, By::Css(".lang-switcher a[hreflang=kk]"))
        .await
        .click()
        .await
        .unwrap();

    assert_eq!(lang_of(&driver).await, "kk");
    let heading = find(&driver, By::Css("h1")).await.text().await.unwrap();
    assert_eq!(heading, "Полиция халыққа жақын");
    let link = find(&driver, By::Css("main .card a")).await;
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
    find(&driver, By::Css("input[name=open_now]"))
        .await
        .click()
        .await
        .unwrap();
    find(&driver, By::Id("q"))
        .await
        .send_keys("Сатпаева")
        .await
        .unwrap();
    press_enter(&driver, "q").await;
    let choice = find(&driver, By::Css(".matches a")).await;
    assert_eq!(choice.text().await.unwrap(), "улица Сатпаева");
    choice.click().await.unwrap();

    let first = find(&driver, By::Css("#results .result:first-child")).await;
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
    find(&driver, By::Css("table.hours")).await;
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

    let summary = find(&driver, By::Css(".error-summary a")).await;
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
    find(&driver, By::Id("q"))
        .await
        .send_keys("Central Market")
        .await
        .unwrap();
    press_enter(&driver, "q").await;

    let name = find(&driver, By::Css(".inspector-card h2"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!name.is_empty());
    let beat = find(&driver, By::Css(".beat h3")).await;
    assert_eq!(beat.text().await.unwrap(), "Beat No. 34");
    assert_accessible(&driver, "the inspector card").await;

    let phone = find(&driver, By::Css(".inspector-card a.phone")).await;
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

/// The element, once the page that has it is there. A click or Enter that submits a form
/// returns before the next page has loaded, so a single lookup can look at the old page and
/// fail at random; this waits (thirtyfour's query, up to its timeout) and, if the element
/// never comes, says where the browser is and what it shows.
pub async fn find(driver: &WebDriver, by: By) -> WebElement {
    match driver.query(by).first().await {
        Ok(element) => element,
        Err(e) => {
            let url = driver.current_url().await.map(|u| u.to_string());
            let source = driver.source().await.unwrap_or_default();
            panic!("{e}; at {url:?}: {source}");
        }
    }
}

/// Submits a form the way a person at a keyboard does: Enter in one of its fields. (A click
/// on the submit button can land on the browser's autofill popup instead.)
pub async fn press_enter(driver: &WebDriver, id: &str) {
    find(driver, By::Id(id))
        .await
        .send_keys(Key::Enter)
        .await
        .unwrap();
}

/// Waits for the dashboard after signing in; on failure shows where the browser is instead.
async fn signed_in(driver: &WebDriver) {
    find(driver, By::Id("counts")).await;
}

/// Waits for a page load to show `expected` in the element (the old page may still be there).
pub async fn wait_for_text(driver: &WebDriver, css: &str, expected: &str) {
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
    let url = driver.current_url().await.map(|u| u.to_string());
    let main = match driver.find(By::Css("main")).await {
        Ok(main) => main.text().await.unwrap_or_default(),
        Err(_) => String::new(),
    };
    panic!("{css} shows {last:?}, not {expected:?}, at {url:?}: {main}");
}

pub async fn fill(driver: &WebDriver, id: &str, value: &str) {
    let field = find(driver, By::Id(id)).await;
    field.clear().await.unwrap();
    field.send_keys(value).await.unwrap();
}

#[tokio::test]
async fn a_resident_thanks_an_inspector_corrects_a_mistake_prints_the_receipt_and_tracks_it() {
    let app = TestApp::builder().with_demo_data().spawn().await;
    let pool = app.pool.clone();
    let driver = browser().await;

    driver.goto(app.url("/inspectors/1?lang=en")).await.unwrap();
    find(&driver, By::LinkText("Say thanks"))
        .await
        .click()
        .await
        .unwrap();
    let thanks = find(&driver, By::Css("input[name=type][value=thanks]")).await;
    assert!(thanks.is_selected().await.unwrap(), "thanks is chosen");
    let chosen = find(&driver, By::Css("#inspector option[selected]")).await;
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
    find(&driver, By::Id("consent"))
        .await
        .click()
        .await
        .unwrap();
    fill(&driver, "name", "Aigerim").await;
    fill(&driver, "phone", "12-34").await;
    press_enter(&driver, "phone").await;

    let summary = find(&driver, By::Css(".error-summary a")).await;
    assert_eq!(
        summary.text().await.unwrap(),
        "Enter a Kazakhstan phone number, for example +7 701 234 56 78."
    );
    let body = find(&driver, By::Id("body")).await;
    assert_eq!(
        body.prop("value").await.unwrap().as_deref(),
        Some("The inspector came within ten minutes and calmed the neighbours.")
    );
    assert_accessible(&driver, "the feedback form with errors").await;

    fill(&driver, "phone", "+7 701 234 56 78").await;
    press_enter(&driver, "phone").await;

    let number = find(&driver, By::Id("tracking-number"))
        .await
        .text()
        .await
        .unwrap();
    let key = find(&driver, By::Id("tracking-key"))
        .await
        .text()
        .await
        .unwrap();
    assert!(number.starts_with("ATR-"), "{number}");
    let print = find(&driver, By::Id("print")).await;
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
    let printed = find(&driver, By::Css("body"))
        .await
        .attr("data-printed")
        .await
        .unwrap();
    assert_eq!(printed.as_deref(), Some("yes"));
    assert_accessible(&driver, "the receipt").await;

    driver.goto(app.url("/track?lang=en")).await.unwrap();
    fill(&driver, "number", &number).await;
    fill(&driver, "key", &key).await;
    press_enter(&driver, "key").await;
    let status = find(&driver, By::Id("receipt-status"))
        .await
        .text()
        .await
        .unwrap();
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
        .goto(app.url("/staff/queue?kind=thanks&view=all&lang=en"))
        .await
        .unwrap();
    assert_accessible(&driver, "the staff queue").await;
    find(&driver, By::Css("#queue tbody a"))
        .await
        .click()
        .await
        .unwrap();
    find(&driver, By::Id("action-take"))
        .await
        .click()
        .await
        .unwrap();
    let text = find(&driver, By::Id("publish-text")).await;
    let suggested = text.prop("value").await.unwrap().unwrap_or_default();
    assert_eq!(
        suggested, "Thank you, the inspector found my bag. Call me at […].",
        "prefilled with a suggested redaction"
    );
    let masked = find(&driver, By::Css("#publish-masked mark")).await;
    assert_eq!(masked.text().await.unwrap(), "+7 701 555 12 34");
    let redacted = suggested.replace("[…]", "[phone removed]");
    text.clear().await.unwrap();
    text.send_keys(&redacted).await.unwrap();
    assert_accessible(&driver, "a submission with its contact details and actions").await;
    find(&driver, By::Id("action-publish"))
        .await
        .click()
        .await
        .unwrap();
    // The preview shows exactly what the public page will, and nothing is published yet.
    let preview = find(&driver, By::Id("preview-text")).await;
    assert_eq!(preview.text().await.unwrap(), redacted);
    assert_accessible(&driver, "the preview of a thanks to publish").await;
    find(&driver, By::Id("confirm-publish"))
        .await
        .click()
        .await
        .unwrap();
    wait_for_text(&driver, "#status", "Published").await;

    driver.goto(app.url("/inspectors/1?lang=en")).await.unwrap();
    let shown = find(&driver, By::Css(".thanks-list .public-text"))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(shown, redacted);
    let page = find(&driver, By::Css("main")).await.text().await.unwrap();
    assert!(
        !page.contains("555 12 34"),
        "only the redacted text is public"
    );

    driver
        .goto(app.url(&format!("/staff/submissions/{request_id}?lang=en")))
        .await
        .unwrap();
    find(&driver, By::Id("action-take"))
        .await
        .click()
        .await
        .unwrap();
    fill(
        &driver,
        "answer-text",
        "The traffic light was repaired on the same day.",
    )
    .await;
    find(&driver, By::Id("action-answer"))
        .await
        .click()
        .await
        .unwrap();
    find(&driver, By::Id("confirm-answer"))
        .await
        .click()
        .await
        .unwrap();
    // Let the answer land before leaving the page, or the navigation cancels the POST.
    wait_for_text(&driver, "#status", "Answered").await;
    driver
        .goto(app.url(&format!("{tracking}&lang=en")))
        .await
        .unwrap();
    let answer = find(&driver, By::Id("answer")).await.text().await.unwrap();
    assert_eq!(answer, "The traffic light was repaired on the same day.");

    // An administrator's pages pass too.
    driver.delete_all_cookies().await.unwrap();
    driver.goto(app.url("/staff/login?lang=kk")).await.unwrap();
    fill(&driver, "email", ADMIN.0).await;
    fill(&driver, "password", ADMIN.1).await;
    press_enter(&driver, "password").await;
    signed_in(&driver).await;
    driver.goto(app.url("/staff/audit")).await.unwrap();
    find(&driver, By::Id("audit-log")).await;
    assert_accessible(&driver, "the audit log").await;
    let _ = thanks;
    driver.quit().await.unwrap();
}
