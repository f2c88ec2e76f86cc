//! `GET /staff/inspectors/{id}`, `POST /staff/inspectors/{id}` (the details: names, rank and
//! position from the typed lists, work phone, reception point and hours, active) and
//! `POST /staff/inspectors/{id}/photo` (a portrait, decoded and re-encoded so that no
//! metadata remains; anything that is not an image is refused and never stored).

use actix_multipart::Multipart;
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use futures_util::StreamExt;
use serde::Deserialize;
use sqlx::PgPool;

use crate::domain::field::FieldError;
use crate::domain::inspector::{Position, Rank};
use crate::domain::inspector_form::{InspectorDetails, InspectorDraft};
use crate::domain::photo::{MAX_PHOTO_BYTES, PhotoError, portrait};
use crate::store::directory::Saved;
use crate::store::roster::{self, EditableInspector};
use crate::store::submissions;
use crate::web::error::AppError;
use crate::web::extract::{AdminUser, CsrfProtected, StaffForm, actor};
use crate::web::form::{ErrorItem, OptionItem, error_items};
use crate::web::i18n::Lang;
use crate::web::page::{self, Caching, PageContext, redirect};
use crate::web::security::{csrf_token, verify_csrf};
use crate::web::session::StaffUser;
use crate::web::staff::view::conflict_text;
use crate::web::state::AppState;

#[derive(Clone, Debug, Default, Deserialize)]
pub struct InspectorForm {
    #[serde(default)]
    pub csrf_token: String,
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub name_kk: String,
    #[serde(default)]
    pub name_ru: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(default)]
    pub rank: String,
    #[serde(default)]
    pub position: String,
    #[serde(default)]
    pub work_phone: String,
    #[serde(default)]
    pub post: String,
    #[serde(default)]
    pub hours: String,
    #[serde(default)]
    pub slot_minutes: String,
    #[serde(default)]
    pub active: String,
}

impl CsrfProtected for InspectorForm {
    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
}

impl InspectorForm {
    fn draft(&self) -> InspectorDraft<'_> {
        InspectorDraft {
            name: [&self.name_kk, &self.name_ru, &self.name_en],
            rank: &self.rank,
            position: &self.position,
            work_phone: &self.work_phone,
            post: &self.post,
            hours: &self.hours,
            slot_minutes: &self.slot_minutes,
            active: matches!(self.active.as_str(), "1" | "on"),
        }
    }
}

#[derive(Template)]
#[template(path = "staff/inspector_form.html")]
pub struct InspectorPage {
    pub ctx: PageContext,
    pub csrf: String,
    pub user: StaffUser,
    /// 0 for a new inspector.
    pub id: i64,
    pub action: String,
    pub is_new: bool,
    pub form: InspectorForm,
    pub ranks: Vec<OptionItem>,
    pub positions: Vec<OptionItem>,
    pub posts: Vec<OptionItem>,
    pub errors: Vec<ErrorItem>,
    pub saved: String,
    pub conflict: Option<String>,
    pub photo_hint: String,
}

impl InspectorPage {
    pub fn error_for(&self, field: &str) -> Option<&str> {
        ErrorItem::for_field(&self.errors, field)
    }

    pub fn has_error(&self, field: &str) -> bool {
        self.error_for(field).is_some()
    }
}

fn filled(i: &EditableInspector) -> InspectorForm {
    let d = &i.details;
    InspectorForm {
        version: i.version.to_string(),
        name_kk: d.name.kk.clone(),
        name_ru: d.name.ru.clone(),
        name_en: d.name.en.clone(),
        rank: d.rank.code().into(),
        position: d.position.code().into(),
        work_phone: d.work_phone.clone(),
        post: d.post.map(|p| p.to_string()).unwrap_or_default(),
        hours: d.reception_hours.to_text(),
        slot_minutes: d.slot_minutes.to_string(),
        active: if d.active { "1" } else { "" }.into(),
        ..InspectorForm::default()
    }
}

fn options<T: Copy>(
    lang: Lang,
    all: &[T],
    code: fn(T) -> &'static str,
    key: fn(T) -> &'static str,
    selected: &str,
) -> Vec<OptionItem> {
    all.iter()
        .map(|&v| OptionItem {
            value: code(v).into(),
            label: lang.t(key(v)),
            selected: code(v) == selected.trim(),
        })
        .collect()
}

struct Shown<'a> {
    id: i64,
    form: InspectorForm,
    errors: &'a [FieldError],
    saved: &'static str,
    conflict: Option<String>,
    status: StatusCode,
}

async fn render(
    ctx: PageContext,
    session: &Session,
    user: StaffUser,
    pool: &PgPool,
    shown: Shown<'_>,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let mut posts: Vec<OptionItem> = submissions::post_choices(pool)
        .await?
        .iter()
        .map(|c| OptionItem {
            value: c.id.to_string(),
            label: c.name.of(lang).to_string(),
            selected: c.id.to_string() == shown.form.post.trim(),
        })
        .collect();
    posts.sort_by(|a, b| crate::domain::text::natural_cmp(&a.label, &b.label));
    let form = &shown.form;
    let page = InspectorPage {
        csrf: csrf_token(session),
        user,
        id: shown.id,
        action: if shown.id == 0 {
            "/staff/inspectors/new".into()
        } else {
            format!("/staff/inspectors/{}", shown.id)
        },
        is_new: shown.id == 0,
        ranks: options(lang, &Rank::ALL, Rank::code, Rank::key, &form.rank),
        positions: options(
            lang,
            &Position::ALL,
            Position::code,
            Position::key,
            &form.position,
        ),
        posts,
        errors: error_items(lang, shown.errors),
        saved: if shown.saved.is_empty() {
            String::new()
        } else {
            lang.t(shown.saved)
        },
        conflict: shown.conflict,
        photo_hint: ctx.tn(
            "admin-photo-hint",
            "mb",
            (MAX_PHOTO_BYTES / (1024 * 1024)) as i64,
        ),
        form: shown.form,
        ctx,
    };
    page::render(shown.status, Caching::NoStore, &page)
}

#[derive(Debug, Default, Deserialize)]
pub struct SavedQuery {
    pub saved: Option<String>,
}

pub async fn edit(
    ctx: PageContext,
    session: Session,
    AdminUser(user): AdminUser,
    path: web::Path<String>,
    query: web::Query<SavedQuery>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let id: i64 = path.parse().ok().ok_or(AppError::NotFound)?;
    let inspector = roster::inspector(&pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let saved = match query.saved.as_deref() {
        Some("photo") => "admin-photo-saved",
        Some(_) => "admin-saved",
        None => "",
    };
    let shown = Shown {
        id,
        form: filled(&inspector),
        errors: &[],
        saved,
        conflict: None,
        status: StatusCode::OK,
    };
    render(ctx, &session, user, &pool, shown).await
}

pub async fn new_inspector(
    ctx: PageContext,
    session: Session,
    AdminUser(user): AdminUser,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let shown = Shown {
        id: 0,
        form: InspectorForm {
            rank: Rank::Lieutenant.code().into(),
            position: Position::DistrictInspector.code().into(),
            hours: "Tu 18:00-20:00; Sa 10:00-13:00".into(),
            slot_minutes: crate::domain::booking::DEFAULT_SLOT_MINUTES.to_string(),
            active: "1".into(),
            ..InspectorForm::default()
        },
        errors: &[],
        saved: "",
        conflict: None,
        status: StatusCode::OK,
    };
    render(ctx, &session, user, &pool, shown).await
}

pub async fn create(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    StaffForm { user, form }: StaffForm<InspectorForm>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    save(ctx, (&req, &session, &pool, &state), user, 0, form).await
}

pub async fn update(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    path: web::Path<String>,
    StaffForm { user, form }: StaffForm<InspectorForm>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let id: i64 = path.parse().ok().ok_or(AppError::NotFound)?;
    save(ctx, (&req, &session, &pool, &state), user, id, form).await
}

/// The request's parts saving needs besides the form.
type Parts<'a> = (&'a HttpRequest, &'a Session, &'a PgPool, &'a AppState);

/// Creates (`id` 0) or updates an inspector.
async fn save(
    ctx: PageContext,
    (req, session, pool, state): Parts<'_>,
    user: StaffUser,
    id: i64,
    mut form: InspectorForm,
) -> Result<HttpResponse, AppError> {
    if !user.is_admin() {
        return Err(AppError::Forbidden);
    }
    let mut shown = Shown {
        id,
        form: InspectorForm::default(),
        errors: &[],
        saved: "",
        conflict: None,
        status: StatusCode::UNPROCESSABLE_ENTITY,
    };
    let mut parsed = InspectorDetails::parse(&form.draft());
    if let Ok(d) = &parsed
        && let Some(post) = d.post
        && !roster::post_exists(pool, post).await?
    {
        parsed = Err(vec![FieldError::new("post", "admin-error-choose")]);
    }
    let details = match parsed {
        Ok(d) => d,
        Err(errors) => {
            shown.form = form;
            shown.errors = &errors;
            return render(ctx, session, user, pool, shown).await;
        }
    };
    let who = actor(&user, req);
    if id == 0 {
        let id = roster::create_inspector(pool, &who, &details).await?;
        return Ok(redirect(&format!("/staff/inspectors/{id}?saved=1")));
    }
    let version: i32 = form
        .version
        .trim()
        .parse()
        .ok()
        .ok_or(AppError::BadRequest("error-400-text"))?;
    match roster::update_inspector(pool, &who, id, version, &details).await? {
        Saved::Done(id) => Ok(redirect(&format!("/staff/inspectors/{id}?saved=1"))),
        Saved::Missing => Err(AppError::NotFound),
        Saved::Conflict(theirs) => {
            form.version = theirs.version.to_string();
            shown.conflict = Some(conflict_text(ctx.lang, state, theirs.updated_at));
            shown.form = form;
            shown.status = StatusCode::CONFLICT;
            render(ctx, session, user, pool, shown).await
        }
    }
}

/// The CSRF token and the photo's bytes from the upload form (at most one byte over the
/// limit is read, to tell that it is too large).
async fn read_upload(mut payload: Multipart) -> Result<(String, Vec<u8>), AppError> {
    let mut token = String::new();
    let mut photo = Vec::new();
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(|e| {
            tracing::debug!(error = %e, "a malformed upload");
            AppError::BadRequest("error-400-text")
        })?;
        let name = field.name().unwrap_or_default().to_string();
        let limit = if name == "photo" {
            MAX_PHOTO_BYTES + 1
        } else {
            200
        };
        let mut bytes = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|e| {
                tracing::debug!(error = %e, "a malformed upload");
                AppError::BadRequest("error-400-text")
            })?;
            if bytes.len() < limit {
                let room = limit - bytes.len();
                bytes.extend_from_slice(&chunk[..chunk.len().min(room)]);
            }
        }
        match name.as_str() {
            "csrf_token" => token = String::from_utf8_lossy(&bytes).into_owned(),
            "photo" => photo = bytes,
            _ => {}
        }
    }
    Ok((token, photo))
}

pub async fn upload_photo(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    AdminUser(user): AdminUser,
    path: web::Path<String>,
    payload: Multipart,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let id: i64 = path.parse().ok().ok_or(AppError::NotFound)?;
    let (token, bytes) = read_upload(payload).await?;
    verify_csrf(&req, &session, &token)?;
    let inspector = roster::inspector(&pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let encoded = web::block(move || portrait(&bytes)).await.map_err(|e| {
        tracing::error!(error = %e, "the photo task failed");
        AppError::BadRequest("error-400-text")
    })?;
    let error = match encoded {
        Ok(jpeg) => {
            roster::set_photo(&pool, &actor(&user, &req), id, &jpeg).await?;
            return Ok(redirect(&format!("/staff/inspectors/{id}?saved=photo")));
        }
        Err(e) => e,
    };
    let status = if error == PhotoError::TooLarge {
        StatusCode::PAYLOAD_TOO_LARGE
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let errors = [FieldError::new("photo", error.key())];
    let shown = Shown {
        id,
        form: filled(&inspector),
        errors: &errors,
        saved: "",
        conflict: None,
        status,
    };
    render(ctx, &session, user, &pool, shown).await
}
