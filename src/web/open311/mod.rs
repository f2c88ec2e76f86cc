//! Open311 GeoReport v2 at `/open311/v2/`, JSON and XML: discovery, the services (one per
//! appeal kind and request category, named in the caller's language), a service's definition,
//! and the public requests. Only what may be public leaves: no complaint, no unpublished
//! thanks, no domestic conflict, no contact detail, no resident's text or typed place, and
//! locations rounded to about 100 m. Other services file requests with an API key
//! (`POST requests`, in `file`), by the web form's rules.

pub mod file;
pub mod format;

use file::file_request;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, SecondsFormat, Utc};
use serde::Deserialize;
use sqlx::PgPool;

use crate::domain::moderation::RejectionReason;
use crate::domain::open311::{self, MAX_REQUESTS, Service};
use crate::domain::submission::{Category, normalize_tracking_number};
use crate::store::open311::{PublicRequest, RequestQuery, public_requests};
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
fn format_of(req: &HttpRequest, ext: &str) -> Result<Format, Refused> {
    Format::parse(ext).ok_or_else(|| {
        let lang = Lang::from_request(req);
        Refused::new(
            Format::Json,
            StatusCode::BAD_REQUEST,
            lang.t("open311-error-format"),
        )
    })
}

fn time(t: DateTime<Utc>, tz: chrono_tz::Tz) -> Val {
    Val::text(
        t.with_timezone(&tz)
            .to_rfc3339_opts(SecondsFormat::Secs, false),
    )
}

/// The portal's address: `PORTAL_PUBLIC_URL` when set, else as the request reached it.
fn site(req: &HttpRequest, state: &AppState) -> String {
    match &state.settings.notify.public_url {
        Some(url) => url.trim_end_matches('/').to_string(),
        None => {
            let info = req.connection_info();
            format!("{}://{}", info.scheme(), info.host())
        }
    }
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
    let site = site(&req, &state);
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

#[derive(Debug, Default, Deserialize)]
pub struct RequestsQuery {
    pub service_request_id: Option<String>,
    pub service_code: Option<String>,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub status: Option<String>,
    pub page: Option<String>,
    pub page_size: Option<String>,
}

fn parse_time(v: Option<&str>) -> Result<Option<DateTime<Utc>>, ()> {
    match v.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => DateTime::parse_from_rfc3339(s)
            .map(|t| Some(t.with_timezone(&Utc)))
            .or(Err(())),
    }
}

/// The store's query for what the client asked, or the key of the error's description.
fn request_query(q: &RequestsQuery, now: DateTime<Utc>) -> Result<RequestQuery, &'static str> {
    let start = parse_time(q.start_date.as_deref()).or(Err("open311-error-date"))?;
    let end = parse_time(q.end_date.as_deref()).or(Err("open311-error-date"))?;
    let numbers = q.service_request_id.as_deref().map(|ids| {
        ids.split(',')
            .filter_map(normalize_tracking_number)
            .collect::<Vec<_>>()
    });
    // Asked by number, a request is found whenever it was filed; otherwise the window holds.
    let (from, until) = match numbers {
        Some(_) if start.is_none() && end.is_none() => (None, None),
        _ => {
            let (f, u) = open311::window(start, end, now)?;
            (Some(f), Some(u))
        }
    };
    // Both may be declared several times, comma-delimited, as the specification allows.
    let listed = |v: &Option<String>| -> Vec<String> {
        v.as_deref()
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect()
    };
    let services = listed(&q.service_code)
        .iter()
        .map(|code| Service::parse(code).ok_or("open311-error-service"))
        .collect::<Result<Vec<_>, _>>()?;
    let services = (!services.is_empty()).then(|| {
        let kinds = services
            .iter()
            .filter(|s| s.category().is_none())
            .map(|s| s.kind().code().to_string())
            .collect();
        let categories = services
            .iter()
            .filter_map(|s| s.category())
            .map(|c| c.code().to_string())
            .collect();
        (kinds, categories)
    });
    let (mut open, mut closed) = (false, false);
    for status in listed(&q.status) {
        match status.as_str() {
            "open" => open = true,
            "closed" => closed = true,
            _ => return Err("open311-error-status"),
        }
    }
    // Open and closed together are every status, as is neither.
    let open = (open != closed).then_some(open);
    let number = |v: &Option<String>, default: i64, max: i64| -> Result<i64, &'static str> {
        match v.as_deref().map(str::trim) {
            None | Some("") => Ok(default),
            Some(s) => s
                .parse::<i64>()
                .ok()
                .filter(|n| (1..=max).contains(n))
                .ok_or("open311-error-page"),
        }
    };
    let page_size = number(&q.page_size, MAX_REQUESTS, MAX_REQUESTS)?;
    let page = number(&q.page, 1, 1_000_000)?;
    Ok(RequestQuery {
        numbers,
        services,
        from,
        until,
        open,
        limit: page_size,
        offset: (page - 1) * page_size,
    })
}

fn request_val(lang: Lang, tz: chrono_tz::Tz, r: PublicRequest) -> Val {
    let category = r.category.as_deref().and_then(Category::parse);
    let service = Service::of(r.kind, category);
    let status_notes = match (&r.rejection_reason, &r.forwarded_to) {
        (Some(reason), _) => RejectionReason::parse(reason).map(|r| lang.t(r.key())),
        (None, Some(body)) => {
            Some(lang.t_args("open311-forwarded", &[("body", body.clone().into())]))
        }
        (None, None) => None,
    };
    let agency = r
        .forwarded_to
        .clone()
        .unwrap_or_else(|| lang.t("open311-agency"));
    Val::Obj(vec![
        ("service_request_id", Val::text(r.tracking_number)),
        ("status", Val::text(open311::open311_status(r.status))),
        ("status_notes", Val::opt(status_notes)),
        ("service_name", Val::text(lang.t(service.name_key()))),
        ("service_code", Val::text(service.code())),
        ("description", Val::opt(r.public_text)),
        ("agency_responsible", Val::text(agency)),
        ("service_notice", Val::Null),
        ("requested_datetime", time(r.received_at, tz)),
        ("updated_datetime", time(r.updated_at, tz)),
        (
            "expected_datetime",
            open311::expected(r.due_on, tz).map_or(Val::Null, |t| time(t, tz)),
        ),
        ("address", Val::Null),
        ("address_id", Val::Null),
        ("zipcode", Val::Null),
        ("lat", r.lat.map_or(Val::Null, Val::Float)),
        ("long", r.lon.map_or(Val::Null, Val::Float)),
        ("media_url", Val::Null),
    ])
}

async fn list(
    req: &HttpRequest,
    format: Format,
    q: &RequestsQuery,
    state: &AppState,
    pool: &PgPool,
) -> Result<Vec<Val>, Refused> {
    let lang = Lang::from_request(req);
    let query = request_query(q, Utc::now())
        .map_err(|key| Refused::new(format, StatusCode::BAD_REQUEST, lang.t(key)))?;
    let found = public_requests(pool, &query).await.map_err(|e| {
        tracing::error!(error = %e, "Open311 requests could not be read");
        Refused::new(
            format,
            StatusCode::SERVICE_UNAVAILABLE,
            lang.t("open311-error-unavailable"),
        )
    })?;
    let tz = state.settings.time_zone;
    Ok(found
        .into_iter()
        .map(|r| request_val(lang, tz, r))
        .collect())
}

/// `GET /open311/v2/requests.{format}`
#[utoipa::path(
    get,
    path = "/open311/v2/requests.{format}",
    tag = "Open311 GeoReport v2",
    params(
        ("format" = String, Path, description = "json or xml"),
        ("service_request_id" = Option<String>, Query, description = "Tracking numbers, comma-delimited"),
        ("service_code" = Option<String>, Query, description = "Service codes, comma-delimited"),
        ("start_date" = Option<String>, Query, description = "RFC 3339; at most 90 days before end_date"),
        ("end_date" = Option<String>, Query, description = "RFC 3339"),
        ("status" = Option<String>, Query, description = "open, closed, or both comma-delimited"),
        ("page" = Option<String>, Query),
        ("page_size" = Option<String>, Query),
    ),
    responses(
        (status = 200, description = "Public requests (never complaints, unpublished thanks or contact details)"),
        (status = 400, description = "GeoReport v2 errors: [{\"code\", \"description\"}]"),
        (status = 404, description = "GeoReport v2 errors")
    )
)]
pub async fn requests(
    req: HttpRequest,
    path: web::Path<String>,
    query: web::Query<RequestsQuery>,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, Refused> {
    let format = format_of(&req, &path)?;
    let items = list(&req, format, &query, &state, &pool).await?;
    Ok(respond(
        format,
        StatusCode::OK,
        "service_requests",
        &Val::Arr("request", items),
    ))
}

/// `GET /open311/v2/requests/{id}.{format}`
#[utoipa::path(
    get,
    path = "/open311/v2/requests/{id}.{format}",
    tag = "Open311 GeoReport v2",
    params(
        ("id" = String, Path),
        ("format" = String, Path, description = "json or xml"),
    ),
    responses(
        (status = 200, description = "One public request, by its tracking number"),
        (status = 400, description = "GeoReport v2 errors: [{\"code\", \"description\"}]"),
        (status = 404, description = "GeoReport v2 errors")
    )
)]
pub async fn request(
    req: HttpRequest,
    path: web::Path<(String, String)>,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, Refused> {
    let (id, ext) = path.into_inner();
    let format = format_of(&req, &ext)?;
    let q = RequestsQuery {
        service_request_id: Some(id),
        ..Default::default()
    };
    let items = list(&req, format, &q, &state, &pool).await?;
    if items.is_empty() {
        let lang = Lang::from_request(&req);
        return Err(Refused::new(
            format,
            StatusCode::NOT_FOUND,
            lang.t("open311-error-request"),
        ));
    }
    Ok(respond(
        format,
        StatusCode::OK,
        "service_requests",
        &Val::Arr("request", items),
    ))
}
