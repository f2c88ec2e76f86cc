//! The outbox: messages to residents written with the change that causes them, claimed by the
//! workers of every instance (`FOR UPDATE SKIP LOCKED` and a lease), sent once, retried with
//! exponential backoff, dead letters kept for administrators.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgPool;

/// A message a worker has claimed.
#[derive(Clone, Debug)]
pub struct Claimed {
    pub id: i64,
    pub submission_id: i64,
    pub event: String,
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
           RETURNING o.id, o.submission_id, o.event, o.channel, o.attempts"#,
        limit,
        lease_secs
    )
    .fetch_all(pool)
    .await
}

pub async fn facts(pool: &PgPool, submission_id: i64) -> Result<Option<Facts>, sqlx::Error> {
    sqlx::query_as!(
        Facts,
        "SELECT tracking_number, lang, email, phone, received_at, due_on, extension_reason
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
    pub tracking_number: String,
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
        "SELECT o.id, s.tracking_number, o.event, o.channel, o.status, o.attempts,
                o.last_error, o.created_at, o.sent_at
         FROM outbox o JOIN submissions s ON s.id = o.submission_id
         ORDER BY (o.status = 'dead') DESC, o.id DESC
         LIMIT $1",
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
pub async fn forget_texts(pool: &PgPool, days: f64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query!(
        "UPDATE outbox SET rendered = NULL
         WHERE rendered IS NOT NULL AND sent_at < now() - make_interval(days => $1::float8::int)",
        days
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}
