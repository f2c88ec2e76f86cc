//! Open311's public requests: `GET requests.{format}` (filters by number, service, dates at
//! most 90 days apart, status, pages) and `GET requests/{id}.{format}`, only what may be public.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use sqlx::PgPool;

use super::format::{Format, Val, respond};
use super::{Refused, format_of, time};
use crate::domain::moderation::RejectionReason;
use crate::domain::open311::{self, MAX_REQUESTS, Service};
use crate::domain::submission::{Category, normalize_tracking_number};
use crate::store::open311::{PublicRequest, RequestQuery, public_requests};
use crate::web::i18n::Lang;
use crate::web::state::AppState;

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
