//! Residents are told: receipts from a transactional outbox, sent by the workers of every
//! instance exactly once, over a real SMTP server (aiosmtpd) and a real HTTP SMS gateway, or as
//! files when neither is set; retried while the server is down, dead letters at the limit.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::helpers::TestApp;

static NEXT_DIR: AtomicU32 = AtomicU32::new(0);

/// A fresh folder of this test run.
pub(crate) fn fresh_dir(what: &str) -> PathBuf {
    let n = NEXT_DIR.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("portal-{what}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub(crate) const REQUEST_WITH_EMAIL: &[(&str, &str)] = &[
    ("category", "noise"),
    ("place", "улица Абая, 5"),
    ("body", "Loud music every night after midnight."),
    ("name", "Serik"),
    ("email", "serik@example.kz"),
    ("consent", "1"),
];

pub(crate) const REQUEST_WITH_PHONE: &[(&str, &str)] = &[
    ("category", "noise"),
    ("place", "улица Абая, 5"),
    ("body", "Loud music every night after midnight."),
    ("name", "Serik"),
    ("phone", "+7 702 000 00 00"),
    ("consent", "1"),
];

/// Files in a folder (recursively), as text.
pub(crate) fn files_in(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let path = e.path();
            // A maildir's `tmp/` holds messages still being written (an empty or half file);
            // only `new/` and `cur/` hold delivered ones.
            // Files named with a leading dot are still being written (the portal's outbox
            // folder renames each when it is whole).
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            if (path.is_dir() && name == "tmp") || name.starts_with('.') {
                continue;
            }
            if path.is_dir() {
                out.extend(files_in(&path));
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                out.push(text);
            }
        }
    }
    out
}

/// Waits until `ready` holds (at most 30 s).
pub(crate) async fn eventually(what: &str, mut ready: impl FnMut() -> bool) {
    for _ in 0..300 {
        if ready() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{what} did not happen within 30 s");
}

/// The tracking link in a message, as a path on the test portal.
pub(crate) fn link_in(text: &str) -> String {
    let start = text.find("/track/").expect("a tracking link");
    let rest = &text[start..];
    let end = rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len());
    rest[..end].to_string()
}

/// A decoded e-mail body: quoted-printable soft breaks and escapes undone.
pub(crate) fn decoded(text: &str) -> String {
    let joined = text.replace("=\r\n", "").replace("=\n", "");
    let mut out = Vec::new();
    let bytes = joined.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'='
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&joined[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[tokio::test]
async fn without_smtp_the_receipt_is_a_file_with_the_number_and_a_working_link() {
    let data = fresh_dir("outbox");
    let dir = data.clone();
    let app = TestApp::builder()
        .with_demo_data()
        .with_settings(move |s| s.data_dir = dir)
        .spawn()
        .await;
    let (id, _) = app.submit("/requests", REQUEST_WITH_EMAIL).await;
    let number: String =
        sqlx::query_scalar("SELECT tracking_number FROM submissions WHERE id = $1")
            .bind(id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let outbox = data.join("outbox");
    eventually("the receipt file", || !files_in(&outbox).is_empty()).await;
    let mail = decoded(&files_in(&outbox).remove(0));
    assert!(mail.contains("To: serik@example.kz"), "{mail}");
    assert!(mail.contains(&number), "{mail}");
    // The one-click link opens the tracking page without typing number and key.
    let tracking = app.another_client().page(&link_in(&mail), 200).await;
    assert_eq!(crate::helpers::text(&tracking, "#tracking-number"), number);
    let (status, attempts): (String, i32) =
        sqlx::query_as("SELECT status, attempts FROM outbox WHERE submission_id = $1")
            .bind(id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!((status.as_str(), attempts), ("sent", 1));
}

/// A real SMTP server: aiosmtpd writing what it receives to a Maildir.
pub(crate) struct SmtpSink {
    child: std::process::Child,
    maildir: PathBuf,
}

impl SmtpSink {
    pub(crate) fn start(port: u16) -> SmtpSink {
        // Maildir creates its tmp/new/cur only for a folder that does not exist yet.
        let maildir = fresh_dir("maildir").join("box");
        let mut child = std::process::Command::new("/usr/bin/python3")
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&maildir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("aiosmtpd (apt install python3-aiosmtpd)");
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return SmtpSink { child, maildir };
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("aiosmtpd did not start on {port}");
    }

    pub(crate) fn mails(&self) -> Vec<String> {
        files_in(&self.maildir)
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[tokio::test]
async fn the_receipt_arrives_over_smtp_in_the_residents_language() {
    let port = free_port();
    let sink = SmtpSink::start(port);
    let app = TestApp::builder()
        .with_demo_data()
        .with_settings(move |s| s.notify.smtp_url = Some(format!("smtp://127.0.0.1:{port}")))
        .spawn()
        .await;
    let form = app.open_form("/requests/new?lang=kk").await;
    let sent = app
        .send_and_confirm("/requests?lang=kk", &form, REQUEST_WITH_EMAIL)
        .await;
    assert_eq!(sent.status(), 303);
    eventually("the e-mail", || !sink.mails().is_empty()).await;
    let mail = decoded(&sink.mails().remove(0));
    let number: String = sqlx::query_scalar("SELECT tracking_number FROM submissions")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(mail.contains(&number), "{mail}");
    assert!(mail.contains("тіркелді"), "in Kazakh: {mail}");
    let tracking = app.another_client().page(&link_in(&mail), 200).await;
    assert_eq!(crate::helpers::text(&tracking, "#tracking-number"), number);
}

#[tokio::test]
async fn while_the_smtp_server_is_down_the_receipt_waits_and_goes_when_it_returns() {
    let port = free_port();
    let app = TestApp::builder()
        .with_demo_data()
        .with_settings(move |s| {
            s.notify.smtp_url = Some(format!("smtp://127.0.0.1:{port}"));
            s.notify.backoff = Duration::from_millis(200);
            s.notify.max_attempts = 100;
        })
        .spawn()
        .await;
    let (id, _) = app.submit("/requests", REQUEST_WITH_EMAIL).await;
    let pool = app.pool.clone();
    let failing = || async {
        sqlx::query_as::<_, (i32, String, String)>(
            "SELECT attempts, status, last_error FROM outbox WHERE submission_id = $1",
        )
        .bind(id)
        .fetch_one(&pool)
        .await
        .unwrap()
    };
    for _ in 0..100 {
        if failing().await.0 >= 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let (attempts, status, error) = failing().await;
    assert!(attempts >= 2, "retried: {attempts}");
    assert_eq!(status, "pending");
    assert!(error.starts_with("SMTP"), "{error}");
    assert!(!error.contains("serik"), "no address in the error: {error}");

    let sink = SmtpSink::start(port);
    eventually("the delivery after the server returned", || {
        !sink.mails().is_empty()
    })
    .await;
    for _ in 0..50 {
        if failing().await.1 == "sent" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(failing().await.1, "sent");
    assert_eq!(sink.mails().len(), 1, "once");
}

#[tokio::test]
async fn after_the_last_attempt_a_message_is_a_dead_letter() {
    let port = free_port();
    let app = TestApp::builder()
        .with_demo_data()
        .with_settings(move |s| {
            s.notify.smtp_url = Some(format!("smtp://127.0.0.1:{port}"));
            s.notify.backoff = Duration::from_millis(50);
            s.notify.max_attempts = 3;
        })
        .spawn()
        .await;
    let (id, _) = app.submit("/requests", REQUEST_WITH_EMAIL).await;
    let mut last = (String::new(), 0);
    for _ in 0..200 {
        last = sqlx::query_as::<_, (String, i32)>(
            "SELECT status, attempts FROM outbox WHERE submission_id = $1",
        )
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
        if last.0 == "dead" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(last, ("dead".to_string(), 3));

    // Administrators see it and send it again once the server is back.
    let admin = app.another_client();
    crate::helpers::add_staff(&app.pool).await;
    admin.sign_in(crate::helpers::ADMIN).await;
    let page = admin.page("/staff/outbox?lang=en", 200).await;
    let row = crate::helpers::texts(&page, "#outbox tbody tr.outbox-dead").remove(0);
    assert!(row.contains("Dead letter") && row.contains("SMTP"), "{row}");
    assert!(
        !row.contains("serik@example.kz"),
        "no address on the page: {row}"
    );
    let sink = SmtpSink::start(port);
    let action = crate::helpers::attrs(&page, "#outbox form", "action").remove(0);
    let csrf = crate::helpers::attrs(&page, "#outbox input[name=csrf_token]", "value").remove(0);
    let retried = admin
        .client
        .post(admin.url(&action))
        .form(&[("csrf_token", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(retried.status(), 303);
    eventually("the retried message", || !sink.mails().is_empty()).await;
}

/// A real HTTP SMS gateway: it records what it is sent.
pub(crate) async fn sms_gateway() -> (String, Arc<Mutex<Vec<serde_json::Value>>>) {
    use actix_web::{App, HttpResponse, HttpServer, web};
    let received: Arc<Mutex<Vec<serde_json::Value>>> = Arc::default();
    let store = received.clone();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = HttpServer::new(move || {
        let store = store.clone();
        App::new().route(
            "/send",
            web::post().to(
                move |req: actix_web::HttpRequest, body: web::Json<serde_json::Value>| {
                    let store = store.clone();
                    async move {
                        let token = req
                            .headers()
                            .get("authorization")
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or_default()
                            .to_string();
                        let mut message = body.into_inner();
                        message["authorization"] = token.into();
                        store.lock().unwrap().push(message);
                        HttpResponse::Ok().json(serde_json::json!({"status": "queued"}))
                    }
                },
            ),
        )
    })
    .listen(listener)
    .unwrap()
    .workers(1)
    .run();
    tokio::spawn(server);
    (format!("http://127.0.0.1:{port}/send"), received)
}

#[tokio::test]
async fn a_resident_who_gave_only_a_phone_gets_an_sms() {
    let (url, received) = sms_gateway().await;
    let app = TestApp::builder()
        .with_demo_data()
        .with_settings(move |s| {
            s.notify.sms_url = Some(url);
            s.notify.sms_token = Some("gateway-token".into());
        })
        .spawn()
        .await;
    let (id, _) = app.submit("/requests", REQUEST_WITH_PHONE).await;
    let number: String =
        sqlx::query_scalar("SELECT tracking_number FROM submissions WHERE id = $1")
            .bind(id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    eventually("the SMS", || !received.lock().unwrap().is_empty()).await;
    let sms = received.lock().unwrap()[0].clone();
    assert_eq!(sms["to"], "+77020000000");
    assert_eq!(sms["authorization"], "Bearer gateway-token");
    let text = sms["text"].as_str().unwrap();
    assert!(text.contains(&number), "{text}");
    // At most two parts: 2 × 153 GSM-7 characters, or 2 × 67 UCS-2 ones (Cyrillic).
    let gsm = text.chars().all(|c| c.is_ascii() && c != '`');
    let limit = if gsm { 306 } else { 134 };
    assert!(
        text.chars().count() <= limit,
        "{} > {limit}: {text}",
        text.chars().count()
    );
    let channels: Vec<String> =
        sqlx::query_scalar("SELECT channel FROM outbox WHERE submission_id = $1")
            .bind(id)
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(channels, ["sms"], "no e-mail without an address");
}

#[tokio::test]
async fn two_instances_send_200_receipts_exactly_once() {
    let first_dir = fresh_dir("outbox-a");
    let second_dir = fresh_dir("outbox-b");
    let dir = first_dir.clone();
    let first = TestApp::builder()
        .with_demo_data()
        .with_settings(move |s| {
            s.data_dir = dir;
            s.submissions_per_minute = 10_000;
        })
        .spawn()
        .await;
    let dir = second_dir.clone();
    let _second = TestApp::builder()
        .with_database(first.pool.clone())
        .with_settings(move |s| s.data_dir = dir)
        .spawn()
        .await;
    let sends = (0..200).map(|_| first.submit("/requests", REQUEST_WITH_EMAIL));
    futures_util::future::join_all(sends).await;
    let written =
        || files_in(&first_dir.join("outbox")).len() + files_in(&second_dir.join("outbox")).len();
    eventually("200 receipts", || written() >= 200).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(written(), 200, "none twice");
    let (rows, sent, once): (i64, i64, i64) = sqlx::query_as(
        "SELECT count(*), count(*) FILTER (WHERE status = 'sent'),
                count(*) FILTER (WHERE attempts = 1) FROM outbox",
    )
    .fetch_one(&first.pool)
    .await
    .unwrap();
    assert_eq!((rows, sent, once), (200, 200, 200));
}

#[tokio::test]
async fn an_extension_notice_goes_out_in_the_residents_language() {
    let port = free_port();
    let sink = SmtpSink::start(port);
    let app = TestApp::builder()
        .with_demo_data()
        .with_staff()
        .with_settings(move |s| s.notify.smtp_url = Some(format!("smtp://127.0.0.1:{port}")))
        .spawn()
        .await;
    let resident = app.another_client();
    let form = resident.open_form("/requests/new?lang=ru").await;
    let sent = resident
        .send_and_confirm("/requests?lang=ru", &form, REQUEST_WITH_EMAIL)
        .await;
    assert_eq!(sent.status(), 303);
    let id: i64 = sqlx::query_scalar("SELECT id FROM submissions")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    eventually("the receipt", || sink.mails().len() == 1).await;

    app.sign_in(crate::helpers::MODERATOR).await;
    assert_eq!(app.act(id, "take", &[]).await.status(), 303);
    let reason = "Нужно заключение эксперта.";
    let extended = app
        .act(id, "extend", &[("days", "5"), ("reason", reason)])
        .await;
    assert_eq!(extended.status(), 303);
    eventually("the extension notice", || sink.mails().len() == 3).await;
    let due: chrono::NaiveDate = sqlx::query_scalar("SELECT due_on FROM submissions")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let notice = sink
        .mails()
        .into_iter()
        .map(|m| decoded(&m))
        .find(|m| m.contains(reason))
        .expect("the notice names the reason");
    assert!(notice.contains("продлён"), "in Russian: {notice}");
    assert!(
        notice.contains(&due.format("%d.%m.%Y").to_string()),
        "{notice}"
    );
    let events: Vec<String> = sqlx::query_scalar("SELECT event FROM outbox ORDER BY id")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    assert_eq!(events, ["received", "taken", "extended"]);
}
