//! `GET /staff/outbox` and `POST /staff/outbox/{id}/retry`: the messages to residents, dead
//! letters first, each with its attempts and last error (never the address), and a retry.

use actix_session::Session;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use sqlx::PgPool;

use crate::domain::moderation::AuditAction;
use crate::store::outbox::{self, OutboxLine};
use crate::web::error::AppError;
use crate::web::extract::{AdminUser, CsrfProtected, StaffForm, actor};
use crate::web::filters;
use crate::web::page::{self, PageContext, redirect};
use crate::web::security::csrf_token;
use crate::web::session::StaffUser;
use crate::web::state::AppState;

const SHOWN: i64 = 200;

#[derive(Template)]
#[template(path = "staff/outbox.html")]
pub struct OutboxPage {
    pub ctx: PageContext,
    pub csrf: String,
    pub user: StaffUser,
    pub lines: Vec<OutboxLine>,
    pub tz: chrono_tz::Tz,
    pub files: bool,
}

pub async fn show(
    ctx: PageContext,
    session: Session,
    AdminUser(user): AdminUser,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let n = &state.settings.notify;
    let page = OutboxPage {
        csrf: csrf_token(&session),
        user,
        lines: outbox::lines(&pool, SHOWN).await?,
        tz: state.settings.time_zone,
        files: n.smtp_url.is_none() || n.sms_url.is_none(),
        ctx,
    };
    page::ok(&page)
}

#[derive(Debug, Default, Deserialize)]
pub struct RetryForm {
    #[serde(default)]
    pub csrf_token: String,
}

impl CsrfProtected for RetryForm {
    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
}

pub async fn retry(
    req: actix_web::HttpRequest,
    path: web::Path<String>,
    StaffForm { user, .. }: StaffForm<RetryForm>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    if !user.is_admin() {
        return Err(AppError::Forbidden);
    }
    let id: i64 = path.parse().ok().ok_or(AppError::NotFound)?;
    if !outbox::retry(&pool, id).await? {
        return Err(AppError::NotFound);
    }
    let reason = format!("message {id}");
    crate::store::moderation::audit(
        &pool,
        &actor(&user, &req),
        AuditAction::MessageRetried,
        &reason,
    )
    .await?;
    Ok(redirect("/staff/outbox"))
}
