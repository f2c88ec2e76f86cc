//! Administrators' imports of the directory from CSV or GeoJSON: every row validated, errors
//! reported with their line (or feature) numbers, all or nothing, idempotent by external id.
//! One file per kind; the demo data set is loaded through the same parsers.

pub mod apply;
pub mod beats;
pub mod gazetteer;
pub mod inspectors;
pub mod posts;
mod read;

use std::collections::HashSet;
use std::path::Path;

use sqlx::{PgConnection, PgPool};

pub use gazetteer::PLACE_COLUMNS;
pub use inspectors::INSPECTOR_COLUMNS;
pub use posts::POST_COLUMNS;
use read::Row;

use crate::domain::beat::Bounds;
use crate::store::beats::{self as beat_store, BeatRecord};
use crate::store::inspectors::{self as inspector_store, InspectorRecord};
use crate::store::places::{self, PlaceRecord};
use crate::store::posts::{self as post_store, PostRecord};

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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    GeoJson,
}

/// The text of an import and how to read it.
#[derive(Clone, Copy, Debug)]
pub struct Source<'a> {
    pub format: Format,
    pub text: &'a str,
}

/// A file's text and its format by extension.
pub fn read_file(path: &Path) -> Result<(String, Format), ImportError> {
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
        "csv" => Ok((text, Format::Csv)),
        "geojson" | "json" => Ok((text, Format::GeoJson)),
        _ => Err(ImportError::Format { path: display }),
    }
}

/// A directory record that an import creates or updates by its external id.
pub trait Record {
    fn external_id(&self) -> &str;
    /// Creates or updates the record; true when something changed.
    fn upsert(
        &self,
        conn: &mut PgConnection,
    ) -> impl std::future::Future<Output = Result<bool, sqlx::Error>>;
}

impl Record for PostRecord {
    fn external_id(&self) -> &str {
        &self.external_id
    }
    async fn upsert(&self, conn: &mut PgConnection) -> Result<bool, sqlx::Error> {
        post_store::upsert(conn, self).await
    }
}

impl Record for PlaceRecord {
    fn external_id(&self) -> &str {
        &self.external_id
    }
    async fn upsert(&self, conn: &mut PgConnection) -> Result<bool, sqlx::Error> {
        places::upsert(conn, self).await
    }
}

impl Record for InspectorRecord {
    fn external_id(&self) -> &str {
        &self.external_id
    }
    async fn upsert(&self, conn: &mut PgConnection) -> Result<bool, sqlx::Error> {
        inspector_store::upsert_inspector(conn, self).await
    }
}

impl Record for BeatRecord {
    fn external_id(&self) -> &str {
        &self.external_id
    }
    async fn upsert(&self, conn: &mut PgConnection) -> Result<bool, sqlx::Error> {
        beat_store::upsert_beat(conn, self).await
    }
}

/// Creates or updates every record; how many changed.
pub async fn upsert_all<'a, T: Record + 'a>(
    conn: &mut PgConnection,
    records: impl IntoIterator<Item = &'a T>,
) -> Result<usize, sqlx::Error> {
    let mut changed = 0;
    for record in records {
        changed += usize::from(record.upsert(conn).await?);
    }
    Ok(changed)
}

/// Stores all the records in one transaction, or none.
async fn store_all<T: Record>(pool: &PgPool, records: &[T]) -> Result<ImportReport, ImportError> {
    let mut tx = pool.begin().await?;
    let changed = upsert_all(&mut tx, records).await?;
    tx.commit().await?;
    Ok(ImportReport {
        rows: records.len(),
        changed,
    })
}

/// Validates every row; duplicates of an external id within the file are errors too.
fn validate<T: Record>(
    rows: &[Row],
    check: impl Fn(&Row, &mut Vec<RowError>) -> Option<T>,
) -> Result<Vec<T>, ImportError> {
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    let mut records = Vec::new();
    for row in rows {
        if let Some(record) = check(row, &mut errors) {
            if !seen.insert(record.external_id().to_string()) {
                errors.push(RowError {
                    place: row.place.clone(),
                    message: format!("external_id '{}' appears twice", record.external_id()),
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
    let (text, format) = read_file(path)?;
    store_all(
        pool,
        &posts::parse(&Source {
            format,
            text: &text,
        })?,
    )
    .await
}

pub async fn import_places(pool: &PgPool, path: &Path) -> Result<ImportReport, ImportError> {
    let (text, format) = read_file(path)?;
    store_all(
        pool,
        &gazetteer::parse(&Source {
            format,
            text: &text,
        })?,
    )
    .await
}

/// Imports inspectors; `photos` is the folder their `photo` files are copied from into
/// `data_dir/photos`.
pub async fn import_inspectors(
    pool: &PgPool,
    path: &Path,
    photos: Option<&Path>,
    data_dir: &Path,
) -> Result<ImportReport, ImportError> {
    let (text, format) = read_file(path)?;
    let records = inspectors::parse(&Source {
        format,
        text: &text,
    })?;
    let mut tx = pool.begin().await?;
    let mut errors = inspectors::unknown_posts(&mut tx, &records).await?;
    for (place, record) in &records {
        if let Some(photo) = &record.photo {
            let found = photos.map(|dir| dir.join(photo)).filter(|p| p.is_file());
            if found.is_none() {
                errors.push(RowError {
                    place: place.clone(),
                    message: format!("photo '{photo}' is not in the photos folder (--photos)"),
                });
            }
        }
    }
    if !errors.is_empty() {
        return Err(ImportError::Invalid(errors));
    }
    let changed = upsert_all(&mut tx, records.iter().map(|(_, r)| r)).await?;
    // Photos are copied last, once every row is known to be good.
    if let Some(dir) = photos {
        let target = data_dir.join("photos");
        let copy_error = |e: std::io::Error| ImportError::Read {
            path: target.display().to_string(),
            reason: e.to_string(),
        };
        std::fs::create_dir_all(&target).map_err(copy_error)?;
        for photo in records.iter().filter_map(|(_, r)| r.photo.as_ref()) {
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
    let (text, format) = read_file(path)?;
    let records = beats::parse(
        &Source {
            format,
            text: &text,
        },
        city,
    )?;
    let mut tx = pool.begin().await?;
    let errors = beats::unknown_inspectors(&mut tx, &records).await?;
    if !errors.is_empty() {
        return Err(ImportError::Invalid(errors));
    }
    let changed = upsert_all(&mut tx, records.iter().map(|(_, r)| r)).await?;
    tx.commit().await?;
    Ok(ImportReport {
        rows: records.len(),
        changed,
    })
}
