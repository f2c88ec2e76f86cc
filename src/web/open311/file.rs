//! `POST /open311/v2/requests.{format}`: another service files an appeal for a resident with
//! its API key. The web form's rules judge it (a complaint needs a name and a contact, only a
//! thanks may be anonymous), it gets a tracking number and a due date like any other, the
//! resident is told on their own contacts, and the audit log records the key's name.

use std::sync::atomic::Ordering::Relaxed;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use rand::RngExt;
use sqlx::PgPool;

use super::format::{Format, Val, respond};
use super::{Refused, format_of};
use crate::domain::open311::{DESCRIPTION_MAX, Filing, Service, field_of};
use crate::domain::submission::{Channel, NewSubmission, SubmissionKind};
use crate::store::submissions::{self, KeyUse, Outcome, Registration, Source};
use crate::store::{api_keys, places};
use crate::web::error::is_outage;
use crate::web::i18n::Lang;
use crate::web::state::AppState;

/// The longest `media_url` kept.
const MEDIA_URL_MAX: usize = 2000;

/// The fields of the body and of the query string (old clients send `api_key` there).
struct Fields(Vec<(String, String)>);

impl Fields {
    fn read(req: &HttpRequest, body: &[u8]) -> Option<Fields> {
        let mut all: Vec<(String, String)> = serde_urlencoded::from_bytes(body).ok()?;
        all.extend(serde_urlencoded::from_str::<Vec<(String, String)>>(req.query_string()).ok()?);
        Some(Fields(all))
    }

    fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }
}

/// `POST /open311/v2/requests.{format}`
#[utoipa::path(
    post,
    path = "/open311/v2/requests.{format}",
    tag = "Open311 GeoReport v2",
    params(
        ("format" = String, Path, description = "json or xml"),
        ("api_key" = Option<String>, Query, description = "or in the form body"),
    ),
    request_body(
        content_type = "application/x-www-form-urlencoded",
        description = "service_code, lat+long / address_string / address_id, email, phone, \
                       first_name, last_name, description (at most 4,000 characters), \
                       media_url, attribute[officer], attribute[incident_date]"
    ),
    responses(
        (status = 201, description = "[{\"service_request_id\", \"service_notice\", \"account_id\"}]: the id is the tracking number"),
        (status = 400, description = "GeoReport v2 errors, one per field that is wrong"),
        (status = 403, description = "No api_key, or one that is unknown or revoked"),
        (status = 429, description = "The key filed too many requests this minute")
    )
)]
pub async fn file_request(
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Bytes,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, Refused> {
    let format = format_of(&req, &path)?;
    let lang = Lang::from_request(&req);
    let refuse = |status: StatusCode, key: &str| Refused::new(format, status, lang.t(key));
    let unavailable = |e: sqlx::Error| {
        if is_outage(&e) {
            refuse(StatusCode::SERVICE_UNAVAILABLE, "open311-error-unavailable")
        } else {
            tracing::error!(error = %e, "an Open311 request could not be filed");
            refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                "open311-error-unavailable",
            )
        }
    };
    let form_body = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|v| v.starts_with("application/x-www-form-urlencoded"));
    let fields = Fields::read(&req, &body)
        .filter(|_| form_body)
        .ok_or_else(|| refuse(StatusCode::BAD_REQUEST, "open311-error-body"))?;
    let key = match fields.get("api_key").trim() {
        "" => None,
        k => api_keys::find(&pool, k).await.map_err(unavailable)?,
    };
    let key = key.ok_or_else(|| refuse(StatusCode::FORBIDDEN, "open311-error-key"))?;
    let service = Service::parse(fields.get("service_code").trim())
        .ok_or_else(|| refuse(StatusCode::BAD_REQUEST, "open311-error-service"))?;
    let new = judge(&fields, service, lang, &state, &pool, format).await?;
    let media_url = media_url(fields.get("media_url"))
        .map_err(|()| refuse(StatusCode::BAD_REQUEST, "open311-error-media-url"))?;
    let (number, due_on) = store(&state, &pool, &new, lang, key, media_url)
        .await
        .map_err(|e| match e {
            Filed::Limited => refuse(StatusCode::TOO_MANY_REQUESTS, "open311-error-rate"),
            Filed::Failed(e) => unavailable(e),
        })?;
    // A thanks asks for no answer: it is checked, then published.
    let notice_key = match service.kind() {
        SubmissionKind::Thanks => "open311-filed-thanks",
        _ => "open311-filed",
    };
    let notice = lang.t_args(
        notice_key,
        &[
            ("number", number.clone().into()),
            ("due", due_on.format("%d.%m.%Y").to_string().into()),
        ],
    );
    let answer = Val::Obj(vec![
        ("service_request_id", Val::text(number)),
        ("service_notice", Val::text(notice)),
        ("account_id", Val::Null),
    ]);
    Ok(respond(
        format,
        StatusCode::CREATED,
        "service_requests",
        &Val::Arr("request", vec![answer]),
    ))
}

/// The fields judged by the web form's rules, or one error per Open311 field that is wrong.
async fn judge(
    fields: &Fields,
    service: Service,
    lang: Lang,
    state: &AppState,
    pool: &PgPool,
    format: Format,
) -> Result<NewSubmission, Refused> {
    let description = fields.get("description");
    if description.chars().count() > DESCRIPTION_MAX {
        return Err(Refused::new(
            format,
            StatusCode::BAD_REQUEST,
            lang.t("open311-error-description-long"),
        ));
    }
    // A place of the gazetteer by its id, when neither a position nor an address came.
    let (mut lat, mut long) = (
        fields.get("lat").to_string(),
        fields.get("long").to_string(),
    );
    let mut address = fields.get("address_string").to_string();
    let address_id = fields.get("address_id").trim();
    if !address_id.is_empty() && lat.trim().is_empty() && address.trim().is_empty() {
        let place = match address_id.parse::<i64>() {
            Ok(id) => places::by_id(pool, id).await.ok().flatten(),
            Err(_) => None,
        };
        let place = place.ok_or_else(|| {
            Refused::new(
                format,
                StatusCode::BAD_REQUEST,
                lang.t("open311-error-address-id"),
            )
        })?;
        address = place.name.get(lang.code()).to_string();
        (lat, long) = (place.lat.to_string(), place.lon.to_string());
    }
    let filing = Filing {
        service,
        lat: &lat,
        long: &long,
        address_string: &address,
        email: fields.get("email"),
        phone: fields.get("phone"),
        first_name: fields.get("first_name"),
        last_name: fields.get("last_name"),
        description,
        officer: fields.get("attribute[officer]"),
        incident_date: fields.get("attribute[incident_date]"),
    };
    let name = filing.name();
    let (form, draft) = filing.draft(&name);
    NewSubmission::parse(form, &draft, state.local_now().date()).map_err(|wrong| {
        let mut descriptions: Vec<String> = Vec::new();
        for e in wrong {
            let line = format!("{}: {}", field_of(e.field), lang.t(e.key));
            if !descriptions.contains(&line) {
                descriptions.push(line);
            }
        }
        Refused::many(format, StatusCode::BAD_REQUEST, descriptions)
    })
}

/// An http(s) address of at most 2,000 characters, or nothing.
fn media_url(text: &str) -> Result<Option<String>, ()> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match url::Url::parse(text) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && text.len() <= MEDIA_URL_MAX => {
            Ok(Some(u.to_string()))
        }
        _ => Err(()),
    }
}

enum Filed {
    Limited,
    Failed(sqlx::Error),
}

/// Registers the request in the working-day calendar and stores it once, within the key's
/// limit: its tracking number and due date.
async fn store(
    state: &AppState,
    pool: &PgPool,
    new: &NewSubmission,
    lang: Lang,
    key: KeyUse,
    media_url: Option<String>,
) -> Result<(String, chrono::NaiveDate), Filed> {
    let calendar = state.calendar(pool).await.map_err(Filed::Failed)?;
    let registered_on = calendar.registration_date(state.local_now());
    let nonce: [u8; 16] = rand::rng().random();
    let nonce: String = nonce.iter().map(|b| format!("{b:02x}")).collect();
    let limit = state
        .open311_limit
        .counted(&state.secrets, &key.id.to_string());
    let key_name = key.name.clone();
    let registration = Registration {
        // Each request is new: Open311 has no form to send twice.
        form_token: format!("open311:{nonce}"),
        lang,
        registered_on,
        due_on: calendar.due_date(registered_on),
        source: Source {
            channel: Channel::Open311,
            api_key: Some(key),
            media_url,
            received_by: None,
        },
    };
    let city = &state.settings.city_code;
    match submissions::insert(pool, city, new, &registration, Some(&limit)).await {
        Ok(Outcome::Stored(stored)) => {
            tracing::info!(id = stored.id, key = %key_name, "request filed through Open311");
            state.metrics.submissions_accepted.fetch_add(1, Relaxed);
            Ok((stored.tracking_number, registration.due_on))
        }
        Ok(Outcome::Limited) => {
            tracing::info!(key = %key_name, "Open311 key over its limit");
            state.metrics.limit_refusals.fetch_add(1, Relaxed);
            Err(Filed::Limited)
        }
        Err(e) => Err(Filed::Failed(e)),
    }
}
