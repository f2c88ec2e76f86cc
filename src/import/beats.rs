//! Beats from GeoJSON Polygon features (holes allowed), after the inspectors they name.

use sqlx::PgConnection;

use super::read::{Check, Row, check_date, optional, read};
use super::{ImportError, RowError, Source, validate};
use crate::domain::beat::{Boundary, Bounds};
use crate::store::beats::BeatRecord;
use crate::store::inspectors;

/// The beats of a source with the place of each feature; boundaries are checked against
/// the city's bounds.
pub fn parse(source: &Source, city: Bounds) -> Result<Vec<(String, BeatRecord)>, ImportError> {
    let rows = read(source, &[])?;
    let records = validate(&rows, |row, errors| check_beat(row, city, errors))?;
    Ok(rows.into_iter().map(|r| r.place).zip(records).collect())
}

/// Features that name an inspector who is not known.
pub async fn unknown_inspectors(
    conn: &mut PgConnection,
    records: &[(String, BeatRecord)],
) -> Result<Vec<RowError>, sqlx::Error> {
    let mut errors = Vec::new();
    for (place, record) in records {
        let named = [
            &record.inspector_external_id,
            &record.substitute_external_id,
        ];
        for id in named.into_iter().flatten() {
            if !inspectors::inspector_exists(conn, id).await? {
                errors.push(RowError {
                    place: place.clone(),
                    message: format!("inspector '{id}' is not known; import inspectors first"),
                });
            }
        }
    }
    Ok(errors)
}

fn check_beat(row: &Row, city: Bounds, errors: &mut Vec<RowError>) -> Option<BeatRecord> {
    let before = errors.len();
    let mut c = Check { row, errors };
    let external_id = c.text("external_id");
    let number = c.text("number");
    let name = c.localized("name");
    let description = c.localized("description");
    let boundary = match &row.polygon {
        Some(Ok(rings)) => {
            let boundary = Boundary {
                rings: rings.clone(),
            };
            match boundary.validate(city) {
                Ok(()) => Some(boundary),
                Err(e) => {
                    c.fail(format!("boundary: {e}"));
                    None
                }
            }
        }
        Some(Err(e)) => {
            c.fail(e.clone());
            None
        }
        None => {
            c.fail("beats are imported from GeoJSON Polygon features".into());
            None
        }
    };
    let from = check_date(&mut c, "substitute_from");
    let until = check_date(&mut c, "substitute_until");
    let substitute = optional(row.get("substitute_external_id"));
    if substitute.is_some() != (from.is_some() && until.is_some()) {
        c.fail(
            "a substitute needs substitute_from and substitute_until, and the dates a substitute"
                .into(),
        );
    }
    if let (Some(f), Some(u)) = (from, until)
        && u < f
    {
        c.fail("substitute_until is before substitute_from".into());
    }
    if errors.len() > before {
        return None;
    }
    Some(BeatRecord {
        external_id,
        number,
        name,
        description,
        boundary: boundary?,
        inspector_external_id: optional(row.get("inspector_external_id")),
        substitute_external_id: substitute,
        substitute_from: from,
        substitute_until: until,
        is_demo: false,
    })
}
