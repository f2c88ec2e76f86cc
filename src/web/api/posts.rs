//! `GET /api/v1/posts/nearest` and `GET /api/v1/posts.geojson`.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::PgPool;
use utoipa::{IntoParams, ToSchema};

use super::ApiFailure;
use crate::domain::post::PostKind;
use crate::store::posts::{self, NearestFilter};
use crate::web::AppState;
use crate::web::i18n::Lang;

pub const MAX_LIMIT: i64 = 50;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NearestQuery {
    /// Latitude, -90..90.
    #[param(value_type = f64, required = true, minimum = -90, maximum = 90)]
    pub lat: Option<String>,
    /// Longitude, -180..180.
    #[param(value_type = f64, required = true, minimum = -180, maximum = 180)]
    pub lon: Option<String>,
    /// 1..50, default 10.
    #[param(value_type = Option<i64>, minimum = 1, maximum = 50)]
    pub limit: Option<String>,
    /// modular_post, stationary_post, inspector_point or police_department.
    #[param(value_type = Option<String>, pattern = "^(modular_post|stationary_post|inspector_point|police_department)$")]
    pub kind: Option<String>,
    /// 1 for posts open now only.
    #[param(value_type = Option<String>, pattern = "^(0|1|true|false)$")]
    pub open_now: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NearbyPostJson {
    pub id: i64,
    pub kind: String,
    pub status: String,
    pub name: String,
    pub address: String,
    pub lat: f64,
    pub lon: f64,
    /// Great-circle distance from the given point, metres.
    pub distance_m: f64,
    pub open_now: bool,
    pub phones: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NearestResponse {
    pub posts: Vec<NearbyPostJson>,
}

/// The posts nearest to a point, nearest first (planned posts are not included).
#[utoipa::path(
    get,
    path = "/api/v1/posts/nearest",
    params(NearestQuery),
    responses(
        (status = 200, description = "Nearest posts, nearest first", body = NearestResponse),
        (status = 400, description = "Invalid parameters", body = super::ApiError)
    )
)]
pub async fn nearest(
    lang: Lang,
    query: web::Query<NearestQuery>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiFailure> {
    let at = super::required_coordinates(lang, query.lat.as_deref(), query.lon.as_deref())?;
    let limit = match query.limit.as_deref() {
        None | Some("") => 10,
        Some(text) => match text.trim().parse::<i64>() {
            Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
            _ => {
                return Err(ApiFailure::bad_request(
                    lang,
                    "limit_out_of_range",
                    "api-error-limit",
                ));
            }
        },
    };
    let kind = match query.kind.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(code) => Some(
            PostKind::parse(code)
                .ok_or_else(|| ApiFailure::bad_request(lang, "unknown_kind", "posts-error-kind"))?,
        ),
    };
    let open_now = match query.open_now.as_deref() {
        None | Some("") | Some("0") | Some("false") => false,
        Some("1") | Some("true") => true,
        Some(_) => {
            return Err(ApiFailure::bad_request(
                lang,
                "invalid_open_now",
                "api-error-open-now",
            ));
        }
    };
    let now = state.local_now();
    let found = posts::nearest(
        &pool,
        at,
        NearestFilter {
            kind,
            future: false,
            open_at: open_now.then_some(now),
            limit,
        },
    )
    .await?;
    let posts = found
        .into_iter()
        .map(|n| NearbyPostJson {
            id: n.post.id,
            kind: n.post.kind.code().into(),
            status: n.post.status.code().into(),
            name: n.post.name.get(lang.code()).into(),
            address: n.post.address.get(lang.code()).into(),
            lat: n.post.lat,
            lon: n.post.lon,
            distance_m: (n.distance_m * 10.0).round() / 10.0,
            open_now: n.post.status == crate::domain::post::PostStatus::Open
                && n.post.hours.state_at(now).is_open(),
            phones: n.post.phones,
        })
        .collect();
    Ok(HttpResponse::Ok().json(NearestResponse { posts }))
}

/// Every public post as a GeoJSON FeatureCollection (open data), names in all three languages.
#[utoipa::path(
    get,
    path = "/api/v1/posts.geojson",
    responses((status = 200, description = "GeoJSON FeatureCollection of posts", content_type = "application/geo+json"))
)]
pub async fn geojson(pool: web::Data<PgPool>) -> Result<HttpResponse, ApiFailure> {
    let features: Vec<_> = posts::all(&pool)
        .await?
        .into_iter()
        .map(|p| {
            json!({
                "type": "Feature",
                "id": p.id,
                "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
                "properties": {
                    "id": p.id,
                    "external_id": p.external_id,
                    "kind": p.kind.code(),
                    "status": p.status.code(),
                    "name_kk": p.name.kk, "name_ru": p.name.ru, "name_en": p.name.en,
                    "address_kk": p.address.kk, "address_ru": p.address.ru,
                    "address_en": p.address.en,
                    "phones": p.phones,
                    "services": p.services,
                    "updated_at": p.updated_at.to_rfc3339(),
                }
            })
        })
        .collect();
    Ok(HttpResponse::Ok()
        .content_type("application/geo+json")
        .json(json!({"type": "FeatureCollection", "features": features})))
}
