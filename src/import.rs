//! Administrators' imports of the directory from CSV or GeoJSON: every row validated, errors
//! reported with their line (or feature) numbers, all or nothing, idempotent by external id.

use std::collections::HashSet;
use std::path::Path;

use serde_json::Value;
use sqlx::PgPool;

use crate::domain::beat::{Boundary, Bounds};
use crate::domain::geo::Coordinates;
use crate::domain::hours::OpeningHours;
use crate::domain::inspector::{Position, Rank};
use crate::domain::post::{PostKind, PostStatus, service_key};
use crate::store::inspectors::{self, BeatRecord, InspectorRecord};
use crate::store::places::{self, PlaceKind, PlaceRecord};
use crate::store::posts::{self, Localized, PostRecord};

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

pub const PLACE_COLUMNS: [&str; 7] = [
    "external_id",
    "kind",
    "name_kk",
    "name_ru",
    "name_en",
    "lat",
    "lon",
];

const MAX_TEXT: usize = 300;

/// One problem in the file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// "line 7" (CSV) or "feature 3" (GeoJSON).
    pub place: String,
    pub message: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {path}: {reason}")]
    Read { path: String, reason: String },
    #[error("{path} is neither CSV nor GeoJSON (use a .csv, .geojson or .json file)")]
    Format { path: String },
    #[error("{} problem(s) found, nothing was imported:\n{}", .0.len(), .0.iter().map(|e| format!("  {}: {}", e.place, e.message)).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<RowError>),
    #[error("the database refused the import: {0}")]
    Database(#[from] sqlx::Error),
}

#[derive(Debug, PartialEq, Eq)]
pub struct ImportReport {
    pub rows: usize,
    pub changed: usize,
}

impl std::fmt::Display for ImportReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} rows read, {} created or updated, {} unchanged",
            self.rows,
            self.changed,
            self.rows - self.changed
        )
    }
}

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

/// A row of named text fields, from a CSV record or a GeoJSON feature.
struct Row {
    place: String,
    fields: Vec<(String, String)>,
    /// Coordinates from a GeoJSON geometry.
    point: Option<(f64, f64)>,
    /// Rings of a GeoJSON Polygon, (lon, lat).
    polygon: Option<Result<Vec<Vec<[f64; 2]>>, String>>,
}

impl Row {
    fn get(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .unwrap_or("")
    }
}

fn read_rows(path: &Path, csv_columns: &[&str]) -> Result<Vec<Row>, ImportError> {
    let display = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| ImportError::Read {
        path: display.clone(),
        reason: e.to_string(),
    })?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "csv" => read_csv(&text, csv_columns),
        "geojson" | "json" => read_geojson(&text),
        _ => Err(ImportError::Format { path: display }),
    }
}

fn read_csv(text: &str, columns: &[&str]) -> Result<Vec<Row>, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| {
            ImportError::Invalid(vec![RowError {
                place: "line 1".into(),
                message: e.to_string(),
            }])
        })?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let missing: Vec<&&str> = columns
        .iter()
        .filter(|c| !headers.iter().any(|h| h == **c))
        .collect();
    if !missing.is_empty() {
        return Err(ImportError::Invalid(vec![RowError {
            place: "line 1".into(),
            message: format!("missing columns: {missing:?}"),
        }]));
    }
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for record in reader.records() {
        match record {
            Ok(record) => {
                let line = record.position().map_or(0, |p| p.line());
                rows.push(Row {
                    place: format!("line {line}"),
                    fields: headers
                        .iter()
                        .cloned()
                        .zip(record.iter().map(str::to_string))
                        .collect(),
                    point: None,
                    polygon: None,
                });
            }
            Err(e) => errors.push(RowError {
                place: e
                    .position()
                    .map_or("a line".into(), |p| format!("line {}", p.line())),
                message: e.to_string(),
            }),
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(ImportError::Invalid(errors))
    }
}

fn read_geojson(text: &str) -> Result<Vec<Row>, ImportError> {
    let invalid = |place: &str, message: String| {
        ImportError::Invalid(vec![RowError {
            place: place.into(),
            message,
        }])
    };
    let doc: Value =
        serde_json::from_str(text).map_err(|e| invalid("the file", format!("not JSON: {e}")))?;
    let features = doc
        .get("features")
        .and_then(Value::as_array)
        .ok_or_else(|| invalid("the file", "not a GeoJSON FeatureCollection".into()))?;
    let mut rows = Vec::new();
    for (i, feature) in features.iter().enumerate() {
        let place = format!("feature {}", i + 1);
        let properties = feature.get("properties").and_then(Value::as_object);
        let fields = properties
            .map(|p| {
                p.iter()
                    .map(|(k, v)| {
                        let text = match v {
                            Value::String(s) => s.clone(),
                            Value::Array(items) => items
                                .iter()
                                .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_string))
                                .collect::<Vec<_>>()
                                .join(";"),
                            Value::Null => String::new(),
                            other => other.to_string(),
                        };
                        (k.clone(), text)
                    })
                    .collect()
            })
            .unwrap_or_default();
        let geometry = feature.get("geometry");
        let kind = geometry.and_then(|g| g.get("type")).and_then(Value::as_str);
        let coordinates = geometry.and_then(|g| g.get("coordinates"));
        let point = match kind {
            Some("Point") => coordinates
                .and_then(Value::as_array)
                .and_then(|c| Some((c.get(1)?.as_f64()?, c.first()?.as_f64()?))),
            _ => None,
        };
        let polygon = match kind {
            Some("Polygon") => Some(
                coordinates
                    .cloned()
                    .and_then(|c| serde_json::from_value::<Vec<Vec<[f64; 2]>>>(c).ok())
                    .ok_or_else(|| "the Polygon's coordinates are not rings of [lon, lat]".into()),
            ),
            Some(other) => Some(Err(format!("geometry is a {other}, not a Polygon"))),
            None => Some(Err("the feature has no geometry".into())),
        };
        rows.push(Row {
            place,
            fields,
            point,
            polygon,
        });
    }
    Ok(rows)
}

/// Collects the problems of one row.
struct Check<'a> {
    row: &'a Row,
    errors: &'a mut Vec<RowError>,
}

impl Check<'_> {
    fn fail(&mut self, message: String) {
        self.errors.push(RowError {
            place: self.row.place.clone(),
            message,
        });
    }

    fn text(&mut self, name: &str) -> String {
        let value = self.row.get(name);
        if value.is_empty() {
            self.fail(format!("{name} is empty"));
        } else if value.chars().count() > MAX_TEXT {
            self.fail(format!("{name} is longer than {MAX_TEXT} characters"));
        } else if value.chars().any(char::is_control) {
            self.fail(format!("{name} contains control characters"));
        }
        value.to_string()
    }

    fn localized(&mut self, prefix: &str) -> Localized {
        Localized {
            kk: self.text(&format!("{prefix}_kk")),
            ru: self.text(&format!("{prefix}_ru")),
            en: self.text(&format!("{prefix}_en")),
        }
    }

    fn coordinates(&mut self) -> Option<Coordinates> {
        let parsed = match self.row.point {
            Some((lat, lon)) => Coordinates::new(lat, lon),
            None => Coordinates::parse(self.row.get("lat"), self.row.get("lon")),
        };
        match parsed {
            Ok(c) => Some(c),
            Err(e) => {
                self.fail(format!("coordinates: {e}"));
                None
            }
        }
    }

    fn list(&self, name: &str) -> Vec<String> {
        self.row
            .get(name)
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    }
}

fn valid_phone(phone: &str) -> bool {
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    (3..=15).contains(&digits)
        && phone
            .chars()
            .all(|c| c.is_ascii_digit() || " +-()".contains(c))
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
        if service_key(s).is_none() {
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

fn check_date(c: &mut Check, name: &str) -> Option<chrono::NaiveDate> {
    let text = c.row.get(name);
    if text.is_empty() {
        return None;
    }
    match chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            c.fail(format!("{name} '{text}' is not a date (YYYY-MM-DD)"));
            None
        }
    }
}

fn optional(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_string())
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

/// Validates every row; duplicates of an external id within the file are errors too.
fn validate<T>(
    rows: &[Row],
    check: impl Fn(&Row, &mut Vec<RowError>) -> Option<T>,
    id_of: impl Fn(&T) -> &str,
) -> Result<Vec<T>, ImportError> {
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    let mut records = Vec::new();
    for row in rows {
        if let Some(record) = check(row, &mut errors) {
            if !seen.insert(id_of(&record).to_string()) {
                errors.push(RowError {
                    place: row.place.clone(),
                    message: format!("external_id '{}' appears twice", id_of(&record)),
                });
            }
            records.push(record);
        }
    }
    if errors.is_empty() {
        Ok(records)
    } else {
        Err(ImportError::Invalid(errors))
    }
}

pub async fn import_posts(pool: &PgPool, path: &Path) -> Result<ImportReport, ImportError> {
    let rows = read_rows(path, &POST_COLUMNS)?;
    let records = validate(&rows, check_post, |p| p.external_id.as_str())?;
    let mut tx = pool.begin().await?;
    let mut changed = 0;
    for record in &records {
        changed += usize::from(posts::upsert(&mut tx, record).await?);
    }
    tx.commit().await?;
    Ok(ImportReport {
        rows: records.len(),
        changed,
    })
}

pub async fn import_places(pool: &PgPool, path: &Path) -> Result<ImportReport, ImportError> {
    let rows = read_rows(path, &PLACE_COLUMNS)?;
    let records = validate(&rows, check_place, |p| p.external_id.as_str())?;
    let mut tx = pool.begin().await?;
    let mut changed = 0;
    for record in &records {
        changed += usize::from(places::upsert(&mut tx, record).await?);
    }
    tx.commit().await?;
    Ok(ImportReport {
        rows: records.len(),
        changed,
    })
}

/// Imports inspectors; `photos` is the folder their `photo` files are copied from into
/// `data_dir/photos`.
pub async fn import_inspectors(
    pool: &PgPool,
    path: &Path,
    photos: Option<&Path>,
    data_dir: &Path,
) -> Result<ImportReport, ImportError> {
    let rows = read_rows(path, &INSPECTOR_COLUMNS)?;
    let records = validate(&rows, check_inspector, |i| i.external_id.as_str())?;
    let mut errors = Vec::new();
    let mut tx = pool.begin().await?;
    for (row, record) in rows.iter().zip(&records) {
        if let Some(post) = &record.post_external_id
            && !inspectors::post_exists(&mut tx, post).await?
        {
            errors.push(RowError {
                place: row.place.clone(),
                message: format!("post_external_id '{post}' is not a known post"),
            });
        }
        if let Some(photo) = &record.photo {
            let found = photos.map(|dir| dir.join(photo)).filter(|p| p.is_file());
            if found.is_none() {
                errors.push(RowError {
                    place: row.place.clone(),
                    message: format!("photo '{photo}' is not in the photos folder (--photos)"),
                });
            }
        }
    }
    if !errors.is_empty() {
        return Err(ImportError::Invalid(errors));
    }
    let mut changed = 0;
    for record in &records {
        changed += usize::from(inspectors::upsert_inspector(&mut tx, record).await?);
    }
    // Photos are copied last, once every row is known to be good.
    if let Some(dir) = photos {
        let target = data_dir.join("photos");
        let copy_error = |e: std::io::Error| ImportError::Read {
            path: target.display().to_string(),
            reason: e.to_string(),
        };
        std::fs::create_dir_all(&target).map_err(copy_error)?;
        for photo in records.iter().filter_map(|r| r.photo.as_ref()) {
            std::fs::copy(dir.join(photo), target.join(photo)).map_err(copy_error)?;
        }
    }
    tx.commit().await?;
    Ok(ImportReport {
        rows: records.len(),
        changed,
    })
}

/// Imports beats from GeoJSON Polygon features; boundaries are checked against `city`.
pub async fn import_beats(
    pool: &PgPool,
    path: &Path,
    city: Bounds,
) -> Result<ImportReport, ImportError> {
    let rows = read_rows(path, &[])?;
    let records = validate(
        &rows,
        |row, errors| check_beat(row, city, errors),
        |b| b.external_id.as_str(),
    )?;
    let mut errors = Vec::new();
    let mut tx = pool.begin().await?;
    for (row, record) in rows.iter().zip(&records) {
        for id in [
            &record.inspector_external_id,
            &record.substitute_external_id,
        ]
        .into_iter()
        .flatten()
        {
            if !inspectors::inspector_exists(&mut tx, id).await? {
                errors.push(RowError {
                    place: row.place.clone(),
                    message: format!("inspector '{id}' is not known; import inspectors first"),
                });
            }
        }
    }
    if !errors.is_empty() {
        return Err(ImportError::Invalid(errors));
    }
    let mut changed = 0;
    for record in &records {
        changed += usize::from(inspectors::upsert_beat(&mut tx, record).await?);
    }
    tx.commit().await?;
    Ok(ImportReport {
        rows: records.len(),
        changed,
    })
}
