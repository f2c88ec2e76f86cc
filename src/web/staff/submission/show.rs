//! `GET /staff/submissions/{id}`: everything about a submission, and what may be done next.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use sqlx::PgPool;

use super::{ActionForm, Shown, path_id, render};
use crate::store::moderation as store;
use crate::web::error::AppError;
use crate::web::page::PageContext;
use crate::web::session::StaffUser;
use crate::web::state::AppState;

pub async fn show(
    ctx: PageContext,
    session: Session,
    user: StaffUser,
    path: web::Path<String>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let s = store::detail(&pool, path_id(&path)?)
        .await?
        .ok_or(AppError::NotFound)?;
    let shown = Shown {
        user,
        s,
        error: None,
        typed: ActionForm::default(),
        status: StatusCode::OK,
        preview: None,
    };
    render(ctx, &session, &pool, &state, shown).await
}
