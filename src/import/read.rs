//! Reading an import: CSV records or GeoJSON features as rows of named text fields, and the
//! checks every kind of row shares.

use serde_json::Value;

use super::{Format, ImportError, RowError, Source};
use crate::domain::geo::Coordinates;
use crate::domain::lang::Localized;

/// Longest text of one field.
const MAX_TEXT: usize = 300;

/// A row of named text fields, from a CSV record or a GeoJSON feature.
pub struct Row {
    pub place: String,
    fields: Vec<(String, String)>,
    /// Coordinates from a GeoJSON geometry.
    pub point: Option<(f64, f64)>,
    /// Rings of a GeoJSON Polygon, (lon, lat).
    pub polygon: Option<Result<Vec<Vec<[f64; 2]>>, String>>,
}

impl Row {
    pub fn get(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .unwrap_or("")
    }
}

/// The rows of a source, read as its format says.
pub fn read(source: &Source, csv_columns: &[&str]) -> Result<Vec<Row>, ImportError> {
    match source.format {
        Format::Csv => read_csv(source.text, csv_columns),
        Format::GeoJson => read_geojson(source.text),
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
pub struct Check<'a> {
    pub row: &'a Row,
    pub errors: &'a mut Vec<RowError>,
}

impl Check<'_> {
    pub fn fail(&mut self, message: String) {
        self.errors.push(RowError {
            place: self.row.place.clone(),
            message,
        });
    }

    pub fn text(&mut self, name: &str) -> String {
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

    pub fn localized(&mut self, prefix: &str) -> Localized {
        Localized {
            kk: self.text(&format!("{prefix}_kk")),
            ru: self.text(&format!("{prefix}_ru")),
            en: self.text(&format!("{prefix}_en")),
        }
    }

    pub fn coordinates(&mut self) -> Option<Coordinates> {
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

    pub fn list(&self, name: &str) -> Vec<String> {
        self.row
            .get(name)
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    }
}

pub use crate::domain::post_form::valid_directory_phone as valid_phone;

pub fn check_date(c: &mut Check, name: &str) -> Option<chrono::NaiveDate> {
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

pub fn optional(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_string())
}
