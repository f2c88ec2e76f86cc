//! What the public statistics are computed from: one slim row per appeal received since a
//! date (kind, category, dates, outcome, where), never its text or contacts.

use chrono::NaiveDate;
use sqlx::PgPool;

use crate::domain::submission::SubmissionKind;

#[derive(Clone, Debug)]
pub struct AppealRow {
    pub kind: SubmissionKind,
    pub category: Option<String>,
    /// The day it was received, in the city's time.
    pub received_on: NaiveDate,
    pub registered_on: NaiveDate,
    pub due_on: NaiveDate,
    pub first_answer_on: Option<NaiveDate>,
    pub extended: bool,
    pub forwarded: bool,
    pub rejection_reason: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub inspector_id: Option<i64>,
    /// The last questionnaire answer.
    pub satisfaction: Option<String>,
}

/// The appeals received from `since` (a day in the city, whose time zone is `tz`) on.
pub async fn appeals_since(
    pool: &PgPool,
    since: NaiveDate,
    tz: &str,
) -> Result<Vec<AppealRow>, sqlx::Error> {
    sqlx::query_as!(
        AppealRow,
        r#"SELECT s.kind AS "kind: SubmissionKind", s.category,
                  (s.received_at AT TIME ZONE $2)::date AS "received_on!",
                  s.registered_on, s.due_on,
                  (s.first_answer_at AT TIME ZONE $2)::date AS first_answer_on,
                  s.original_due_on IS NOT NULL AS "extended!",
                  s.forwarded_to IS NOT NULL AS "forwarded!",
                  s.rejection_reason, s.lat, s.lon, s.inspector_id,
                  (SELECT q.answer FROM satisfaction q WHERE q.submission_id = s.id
                   ORDER BY q.round DESC LIMIT 1) AS satisfaction
           FROM submissions s
           WHERE s.received_at >= $1::date::timestamp AT TIME ZONE $2"#,
        since,
        tz,
    )
    .fetch_all(pool)
    .await
}
