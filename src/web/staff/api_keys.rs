//! Open311 API keys, kept by administrators: `GET /staff/api-keys` (the keys and the form),
//! `POST /staff/api-keys` (issue: the key is shown once, on the answer to this POST, never
//! again), `POST /staff/api-keys/{id}/revoke`. Every change is audited.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use sqlx::PgPool;

use crate::domain::field::FieldError;
use crate::store::api_keys::{self, ApiKeyLine};
use crate::web::error::AppError;
use crate::web::extract::{AdminUser, CsrfProtected, StaffForm, actor};
use crate::web::filters;
use crate::web::form::{ErrorItem, error_items};
use crate::web::page::{self, Caching, PageContext, redirect};
use crate::web::security::csrf_token;
use crate::web::session::StaffUser;
use crate::web::state::AppState;

const NAME_MAX: usize = 120;

/// A key just issued, shown once.
pub struct NewKey {
    pub name: String,
    pub key: String,
}

#[derive(Template)]
#[template(path = "staff/api_keys.html")]
pub struct ApiKeysPage {
    pub ctx: PageContext,
    pub csrf: String,
    pub user: StaffUser,
    pub lines: Vec<ApiKeyLine>,
    pub tz: chrono_tz::Tz,
    pub form: IssueForm,
    pub errors: Vec<ErrorItem>,
    pub issued: Option<NewKey>,
    pub issued_title: String,
}

impl ApiKeysPage {
    pub fn error_for(&self, field: &str) -> Option<&str> {
        ErrorItem::for_field(&self.errors, field)
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct IssueForm {
    #[serde(default)]
    pub csrf_token: String,
    #[serde(default)]
    pub name: String,
}

impl CsrfProtected for IssueForm {
    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
}

/// What the page shows besides the keys: the form as typed, its errors, a key just issued.
#[derive(Default)]
struct Shown {
    form: IssueForm,
    errors: Vec<FieldError>,
    issued: Option<NewKey>,
}

async fn render(
    ctx: PageContext,
    session: &Session,
    user: StaffUser,
    state: &AppState,
    pool: &PgPool,
    Shown {
        form,
        errors,
        issued,
    }: Shown,
) -> Result<HttpResponse, AppError> {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let issued_title = issued.as_ref().map_or_else(String::new, |k| {
        ctx.t1("admin-api-key-new", "name", k.name.clone())
    });
    let page = ApiKeysPage {
        csrf: csrf_token(session),
        user,
        lines: api_keys::lines(pool).await?,
        tz: state.settings.time_zone,
        errors: error_items(ctx.lang, &errors),
        form,
        issued,
        issued_title,
        ctx,
    };
    // A new key is on this page: no cache may keep it.
    page::render(status, Caching::NoStore, &page)
}

pub async fn list(
    ctx: PageContext,
    session: Session,
    AdminUser(user): AdminUser,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    render(ctx, &session, user, &state, &pool, Shown::default()).await
}

pub async fn issue(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    StaffForm { user, form }: StaffForm<IssueForm>,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    if !user.is_admin() {
        return Err(AppError::Forbidden);
    }
    let name = form.name.trim().to_string();
    let count = name.chars().count();
    let refused = |key: &'static str| Shown {
        errors: vec![FieldError::new("name", key)],
        form: form.clone(),
        issued: None,
    };
    if !(2..=NAME_MAX).contains(&count) {
        let shown = refused("admin-api-key-name-error");
        return render(ctx, &session, user, &state, &pool, shown).await;
    }
    let Some(key) = api_keys::issue(&pool, &name, &actor(&user, &req)).await? else {
        let shown = refused("admin-api-key-taken");
        return render(ctx, &session, user, &state, &pool, shown).await;
    };
    let shown = Shown {
        issued: Some(NewKey { name, key }),
        ..Shown::default()
    };
    render(ctx, &session, user, &state, &pool, shown).await
}

#[derive(Debug, Default, Deserialize)]
pub struct RevokeForm {
    #[serde(default)]
    pub csrf_token: String,
}

impl CsrfProtected for RevokeForm {
    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
}

pub async fn revoke(
    req: HttpRequest,
    path: web::Path<String>,
    StaffForm { user, .. }: StaffForm<RevokeForm>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    if !user.is_admin() {
        return Err(AppError::Forbidden);
    }
    let id: i64 = path.parse().ok().ok_or(AppError::NotFound)?;
    let lines = api_keys::lines(&pool).await?;
    let line = lines
        .iter()
        .find(|l| l.id == id && l.revoked_at.is_none())
        .ok_or(AppError::NotFound)?;
    api_keys::revoke(&pool, &line.name, &actor(&user, &req)).await?;
    Ok(redirect("/staff/api-keys"))
}
