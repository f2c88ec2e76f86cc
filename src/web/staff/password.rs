//! `GET /staff/password` and `POST /staff/password`: a staff member changes their password,
//! which ends their other sessions.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use sqlx::PgPool;
use validator::Validate;

use crate::auth::{MIN_PASSWORD_CHARS, hash_password, password_matches};
use crate::domain::moderation::AuditAction;
use crate::store::moderation as audit_store;
use crate::store::sessions;
use crate::store::staff;
use crate::web::error::AppError;
use crate::web::extract::{CsrfProtected, StaffForm, actor};
use crate::web::page::{self, Caching, PageContext};
use crate::web::security::csrf_token;
use crate::web::session::StaffUser;
use crate::web::validation::field_errors;

#[derive(Template)]
#[template(path = "staff/password.html")]
pub struct PasswordPage {
    pub ctx: PageContext,
    pub csrf: String,
    pub user: StaffUser,
    pub error: Option<String>,
    pub done: bool,
}

/// `validator` counts characters as u64.
const MIN_NEW_PASSWORD: u64 = MIN_PASSWORD_CHARS as u64;

/// The shape of a new password; whether the current one is right is checked against the hash.
#[derive(Debug, Default, Deserialize, Validate)]
pub struct PasswordForm {
    #[serde(default)]
    pub csrf_token: String,
    #[serde(default)]
    pub current: String,
    #[serde(default)]
    #[validate(length(min = MIN_NEW_PASSWORD, code = "staff-password-too-short"))]
    pub new: String,
    #[serde(default)]
    #[validate(must_match(other = "new", code = "staff-password-mismatch"))]
    pub repeat: String,
}

impl CsrfProtected for PasswordForm {
    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
}

fn password_page(
    ctx: PageContext,
    session: &Session,
    user: StaffUser,
    error: Option<&str>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let page = PasswordPage {
        csrf: csrf_token(session),
        error: error.map(|key| ctx.t(key)),
        done: status == StatusCode::OK && error.is_none(),
        user,
        ctx,
    };
    page::render(status, Caching::NoStore, &page)
}

pub async fn form(
    ctx: PageContext,
    session: Session,
    user: StaffUser,
) -> Result<HttpResponse, AppError> {
    let page = PasswordPage {
        csrf: csrf_token(&session),
        user,
        error: None,
        done: false,
        ctx,
    };
    page::render(StatusCode::OK, Caching::NoStore, &page)
}

/// The first thing wrong with the form: the current password, then the new one's shape.
async fn first_error(form: &PasswordForm, hash: String) -> Option<&'static str> {
    let current = form.current.clone();
    let current_ok = web::block(move || password_matches(&current, Some(&hash)))
        .await
        .unwrap_or(false);
    if !current_ok {
        return Some("staff-password-wrong-current");
    }
    let errors = form.validate().err()?;
    field_errors(&errors, &["new", "repeat"])
        .first()
        .map(|e| e.key)
}

pub async fn change(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    StaffForm { user, form }: StaffForm<PasswordForm>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let account = staff::by_id(&pool, user.id)
        .await?
        .ok_or(AppError::SignInRequired)?;
    if let Some(key) = first_error(&form, account.password_hash).await {
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return password_page(ctx, &session, user, Some(key), status);
    }
    let new = form.new;
    let hash = web::block(move || hash_password(&new))
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "the hashing task failed");
            AppError::Hashing
        })?
        .map_err(|e| {
            tracing::error!(error = %e, "password hashing failed");
            AppError::Hashing
        })?;
    staff::set_password(&pool, user.id, &hash).await?;
    // This session stays; every other session of this account ends.
    sessions::end_all_of(&pool, user.id, Some(&user.session)).await?;
    audit_store::audit(&pool, &actor(&user, &req), AuditAction::PasswordChanged, "").await?;
    password_page(ctx, &session, user, None, StatusCode::OK)
}
