//! `GET /staff/invitation?token=` and `POST /staff/invitation`: an invited staff member sets
//! their own password. The token travels in the query and the form, never in the path, so
//! that request logs (which keep paths) do not hold it. A link works once and for 72 hours.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use sqlx::PgPool;

use super::accounts::token_hash;
use crate::auth::{MIN_PASSWORD_CHARS, hash_password};
use crate::store::accounts;
use crate::web::error::AppError;
use crate::web::extract::{CsrfForm, CsrfProtected, client_tag};
use crate::web::page::{self, Caching, PageContext, redirect};
use crate::web::security::csrf_token;

#[derive(Template)]
#[template(path = "staff/invitation.html")]
pub struct InvitationPage {
    pub ctx: PageContext,
    pub csrf: String,
    pub token: String,
    /// None when the link is unknown, used or expired.
    pub account: Option<(String, String)>,
    pub error: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    pub token: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct SetPasswordForm {
    #[serde(default)]
    pub csrf_token: String,
    #[serde(default)]
    pub token: String,
    #[serde(default)]
    pub new: String,
    #[serde(default)]
    pub repeat: String,
}

impl CsrfProtected for SetPasswordForm {
    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
}

async fn page_for(
    ctx: PageContext,
    session: &Session,
    pool: &PgPool,
    token: &str,
    error: Option<&str>,
) -> Result<HttpResponse, AppError> {
    let account = accounts::invitation(pool, &token_hash(token)).await?;
    let status = match (&account, error) {
        (None, _) => StatusCode::GONE,
        (Some(_), Some(_)) => StatusCode::UNPROCESSABLE_ENTITY,
        (Some(_), None) => StatusCode::OK,
    };
    let page = InvitationPage {
        csrf: csrf_token(session),
        token: token.to_string(),
        account: account.map(|a| (a.name, a.email)),
        error: error.map(|key| ctx.t(key)),
        ctx,
    };
    page::render(status, Caching::NoStore, &page)
}

pub async fn form(
    ctx: PageContext,
    session: Session,
    query: web::Query<TokenQuery>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    page_for(ctx, &session, &pool, query.token.trim(), None).await
}

pub async fn set_password(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    CsrfForm(form): CsrfForm<SetPasswordForm>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let token = form.token.trim();
    let error = if form.new.chars().count() < MIN_PASSWORD_CHARS {
        Some("staff-password-too-short")
    } else if form.new != form.repeat {
        Some("staff-password-mismatch")
    } else {
        None
    };
    if error.is_some() {
        return page_for(ctx, &session, &pool, token, error).await;
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
    match accounts::accept(&pool, &token_hash(token), &hash, &client_tag(&req)).await? {
        Some(_) => Ok(redirect("/staff/login?welcome=1")),
        // Used or expired meanwhile: the page says so.
        None => page_for(ctx, &session, &pool, token, None).await,
    }
}
