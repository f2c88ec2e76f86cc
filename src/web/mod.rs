//! HTTP: one folder per audience, plus the pieces every page shares.

pub mod api;
pub mod error;
pub mod format;
pub mod health;
pub mod i18n;
pub mod page;
pub mod public;
pub mod security;
pub mod staff;
pub mod telemetry;

use std::sync::atomic::{AtomicBool, Ordering};

use actix_web::body::MessageBody;
use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::web;

use crate::config::Settings;
use crate::domain::deadline::WorkingCalendar;

/// State shared by all handlers besides the pool.
pub struct AppState {
    pub settings: Settings,
    pub secrets: security::Secrets,
    /// Submissions per client and minute.
    pub submission_limit: security::ClientLimiter,
    /// Wrong tracking number/key guesses per client and minute.
    pub tracking_limit: security::ClientLimiter,
    /// Staff sign-in attempts per account and per client.
    pub sign_in_limits: staff::SignInLimits,
    has_demo_data: AtomicBool,
    /// The working-day calendar, re-read from the database every few minutes.
    calendar: tokio::sync::RwLock<Option<(std::time::Instant, std::sync::Arc<WorkingCalendar>)>>,
}

/// How long a read calendar is used before it is read again (administrators add dates from
/// the command line while the portal runs).
const CALENDAR_TTL: std::time::Duration = std::time::Duration::from_secs(300);

/// Wrong guesses at a tracking key a client may make per minute before it is slowed down.
pub const TRACKING_GUESSES_PER_MINUTE: u32 = 10;

impl AppState {
    pub fn new(settings: Settings, secret: &str, has_demo_data: bool) -> Self {
        Self {
            secrets: security::Secrets::new(secret),
            submission_limit: security::ClientLimiter::per_minute(settings.submissions_per_minute),
            tracking_limit: security::ClientLimiter::per_minute(TRACKING_GUESSES_PER_MINUTE),
            sign_in_limits: staff::SignInLimits::default(),
            settings,
            has_demo_data: AtomicBool::new(has_demo_data),
            calendar: tokio::sync::RwLock::new(None),
        }
    }

    /// The working-day calendar, from a short-lived cache.
    pub async fn calendar(
        &self,
        pool: &sqlx::PgPool,
    ) -> Result<std::sync::Arc<WorkingCalendar>, sqlx::Error> {
        if let Some((read, calendar)) = self.calendar.read().await.as_ref()
            && read.elapsed() < CALENDAR_TTL
        {
            return Ok(calendar.clone());
        }
        let calendar = std::sync::Arc::new(crate::store::submissions::calendar(pool).await?);
        *self.calendar.write().await = Some((std::time::Instant::now(), calendar.clone()));
        Ok(calendar)
    }

    pub fn has_demo_data(&self) -> bool {
        self.has_demo_data.load(Ordering::Relaxed)
    }
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(public::home::show))
        .route("/healthz", web::get().to(health::check))
        .route("/posts", web::get().to(public::posts::find))
        .route("/posts/{id}", web::get().to(public::posts::show))
        .route("/inspectors", web::get().to(public::inspectors::directory))
        .route("/inspectors/find", web::get().to(public::inspectors::find))
        .route("/inspectors/{id}", web::get().to(public::inspectors::show))
        .route(
            "/inspectors/{id}/photo",
            web::get().to(public::inspectors::photo),
        )
        .route(
            "/feedback/new",
            web::get().to(public::submissions::new_feedback),
        )
        .route(
            "/feedback",
            web::post().to(public::submissions::create_feedback),
        )
        .route(
            "/requests/new",
            web::get().to(public::submissions::new_request),
        )
        .route(
            "/requests",
            web::post().to(public::submissions::create_request),
        )
        .route("/track", web::get().to(public::submissions::track_form))
        .route("/track/{number}", web::get().to(public::submissions::track))
        .route("/privacy", web::get().to(public::submissions::privacy))
        .configure(staff::routes)
        .service(api::scope())
        .route("/api/openapi.json", web::get().to(api::openapi));
}

/// Remembers a language chosen with `?lang=` in a cookie for the following pages.
pub async fn remember_language(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let chosen = i18n::query_lang(req.query_string());
    let mut res = next.call(req).await?;
    if let Some(lang) = chosen {
        let cookie = Cookie::build(i18n::LANG_COOKIE, lang.code())
            .path("/")
            .max_age(CookieDuration::days(365))
            .same_site(SameSite::Lax)
            .http_only(true)
            .finish();
        res.response_mut().add_cookie(&cookie)?;
    }
    Ok(res)
}
