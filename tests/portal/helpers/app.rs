//! The real portal on a random port, and one method per route it serves.

use police_portal::config::Settings;
use police_portal::database::demo;
use police_portal::startup::Application;
use scraper::Html;
use sqlx::PgPool;

use super::fixtures::add_staff;
use super::html::attrs;
use super::{fresh_database, serving_pool};

/// The secret the test portals sign with, so that tests can make form tokens of their own.
pub const TEST_SECRET: &str = "test-secret-key-of-the-police-portal-0123456789";

/// Settings as a fresh machine has them, but on a random port.
pub fn test_settings() -> Settings {
    let mut settings = Settings::from_lookup(|_| None).expect("default settings");
    settings.addr = "127.0.0.1:0".into();
    settings.secret_key = Some(TEST_SECRET.into());
    // Staff digests only where a test asks for them: they would add to its mail.
    settings.notify.digest_hour = None;
    // Two-factor sign-in where a test asks for it (`tests/portal/two_factor.rs`): the other
    // tests sign administrators in with a password alone.
    settings.two_factor_admins = false;
    settings
}

pub struct TestApp {
    pub address: String,
    /// The test's own pool (the owner's): to arrange and inspect the database.
    pub pool: PgPool,
    /// The pool the portal serves with: closing it is a database outage.
    pub serving: PgPool,
    pub client: reqwest::Client,
}

/// How a test's portal starts: which database, with what in it, with which settings.
pub struct TestAppBuilder {
    pool: Option<PgPool>,
    demo_data: bool,
    staff: bool,
    settings: Settings,
}

/// A form as the page rendered it: its CSRF and one-time tokens.
pub struct RenderedForm {
    pub csrf: String,
    pub token: String,
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .build()
        .expect("http client")
}

impl TestAppBuilder {
    /// A database the test prepared itself instead of an empty one.
    pub fn with_database(mut self, pool: PgPool) -> Self {
        self.pool = Some(pool);
        self
    }

    /// The demo data set, loaded through the importer as `serve` loads it.
    pub fn with_demo_data(mut self) -> Self {
        self.demo_data = true;
        self
    }

    /// The accounts `MODERATOR` and `ADMIN`.
    pub fn with_staff(mut self) -> Self {
        self.staff = true;
        self
    }

    pub fn with_settings(mut self, change: impl FnOnce(&mut Settings)) -> Self {
        change(&mut self.settings);
        self
    }

    pub async fn spawn(self) -> TestApp {
        let pool = match self.pool {
            Some(pool) => pool,
            None => fresh_database().await,
        };
        if self.demo_data {
            demo::load(&pool).await.expect("the demo data loads");
        }
        if self.staff {
            add_staff(&pool).await;
        }
        let mut settings = self.settings;
        // Without a configured secret, the one every instance on the database shares.
        police_portal::startup::shared_secret(&mut settings, &pool)
            .await
            .expect("the shared secret");
        let serving = serving_pool(&pool).await;
        let app = Application::build(settings, serving.clone(), self.demo_data)
            .expect("the app binds a port");
        let address = format!("http://127.0.0.1:{}", app.port());
        tokio::spawn(app.run_until_stopped());
        TestApp {
            address,
            pool,
            serving,
            client: client(),
        }
    }
}

impl TestApp {
    pub fn builder() -> TestAppBuilder {
        TestAppBuilder {
            pool: None,
            demo_data: false,
            staff: false,
            settings: test_settings(),
        }
    }

    /// The portal over an empty (migrated) database.
    pub async fn spawn() -> TestApp {
        TestApp::builder().spawn().await
    }

    /// A fresh client (its own cookies) for the same portal.
    pub fn another_client(&self) -> TestApp {
        TestApp {
            address: self.address.clone(),
            pool: self.pool.clone(),
            serving: self.serving.clone(),
            client: client(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request sent")
    }

    pub async fn get_with_language(&self, path: &str, accept_language: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .header("Accept-Language", accept_language)
            .send()
            .await
            .expect("request sent")
    }

    /// GET and parse the HTML, asserting the status.
    pub async fn page(&self, path: &str, status: u16) -> Html {
        let response = self.get(path).await;
        assert_eq!(response.status().as_u16(), status, "GET {path}");
        Html::parse_document(&response.text().await.expect("body"))
    }

    /// Opens a submission form and keeps its tokens.
    pub async fn open_form(&self, path: &str) -> RenderedForm {
        let html = self.page(path, 200).await;
        RenderedForm {
            csrf: attrs(&html, "input[name=csrf_token]", "value").remove(0),
            token: attrs(&html, "input[name=form_token]", "value").remove(0),
        }
    }

    /// Sends a form with the tokens of a rendered one.
    pub async fn send_form(
        &self,
        path: &str,
        form: &RenderedForm,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let mut all: Vec<(&str, &str)> =
            vec![("csrf_token", &form.csrf), ("form_token", &form.token)];
        all.extend_from_slice(fields);
        self.client
            .post(self.url(path))
            .form(&all)
            .send()
            .await
            .expect("request sent")
    }

    /// Sends a form; when the portal shows the answers to check (a complaint, a request), sends
    /// them on from that page, with the fields that page holds.
    pub async fn send_and_confirm(
        &self,
        path: &str,
        form: &RenderedForm,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let response = self.send_form(path, form, fields).await;
        if response.status() != 200 {
            return response;
        }
        let html = Html::parse_document(&response.text().await.expect("a page"));
        let names = attrs(&html, "#check-form input[type=hidden]", "name");
        let values = attrs(&html, "#check-form input[type=hidden]", "value");
        assert!(
            !names.is_empty(),
            "a 200 answer to a form is the check page"
        );
        let action = attrs(&html, "#check-form", "action").remove(0);
        let confirmed: Vec<(String, String)> = names.into_iter().zip(values).collect();
        self.client
            .post(self.url(&action))
            .form(&confirmed)
            .send()
            .await
            .expect("request sent")
    }

    /// Thanks or a complaint, as a resident sends it from a fresh page (and confirms).
    pub async fn send_feedback(&self, fields: &[(&str, &str)]) -> reqwest::Response {
        let form = self.open_form("/feedback/new").await;
        self.send_and_confirm("/feedback", &form, fields).await
    }

    /// A request, as a resident sends it from a fresh page (and confirms).
    pub async fn send_request(&self, fields: &[(&str, &str)]) -> reqwest::Response {
        let form = self.open_form("/requests/new").await;
        self.send_and_confirm("/requests", &form, fields).await
    }

    /// A submission sent by another resident; returns its id and receipt link.
    pub async fn submit(&self, path: &str, fields: &[(&str, &str)]) -> (i64, String) {
        let resident = self.another_client();
        let response = if path == "/feedback" {
            resident.send_feedback(fields).await
        } else {
            resident.send_request(fields).await
        };
        assert_eq!(response.status(), 303);
        let location = response.headers()["location"]
            .to_str()
            .expect("a location")
            .to_string();
        let number = location
            .trim_start_matches("/track/")
            .split('?')
            .next()
            .unwrap_or_default()
            .to_string();
        let id: i64 = sqlx::query_scalar("SELECT id FROM submissions WHERE tracking_number = $1")
            .bind(&number)
            .fetch_one(&self.pool)
            .await
            .expect("the submission is stored");
        (id, location.replace("&new=1", ""))
    }

    /// Signs in on the sign-in page.
    pub async fn sign_in(&self, (email, password): (&str, &str)) -> reqwest::Response {
        let html = self.page("/staff/login?lang=en", 200).await;
        let csrf = attrs(&html, "input[name=csrf_token]", "value").remove(0);
        self.client
            .post(self.url("/staff/login"))
            .form(&[
                ("csrf_token", csrf.as_str()),
                ("email", email),
                ("password", password),
            ])
            .send()
            .await
            .expect("request sent")
    }

    /// Signs out with the form on a staff page.
    pub async fn sign_out(&self) -> reqwest::Response {
        let html = self.page("/staff", 200).await;
        let csrf = attrs(
            &html,
            "form[action='/staff/logout'] input[name=csrf_token]",
            "value",
        );
        self.client
            .post(self.url("/staff/logout"))
            .form(&[("csrf_token", csrf.first().map_or("", String::as_str))])
            .send()
            .await
            .expect("request sent")
    }

    /// Sends a staff action from the submission page, with its CSRF token and version.
    pub async fn act(&self, id: i64, action: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let html = self
            .page(&format!("/staff/submissions/{id}?lang=en"), 200)
            .await;
        let csrf = attrs(&html, "input[name=csrf_token]", "value").remove(0);
        let version = attrs(&html, "input[name=version]", "value")
            .first()
            .cloned()
            .unwrap_or_else(|| "1".into());
        // What the public or the resident will read is confirmed after its preview.
        let mut all = vec![
            ("csrf_token", csrf.as_str()),
            ("version", version.as_str()),
            ("confirm", "1"),
        ];
        all.extend_from_slice(fields);
        self.client
            .post(self.url(&format!("/staff/submissions/{id}/{action}?lang=en")))
            .form(&all)
            .send()
            .await
            .expect("request sent")
    }
}
