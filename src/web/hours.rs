//! Opening hours as people read them: the week, the special dates ahead, and whether a place
//! is open now. The public post page and the administrators' preview show the same.

use chrono::{NaiveDate, NaiveDateTime};

use super::format;
use super::i18n::Lang;
use crate::domain::hours::{Interval, OpeningHours};

/// A day (or a date) and its hours.
pub struct WeekRow {
    pub day: String,
    pub hours: String,
}

fn intervals_text(lang: Lang, intervals: &[Interval]) -> String {
    if intervals.is_empty() {
        return lang.t("hours-closed");
    }
    intervals
        .iter()
        .map(|i| i.label())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Monday to Sunday, or "every day, 24 hours".
pub fn week(lang: Lang, hours: &OpeningHours) -> Vec<WeekRow> {
    if hours.always {
        return vec![WeekRow {
            day: lang.t("hours-every-day"),
            hours: lang.t("hours-24h"),
        }];
    }
    hours
        .week_days()
        .into_iter()
        .map(|(day, intervals)| WeekRow {
            day: lang.t(format::weekday_key(day)),
            hours: intervals_text(lang, &intervals),
        })
        .collect()
}

/// The dated exceptions from `from` on.
pub fn exceptions(lang: Lang, hours: &OpeningHours, from: NaiveDate) -> Vec<WeekRow> {
    hours
        .upcoming_exceptions(from)
        .into_iter()
        .map(|e| WeekRow {
            day: e.date.format("%d.%m.%Y").to_string(),
            hours: intervals_text(lang, &e.intervals),
        })
        .collect()
}

/// "Open now, until 18:00" or "Closed, opens on Monday at 09:00", and whether it is open.
pub fn now_badge(lang: Lang, now: NaiveDateTime, hours: &OpeningHours) -> (bool, String) {
    format::open_badge(lang, now, hours.state_at(now))
}
