//! The production path: Debian's nginx with deploy/nginx/police-portal.conf in front of two
//! instances on one database. A resident and a staff member go through it.

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use police_portal::web::security::Secrets;

use crate::helpers::{ADMIN, THANKS_WITH_PHONE, TestApp, attrs, fresh_database, texts};

/// nginx, stopped when the test ends however it ends.
struct Nginx(Child);

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap()
}

fn port_of(app: &TestApp) -> u16 {
    app.address.rsplit(':').next().unwrap().parse().unwrap()
}

/// The repository's site with the test's ports and paths: no TLS, loopback ports.
fn site(instances: [u16; 2], listen: u16) -> String {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = std::fs::read_to_string(repo.join("deploy/nginx/police-portal.conf")).unwrap();
    site.replace(
        "server 127.0.0.1:8081;",
        &format!("server 127.0.0.1:{};", instances[0]),
    )
    .replace(
        "server 127.0.0.1:8082;",
        &format!("server 127.0.0.1:{};", instances[1]),
    )
    .replace("listen 80;", &format!("listen 127.0.0.1:{};", free_port()))
    .replace("listen 443 ssl;", &format!("listen 127.0.0.1:{listen};"))
    .replace("http2 on;", "")
    .lines()
    .filter(|l| !l.trim_start().starts_with("ssl_certificate"))
    .collect::<Vec<_>>()
    .join("\n")
    .replace(
        "alias /opt/police-portal/static/;",
        &format!("alias {}/;", repo.join("static").display()),
    )
}

fn start_nginx(binary: &Path, instances: [u16; 2]) -> (Nginx, u16) {
    let dir =
        std::env::temp_dir().join(format!("pp-nginx-{}-{}", std::process::id(), instances[0]));
    std::fs::create_dir_all(&dir).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).unwrap();
    let listen = free_port();
    std::fs::write(dir.join("site.conf"), site(instances, listen)).unwrap();
    let d = dir.display();
    // As root, workers would run as nobody, who may not read a checkout under /root.
    let user = if nix::unistd::Uid::effective().is_root() {
        "user root;\n"
    } else {
        ""
    };
    let main = format!(
        "{user}worker_processes 1;\nerror_log {d}/error.log;\npid {d}/nginx.pid;\n\
         events {{ worker_connections 64; }}\n\
         http {{\n access_log off;\n client_body_temp_path {d}/body;\n proxy_temp_path {d}/proxy;\n\
         fastcgi_temp_path {d}/fastcgi;\n uwsgi_temp_path {d}/uwsgi;\n scgi_temp_path {d}/scgi;\n\
         include {d}/site.conf;\n}}\n"
    );
    std::fs::write(dir.join("nginx.conf"), main).unwrap();
    let nginx = Nginx(
        Command::new(binary)
            .arg("-p")
            .arg(&dir)
            .arg("-c")
            .arg(dir.join("nginx.conf"))
            .args(["-g", "daemon off;"])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap(),
    );
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", listen)).is_ok() {
            return (nginx, listen);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("nginx did not listen; see {d}/error.log");
}

fn nginx_binary() -> Option<PathBuf> {
    ["/usr/sbin/nginx", "/usr/bin/nginx"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
}

/// A browser at another address than nginx's, so that the two can be told apart.
fn resident(from: IpAddr) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(from)
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn csrf_and_token(client: &reqwest::Client, url: &str) -> (String, String) {
    let html = client.get(url).send().await.unwrap().text().await.unwrap();
    let html = scraper::Html::parse_document(&html);
    let csrf = attrs(&html, "input[name=csrf_token]", "value").remove(0);
    let token = attrs(&html, "input[name=form_token]", "value")
        .pop()
        .unwrap_or_default();
    (csrf, token)
}

#[tokio::test]
async fn residents_and_staff_go_through_nginx_to_two_instances_as_to_one() {
    let Some(binary) = nginx_binary() else {
        eprintln!("SKIPPED: nginx is not installed (apt-get install nginx); .ci/run installs it");
        return;
    };
    let pool = fresh_database().await;
    let settings = |s: &mut police_portal::config::Settings| {
        s.secret_key = None;
        s.submissions_per_minute = 3;
        s.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
    };
    let a = TestApp::builder()
        .with_database(pool.clone())
        .with_demo_data()
        .with_staff()
        .with_settings(settings)
        .spawn()
        .await;
    let b = TestApp::builder()
        .with_database(pool.clone())
        .with_settings(settings)
        .spawn()
        .await;
    let (_nginx, port) = start_nginx(&binary, [port_of(&a), port_of(&b)]);
    let site = format!("http://127.0.0.1:{port}");
    let resident_ip: IpAddr = "127.0.0.2".parse().unwrap();
    let client = resident(resident_ip);

    let mut statuses = Vec::new();
    for _ in 0..4 {
        let (csrf, token) = csrf_and_token(&client, &format!("{site}/feedback/new")).await;
        let mut form = vec![
            ("csrf_token", csrf.as_str()),
            ("form_token", token.as_str()),
        ];
        form.extend_from_slice(THANKS_WITH_PHONE);
        let sent = client
            .post(format!("{site}/feedback"))
            .form(&form)
            .send()
            .await
            .unwrap();
        if sent.status() == 303 {
            let receipt = sent.headers()["location"].to_str().unwrap().to_string();
            let shown = client.get(format!("{site}{receipt}")).send().await.unwrap();
            assert_eq!(shown.status(), 200, "the receipt, from whichever instance");
        }
        statuses.push(sent.status().as_u16());
    }
    assert_eq!(
        statuses,
        [303, 303, 303, 429],
        "the limit holds across both instances"
    );

    let staff = resident(resident_ip);
    let (csrf, _) = csrf_and_token(&staff, &format!("{site}/staff/login")).await;
    let form = [
        ("csrf_token", csrf.as_str()),
        ("email", ADMIN.0),
        ("password", ADMIN.1),
    ];
    let signed_in = staff
        .post(format!("{site}/staff/login"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 303);
    for _ in 0..2 {
        let queue = staff
            .get(format!("{site}/staff/queue?view=all&lang=en"))
            .send()
            .await
            .unwrap();
        assert_eq!(queue.status(), 200, "the session holds on both instances");
        let html = scraper::Html::parse_document(&queue.text().await.unwrap());
        assert_eq!(texts(&html, "#queue tbody tr").len(), 3);
    }
    let secret: String = sqlx::query_scalar("SELECT key FROM portal_secret")
        .fetch_one(&pool)
        .await
        .unwrap();
    let tag: String = sqlx::query_scalar("SELECT client FROM audit_log WHERE action = 'sign_in'")
        .fetch_one(&pool)
        .await
        .unwrap();
    let secrets = Secrets::new(&secret);
    assert_eq!(
        tag,
        secrets.client_tag(resident_ip),
        "the resident's address, not nginx's"
    );
    assert_ne!(tag, secrets.client_tag("127.0.0.1".parse().unwrap()));

    let css = client
        .get(format!("{site}/static/css/portal.css"))
        .send()
        .await
        .unwrap();
    assert_eq!(css.status(), 200);
    assert!(
        css.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("public")
    );
}
