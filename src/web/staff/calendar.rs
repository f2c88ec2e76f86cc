//! `GET /staff/calendar?year=`, `POST /staff/calendar` (a date) and
//! `POST /staff/calendar/remove`: the holidays, moved days off and working Saturdays that
//! statutory deadlines are counted in, with the due date of a sample appeal.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::{Datelike, NaiveDate, NaiveTime};
use serde::Deserialize;
use sqlx::PgPool;

use crate::domain::field::FieldError;
use crate::domain::inspector_form::parse_date;
use crate::store::calendar;
use crate::web::error::AppError;
use crate::web::extract::{AdminUser, CsrfProtected, StaffForm, actor};
use crate::web::form::{ErrorItem, error_items};
use crate::web::page::{self, Caching, PageContext, redirect};
use crate::web::security::csrf_token;
use crate::web::session::StaffUser;
use crate::web::state::AppState;

const NOTE_MAX: usize = 200;

pub struct DayRow {
    pub date: String,
    pub iso: String,
    pub kind: String,
    pub note: String,
}

#[derive(Template)]
#[template(path = "staff/calendar.html")]
pub struct CalendarPage {
    pub ctx: PageContext,
    pub csrf: String,
    pub user: StaffUser,
    pub year: i32,
    pub rows: Vec<DayRow>,
    pub form: DayForm,
    pub errors: Vec<ErrorItem>,
    /// "An appeal received on … is due on …": today's, and the date just set.
    pub samples: Vec<String>,
}

impl CalendarPage {
    pub fn error_for(&self, field: &str) -> Option<&str> {
        ErrorItem::for_field(&self.errors, field)
    }

    pub fn has_error(&self, field: &str) -> bool {
        self.error_for(field).is_some()
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct DayForm {
    #[serde(default)]
    pub csrf_token: String,
    #[serde(default)]
    pub date: String,
    /// `off` or `working`.
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub note: String,
}

impl CsrfProtected for DayForm {
    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct YearQuery {
    pub year: Option<i32>,
    pub set: Option<String>,
}

struct Shown<'a> {
    year: i32,
    form: DayForm,
    errors: &'a [FieldError],
    sample_on: Option<NaiveDate>,
    status: StatusCode,
}

async fn render(
    ctx: PageContext,
    session: &Session,
    user: StaffUser,
    pool: &PgPool,
    state: &AppState,
    shown: Shown<'_>,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let rows = calendar::calendar_days(pool)
        .await?
        .into_iter()
        .filter(|(day, _, _)| day.year() == shown.year)
        .map(|(day, working, note)| DayRow {
            date: day.format("%d.%m.%Y").to_string(),
            iso: day.to_string(),
            kind: lang.t(if working {
                "admin-calendar-working"
            } else {
                "admin-calendar-off"
            }),
            note,
        })
        .collect();
    let cal = state.calendar(pool).await?;
    let now = state.local_now();
    let sample = |at| {
        let registered = cal.registration_date(at);
        ctx.lang.t_args(
            "admin-calendar-sample",
            &[
                ("received", at.date().format("%d.%m.%Y").to_string().into()),
                (
                    "due",
                    cal.due_date(registered)
                        .format("%d.%m.%Y")
                        .to_string()
                        .into(),
                ),
            ],
        )
    };
    let mut samples = vec![sample(now)];
    if let Some(day) = shown.sample_on {
        samples.push(sample(
            day.and_time(NaiveTime::from_hms_opt(10, 0, 0).unwrap_or_default()),
        ));
    }
    let page = CalendarPage {
        csrf: csrf_token(session),
        user,
        year: shown.year,
        rows,
        errors: error_items(lang, shown.errors),
        form: shown.form,
        samples,
        ctx,
    };
    page::render(shown.status, Caching::NoStore, &page)
}

pub async fn show(
    ctx: PageContext,
    session: Session,
    AdminUser(user): AdminUser,
    query: web::Query<YearQuery>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let today = state.local_now().date();
    let year = query
        .year
        .filter(|y| (2000..=2100).contains(y))
        .unwrap_or(today.year());
    let shown = Shown {
        year,
        form: DayForm {
            kind: "off".into(),
            ..DayForm::default()
        },
        errors: &[],
        sample_on: query.set.as_deref().and_then(parse_date),
        status: StatusCode::OK,
    };
    render(ctx, &session, user, &pool, &state, shown).await
}

fn parse(form: &DayForm) -> Result<(NaiveDate, bool, String), Vec<FieldError>> {
    let mut errors = Vec::new();
    let day = parse_date(&form.date);
    if day.is_none() {
        errors.push(FieldError::new("date", "admin-error-date"));
    }
    let working = match form.kind.as_str() {
        "off" => Some(false),
        "working" => Some(true),
        _ => {
            errors.push(FieldError::new("kind", "admin-error-choose"));
            None
        }
    };
    let note = form.note.trim().to_string();
    if note.is_empty() {
        errors.push(FieldError::new("note", "admin-error-required"));
    } else if note.chars().count() > NOTE_MAX {
        errors.push(FieldError::new("note", "admin-error-too-long"));
    }
    match (day, working) {
        (Some(day), Some(working)) if errors.is_empty() => Ok((day, working, note)),
        _ => Err(errors),
    }
}

pub async fn set(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    StaffForm { user, form }: StaffForm<DayForm>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    if !user.is_admin() {
        return Err(AppError::Forbidden);
    }
    let (day, working, note) = match parse(&form) {
        Ok(parsed) => parsed,
        Err(errors) => {
            let shown = Shown {
                year: state.local_now().date().year(),
                form,
                errors: &errors,
                sample_on: None,
                status: StatusCode::UNPROCESSABLE_ENTITY,
            };
            return render(ctx, &session, user, &pool, &state, shown).await;
        }
    };
    calendar::set_day(&pool, &actor(&user, &req), day, working, &note).await?;
    state.forget_calendar().await;
    Ok(redirect(&format!(
        "/staff/calendar?year={}&set={day}",
        day.year()
    )))
}

#[derive(Debug, Default, Deserialize)]
pub struct RemoveForm {
    #[serde(default)]
    pub csrf_token: String,
    #[serde(default)]
    pub date: String,
}

impl CsrfProtected for RemoveForm {
    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
}

pub async fn remove(
    req: HttpRequest,
    StaffForm { user, form }: StaffForm<RemoveForm>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    if !user.is_admin() {
        return Err(AppError::Forbidden);
    }
    let day = parse_date(&form.date).ok_or(AppError::BadRequest("error-400-text"))?;
    if !calendar::remove_day(&pool, &actor(&user, &req), day).await? {
        return Err(AppError::NotFound);
    }
    state.forget_calendar().await;
    Ok(redirect(&format!("/staff/calendar?year={}", day.year())))
}
