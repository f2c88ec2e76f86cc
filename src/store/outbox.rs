//! The outbox: messages to residents written with the change that causes them, claimed by the
//! workers of every instance (`FOR UPDATE SKIP LOCKED` and a lease), sent once, retried with
//! exponential backoff, dead letters kept for administrators.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgPool;

/// A message a worker has claimed.
#[derive(Clone, Debug)]
pub struct Claimed {
    pub id: i64,
    /// A message to a resident about an appeal, or to a staff member (the digest).
    pub submission_id: Option<i64>,
    pub staff_id: Option<i64>,
    /// A message to a resident about their booking of a reception slot.
    pub booking_id: Option<i64>,
    pub event: String,
    /// The event with what makes it unique: `answered:123`, `survey:123`, `digest:2026-12-02`.
    pub event_key: String,
    pub channel: String,
    pub attempts: i32,
}

/// What a message about a submission says, and where it goes.
#[derive(Clone, Debug)]
pub struct Facts {
    pub tracking_number: String,
    pub lang: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub received_at: DateTime<Utc>,
    pub due_on: NaiveDate,
    pub extension_reason: Option<String>,
    pub public_answer: Option<String>,
    pub forwarded_to: Option<String>,
    pub rejection_reason: Option<String>,
    pub duplicate_of: Option<String>,
    /// The resident stopped the messages the law does not require.
    pub quiet: bool,
}

/// Claims up to `limit` messages that are due, for `lease_secs`; a worker that dies before it
/// marks one leaves it to be claimed again when the lease ends.
pub async fn claim(
    pool: &PgPool,
    limit: i64,
    lease_secs: f64,
) -> Result<Vec<Claimed>, sqlx::Error> {
    sqlx::query_as!(
        Claimed,
        r#"UPDATE outbox o SET claimed_until = now() + make_interval(secs => $2),
                  attempts = o.attempts + 1
           WHERE o.id IN (SELECT id FROM outbox
                          WHERE status = 'pending' AND next_attempt_at <= now()
                            AND (claimed_until IS NULL OR claimed_until < now())
                          ORDER BY next_attempt_at, id
                          LIMIT $1
                          FOR UPDATE SKIP LOCKED)
           RETURNING o.id, o.submission_id, o.staff_id, o.booking_id, o.event, o.event_key,
                     o.channel, o.attempts"#,
        limit,
        lease_secs
    )
    .fetch_all(pool)
    .await
}

pub async fn facts(pool: &PgPool, submission_id: i64) -> Result<Option<Facts>, sqlx::Error> {
    sqlx::query_as!(
        Facts,
        "SELECT tracking_number, lang, email, phone, received_at, due_on, extension_reason,
                public_answer, forwarded_to, rejection_reason, duplicate_of, quiet
         FROM submissions WHERE id = $1",
        submission_id
    )
    .fetch_optional(pool)
    .await
}

/// Sent: the message is kept as sent for the administrators' page.
pub async fn sent(pool: &PgPool, id: i64, rendered: &str) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "UPDATE outbox SET status = 'sent', sent_at = now(), rendered = $2,
                claimed_until = NULL, last_error = ''
         WHERE id = $1",
        id,
        rendered
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// Not sent, and never to be: the resident stopped such messages after it was written.
pub async fn stopped(pool: &PgPool, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "UPDATE outbox SET status = 'stopped', claimed_until = NULL WHERE id = $1",
        id
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// Not sent: tried again after `retry_secs`, or a dead letter.
pub async fn failed(
    pool: &PgPool,
    id: i64,
    error: &str,
    retry_secs: f64,
    dead: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "UPDATE outbox SET status = CASE WHEN $4 THEN 'dead' ELSE 'pending' END,
                next_attempt_at = now() + make_interval(secs => $3),
                claimed_until = NULL, last_error = $2
         WHERE id = $1",
        id,
        error,
        retry_secs,
        dead
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// A line of the administrators' outbox page (no contact details).
#[derive(Clone, Debug)]
pub struct OutboxLine {
    pub id: i64,
    /// `None` for a staff member's digest.
    pub tracking_number: Option<String>,
    pub event: String,
    pub channel: String,
    pub status: String,
    pub attempts: i32,
    pub last_error: String,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

pub async fn lines(pool: &PgPool, limit: i64) -> Result<Vec<OutboxLine>, sqlx::Error> {
    sqlx::query_as!(
        OutboxLine,
        r#"SELECT o.id, s.tracking_number AS "tracking_number?", o.event, o.channel, o.status,
                  o.attempts, o.last_error, o.created_at, o.sent_at
           FROM outbox o LEFT JOIN submissions s ON s.id = o.submission_id
           ORDER BY (o.status = 'dead') DESC, o.id DESC
           LIMIT $1"#,
        limit
    )
    .fetch_all(pool)
    .await
}

/// A dead letter tried again now; false when there is no such dead letter.
pub async fn retry(pool: &PgPool, id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = now(),
                last_error = ''
         WHERE id = $1 AND status = 'dead'",
        id
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Forgets the text of messages sent more than `days` ago: only their metadata stays.
pub async fn forget_texts(pool: &PgPool, days: u64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query!(
        "UPDATE outbox SET rendered = NULL
         WHERE rendered IS NOT NULL AND sent_at < now() - make_interval(days => $1)",
        i32::try_from(days).unwrap_or(i32::MAX)
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}

/// Writes today's digest row for every active staff member who wants one (once a day: a
/// second instance, or a second look, writes nothing).
pub async fn schedule_digests(pool: &PgPool, day: NaiveDate) -> Result<u64, sqlx::Error> {
    let done = sqlx::query!(
        "INSERT INTO outbox (staff_id, event, event_key, channel)
         SELECT id, 'digest', 'digest:' || $1::date::text, 'email'
         FROM staff WHERE active AND digest
         ON CONFLICT DO NOTHING",
        day
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}

/// What a staff member's digest says.
#[derive(Clone, Debug)]
pub struct DigestFacts {
    pub email: String,
    pub name: String,
    pub lang: String,
    pub wants_it: bool,
    pub new: i64,
    pub due_soon: i64,
    pub overdue: i64,
    /// Of these, assigned to this person.
    pub mine_due_soon: i64,
    pub mine_overdue: i64,
}

pub async fn digest_facts(
    pool: &PgPool,
    staff_id: i64,
    today: NaiveDate,
    soon: NaiveDate,
) -> Result<Option<DigestFacts>, sqlx::Error> {
    sqlx::query_as!(
        DigestFacts,
        r#"SELECT st.email, st.name, st.lang, (st.digest AND st.active) AS "wants_it!",
                  count(s.id) FILTER (WHERE s.status = 'new') AS "new!",
                  count(s.id) FILTER (WHERE s.due_on BETWEEN $2 AND $3) AS "due_soon!",
                  count(s.id) FILTER (WHERE s.due_on < $2) AS "overdue!",
                  count(s.id) FILTER (WHERE s.due_on BETWEEN $2 AND $3
                                        AND s.assigned_to = st.id) AS "mine_due_soon!",
                  count(s.id) FILTER (WHERE s.due_on < $2
                                        AND s.assigned_to = st.id) AS "mine_overdue!"
           FROM staff st
           LEFT JOIN submissions s ON submission_is_open(s.status)
           WHERE st.id = $1
           GROUP BY st.id"#,
        staff_id,
        today,
        soon
    )
    .fetch_optional(pool)
    .await
}

/// An extension or forwarding notice that no channel has delivered yet.
#[derive(Clone, Debug)]
pub struct UnsentNotice {
    pub submission_id: i64,
    pub tracking_number: String,
    pub event: String,
    pub acted_at: DateTime<Utc>,
    /// Every channel gave up: only an administrator's retry sends it now.
    pub dead: bool,
}

pub async fn unsent_notices(pool: &PgPool) -> Result<Vec<UnsentNotice>, sqlx::Error> {
    sqlx::query_as!(
        UnsentNotice,
        r#"SELECT o.submission_id AS "submission_id!", s.tracking_number, o.event,
                  min(o.created_at) AS "acted_at!", bool_and(o.status = 'dead') AS "dead!"
           FROM outbox o JOIN submissions s ON s.id = o.submission_id
           WHERE o.status IN ('pending', 'dead') AND o.event IN ('extended', 'forwarded')
             AND NOT EXISTS (SELECT 1 FROM outbox d
                             WHERE d.submission_id = o.submission_id
                               AND d.event_key = o.event_key AND d.status = 'sent')
           GROUP BY o.submission_id, s.tracking_number, o.event, o.event_key
           ORDER BY 4
           LIMIT 200"#
    )
    .fetch_all(pool)
    .await
}
