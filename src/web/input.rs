//! NUL, which PostgreSQL refuses in text and no one types, handled in one place before any
//! handler or query sees it: refused (400) in a path or query string, removed from forms as
//! they are read (`extract`), so that what a resident typed comes back with a message.

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{HttpResponse, ResponseError};

use super::error::AppError;

/// Whether url-encoded or raw bytes hold a NUL (`%00` or a zero byte).
pub fn has_nul(bytes: &[u8]) -> bool {
    bytes.contains(&0) || bytes.windows(3).any(|w| w == b"%00")
}

/// Url-encoded bytes with every NUL (`%00` or a zero byte) removed.
pub fn without_nul(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if bytes.get(i..i + 3) == Some(b"%00") {
            i += 3;
            continue;
        }
        if b != 0 {
            out.push(b);
        }
        i += 1;
    }
    out
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
        assert_eq!(without_nul(b"a%00b\0c%2500"), b"abc%2500");
    }
}
