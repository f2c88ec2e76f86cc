//! Gazetteer places (streets, houses, microdistricts, landmarks) from CSV or GeoJSON.

use super::read::{Check, Row, read};
use super::{ImportError, RowError, Source, validate};
use crate::domain::place::PlaceKind;
use crate::store::places::PlaceRecord;

pub const PLACE_COLUMNS: [&str; 7] = [
    "external_id",
    "kind",
    "name_kk",
    "name_ru",
    "name_en",
    "lat",
    "lon",
];

pub fn parse(source: &Source) -> Result<Vec<PlaceRecord>, ImportError> {
    validate(&read(source, &PLACE_COLUMNS)?, check_place)
}

fn check_place(row: &Row, errors: &mut Vec<RowError>) -> Option<PlaceRecord> {
    let before = errors.len();
    let mut c = Check { row, errors };
    let external_id = c.text("external_id");
    let kind = PlaceKind::parse(row.get("kind"));
    if kind.is_none() {
        c.fail(format!(
            "kind '{}' is not one of street, house, microdistrict, landmark",
            row.get("kind")
        ));
    }
    let name = c.localized("name");
    let coordinates = c.coordinates();
    if errors.len() > before {
        return None;
    }
    Some(PlaceRecord {
        external_id,
        kind: kind?,
        name,
        coordinates: coordinates?,
        is_demo: false,
    })
}
