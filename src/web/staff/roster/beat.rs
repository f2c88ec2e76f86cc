//! `GET /staff/beats/{id}` and `POST /staff/beats/{id}`: a beat's inspector, and a substitute
//! for a range of dates (leave, sickness), whom the public card shows while the cover lasts.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use sqlx::PgPool;

use super::inspector_options;
use crate::domain::beat::{Boundary, BoundaryError, Bounds};
use crate::domain::field::FieldError;
use crate::domain::inspector_form::Assignment;
use crate::store::directory::Saved;
use crate::store::roster::{self, EditableBeat};
use crate::web::error::AppError;
use crate::web::extract::{AdminUser, CsrfProtected, StaffForm, actor};
use crate::web::form::{ErrorItem, OptionItem, error_items};
use crate::web::page::{self, Caching, PageContext, redirect};
use crate::web::security::csrf_token;
use crate::web::session::StaffUser;
use crate::web::staff::view::conflict_text;
use crate::web::state::AppState;

#[derive(Clone, Debug, Default, Deserialize)]
pub struct BeatForm {
    #[serde(default)]
    pub csrf_token: String,
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub inspector: String,
    #[serde(default)]
    pub substitute: String,
    #[serde(default)]
    pub substitute_from: String,
    #[serde(default)]
    pub substitute_until: String,
}

impl CsrfProtected for BeatForm {
    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
}

#[derive(Template)]
#[template(path = "staff/beat_form.html")]
pub struct BeatPage {
    pub ctx: PageContext,
    pub csrf: String,
    pub user: StaffUser,
    pub id: i64,
    pub title: String,
    pub form: BeatForm,
    pub inspectors: Vec<OptionItem>,
    pub substitutes: Vec<OptionItem>,
    pub errors: Vec<ErrorItem>,
    pub saved: bool,
    pub conflict: Option<String>,
    /// The boundary as GeoJSON, to paste over; and what is wrong with a pasted one.
    pub boundary: String,
    pub boundary_error: Option<String>,
    /// The numbers of the beats this one overlaps.
    pub overlaps: Vec<String>,
    /// The map's tiles, for the script that draws a boundary.
    pub tiles: String,
}

impl BeatPage {
    pub fn error_for(&self, field: &str) -> Option<&str> {
        ErrorItem::for_field(&self.errors, field)
    }

    pub fn has_error(&self, field: &str) -> bool {
        self.error_for(field).is_some()
    }
}

fn filled(beat: &EditableBeat) -> BeatForm {
    let id = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let a = &beat.assignment;
    BeatForm {
        version: beat.version.to_string(),
        inspector: id(a.inspector),
        substitute: id(a.substitute),
        substitute_from: date(a.from),
        substitute_until: date(a.until),
        ..BeatForm::default()
    }
}

struct Shown<'a> {
    beat: &'a EditableBeat,
    form: BeatForm,
    errors: &'a [FieldError],
    saved: bool,
    conflict: Option<String>,
    status: StatusCode,
    /// A pasted boundary shown again with its error.
    boundary: Option<(String, String)>,
    tiles: &'a str,
}

/// The beat's boundary as a GeoJSON Polygon, and the beats it overlaps.
async fn boundary_of(pool: &PgPool, id: i64) -> Result<(String, Vec<String>), AppError> {
    let all = roster::boundaries(pool).await?;
    let Some((_, _, own)) = all.iter().find(|(b, _, _)| *b == id) else {
        return Ok((String::new(), Vec::new()));
    };
    let overlaps = all
        .iter()
        .filter(|(b, _, other)| *b != id && own.overlaps(other))
        .map(|(_, number, _)| format!("№ {number}"))
        .collect();
    let geojson = serde_json::json!({"type": "Polygon", "coordinates": own.rings});
    Ok((geojson.to_string(), overlaps))
}

async fn render(
    ctx: PageContext,
    session: &Session,
    user: StaffUser,
    pool: &PgPool,
    shown: Shown<'_>,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let (stored, overlaps) = boundary_of(pool, shown.beat.id).await?;
    let (boundary, boundary_error) = match shown.boundary {
        Some((typed, error)) => (typed, Some(error)),
        None => (stored, None),
    };
    let page = BeatPage {
        tiles: shown.tiles.to_string(),
        boundary,
        boundary_error,
        overlaps,
        csrf: csrf_token(session),
        user,
        id: shown.beat.id,
        title: ctx.t1(
            "admin-beat-edit",
            "name",
            format!("№ {} {}", shown.beat.number, shown.beat.name.of(lang)),
        ),
        inspectors: inspector_options(pool, lang, &shown.form.inspector).await?,
        substitutes: inspector_options(pool, lang, &shown.form.substitute).await?,
        errors: error_items(lang, shown.errors),
        saved: shown.saved,
        conflict: shown.conflict,
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
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let id: i64 = path.parse().ok().ok_or(AppError::NotFound)?;
    let beat = roster::beat(&pool, id).await?.ok_or(AppError::NotFound)?;
    let shown = Shown {
        beat: &beat,
        form: filled(&beat),
        errors: &[],
        saved: query.saved.is_some(),
        conflict: None,
        status: StatusCode::OK,
        boundary: None,
        tiles: &state.settings.tile_url,
    };
    render(ctx, &session, user, &pool, shown).await
}

/// The assignment, with the inspectors checked to be active ones.
async fn parse(
    pool: &PgPool,
    form: &BeatForm,
) -> Result<Result<Assignment, Vec<FieldError>>, AppError> {
    let parsed = Assignment::parse(
        &form.inspector,
        &form.substitute,
        &form.substitute_from,
        &form.substitute_until,
    );
    let Ok(a) = parsed else {
        return Ok(parsed);
    };
    let ids: Vec<i64> = [a.inspector, a.substitute].into_iter().flatten().collect();
    let missing = roster::not_active_inspectors(pool, &ids).await?;
    let mut errors = Vec::new();
    if a.inspector.is_some_and(|i| missing.contains(&i)) {
        errors.push(FieldError::new("inspector", "admin-error-choose"));
    }
    if a.substitute.is_some_and(|i| missing.contains(&i)) {
        errors.push(FieldError::new("substitute", "admin-error-choose"));
    }
    Ok(if errors.is_empty() {
        Ok(a)
    } else {
        Err(errors)
    })
}

pub async fn assign(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    path: web::Path<String>,
    StaffForm { user, mut form }: StaffForm<BeatForm>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    if !user.is_admin() {
        return Err(AppError::Forbidden);
    }
    let id: i64 = path.parse().ok().ok_or(AppError::NotFound)?;
    let beat = roster::beat(&pool, id).await?.ok_or(AppError::NotFound)?;
    let mut shown = Shown {
        beat: &beat,
        form: BeatForm::default(),
        errors: &[],
        saved: false,
        conflict: None,
        status: StatusCode::UNPROCESSABLE_ENTITY,
        boundary: None,
        tiles: &state.settings.tile_url,
    };
    let assignment = match parse(&pool, &form).await? {
        Ok(a) => a,
        Err(errors) => {
            shown.form = form;
            shown.errors = &errors;
            return render(ctx, &session, user, &pool, shown).await;
        }
    };
    let version: i32 = form
        .version
        .trim()
        .parse()
        .ok()
        .ok_or(AppError::BadRequest("error-400-text"))?;
    match roster::assign(&pool, &actor(&user, &req), id, version, &assignment).await? {
        Saved::Done(id) => Ok(redirect(&format!("/staff/beats/{id}?saved=1"))),
        Saved::Missing => Err(AppError::NotFound),
        Saved::Conflict(theirs) => {
            form.version = theirs.version.to_string();
            shown.conflict = Some(conflict_text(ctx.lang, &state, theirs.updated_at));
            shown.form = form;
            shown.status = StatusCode::CONFLICT;
            render(ctx, &session, user, &pool, shown).await
        }
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct BoundaryForm {
    #[serde(default)]
    pub csrf_token: String,
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub boundary: String,
}

impl CsrfProtected for BoundaryForm {
    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
}

/// A pasted GeoJSON Polygon (or a Feature holding one) with the importer's checks; the
/// message key and its ring number when it cannot be used.
fn parse_boundary(text: &str, city: Bounds) -> Result<Boundary, (&'static str, usize)> {
    let value: serde_json::Value =
        serde_json::from_str(text.trim()).map_err(|_e| ("admin-boundary-geojson", 0))?;
    let geometry = match value.get("type").and_then(serde_json::Value::as_str) {
        Some("Feature") => value.get("geometry").cloned().unwrap_or_default(),
        _ => value,
    };
    if geometry.get("type").and_then(serde_json::Value::as_str) != Some("Polygon") {
        return Err(("admin-boundary-geojson", 0));
    }
    let rings: Vec<Vec<[f64; 2]>> = geometry
        .get("coordinates")
        .cloned()
        .and_then(|c| serde_json::from_value(c).ok())
        .ok_or(("admin-boundary-geojson", 0))?;
    let boundary = Boundary { rings };
    boundary.validate(city).map_err(|e| match e {
        BoundaryError::Empty => ("admin-boundary-empty", 0),
        BoundaryError::TooFewPoints(n) => ("admin-boundary-few-points", n),
        BoundaryError::NotClosed(n) => ("admin-boundary-not-closed", n),
        BoundaryError::SelfIntersecting(n) => ("admin-boundary-crosses", n),
        BoundaryError::BadPoint(n) => ("admin-boundary-bad-point", n),
        BoundaryError::OutsideCity(n) => ("admin-boundary-outside", n),
        BoundaryError::HoleOutside(n) => ("admin-boundary-hole", n),
    })?;
    Ok(boundary)
}

pub async fn set_boundary(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    path: web::Path<String>,
    StaffForm { user, form }: StaffForm<BoundaryForm>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    if !user.is_admin() {
        return Err(AppError::Forbidden);
    }
    let id: i64 = path.parse().ok().ok_or(AppError::NotFound)?;
    let beat = roster::beat(&pool, id).await?.ok_or(AppError::NotFound)?;
    let refused = |key: &str, ring: usize| {
        let ring = i64::try_from(ring).unwrap_or(0);
        ctx.lang.t_args(key, &[("ring", ring.into())])
    };
    let parsed = parse_boundary(&form.boundary, state.settings.city_bounds);
    let version: i32 = form
        .version
        .trim()
        .parse()
        .ok()
        .ok_or(AppError::BadRequest("error-400-text"))?;
    let error = match parsed {
        Ok(boundary) => {
            match roster::set_boundary(&pool, &actor(&user, &req), id, version, &boundary).await? {
                Saved::Done(id) => return Ok(redirect(&format!("/staff/beats/{id}?saved=1"))),
                Saved::Missing => return Err(AppError::NotFound),
                Saved::Conflict(_) => refused("admin-boundary-conflict", 0),
            }
        }
        Err((key, ring)) => refused(key, ring),
    };
    let shown = Shown {
        beat: &beat,
        form: filled(&beat),
        errors: &[],
        saved: false,
        conflict: None,
        status: StatusCode::UNPROCESSABLE_ENTITY,
        boundary: Some((form.boundary, error)),
        tiles: &state.settings.tile_url,
    };
    render(ctx, &session, user, &pool, shown).await
}
