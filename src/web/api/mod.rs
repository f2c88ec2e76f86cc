//! The JSON API (`/api/v1`) and its OpenAPI document: the same data and queries as the pages.

pub mod inspectors;
pub mod posts;
pub mod statistics;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use crate::web::i18n::Lang;

/// A refused API request: a stable code and a message in the caller's language.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiError {
    pub error: ApiErrorBody,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ApiErrorBody {
    /// Stable, machine-readable: `lat_out_of_range`, `unknown_kind`, `not_found` ...
    pub code: String,
    pub message: String,
}

/// An error the API answers with JSON.
#[derive(Debug, thiserror::Error)]
pub enum ApiFailure {
    #[error("{code}")]
    Invalid {
        status: StatusCode,
        code: &'static str,
        message: String,
    },
    #[error("database error")]
    Database(#[from] sqlx::Error),
}

impl ApiFailure {
    pub fn bad_request(lang: Lang, code: &'static str, key: &str) -> Self {
        ApiFailure::Invalid {
            status: StatusCode::BAD_REQUEST,
            code,
            message: lang.t(key),
        }
    }

    pub fn not_found(lang: Lang, code: &'static str, key: &str) -> Self {
        ApiFailure::Invalid {
            status: StatusCode::NOT_FOUND,
            code,
            message: lang.t(key),
        }
    }
}

impl ResponseError for ApiFailure {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiFailure::Invalid { status, .. } => *status,
            ApiFailure::Database(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let (code, message) = match self {
            ApiFailure::Invalid { code, message, .. } => (code.to_string(), message.clone()),
            ApiFailure::Database(e) => {
                match e.as_database_error() {
                    Some(db) => {
                        tracing::error!(code = ?db.code(), message = %db.message(), "API database error")
                    }
                    None => tracing::error!(error = %e, "API request failed"),
                }
                ("internal".into(), "internal error".into())
            }
        };
        HttpResponse::build(self.status_code()).json(ApiError {
            error: ApiErrorBody { code, message },
        })
    }
}

/// The `lat` and `lon` an API route requires, or the 400 that says what is wrong with them.
pub fn required_coordinates(
    lang: Lang,
    lat: Option<&str>,
    lon: Option<&str>,
) -> Result<crate::domain::geo::Coordinates, ApiFailure> {
    let (Some(lat), Some(lon)) = (lat, lon) else {
        return Err(ApiFailure::bad_request(
            lang,
            "coordinates_required",
            "api-error-coordinates-required",
        ));
    };
    crate::domain::geo::Coordinates::parse(lat, lon)
        .map_err(|e| ApiFailure::bad_request(lang, e.code(), e.key()))
}

/// Malformed query strings get the same JSON error shape as other refusals.
fn query_error(err: actix_web::error::QueryPayloadError, req: &HttpRequest) -> actix_web::Error {
    let lang = Lang::from_request(req);
    tracing::debug!(error = %err, "malformed API query");
    ApiFailure::bad_request(lang, "malformed_query", "api-error-malformed-query").into()
}

pub fn scope() -> actix_web::Scope {
    use crate::web::routing::page;
    web::scope("/api/v1")
        .app_data(web::QueryConfig::default().error_handler(query_error))
        .service(page("/posts/nearest", posts::nearest))
        .service(page("/posts.geojson", posts::geojson))
        .service(page("/inspectors/locate", inspectors::locate))
        .service(page("/beats.geojson", inspectors::beats_geojson))
        .service(page("/statistics.json", statistics::json))
        .default_service(web::to(|req: HttpRequest| async move {
            ApiFailure::not_found(Lang::from_request(&req), "not_found", "api-error-not-found")
                .error_response()
        }))
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Police portal API",
        description = "Open data on police posts: nearest posts to a point and the full directory as GeoJSON."
    ),
    paths(
        posts::nearest,
        posts::geojson,
        inspectors::locate,
        inspectors::beats_geojson,
        crate::web::open311::discovery,
        crate::web::open311::services,
        crate::web::open311::service_definition,
        crate::web::open311::requests::requests,
        crate::web::open311::file::file_request,
        crate::web::open311::requests::request,
        statistics::json
    ),
    components(schemas(
        ApiError,
        ApiErrorBody,
        posts::NearestResponse,
        posts::NearbyPostJson,
        inspectors::LocateResponse,
        inspectors::BeatJson,
        inspectors::InspectorJson,
        inspectors::ReceptionPointJson
    ))
)]
pub struct ApiDoc;

pub async fn openapi() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(ApiDoc::openapi().to_json().unwrap_or_default())
}
