//! Beats: the area each district inspector serves, the point-in-beat lookup, who serves a
//! beat today, and upserts.

use chrono::NaiveDate;
use sqlx::types::Json;
use sqlx::{PgConnection, PgPool};

use super::inspectors::{Inspector, inspector_by_id};
use crate::domain::beat::Boundary;
use crate::domain::geo::Coordinates;
use crate::domain::inspector::{Serving, serving_today};
use crate::domain::lang::Localized;
use crate::domain::text::fold;

#[derive(Clone, Debug)]
pub struct Beat {
    pub id: i64,
    pub number: String,
    pub name: Localized,
    pub description: Localized,
    pub boundary: Boundary,
    pub inspector_id: Option<i64>,
    pub substitute_id: Option<i64>,
    pub substitute_from: Option<NaiveDate>,
    pub substitute_until: Option<NaiveDate>,
}

#[derive(Clone, Debug)]
pub struct BeatRecord {
    pub external_id: String,
    pub number: String,
    pub name: Localized,
    pub description: Localized,
    pub boundary: Boundary,
    pub inspector_external_id: Option<String>,
    pub substitute_external_id: Option<String>,
    pub substitute_from: Option<NaiveDate>,
    pub substitute_until: Option<NaiveDate>,
    pub is_demo: bool,
}

struct BeatRow {
    id: i64,
    number: String,
    name_kk: String,
    name_ru: String,
    name_en: String,
    description_kk: String,
    description_ru: String,
    description_en: String,
    boundary: Json<Boundary>,
    inspector_id: Option<i64>,
    substitute_id: Option<i64>,
    substitute_from: Option<NaiveDate>,
    substitute_until: Option<NaiveDate>,
}

impl From<BeatRow> for Beat {
    fn from(r: BeatRow) -> Self {
        Beat {
            id: r.id,
            number: r.number,
            name: Localized {
                kk: r.name_kk,
                ru: r.name_ru,
                en: r.name_en,
            },
            description: Localized {
                kk: r.description_kk,
                ru: r.description_ru,
                en: r.description_en,
            },
            boundary: r.boundary.0,
            inspector_id: r.inspector_id,
            substitute_id: r.substitute_id,
            substitute_from: r.substitute_from,
            substitute_until: r.substitute_until,
        }
    }
}

/// Who serves a beat today, and whether it is a substitute: the domain decides who, and an
/// inactive or missing substitute leaves the beat to its own inspector.
pub async fn serving(
    pool: &PgPool,
    beat: &Beat,
    today: NaiveDate,
) -> Result<Option<(Inspector, bool)>, sqlx::Error> {
    let who = serving_today(
        today,
        beat.inspector_id,
        beat.substitute_id,
        beat.substitute_from,
        beat.substitute_until,
    );
    let inspector = match who {
        Serving::Substitute {
            substitute,
            inspector,
        } => {
            if let Some(s) = inspector_by_id(pool, substitute)
                .await?
                .filter(|s| s.active)
            {
                return Ok(Some((s, true)));
            }
            inspector
        }
        Serving::Inspector(id) => Some(id),
        Serving::Nobody => None,
    };
    match inspector {
        Some(id) => Ok(inspector_by_id(pool, id).await?.map(|i| (i, false))),
        None => Ok(None),
    }
}

/// The beat a point lies in: candidates from the bounding-box index, then the exact test
/// (edges belong to the beat, holes do not). Where beats touch, the lowest number wins.
pub async fn beat_at(pool: &PgPool, at: Coordinates) -> Result<Option<Beat>, sqlx::Error> {
    let rows = sqlx::query_as!(
        BeatRow,
        r#"SELECT id, number, name_kk, name_ru, name_en, description_kk, description_ru,
                  description_en, boundary AS "boundary: Json<Boundary>", inspector_id,
                  substitute_id, substitute_from, substitute_until
           FROM beats
           WHERE bbox @> box(point($1, $2), point($1, $2))
           ORDER BY length(number), number, id"#,
        at.lon(),
        at.lat()
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(Beat::from)
        .find(|b| b.boundary.contains(at.lon(), at.lat())))
}

/// The beats nearest a point that lies in none, by their bounding boxes (the GiST index).
pub async fn nearest_beats(
    pool: &PgPool,
    at: Coordinates,
    limit: i64,
) -> Result<Vec<Beat>, sqlx::Error> {
    let rows = sqlx::query_as!(
        BeatRow,
        r#"SELECT id, number, name_kk, name_ru, name_en, description_kk, description_ru,
                  description_en, boundary AS "boundary: Json<Boundary>", inspector_id,
                  substitute_id, substitute_from, substitute_until
           FROM beats
           ORDER BY bbox <-> point($1, $2), length(number), number
           LIMIT $3"#,
        at.lon(),
        at.lat(),
        limit
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(Beat::from).collect())
}

/// Beats an inspector serves as the assigned inspector or as a substitute.
pub async fn beats_of(pool: &PgPool, inspector_id: i64) -> Result<Vec<Beat>, sqlx::Error> {
    let rows = sqlx::query_as!(
        BeatRow,
        r#"SELECT id, number, name_kk, name_ru, name_en, description_kk, description_ru,
                  description_en, boundary AS "boundary: Json<Boundary>", inspector_id,
                  substitute_id, substitute_from, substitute_until
           FROM beats WHERE inspector_id = $1 OR substitute_id = $1
           ORDER BY length(number), number"#,
        inspector_id
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(Beat::from).collect())
}

/// The beat with this number (as residents and signs give it).
pub async fn beat_by_number(pool: &PgPool, number: &str) -> Result<Option<Beat>, sqlx::Error> {
    let row = sqlx::query_as!(
        BeatRow,
        r#"SELECT id, number, name_kk, name_ru, name_en, description_kk, description_ru,
                  description_en, boundary AS "boundary: Json<Boundary>", inspector_id,
                  substitute_id, substitute_from, substitute_until
           FROM beats WHERE number = $1 ORDER BY id LIMIT 1"#,
        number
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(Beat::from))
}

pub async fn all_beats(pool: &PgPool) -> Result<Vec<Beat>, sqlx::Error> {
    let rows = sqlx::query_as!(
        BeatRow,
        r#"SELECT id, number, name_kk, name_ru, name_en, description_kk, description_ru,
                  description_en, boundary AS "boundary: Json<Boundary>", inspector_id,
                  substitute_id, substitute_from, substitute_until
           FROM beats ORDER BY length(number), number"#
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(Beat::from).collect())
}

/// One line of the directory.
pub async fn count_beats(pool: &PgPool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar!(r#"SELECT count(*) AS "n!" FROM beats"#)
        .fetch_one(pool)
        .await
}

/// Inserts or updates by external id; true when something changed.
pub async fn upsert_beat(conn: &mut PgConnection, beat: &BeatRecord) -> Result<bool, sqlx::Error> {
    let search_text = fold(&format!(
        "{} {} {} {} {} {} {}",
        beat.number,
        beat.name.ru,
        beat.name.kk,
        beat.name.en,
        beat.description.ru,
        beat.description.kk,
        beat.description.en
    ));
    let (min_lon, min_lat, max_lon, max_lat) = beat.boundary.bbox();
    let boundary = Json(&beat.boundary);
    let result = sqlx::query!(
        r#"INSERT INTO beats (external_id, number, name_kk, name_ru, name_en, description_kk,
                              description_ru, description_en, boundary, bbox, inspector_id,
                              substitute_id, substitute_from, substitute_until, search_text,
                              is_demo)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,
                   box(point($10, $11), point($12, $13)),
                   (SELECT id FROM inspectors WHERE external_id = $14),
                   (SELECT id FROM inspectors WHERE external_id = $15),
                   $16, $17, $18, $19)
           ON CONFLICT (external_id) DO UPDATE SET
               number = EXCLUDED.number, name_kk = EXCLUDED.name_kk, name_ru = EXCLUDED.name_ru,
               name_en = EXCLUDED.name_en, description_kk = EXCLUDED.description_kk,
               description_ru = EXCLUDED.description_ru, description_en = EXCLUDED.description_en,
               boundary = EXCLUDED.boundary, bbox = EXCLUDED.bbox,
               inspector_id = EXCLUDED.inspector_id, substitute_id = EXCLUDED.substitute_id,
               substitute_from = EXCLUDED.substitute_from,
               substitute_until = EXCLUDED.substitute_until,
               search_text = EXCLUDED.search_text, is_demo = EXCLUDED.is_demo,
               updated_at = now(), version = beats.version + 1
           WHERE (beats.number, beats.name_kk, beats.name_ru, beats.name_en, beats.description_kk,
                  beats.description_ru, beats.description_en, beats.boundary,
                  beats.inspector_id, beats.substitute_id, beats.substitute_from,
                  beats.substitute_until, beats.is_demo)
                 IS DISTINCT FROM
                 (EXCLUDED.number, EXCLUDED.name_kk, EXCLUDED.name_ru, EXCLUDED.name_en,
                  EXCLUDED.description_kk, EXCLUDED.description_ru, EXCLUDED.description_en,
                  EXCLUDED.boundary, EXCLUDED.inspector_id, EXCLUDED.substitute_id,
                  EXCLUDED.substitute_from, EXCLUDED.substitute_until, EXCLUDED.is_demo)"#,
        beat.external_id,
        beat.number,
        beat.name.kk,
        beat.name.ru,
        beat.name.en,
        beat.description.kk,
        beat.description.ru,
        beat.description.en,
        boundary as Json<&Boundary>,
        min_lon,
        min_lat,
        max_lon,
        max_lat,
        beat.inspector_external_id,
        beat.substitute_external_id,
        beat.substitute_from,
        beat.substitute_until,
        search_text,
        beat.is_demo,
    )
    .execute(conn)
    .await?;
    Ok(result.rows_affected() > 0)
}
