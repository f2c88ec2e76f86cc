//! The home page, the language choice and the error pages.

use crate::helpers::{TestApp, attrs, text, texts};

#[tokio::test]
async fn the_home_page_is_russian_by_default_and_links_to_the_post_finder() {
    let app = TestApp::spawn().await;

    let html = app.page("/", 200).await;

    assert_eq!(attrs(&html, "html", "lang"), ["ru"]);
    assert_eq!(text(&html, "h1"), "Полиция ближе к людям");
    assert!(attrs(&html, "main a", "href").contains(&"/posts".to_string()));
    assert!(
        texts(&html, ".demo-notice").is_empty(),
        "no demo notice without demo data"
    );
}

#[tokio::test]
async fn accept_language_chooses_the_language() {
    let app = TestApp::spawn().await;
    let cases = [
        ("kk-KZ,kk;q=0.9", "kk", "Полиция халыққа жақын"),
        ("en-US,en;q=0.9", "en", "The police, closer to people"),
        ("de-DE", "ru", "Полиция ближе к людям"),
    ];
    for (header, lang, heading) in cases {
        let response = app.get_with_language("/", header).await;
        let html = scraper::Html::parse_document(&response.text().await.unwrap());
        assert_eq!(attrs(&html, "html", "lang"), [lang], "{header}");
        assert_eq!(text(&html, "h1"), heading, "{header}");
    }
}

#[tokio::test]
async fn a_language_chosen_with_the_switcher_is_remembered() {
    let app = TestApp::spawn().await;

    let chosen = app.page("/?lang=kk", 200).await;
    let next = app.get_with_language("/", "en").await;
    let next = scraper::Html::parse_document(&next.text().await.unwrap());

    assert_eq!(attrs(&chosen, "html", "lang"), ["kk"]);
    assert_eq!(
        attrs(&next, "html", "lang"),
        ["kk"],
        "the cookie wins over Accept-Language"
    );
}

#[tokio::test]
async fn the_switcher_links_keep_the_page_and_its_query() {
    let app = TestApp::spawn().await;

    let html = app.page("/?lang=en", 200).await;

    let links = attrs(&html, ".lang-switcher a", "href");
    assert_eq!(links, ["/?lang=kk", "/?lang=ru", "/?lang=en"]);
    assert_eq!(
        attrs(&html, ".lang-switcher a[aria-current]", "hreflang"),
        ["en"]
    );
}

#[tokio::test]
async fn an_unknown_page_is_a_404_page_in_the_users_language() {
    let app = TestApp::spawn().await;

    for (lang, title) in [
        ("kk", "Бет табылмады"),
        ("ru", "Страница не найдена"),
        ("en", "Page not found"),
    ] {
        let html = app.page(&format!("/no/such/page?lang={lang}"), 404).await;
        assert_eq!(text(&html, "h1"), title);
        assert_eq!(attrs(&html, "html", "lang"), [lang]);
    }
}

#[tokio::test]
async fn a_wrong_method_gets_a_page_not_a_bare_status() {
    let app = TestApp::spawn().await;

    let response = app.client.delete(app.url("/")).send().await.unwrap();

    assert!(response.status().is_client_error());
    let html = scraper::Html::parse_document(&response.text().await.unwrap());
    assert_eq!(texts(&html, "h1").len(), 1);
}

#[tokio::test]
async fn static_files_are_served_with_cache_headers() {
    let app = TestApp::spawn().await;

    let response = app.get("/static/css/portal.css").await;

    assert_eq!(response.status(), 200);
    let cache = response.headers()["cache-control"].to_str().unwrap();
    assert!(cache.contains("max-age="), "{cache}");
    assert!(response.headers().contains_key("etag"));
}

#[tokio::test]
async fn pages_forbid_framing_and_foreign_scripts() {
    let app = TestApp::spawn().await;

    let response = app.get("/").await;

    let csp = response.headers()["content-security-policy"]
        .to_str()
        .unwrap();
    assert!(csp.contains("script-src 'self'"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
}
