//! What Open311's `GET requests` may show: requests (never a domestic conflict), and thanks
//! once published; never a complaint, a contact detail, the resident's own text, or the place
//! they typed. Locations are rounded in SQL, so the exact point never leaves the database.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgPool;

use crate::domain::submission::{SubmissionKind, SubmissionStatus};

/// A public request as GeoReport v2 lists it.
#[derive(Clone, Debug)]
pub struct PublicRequest {
    pub tracking_number: String,
    pub kind: SubmissionKind,
    pub category: Option<String>,
    pub status: SubmissionStatus,
    /// A published thanks' public text (redacted by the moderator); nothing for requests.
    pub public_text: Option<String>,
    pub rejection_reason: Option<String>,
    pub forwarded_to: Option<String>,
    pub received_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub due_on: NaiveDate,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// What a `GET requests` asks.
#[derive(Clone, Debug, Default)]
pub struct RequestQuery {
    pub numbers: Option<Vec<String>>,
    /// The services asked for (None: all): the kinds other than requests (their codes), and
    /// the categories of requests.
    pub services: Option<(Vec<String>, Vec<String>)>,
    pub from: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    /// `Some(true)`: open only; `Some(false)`: closed only.
    pub open: Option<bool>,
    pub limit: i64,
    pub offset: i64,
}

pub async fn public_requests(
    pool: &PgPool,
    q: &RequestQuery,
) -> Result<Vec<PublicRequest>, sqlx::Error> {
    sqlx::query_as!(
        PublicRequest,
        r#"SELECT s.tracking_number, s.kind AS "kind: SubmissionKind",
                  s.category, s.status AS "status: SubmissionStatus",
                  CASE WHEN s.kind = 'thanks' THEN s.public_text END AS public_text,
                  s.rejection_reason, s.forwarded_to, s.received_at,
                  COALESCE((SELECT max(h.at) FROM submission_history h
                            WHERE h.submission_id = s.id), s.received_at) AS "updated_at!",
                  s.due_on,
                  round(s.lat::numeric, 3)::float8 AS lat,
                  round(s.lon::numeric, 3)::float8 AS lon
           FROM submissions s
           WHERE ((s.kind = 'request' AND s.category IS DISTINCT FROM 'domestic_conflict')
                  OR (s.kind = 'thanks' AND s.published_at IS NOT NULL
                      AND s.status IN ('published', 'closed')))
             AND ($1::text[] IS NULL OR s.tracking_number = ANY($1))
             AND ($2::text[] IS NULL OR s.kind::text = ANY($2)
                  OR (s.kind = 'request' AND coalesce(s.category, 'other') = ANY($3)))
             AND ($4::timestamptz IS NULL OR s.received_at >= $4)
             AND ($5::timestamptz IS NULL OR s.received_at <= $5)
             AND ($6::bool IS NULL OR submission_is_open(s.status) = $6)
           ORDER BY s.received_at DESC, s.id DESC
           LIMIT $7 OFFSET $8"#,
        q.numbers.as_deref(),
        q.services.as_ref().map(|(kinds, _)| kinds.as_slice()),
        q.services
            .as_ref()
            .map(|(_, categories)| categories.as_slice()),
        q.from,
        q.until,
        q.open,
        q.limit,
        q.offset
    )
    .fetch_all(pool)
    .await
}
