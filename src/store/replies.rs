//! What residents answer back through the links of a message: stopping the messages the law
//! does not require, and the questionnaire ("was it resolved?"), whose "not resolved" puts
//! the appeal back into the queue with its history. Each is recorded with its audit row.

use chrono::{DateTime, Utc};
use sqlx::PgPool;

use super::moderation::tell_resident;
use crate::domain::moderation::AuditAction;
use crate::domain::notice::{Event, Satisfaction};
use crate::domain::submission::SubmissionStatus;

/// Stops the messages the law does not require for this appeal, those already written too;
/// false when there is no such appeal.
pub async fn stop_messages(pool: &PgPool, tracking_number: &str) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let Some(id) = sqlx::query_scalar!(
        "UPDATE submissions SET quiet = true WHERE tracking_number = $1 RETURNING id",
        tracking_number
    )
    .fetch_optional(&mut *tx)
    .await?
    else {
        return Ok(false);
    };
    let stoppable: Vec<String> = Event::ALL
        .into_iter()
        .filter(|e| !e.statutory())
        .map(|e| e.code().to_string())
        .collect();
    sqlx::query!(
        "UPDATE outbox SET status = 'stopped'
         WHERE submission_id = $1 AND status = 'pending' AND event = ANY($2)",
        id,
        &stoppable
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "INSERT INTO audit_log (action, submission_id) VALUES ($1, $2)",
        AuditAction::ResidentStoppedMessages.code(),
        id
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// The questionnaire as the resident last answered it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answered {
    pub answer: Satisfaction,
    pub comment: String,
    /// This answer put the appeal back into the queue.
    pub reopened: bool,
}

/// Whether a questionnaire was sent for this round (the answer it follows).
pub async fn survey_sent(
    pool: &PgPool,
    tracking_number: &str,
    round: i64,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM outbox o JOIN submissions s ON s.id = o.submission_id
                          WHERE s.tracking_number = $1 AND o.event_key = 'survey:' || $2)
           AS "sent!""#,
        tracking_number,
        round.to_string()
    )
    .fetch_one(pool)
    .await
}

/// Records the questionnaire's answer (a later one replaces it; a comment, when given, too).
/// "Not resolved" reopens an appeal that is answered or closed: in review again, with a
/// history entry, an audit row and a message. `None` when no questionnaire was sent for this
/// round.
pub async fn answer_survey(
    pool: &PgPool,
    tracking_number: &str,
    round: i64,
    answer: Satisfaction,
    comment: Option<&str>,
    survey_after: std::time::Duration,
) -> Result<Option<Answered>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let Some(s) = sqlx::query!(
        r#"SELECT s.id, s.status AS "status: SubmissionStatus"
           FROM submissions s
           WHERE s.tracking_number = $1
             AND EXISTS (SELECT 1 FROM outbox o WHERE o.submission_id = s.id
                         AND o.event_key = 'survey:' || $2)
           FOR UPDATE"#,
        tracking_number,
        round.to_string()
    )
    .fetch_optional(&mut *tx)
    .await?
    else {
        return Ok(None);
    };
    let comment = sqlx::query_scalar!(
        "INSERT INTO satisfaction (submission_id, round, answer, comment)
         VALUES ($1, $2, $3, COALESCE($4, ''))
         ON CONFLICT (submission_id, round) DO UPDATE
             SET answer = EXCLUDED.answer, answered_at = now(),
                 comment = COALESCE($4, satisfaction.comment)
         RETURNING comment",
        s.id,
        round,
        answer.code(),
        comment
    )
    .fetch_one(&mut *tx)
    .await?;
    let reopened = answer.reopens()
        && matches!(
            s.status,
            SubmissionStatus::Answered | SubmissionStatus::Closed
        );
    if reopened {
        reopen(&mut tx, s.id, s.status, survey_after).await?;
    }
    tx.commit().await?;
    Ok(Some(Answered {
        answer,
        comment,
        reopened,
    }))
}

async fn reopen(
    conn: &mut sqlx::PgConnection,
    id: i64,
    from: SubmissionStatus,
    survey_after: std::time::Duration,
) -> Result<(), sqlx::Error> {
    let to = SubmissionStatus::InReview;
    sqlx::query!(
        "UPDATE submissions SET status = $2, version = version + 1 WHERE id = $1",
        id,
        to as SubmissionStatus
    )
    .execute(&mut *conn)
    .await?;
    let entry = sqlx::query_scalar!(
        "INSERT INTO submission_history (submission_id, status) VALUES ($1, $2) RETURNING id",
        id,
        to as SubmissionStatus
    )
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query!(
        "INSERT INTO audit_log (action, submission_id, from_status, to_status)
         VALUES ($1, $2, $3, $4)",
        AuditAction::ResidentReopened.code(),
        id,
        from as SubmissionStatus,
        to as SubmissionStatus
    )
    .execute(&mut *conn)
    .await?;
    tell_resident(conn, id, Event::Reopened, entry, survey_after).await
}

/// The questionnaire's answers over the last `days`, in the order of [`Satisfaction::ALL`].
pub async fn satisfaction_counts(pool: &PgPool, days: i32) -> Result<[i64; 3], sqlx::Error> {
    let r = sqlx::query!(
        r#"SELECT count(*) FILTER (WHERE answer = 'resolved') AS "resolved!",
                  count(*) FILTER (WHERE answer = 'partly') AS "partly!",
                  count(*) FILTER (WHERE answer = 'not_resolved') AS "not_resolved!"
           FROM satisfaction WHERE answered_at > now() - make_interval(days => $1)"#,
        days
    )
    .fetch_one(pool)
    .await?;
    Ok([r.resolved, r.partly, r.not_resolved])
}

/// A questionnaire's answer as staff see it (the comment is the resident's own words).
#[derive(Clone, Debug)]
pub struct SurveyLine {
    pub answer: String,
    pub comment: String,
    pub answered_at: DateTime<Utc>,
}

pub async fn survey_lines(
    pool: &PgPool,
    submission_id: i64,
) -> Result<Vec<SurveyLine>, sqlx::Error> {
    sqlx::query_as!(
        SurveyLine,
        "SELECT answer, comment, answered_at FROM satisfaction
         WHERE submission_id = $1 ORDER BY round",
        submission_id
    )
    .fetch_all(pool)
    .await
}
