//! Police posts from CSV (lat and lon columns) or GeoJSON Point features.

use super::read::{Check, Row, read, valid_phone};
use super::{ImportError, RowError, Source, validate};
use crate::domain::hours::OpeningHours;
use crate::domain::post::{PostKind, PostStatus, Service};
use crate::store::posts::PostRecord;

/// Columns of a posts CSV file (GeoJSON properties use the same names, without lat/lon).
pub const POST_COLUMNS: [&str; 15] = [
    "external_id",
    "kind",
    "status",
    "name_kk",
    "name_ru",
    "name_en",
    "address_kk",
    "address_ru",
    "address_en",
    "lat",
    "lon",
    "phones",
    "hours",
    "services",
    "living_quarters",
];

/// Every post of a source, or every problem with it.
pub fn parse(source: &Source) -> Result<Vec<PostRecord>, ImportError> {
    validate(&read(source, &POST_COLUMNS)?, check_post)
}

fn check_post(row: &Row, errors: &mut Vec<RowError>) -> Option<PostRecord> {
    let before = errors.len();
    let mut c = Check { row, errors };
    let external_id = c.text("external_id");
    let kind = PostKind::parse(row.get("kind"));
    if kind.is_none() {
        c.fail(format!(
            "kind '{}' is not one of {}",
            row.get("kind"),
            PostKind::ALL.map(|k| k.code()).join(", ")
        ));
    }
    let status = PostStatus::parse(row.get("status"));
    if status.is_none() {
        c.fail(format!(
            "status '{}' is not one of {}",
            row.get("status"),
            PostStatus::ALL.map(|s| s.code()).join(", ")
        ));
    }
    let name = c.localized("name");
    let address = c.localized("address");
    let coordinates = c.coordinates();
    let phones = c.list("phones");
    for phone in &phones {
        if !valid_phone(phone) {
            c.fail(format!("phone '{phone}' is not a phone number"));
        }
    }
    let hours = match OpeningHours::parse(row.get("hours")) {
        Ok(h) => Some(h),
        Err(e) => {
            c.fail(e.to_string());
            None
        }
    };
    let services = c.list("services");
    for s in &services {
        if Service::parse(s).is_none() {
            c.fail(format!("service '{s}' is not known"));
        }
    }
    let living = match row.get("living_quarters").to_ascii_lowercase().as_str() {
        "" | "no" | "false" | "0" => Some(false),
        "yes" | "true" | "1" => Some(true),
        other => {
            c.fail(format!("living_quarters '{other}' must be yes or no"));
            None
        }
    };
    if errors.len() > before {
        return None;
    }
    Some(PostRecord {
        external_id,
        kind: kind?,
        status: status?,
        name,
        address,
        coordinates: coordinates?,
        phones,
        hours: hours?,
        services,
        with_living_quarters: living?,
        is_demo: false,
    })
}
