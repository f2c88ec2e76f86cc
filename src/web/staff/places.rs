//! The gazetteer, kept by administrators: `GET /staff/places?q=` (the list), a new place
//! (`/staff/places/new`) and an edit (`/staff/places/{id}`): a street, house, microdistrict
//! or landmark in three languages, placed by coordinates or a click on the map.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use sqlx::PgPool;

use crate::domain::field::FieldError;
use crate::domain::place::PlaceKind;
use crate::domain::place_form::{PlaceDetails, PlaceDraft};
use crate::store::directory::Saved;
use crate::store::gazetteer::{self, EditablePlace};
use crate::web::error::AppError;
use crate::web::extract::{AdminUser, CsrfProtected, StaffForm, actor};
use crate::web::form::{ErrorItem, OptionItem, error_items};
use crate::web::page::{self, Caching, PageContext, redirect};
use crate::web::security::csrf_token;
use crate::web::session::StaffUser;
use crate::web::staff::view::conflict_text;
use crate::web::state::AppState;

const LISTED: i64 = 200;

pub struct PlaceRow {
    pub href: String,
    pub name: String,
    pub kind: String,
}

#[derive(Template)]
#[template(path = "staff/places.html")]
pub struct PlacesPage {
    pub ctx: PageContext,
    pub csrf: String,
    pub user: StaffUser,
    pub q: String,
    pub rows: Vec<PlaceRow>,
}

#[derive(Debug, Default, Deserialize)]
pub struct PlacesQuery {
    pub q: Option<String>,
}

pub async fn list(
    ctx: PageContext,
    session: Session,
    AdminUser(user): AdminUser,
    query: web::Query<PlacesQuery>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let q = query.q.as_deref().map(str::trim).unwrap_or("").to_string();
    let rows = gazetteer::places(&pool, Some(q.as_str()).filter(|q| !q.is_empty()), LISTED)
        .await?
        .into_iter()
        .map(|(id, kind, name)| PlaceRow {
            href: format!("/staff/places/{id}"),
            name: name.of(lang).to_string(),
            kind: lang.t(kind.key()),
        })
        .collect();
    let page = PlacesPage {
        csrf: csrf_token(&session),
        user,
        q,
        rows,
        ctx,
    };
    page::ok(&page)
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct PlaceForm {
    #[serde(default)]
    pub csrf_token: String,
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub name_kk: String,
    #[serde(default)]
    pub name_ru: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(default)]
    pub lat: String,
    #[serde(default)]
    pub lon: String,
}

impl CsrfProtected for PlaceForm {
    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
}

#[derive(Template)]
#[template(path = "staff/place_form.html")]
pub struct PlacePage {
    pub ctx: PageContext,
    pub csrf: String,
    pub user: StaffUser,
    pub action: String,
    pub is_new: bool,
    pub saved: bool,
    pub form: PlaceForm,
    pub kinds: Vec<OptionItem>,
    pub errors: Vec<ErrorItem>,
    pub conflict: Option<String>,
    pub tiles: String,
}

impl PlacePage {
    pub fn error_for(&self, field: &str) -> Option<&str> {
        ErrorItem::for_field(&self.errors, field)
    }

    pub fn has_error(&self, field: &str) -> bool {
        self.error_for(field).is_some()
    }
}

fn filled(p: &EditablePlace) -> PlaceForm {
    let d = &p.details;
    PlaceForm {
        version: p.version.to_string(),
        kind: d.kind.code().into(),
        name_kk: d.name.kk.clone(),
        name_ru: d.name.ru.clone(),
        name_en: d.name.en.clone(),
        lat: format!("{:.6}", d.coordinates.lat()),
        lon: format!("{:.6}", d.coordinates.lon()),
        ..PlaceForm::default()
    }
}

struct Shown<'a> {
    id: Option<i64>,
    form: PlaceForm,
    errors: &'a [FieldError],
    saved: bool,
    conflict: Option<String>,
    status: StatusCode,
}

fn render(
    ctx: PageContext,
    session: &Session,
    user: StaffUser,
    state: &AppState,
    shown: Shown,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let page = PlacePage {
        csrf: csrf_token(session),
        user,
        action: shown.id.map_or_else(
            || "/staff/places/new".into(),
            |id| format!("/staff/places/{id}"),
        ),
        is_new: shown.id.is_none(),
        saved: shown.saved,
        kinds: PlaceKind::ALL
            .iter()
            .map(|k| OptionItem {
                value: k.code().into(),
                label: lang.t(k.key()),
                selected: k.code() == shown.form.kind.trim(),
            })
            .collect(),
        errors: error_items(lang, shown.errors),
        conflict: shown.conflict,
        tiles: state.settings.tile_url.clone(),
        form: shown.form,
        ctx,
    };
    page::render(shown.status, Caching::NoStore, &page)
}

pub async fn new_place(
    ctx: PageContext,
    session: Session,
    AdminUser(user): AdminUser,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let shown = Shown {
        id: None,
        form: PlaceForm::default(),
        errors: &[],
        saved: false,
        conflict: None,
        status: StatusCode::OK,
    };
    render(ctx, &session, user, &state, shown)
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
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let id: i64 = path.parse().ok().ok_or(AppError::NotFound)?;
    let place = gazetteer::place(&pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let shown = Shown {
        id: Some(id),
        form: filled(&place),
        errors: &[],
        saved: query.saved.is_some(),
        conflict: None,
        status: StatusCode::OK,
    };
    render(ctx, &session, user, &state, shown)
}

/// What saving needs from the request besides the form.
pub struct Request<'a> {
    req: &'a HttpRequest,
    session: &'a Session,
    pool: &'a PgPool,
    state: &'a AppState,
}

pub async fn create(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    StaffForm { user, form }: StaffForm<PlaceForm>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let r = Request {
        req: &req,
        session: &session,
        pool: &pool,
        state: &state,
    };
    save(ctx, r, user, None, form).await
}

pub async fn update(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    path: web::Path<String>,
    StaffForm { user, form }: StaffForm<PlaceForm>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let id: i64 = path.parse().ok().ok_or(AppError::NotFound)?;
    let r = Request {
        req: &req,
        session: &session,
        pool: &pool,
        state: &state,
    };
    save(ctx, r, user, Some(id), form).await
}

async fn save(
    ctx: PageContext,
    r: Request<'_>,
    user: StaffUser,
    id: Option<i64>,
    mut form: PlaceForm,
) -> Result<HttpResponse, AppError> {
    if !user.is_admin() {
        return Err(AppError::Forbidden);
    }
    let draft = PlaceDraft {
        kind: &form.kind,
        name: [&form.name_kk, &form.name_ru, &form.name_en],
        lat: &form.lat,
        lon: &form.lon,
    };
    let mut shown = Shown {
        id,
        form: PlaceForm::default(),
        errors: &[],
        saved: false,
        conflict: None,
        status: StatusCode::UNPROCESSABLE_ENTITY,
    };
    let place = match PlaceDetails::parse(&draft) {
        Ok(p) => p,
        Err(errors) => {
            shown.form = form;
            shown.errors = &errors;
            return render(ctx, r.session, user, r.state, shown);
        }
    };
    let who = actor(&user, r.req);
    let Some(id) = id else {
        let id = gazetteer::create_place(r.pool, &who, &place).await?;
        return Ok(redirect(&format!("/staff/places/{id}?saved=1")));
    };
    let version: i32 = form
        .version
        .trim()
        .parse()
        .ok()
        .ok_or(AppError::BadRequest("error-400-text"))?;
    match gazetteer::update_place(r.pool, &who, id, version, &place).await? {
        Saved::Done(id) => Ok(redirect(&format!("/staff/places/{id}?saved=1"))),
        Saved::Missing => Err(AppError::NotFound),
        Saved::Conflict(theirs) => {
            form.version = theirs.version.to_string();
            shown.conflict = Some(conflict_text(ctx.lang, r.state, theirs.updated_at));
            shown.form = form;
            shown.status = StatusCode::CONFLICT;
            render(ctx, r.session, user, r.state, shown)
        }
    }
}
