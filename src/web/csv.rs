//! CSV downloads (the staff queue and audit log, the public statistics): every cell inert for
//! spreadsheets.

use actix_web::HttpResponse;
use actix_web::http::header;

use super::error::AppError;

/// A cell a spreadsheet would not run as a formula (OWASP's CSV injection rule): text that
/// starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe.
pub fn inert_cell(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// A CSV download; every cell is made inert, and a row that cannot be written is a server
/// error, logged.
pub fn csv_response(name: &str, rows: Vec<Vec<String>>) -> Result<HttpResponse, AppError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        let row: Vec<String> = row.iter().map(|c| inert_cell(c)).collect();
        writer
            .write_record(&row)
            .map_err(|e| AppError::Export(e.to_string()))?;
    }
    let body = writer
        .into_inner()
        .map_err(|e| AppError::Export(e.to_string()))?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ))
        .body(body))
}
