//! A beat's local priorities and its meetings with residents, as staff keep them (every
//! change audited) and the beat page and calendar feed show them.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;
use sqlx::PgPool;

use super::directory::audit_change;
use super::moderation::Actor;
use crate::domain::beat_life::{NewMeeting, NewPriority};
use crate::domain::lang::Localized;
use crate::domain::moderation::AuditAction;

#[derive(Clone, Debug)]
pub struct Priority {
    pub id: i64,
    pub issue: Localized,
    pub action: Localized,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
}

/// The priorities still in force on `today`, newest first.
pub async fn priorities(
    pool: &PgPool,
    beat_id: i64,
    today: NaiveDate,
) -> Result<Vec<Priority>, sqlx::Error> {
    let rows = sqlx::query!(
        "SELECT id, issue_kk, issue_ru, issue_en, action_kk, action_ru, action_en, starts_on,
                ends_on
         FROM beat_priorities WHERE beat_id = $1 AND (ends_on IS NULL OR ends_on >= $2)
         ORDER BY starts_on DESC, id DESC",
        beat_id,
        today
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Priority {
            id: r.id,
            issue: Localized {
                kk: r.issue_kk,
                ru: r.issue_ru,
                en: r.issue_en,
            },
            action: Localized {
                kk: r.action_kk,
                ru: r.action_ru,
                en: r.action_en,
            },
            starts_on: r.starts_on,
            ends_on: r.ends_on,
        })
        .collect())
}

#[derive(Clone, Debug)]
pub struct Meeting {
    pub id: i64,
    pub kind: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub place: Localized,
    pub topic: Localized,
    pub created_at: DateTime<Utc>,
}

/// The meetings that end after `from`, soonest first.
/// When the beat's inspector last reported to residents (a report-back that has begun).
pub async fn last_report(
    pool: &PgPool,
    beat_id: i64,
) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
    sqlx::query_scalar!(
        "SELECT max(starts_at) FROM beat_meetings
         WHERE beat_id = $1 AND kind = 'report' AND starts_at <= now()",
        beat_id
    )
    .fetch_one(pool)
    .await
}

pub async fn meetings(
    pool: &PgPool,
    beat_id: i64,
    from: DateTime<Utc>,
) -> Result<Vec<Meeting>, sqlx::Error> {
    let rows = sqlx::query!(
        "SELECT id, kind, starts_at, ends_at, place_kk, place_ru, place_en, topic_kk, topic_ru,
                topic_en, created_at
         FROM beat_meetings WHERE beat_id = $1 AND ends_at > $2 ORDER BY starts_at, id",
        beat_id,
        from
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Meeting {
            id: r.id,
            kind: r.kind,
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            place: Localized {
                kk: r.place_kk,
                ru: r.place_ru,
                en: r.place_en,
            },
            topic: Localized {
                kk: r.topic_kk,
                ru: r.topic_ru,
                en: r.topic_en,
            },
            created_at: r.created_at,
        })
        .collect())
}

pub async fn add_priority(
    pool: &PgPool,
    beat_id: i64,
    p: &NewPriority,
    by: &Actor,
) -> Result<i64, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let id = sqlx::query_scalar!(
        "INSERT INTO beat_priorities (beat_id, issue_kk, issue_ru, issue_en, action_kk,
                                      action_ru, action_en, starts_on, ends_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        beat_id,
        p.issue.kk,
        p.issue.ru,
        p.issue.en,
        p.action.kk,
        p.action.ru,
        p.action.en,
        p.starts_on,
        p.ends_on
    )
    .fetch_one(&mut *tx)
    .await?;
    let after = json!({"beat_id": beat_id, "issue": p.issue.ru, "action": p.action.ru,
                       "starts_on": p.starts_on, "ends_on": p.ends_on});
    let target = format!("beat_priority:{id}");
    audit_change(
        &mut tx,
        by,
        AuditAction::PriorityAdded,
        &target,
        None,
        &after,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn add_meeting(
    pool: &PgPool,
    beat_id: i64,
    m: &NewMeeting,
    by: &Actor,
) -> Result<i64, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let id = sqlx::query_scalar!(
        "INSERT INTO beat_meetings (beat_id, kind, starts_at, ends_at, place_kk, place_ru,
                                    place_en, topic_kk, topic_ru, topic_en)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        beat_id,
        m.kind.code(),
        m.starts_at,
        m.ends_at,
        m.place.kk,
        m.place.ru,
        m.place.en,
        m.topic.kk,
        m.topic.ru,
        m.topic.en
    )
    .fetch_one(&mut *tx)
    .await?;
    let after = json!({"beat_id": beat_id, "kind": m.kind.code(), "starts_at": m.starts_at,
                       "topic": m.topic.ru, "place": m.place.ru});
    let target = format!("beat_meeting:{id}");
    audit_change(
        &mut tx,
        by,
        AuditAction::MeetingAdded,
        &target,
        None,
        &after,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Removes a priority or a meeting of the beat; false when there is none such.
pub async fn remove(
    pool: &PgPool,
    beat_id: i64,
    what: &str,
    id: i64,
    by: &Actor,
) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let (gone, action) = match what {
        "priority" => (
            sqlx::query_scalar!(
                "DELETE FROM beat_priorities WHERE id = $1 AND beat_id = $2 RETURNING issue_ru",
                id,
                beat_id
            )
            .fetch_optional(&mut *tx)
            .await?,
            AuditAction::PriorityRemoved,
        ),
        _ => (
            sqlx::query_scalar!(
                "DELETE FROM beat_meetings WHERE id = $1 AND beat_id = $2 RETURNING topic_ru",
                id,
                beat_id
            )
            .fetch_optional(&mut *tx)
            .await?,
            AuditAction::MeetingRemoved,
        ),
    };
    let Some(text) = gone else {
        return Ok(false);
    };
    let target = format!("beat_{what}:{id}");
    let before = json!({"beat_id": beat_id, "text": text});
    audit_change(&mut tx, by, action, &target, Some(before), &json!({})).await?;
    tx.commit().await?;
    Ok(true)
}
