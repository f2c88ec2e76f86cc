//! `POST /staff/logout`: ends the session.

use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, web};
use sqlx::PgPool;

use crate::domain::moderation::AuditAction;
use crate::store::moderation as audit_store;
use crate::web::error::AppError;
use crate::web::extract::{CsrfForm, CsrfOnly, MaybeStaff, actor};
use crate::web::page::redirect;
use crate::web::session;

pub async fn sign_out(
    req: HttpRequest,
    session: Session,
    _form: CsrfForm<CsrfOnly>,
    MaybeStaff(user): MaybeStaff,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    match user {
        Some(user) => {
            audit_store::audit(&pool, &actor(&user, &req), AuditAction::SignOut, "").await?;
            session::end(&session, &pool, &user).await?;
        }
        None => session.purge(),
    }
    Ok(redirect("/staff/login"))
}
