//! `GET /staff/posts/new`, `POST /staff/posts/new`, `GET /staff/posts/{id}` and
//! `POST /staff/posts/{id}`: an administrator opens or edits a post. A second administrator
//! saving over a newer version sees a conflict, with their input kept and nothing overwritten.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use sqlx::PgPool;

use super::preview::{HoursPreview, preview};
use super::{PostForm, kind_options, status_options};
use crate::domain::field::FieldError;
use crate::domain::post::Service;
use crate::domain::post_form::PostDetails;
use crate::store::directory::{self, EditablePost, Saved};
use crate::store::places;
use crate::web::error::AppError;
use crate::web::extract::{AdminUser, StaffForm, actor};
use crate::web::form::{ErrorItem, OptionItem, error_items};
use crate::web::i18n::Lang;
use crate::web::page::{self, Caching, PageContext, redirect};
use crate::web::security::csrf_token;
use crate::web::session::StaffUser;
use crate::web::staff::view::saved_at;
use crate::web::state::AppState;

/// A service as a checkbox.
pub struct ServiceBox {
    pub name: String,
    pub label: String,
    pub checked: bool,
}

/// One of the three language versions of a text field.
pub struct LangField {
    pub field: &'static str,
    pub label: String,
    pub value: String,
    pub lang: &'static str,
}

fn lang_fields(lang: Lang, base: &'static str, values: [&str; 3]) -> Vec<LangField> {
    let fields: [(&'static str, &'static str); 3] = match base {
        "name" => [("name_kk", "kk"), ("name_ru", "ru"), ("name_en", "en")],
        _ => [
            ("address_kk", "kk"),
            ("address_ru", "ru"),
            ("address_en", "en"),
        ],
    };
    fields
        .into_iter()
        .zip(values)
        .map(|((field, code), value)| LangField {
            field,
            label: lang.t(&format!("admin-post-{base}-{code}")),
            value: value.to_string(),
            lang: code,
        })
        .collect()
}

/// What another administrator saved while this one was editing.
pub struct Conflict {
    pub saved_at: String,
    pub theirs: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "staff/post_form.html")]
pub struct PostFormPage {
    pub ctx: PageContext,
    pub csrf: String,
    pub user: StaffUser,
    pub action: String,
    pub is_new: bool,
    pub saved: bool,
    pub public_href: String,
    pub form: PostForm,
    pub errors: Vec<ErrorItem>,
    pub kinds: Vec<OptionItem>,
    pub statuses: Vec<OptionItem>,
    pub services: Vec<ServiceBox>,
    pub names: Vec<LangField>,
    pub addresses: Vec<LangField>,
    pub preview: HoursPreview,
    pub conflict: Option<Conflict>,
    /// The map's tiles, for the script that lets a click set the coordinates.
    pub tiles: String,
}

impl PostFormPage {
    pub fn error_for(&self, field: &str) -> Option<&str> {
        ErrorItem::for_field(&self.errors, field)
    }

    pub fn has_error(&self, field: &str) -> bool {
        self.error_for(field).is_some()
    }
}

/// The form filled with a post as it is stored.
fn filled(post: &EditablePost) -> PostForm {
    let d = &post.details;
    PostForm {
        version: post.version.to_string(),
        kind: d.kind.code().into(),
        status: d.status.code().into(),
        name_kk: d.name.kk.clone(),
        name_ru: d.name.ru.clone(),
        name_en: d.name.en.clone(),
        address_kk: d.address.kk.clone(),
        address_ru: d.address.ru.clone(),
        address_en: d.address.en.clone(),
        lat: format!("{:.6}", d.coordinates.lat()),
        lon: format!("{:.6}", d.coordinates.lon()),
        phones: d.phones.join("\n"),
        hours: d.hours.to_text(),
        living_quarters: if d.with_living_quarters { "1" } else { "" }.into(),
        rest: d
            .services
            .iter()
            .map(|s| (format!("service.{s}"), "1".to_string()))
            .collect(),
        ..PostForm::default()
    }
}

fn conflict(lang: Lang, state: &AppState, theirs: &EditablePost) -> Conflict {
    let d = &theirs.details;
    let form = filled(theirs);
    Conflict {
        saved_at: saved_at(state, theirs.updated_at),
        theirs: vec![
            (lang.t("admin-post-status"), lang.t(d.status.key())),
            (lang.t("admin-post-name-ru"), d.name.ru.clone()),
            (lang.t("admin-post-name-kk"), d.name.kk.clone()),
            (lang.t("admin-post-name-en"), d.name.en.clone()),
            (lang.t("admin-post-phones"), d.phones.join(", ")),
            (lang.t("admin-post-hours"), form.hours),
            (lang.t("location-lat-label"), form.lat),
            (lang.t("location-lon-label"), form.lon),
        ],
    }
}

/// How the form is shown: which post, with which errors or conflict, with what status.
struct Shown<'a> {
    id: Option<i64>,
    form: PostForm,
    errors: &'a [FieldError],
    conflict: Option<Conflict>,
    saved: bool,
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
    let ticked = shown.form.services();
    let page = PostFormPage {
        csrf: csrf_token(session),
        user,
        action: match shown.id {
            Some(id) => format!("/staff/posts/{id}"),
            None => "/staff/posts/new".into(),
        },
        is_new: shown.id.is_none(),
        saved: shown.saved,
        public_href: shown
            .id
            .map(|id| format!("/posts/{id}"))
            .unwrap_or_default(),
        errors: error_items(lang, shown.errors),
        kinds: kind_options(lang, shown.form.kind.trim()),
        statuses: status_options(lang, shown.form.status.trim()),
        services: Service::ALL
            .iter()
            .map(|s| ServiceBox {
                name: format!("service.{}", s.code()),
                label: lang.t(s.key()),
                checked: ticked.iter().any(|t| t == s.code()),
            })
            .collect(),
        preview: preview(lang, state.local_now(), &shown.form.hours),
        names: lang_fields(
            lang,
            "name",
            [
                &shown.form.name_kk,
                &shown.form.name_ru,
                &shown.form.name_en,
            ],
        ),
        addresses: lang_fields(
            lang,
            "address",
            [
                &shown.form.address_kk,
                &shown.form.address_ru,
                &shown.form.address_en,
            ],
        ),
        conflict: shown.conflict,
        tiles: state.settings.tile_url.clone(),
        form: shown.form,
        ctx,
    };
    page::render(shown.status, Caching::NoStore, &page)
}

#[derive(Debug, Default, Deserialize)]
pub struct SavedQuery {
    pub saved: Option<String>,
}

pub async fn new_post(
    ctx: PageContext,
    session: Session,
    AdminUser(user): AdminUser,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let form = PostForm {
        status: "planned".into(),
        hours: "24/7".into(),
        ..PostForm::default()
    };
    let shown = Shown {
        id: None,
        form,
        errors: &[],
        conflict: None,
        saved: false,
        status: StatusCode::OK,
    };
    render(ctx, &session, user, &state, shown)
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
    let post = directory::post(&pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let shown = Shown {
        id: Some(id),
        form: filled(&post),
        errors: &[],
        conflict: None,
        saved: query.saved.is_some(),
        status: StatusCode::OK,
    };
    render(ctx, &session, user, &state, shown)
}

/// Coordinates from the gazetteer when none were given: the one place of that name.
async fn locate(pool: &PgPool, form: &mut PostForm) -> Result<Option<FieldError>, AppError> {
    let place = form.place.trim();
    if !(form.lat.trim().is_empty() && form.lon.trim().is_empty()) || place.is_empty() {
        return Ok(None);
    }
    let found = places::search(pool, place, 5).await?;
    let folded = place.to_lowercase();
    let exact: Vec<_> = found
        .iter()
        .filter(|p| {
            [&p.name.kk, &p.name.ru, &p.name.en]
                .iter()
                .any(|n| n.to_lowercase() == folded)
        })
        .collect();
    let chosen = match (exact.as_slice(), found.as_slice()) {
        ([one], _) => *one,
        ([], [one]) => one,
        (_, []) => return Ok(Some(FieldError::new("place", "admin-error-place-unknown"))),
        _ => {
            return Ok(Some(FieldError::new(
                "place",
                "admin-error-place-ambiguous",
            )));
        }
    };
    form.lat = format!("{:.6}", chosen.lat);
    form.lon = format!("{:.6}", chosen.lon);
    Ok(None)
}

/// The form's post, or the errors to show with it.
async fn parse(
    pool: &PgPool,
    form: &mut PostForm,
) -> Result<Result<PostDetails, Vec<FieldError>>, AppError> {
    let place_error = locate(pool, form).await?;
    let services = form.services();
    let parsed = PostDetails::parse(&form.draft(&services));
    Ok(match (parsed, place_error) {
        (Ok(post), None) => Ok(post),
        (parsed, place_error) => {
            let mut errors = parsed.err().unwrap_or_default();
            if let Some(e) = place_error {
                errors.retain(|e| e.field != "lat");
                errors.insert(0, e);
            }
            Err(errors)
        }
    })
}

/// What saving needs from the request besides the form.
struct Request<'a> {
    req: &'a HttpRequest,
    session: &'a Session,
    pool: &'a PgPool,
    state: &'a AppState,
}

pub async fn create(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    StaffForm { user, form }: StaffForm<PostForm>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let request = Request {
        req: &req,
        session: &session,
        pool: &pool,
        state: &state,
    };
    save(ctx, request, user, None, form).await
}

pub async fn update(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    path: web::Path<String>,
    StaffForm { user, form }: StaffForm<PostForm>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let id: i64 = path.parse().ok().ok_or(AppError::NotFound)?;
    let request = Request {
        req: &req,
        session: &session,
        pool: &pool,
        state: &state,
    };
    save(ctx, request, user, Some(id), form).await
}

async fn save(
    ctx: PageContext,
    r: Request<'_>,
    user: StaffUser,
    id: Option<i64>,
    mut form: PostForm,
) -> Result<HttpResponse, AppError> {
    if !user.is_admin() {
        return Err(AppError::Forbidden);
    }
    let mut shown = Shown {
        id,
        form: PostForm::default(),
        errors: &[],
        conflict: None,
        saved: false,
        status: StatusCode::OK,
    };
    if !form.preview.is_empty() {
        // The preview without JavaScript: the same form, the week of the typed hours.
        form.preview.clear();
        shown.form = form;
        return render(ctx, r.session, user, r.state, shown);
    }
    let post = match parse(r.pool, &mut form).await? {
        Ok(post) => post,
        Err(errors) => {
            shown.form = form;
            shown.errors = &errors;
            shown.status = StatusCode::UNPROCESSABLE_ENTITY;
            return render(ctx, r.session, user, r.state, shown);
        }
    };
    let who = actor(&user, r.req);
    let Some(id) = id else {
        let id = directory::create_post(r.pool, &who, &post).await?;
        tracing::info!(post = id, "post created");
        return Ok(redirect(&format!("/staff/posts/{id}?saved=1")));
    };
    let version: i32 = form
        .version
        .trim()
        .parse()
        .ok()
        .ok_or(AppError::BadRequest("error-400-text"))?;
    match directory::update_post(r.pool, &who, id, version, &post).await? {
        Saved::Done(id) => Ok(redirect(&format!("/staff/posts/{id}?saved=1"))),
        Saved::Missing => Err(AppError::NotFound),
        Saved::Conflict(theirs) => {
            // Their version stays; the form keeps this administrator's input, now based on
            // theirs, so that saving again is a deliberate choice.
            shown.conflict = Some(conflict(ctx.lang, r.state, &theirs));
            form.version = theirs.version.to_string();
            shown.form = form;
            shown.status = StatusCode::CONFLICT;
            render(ctx, r.session, user, r.state, shown)
        }
    }
}
