//! Residents' submissions, their status history, and the working-day calendar.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgPool;

use super::limits::Counted;

use crate::domain::field::FieldError;
use crate::domain::lang::{Lang, Localized};
use crate::domain::submission::new::References;
use crate::domain::submission::{
    Category, Channel, Email, Iin, NewSubmission, Phone, SubmissionKind, SubmissionStatus,
    new_tracking_number,
};

/// What registering a submission adds to it: the form it came from, the resident's
/// language, and its dates in the working-day calendar.
#[derive(Clone, Debug)]
pub struct Registration {
    /// The one-time form token: a resent form stores nothing new.
    pub form_token: String,
    pub lang: Lang,
    pub registered_on: NaiveDate,
    pub due_on: NaiveDate,
    pub source: Source,
}

/// Where an appeal came from: its channel and, for Open311, the key it was filed with and the
/// photo address the client sent (staff pages only).
#[derive(Clone, Debug)]
pub struct Source {
    pub channel: Channel,
    pub api_key: Option<KeyUse>,
    pub media_url: Option<String>,
    /// The staff member who received an oral appeal (in person or by phone).
    pub received_by: Option<Receiver>,
}

/// Who received an oral appeal: the талон names them, the audit log records them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Receiver {
    pub id: i64,
    pub name: String,
    pub email: String,
}

/// The API key a request was filed with: its id, and the name the audit log records.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyUse {
    pub id: i64,
    pub name: String,
}

impl Source {
    /// The portal's own form.
    pub fn web() -> Self {
        Source {
            channel: Channel::Web,
            api_key: None,
            media_url: None,
            received_by: None,
        }
    }
}

/// The outcome of storing a form: its number, and whether this call created it (false when
/// the same form was sent before).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stored {
    pub id: i64,
    pub tracking_number: String,
    pub created: bool,
}

/// Whether a submission was stored, or refused by the client's limit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Stored(Stored),
    /// Over the limit, and no earlier copy of this form was stored.
    Limited,
}

/// Counts the client's limit, then stores a submission and its first history entry, in one
/// statement (one round trip, atomic), exactly once per form token: a resent form returns the
/// submission stored the first time, even over the limit.
pub async fn insert(
    pool: &PgPool,
    city_code: &str,
    s: &NewSubmission,
    r: &Registration,
    limit: Option<&Counted>,
) -> Result<Outcome, sqlx::Error> {
    // The limit counts once; a clash of random tracking numbers is rare and another draw
    // settles it.
    let mut limit = limit;
    for _ in 0..16 {
        let number = new_tracking_number(city_code, r.registered_on);
        let row = insert_row(pool, &number, s, r, limit.take()).await?;
        if let Some(id) = row.id {
            return Ok(Outcome::Stored(Stored {
                id,
                tracking_number: number,
                created: true,
            }));
        }
        if let Some(existing) = by_form_token(pool, &r.form_token).await? {
            return Ok(Outcome::Stored(existing));
        }
        if !row.allowed {
            return Ok(Outcome::Limited);
        }
    }
    Err(sqlx::Error::Protocol(
        "no free tracking number after 16 draws".into(),
    ))
}

/// What the one statement did: whether the limit allowed it, and the new row's id.
struct Inserted {
    allowed: bool,
    id: Option<i64>,
}

async fn insert_row(
    pool: &PgPool,
    number: &str,
    s: &NewSubmission,
    r: &Registration,
    limit: Option<&Counted>,
) -> Result<Inserted, sqlx::Error> {
    let author = s.author.as_ref();
    let row = sqlx::query!(
        r#"WITH allowed AS (
               SELECT $23::bytea IS NULL OR rate_count($23, $24, true) <= $25 AS ok),
           stored AS (
               INSERT INTO submissions (tracking_number, form_token, kind, category,
                                        inspector_id, post_id, officer_description,
                                        incident_date, incident_time, place, lat, lon, body,
                                        anonymous, author_name, phone, email, iin, consent,
                                        lang, registered_on, due_on, channel, api_key_id,
                                        media_url, received_by, received_by_name)
               SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
                      $17, $18, $19, $20, $21, $22, $26, $27, $29, $30, $31
               FROM allowed WHERE ok
               ON CONFLICT DO NOTHING
               RETURNING id),
           history AS (
               INSERT INTO submission_history (submission_id, status)
               SELECT id, 'new' FROM stored),
           receipt AS (
               INSERT INTO outbox (submission_id, event, event_key, channel)
               SELECT id, 'received', 'received', 'email' FROM stored WHERE $17::text IS NOT NULL
               UNION ALL
               SELECT id, 'received', 'received', 'sms' FROM stored WHERE $16::text IS NOT NULL),
           filed AS (
               -- A request filed through an API key is audited with the key's name.
               INSERT INTO audit_log (action, submission_id, to_status, reason, target)
               SELECT 'open311_filed', id, 'new', $28::text, 'api_key:' || $27::bigint
               FROM stored WHERE $27::bigint IS NOT NULL),
           received AS (
               -- An oral appeal is audited with the staff member who received it.
               INSERT INTO audit_log (staff_id, staff_email, action, submission_id, to_status,
                                      reason)
               SELECT $30, $32, 'walk_in_filed', id, 'new', $26 FROM stored
               WHERE $30::bigint IS NOT NULL)
           SELECT (SELECT ok FROM allowed) AS "allowed!", (SELECT id FROM stored) AS id"#,
        number,
        r.form_token,
        s.kind as SubmissionKind,
        s.category.map(Category::code),
        s.inspector,
        s.post,
        s.officer_description,
        s.incident_date,
        s.incident_time,
        s.place,
        s.coordinates.map(|c| c.lat()),
        s.coordinates.map(|c| c.lon()),
        s.body,
        author.is_none(),
        author.map(|a| a.name.as_str()),
        author.and_then(|a| a.phone.as_ref()).map(Phone::as_str),
        author.and_then(|a| a.email.as_ref()).map(Email::as_str),
        author.and_then(|a| a.iin.as_ref()).map(Iin::as_str),
        author.is_some(),
        r.lang.code(),
        r.registered_on,
        r.due_on,
        limit.map(|l| l.key.as_slice()),
        limit.map(|l| l.window_secs),
        limit.map(|l| f64::from(l.per_window)),
        r.source.channel.code(),
        r.source.api_key.as_ref().map(|k| k.id),
        r.source.api_key.as_ref().map(|k| k.name.as_str()),
        r.source.media_url.as_deref(),
        r.source.received_by.as_ref().map(|w| w.id),
        r.source.received_by.as_ref().map(|w| w.name.as_str()),
        r.source.received_by.as_ref().map(|w| w.email.as_str()),
    )
    .fetch_one(pool)
    .await?;
    Ok(Inserted {
        allowed: row.allowed,
        id: row.id,
    })
}

async fn by_form_token(pool: &PgPool, token: &str) -> Result<Option<Stored>, sqlx::Error> {
    let row = sqlx::query!(
        "SELECT id, tracking_number FROM submissions WHERE form_token = $1",
        token
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| Stored {
        id: r.id,
        tracking_number: r.tracking_number,
        created: false,
    }))
}

/// One step of a submission's history, as the resident sees it.
#[derive(Clone, Debug)]
pub struct HistoryEntry {
    pub status: SubmissionStatus,
    pub at: DateTime<Utc>,
    pub public_note: String,
}

/// What the tracking page shows: no contact details are read.
#[derive(Clone, Debug)]
pub struct Tracked {
    pub id: i64,
    pub tracking_number: String,
    pub kind: SubmissionKind,
    pub category: Option<Category>,
    pub status: SubmissionStatus,
    pub received_at: DateTime<Utc>,
    pub registered_on: NaiveDate,
    pub due_on: NaiveDate,
    pub inspector_name: Option<Localized>,
    pub post_name: Option<Localized>,
    pub history: Vec<HistoryEntry>,
}

pub async fn tracked(pool: &PgPool, number: &str) -> Result<Option<Tracked>, sqlx::Error> {
    let Some(row) = sqlx::query!(
        r#"SELECT s.id, s.tracking_number, s.kind AS "kind: SubmissionKind", s.category,
                  s.status AS "status: SubmissionStatus", s.received_at, s.registered_on,
                  s.due_on,
                  i.name_kk AS "i_kk?", i.name_ru AS "i_ru?", i.name_en AS "i_en?",
                  p.name_kk AS "p_kk?", p.name_ru AS "p_ru?", p.name_en AS "p_en?"
           FROM submissions s
           LEFT JOIN inspectors i ON i.id = s.inspector_id
           LEFT JOIN posts p ON p.id = s.post_id
           WHERE s.tracking_number = $1"#,
        number
    )
    .fetch_optional(pool)
    .await?
    else {
        return Ok(None);
    };
    let history = sqlx::query!(
        r#"SELECT status AS "status: SubmissionStatus", at, public_note
           FROM submission_history WHERE submission_id = $1 ORDER BY at, id"#,
        row.id
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|h| HistoryEntry {
        status: h.status,
        at: h.at,
        public_note: h.public_note,
    })
    .collect();
    let localized = |kk: Option<String>, ru: Option<String>, en: Option<String>| match (kk, ru, en)
    {
        (Some(kk), Some(ru), Some(en)) => Some(Localized { kk, ru, en }),
        _ => None,
    };
    Ok(Some(Tracked {
        id: row.id,
        tracking_number: row.tracking_number,
        kind: row.kind,
        category: row.category.as_deref().and_then(Category::parse),
        status: row.status,
        received_at: row.received_at,
        registered_on: row.registered_on,
        due_on: row.due_on,
        inspector_name: localized(row.i_kk, row.i_ru, row.i_en),
        post_name: localized(row.p_kk, row.p_ru, row.p_en),
        history,
    }))
}

/// A name to pick in a form.
#[derive(Clone, Debug)]
pub struct Choice {
    pub id: i64,
    pub name: Localized,
}

/// The references of a form that name no active inspector or working post, as field errors.
pub async fn unknown_references(
    pool: &PgPool,
    refs: References,
) -> Result<Vec<FieldError>, sqlx::Error> {
    if refs == References::default() {
        return Ok(Vec::new());
    }
    let row = sqlx::query!(
        r#"SELECT EXISTS (SELECT 1 FROM inspectors WHERE id = $1 AND active) AS "inspector!",
                  EXISTS (SELECT 1 FROM posts WHERE id = $2
                          AND NOT post_is_future(status)) AS "post!""#,
        refs.inspector,
        refs.post
    )
    .fetch_one(pool)
    .await?;
    let mut errors = Vec::new();
    if refs.inspector.is_some() && !row.inspector {
        errors.push(FieldError::new("inspector", "form-error-inspector"));
    }
    if refs.post.is_some() && !row.post {
        errors.push(FieldError::new("post", "form-error-post"));
    }
    Ok(errors)
}

pub async fn inspector_choices(pool: &PgPool) -> Result<Vec<Choice>, sqlx::Error> {
    let rows = sqlx::query!(
        "SELECT id, name_kk, name_ru, name_en FROM inspectors WHERE active ORDER BY name_ru, id"
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Choice {
            id: r.id,
            name: Localized {
                kk: r.name_kk,
                ru: r.name_ru,
                en: r.name_en,
            },
        })
        .collect())
}

/// Working posts residents may write about (planned ones have no officers yet).
pub async fn post_choices(pool: &PgPool) -> Result<Vec<Choice>, sqlx::Error> {
    let rows = sqlx::query!(
        "SELECT id, name_kk, name_ru, name_en FROM posts
         WHERE NOT post_is_future(status) ORDER BY kind, name_ru, id"
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Choice {
            id: r.id,
            name: Localized {
                kk: r.name_kk,
                ru: r.name_ru,
                en: r.name_en,
            },
        })
        .collect())
}

pub async fn count(pool: &PgPool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar!(r#"SELECT count(*) AS "n!" FROM submissions"#)
        .fetch_one(pool)
        .await
}
