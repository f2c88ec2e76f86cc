//! Builds the application (routes, middleware, shared state) and binds its listener.

use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use actix_web::body::MessageBody;
use actix_web::dev::{ServerHandle, ServiceRequest, ServiceResponse};
use actix_web::http::ConnectionType;
use actix_web::middleware::Next;

use actix_session::SessionMiddleware;
use actix_session::storage::CookieSessionStore;
use actix_web::cookie::SameSite;
use actix_web::dev::Server;
use actix_web::http::header;
use actix_web::middleware::{self, DefaultHeaders, ErrorHandlers, from_fn};
use actix_web::{App, HttpServer, web};
use sqlx::PgPool;
use tracing_actix_web::TracingLogger;

use crate::web::telemetry::PrivateRootSpan;

use crate::config::Settings;
use crate::web::{self as portal_web, AppState, error::render_error_page};

/// Largest request body accepted anywhere; larger ones get 413.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Fills in the secret when PORTAL_SECRET_KEY is not set: the one kept in the database,
/// which the first instance to start creates (`owner` may read it; the serving role not).
pub async fn shared_secret(settings: &mut Settings, owner: &PgPool) -> Result<(), sqlx::Error> {
    if settings.secret_key.is_none() {
        let key = crate::store::secrets::shared(owner, &settings.secret_candidate()).await?;
        settings.secret_key = Some(key);
    }
    Ok(())
}

/// Why the server could not start; one sentence.
#[derive(Debug, thiserror::Error)]
pub enum BindError {
    #[error("cannot listen on {addr} ({source}); set PORTAL_ADDR to a free address")]
    Listen {
        addr: String,
        source: std::io::Error,
    },
    /// `Settings::ensure_secret_key` was not called: sessions and receipts need a secret.
    #[error("no secret key is set; set PORTAL_SECRET_KEY")]
    NoSecret,
    #[error("messages cannot be sent: {0}")]
    Notify(String),
}

pub struct Application {
    port: u16,
    server: Server,
    /// This instance's outbox worker, started with the server.
    notifier: crate::notify::Notifier,
    /// Set when shutting down: responses then close their connection.
    draining: Arc<AtomicBool>,
}

/// How long a stopping portal keeps answering on open keep-alive connections, each answer
/// closing its connection, before it stops (a request already on its way is not dropped).
pub const DRAIN: Duration = Duration::from_millis(1500);

impl Application {
    /// Binds `settings.addr` (port 0 picks a free port) and prepares the server.
    pub fn build(settings: Settings, pool: PgPool, has_demo_data: bool) -> Result<Self, BindError> {
        let addr = settings.addr.clone();
        let bind_error = |source| BindError::Listen {
            addr: addr.clone(),
            source,
        };
        let listener = TcpListener::bind(&addr).map_err(bind_error)?;
        let port = listener.local_addr().map_err(bind_error)?.port();
        let secret = settings.secret_key.clone().ok_or(BindError::NoSecret)?;
        let mut notify_settings = settings.clone();
        if notify_settings.notify.public_url.is_none() {
            let bound = listener.local_addr().map_err(bind_error)?;
            notify_settings.notify.public_url = Some(format!("http://{bound}"));
        }
        let notifier = crate::notify::Notifier::new(
            pool.clone(),
            notify_settings,
            std::sync::Arc::new(crate::web::security::Secrets::new(&secret)),
        )
        .map_err(BindError::Notify)?;
        let state = web::Data::new(AppState::new(settings, &secret, has_demo_data));
        let pool = web::Data::new(pool);
        let draining = Arc::new(AtomicBool::new(false));
        let closing = draining.clone();
        let server = HttpServer::new(move || {
            let static_dir = state.settings.static_dir.clone();
            App::new()
                .app_data(state.clone())
                .app_data(pool.clone())
                .app_data(web::FormConfig::default().limit(MAX_BODY_BYTES))
                .app_data(web::PayloadConfig::new(MAX_BODY_BYTES))
                .app_data(web::JsonConfig::default().limit(MAX_BODY_BYTES))
                // Inside the error pages, so that a refused request gets one too.
                .wrap(from_fn(portal_web::input::refuse_nul))
                .wrap(ErrorHandlers::new().default_handler(render_error_page))
                .wrap(from_fn(portal_web::remember_language))
                .wrap(
                    SessionMiddleware::builder(
                        CookieSessionStore::default(),
                        state.secrets.cookie_key(),
                    )
                    .cookie_name("portal_session".into())
                    .cookie_secure(state.settings.secure_cookies)
                    .cookie_http_only(true)
                    .cookie_same_site(SameSite::Lax)
                    .build(),
                )
                .wrap(security_headers(&state.settings))
                .wrap(middleware::Compress::default())
                .wrap(from_fn({
                    let closing = closing.clone();
                    move |req, next| close_when_draining(closing.clone(), req, next)
                }))
                .wrap(from_fn(secure_behind_https_proxy))
                .wrap(from_fn(portal_web::metrics::record))
                .wrap(TracingLogger::<PrivateRootSpan>::new())
                .service(
                    web::scope("/static")
                        .wrap(
                            DefaultHeaders::new()
                                .add((header::CACHE_CONTROL, "public, max-age=86400")),
                        )
                        .service(actix_files::Files::new("", static_dir)),
                )
                .configure(portal_web::routes)
        })
        .listen(listener)
        .map_err(bind_error)?
        // `serve` handles the signals, so that it can drain first (see `shut_down`).
        .disable_signals()
        .run();
        Ok(Self {
            port,
            server,
            notifier,
            draining,
        })
    }

    /// Answers on for `DRAIN` with every response closing its connection, then tells the
    /// server to stop, letting requests in flight finish. The server's own future must be
    /// polled for the stop to complete: await it after this.
    pub async fn shut_down(handle: ServerHandle, draining: Arc<AtomicBool>) {
        draining.store(true, Ordering::Relaxed);
        tokio::time::sleep(DRAIN).await;
        // The command is sent now; waiting on it here would wait on the server future.
        drop(handle.stop(true));
    }

    /// The flag `shut_down` sets.
    pub fn draining(&self) -> Arc<AtomicBool> {
        self.draining.clone()
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// A handle to stop the server from elsewhere.
    pub fn handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }

    /// Serves until Ctrl-C or SIGTERM; in-flight requests are allowed to finish.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let worker = tokio::spawn(self.notifier.run());
        let served = self.server.await;
        worker.abort();
        served
    }
}

fn security_headers(settings: &Settings) -> DefaultHeaders {
    let tiles = tile_origin(&settings.tile_url);
    let csp = format!(
        "default-src 'self'; img-src 'self' data: {tiles}; style-src 'self'; script-src 'self'; \
         connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
    );
    DefaultHeaders::new()
        .add((header::CONTENT_SECURITY_POLICY, csp))
        .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .add((header::REFERRER_POLICY, "same-origin"))
        .add((header::X_FRAME_OPTIONS, "DENY"))
}

/// Behind a trusted proxy that terminates HTTPS, cookies get `Secure` and responses HSTS, so
/// that a portal configured for plain HTTP on loopback is still strict for its residents.
async fn secure_behind_https_proxy(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let https = crate::web::security::forwarded_https(req.request());
    let mut res = next.call(req).await?;
    if https {
        let headers = res.headers_mut();
        let cookies: Vec<header::HeaderValue> =
            headers.get_all(header::SET_COOKIE).cloned().collect();
        headers.remove(header::SET_COOKIE);
        for cookie in cookies {
            let text = cookie.to_str().unwrap_or_default();
            let secure = if text.to_ascii_lowercase().contains("; secure") {
                text.to_string()
            } else {
                format!("{text}; Secure")
            };
            if let Ok(value) = header::HeaderValue::from_str(&secure) {
                headers.append(header::SET_COOKIE, value);
            }
        }
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            header::HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    Ok(res)
}

/// While draining, every response tells the client to close the connection.
async fn close_when_draining(
    draining: Arc<AtomicBool>,
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let mut res = next.call(req).await?;
    if draining.load(Ordering::Relaxed) {
        res.response_mut()
            .head_mut()
            .set_connection_type(ConnectionType::Close);
    }
    Ok(res)
}

/// `https://tile.openstreetmap.org` from a tile URL template, for the CSP.
fn tile_origin(tile_url: &str) -> String {
    let Some((scheme, rest)) = tile_url.split_once("://") else {
        return String::new();
    };
    let host = rest.split('/').next().unwrap_or("");
    // Subdomain placeholders such as {s}.tile.example.org become a wildcard.
    let host = match host.split_once('.') {
        Some((first, tail)) if first.contains('{') => format!("*.{tail}"),
        _ => host.to_string(),
    };
    format!("{scheme}://{host}")
}

#[cfg(test)]
mod tests {
    use super::tile_origin;

    #[test]
    fn the_tile_origin_allows_the_tile_server_only() {
        assert_eq!(
            tile_origin("https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
            "https://tile.openstreetmap.org"
        );
        assert_eq!(
            tile_origin("https://{s}.tiles.example.kz/{z}/{x}/{y}.png"),
            "https://*.tiles.example.kz"
        );
    }
}
