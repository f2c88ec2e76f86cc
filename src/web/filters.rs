//! Askama filters, so that page structs hold typed values and templates say how to show them.
//! A page module brings them in with `use crate::web::filters;`.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

/// A date as people in Kazakhstan write it: 24.12.2026.
#[askama::filter_fn]
pub fn date(value: &NaiveDate, _: &dyn askama::Values) -> askama::Result<String> {
    Ok(value.format("%d.%m.%Y").to_string())
}

/// A moment in the city's time zone: 24.12.2026 09:30.
#[askama::filter_fn]
pub fn local_time(
    value: &DateTime<Utc>,
    _: &dyn askama::Values,
    tz: &Tz,
) -> askama::Result<String> {
    Ok(value.with_timezone(tz).format("%d.%m.%Y %H:%M").to_string())
}

/// A resident's stored phone as people read it: +7 701 234 56 78.
#[askama::filter_fn]
pub fn phone(value: &str, _: &dyn askama::Values) -> askama::Result<String> {
    Ok(crate::domain::submission::contact::spaced(value))
}
