//! Request spans without query strings: searches carry residents' locations and receipt links
//! carry tracking keys, neither of which belongs in a log.

use actix_web::Error;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use tracing::Span;
use tracing_actix_web::RootSpanBuilder;

pub struct PrivateRootSpan;

impl RootSpanBuilder for PrivateRootSpan {
    fn on_request_start(request: &ServiceRequest) -> Span {
        tracing::info_span!(
            "HTTP request",
            http.method = %request.method(),
            http.route = %request.match_pattern().unwrap_or_default(),
            http.path = %request.path(),
            http.status_code = tracing::field::Empty,
            otel.status_code = tracing::field::Empty,
            exception.message = tracing::field::Empty,
            exception.details = tracing::field::Empty,
        )
    }

    /// Records the status and the error's one-line `Display` only: a `Debug` of a database
    /// error can carry the failing row, and with it a resident's contact details.
    fn on_request_end<B: MessageBody>(span: Span, outcome: &Result<ServiceResponse<B>, Error>) {
        let (status, error) = match outcome {
            Ok(response) => (
                response.status(),
                response.response().error().map(|e| e.to_string()),
            ),
            Err(e) => (e.error_response().status(), Some(e.to_string())),
        };
        span.record("http.status_code", status.as_u16());
        if let Some(message) = error {
            span.record("exception.message", message.as_str());
        }
        if status.is_server_error() {
            span.record("otel.status_code", "ERROR");
            tracing::error!(parent: &span, status = status.as_u16(), "request failed");
        }
    }
}
