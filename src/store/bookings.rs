//! Bookings of reception slots: one slot, one booking (a partial unique index), a limit on
//! open bookings per client (counted under an advisory lock on the client, so two tabs cannot
//! both pass it), the messages in the outbox, and the staff's day.

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use sqlx::types::Json;

use super::moderation::{Actor, audit_in};
use crate::domain::booking::{OPEN_PER_CLIENT, Visitor};
use crate::domain::hours::OpeningHours;
use crate::domain::lang::{Lang, Localized};
use crate::domain::moderation::AuditAction;

/// An inspector's reception as slots are cut from it.
#[derive(Clone, Debug)]
pub struct ReceptionOf {
    pub inspector_id: i64,
    pub hours: OpeningHours,
    pub slot_minutes: i32,
    pub active: bool,
    /// The reception point's own hours (its exceptions close it).
    pub point_hours: Option<OpeningHours>,
}

pub async fn reception(
    pool: &PgPool,
    inspector_id: i64,
) -> Result<Option<ReceptionOf>, sqlx::Error> {
    let row = sqlx::query!(
        r#"SELECT i.id, i.reception_hours AS "hours: Json<OpeningHours>", i.slot_minutes,
                  i.active, p.hours AS "point_hours?: Json<OpeningHours>"
           FROM inspectors i LEFT JOIN posts p ON p.id = i.post_id
           WHERE i.id = $1"#,
        inspector_id
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| ReceptionOf {
        inspector_id: r.id,
        hours: r.hours.0,
        slot_minutes: r.slot_minutes,
        active: r.active,
        point_hours: r.point_hours.map(|h| h.0),
    }))
}

/// The (inspector, start) of every booking held from `from` on.
pub async fn taken(
    pool: &PgPool,
    inspectors: &[i64],
    from: DateTime<Utc>,
) -> Result<Vec<(i64, DateTime<Utc>)>, sqlx::Error> {
    let rows = sqlx::query!(
        "SELECT inspector_id, starts_at FROM bookings
         WHERE inspector_id = ANY($1) AND starts_at >= $2 AND status <> 'cancelled'",
        inspectors,
        from
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.inspector_id, r.starts_at))
        .collect())
}

/// A booking to store.
#[derive(Clone, Debug)]
pub struct NewBooking<'a> {
    pub reference: String,
    pub inspector_id: i64,
    pub beat_id: Option<i64>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub visitor: &'a Visitor,
    pub lang: Lang,
    pub client_key: Vec<u8>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Booked {
    Done {
        id: i64,
    },
    /// Someone else holds the slot.
    Taken,
    /// The client holds as many open bookings as allowed.
    Limited,
}

/// Stores the booking and its confirmation messages in one transaction, or says why not.
pub async fn book(pool: &PgPool, b: &NewBooking<'_>) -> Result<Booked, sqlx::Error> {
    let mut tx = pool.begin().await?;
    sqlx::query!(
        "SELECT pg_advisory_xact_lock(hashtextextended(encode($1, 'hex'), 31))",
        b.client_key
    )
    .execute(&mut *tx)
    .await?;
    let open = sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!" FROM bookings
           WHERE client_key = $1 AND status = 'booked' AND starts_at > now()"#,
        b.client_key
    )
    .fetch_one(&mut *tx)
    .await?;
    if open >= OPEN_PER_CLIENT {
        return Ok(Booked::Limited);
    }
    let v = b.visitor;
    let id = sqlx::query_scalar!(
        "INSERT INTO bookings (reference, inspector_id, beat_id, starts_at, ends_at, name, phone,
                               email, topic, lang, client_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (inspector_id, starts_at) WHERE status <> 'cancelled' DO NOTHING
         RETURNING id",
        b.reference,
        b.inspector_id,
        b.beat_id,
        b.starts_at,
        b.ends_at,
        v.name,
        v.phone.as_str(),
        v.email.as_ref().map(|e| e.as_str()),
        v.topic,
        b.lang.code(),
        b.client_key,
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(id) = id else {
        return Ok(Booked::Taken);
    };
    tell(&mut tx, id, "booking_confirmed", "booking_confirmed").await?;
    tx.commit().await?;
    Ok(Booked::Done { id })
}

/// The reference of the booking this client made of this slot in the last ten minutes: a
/// form sent twice (a double click, a refresh) finds the booking it made the first time.
pub async fn held_by(
    pool: &PgPool,
    inspector_id: i64,
    starts_at: DateTime<Utc>,
    client_key: &[u8],
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar!(
        "SELECT reference FROM bookings
         WHERE inspector_id = $1 AND starts_at = $2 AND client_key = $3 AND status = 'booked'
           AND created_at > now() - interval '10 minutes'",
        inspector_id,
        starts_at,
        client_key
    )
    .fetch_optional(pool)
    .await
}

/// The messages of an event to the resident's contacts.
async fn tell(
    conn: &mut sqlx::PgConnection,
    id: i64,
    event: &str,
    key: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "INSERT INTO outbox (booking_id, event, event_key, channel)
         SELECT b.id, $2, $3, c.channel FROM bookings b,
                LATERAL (VALUES ('email'), ('sms')) AS c(channel)
         WHERE b.id = $1 AND (c.channel = 'sms' OR b.email IS NOT NULL)
         ON CONFLICT (booking_id, event_key, channel) WHERE booking_id IS NOT NULL DO NOTHING",
        id,
        event,
        key
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A booking as the resident's own pages and messages show it: no name, phone or topic.
#[derive(Clone, Debug)]
pub struct BookingView {
    pub id: i64,
    pub reference: String,
    pub status: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub inspector: Localized,
    pub point_name: Option<Localized>,
    pub point_address: Option<Localized>,
    pub beat_number: Option<String>,
    pub lang: String,
    pub cancelled_by: Option<String>,
    pub cancel_reason: String,
}

pub async fn view(pool: &PgPool, reference: &str) -> Result<Option<BookingView>, sqlx::Error> {
    let row = sqlx::query!(
        r#"SELECT b.id, b.reference, b.status, b.starts_at, b.ends_at, b.lang, b.cancelled_by,
                  b.cancel_reason, i.name_kk, i.name_ru, i.name_en,
                  p.name_kk AS "p_kk?", p.name_ru AS "p_ru?", p.name_en AS "p_en?",
                  p.address_kk AS "a_kk?", p.address_ru AS "a_ru?", p.address_en AS "a_en?",
                  bt.number AS "beat_number?"
           FROM bookings b JOIN inspectors i ON i.id = b.inspector_id
           LEFT JOIN posts p ON p.id = i.post_id
           LEFT JOIN beats bt ON bt.id = b.beat_id
           WHERE b.reference = $1"#,
        reference
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| {
        let localized = |kk: Option<String>, ru: Option<String>, en: Option<String>| {
            Some(Localized {
                kk: kk?,
                ru: ru?,
                en: en?,
            })
        };
        BookingView {
            id: r.id,
            reference: r.reference,
            status: r.status,
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            inspector: Localized {
                kk: r.name_kk,
                ru: r.name_ru,
                en: r.name_en,
            },
            point_name: localized(r.p_kk, r.p_ru, r.p_en),
            point_address: localized(r.a_kk, r.a_ru, r.a_en),
            beat_number: r.beat_number,
            lang: r.lang,
            cancelled_by: r.cancelled_by,
            cancel_reason: r.cancel_reason,
        }
    }))
}

/// The resident cancels with their signed link: true when this call cancelled it.
pub async fn cancel_by_resident(pool: &PgPool, id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "UPDATE bookings SET status = 'cancelled', cancelled_by = 'resident', updated_at = now()
         WHERE id = $1 AND status = 'booked'",
        id
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A booking on the staff's day: with the resident's details.
#[derive(Clone, Debug)]
pub struct DayLine {
    pub id: i64,
    pub reference: String,
    pub inspector_id: i64,
    pub inspector: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub name: String,
    pub phone: String,
    pub email: Option<String>,
    pub topic: String,
    pub status: String,
    pub cancel_reason: String,
}

/// The bookings of the local day `day` (its bounds in UTC), by inspector and time.
pub async fn day(
    pool: &PgPool,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<DayLine>, sqlx::Error> {
    sqlx::query_as!(
        DayLine,
        r#"SELECT b.id, b.reference, b.inspector_id, i.name_ru AS inspector, b.starts_at,
                  b.ends_at, b.name, b.phone, b.email, b.topic, b.status, b.cancel_reason
           FROM bookings b JOIN inspectors i ON i.id = b.inspector_id
           WHERE b.starts_at >= $1 AND b.starts_at < $2
           ORDER BY i.name_ru, b.starts_at"#,
        from,
        until
    )
    .fetch_all(pool)
    .await
}

/// What staff may do with a booking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StaffMark {
    Attended,
    NoShow,
    Cancel,
}

/// Marks a booked booking (attended, no-show: once its time has begun) or cancels it with a
/// reason the resident is told; audited. False when it is not booked any more, or not begun.
pub async fn mark(
    pool: &PgPool,
    id: i64,
    what: StaffMark,
    reason: &str,
    by: &Actor,
) -> Result<bool, sqlx::Error> {
    let (status, action) = match what {
        StaffMark::Attended => ("attended", AuditAction::BookingAttended),
        StaffMark::NoShow => ("no_show", AuditAction::BookingNoShow),
        StaffMark::Cancel => ("cancelled", AuditAction::BookingCancelled),
    };
    let mut tx = pool.begin().await?;
    let reference = sqlx::query_scalar!(
        "UPDATE bookings SET status = $2, updated_at = now(),
                cancelled_by = CASE WHEN $2 = 'cancelled' THEN 'staff' END,
                cancel_reason = CASE WHEN $2 = 'cancelled' THEN $3 ELSE '' END
         WHERE id = $1 AND status = 'booked' AND ($2 = 'cancelled' OR starts_at <= now())
         RETURNING reference",
        id,
        status,
        reason
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(reference) = reference else {
        return Ok(false);
    };
    if what == StaffMark::Cancel {
        tell(&mut tx, id, "booking_cancelled", "booking_cancelled").await?;
    }
    let target = format!("booking:{reference}");
    audit_in(&mut tx, by, action, &target, reason).await?;
    tx.commit().await?;
    Ok(true)
}

/// A reminder row for every booking that starts between the bounds (tomorrow in the city);
/// one per booking and channel, whoever writes it and however often.
pub async fn schedule_reminders(
    pool: &PgPool,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query!(
        "INSERT INTO outbox (booking_id, event, event_key, channel)
         SELECT b.id, 'booking_reminder', 'booking_reminder', c.channel FROM bookings b,
                LATERAL (VALUES ('email'), ('sms')) AS c(channel)
         WHERE b.status = 'booked' AND b.starts_at >= $1 AND b.starts_at < $2
           AND (c.channel = 'sms' OR b.email IS NOT NULL)
         ON CONFLICT (booking_id, event_key, channel) WHERE booking_id IS NOT NULL DO NOTHING",
        from,
        until
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}

/// What a message about a booking needs.
#[derive(Clone, Debug)]
pub struct BookingFacts {
    pub view: BookingView,
    pub email: Option<String>,
    pub phone: String,
}

pub async fn facts(pool: &PgPool, id: i64) -> Result<Option<BookingFacts>, sqlx::Error> {
    let Some(row) = sqlx::query!(
        "SELECT reference, email, phone FROM bookings WHERE id = $1",
        id
    )
    .fetch_optional(pool)
    .await?
    else {
        return Ok(None);
    };
    Ok(view(pool, &row.reference).await?.map(|view| BookingFacts {
        view,
        email: row.email,
        phone: row.phone,
    }))
}
