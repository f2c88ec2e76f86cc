//! Residents' submissions, their status history, and the working-day calendar.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{PgConnection, PgPool};

use crate::domain::field::FieldError;
use crate::domain::lang::{Lang, Localized};
use crate::domain::submission::new::References;
use crate::domain::submission::{
    Category, Email, Iin, NewSubmission, Phone, SubmissionKind, SubmissionStatus,
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
}

/// The outcome of storing a form: its number, and whether this call created it (false when
/// the same form was sent before).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stored {
    pub id: i64,
    pub tracking_number: String,
    pub created: bool,
}

/// Stores a submission and its first history entry in one transaction, exactly once per
/// form token: a resent form returns the submission stored the first time.
pub async fn insert(
    pool: &PgPool,
    city_code: &str,
    s: &NewSubmission,
    r: &Registration,
) -> Result<Stored, sqlx::Error> {
    // A clash of random tracking numbers is rare; another draw settles it.
    for _ in 0..16 {
        let number = new_tracking_number(city_code, r.registered_on);
        let mut tx = pool.begin().await?;
        let id = insert_row(&mut tx, &number, s, r).await?;
        match id {
            Some(id) => {
                sqlx::query!(
                    "INSERT INTO submission_history (submission_id, status) VALUES ($1, 'new')",
                    id
                )
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                return Ok(Stored {
                    id,
                    tracking_number: number,
                    created: true,
                });
            }
            None => {
                tx.rollback().await?;
                if let Some(existing) = by_form_token(pool, &r.form_token).await? {
                    return Ok(existing);
                }
            }
        }
    }
    Err(sqlx::Error::Protocol(
        "no free tracking number after 16 draws".into(),
    ))
}

async fn insert_row(
    conn: &mut PgConnection,
    number: &str,
    s: &NewSubmission,
    r: &Registration,
) -> Result<Option<i64>, sqlx::Error> {
    let author = s.author.as_ref();
    sqlx::query_scalar!(
        r#"INSERT INTO submissions (tracking_number, form_token, kind, category, inspector_id,
                                    post_id, officer_description, incident_date, incident_time,
                                    place, lat, lon, body, anonymous, author_name, phone, email,
                                    iin, consent, lang, registered_on, due_on)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
                   $18, $19, $20, $21, $22)
           ON CONFLICT DO NOTHING
           RETURNING id"#,
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
    )
    .fetch_optional(conn)
    .await
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
