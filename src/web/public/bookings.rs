//! A resident's own booking, by its signed link: `GET /bookings/{reference}?t=` (the
//! confirmation: when, where, with whom; never the name, phone or topic), `GET
//! /bookings/{reference}/event.ics?t=`, and `GET`/`POST /bookings/{reference}/cancel?t=` (a
//! page with a button, so that a mail scanner opening the link cancels nothing).

use actix_session::Session;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use sqlx::PgPool;

use crate::store::bookings::{self, BookingView};
use crate::web::calendar::{booking_ics, booking_ics_name};
use crate::web::error::AppError;
use crate::web::extract::{CsrfForm, CsrfProtected};
use crate::web::page::{self, Caching, PageContext, redirect};
use crate::web::security::csrf_token;
use crate::web::state::AppState;

#[derive(Debug, Default, Deserialize)]
pub struct Signed {
    #[serde(default)]
    pub t: String,
}

/// The booking the signed link names, or 404 (a forged or mistyped link).
async fn signed(
    state: &AppState,
    pool: &PgPool,
    reference: &str,
    token: &str,
) -> Result<BookingView, AppError> {
    let reference = reference.trim().to_uppercase();
    if !state
        .secrets
        .reply_token_valid(&reference, "booking", token)
    {
        return Err(AppError::NotFound);
    }
    bookings::view(pool, &reference)
        .await?
        .ok_or(AppError::NotFound)
}

#[derive(Template)]
#[template(path = "public/booking_done.html")]
pub struct BookingDonePage {
    pub ctx: PageContext,
    pub csrf: String,
    pub reference: String,
    pub status: String,
    pub when: String,
    pub inspector: String,
    pub place: String,
    pub address: String,
    pub ics_href: String,
    pub cancel_href: String,
    pub cancel_reason: String,
    pub by_staff: bool,
    pub confirm_cancel: bool,
}

fn page_of(
    ctx: PageContext,
    session: &Session,
    state: &AppState,
    b: &BookingView,
    token: &str,
    confirm_cancel: bool,
) -> BookingDonePage {
    let tz = state.settings.time_zone;
    let lang = ctx.lang;
    BookingDonePage {
        csrf: csrf_token(session),
        reference: b.reference.clone(),
        status: b.status.clone(),
        when: format!(
            "{}–{}",
            b.starts_at.with_timezone(&tz).format("%d.%m.%Y %H:%M"),
            b.ends_at.with_timezone(&tz).format("%H:%M")
        ),
        inspector: b.inspector.of(lang).to_string(),
        place: b
            .point_name
            .as_ref()
            .map(|p| p.of(lang).to_string())
            .unwrap_or_default(),
        address: b
            .point_address
            .as_ref()
            .map(|p| p.of(lang).to_string())
            .unwrap_or_default(),
        ics_href: format!("/bookings/{}/event.ics?t={token}", b.reference),
        cancel_href: format!("/bookings/{}/cancel?t={token}", b.reference),
        cancel_reason: b.cancel_reason.clone(),
        by_staff: b.cancelled_by.as_deref() == Some("staff"),
        confirm_cancel,
        ctx,
    }
}

pub async fn show(
    ctx: PageContext,
    session: Session,
    path: web::Path<String>,
    query: web::Query<Signed>,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let b = signed(&state, &pool, &path, &query.t).await?;
    let page = page_of(ctx, &session, &state, &b, query.t.trim(), false);
    // The link is the key to the booking: not cached, and not sent on as a referrer.
    page::render(actix_web::http::StatusCode::OK, Caching::Secret, &page)
}

pub async fn cancel_form(
    ctx: PageContext,
    session: Session,
    path: web::Path<String>,
    query: web::Query<Signed>,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let b = signed(&state, &pool, &path, &query.t).await?;
    let page = page_of(ctx, &session, &state, &b, query.t.trim(), true);
    page::render(actix_web::http::StatusCode::OK, Caching::Secret, &page)
}

#[derive(Debug, Default, Deserialize)]
pub struct CancelForm {
    #[serde(default)]
    pub csrf_token: String,
}

impl CsrfProtected for CancelForm {
    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
}

pub async fn cancel(
    path: web::Path<String>,
    query: web::Query<Signed>,
    CsrfForm(_): CsrfForm<CancelForm>,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let b = signed(&state, &pool, &path, &query.t).await?;
    // Cancelled twice is cancelled once: the page says how it stands.
    if bookings::cancel_by_resident(&pool, b.id).await? {
        tracing::info!("a resident cancelled a booking");
    }
    Ok(redirect(&format!(
        "/bookings/{}?t={}",
        b.reference,
        query.t.trim()
    )))
}

/// `GET /bookings/{reference}/event.ics?t=`: the booking for the resident's calendar.
pub async fn event(
    ctx: PageContext,
    path: web::Path<String>,
    query: web::Query<Signed>,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let b = signed(&state, &pool, &path, &query.t).await?;
    let body = booking_ics(&b, ctx.lang, state.settings.time_zone);
    Ok(HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}\"", booking_ics_name(&b)),
        ))
        .body(body))
}
