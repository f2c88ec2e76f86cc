//! Input every route refuses before any handler or query sees it: a NUL in the path or the
//! query string (PostgreSQL refuses NUL in text; no one types it). Forms are checked as they
//! are read (`extract`).

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{HttpResponse, ResponseError};

use super::error::AppError;

/// Whether url-encoded or raw bytes hold a NUL (`%00` or a zero byte).
pub fn has_nul(bytes: &[u8]) -> bool {
    bytes.contains(&0) || bytes.windows(3).any(|w| w == b"%00")
}

/// Answers 400 to a request whose path or query string holds a NUL.
pub async fn refuse_nul(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let uri = req.uri();
    let raw = uri.path_and_query().map(|p| p.as_str()).unwrap_or("");
    if has_nul(raw.as_bytes()) || has_nul(req.path().as_bytes()) {
        let response: HttpResponse = AppError::BadRequest("error-400-text").error_response();
        return Ok(req.into_response(response).map_into_right_body());
    }
    Ok(next.call(req).await?.map_into_left_body())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_is_found_encoded_or_raw() {
        assert!(has_nul(b"q=a%00b"));
        assert!(has_nul(b"a\0b"));
        assert!(!has_nul(b"q=a%2500b&x=%0A"));
    }
}
