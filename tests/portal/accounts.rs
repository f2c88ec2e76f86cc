//! Administrators keep the staff accounts in the browser: invitations (once, 72 hours), role,
//! disabling, ending sessions, and the last active administrator who must stay.

use scraper::Html;

use crate::helpers::{ADMIN, MODERATOR, TestApp, attrs, form_fields, text, texts, with_values};

async fn staff_app() -> TestApp {
    TestApp::builder()
        .with_demo_data()
        .with_staff()
        .spawn()
        .await
}

/// The accounts page's CSRF token.
async fn csrf(app: &TestApp) -> String {
    let html = app.page("/staff/accounts?lang=en", 200).await;
    attrs(&html, "input[name=csrf_token]", "value").remove(0)
}

async fn invite(app: &TestApp, changes: &[(&str, &str)]) -> reqwest::Response {
    let html = app.page("/staff/accounts?lang=en", 200).await;
    let fields = with_values(&form_fields(&html, "#invite-form"), changes);
    app.client
        .post(app.url("/staff/accounts?lang=en"))
        .form(&fields)
        .send()
        .await
        .unwrap()
}

async fn act(app: &TestApp, id: i64, action: &str) -> reqwest::Response {
    let csrf = csrf(app).await;
    app.client
        .post(app.url(&format!("/staff/accounts/{id}/{action}?lang=en")))
        .form(&[("csrf_token", csrf.as_str())])
        .send()
        .await
        .unwrap()
}

async fn id_of(app: &TestApp, email: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM staff WHERE email = $1")
        .bind(email)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

/// The path and query of the invitation link shown on the page.
fn link_of(html: &Html) -> String {
    let href = attrs(html, "#invitation-link", "value").remove(0);
    let at = href
        .find("/staff/invitation?token=")
        .expect("an invitation link");
    href[at..].to_string()
}

async fn set_password(app: &TestApp, link: &str, new: &str, repeat: &str) -> reqwest::Response {
    let html = app.page(&format!("{link}&lang=en"), 200).await;
    let fields = with_values(
        &form_fields(&html, "form"),
        &[("new", new), ("repeat", repeat)],
    );
    app.client
        .post(app.url("/staff/invitation?lang=en"))
        .form(&fields)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_invited_moderator_sets_their_own_password_once_and_signs_in() {
    let app = staff_app().await;
    app.sign_in(ADMIN).await;
    let invited = invite(
        &app,
        &[
            ("email", "Aliya@Police.kz"),
            ("name", "Алия Сериковна"),
            ("role", "moderator"),
        ],
    )
    .await;
    assert_eq!(invited.status(), 200);
    let html = Html::parse_document(&invited.text().await.unwrap());
    let link = link_of(&html);
    let token = link.rsplit('=').next().unwrap().to_string();
    let stored: Vec<u8> = sqlx::query_scalar("SELECT token_hash FROM staff_invitations")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_ne!(stored, token.as_bytes(), "only the hash is stored");
    let row = texts(&html, "#accounts tbody tr")
        .into_iter()
        .find(|r| r.contains("aliya@police.kz"))
        .unwrap();
    assert!(row.contains("Invited, password not set yet"), "{row}");

    // Before the link is used, no password signs in.
    let person = app.another_client();
    assert_ne!(person.sign_in(("aliya@police.kz", "")).await.status(), 303);

    let opened = person.page(&format!("{link}&lang=en"), 200).await;
    assert_eq!(text(&opened, "#invited-email"), "aliya@police.kz");
    let mismatch = set_password(&person, &link, "a-long-new-password", "another-password").await;
    assert_eq!(mismatch.status(), 422);
    let short = set_password(&person, &link, "short", "short").await;
    assert_eq!(short.status(), 422);
    let done = set_password(&person, &link, "a-long-new-password", "a-long-new-password").await;
    assert_eq!(done.status(), 303);
    assert_eq!(
        person
            .sign_in(("aliya@police.kz", "a-long-new-password"))
            .await
            .status(),
        303
    );
    assert_eq!(person.get("/staff/queue").await.status(), 200);
    assert_eq!(
        person.get("/staff/accounts").await.status(),
        403,
        "a moderator"
    );

    // Once only.
    let again = app.another_client().get(&format!("{link}&lang=en")).await;
    assert_eq!(again.status(), 410);
    let stranger = app.another_client();
    assert_eq!(set_password_on(&stranger, &link).await.status(), 410);
    let actions: Vec<String> =
        sqlx::query_scalar("SELECT action FROM audit_log WHERE target <> '' ORDER BY id")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(actions, ["staff_invited", "invitation_accepted"]);
}

#[tokio::test]
async fn an_expired_or_replaced_link_does_not_work() {
    let app = staff_app().await;
    app.sign_in(ADMIN).await;
    let first = invite(
        &app,
        &[
            ("email", "bolat@police.kz"),
            ("name", "Болат"),
            ("role", "moderator"),
        ],
    )
    .await;
    let first = link_of(&Html::parse_document(&first.text().await.unwrap()));
    let id = id_of(&app, "bolat@police.kz").await;

    // A new link replaces the first.
    let second = act(&app, id, "invite").await;
    assert_eq!(second.status(), 200);
    let second = link_of(&Html::parse_document(&second.text().await.unwrap()));
    assert_eq!(app.another_client().get(&first).await.status(), 410);
    assert_eq!(app.another_client().get(&second).await.status(), 200);

    // 72 hours later it has expired.
    sqlx::query("UPDATE staff_invitations SET expires_at = now() - interval '1 second'")
        .execute(&app.pool)
        .await
        .unwrap();
    let person = app.another_client();
    let gone = person.page(&format!("{second}&lang=en"), 410).await;
    assert!(!text(&gone, "#invitation-gone").is_empty());
    let refused = set_password_on(&person, &second).await;
    assert_eq!(refused.status(), 410);
    let pending: String = sqlx::query_scalar("SELECT password_hash FROM staff WHERE id = $1")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(pending, "", "no password was set");
}

/// Sends the set-password form for a link whose page no longer shows it (expired).
async fn set_password_on(app: &TestApp, link: &str) -> reqwest::Response {
    let html = app.page("/staff/login?lang=en", 200).await;
    let csrf = attrs(&html, "input[name=csrf_token]", "value").remove(0);
    let token = link.rsplit('=').next().unwrap();
    app.client
        .post(app.url("/staff/invitation"))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("token", token),
            ("new", "a-long-new-password"),
            ("repeat", "a-long-new-password"),
        ])
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_invitation_is_valid_for_72_hours() {
    let app = staff_app().await;
    app.sign_in(ADMIN).await;
    invite(
        &app,
        &[
            ("email", "dana@police.kz"),
            ("name", "Дана"),
            ("role", "admin"),
        ],
    )
    .await;
    let hours: f64 = sqlx::query_scalar(
        "SELECT extract(epoch FROM (expires_at - created_at))::float8 / 3600 FROM staff_invitations",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!((hours - 72.0).abs() < 0.01, "{hours}");
}

/// Fields sent, the field whose message says so, the message.
type Case = (
    &'static [(&'static str, &'static str)],
    &'static str,
    &'static str,
);

#[tokio::test]
async fn the_invitation_form_explains_each_mistake() {
    let app = staff_app().await;
    app.sign_in(ADMIN).await;
    let cases: [Case; 4] = [
        (
            &[("email", "not-an-address"), ("name", "Айдос")],
            "email",
            "Enter an e-mail address like name@police.kz.",
        ),
        (
            &[("email", "aidos@police.kz"), ("name", " ")],
            "name",
            "Fill this in.",
        ),
        (
            &[
                ("email", "aidos@police.kz"),
                ("name", "Айдос"),
                ("role", "chief"),
            ],
            "role",
            "Choose one of the list.",
        ),
        (
            &[("email", MODERATOR.0), ("name", "Айдос")],
            "email",
            "An account with this e-mail exists. Give it a new sign-in link instead.",
        ),
    ];
    for (fields, field, message) in cases {
        let response = invite(&app, fields).await;
        assert_eq!(response.status(), 422, "{fields:?}");
        let html = Html::parse_document(&response.text().await.unwrap());
        assert_eq!(texts(&html, &format!("#{field}-error")), [message]);
        let typed = fields.iter().find(|(k, _)| *k == "email").unwrap().1;
        assert_eq!(attrs(&html, "#email", "value"), [typed], "kept");
        assert!(texts(&html, "#invitation").is_empty(), "no link");
    }
    let accounts: i64 = sqlx::query_scalar("SELECT count(*) FROM staff")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(accounts, 2);
}

#[tokio::test]
async fn the_last_active_administrator_cannot_be_disabled_or_made_a_moderator() {
    let app = staff_app().await;
    app.sign_in(ADMIN).await;
    let admin = id_of(&app, ADMIN.0).await;
    let moderator = id_of(&app, MODERATOR.0).await;
    for action in ["disable", "make-moderator"] {
        let refused = act(&app, admin, action).await;
        assert_eq!(refused.status(), 409, "{action}");
        let html = Html::parse_document(&refused.text().await.unwrap());
        assert!(text(&html, "#notice").starts_with("This is the last active administrator"));
    }
    let (role, active): (String, bool) =
        sqlx::query_as("SELECT role::text, active FROM staff WHERE id = $1")
            .bind(admin)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!((role.as_str(), active), ("admin", true));

    // With a second administrator, the first can step down.
    assert_eq!(act(&app, moderator, "make-admin").await.status(), 303);
    assert_eq!(act(&app, admin, "make-moderator").await.status(), 303);
    let admins: Vec<String> =
        sqlx::query_scalar("SELECT email FROM staff WHERE role = 'admin' AND active")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(admins, [MODERATOR.0]);
    // Stepping down ended the session: the new role is taken up at the next sign-in.
    assert_eq!(app.get("/staff/accounts").await.status(), 303);
}

#[tokio::test]
async fn disabling_or_ending_sessions_signs_the_person_out_at_once() {
    let app = staff_app().await;
    app.sign_in(ADMIN).await;
    let moderator = app.another_client();
    assert_eq!(moderator.sign_in(MODERATOR).await.status(), 303);
    let id = id_of(&app, MODERATOR.0).await;

    assert_eq!(act(&app, id, "end-sessions").await.status(), 303);
    assert_eq!(
        moderator.get("/staff/queue").await.status(),
        303,
        "signed out"
    );
    assert_eq!(
        moderator.sign_in(MODERATOR).await.status(),
        303,
        "still active"
    );

    assert_eq!(act(&app, id, "disable").await.status(), 303);
    assert_eq!(moderator.get("/staff/queue").await.status(), 303);
    assert_ne!(moderator.sign_in(MODERATOR).await.status(), 303, "disabled");
    let page = app.page("/staff/accounts?done=disable&lang=en", 200).await;
    assert_eq!(
        text(&page, "#notice"),
        "The account is disabled and its sessions have ended."
    );

    assert_eq!(act(&app, id, "enable").await.status(), 303);
    assert_eq!(moderator.sign_in(MODERATOR).await.status(), 303);
    let actions: Vec<String> =
        sqlx::query_scalar("SELECT action FROM audit_log WHERE target = $1 ORDER BY id")
            .bind(format!("staff:{id}"))
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        actions,
        ["staff_sessions_ended", "staff_disabled", "staff_enabled"]
    );
}

#[tokio::test]
async fn moderators_cannot_reach_the_accounts() {
    let app = staff_app().await;
    assert_eq!(app.get("/staff/accounts").await.status(), 303);
    app.sign_in(MODERATOR).await;
    assert_eq!(app.get("/staff/accounts").await.status(), 403);
    let html = app.page("/staff?lang=en", 200).await;
    let csrf = attrs(&html, "input[name=csrf_token]", "value").remove(0);
    let admin = id_of(&app, ADMIN.0).await;
    for (path, fields) in [
        (
            "/staff/accounts".to_string(),
            vec![
                ("csrf_token", csrf.as_str()),
                ("email", "x@police.kz"),
                ("name", "X"),
                ("role", "admin"),
            ],
        ),
        (
            format!("/staff/accounts/{admin}/disable"),
            vec![("csrf_token", csrf.as_str())],
        ),
    ] {
        let r = app
            .client
            .post(app.url(&path))
            .form(&fields)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403, "{path}");
    }
    let (count, active): (i64, bool) =
        sqlx::query_as("SELECT count(*), bool_and(active) FROM staff")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!((count, active), (2, true));
}
