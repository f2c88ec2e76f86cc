//! Case work on one submission: `POST /staff/submissions/{id}/assign` (to a named staff
//! member; reassigning someone else's item needs a reason) and `POST /staff/submissions/{id}/notes`
//! (an internal note, staff only). Both audited; both come back to the submission.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;
use sqlx::PgPool;

use super::{ActionForm, Shown, path_id, render};
use crate::store::{cases, moderation as store};
use crate::web::error::AppError;
use crate::web::extract::{CsrfProtected, StaffForm, actor};
use crate::web::page::{PageContext, redirect};
use crate::web::state::AppState;

const NOTE_MAX: usize = 2000;

#[derive(Clone, Debug, Default, Deserialize)]
pub struct CaseForm {
    #[serde(default)]
    pub csrf_token: String,
    #[serde(default)]
    pub staff_id: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub note: String,
}

impl CsrfProtected for CaseForm {
    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
}

/// The submission again with a message and what was typed kept (422).
#[allow(clippy::too_many_arguments)]
async fn refused(
    ctx: PageContext,
    session: &Session,
    pool: &PgPool,
    state: &AppState,
    user: crate::web::session::StaffUser,
    id: i64,
    key: &'static str,
    form: CaseForm,
) -> Result<HttpResponse, AppError> {
    let s = store::detail(pool, id).await?.ok_or(AppError::NotFound)?;
    let typed = ActionForm {
        reason: form.reason,
        note: form.note,
        ..ActionForm::default()
    };
    let shown = Shown {
        user,
        s,
        error: Some(key),
        typed,
        status: StatusCode::UNPROCESSABLE_ENTITY,
        preview: None,
    };
    render(ctx, session, pool, state, shown).await
}

pub async fn assign(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    path: web::Path<String>,
    StaffForm { user, form }: StaffForm<CaseForm>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let id = path_id(&path)?;
    let s = store::detail(&pool, id).await?.ok_or(AppError::NotFound)?;
    let Ok(to) = form.staff_id.trim().parse::<i64>() else {
        let key = "staff-error-assignee";
        return refused(ctx, &session, &pool, &state, user, id, key, form).await;
    };
    let someone_elses = s.assigned_to.is_some_and(|a| a != user.id && a != to);
    if someone_elses && form.reason.trim().chars().count() < 3 {
        let key = "staff-error-reassign-reason";
        return refused(ctx, &session, &pool, &state, user, id, key, form).await;
    }
    let reason: String = form.reason.trim().chars().take(300).collect();
    match cases::assign(&pool, id, to, &reason, &actor(&user, &req)).await? {
        Some(_) => Ok(redirect(&format!("/staff/submissions/{id}"))),
        None => {
            let key = "staff-error-assignee";
            refused(ctx, &session, &pool, &state, user, id, key, form).await
        }
    }
}

pub async fn note(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    path: web::Path<String>,
    StaffForm { user, form }: StaffForm<CaseForm>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let id = path_id(&path)?;
    let text = form.note.trim();
    if text.is_empty() || text.chars().count() > NOTE_MAX {
        let key = "staff-error-note";
        return refused(ctx, &session, &pool, &state, user, id, key, form).await;
    }
    if !cases::add_note(&pool, id, &user.name, text, &actor(&user, &req)).await? {
        return Err(AppError::NotFound);
    }
    Ok(redirect(&format!("/staff/submissions/{id}#notes")))
}

/// `POST /staff/submissions/{id}/template`: the chosen answer template in the resident's
/// language, added to what was typed in the answer box, to edit before sending; nothing is
/// sent. Without JavaScript this is how a template is inserted.
pub async fn insert_template(
    ctx: PageContext,
    session: Session,
    path: web::Path<String>,
    StaffForm { user, form }: StaffForm<ActionForm>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let id = path_id(&path)?;
    let s = store::detail(&pool, id).await?.ok_or(AppError::NotFound)?;
    let chosen = match form.template.trim().parse::<i64>() {
        Ok(t) => crate::store::templates::get(&pool, t).await?,
        Err(_) => None,
    };
    let Some(chosen) = chosen else {
        let shown = Shown {
            user,
            s,
            error: Some("staff-error-template"),
            typed: form,
            status: StatusCode::UNPROCESSABLE_ENTITY,
            preview: None,
        };
        return render(ctx, &session, &pool, &state, shown).await;
    };
    let lang = crate::domain::lang::Lang::parse(&s.lang).unwrap_or_default();
    let text = chosen
        .template
        .insert_into(&form.text, lang, &s.tracking_number);
    let typed = ActionForm {
        text,
        template: form.template.clone(),
        ..form
    };
    let shown = Shown {
        user,
        s,
        error: None,
        typed,
        status: StatusCode::OK,
        preview: None,
    };
    render(ctx, &session, &pool, &state, shown).await
}
