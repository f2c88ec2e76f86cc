//! A resident on a 360×740 phone, in Kazakh, Russian and English, with JavaScript on and off.

use std::time::Duration;

use serde_json::Value;
use thirtyfour::prelude::*;

use crate::browser::{Screen, assert_accessible, browser_at, fill, find, press_enter};
use crate::helpers::TestApp;

/// Headless windows are at least 500 px wide: the phone's screen is emulated.
const PHONE: Screen = Screen::Phone(360, 740);

/// A landmark of the demo gazetteer that resolves to one place.
const LANDMARK: &str = "Центральный рынок";

/// The searches of the portal: the page, the id of its answer, its submit button's form.
const SEARCHES: [(&str, &str); 3] = [
    ("/", "answers"),
    ("/posts", "answer"),
    ("/inspectors/find", "answer"),
];

async fn number(driver: &WebDriver, script: &str) -> f64 {
    driver
        .execute(script, Vec::<Value>::new())
        .await
        .unwrap()
        .json()
        .as_f64()
        .unwrap_or(f64::NAN)
}

async fn string(driver: &WebDriver, script: &str) -> String {
    driver
        .execute(script, Vec::<Value>::new())
        .await
        .unwrap()
        .json()
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// Waits until the browser shows a page whose URL ends with `fragment`.
async fn wait_for_url_ending(driver: &WebDriver, fragment: &str) {
    for _ in 0..100 {
        if let Ok(url) = driver.current_url().await
            && url.as_str().ends_with(fragment)
            && driver.find(By::Id(&fragment[1..])).await.is_ok()
            && string(driver, "return document.readyState").await == "complete"
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let url = driver.current_url().await.map(|u| u.to_string());
    panic!("the browser is at {url:?}, not at {fragment}");
}

#[tokio::test]
async fn after_each_search_the_answer_starts_on_the_first_screen_of_a_phone() {
    let app = TestApp::builder().with_demo_data().spawn().await;
    for (lang, accept) in [("kk", "kk-KZ,kk"), ("ru", "ru-RU,ru"), ("en", "en-GB,en")] {
        let driver = browser_at(PHONE, accept, true).await;
        for (path, answer) in SEARCHES {
            driver.goto(app.url(path)).await.unwrap();
            assert_eq!(number(&driver, "return window.innerWidth").await, 360.0);
            let screen = number(&driver, "return window.innerHeight").await;
            assert!(screen <= 740.0, "{screen}");
            let button_bottom = number(
                &driver,
                "return document.querySelector('form.search button[type=submit]')\
                 .getBoundingClientRect().bottom",
            )
            .await;
            assert!(
                button_bottom <= screen,
                "{lang} {path}: the search button ends at {button_bottom} px, below the screen"
            );

            fill(&driver, "q", LANDMARK).await;
            press_enter(&driver, "q").await;
            wait_for_url_ending(&driver, &format!("#{answer}")).await;

            let top = number(
                &driver,
                &format!("return document.getElementById('{answer}').getBoundingClientRect().top"),
            )
            .await;
            assert!(
                (-1.0..screen - 100.0).contains(&top),
                "{lang} {path}: the answer begins at {top} px of a {screen} px screen"
            );
            let heading = find(&driver, By::Css(format!("#{answer} h2"))).await;
            let heading_text = heading.text().await.unwrap();
            let title = driver.title().await.unwrap();
            assert!(
                title.starts_with(&heading_text),
                "{lang} {path}: the title {title:?} names the answer {heading_text:?}"
            );
            let focused = string(
                &driver,
                "return document.activeElement ? document.activeElement.id : ''",
            )
            .await;
            assert_eq!(
                Some(focused),
                heading.attr("id").await.unwrap(),
                "{lang} {path}: focus moves to the answer"
            );
        }
        driver.quit().await.unwrap();
    }
}

#[tokio::test]
async fn without_javascript_the_buttons_that_need_it_are_not_shown() {
    let app = TestApp::builder().with_demo_data().spawn().await;
    for javascript in [false, true] {
        let driver = browser_at(PHONE, "ru-RU,ru", javascript).await;
        driver.goto(app.url("/posts")).await.unwrap();
        let locate = find(&driver, By::Id("locate")).await;
        assert_eq!(
            locate.is_displayed().await.unwrap(),
            javascript,
            "«use my location» with JavaScript {javascript}"
        );
        driver.quit().await.unwrap();
    }
}

#[tokio::test]
async fn without_javascript_a_resident_searches_finds_the_inspector_checks_a_complaint_and_tracks_it()
 {
    let app = TestApp::builder().with_demo_data().spawn().await;
    let driver = browser_at(PHONE, "ru-RU,ru", false).await;

    driver.goto(app.url("/posts")).await.unwrap();
    fill(&driver, "q", "Сатпаева").await;
    press_enter(&driver, "q").await;
    // Keys, not clicks: an emulated phone taps, and a tap waits for scripts that never run.
    let choice = find(&driver, By::Css(".matches a")).await;
    choice.send_keys(Key::Enter).await.unwrap();
    wait_for_url_ending(&driver, "#answer").await;
    let first = find(&driver, By::Css("#results .result:first-child h3 a")).await;
    assert!(!first.text().await.unwrap().is_empty());

    driver.goto(app.url("/inspectors/find")).await.unwrap();
    fill(&driver, "q", LANDMARK).await;
    press_enter(&driver, "q").await;
    wait_for_url_ending(&driver, "#answer").await;
    let inspector = find(&driver, By::Css("#answer .inspector-card h2 a")).await;
    assert!(!inspector.text().await.unwrap().is_empty());

    driver.goto(app.url("/feedback/new")).await.unwrap();
    find(&driver, By::Css("input[name=type][value=complaint]"))
        .await
        .send_keys(Key::Space)
        .await
        .unwrap();
    fill(&driver, "body", "Участковый не пришёл на вызов о драке.").await;
    fill(&driver, "name", "Серик").await;
    press_enter(&driver, "place").await;
    // A mistake (no officer named, no way to answer): the form comes back with the text kept.
    let summary = find(&driver, By::Css(".error-summary")).await;
    assert!(!summary.text().await.unwrap().is_empty());
    assert_eq!(
        value(&driver, "body").await,
        "Участковый не пришёл на вызов о драке."
    );
    fill(&driver, "officer", "Участковый на улице Абая").await;
    fill(&driver, "phone", "8 701 234 56 78").await;
    find(&driver, By::Id("consent"))
        .await
        .send_keys(Key::Space)
        .await
        .unwrap();
    press_enter(&driver, "officer").await;

    // Check your answers: nothing sent yet; "Change" leads back with everything kept.
    let checked = find(&driver, By::Id("check-body")).await;
    assert_eq!(
        checked.text().await.unwrap(),
        "Участковый не пришёл на вызов о драке."
    );
    assert_eq!(text_of(&driver, "#check-phone").await, "+7 701 234 56 78");
    find(&driver, By::Css("button[name=change][value=body]"))
        .await
        .send_keys(Key::Enter)
        .await
        .unwrap();
    wait_for_url_ending(&driver, "#body").await;
    assert_eq!(value(&driver, "officer").await, "Участковый на улице Абая");
    fill(
        &driver,
        "body",
        "Участковый не пришёл на вызов о драке во дворе.",
    )
    .await;
    press_enter(&driver, "officer").await;
    let checked = find(&driver, By::Id("check-body")).await;
    assert_eq!(
        checked.text().await.unwrap(),
        "Участковый не пришёл на вызов о драке во дворе."
    );
    assert_eq!(text_of(&driver, "#check-name").await, "Серик");
    find(&driver, By::Id("submit"))
        .await
        .send_keys(Key::Enter)
        .await
        .unwrap();

    let number = find(&driver, By::Id("tracking-number")).await;
    let number = number.text().await.unwrap();
    let key = text_of(&driver, "#tracking-key").await;
    assert!(number.starts_with("ATR-"), "{number}");
    let print = find(&driver, By::Id("print")).await;
    assert!(
        !print.is_displayed().await.unwrap(),
        "no print button without JavaScript"
    );
    assert_accessible_without_script(&driver).await;

    // Tracking it later, by typing the number and the key.
    driver.goto(app.url("/track")).await.unwrap();
    fill(&driver, "number", &number).await;
    fill(&driver, "key", &key).await;
    press_enter(&driver, "key").await;
    let status = find(&driver, By::Id("receipt-status")).await;
    assert!(!status.text().await.unwrap().is_empty());
    assert_eq!(text_of(&driver, "#tracking-number").await, number);
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM submissions")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(stored, 1, "sent once, after the check");
    assert_accessible_without_script(&driver).await;
    driver.quit().await.unwrap();
}

async fn value(driver: &WebDriver, id: &str) -> String {
    let field = find(driver, By::Id(id)).await;
    field.prop("value").await.unwrap().unwrap_or_default()
}

async fn text_of(driver: &WebDriver, css: &str) -> String {
    find(driver, By::Css(css)).await.text().await.unwrap()
}

/// axe needs JavaScript; without it the check is that the page names its language and title.
async fn assert_accessible_without_script(driver: &WebDriver) {
    let html = find(driver, By::Css("html")).await;
    assert!(
        html.attr("lang")
            .await
            .unwrap()
            .is_some_and(|l| !l.is_empty())
    );
    assert!(!driver.title().await.unwrap().is_empty());
}

#[tokio::test]
async fn the_accessibility_statement_is_linked_from_every_page_and_passes_axe() {
    let app = TestApp::builder().with_demo_data().spawn().await;
    for path in ["/", "/posts", "/feedback/new", "/track", "/privacy"] {
        let html = app.page(path, 200).await;
        assert_eq!(
            crate::helpers::attrs(&html, "footer a[href='/accessibility']", "href").len(),
            1,
            "{path} links to the statement"
        );
    }
    let driver = browser_at(PHONE, "kk-KZ,kk", true).await;
    for lang in ["kk", "ru", "en"] {
        driver
            .goto(app.url(&format!("/accessibility?lang={lang}")))
            .await
            .unwrap();
        let h1 = find(&driver, By::Css("h1")).await.text().await.unwrap();
        let report = find(&driver, By::Css("a[href^='/requests/new']")).await;
        assert!(!h1.is_empty() && report.is_displayed().await.unwrap());
        assert_accessible(&driver, &format!("the accessibility statement in {lang}")).await;
    }
    driver.quit().await.unwrap();
}

#[tokio::test]
async fn the_answer_pages_pass_axe_on_a_phone() {
    let app = TestApp::builder().with_demo_data().spawn().await;
    let driver = browser_at(PHONE, "kk-KZ,kk", true).await;
    for (path, answer) in SEARCHES {
        driver.goto(app.url(path)).await.unwrap();
        fill(&driver, "q", LANDMARK).await;
        press_enter(&driver, "q").await;
        wait_for_url_ending(&driver, &format!("#{answer}")).await;
        assert_accessible(&driver, &format!("the answer of {path} in Kazakh")).await;
    }
    driver.quit().await.unwrap();
}

/// The names a screen reader lists for the page's links, with visually hidden parts.
fn link_names(html: &scraper::Html, css: &str) -> Vec<String> {
    let selector = scraper::Selector::parse(css).unwrap();
    html.select(&selector)
        .map(|a| a.text().collect::<String>().trim().to_string())
        .collect()
}

#[tokio::test]
async fn a_screen_reader_hears_distinct_link_names_and_each_name_once() {
    let app = TestApp::builder().with_demo_data().spawn().await;
    let query = serde_urlencoded::to_string([("q", LANDMARK), ("lang", "ru")]).unwrap();
    let results = app.page(&format!("/posts?{query}"), 200).await;
    let names = link_names(&results, "#results .actions a:not(.phone)");
    assert!(names.len() >= 4, "{names:?}");
    let distinct: std::collections::BTreeSet<&String> = names.iter().collect();
    assert_eq!(
        distinct.len(),
        names.len(),
        "repeated link names: {names:?}"
    );

    let inspector = app.page("/inspectors/1?lang=ru", 200).await;
    let h1 = link_names(&inspector, "h1");
    assert_eq!(h1.len(), 1);
    let h2 = link_names(&inspector, "h2");
    assert!(!h2.contains(&h1[0]), "the name is the H1 only: {h2:?}");
    let directions = scraper::Selector::parse(".actions a[rel=noopener]").unwrap();
    for a in inspector.select(&directions) {
        let href = a.value().attr("href").unwrap_or_default();
        assert!(href.contains("/directions?"), "a route, not a map: {href}");
    }
}

#[tokio::test]
async fn the_error_summary_takes_focus_and_its_link_leads_into_the_radio_group() {
    let app = TestApp::builder().with_demo_data().spawn().await;
    let driver = browser_at(PHONE, "en-GB,en", true).await;
    driver.goto(app.url("/feedback/new")).await.unwrap();
    fill(&driver, "body", "Thank you for the help at the market.").await;
    press_enter(&driver, "officer").await;
    find(&driver, By::Css("[data-error-summary]")).await;
    for _ in 0..50 {
        if string(&driver, "return document.readyState").await == "complete" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let focused = string(
        &driver,
        "return document.activeElement.getAttribute('data-error-summary') !== null ? 'summary' : document.activeElement.tagName",
    )
    .await;
    assert_eq!(focused, "summary");

    let link = find(&driver, By::Css("[data-error-summary] a[href='#type']")).await;
    link.send_keys(Key::Enter).await.unwrap();
    let focused = string(
        &driver,
        "return document.activeElement.name + '=' + document.activeElement.value",
    )
    .await;
    assert_eq!(
        focused, "type=thanks",
        "focus is on the group's first choice"
    );
    driver.quit().await.unwrap();
}

/// How much wider than the screen the page is, in CSS pixels (0 when it reflows). A phone
/// zooms out to show a page that is too wide, so the screen is the layout viewport's width
/// (the root's client width), not the window's.
async fn overflow(driver: &WebDriver) -> f64 {
    let screen = number(driver, "return document.documentElement.clientWidth").await;
    assert_eq!(screen, 320.0);
    // Once the map's script has laid out its tiles (deferred, after the load).
    tokio::time::sleep(Duration::from_millis(200)).await;
    number(driver, "return document.documentElement.scrollWidth").await - screen
}

/// Elements that reach past the screen's right edge (outside the map, which clips its tiles),
/// for the failure message. Text that overflows its box shows as no element.
const CULPRITS: &str = "const w = document.documentElement.clientWidth;
    return [...document.querySelectorAll('body *')]
      .filter(e => e.getBoundingClientRect().right > w)
      .filter(e => !(e.parentElement && e.parentElement.closest('.leaflet-container')))
      .slice(0, 6)
      .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
        + (typeof e.className === 'string' && e.className ? '.' + e.className : '')
        + ' ' + Math.round(e.getBoundingClientRect().right))
      .join(', ');";

#[tokio::test]
async fn no_page_is_wider_than_a_320_px_screen_in_any_language() {
    let app = TestApp::builder()
        .with_demo_data()
        .with_staff()
        .spawn()
        .await;
    let (id, location) = app
        .submit("/feedback", crate::helpers::THANKS_WITH_PHONE)
        .await;
    let case = format!("/staff/submissions/{id}");
    let query = serde_urlencoded::to_string([("q", LANDMARK)]).unwrap();
    let public = [
        "/".to_string(),
        format!("/?{query}"),
        format!("/posts?{query}"),
        format!("/inspectors/find?{query}"),
        "/inspectors".into(),
        "/inspectors/1".into(),
        "/posts/1".into(),
        "/feedback/new".into(),
        "/requests/new".into(),
        "/track".into(),
        location,
        "/privacy".into(),
        "/accessibility".into(),
        "/beats".into(),
        "/beats/34".into(),
        "/beats/34/book".into(),
        "/statistics".into(),
        "/statistics?beat=34".into(),
    ];
    let staff: [&str; 21] = [
        "/staff",
        "/staff/queue",
        "/staff/audit",
        &case,
        "/staff/password",
        "/staff/posts",
        "/staff/posts/new",
        "/staff/posts/1",
        "/staff/accounts",
        "/staff/inspectors",
        "/staff/inspectors/1",
        "/staff/beats",
        "/staff/beats/1",
        "/staff/imports",
        "/staff/calendar",
        "/staff/places",
        "/staff/templates",
        "/staff/walk-in",
        "/staff/two-factor",
        "/staff/bookings",
        "/staff/api-keys",
    ];
    let mut wide = Vec::new();
    for (lang, accept) in [("kk", "kk-KZ,kk"), ("ru", "ru-RU,ru"), ("en", "en-GB,en")] {
        let driver = browser_at(Screen::Phone(320, 640), accept, true).await;
        for path in &public {
            driver.goto(app.url(path)).await.unwrap();
            let over = overflow(&driver).await;
            if over > 0.0 {
                let culprits = string(&driver, CULPRITS).await;
                wide.push(format!("{lang} {path}: {over} px ({culprits})"));
            }
        }
        driver.goto(app.url("/staff/login")).await.unwrap();
        fill(&driver, "email", crate::helpers::ADMIN.0).await;
        fill(&driver, "password", crate::helpers::ADMIN.1).await;
        press_enter(&driver, "password").await;
        find(&driver, By::Id("counts")).await;
        for path in staff {
            driver.goto(app.url(path)).await.unwrap();
            let over = overflow(&driver).await;
            if over > 0.0 {
                let culprits = string(&driver, CULPRITS).await;
                wide.push(format!("{lang} {path}: {over} px ({culprits})"));
            }
        }
        driver.quit().await.unwrap();
    }
    assert!(wide.is_empty(), "wider than 320 px: {wide:#?}");
}

#[tokio::test]
async fn date_and_time_fields_look_like_the_other_fields() {
    let app = TestApp::builder().with_demo_data().spawn().await;
    let driver = browser_at(PHONE, "ru-RU,ru", true).await;
    driver.goto(app.url("/feedback/new")).await.unwrap();
    let style = |id: &str| {
        format!(
            "const s = getComputedStyle(document.getElementById('{id}'));
             return s.fontSize + ' ' + s.borderTopWidth + ' ' + s.borderTopColor"
        )
    };
    let text_field = string(&driver, &style("officer")).await;
    assert!(!text_field.is_empty());
    for id in ["incident_date", "incident_time"] {
        assert_eq!(string(&driver, &style(id)).await, text_field, "#{id}");
    }
    driver.quit().await.unwrap();
}

/// Waits (up to 5 s) until the browser is at `path`.
async fn wait_for_path(driver: &WebDriver, path: &str) {
    for _ in 0..50 {
        if driver.current_url().await.is_ok_and(|u| u.path() == path) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let url = driver.current_url().await.map(|u| u.to_string());
    panic!("the browser is at {url:?}, not at {path}");
}

#[tokio::test]
async fn exit_this_page_leaves_the_request_form_at_once_and_back_does_not_return() {
    let app = TestApp::builder().with_demo_data().spawn().await;
    let request = app.page("/requests/new?lang=ru", 200).await;
    let href = crate::helpers::attrs(&request, "#exit-this-page", "href");
    assert_eq!(href.len(), 1);
    assert!(href[0].starts_with("https://"), "a neutral site: {href:?}");
    let rel = crate::helpers::attrs(&request, "#exit-this-page", "rel");
    assert!(
        rel[0].contains("noreferrer"),
        "the site is not told where from"
    );
    let feedback = app.page("/feedback/new?lang=ru", 200).await;
    assert!(crate::helpers::attrs(&feedback, "#exit-this-page", "href").is_empty());

    let driver = browser_at(PHONE, "ru-RU,ru", true).await;
    driver.goto(app.url("/")).await.unwrap();
    driver.goto(app.url("/requests/new")).await.unwrap();
    assert_accessible(&driver, "the request form with its exit button").await;
    // The test cannot reach the neutral site: the link is pointed at a page of the portal.
    let neutral = app.url("/privacy");
    driver
        .execute(
            &format!("document.getElementById('exit-this-page').href = '{neutral}'"),
            Vec::<Value>::new(),
        )
        .await
        .unwrap();
    fill(&driver, "body", "Сосед угрожает").await;
    let body = find(&driver, By::Id("body")).await;
    for _ in 0..3 {
        body.send_keys(Key::Shift).await.unwrap();
    }
    wait_for_path(&driver, "/privacy").await;
    driver.back().await.unwrap();
    wait_for_path(&driver, "/").await;
    assert_eq!(
        driver.current_url().await.unwrap().path(),
        "/",
        "Back skips the form: its page was replaced"
    );
    driver.forward().await.unwrap();
    wait_for_path(&driver, "/privacy").await;
    assert_eq!(driver.current_url().await.unwrap().path(), "/privacy");
    driver.quit().await.unwrap();
}

#[tokio::test]
async fn without_its_tile_server_the_map_says_so_and_its_posts_are_named_links() {
    // A tile server that refuses every connection: no internet, or a blocked server.
    let app = TestApp::builder()
        .with_demo_data()
        .with_settings(|s| s.tile_url = "http://127.0.0.1:9/{z}/{x}/{y}.png".into())
        .spawn()
        .await;
    let query = serde_urlencoded::to_string([("q", LANDMARK)]).unwrap();
    for (accept, zoom_in) in [("kk-KZ,kk", "Жақындату"), ("ru-RU,ru", "Приблизить")]
    {
        let driver = browser_at(PHONE, accept, true).await;
        driver
            .goto(app.url(&format!("/posts?{query}")))
            .await
            .unwrap();
        let notice = find(&driver, By::Id("map-notice")).await;
        notice.wait_until().displayed().await.unwrap();
        assert!(!notice.text().await.unwrap().is_empty());

        // The list before the map, and the map's points are the list's posts, as links.
        let list_bottom = number(
            &driver,
            "return document.getElementById('results').getBoundingClientRect().bottom",
        )
        .await;
        let map_top = number(
            &driver,
            "return document.getElementById('map').getBoundingClientRect().top",
        )
        .await;
        assert!(list_bottom <= map_top, "{list_bottom} > {map_top}");
        let listed = string(
            &driver,
            "return [...document.querySelectorAll('#answer .result h3 a')]\
             .map(a => a.getAttribute('href')).sort().join(' ')",
        )
        .await;
        let pinned = string(
            &driver,
            "return [...document.querySelectorAll('#map a.map-pin')]\
             .map(a => a.getAttribute('href')).sort().join(' ')",
        )
        .await;
        assert!(!listed.is_empty());
        assert_eq!(pinned, listed);
        let unnamed = number(
            &driver,
            "return [...document.querySelectorAll('#map a.map-pin')]\
             .filter(a => a.textContent.trim() === '').length",
        )
        .await;
        assert_eq!(unnamed, 0.0, "every point has a name");

        // Not a tab stop itself; the zoom buttons in the page's language; the legend names
        // what is drawn (you and the posts, no beat on this page).
        assert_eq!(
            number(&driver, "return document.getElementById('map').tabIndex").await,
            -1.0
        );
        let zoom = find(&driver, By::Css(".leaflet-control-zoom-in")).await;
        assert_eq!(zoom.attr("title").await.unwrap().as_deref(), Some(zoom_in));
        let legend = string(
            &driver,
            "return [...document.querySelectorAll('#map-legend [data-key]')]\
             .filter(i => !i.hidden).map(i => i.dataset.key).join(' ')",
        )
        .await;
        let planned = driver.find(By::Id("planned")).await.is_ok();
        assert_eq!(
            legend,
            if planned {
                "you post future"
            } else {
                "you post"
            }
        );
        assert_accessible(&driver, "the map without tiles").await;

        // A keyboard user reaches the points and follows one.
        let first = find(&driver, By::Css("#map a.map-pin")).await;
        let href = first.attr("href").await.unwrap().unwrap();
        first.focus().await.unwrap();
        first.send_keys(Key::Enter).await.unwrap();
        wait_for_path(&driver, &href).await;
        driver.quit().await.unwrap();
    }
}
