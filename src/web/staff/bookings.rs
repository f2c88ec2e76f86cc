//! `GET /staff/bookings?day=` (the day's bookings per inspector, with the residents' details)
//! and `POST /staff/bookings/{id}/{attended|no-show|cancel}` (cancelling needs a reason, which
//! the resident is told). Every mark is audited.

use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::NaiveDate;
use serde::Deserialize;
use sqlx::PgPool;

use crate::domain::booking::day_bounds;
use crate::store::bookings::{self, DayLine, StaffMark};
use crate::web::error::AppError;
use crate::web::extract::{CsrfProtected, StaffForm, actor};
use crate::web::page::{self, Caching, PageContext, redirect};
use crate::web::security::csrf_token;
use crate::web::session::StaffUser;
use crate::web::state::AppState;

pub struct Line {
    pub id: i64,
    pub reference: String,
    pub time: String,
    pub name: String,
    pub phone: String,
    pub email: String,
    pub topic: String,
    pub status: String,
    pub booked: bool,
    /// Its time has begun: it can be marked attended or not.
    pub started: bool,
}

pub struct InspectorDay {
    pub inspector: String,
    pub lines: Vec<Line>,
}

#[derive(Template)]
#[template(path = "staff/bookings.html")]
pub struct BookingsPage {
    pub ctx: PageContext,
    pub csrf: String,
    pub user: StaffUser,
    pub day: String,
    pub previous: String,
    pub next: String,
    pub inspectors: Vec<InspectorDay>,
    pub error: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct DayQuery {
    pub day: Option<String>,
    pub error: Option<String>,
}

fn grouped(ctx: &PageContext, tz: chrono_tz::Tz, all: Vec<DayLine>) -> Vec<InspectorDay> {
    let mut days: Vec<InspectorDay> = Vec::new();
    for b in all {
        let line = Line {
            id: b.id,
            reference: b.reference,
            time: format!(
                "{}–{}",
                b.starts_at.with_timezone(&tz).format("%H:%M"),
                b.ends_at.with_timezone(&tz).format("%H:%M")
            ),
            name: b.name,
            phone: b.phone,
            email: b.email.unwrap_or_default(),
            topic: b.topic,
            status: ctx.t(&format!(
                "staff-booking-status-{}",
                b.status.replace('_', "-")
            )),
            booked: b.status == "booked",
            started: b.starts_at <= chrono::Utc::now(),
        };
        match days.last_mut() {
            Some(d) if d.inspector == b.inspector => d.lines.push(line),
            _ => days.push(InspectorDay {
                inspector: b.inspector,
                lines: vec![line],
            }),
        }
    }
    days
}

pub async fn show(
    ctx: PageContext,
    session: Session,
    user: StaffUser,
    query: web::Query<DayQuery>,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let today = state.local_now().date();
    let day = match query.day.as_deref().map(str::trim) {
        None | Some("") => today,
        Some(d) => NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .ok()
            .ok_or(AppError::BadRequest("staff-error-filter"))?,
    };
    let tz = state.settings.time_zone;
    let (from, until) = day_bounds(day, tz).ok_or(AppError::BadRequest("staff-error-filter"))?;
    let all = bookings::day(&pool, from, until).await?;
    let step = |d: Option<NaiveDate>| {
        d.map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default()
    };
    let page = BookingsPage {
        csrf: csrf_token(&session),
        user,
        day: day.format("%Y-%m-%d").to_string(),
        previous: step(day.pred_opt()),
        next: step(day.succ_opt()),
        inspectors: grouped(&ctx, tz, all),
        error: query.error.is_some(),
        ctx,
    };
    // The residents' details are on this page: never cached.
    page::render(actix_web::http::StatusCode::OK, Caching::NoStore, &page)
}

#[derive(Debug, Default, Deserialize)]
pub struct MarkForm {
    #[serde(default)]
    pub csrf_token: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub day: String,
}

impl CsrfProtected for MarkForm {
    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
}

pub async fn mark(
    req: HttpRequest,
    path: web::Path<(String, String)>,
    StaffForm { user, form }: StaffForm<MarkForm>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let (id, action) = path.into_inner();
    let id: i64 = id.parse().ok().ok_or(AppError::NotFound)?;
    let what = match action.as_str() {
        "attended" => StaffMark::Attended,
        "no-show" => StaffMark::NoShow,
        "cancel" => StaffMark::Cancel,
        _ => return Err(AppError::NotFound),
    };
    let day: String = form
        .day
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '-')
        .take(10)
        .collect();
    let reason = form.reason.trim();
    if what == StaffMark::Cancel && reason.chars().count() < 3 {
        // The resident is told why: a cancellation without a reason is not sent.
        return Ok(redirect(&format!(
            "/staff/bookings?day={day}&error=reason#booking-{id}"
        )));
    }
    let reason: String = reason.chars().take(300).collect();
    if !bookings::mark(&pool, id, what, &reason, &actor(&user, &req)).await? {
        return Err(AppError::Conflict);
    }
    Ok(redirect(&format!("/staff/bookings?day={day}")))
}
