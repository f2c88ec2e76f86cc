//! Case work on the queue: the queue read by filters and assignee, who holds how much, assigning
//! a submission to a staff member, and internal notes. Every change is audited.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgPool;

use super::moderation::Actor;
use crate::domain::lang::Localized;
use crate::domain::moderation::AuditAction;
use crate::domain::submission::{Category, SubmissionKind, SubmissionStatus};

/// Filters of the queue; `None` means any.
#[derive(Clone, Debug, Default)]
pub struct QueueFilter {
    pub kind: Option<SubmissionKind>,
    pub status: Option<SubmissionStatus>,
    pub category: Option<Category>,
    pub post_id: Option<i64>,
    pub inspector_id: Option<i64>,
    /// Due before this date and not finished.
    pub overdue_on: Option<NaiveDate>,
    pub from: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    /// A tracking number, or words in the text.
    pub text: Option<String>,
    pub owner: Owner,
}

/// Whose items the queue shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Owner {
    #[default]
    Anyone,
    /// Assigned to this staff member.
    Staff(i64),
    /// Assigned to no one yet.
    Nobody,
}

#[derive(Clone, Debug)]
pub struct QueueRow {
    pub id: i64,
    pub tracking_number: String,
    pub kind: SubmissionKind,
    pub status: SubmissionStatus,
    pub category: Option<String>,
    pub received_at: DateTime<Utc>,
    pub due_on: NaiveDate,
    pub excerpt: String,
    /// How it came in: `web`, `open311`, `walk_in`, `phone`.
    pub channel: String,
    /// Who it is assigned to.
    pub assignee: Option<String>,
    /// The version, for an action taken from the queue.
    pub version: i32,
}

/// One page of the queue in due-date order, after the (due date, id) `after` (keyset
/// pagination: the same cost on the thousandth page as on the first).
pub async fn queue(
    pool: &PgPool,
    f: &QueueFilter,
    after: Option<(NaiveDate, i64)>,
    limit: i64,
) -> Result<Vec<QueueRow>, sqlx::Error> {
    let (after_due, after_id) = after.unzip();
    let text = f.text.as_deref().map(str::trim).filter(|t| !t.is_empty());
    sqlx::query_as!(
        QueueRow,
        r#"SELECT s.id, s.tracking_number, s.kind AS "kind: SubmissionKind",
                  s.status AS "status: SubmissionStatus", s.category, s.received_at, s.due_on,
                  left(s.body, 140) AS "excerpt!", s.channel, a.name AS "assignee?",
                  s.version
           FROM submissions s LEFT JOIN staff a ON a.id = s.assigned_to
           WHERE ($1::submission_kind IS NULL OR s.kind = $1)
             AND ($2::submission_status IS NULL OR s.status = $2)
             AND ($3::text IS NULL OR s.category = $3)
             AND ($4::bigint IS NULL OR s.post_id = $4)
             AND ($5::bigint IS NULL OR s.inspector_id = $5)
             AND ($6::date IS NULL OR (s.due_on < $6
                  AND submission_is_open(s.status)))
             AND ($7::date IS NULL OR s.received_at >= $7::date)
             AND ($8::date IS NULL OR s.received_at < $8::date + 1)
             AND ($9::text IS NULL OR s.tracking_number = upper($9)
                  OR s.body ILIKE '%' || $9 || '%')
             AND ($10::date IS NULL OR (s.due_on, s.id) > ($10, $11))
             AND ($13::bigint IS NULL OR s.assigned_to = $13)
             AND (NOT $14 OR s.assigned_to IS NULL)
           ORDER BY s.due_on, s.id
           LIMIT $12"#,
        f.kind as Option<SubmissionKind>,
        f.status as Option<SubmissionStatus>,
        f.category.map(Category::code),
        f.post_id,
        f.inspector_id,
        f.overdue_on,
        f.from,
        f.until,
        text,
        after_due,
        after_id,
        limit,
        match f.owner {
            Owner::Staff(id) => Some(id),
            _ => None,
        },
        f.owner == Owner::Nobody,
    )
    .fetch_all(pool)
    .await
}

/// Open items per staff member: (name, open, due soon, overdue), those with items first.
pub async fn per_person(
    pool: &PgPool,
    today: NaiveDate,
    soon: NaiveDate,
) -> Result<Vec<(i64, String, i64, i64, i64)>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"SELECT st.id, st.name,
                  count(s.id) AS "open!",
                  count(s.id) FILTER (WHERE s.due_on >= $1 AND s.due_on <= $2) AS "soon!",
                  count(s.id) FILTER (WHERE s.due_on < $1) AS "overdue!"
           FROM staff st
           LEFT JOIN submissions s ON s.assigned_to = st.id AND submission_is_open(s.status)
           WHERE st.active
           GROUP BY st.id, st.name
           ORDER BY count(s.id) DESC, st.name"#,
        today,
        soon
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.id, r.name, r.open, r.soon, r.overdue))
        .collect())
}

/// Assigns a submission to a staff member, audited with whom to and why; the previous
/// assignee's name, or None when there was no such submission or staff member.
pub async fn assign(
    pool: &PgPool,
    id: i64,
    to: i64,
    reason: &str,
    actor: &Actor,
) -> Result<Option<Option<String>>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let Some(name) = sqlx::query_scalar!("SELECT name FROM staff WHERE id = $1 AND active", to)
        .fetch_optional(&mut *tx)
        .await?
    else {
        return Ok(None);
    };
    let Some(before) = sqlx::query!(
        r#"SELECT a.name AS "name?" FROM submissions s LEFT JOIN staff a ON a.id = s.assigned_to
           WHERE s.id = $1 FOR UPDATE OF s"#,
        id
    )
    .fetch_optional(&mut *tx)
    .await?
    else {
        return Ok(None);
    };
    sqlx::query!(
        "UPDATE submissions SET assigned_to = $2 WHERE id = $1",
        id,
        to
    )
    .execute(&mut *tx)
    .await?;
    let why = match reason.trim() {
        "" => name.clone(),
        r => format!("{name}: {r}"),
    };
    sqlx::query!(
        "INSERT INTO audit_log (staff_id, staff_email, action, submission_id, reason, client)
         VALUES ($1, $2, $3, $4, $5, $6)",
        actor.staff_id,
        actor.staff_email,
        AuditAction::Assigned.code(),
        id,
        why,
        actor.client
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Some(before.name))
}

#[derive(Clone, Debug)]
pub struct Note {
    pub staff_name: String,
    pub text: String,
    pub created_at: DateTime<Utc>,
}

/// The internal notes on a submission, oldest first.
pub async fn notes(pool: &PgPool, id: i64) -> Result<Vec<Note>, sqlx::Error> {
    sqlx::query_as!(
        Note,
        "SELECT staff_name, text, created_at FROM submission_notes
         WHERE submission_id = $1 ORDER BY created_at, id",
        id
    )
    .fetch_all(pool)
    .await
}

/// Adds an internal note, audited (without its words: the note itself is the record).
pub async fn add_note(
    pool: &PgPool,
    id: i64,
    staff_name: &str,
    text: &str,
    actor: &Actor,
) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let added = sqlx::query!(
        "INSERT INTO submission_notes (submission_id, staff_id, staff_name, text)
         SELECT id, $2, $3, $4 FROM submissions WHERE id = $1",
        id,
        actor.staff_id,
        staff_name,
        text
    )
    .execute(&mut *tx)
    .await?;
    if added.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query!(
        "INSERT INTO audit_log (staff_id, staff_email, action, submission_id, client)
         VALUES ($1, $2, $3, $4, $5)",
        actor.staff_id,
        actor.staff_email,
        AuditAction::NoteAdded.code(),
        id,
        actor.client
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// The inspectors and posts the queue can be filtered by, by name: (id, name in kk/ru/en).
pub async fn filter_names(pool: &PgPool) -> Result<(Vec<Named>, Vec<Named>), sqlx::Error> {
    let inspectors =
        sqlx::query!("SELECT id, name_kk, name_ru, name_en FROM inspectors ORDER BY name_ru, id")
            .fetch_all(pool)
            .await?
            .into_iter()
            .map(|r| {
                (
                    r.id,
                    Localized {
                        kk: r.name_kk,
                        ru: r.name_ru,
                        en: r.name_en,
                    },
                )
            })
            .collect();
    let posts =
        sqlx::query!("SELECT id, name_kk, name_ru, name_en FROM posts ORDER BY name_ru, id")
            .fetch_all(pool)
            .await?
            .into_iter()
            .map(|r| {
                (
                    r.id,
                    Localized {
                        kk: r.name_kk,
                        ru: r.name_ru,
                        en: r.name_en,
                    },
                )
            })
            .collect();
    Ok((inspectors, posts))
}

/// An id and a name in the three languages.
pub type Named = (i64, Localized);

/// Active staff members by name, for assigning: (id, name).
pub async fn assignable(pool: &PgPool) -> Result<Vec<(i64, String)>, sqlx::Error> {
    Ok(
        sqlx::query!("SELECT id, name FROM staff WHERE active ORDER BY name, id")
            .fetch_all(pool)
            .await?
            .into_iter()
            .map(|r| (r.id, r.name))
            .collect(),
    )
}

/// Complaints and requests not yet acted on (new or in review), registered since `since`:
/// (id, tracking number, registered on), for the forwarding limit.
pub async fn awaiting_first_step(
    pool: &PgPool,
    since: NaiveDate,
) -> Result<Vec<(i64, String, NaiveDate)>, sqlx::Error> {
    Ok(sqlx::query!(
        "SELECT id, tracking_number, registered_on FROM submissions
         WHERE status IN ('new', 'in_review') AND kind <> 'thanks' AND registered_on >= $1
         ORDER BY registered_on, id",
        since
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|r| (r.id, r.tracking_number, r.registered_on))
    .collect())
}
