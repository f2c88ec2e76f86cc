//! `POST /feedback` and `POST /requests`: parse, check, store once, show the receipt.

use std::sync::atomic::Ordering::Relaxed;

use actix_session::Session;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::NaiveDate;
use sqlx::PgPool;

use super::check::render_check;
use super::{Shown, SubmissionForm, render_form};
use crate::domain::field::FieldError;
use crate::domain::submission::new::merge_errors;
use crate::domain::submission::{FormKind, NewSubmission};
use crate::store::submissions::{self, Outcome, Registration, Source, Stored};
use crate::web::error::{AppError, RETRY_AFTER_SECS, is_outage};
use crate::web::extract::CsrfForm;
use crate::web::extract::client_tag;
use crate::web::page::{PageContext, redirect};
use crate::web::security::client_ip;
use crate::web::state::AppState;

/// Why a form is shown again instead of stored.
type Refused = (Vec<FieldError>, StatusCode);

/// The form's token, its fields (domain) and references (store).
async fn accept(
    kind: FormKind,
    form: &SubmissionForm,
    today: NaiveDate,
    state: &AppState,
    pool: &PgPool,
) -> Result<Result<NewSubmission, Refused>, AppError> {
    // The CSRF extractor has checked that the form's token is the session's.
    if !state
        .secrets
        .form_token_valid(&form.form_token, &form.csrf_token)
    {
        // An expired or forged form: shown again with a new token.
        let errors = vec![FieldError::new("body", "form-error-expired")];
        return Ok(Err((errors, StatusCode::UNPROCESSABLE_ENTITY)));
    }
    let draft = form.draft();
    let parsed = NewSubmission::parse(kind, &draft, today);
    // Whether the named inspector and post exist is the store's to say, after the parse.
    let unknown = submissions::unknown_references(pool, draft.references()).await?;
    let new = match parsed {
        Ok(new) if unknown.is_empty() => new,
        parsed => {
            let errors = merge_errors(parsed.err().unwrap_or_default(), unknown);
            return Ok(Err((errors, StatusCode::UNPROCESSABLE_ENTITY)));
        }
    };
    Ok(Ok(new))
}

pub async fn create(
    req: HttpRequest,
    mut ctx: PageContext,
    kind: FormKind,
    session: Session,
    CsrfForm(form): CsrfForm<SubmissionForm>,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    if !form.website.is_empty() {
        let client = client_tag(&req);
        tracing::info!(client = %client, "honeypot filled; submission refused");
        return Err(AppError::BadRequest("form-error-spam"));
    }
    let now = state.local_now();
    // A form sent back offers to be shown again in another language.
    ctx.form_returned = true;
    if !form.relang.is_empty() {
        return switched_language(ctx, kind, session, form, &state, &pool, now.date()).await;
    }
    if !form.change.is_empty() {
        // "Change" on the check page: the form again, as typed (the button's URL names the field).
        let shown = Shown {
            kind,
            form,
            errors: &[],
            status: StatusCode::OK,
        };
        return render_form(ctx, &session, &state, &pool, shown).await;
    }
    let accepted = match accept(kind, &form, now.date(), &state, &pool).await {
        Err(AppError::Database(e)) if is_outage(&e) => Err(unavailable()),
        accepted => accepted?,
    };
    let stored = match accepted {
        Ok(new) if new.is_checked_before_sending() && form.stage != "check" => {
            return render_check(ctx, &session, &pool, kind, &form, &new).await;
        }
        Ok(new) => store(&req, &form, ctx.lang, &new, &state, &pool).await,
        Err(refused) => Err(refused),
    };
    let stored = match stored {
        Ok(stored) => stored,
        Err((errors, status)) => {
            let shown = Shown {
                kind,
                form,
                errors: &errors,
                status,
            };
            let page = render_form(ctx, &session, &state, &pool, shown).await?;
            return Ok(with_retry_after(page));
        }
    };
    let key = state.secrets.tracking_key(&stored.tracking_number);
    // POST-redirect-GET: a refresh of the receipt does not send the form again.
    Ok(redirect(&format!(
        "/track/{}?key={key}&new=1",
        stored.tracking_number
    )))
}

/// The form shown again in the language chosen in the switcher (`?lang=`), with its
/// mistakes in that language; nothing is stored or counted.
async fn switched_language(
    ctx: PageContext,
    kind: FormKind,
    session: Session,
    form: SubmissionForm,
    state: &AppState,
    pool: &PgPool,
    today: NaiveDate,
) -> Result<HttpResponse, AppError> {
    let errors = match accept(kind, &form, today, state, pool).await {
        // The check page stays the check page in the other language.
        Ok(Ok(new)) if form.stage == "check" && new.is_checked_before_sending() => {
            return render_check(ctx, &session, pool, kind, &form, &new).await;
        }
        Ok(Err((errors, _))) => errors,
        Ok(Ok(_)) | Err(_) => Vec::new(),
    };
    let shown = Shown {
        kind,
        form,
        errors: &errors,
        status: StatusCode::OK,
    };
    render_form(ctx, &session, state, pool, shown).await
}

/// A database outage, as the form shows it: nothing sent, everything kept.
fn unavailable() -> Refused {
    (
        vec![FieldError::new("submit", "form-error-unavailable")],
        StatusCode::SERVICE_UNAVAILABLE,
    )
}

/// A 503 says when to try again.
fn with_retry_after(mut page: HttpResponse) -> HttpResponse {
    if page.status() == StatusCode::SERVICE_UNAVAILABLE {
        page.headers_mut().insert(
            header::RETRY_AFTER,
            header::HeaderValue::from(RETRY_AFTER_SECS),
        );
    }
    page
}

/// Registers the submission in the working-day calendar and, within the client's limit,
/// stores it once.
async fn store(
    req: &HttpRequest,
    form: &SubmissionForm,
    lang: crate::domain::lang::Lang,
    new: &NewSubmission,
    state: &AppState,
    pool: &PgPool,
) -> Result<Stored, Refused> {
    let outage = |e: sqlx::Error| {
        if is_outage(&e) {
            unavailable()
        } else {
            tracing::error!(error = %e, "storing a submission failed");
            (
                vec![FieldError::new("submit", "error-500-text")],
                StatusCode::INTERNAL_SERVER_ERROR,
            )
        }
    };
    let now = state.local_now();
    let calendar = state.calendar(pool).await.map_err(outage)?;
    let registered_on = calendar.registration_date(now);
    let registration = Registration {
        form_token: form.form_token.clone(),
        lang,
        registered_on,
        due_on: calendar.due_date(registered_on),
        source: Source::web(),
    };
    let city = &state.settings.city_code;
    let limit = state
        .submission_limit
        .counted(&state.secrets, &client_ip(req).to_string());
    let stored = match submissions::insert(pool, city, new, &registration, Some(&limit)).await {
        Ok(Outcome::Stored(stored)) => stored,
        Ok(Outcome::Limited) => {
            tracing::info!(client = %client_tag(req), "submission rate limit reached");
            state.metrics.limit_refusals.fetch_add(1, Relaxed);
            // Keep what was typed: the resident can send it again in a minute.
            let errors = vec![FieldError::new("submit", "form-error-rate")];
            return Err((errors, StatusCode::TOO_MANY_REQUESTS));
        }
        Err(e) => return Err(outage(e)),
    };
    if stored.created {
        tracing::info!(id = stored.id, kind = new.kind.code(), "submission stored");
        state.metrics.submissions_accepted.fetch_add(1, Relaxed);
    }
    Ok(stored)
}
