//! What staff pages show in common: audit lines, history lines, CSV downloads, filters.

use chrono::NaiveDate;

use crate::store::moderation::AuditEntry;
use crate::web::error::AppError;
use crate::web::i18n::Lang;
use crate::web::state::AppState;

pub struct HistoryLine {
    pub at: chrono::DateTime<chrono::Utc>,
    pub status: String,
    pub note: String,
}

pub struct AuditLine {
    pub date: String,
    pub who: String,
    pub action: String,
    pub number: String,
    pub change: String,
    pub reason: String,
    pub client: String,
}

pub fn audit_line(lang: Lang, state: &AppState, a: &AuditEntry) -> AuditLine {
    AuditLine {
        date: a
            .at
            .with_timezone(&state.settings.time_zone)
            .format("%d.%m.%Y %H:%M:%S")
            .to_string(),
        who: a.staff_email.clone(),
        action: crate::domain::moderation::AuditAction::key_of(&a.action)
            .map_or_else(|| a.action.clone(), |k| lang.t(&k)),
        number: a
            .tracking_number
            .clone()
            .unwrap_or_else(|| a.target.clone()),
        change: match (a.from_status, a.to_status) {
            (Some(f), Some(t)) => format!("{} → {}", lang.t(f.key()), lang.t(t.key())),
            _ => a.changed.join(", "),
        },
        reason: a.reason.clone(),
        client: a.client.clone(),
    }
}

pub use crate::web::csv::{csv_response, inert_cell};

/// A filter value, if one was typed.
pub fn nonempty(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// A filter that cannot be read: 400 with the filter message.
pub fn bad_filter() -> AppError {
    AppError::BadRequest("staff-error-filter")
}

pub fn date(v: &Option<String>) -> Result<Option<NaiveDate>, AppError> {
    nonempty(v)
        .map(|t| {
            NaiveDate::parse_from_str(t, "%Y-%m-%d")
                .ok()
                .ok_or_else(bad_filter)
        })
        .transpose()
}

/// When another administrator saved a record, as the conflict message says it.
pub fn saved_at(state: &AppState, at: chrono::DateTime<chrono::Utc>) -> String {
    at.with_timezone(&state.settings.time_zone)
        .format("%d.%m.%Y %H:%M")
        .to_string()
}

/// "Another administrator saved this … at …": the conflict page's sentence.
pub fn conflict_text(lang: Lang, state: &AppState, at: chrono::DateTime<chrono::Utc>) -> String {
    lang.t_args("admin-conflict-text", &[("at", saved_at(state, at).into())])
}
