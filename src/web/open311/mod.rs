//! Open311 GeoReport v2 at `/open311/v2/`, JSON and XML: discovery, the services (one per
//! appeal kind and request category, named in the caller's language), a service's definition,
//! and the public requests. Only what may be public leaves: no complaint, no unpublished
//! thanks, no domestic conflict, no contact detail, no resident's text or typed place, and
//! locations rounded to about 100 m. Other services file requests with an API key
//! (`POST requests`, in `file`), by the web form's rules.

pub mod file;
pub mod format;
pub mod requests;

use file::file_request;
use requests::{request, requests};

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, SecondsFormat, Utc};

use crate::domain::open311::Service;
use crate::web::i18n::Lang;
use crate::web::state::AppState;
use format::{Format, Val, error, errors, respond};

/// When the list of services last changed.
const CHANGESET: &str = "2026-12-02T00:00:00+05:00";
const SPECIFICATION: &str = "http://wiki.open311.org/GeoReport_v2";

pub fn scope() -> actix_web::Scope {
    use crate::web::routing::page;
    web::scope("/open311/v2")
        .app_data(web::QueryConfig::default().error_handler(|err, req| {
            tracing::debug!(error = %err, "malformed Open311 query");
            let lang = Lang::from_request(req);
            let response = error(
                Format::Json,
                StatusCode::BAD_REQUEST,
                &lang.t("open311-error-query"),
            );
            actix_web::error::InternalError::from_response(err, response).into()
        }))
        .service(page("/discovery.{format}", discovery))
        .service(page("/services.{format}", services))
        .service(page("/services/{code}.{format}", service_definition))
        .service(
            crate::web::routing::resource("/requests.{format}", "GET, HEAD, POST")
                .route(crate::web::routing::get().to(requests))
                .route(crate::web::routing::post().to(file_request)),
        )
        .service(page("/requests/{id}.{format}", request))
        .default_service(web::to(|req: HttpRequest| async move {
            let lang = Lang::from_request(&req);
            error(
                Format::Json,
                StatusCode::NOT_FOUND,
                &lang.t("open311-error-endpoint"),
            )
        }))
}

/// A refused Open311 request: answered in the specification's error format.
#[derive(Debug, thiserror::Error)]
#[error("{}", descriptions.join("; "))]
pub struct Refused {
    format: Format,
    status: StatusCode,
    descriptions: Vec<String>,
}

impl Refused {
    fn new(format: Format, status: StatusCode, description: impl Into<String>) -> Self {
        Refused {
            format,
            status,
            descriptions: vec![description.into()],
        }
    }

    fn many(format: Format, status: StatusCode, descriptions: Vec<String>) -> Self {
        Refused {
            format,
            status,
            descriptions,
        }
    }
}

impl actix_web::ResponseError for Refused {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = errors(self.format, self.status, &self.descriptions);
        if self.status == StatusCode::TOO_MANY_REQUESTS
            || self.status == StatusCode::SERVICE_UNAVAILABLE
        {
            response.headers_mut().insert(
                actix_web::http::header::RETRY_AFTER,
                actix_web::http::header::HeaderValue::from(crate::web::error::RETRY_AFTER_SECS),
            );
        }
        response
    }
}

/// The format the path asks, or the error a client can read (JSON, as it asked for neither).
pub(super) fn format_of(req: &HttpRequest, ext: &str) -> Result<Format, Refused> {
    Format::parse(ext).ok_or_else(|| {
        let lang = Lang::from_request(req);
        Refused::new(
            Format::Json,
            StatusCode::BAD_REQUEST,
            lang.t("open311-error-format"),
        )
    })
}

pub(super) fn time(t: DateTime<Utc>, tz: chrono_tz::Tz) -> Val {
    Val::text(
        t.with_timezone(&tz)
            .to_rfc3339_opts(SecondsFormat::Secs, false),
    )
}

/// `GET /open311/v2/discovery.{format}`
#[utoipa::path(
    get,
    path = "/open311/v2/discovery.{format}",
    tag = "Open311 GeoReport v2",
    params(
        ("format" = String, Path, description = "json or xml"),
    ),
    responses(
        (status = 200, description = "Where the endpoint is and what it speaks"),
        (status = 400, description = "GeoReport v2 errors: [{\"code\", \"description\"}]"),
        (status = 404, description = "GeoReport v2 errors")
    )
)]
pub async fn discovery(
    req: HttpRequest,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, Refused> {
    let format = format_of(&req, &path)?;
    let lang = Lang::from_request(&req);
    let site = crate::web::links::site(&req, &state.settings);
    let endpoint = Val::Obj(vec![
        ("specification", Val::text(SPECIFICATION)),
        ("url", Val::text(format!("{site}/open311/v2"))),
        ("changeset", Val::text(CHANGESET)),
        ("type", Val::text("production")),
        (
            "formats",
            Val::Arr(
                "format",
                vec![Val::text("text/xml"), Val::text("application/json")],
            ),
        ),
    ]);
    let doc = Val::Obj(vec![
        ("changeset", Val::text(CHANGESET)),
        (
            "contact",
            Val::text(lang.t_args("open311-contact", &[("site", site.clone().into())])),
        ),
        ("key_service", Val::text(lang.t("open311-key-service"))),
        ("endpoints", Val::Arr("endpoint", vec![endpoint])),
    ]);
    Ok(respond(format, StatusCode::OK, "discovery", &doc))
}

fn service_val(lang: Lang, s: Service) -> Val {
    let keywords = match s {
        Service::Thanks => lang.t("open311-keywords-thanks"),
        Service::Complaint => lang.t("open311-keywords-complaint"),
        Service::Request(_) => lang.t("open311-keywords-request"),
    };
    Val::Obj(vec![
        ("service_code", Val::text(s.code())),
        ("service_name", Val::text(lang.t(s.name_key()))),
        ("description", Val::text(lang.t(&s.description_key()))),
        ("metadata", Val::Bool(!s.attributes().is_empty())),
        ("type", Val::text("realtime")),
        ("keywords", Val::text(keywords)),
        (
            "group",
            Val::text(lang.t(&format!("open311-group-{}", s.group()))),
        ),
    ])
}

/// `GET /open311/v2/services.{format}`
#[utoipa::path(
    get,
    path = "/open311/v2/services.{format}",
    tag = "Open311 GeoReport v2",
    params(
        ("format" = String, Path, description = "json or xml"),
    ),
    responses(
        (status = 200, description = "One service per appeal kind and request category"),
        (status = 400, description = "GeoReport v2 errors: [{\"code\", \"description\"}]"),
        (status = 404, description = "GeoReport v2 errors")
    )
)]
pub async fn services(req: HttpRequest, path: web::Path<String>) -> Result<HttpResponse, Refused> {
    let format = format_of(&req, &path)?;
    let lang = Lang::from_request(&req);
    let all = Service::all()
        .into_iter()
        .map(|s| service_val(lang, s))
        .collect();
    Ok(respond(
        format,
        StatusCode::OK,
        "services",
        &Val::Arr("service", all),
    ))
}

/// `GET /open311/v2/services/{code}.{format}`
#[utoipa::path(
    get,
    path = "/open311/v2/services/{code}.{format}",
    tag = "Open311 GeoReport v2",
    params(
        ("code" = String, Path),
        ("format" = String, Path, description = "json or xml"),
    ),
    responses(
        (status = 200, description = "The attributes a service asks beyond the common fields"),
        (status = 400, description = "GeoReport v2 errors: [{\"code\", \"description\"}]"),
        (status = 404, description = "GeoReport v2 errors")
    )
)]
pub async fn service_definition(
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, Refused> {
    let (code, ext) = path.into_inner();
    let format = format_of(&req, &ext)?;
    let lang = Lang::from_request(&req);
    let service = Service::parse(&code).ok_or_else(|| {
        Refused::new(
            format,
            StatusCode::NOT_FOUND,
            lang.t("open311-error-service"),
        )
    })?;
    let attributes = service
        .attributes()
        .iter()
        .zip(1..)
        .map(|((code, datatype, required, key), order)| {
            Val::Obj(vec![
                ("variable", Val::Bool(true)),
                ("code", Val::text(*code)),
                ("datatype", Val::text(*datatype)),
                ("required", Val::Bool(*required)),
                ("datatype_description", Val::Null),
                ("order", Val::Int(order)),
                ("description", Val::text(lang.t(key))),
            ])
        })
        .collect();
    let doc = Val::Obj(vec![
        ("service_code", Val::text(service.code())),
        ("attributes", Val::Arr("attribute", attributes)),
    ]);
    Ok(respond(format, StatusCode::OK, "service_definition", &doc))
}
