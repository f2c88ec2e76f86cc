//! District inspectors from CSV; the post each receives residents at must exist.

use sqlx::PgConnection;

use super::read::{Check, Row, optional, read, valid_phone};
use super::{ImportError, RowError, Source, validate};
use crate::domain::hours::OpeningHours;
use crate::domain::inspector::{Position, Rank};
use crate::store::inspectors::{self, InspectorRecord};

pub const INSPECTOR_COLUMNS: [&str; 11] = [
    "external_id",
    "name_kk",
    "name_ru",
    "name_en",
    "rank",
    "position",
    "work_phone",
    "post_external_id",
    "reception_hours",
    "active",
    "photo",
];

/// The inspectors of a source with the place of each row, or every problem with it.
pub fn parse(source: &Source) -> Result<Vec<(String, InspectorRecord)>, ImportError> {
    let rows = read(source, &INSPECTOR_COLUMNS)?;
    let records = validate(&rows, check_inspector)?;
    Ok(rows.into_iter().map(|r| r.place).zip(records).collect())
}

/// Rows whose reception point is not a known post.
pub async fn unknown_posts(
    conn: &mut PgConnection,
    records: &[(String, InspectorRecord)],
) -> Result<Vec<RowError>, sqlx::Error> {
    let mut errors = Vec::new();
    for (place, record) in records {
        if let Some(post) = &record.post_external_id
            && !inspectors::post_exists(conn, post).await?
        {
            errors.push(RowError {
                place: place.clone(),
                message: format!("post_external_id '{post}' is not a known post"),
            });
        }
    }
    Ok(errors)
}

fn check_inspector(row: &Row, errors: &mut Vec<RowError>) -> Option<InspectorRecord> {
    let before = errors.len();
    let mut c = Check { row, errors };
    let external_id = c.text("external_id");
    let name = c.localized("name");
    let rank = row.get("rank").to_string();
    if Rank::parse(&rank).is_none() {
        let all: Vec<_> = Rank::ALL.iter().map(|r| r.code()).collect();
        c.fail(format!("rank '{rank}' is not one of {}", all.join(", ")));
    }
    let position = row.get("position").to_string();
    if Position::parse(&position).is_none() {
        let all: Vec<_> = Position::ALL.iter().map(|p| p.code()).collect();
        c.fail(format!(
            "position '{position}' is not one of {}",
            all.join(", ")
        ));
    }
    let work_phone = c.text("work_phone");
    if !work_phone.is_empty() && !valid_phone(&work_phone) {
        c.fail(format!("work_phone '{work_phone}' is not a phone number"));
    }
    let hours = match OpeningHours::parse(row.get("reception_hours")) {
        Ok(h) => Some(h),
        Err(e) => {
            c.fail(e.to_string());
            None
        }
    };
    let active = match row.get("active").to_ascii_lowercase().as_str() {
        "" | "yes" | "true" | "1" => Some(true),
        "no" | "false" | "0" => Some(false),
        other => {
            c.fail(format!("active '{other}' must be yes or no"));
            None
        }
    };
    let photo = optional(row.get("photo"));
    if let Some(p) = &photo
        && (p.contains('/') || p.contains('\\') || p.starts_with('.'))
    {
        c.fail(format!("photo '{p}' must be a plain file name"));
    }
    if errors.len() > before {
        return None;
    }
    Some(InspectorRecord {
        external_id,
        name,
        rank,
        position,
        photo,
        work_phone,
        post_external_id: optional(row.get("post_external_id")),
        reception_hours: hours?,
        active: active?,
        is_demo: false,
    })
}
