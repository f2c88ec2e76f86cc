//! `GET /api/v1/inspectors/locate` and `GET /api/v1/beats.geojson`.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::PgPool;
use utoipa::{IntoParams, ToSchema};

use super::ApiFailure;
use crate::store::beats;
use crate::web::AppState;
use crate::web::i18n::Lang;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LocateQuery {
    /// Latitude, -90..90.
    #[param(value_type = f64, required = true, minimum = -90, maximum = 90)]
    pub lat: Option<String>,
    /// Longitude, -180..180.
    #[param(value_type = f64, required = true, minimum = -180, maximum = 180)]
    pub lon: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BeatJson {
    pub id: i64,
    pub number: String,
    pub name: String,
    pub description: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReceptionPointJson {
    pub id: i64,
    pub name: String,
    pub address: String,
    pub lat: f64,
    pub lon: f64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InspectorJson {
    pub id: i64,
    pub name: String,
    pub rank: String,
    pub position: String,
    pub phone: String,
    /// True while a temporary substitute covers the beat.
    pub substitute: bool,
    pub reception_point: Option<ReceptionPointJson>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LocateResponse {
    pub beat: BeatJson,
    pub inspector: Option<InspectorJson>,
}

/// The beat a point lies in and the inspector serving it today (a substitute while one covers).
#[utoipa::path(
    get,
    path = "/api/v1/inspectors/locate",
    params(LocateQuery),
    responses(
        (status = 200, description = "The beat and its inspector", body = LocateResponse),
        (status = 400, description = "Invalid parameters", body = super::ApiError),
        (status = 404, description = "The point is in no beat", body = super::ApiError)
    )
)]
pub async fn locate(
    lang: Lang,
    query: web::Query<LocateQuery>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiFailure> {
    let at = super::required_coordinates(lang, query.lat.as_deref(), query.lon.as_deref())?;
    let Some(beat) = beats::beat_at(&pool, at).await? else {
        return Err(ApiFailure::not_found(lang, "no_beat", "inspectors-no-beat"));
    };
    let today = state.local_now().date();
    let inspector = beats::serving(&pool, &beat, today)
        .await?
        .map(|(i, substitute)| InspectorJson {
            id: i.id,
            name: i.name.get(lang.code()).into(),
            rank: i.rank,
            position: i.position,
            phone: i.work_phone,
            substitute,
            reception_point: i.point.map(|p| ReceptionPointJson {
                id: p.id,
                name: p.name.get(lang.code()).into(),
                address: p.address.get(lang.code()).into(),
                lat: p.lat,
                lon: p.lon,
            }),
        });
    Ok(HttpResponse::Ok().json(LocateResponse {
        beat: BeatJson {
            id: beat.id,
            number: beat.number,
            name: beat.name.get(lang.code()).into(),
            description: beat.description.get(lang.code()).into(),
        },
        inspector,
    }))
}

/// Every beat's boundary as a GeoJSON FeatureCollection of Polygons (outer ring, then holes).
#[utoipa::path(
    get,
    path = "/api/v1/beats.geojson",
    responses((status = 200, description = "GeoJSON FeatureCollection of beats", content_type = "application/geo+json"))
)]
pub async fn beats_geojson(pool: web::Data<PgPool>) -> Result<HttpResponse, ApiFailure> {
    let features: Vec<_> = beats::all_beats(&pool)
        .await?
        .into_iter()
        .map(|b| {
            json!({
                "type": "Feature",
                "id": b.id,
                "geometry": {"type": "Polygon", "coordinates": b.boundary.rings},
                "properties": {
                    "id": b.id, "number": b.number,
                    "name_kk": b.name.kk, "name_ru": b.name.ru, "name_en": b.name.en,
                    "description_kk": b.description.kk, "description_ru": b.description.ru,
                    "description_en": b.description.en,
                    "inspector_id": b.inspector_id,
                }
            })
        })
        .collect();
    Ok(HttpResponse::Ok()
        .content_type("application/geo+json")
        .json(json!({"type": "FeatureCollection", "features": features})))
}
