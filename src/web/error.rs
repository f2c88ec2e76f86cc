//! The one error type of the web layer, and the pages that show errors in the user's language.

use actix_web::body::{BoxBody, EitherBody};
use actix_web::dev::ServiceResponse;
use actix_web::http::{StatusCode, header};
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::{HttpResponse, ResponseError};
use askama::Template;

use super::page::PageContext;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// The request cannot be served as sent; the key names the message for the user.
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    /// A missing or wrong CSRF token, or a request from another site.
    #[error("forbidden")]
    Forbidden,
    /// A staff page without a signed-in staff member: go to the sign-in page.
    #[error("sign-in required")]
    SignInRequired,
    /// Two-factor sign-in is required for this account and not set up: go and set it up.
    #[error("two-factor sign-in required")]
    TwoFactorRequired,
    /// Someone else changed the record since it was read.
    #[error("conflict")]
    Conflict,
    /// Over a per-client limit; the key names the message.
    #[error("too many requests")]
    TooManyRequests(&'static str),
    #[error("database error")]
    Database(#[from] sqlx::Error),
    #[error("template error")]
    Template(#[from] askama::Error),
    /// The session cookie could not be written or the app is misconfigured.
    #[error("session error: {0}")]
    Session(String),
    /// A CSV export could not be written.
    #[error("export failed: {0}")]
    Export(String),
    /// Hashing a password failed.
    #[error("password hashing failed")]
    Hashing,
}

/// The message key an error response carries to the error page.
#[derive(Clone, Copy, Debug)]
pub struct ErrorMessage(pub &'static str);

/// Whether a database error means the database cannot be reached now (down, restarting,
/// out of connections), rather than a fault in a query: the portal answers 503 for a while.
pub fn is_outage(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(db) => db.code().is_some_and(|code| {
            // Connection exceptions, and the server shutting down or not yet up.
            code.starts_with("08") || ["57P01", "57P02", "57P03", "53300"].contains(&&*code)
        }),
        _ => false,
    }
}

/// Seconds a client is asked to wait before trying again during an outage.
pub const RETRY_AFTER_SECS: u32 = 30;

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::Database(e) if is_outage(e) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::SignInRequired | AppError::TwoFactorRequired => StatusCode::SEE_OTHER,
            AppError::Conflict => StatusCode::CONFLICT,
            AppError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Database(_)
            | AppError::Template(_)
            | AppError::Session(_)
            | AppError::Export(_)
            | AppError::Hashing => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        if status.is_server_error() {
            // The detail goes to the log only; the user sees a page in their language. Only the
            // code and message of a database error: its detail can quote a row's values.
            match self {
                AppError::Database(e) => match e.as_database_error() {
                    Some(db) => {
                        tracing::error!(code = ?db.code(), message = %db.message(), "database error")
                    }
                    None => tracing::error!(error = %e, "database error"),
                },
                other => tracing::error!(error = %other, "request failed"),
            }
        }
        if let AppError::SignInRequired | AppError::TwoFactorRequired = self {
            let to = match self {
                AppError::TwoFactorRequired => "/staff/two-factor",
                _ => "/staff/login",
            };
            return HttpResponse::SeeOther()
                .insert_header((actix_web::http::header::LOCATION, to))
                .finish();
        }
        let mut response = HttpResponse::new(status);
        if status == StatusCode::SERVICE_UNAVAILABLE {
            response.headers_mut().insert(
                header::RETRY_AFTER,
                header::HeaderValue::from(RETRY_AFTER_SECS),
            );
        }
        if let AppError::BadRequest(key) | AppError::TooManyRequests(key) = self {
            response.extensions_mut().insert(ErrorMessage(key));
        }
        response
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    ctx: PageContext,
    status: u16,
    title_key: &'static str,
    message_key: &'static str,
}

/// The title and default message for a status.
pub fn status_keys(status: StatusCode) -> (&'static str, &'static str) {
    match status.as_u16() {
        400 => ("error-400-title", "error-400-text"),
        403 => ("error-403-title", "error-403-text"),
        404 => ("error-404-title", "error-404-text"),
        405 => ("error-405-title", "error-405-text"),
        409 => ("error-409-title", "error-409-text"),
        413 => ("error-413-title", "error-413-text"),
        429 => ("error-429-title", "error-429-text"),
        s if s < 500 => ("error-400-title", "error-400-text"),
        503 => ("error-503-title", "error-503-text"),
        _ => ("error-500-title", "error-500-text"),
    }
}

/// Renders every error response that has no page or JSON body of its own as an HTML page in
/// the user's language (framework errors such as unmatched routes and malformed queries too).
pub fn render_error_page<B>(res: ServiceResponse<B>) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let content_type = res
        .response()
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    // A page, or a machine's answer (JSON, Open311's XML), already says what went wrong.
    if ["text/html", "application/json", "text/xml"]
        .iter()
        .any(|t| content_type.starts_with(t))
    {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let status = res.status();
    let (title_key, default_message) = status_keys(status);
    let message_key = res
        .response()
        .extensions()
        .get::<ErrorMessage>()
        .map(|m| m.0)
        .unwrap_or(default_message);
    let (req, res) = res.into_parts();
    let page = ErrorPage {
        ctx: PageContext::new(&req),
        status: status.as_u16(),
        title_key,
        message_key,
    };
    let body = page.render().unwrap_or_else(|e| {
        tracing::error!(error = ?e, "error page failed to render");
        String::from("Error")
    });
    let mut builder = HttpResponse::build(status);
    builder.content_type("text/html; charset=utf-8");
    for (name, value) in res.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            builder.append_header((name.clone(), value.clone()));
        }
    }
    let res: HttpResponse<BoxBody> = builder.body(body);
    let res: ServiceResponse<EitherBody<B, BoxBody>> =
        ServiceResponse::new(req, res).map_into_right_body();
    Ok(ErrorHandlerResponse::Response(res))
}
