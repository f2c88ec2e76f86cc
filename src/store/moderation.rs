//! The staff side of submissions: the queue, one submission in full, actions with optimistic
//! locking, the audit log, and what moderation makes public.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use sqlx::{PgConnection, PgPool};

use crate::domain::moderation::{AuditAction, Case, Transition};
use crate::domain::notice::Event;
use crate::domain::submission::{Channel, SubmissionKind, SubmissionStatus};

pub use super::cases::{Owner, QueueFilter, QueueRow, queue};

/// Counts for the dashboard.
#[derive(Clone, Debug, Default)]
pub struct Dashboard {
    /// (status, kind, count)
    pub by_status_kind: Vec<(SubmissionStatus, SubmissionKind, i64)>,
    pub overdue: i64,
    pub due_soon: i64,
    /// Median hours from receipt to the first answer over the last 30 days.
    pub median_hours_to_answer: Option<f64>,
}

pub async fn dashboard(
    pool: &PgPool,
    today: NaiveDate,
    soon: NaiveDate,
) -> Result<Dashboard, sqlx::Error> {
    let by_status_kind = sqlx::query!(
        r#"SELECT status AS "status: SubmissionStatus", kind AS "kind: SubmissionKind",
                  count(*) AS "n!"
           FROM submissions GROUP BY status, kind ORDER BY status, kind"#
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|r| (r.status, r.kind, r.n))
    .collect();
    let due = sqlx::query!(
        r#"SELECT count(*) FILTER (WHERE due_on < $1) AS "overdue!",
                  count(*) FILTER (WHERE due_on >= $1 AND due_on <= $2) AS "soon!"
           FROM submissions WHERE submission_is_open(status)"#,
        today,
        soon
    )
    .fetch_one(pool)
    .await?;
    let median = sqlx::query_scalar!(
        r#"SELECT percentile_cont(0.5) WITHIN GROUP (
                  ORDER BY extract(epoch FROM first_answer_at - received_at)) / 3600.0
           FROM submissions WHERE first_answer_at > now() - interval '30 days'"#
    )
    .fetch_one(pool)
    .await?;
    Ok(Dashboard {
        by_status_kind,
        overdue: due.overdue,
        due_soon: due.soon,
        median_hours_to_answer: median,
    })
}

/// Everything about one submission, contact details included: staff only.
#[derive(Clone, Debug)]
pub struct Detail {
    pub id: i64,
    pub tracking_number: String,
    pub kind: SubmissionKind,
    pub status: SubmissionStatus,
    pub category: Option<String>,
    pub inspector_id: Option<i64>,
    pub inspector_name: Option<String>,
    pub post_id: Option<i64>,
    pub post_name: Option<String>,
    pub officer_description: String,
    pub incident_date: Option<NaiveDate>,
    pub incident_time: Option<NaiveTime>,
    pub place: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub body: String,
    pub anonymous: bool,
    pub author_name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub iin: Option<String>,
    pub lang: String,
    pub received_at: DateTime<Utc>,
    pub registered_on: NaiveDate,
    pub due_on: NaiveDate,
    pub original_due_on: Option<NaiveDate>,
    pub public_text: Option<String>,
    pub public_answer: Option<String>,
    pub forwarded_to: Option<String>,
    pub rejection_reason: Option<String>,
    pub duplicate_of: Option<String>,
    pub extension_reason: Option<String>,
    pub version: i32,
    pub channel: String,
    /// The Open311 key it was filed with.
    pub api_key_name: Option<String>,
    pub media_url: Option<String>,
    pub assigned_to: Option<i64>,
    pub assignee: Option<String>,
    /// Who received an oral appeal.
    pub received_by_name: Option<String>,
}

impl Detail {
    /// The Fluent key of the channel it came in by.
    pub fn channel_key(&self) -> &'static str {
        Channel::parse(&self.channel).unwrap_or(Channel::Web).key()
    }

    /// What the moderation decision needs to know.
    pub fn case(&self) -> Case {
        Case {
            kind: self.kind,
            status: self.status,
            tracking_number: self.tracking_number.clone(),
            due_on: self.due_on,
            version: self.version,
        }
    }
}

pub async fn detail(pool: &PgPool, id: i64) -> Result<Option<Detail>, sqlx::Error> {
    sqlx::query_as!(
        Detail,
        r#"SELECT s.id, s.tracking_number, s.kind AS "kind: SubmissionKind",
                  s.status AS "status: SubmissionStatus", s.category, s.inspector_id,
                  i.name_ru AS "inspector_name?", s.post_id, p.name_ru AS "post_name?",
                  s.officer_description, s.incident_date, s.incident_time, s.place, s.lat, s.lon,
                  s.body, s.anonymous, s.author_name, s.phone, s.email, s.iin, s.lang,
                  s.received_at, s.registered_on, s.due_on, s.original_due_on, s.public_text,
                  s.public_answer, s.forwarded_to, s.rejection_reason, s.duplicate_of,
                  s.extension_reason, s.version, s.channel, k.name AS "api_key_name?",
                  s.media_url, s.assigned_to, st.name AS "assignee?", s.received_by_name
           FROM submissions s
           LEFT JOIN inspectors i ON i.id = s.inspector_id
           LEFT JOIN posts p ON p.id = s.post_id
           LEFT JOIN api_keys k ON k.id = s.api_key_id
           LEFT JOIN staff st ON st.id = s.assigned_to
           WHERE s.id = $1"#,
        id
    )
    .fetch_optional(pool)
    .await
}

/// Who did something, from where.
#[derive(Clone, Debug)]
pub struct Actor {
    pub staff_id: Option<i64>,
    pub staff_email: String,
    pub client: String,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Applied {
    Done,
    /// Someone else changed the submission since this version was read.
    Conflict,
}

/// Writes the outbox rows that tell the resident of a step, one per channel they gave, in the
/// transaction of the step itself; a resident who stopped the messages the law does not
/// require gets only the statutory ones. An answer also schedules the questionnaire ("was it
/// resolved?") after `survey_after`, by e-mail if the resident gave one, else by SMS.
pub(super) async fn tell_resident(
    conn: &mut sqlx::PgConnection,
    id: i64,
    event: Event,
    history_entry: i64,
    survey_after: std::time::Duration,
) -> Result<(), sqlx::Error> {
    let entry = history_entry.to_string();
    sqlx::query!(
        "INSERT INTO outbox (submission_id, event, event_key, channel)
         SELECT s.id, $2, $2 || ':' || $3, c.channel
         FROM submissions s,
              LATERAL (VALUES ('email', s.email), ('sms', s.phone)) AS c (channel, address)
         WHERE s.id = $1 AND c.address IS NOT NULL AND ($4 OR NOT s.quiet)
         ON CONFLICT DO NOTHING",
        id,
        event.code(),
        entry,
        event.statutory()
    )
    .execute(&mut *conn)
    .await?;
    if event == Event::Answered {
        sqlx::query!(
            "INSERT INTO outbox (submission_id, event, event_key, channel, next_attempt_at)
             SELECT s.id, 'survey', 'survey:' || $2,
                    CASE WHEN s.email IS NOT NULL THEN 'email' ELSE 'sms' END,
                    now() + make_interval(secs => $3)
             FROM submissions s
             WHERE s.id = $1 AND NOT s.quiet AND (s.email IS NOT NULL OR s.phone IS NOT NULL)
             ON CONFLICT DO NOTHING",
            id,
            entry,
            survey_after.as_secs_f64()
        )
        .execute(conn)
        .await?;
    }
    Ok(())
}

/// Applies a transition if the submission is still at its version, with its history entry
/// and audit record, in one transaction.
pub async fn apply(
    pool: &PgPool,
    id: i64,
    t: &Transition,
    actor: &Actor,
    survey_after: std::time::Duration,
) -> Result<Applied, sqlx::Error> {
    let change = &t.change;
    let mut tx = pool.begin().await?;
    let updated = sqlx::query!(
        r#"UPDATE submissions SET
               status = $3, version = version + 1,
               public_text = CASE WHEN $15 THEN NULL ELSE COALESCE($4, public_text) END,
               public_answer = COALESCE($5, public_answer),
               forwarded_to = COALESCE($6, forwarded_to),
               rejection_reason = COALESCE($7, rejection_reason),
               duplicate_of = COALESCE($8, duplicate_of),
               extension_reason = COALESCE($9, extension_reason),
               original_due_on = CASE WHEN $10::date IS NULL THEN original_due_on
                                      ELSE COALESCE(original_due_on, due_on) END,
               due_on = COALESCE($10, due_on),
               first_answer_at = CASE WHEN $11 THEN COALESCE(first_answer_at, now())
                                      ELSE first_answer_at END,
               published_at = CASE WHEN $15 THEN NULL WHEN $12 THEN now()
                                   ELSE published_at END,
               assigned_to = COALESCE(assigned_to, $13)
           WHERE id = $1 AND version = $2 AND status = $14"#,
        id,
        t.version,
        t.to as SubmissionStatus,
        change.public_text,
        change.public_answer,
        change.forwarded_to,
        change.rejection_reason.map(|r| r.code()),
        change.duplicate_of,
        change.extension_reason,
        change.due_on,
        change.answers,
        change.publishes,
        actor.staff_id,
        t.from as SubmissionStatus,
        change.unpublishes,
    )
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        tx.rollback().await?;
        return Ok(Applied::Conflict);
    }
    let entry = sqlx::query_scalar!(
        "INSERT INTO submission_history (submission_id, status, public_note) VALUES ($1, $2, $3)
         RETURNING id",
        id,
        t.to as SubmissionStatus,
        change.public_note
    )
    .fetch_one(&mut *tx)
    .await?;
    if let Some(event) = Event::of_action(t.action) {
        tell_resident(&mut tx, id, event, entry, survey_after).await?;
    }
    sqlx::query!(
        "INSERT INTO audit_log (staff_id, staff_email, action, submission_id, from_status,
                                to_status, reason, client)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        actor.staff_id,
        actor.staff_email,
        t.action.code(),
        id,
        t.from as SubmissionStatus,
        t.to as SubmissionStatus,
        t.audit_reason,
        actor.client
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Applied::Done)
}

/// Records something a staff member did that changes no submission (a sign-in, an export).
pub async fn audit(
    pool: &PgPool,
    actor: &Actor,
    action: AuditAction,
    reason: &str,
) -> Result<(), sqlx::Error> {
    let mut conn = pool.acquire().await?;
    audit_in(&mut conn, actor, action, "", reason).await
}

/// The audit row of such an action in the caller's transaction: `target` names what it was
/// done to (`booking:Q-…`, `api_key:7`; empty for nothing in particular), `reason` why, or
/// which.
pub(super) async fn audit_in(
    conn: &mut PgConnection,
    actor: &Actor,
    action: AuditAction,
    target: &str,
    reason: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "INSERT INTO audit_log (staff_id, staff_email, action, reason, client, target)
         VALUES ($1, $2, $3, $4, $5, $6)",
        actor.staff_id,
        actor.staff_email,
        action.code(),
        reason,
        actor.client,
        target
    )
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(Clone, Debug)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub staff_email: String,
    pub action: String,
    pub tracking_number: Option<String>,
    pub from_status: Option<SubmissionStatus>,
    pub to_status: Option<SubmissionStatus>,
    pub reason: String,
    pub client: String,
    /// A directory record a change was made to (`post:12`), or empty.
    pub target: String,
    /// The fields a directory change changed.
    pub changed: Vec<String>,
}

#[derive(Clone, Debug, Default)]
pub struct AuditFilter {
    pub staff_email: Option<String>,
    pub action: Option<String>,
    pub submission_id: Option<i64>,
    pub from: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

pub async fn audit_entries(
    pool: &PgPool,
    f: &AuditFilter,
    limit: i64,
) -> Result<Vec<AuditEntry>, sqlx::Error> {
    sqlx::query_as!(
        AuditEntry,
        r#"SELECT a.id, a.at, a.staff_email, a.action, s.tracking_number AS "tracking_number?",
                  a.from_status AS "from_status: SubmissionStatus",
                  a.to_status AS "to_status: SubmissionStatus", a.reason, a.client, a.target,
                  ARRAY(SELECT k FROM jsonb_object_keys(coalesce(a.after, '{}'::jsonb)) AS k
                        WHERE a.before IS NOT NULL AND a.before -> k IS DISTINCT FROM a.after -> k
                        ORDER BY k) AS "changed!"
           FROM audit_log a LEFT JOIN submissions s ON s.id = a.submission_id
           WHERE ($1::text IS NULL OR a.staff_email = lower($1))
             AND ($2::text IS NULL OR a.action = $2)
             AND ($3::bigint IS NULL OR a.submission_id = $3)
             AND ($4::date IS NULL OR a.at >= $4::date)
             AND ($5::date IS NULL OR a.at < $5::date + 1)
           ORDER BY a.at DESC, a.id DESC
           LIMIT $6"#,
        f.staff_email,
        f.action,
        f.submission_id,
        f.from,
        f.until,
        limit
    )
    .fetch_all(pool)
    .await
}

/// A published thanks as the public sees it: the (possibly redacted) text and a date.
#[derive(Clone, Debug)]
pub struct PublishedThanks {
    pub text: String,
    pub published_at: DateTime<Utc>,
}

pub async fn published_thanks(
    pool: &PgPool,
    inspector_id: Option<i64>,
    post_id: Option<i64>,
    limit: i64,
) -> Result<Vec<PublishedThanks>, sqlx::Error> {
    sqlx::query_as!(
        PublishedThanks,
        r#"SELECT public_text AS "text!", published_at AS "published_at!"
           FROM submissions
           WHERE kind = 'thanks' AND status IN ('published', 'closed')
             AND public_text IS NOT NULL AND published_at IS NOT NULL
             AND (($1::bigint IS NOT NULL AND inspector_id = $1)
                  OR ($2::bigint IS NOT NULL AND post_id = $2))
           ORDER BY published_at DESC
           LIMIT $3"#,
        inspector_id,
        post_id,
        limit
    )
    .fetch_all(pool)
    .await
}

/// What the tracking page adds once staff have acted.
#[derive(Clone, Debug, Default)]
pub struct PublicOutcome {
    pub public_answer: Option<String>,
    pub forwarded_to: Option<String>,
    pub rejection_reason: Option<String>,
    pub duplicate_of: Option<String>,
    pub extension_reason: Option<String>,
    pub original_due_on: Option<NaiveDate>,
}

pub async fn public_outcome(pool: &PgPool, id: i64) -> Result<PublicOutcome, sqlx::Error> {
    sqlx::query_as!(
        PublicOutcome,
        "SELECT public_answer, forwarded_to, rejection_reason, duplicate_of, extension_reason,
                original_due_on
         FROM submissions WHERE id = $1",
        id
    )
    .fetch_one(pool)
    .await
}
