//! `GET /staff/beats/{id}/life`: a beat's local priorities and meetings, kept by staff
//! (moderators and administrators, for every beat until staff scopes exist);
//! `POST /staff/beats/{id}/priorities`, `POST /staff/beats/{id}/meetings`, and
//! `POST /staff/beats/{id}/{priority|meeting}/{item}/remove`. Every change is audited.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::Utc;
use serde::Deserialize;
use sqlx::PgPool;

use crate::domain::beat_life::{MeetingDraft, NewMeeting, NewPriority, ThreeDraft};
use crate::domain::field::FieldError;
use crate::store::beat_life::{self, Meeting, Priority};
use crate::store::beats::{self, Beat};
use crate::web::error::AppError;
use crate::web::extract::{CsrfProtected, StaffForm, actor};
use crate::web::filters;
use crate::web::form::{ErrorItem, error_items};
use crate::web::page::{self, Caching, PageContext, redirect};
use crate::web::security::csrf_token;
use crate::web::session::StaffUser;
use crate::web::state::AppState;

#[derive(Clone, Debug, Default, Deserialize)]
pub struct LifeForm {
    #[serde(default)]
    pub csrf_token: String,
    #[serde(default)]
    pub issue_kk: String,
    #[serde(default)]
    pub issue_ru: String,
    #[serde(default)]
    pub issue_en: String,
    #[serde(default)]
    pub action_kk: String,
    #[serde(default)]
    pub action_ru: String,
    #[serde(default)]
    pub action_en: String,
    #[serde(default)]
    pub starts_on: String,
    #[serde(default)]
    pub ends_on: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub starts: String,
    #[serde(default)]
    pub ends: String,
    #[serde(default)]
    pub place_kk: String,
    #[serde(default)]
    pub place_ru: String,
    #[serde(default)]
    pub place_en: String,
    #[serde(default)]
    pub topic_kk: String,
    #[serde(default)]
    pub topic_ru: String,
    #[serde(default)]
    pub topic_en: String,
}

impl CsrfProtected for LifeForm {
    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
}

#[derive(Template)]
#[template(path = "staff/beat_life.html")]
pub struct BeatLifePage {
    pub ctx: PageContext,
    pub csrf: String,
    pub user: StaffUser,
    pub beat_id: i64,
    pub beat_name: String,
    pub public_href: String,
    pub priorities: Vec<Priority>,
    pub meetings: Vec<(Meeting, String)>,
    pub form: LifeForm,
    pub errors: Vec<ErrorItem>,
    /// Which form the errors belong to: `priority` or `meeting`.
    pub failed: &'static str,
}

impl BeatLifePage {
    pub fn error_for(&self, form: &str, field: &str) -> Option<&str> {
        (self.failed == form)
            .then(|| ErrorItem::for_field(&self.errors, field))
            .flatten()
    }
}

async fn beat(pool: &PgPool, id: &str) -> Result<Beat, AppError> {
    let id: i64 = id.parse().ok().ok_or(AppError::NotFound)?;
    beats::all_beats(pool)
        .await?
        .into_iter()
        .find(|b| b.id == id)
        .ok_or(AppError::NotFound)
}

struct Shown {
    form: LifeForm,
    errors: Vec<FieldError>,
    failed: &'static str,
}

async fn render(
    ctx: PageContext,
    session: &Session,
    user: StaffUser,
    state: &AppState,
    pool: &PgPool,
    beat: &Beat,
    shown: Shown,
) -> Result<HttpResponse, AppError> {
    let tz = state.settings.time_zone;
    let today = state.local_now().date();
    let meetings = beat_life::meetings(pool, beat.id, Utc::now())
        .await?
        .into_iter()
        .map(|m| {
            let when = m
                .starts_at
                .with_timezone(&tz)
                .format("%d.%m.%Y %H:%M")
                .to_string();
            (m, when)
        })
        .collect();
    let status = if shown.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = BeatLifePage {
        csrf: csrf_token(session),
        user,
        beat_id: beat.id,
        beat_name: beat.name.of(ctx.lang).to_string(),
        public_href: crate::web::links::beat_href(&beat.number),
        priorities: beat_life::priorities(pool, beat.id, today).await?,
        meetings,
        errors: error_items(ctx.lang, &shown.errors),
        form: shown.form,
        failed: shown.failed,
        ctx,
    };
    page::render(status, Caching::NoStore, &page)
}

pub async fn show(
    ctx: PageContext,
    session: Session,
    user: StaffUser,
    path: web::Path<String>,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let beat = beat(&pool, &path).await?;
    let shown = Shown {
        form: LifeForm::default(),
        errors: Vec::new(),
        failed: "",
    };
    render(ctx, &session, user, &state, &pool, &beat, shown).await
}

pub async fn add_priority(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    path: web::Path<String>,
    StaffForm { user, form }: StaffForm<LifeForm>,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let beat = beat(&pool, &path).await?;
    let parsed = NewPriority::parse(
        ThreeDraft {
            kk: &form.issue_kk,
            ru: &form.issue_ru,
            en: &form.issue_en,
        },
        ThreeDraft {
            kk: &form.action_kk,
            ru: &form.action_ru,
            en: &form.action_en,
        },
        &form.starts_on,
        &form.ends_on,
    );
    match parsed {
        Ok(p) => {
            beat_life::add_priority(&pool, beat.id, &p, &actor(&user, &req)).await?;
            Ok(redirect(&format!("/staff/beats/{}/life", beat.id)))
        }
        Err(errors) => {
            let shown = Shown {
                form,
                errors,
                failed: "priority",
            };
            render(ctx, &session, user, &state, &pool, &beat, shown).await
        }
    }
}

pub async fn add_meeting(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    path: web::Path<String>,
    StaffForm { user, form }: StaffForm<LifeForm>,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let beat = beat(&pool, &path).await?;
    let draft = MeetingDraft {
        kind: &form.kind,
        date: &form.date,
        starts: &form.starts,
        ends: &form.ends,
        place: ThreeDraft {
            kk: &form.place_kk,
            ru: &form.place_ru,
            en: &form.place_en,
        },
        topic: ThreeDraft {
            kk: &form.topic_kk,
            ru: &form.topic_ru,
            en: &form.topic_en,
        },
    };
    match NewMeeting::parse(&draft, state.settings.time_zone) {
        Ok(m) => {
            beat_life::add_meeting(&pool, beat.id, &m, &actor(&user, &req)).await?;
            Ok(redirect(&format!("/staff/beats/{}/life", beat.id)))
        }
        Err(errors) => {
            let shown = Shown {
                form,
                errors,
                failed: "meeting",
            };
            render(ctx, &session, user, &state, &pool, &beat, shown).await
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct RemoveForm {
    #[serde(default)]
    pub csrf_token: String,
}

impl CsrfProtected for RemoveForm {
    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
}

pub async fn remove(
    req: HttpRequest,
    path: web::Path<(String, String, String)>,
    StaffForm { user, .. }: StaffForm<RemoveForm>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let (beat_id, what, item) = path.into_inner();
    let beat = beat(&pool, &beat_id).await?;
    let item: i64 = item.parse().ok().ok_or(AppError::NotFound)?;
    if !matches!(what.as_str(), "priority" | "meeting") {
        return Err(AppError::NotFound);
    }
    if !beat_life::remove(&pool, beat.id, &what, item, &actor(&user, &req)).await? {
        return Err(AppError::NotFound);
    }
    Ok(redirect(&format!("/staff/beats/{}/life", beat.id)))
}
