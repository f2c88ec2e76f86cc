//! `GET /beats/{number}/book` and `POST /beats/{number}/book`: a reception slot with whoever
//! serves the beat on that day. The free slots come from `domain::booking`; the database
//! keeps one booking per slot, so of many residents taking the same time one gets it and
//! the others see the next free times, with what they typed kept.

use std::collections::HashSet;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::{NaiveDateTime, Utc};
use serde::Deserialize;
use sqlx::PgPool;

use super::{beat_href, beat_of};
use crate::domain::booking::{
    Coverage, Reception, Slot, Visitor, VisitorDraft, free_slots, new_reference,
};
use crate::domain::field::FieldError;
use crate::store::beats::Beat;
use crate::store::bookings::{self, Booked, NewBooking, ReceptionOf};
use crate::web::error::AppError;
use crate::web::extract::{CsrfForm, CsrfProtected};
use crate::web::form::{ErrorItem, error_items};
use crate::web::format::weekday_key;
use crate::web::page::{self, Caching, PageContext, redirect};
use crate::web::security::{client_ip, csrf_token};
use crate::web::state::AppState;

/// A slot as the form offers it: `inspector:YYYY-MM-DDTHH:MM`.
fn slot_value(s: &Slot) -> String {
    format!("{}:{}", s.inspector_id, s.start.format("%Y-%m-%dT%H:%M"))
}

fn parse_slot(value: &str) -> Option<(i64, NaiveDateTime)> {
    let (who, at) = value.trim().split_once(':')?;
    let at = NaiveDateTime::parse_from_str(at, "%Y-%m-%dT%H:%M").ok()?;
    Some((who.parse().ok()?, at))
}

pub struct SlotOption {
    /// The first slot of all: where the error summary's link leads.
    pub first: bool,
    pub value: String,
    pub time: String,
    pub checked: bool,
}

pub struct DayOption {
    pub id: String,
    pub label: String,
    pub slots: Vec<SlotOption>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct BookingForm {
    #[serde(default)]
    pub csrf_token: String,
    #[serde(default)]
    pub slot: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub topic: String,
    #[serde(default)]
    pub consent: String,
}

impl BookingForm {
    fn draft(&self) -> VisitorDraft<'_> {
        VisitorDraft {
            name: &self.name,
            phone: &self.phone,
            email: &self.email,
            topic: &self.topic,
            consent: !self.consent.is_empty(),
        }
    }
}

impl CsrfProtected for BookingForm {
    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
}

#[derive(Template)]
#[template(path = "public/booking.html")]
pub struct BookingPage {
    pub ctx: PageContext,
    pub csrf: String,
    pub number: String,
    pub name: String,
    pub action: String,
    pub beat_href: String,
    pub days: Vec<DayOption>,
    pub form: BookingForm,
    pub errors: Vec<ErrorItem>,
    /// The time asked for was just taken by someone else.
    pub taken: bool,
}

impl BookingPage {
    pub fn error_for(&self, field: &str) -> Option<&str> {
        ErrorItem::for_field(&self.errors, field)
    }
}

/// The receptions of the beat: its inspector's and, while one covers it, a substitute's.
async fn receptions(
    pool: &PgPool,
    beat: &Beat,
) -> Result<(Option<ReceptionOf>, Option<ReceptionOf>), sqlx::Error> {
    let regular = match beat.inspector_id {
        Some(id) => bookings::reception(pool, id).await?.filter(|r| r.active),
        None => None,
    };
    let substitute = match beat.substitute_id {
        Some(id) => bookings::reception(pool, id).await?.filter(|r| r.active),
        None => None,
    };
    Ok((regular, substitute))
}

/// The free slots of the beat from now on.
async fn slots_of(state: &AppState, pool: &PgPool, beat: &Beat) -> Result<Vec<Slot>, AppError> {
    let (regular, substitute) = receptions(pool, beat).await?;
    fn reception(r: &ReceptionOf) -> Reception<'_> {
        Reception {
            inspector_id: r.inspector_id,
            hours: &r.hours,
            slot_minutes: r.slot_minutes,
        }
    }
    let coverage = Coverage {
        regular: regular.as_ref().map(reception),
        substitute: substitute
            .as_ref()
            .map(|s| (reception(s), beat.substitute_from, beat.substitute_until)),
    };
    let ids: Vec<i64> = [&regular, &substitute]
        .into_iter()
        .flatten()
        .map(|r| r.inspector_id)
        .collect();
    let tz = state.settings.time_zone;
    let taken: HashSet<(i64, NaiveDateTime)> = bookings::taken(pool, &ids, Utc::now())
        .await?
        .into_iter()
        .map(|(who, at)| (who, at.with_timezone(&tz).naive_local()))
        .collect();
    let calendar = state.calendar(pool).await?;
    // The point's own exceptions close it; a substitute receives at their own point.
    let point = regular.as_ref().and_then(|r| r.point_hours.as_ref());
    let now = state.local_now();
    Ok(free_slots(&coverage, point, &calendar, now, &taken))
}

fn day_options(ctx: &PageContext, slots: &[Slot], chosen: &str) -> Vec<DayOption> {
    let mut days: Vec<DayOption> = Vec::new();
    for s in slots {
        let id = s.start.format("day-%Y-%m-%d").to_string();
        let option = SlotOption {
            first: days.is_empty(),
            value: slot_value(s),
            time: format!("{}–{}", s.start.format("%H:%M"), s.end.format("%H:%M")),
            checked: slot_value(s) == chosen,
        };
        match days.last_mut() {
            Some(d) if d.id == id => d.slots.push(option),
            _ => {
                use chrono::Datelike;
                days.push(DayOption {
                    label: format!(
                        "{}, {}",
                        ctx.t(weekday_key(s.start.weekday())),
                        s.start.format("%d.%m.%Y")
                    ),
                    id,
                    slots: vec![option],
                });
            }
        }
    }
    days
}

struct Shown {
    form: BookingForm,
    errors: Vec<FieldError>,
    taken: bool,
    status: StatusCode,
}

async fn render(
    ctx: PageContext,
    session: &Session,
    state: &AppState,
    pool: &PgPool,
    beat: &Beat,
    shown: Shown,
) -> Result<HttpResponse, AppError> {
    let slots = slots_of(state, pool, beat).await?;
    let page = BookingPage {
        csrf: csrf_token(session),
        number: beat.number.clone(),
        name: beat.name.of(ctx.lang).to_string(),
        action: format!("{}/book", beat_href(&beat.number)),
        beat_href: beat_href(&beat.number),
        days: day_options(&ctx, &slots, &shown.form.slot),
        errors: error_items(ctx.lang, &shown.errors),
        form: shown.form,
        taken: shown.taken,
        ctx,
    };
    page::render(shown.status, Caching::NoStore, &page)
}

pub async fn form(
    ctx: PageContext,
    session: Session,
    path: web::Path<String>,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let beat = beat_of(&pool, &path).await?;
    let shown = Shown {
        form: BookingForm::default(),
        errors: Vec::new(),
        taken: false,
        status: StatusCode::OK,
    };
    render(ctx, &session, &state, &pool, &beat, shown).await
}

/// The confirmation page's address: signed, so only the one who booked can open it.
pub fn confirmation_href(state: &AppState, reference: &str) -> String {
    let t = state.secrets.reply_token(reference, "booking");
    format!("/bookings/{reference}?t={t}")
}

pub async fn book(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<BookingForm>,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let beat = beat_of(&pool, &path).await?;
    let draft = form.draft();
    let mut errors = Visitor::parse(&draft).err().unwrap_or_default();
    let free = slots_of(&state, &pool, &beat).await?;
    let chosen = parse_slot(&form.slot)
        .and_then(|(who, at)| free.iter().find(|s| s.inspector_id == who && s.start == at));
    let asked = parse_slot(&form.slot).is_some();
    let tz = state.settings.time_zone;
    let utc = |t: NaiveDateTime| {
        t.and_local_timezone(tz)
            .earliest()
            .map(|x| x.with_timezone(&Utc))
    };
    let client_key = state.secrets.client_tag(client_ip(&req)).into_bytes();
    // The same form sent again finds the booking it made.
    if let (None, Some((who, at))) = (chosen, parse_slot(&form.slot))
        && let Some(at) = utc(at)
        && let Some(mine) = bookings::held_by(&pool, who, at, &client_key).await?
    {
        return Ok(redirect(&confirmation_href(&state, &mine)));
    }
    if chosen.is_none() {
        let key = if asked {
            "booking-error-taken"
        } else {
            "booking-error-slot"
        };
        errors.insert(0, FieldError::new("slot", key));
    }
    let (Some(slot), Ok(visitor)) = (chosen, Visitor::parse(&draft)) else {
        let shown = Shown {
            taken: asked && chosen.is_none(),
            status: if asked && chosen.is_none() {
                StatusCode::CONFLICT
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            },
            form,
            errors,
        };
        return render(ctx, &session, &state, &pool, &beat, shown).await;
    };
    let (Some(starts_at), Some(ends_at)) = (utc(slot.start), utc(slot.end)) else {
        return Err(AppError::BadRequest("booking-error-slot"));
    };
    let reference = new_reference();
    let booking = NewBooking {
        reference: reference.clone(),
        inspector_id: slot.inspector_id,
        beat_id: Some(beat.id),
        starts_at,
        ends_at,
        visitor: &visitor,
        lang: ctx.lang,
        client_key,
    };
    let refused = |key: &'static str, taken: bool, status: StatusCode, form: BookingForm| Shown {
        form,
        errors: vec![FieldError::new("slot", key)],
        taken,
        status,
    };
    let shown = match bookings::book(&pool, &booking).await? {
        Booked::Done { .. } => {
            tracing::info!(beat = %beat.number, "reception slot booked");
            return Ok(redirect(&confirmation_href(&state, &reference)));
        }
        Booked::Taken => refused("booking-error-taken", true, StatusCode::CONFLICT, form),
        Booked::Limited => refused(
            "booking-error-limit",
            false,
            StatusCode::TOO_MANY_REQUESTS,
            form,
        ),
    };
    render(ctx, &session, &state, &pool, &beat, shown).await
}
