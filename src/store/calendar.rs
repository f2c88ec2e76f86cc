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
