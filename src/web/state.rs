//! What every handler shares besides the pool: settings, keys, limits, the calendar cache.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{NaiveDateTime, Utc};
use sqlx::PgPool;
use tokio::sync::RwLock;

use super::security::{Limit, Secrets, SignInLimits};
use crate::config::Settings;
use crate::domain::deadline::WorkingCalendar;

/// How long a read calendar is used before it is read again: administrators change dates from
/// the browser on any instance or from the command line, and every instance counts them within
/// seconds (the table has a few dozen rows; reading it every 5 seconds costs nothing).
const CALENDAR_TTL: Duration = Duration::from_secs(5);

/// How long computed public statistics are shown before they are computed again: they cover
/// 12 months, so a minute's delay changes nothing a reader could notice, and a beat's page or
/// the statistics page does not read a year of appeals on every view.
pub const STATISTICS_TTL: Duration = Duration::from_secs(60);

/// How many password hashes may be computed at the same time.
const HASHES_AT_ONCE: usize = 2;

/// Wrong guesses at a tracking key a client may make per minute before it is slowed down.
pub const TRACKING_GUESSES_PER_MINUTE: u32 = 10;

pub struct AppState {
    pub settings: Settings,
    pub secrets: Secrets,
    /// Submissions per client and minute.
    pub submission_limit: Limit,
    /// Requests filed per Open311 API key and minute.
    pub open311_limit: Limit,
    /// Wrong tracking number/key guesses per client and minute.
    pub tracking_limit: Limit,
    /// Staff sign-in attempts per account and per client.
    pub sign_in_limits: SignInLimits,
    /// This instance's figures for `/metrics`.
    pub metrics: super::metrics::Metrics,
    /// Password hashes computed at once (each takes 19 MiB and a core for a while).
    pub hashing: tokio::sync::Semaphore,
    /// The directory holds demo records, which the footer then says.
    pub has_demo_data: bool,
    calendar: RwLock<Option<(Instant, Arc<WorkingCalendar>)>>,
    /// The public statistics as last computed (see `web::statistics::compute`).
    pub(super) statistics: RwLock<Option<(Instant, Arc<super::statistics::Computed>)>>,
}

impl AppState {
    pub fn new(settings: Settings, secret: &str, has_demo_data: bool) -> Self {
        Self {
            secrets: Secrets::new(secret),
            submission_limit: Limit::per_minute("submissions", settings.submissions_per_minute),
            open311_limit: Limit::per_minute("open311-key", settings.open311_per_minute),
            tracking_limit: Limit::per_minute("tracking-guesses", TRACKING_GUESSES_PER_MINUTE),
            sign_in_limits: SignInLimits::default(),
            settings,
            has_demo_data,
            hashing: tokio::sync::Semaphore::new(HASHES_AT_ONCE),
            metrics: super::metrics::Metrics::default(),
            calendar: RwLock::new(None),
            statistics: RwLock::new(None),
        }
    }

    /// Forgets the cached calendar (this instance changed it); the others read it again within
    /// `CALENDAR_TTL`.
    pub async fn forget_calendar(&self) {
        *self.calendar.write().await = None;
    }

    /// The working-day calendar, from a short-lived cache.
    pub async fn calendar(&self, pool: &PgPool) -> Result<Arc<WorkingCalendar>, sqlx::Error> {
        if let Some((read, calendar)) = self.calendar.read().await.as_ref()
            && read.elapsed() < CALENDAR_TTL
        {
            return Ok(calendar.clone());
        }
        let calendar = Arc::new(crate::store::calendar::calendar(pool).await?);
        *self.calendar.write().await = Some((Instant::now(), calendar.clone()));
        Ok(calendar)
    }

    /// The local time in the city, for "open now" and for dates of the working calendar.
    pub fn local_now(&self) -> NaiveDateTime {
        Utc::now()
            .with_timezone(&self.settings.time_zone)
            .naive_local()
    }
}
