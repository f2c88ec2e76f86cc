//! The working-day calendar statutory deadlines are counted in: holidays, moved days off and
//! working Saturdays.

use chrono::NaiveDate;
use sqlx::PgPool;

use crate::domain::deadline::WorkingCalendar;

pub async fn calendar(pool: &PgPool) -> Result<WorkingCalendar, sqlx::Error> {
    let rows = sqlx::query!("SELECT day, working FROM calendar_days")
        .fetch_all(pool)
        .await?;
    Ok(WorkingCalendar::new(
        rows.into_iter().map(|r| (r.day, r.working)),
    ))
}

/// The calendar's exceptions in date order: (day, working, note).
pub async fn calendar_days(pool: &PgPool) -> Result<Vec<(NaiveDate, bool, String)>, sqlx::Error> {
    let rows = sqlx::query!("SELECT day, working, note FROM calendar_days ORDER BY day")
        .fetch_all(pool)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.day, r.working, r.note))
        .collect())
}

/// Adds or changes a calendar date (a holiday, a moved day off, a working Saturday).
pub async fn set_calendar_day(
    pool: &PgPool,
    day: NaiveDate,
    working: bool,
    note: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "INSERT INTO calendar_days (day, working, note) VALUES ($1, $2, $3)
         ON CONFLICT (day) DO UPDATE SET working = EXCLUDED.working, note = EXCLUDED.note",
        day,
        working,
        note
    )
    .execute(pool)
    .await?;
    Ok(())
}

async fn day_json(
    conn: &mut sqlx::PgConnection,
    day: NaiveDate,
) -> Result<Option<serde_json::Value>, sqlx::Error> {
    let row = sqlx::query!(
        "SELECT working, note FROM calendar_days WHERE day = $1 FOR UPDATE",
        day
    )
    .fetch_optional(conn)
    .await?;
    Ok(row
        .map(|r| serde_json::json!({"day": day.to_string(), "working": r.working, "note": r.note})))
}

/// Sets a date from the browser, audited with what it was before.
pub async fn set_day(
    pool: &PgPool,
    actor: &super::moderation::Actor,
    day: NaiveDate,
    working: bool,
    note: &str,
) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    let before = day_json(&mut tx, day).await?;
    sqlx::query!(
        "INSERT INTO calendar_days (day, working, note) VALUES ($1, $2, $3)
         ON CONFLICT (day) DO UPDATE SET working = EXCLUDED.working, note = EXCLUDED.note",
        day,
        working,
        note
    )
    .execute(&mut *tx)
    .await?;
    let after = serde_json::json!({"day": day.to_string(), "working": working, "note": note});
    let target = format!("calendar:{day}");
    let action = crate::domain::moderation::AuditAction::CalendarDaySet;
    super::directory::audit_change(&mut tx, actor, action, &target, before, &after).await?;
    tx.commit().await
}

/// Removes a date (it counts as its weekday again); false when it was not in the calendar.
pub async fn remove_day(
    pool: &PgPool,
    actor: &super::moderation::Actor,
    day: NaiveDate,
) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let Some(before) = day_json(&mut tx, day).await? else {
        return Ok(false);
    };
    sqlx::query!("DELETE FROM calendar_days WHERE day = $1", day)
        .execute(&mut *tx)
        .await?;
    let target = format!("calendar:{day}");
    let action = crate::domain::moderation::AuditAction::CalendarDayRemoved;
    let after = serde_json::json!({});
    super::directory::audit_change(&mut tx, actor, action, &target, Some(before), &after).await?;
    tx.commit().await?;
    Ok(true)
}
