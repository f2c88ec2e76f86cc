//! `police-portal calendar add|list`: the dates statutory deadlines count differently.

use super::{CalendarWhat, CliResult, with_database};
use crate::config::Settings;
use crate::store::calendar;

#[derive(Debug, thiserror::Error)]
#[error("'{0}' is not a date; use YYYY-MM-DD")]
struct BadDate(String);

pub async fn calendar(settings: Settings, what: CalendarWhat) -> CliResult {
    with_database(&settings, |pool| async move {
        match what {
            CalendarWhat::Add {
                date,
                working,
                note,
            } => {
                let day = chrono::NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
                    .ok()
                    .ok_or_else(|| BadDate(date.clone()))?;
                calendar::set_calendar_day(&pool, day, working, &note).await?;
                let kind = if working { "working" } else { "non-working" };
                println!("{day} is now a {kind} day.");
            }
            CalendarWhat::List => {
                for (day, working, note) in calendar::calendar_days(&pool).await? {
                    let kind = if working { "working" } else { "day off" };
                    println!("{day}  {kind:<8}  {note}");
                }
            }
        }
        Ok(())
    })
    .await
}
