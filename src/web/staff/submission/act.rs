//! `POST /staff/submissions/{id}/{action}`: the domain decides, the store applies it once.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use sqlx::PgPool;

use super::{ActionForm, Preview, Shown, path_id, render};
use crate::domain::moderation::{Action, Refusal, decide};
use crate::store::moderation::{self as store, Applied};
use crate::web::error::AppError;
use crate::web::extract::{StaffForm, actor};
use crate::web::page::{PageContext, redirect};
use crate::web::state::AppState;

/// Someone else acted first: the submission as it is now, what changed in its history and
/// audit trail, and what this staff member typed, kept (409).
#[allow(clippy::too_many_arguments)]
async fn conflict(
    ctx: PageContext,
    session: &Session,
    pool: &PgPool,
    state: &AppState,
    user: crate::web::session::StaffUser,
    id: i64,
    form: ActionForm,
) -> Result<HttpResponse, AppError> {
    let s = store::detail(pool, id).await?.ok_or(AppError::NotFound)?;
    let shown = Shown {
        user,
        s,
        error: Some("staff-error-conflict"),
        typed: form,
        status: StatusCode::CONFLICT,
        preview: None,
    };
    render(ctx, session, pool, state, shown).await
}

#[allow(clippy::too_many_arguments)]
pub async fn act(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    StaffForm { user, form }: StaffForm<ActionForm>,
    path: web::Path<(String, String)>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let (id, action) = path.into_inner();
    let action = Action::parse(&action).ok_or(AppError::NotFound)?;
    let s = store::detail(&pool, path_id(&id)?)
        .await?
        .ok_or(AppError::NotFound)?;
    let calendar = state.calendar(&pool).await?;
    let refused = match decide(&s.case(), action, &form.draft(), user.role, &calendar) {
        // What the public or the resident will read is shown as it will be read first.
        Ok(transition) if action.is_previewed() && form.confirm != "1" => {
            let text = transition
                .change
                .public_text
                .or(transition.change.public_answer)
                .unwrap_or_default();
            let shown = Shown {
                user,
                s,
                error: None,
                typed: form,
                status: StatusCode::OK,
                preview: Some(Preview { action, text }),
            };
            return render(ctx, &session, &pool, &state, shown).await;
        }
        Ok(transition) => {
            return match store::apply(
                &pool,
                s.id,
                &transition,
                &actor(&user, &req),
                state.settings.notify.survey_after,
            )
            .await?
            {
                Applied::Done => Ok(redirect(&format!("/staff/submissions/{}", s.id))),
                Applied::Conflict => conflict(ctx, &session, &pool, &state, user, s.id, form).await,
            };
        }
        Err(refusal) => refusal,
    };
    let status = match refused {
        Refusal::Malformed => return Err(AppError::BadRequest(refused.key())),
        Refusal::AdminOnly => return Err(AppError::Forbidden),
        Refusal::Stale => {
            return conflict(ctx, &session, &pool, &state, user, s.id, form).await;
        }
        Refusal::NotAllowed => StatusCode::CONFLICT,
        Refusal::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
    };
    let shown = Shown {
        user,
        s,
        error: Some(refused.key()),
        typed: form,
        status,
        preview: None,
    };
    render(ctx, &session, &pool, &state, shown).await
}
