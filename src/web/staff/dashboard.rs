//! `GET /staff`: counts by status and kind, what is overdue or due soon, answer times, the
//! statutory notices still unsent two working days after the action, residents' satisfaction
//! over 30 days, and the staff member's own daily digest (`POST /staff/digest` turns it on or
//! off).

use actix_session::Session;
use actix_web::{HttpResponse, web};
use askama::Template;
use sqlx::PgPool;

use serde::Deserialize;

use crate::domain::notice::{Event, Satisfaction, notice_clock};
use crate::store::moderation as store;
use crate::store::{outbox, replies, staff};
use crate::web::error::AppError;
use crate::web::extract::{CsrfProtected, StaffForm, actor};
use crate::web::page::{self, PageContext, redirect};
use crate::web::security::csrf_token;
use crate::web::session::StaffUser;
use crate::web::state::AppState;

/// Satisfaction is counted over this many days.
const SATISFACTION_DAYS: i32 = 30;

/// A statutory notice (extension, forwarding) still unsent two working days after the action.
pub struct NoticeLine {
    pub submission_id: i64,
    pub number: String,
    pub event: String,
    /// The last day it may go out, as a date people read.
    pub limit: String,
    pub overdue: bool,
    pub dead: bool,
}

/// "Due soon" is within this many working days.
const DUE_SOON_WORKING_DAYS: u32 = 3;

#[derive(Template)]
#[template(path = "staff/dashboard.html")]
pub struct DashboardPage {
    pub ctx: PageContext,
    pub csrf: String,
    pub user: StaffUser,
    pub rows: Vec<(String, String, i64)>,
    pub overdue: i64,
    pub due_soon: i64,
    pub median: String,
    pub notices: Vec<NoticeLine>,
    /// Label and count of each answer of the questionnaire.
    pub satisfaction: Vec<(String, i64)>,
    pub satisfaction_total: i64,
    pub digest: bool,
    /// (name, open, due soon, overdue) per staff member.
    pub people: Vec<(String, i64, i64, i64)>,
    /// Appeals whose forwarding limit is today or tomorrow's working day, or passed while
    /// still untouched: (id, number, limit, passed).
    pub forwarding: Vec<(i64, String, String, bool)>,
}

async fn urgent_notices(
    pool: &PgPool,
    state: &AppState,
    lang: crate::domain::lang::Lang,
) -> Result<Vec<NoticeLine>, AppError> {
    let today = state.local_now().date();
    let calendar = state.calendar(pool).await?;
    let tz = state.settings.time_zone;
    Ok(outbox::unsent_notices(pool)
        .await?
        .into_iter()
        .filter_map(|n| {
            let acted_on = n.acted_at.with_timezone(&tz).date_naive();
            let clock = notice_clock(&calendar, acted_on, today);
            clock.urgent.then(|| NoticeLine {
                submission_id: n.submission_id,
                event: Event::parse(&n.event)
                    .map(|e| lang.t(&format!("staff-notice-{}", e.code())))
                    .unwrap_or_default(),
                number: n.tracking_number,
                limit: clock.limit.format("%d.%m.%Y").to_string(),
                overdue: clock.overdue,
                dead: n.dead,
            })
        })
        .collect())
}

pub async fn show(
    ctx: PageContext,
    session: Session,
    user: StaffUser,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let today = state.local_now().date();
    let calendar = state.calendar(&pool).await?;
    let soon = calendar.add_working_days(today, DUE_SOON_WORKING_DAYS);
    let d = store::dashboard(&pool, today, soon).await?;
    let counts = replies::satisfaction_counts(&pool, SATISFACTION_DAYS).await?;
    let people = crate::store::cases::per_person(&pool, today, soon)
        .await?
        .into_iter()
        .map(|(_, name, open, soon, overdue)| (name, open, soon, overdue))
        .collect();
    let forwarding =
        crate::store::cases::awaiting_first_step(&pool, today - chrono::Duration::days(14))
            .await?
            .into_iter()
            .filter_map(|(id, number, registered)| {
                let limit = calendar.forwarding_limit(registered);
                // From one working day before the limit on.
                let watch = calendar.add_working_days(registered, 2);
                (today >= watch).then(|| {
                    (
                        id,
                        number,
                        limit.format("%d.%m.%Y").to_string(),
                        today > limit,
                    )
                })
            })
            .collect();
    let page = DashboardPage {
        people,
        forwarding,
        notices: urgent_notices(&pool, &state, lang).await?,
        satisfaction: Satisfaction::ALL
            .into_iter()
            .zip(counts)
            .map(|(a, n)| (lang.t(a.key()), n))
            .collect(),
        satisfaction_total: counts.iter().sum(),
        digest: staff::wants_digest(&pool, user.id).await?,
        csrf: csrf_token(&session),
        rows: d
            .by_status_kind
            .iter()
            .map(|(s, k, n)| (lang.t(s.key()), lang.t(k.key()), *n))
            .collect(),
        overdue: d.overdue,
        due_soon: d.due_soon,
        median: d
            .median_hours_to_answer
            .map(|h| crate::web::format::duration(lang, h))
            .unwrap_or_else(|| lang.t("staff-no-data")),
        user,
        ctx,
    };
    page::ok(&page)
}

#[derive(Debug, Default, Deserialize)]
pub struct DigestForm {
    #[serde(default)]
    pub csrf_token: String,
    /// A checkbox: present when ticked.
    pub digest: Option<String>,
}

impl CsrfProtected for DigestForm {
    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
}

/// `POST /staff/digest`: the daily digest on (the box ticked) or off.
pub async fn set_digest(
    req: actix_web::HttpRequest,
    StaffForm { user, form }: StaffForm<DigestForm>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let on = form.digest.is_some();
    staff::set_digest(&pool, user.id, on, &actor(&user, &req)).await?;
    Ok(redirect("/staff#digest"))
}
