//! District inspectors and their beats: point-in-beat lookup, the directory, upserts.

use chrono::NaiveDate;
use sqlx::types::Json;
use sqlx::{PgConnection, PgPool};

use crate::domain::beat::Boundary;
use crate::domain::geo::Coordinates;
use crate::domain::hours::OpeningHours;
use crate::domain::inspector::{Serving, serving_today};
use crate::domain::lang::Localized;
use crate::domain::text::fold;

#[derive(Clone, Debug)]
pub struct ReceptionPoint {
    pub id: i64,
    pub name: Localized,
    pub address: Localized,
    pub lat: f64,
    pub lon: f64,
}

#[derive(Clone, Debug)]
pub struct Inspector {
    pub id: i64,
    pub name: Localized,
    pub rank: String,
    pub position: String,
    pub photo: Option<String>,
    pub work_phone: String,
    pub reception_hours: OpeningHours,
    pub active: bool,
    pub point: Option<ReceptionPoint>,
}

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
pub struct InspectorRecord {
    pub external_id: String,
    pub name: Localized,
    pub rank: String,
    pub position: String,
    pub photo: Option<String>,
    pub work_phone: String,
    /// External id of the post where the inspector receives residents.
    pub post_external_id: Option<String>,
    pub reception_hours: OpeningHours,
    pub active: bool,
    pub is_demo: bool,
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

struct InspectorRow {
    id: i64,
    name_kk: String,
    name_ru: String,
    name_en: String,
    rank: String,
    position: String,
    photo: Option<String>,
    work_phone: String,
    reception_hours: Json<OpeningHours>,
    active: bool,
    post_id: Option<i64>,
    post_name_kk: Option<String>,
    post_name_ru: Option<String>,
    post_name_en: Option<String>,
    post_address_kk: Option<String>,
    post_address_ru: Option<String>,
    post_address_en: Option<String>,
    post_lat: Option<f64>,
    post_lon: Option<f64>,
}

impl From<InspectorRow> for Inspector {
    fn from(r: InspectorRow) -> Self {
        let point = match (r.post_id, r.post_lat, r.post_lon) {
            (Some(id), Some(lat), Some(lon)) => Some(ReceptionPoint {
                id,
                name: Localized {
                    kk: r.post_name_kk.unwrap_or_default(),
                    ru: r.post_name_ru.unwrap_or_default(),
                    en: r.post_name_en.unwrap_or_default(),
                },
                address: Localized {
                    kk: r.post_address_kk.unwrap_or_default(),
                    ru: r.post_address_ru.unwrap_or_default(),
                    en: r.post_address_en.unwrap_or_default(),
                },
                lat,
                lon,
            }),
            _ => None,
        };
        Inspector {
            id: r.id,
            name: Localized {
                kk: r.name_kk,
                ru: r.name_ru,
                en: r.name_en,
            },
            rank: r.rank,
            position: r.position,
            photo: r.photo,
            work_phone: r.work_phone,
            reception_hours: r.reception_hours.0,
            active: r.active,
            point,
        }
    }
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

pub async fn inspector_by_id(pool: &PgPool, id: i64) -> Result<Option<Inspector>, sqlx::Error> {
    let row = sqlx::query_as!(
        InspectorRow,
        r#"SELECT i.id, i.name_kk, i.name_ru, i.name_en, i.rank, i.position, i.photo,
                  i.work_phone, i.reception_hours AS "reception_hours: Json<OpeningHours>",
                  i.active, p.id AS "post_id?", p.name_kk AS "post_name_kk?",
                  p.name_ru AS "post_name_ru?", p.name_en AS "post_name_en?",
                  p.address_kk AS "post_address_kk?", p.address_ru AS "post_address_ru?",
                  p.address_en AS "post_address_en?", p.lat AS "post_lat?", p.lon AS "post_lon?"
           FROM inspectors i LEFT JOIN posts p ON p.id = i.post_id
           WHERE i.id = $1"#,
        id
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(Inspector::from))
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
#[derive(Clone, Debug)]
pub struct DirectoryEntry {
    pub id: i64,
    pub name: Localized,
    pub rank: String,
    pub beat_numbers: Vec<String>,
    pub work_phone: String,
}

/// Active inspectors whose name, beat number or beat streets match `query` (any alphabet),
/// in name order, one page at a time; with the total count.
pub async fn directory(
    pool: &PgPool,
    query: &str,
    limit: i64,
    offset: i64,
) -> Result<(Vec<DirectoryEntry>, i64), sqlx::Error> {
    let folded = fold(query);
    let number = query.trim().trim_start_matches('№').trim().to_string();
    let rows = sqlx::query!(
        r#"SELECT i.id, i.name_kk, i.name_ru, i.name_en, i.rank, i.work_phone,
                  COALESCE(array_agg(b.number ORDER BY length(b.number), b.number)
                           FILTER (WHERE b.id IS NOT NULL), '{}') AS "beat_numbers!",
                  count(*) OVER () AS "total!"
           FROM inspectors i
           LEFT JOIN beats b ON b.inspector_id = i.id
           WHERE i.active AND (
                 $1 = ''
              OR i.search_text LIKE '%' || $1 || '%'
              OR $1 <% i.search_text
              OR EXISTS (SELECT 1 FROM beats s
                         WHERE s.inspector_id = i.id
                           AND (s.number = $2 OR s.search_text LIKE '%' || $1 || '%')))
           GROUP BY i.id
           ORDER BY i.name_ru, i.id
           LIMIT $3 OFFSET $4"#,
        folded,
        number,
        limit,
        offset
    )
    .fetch_all(pool)
    .await?;
    let total = rows.first().map_or(0, |r| r.total);
    let entries = rows
        .into_iter()
        .map(|r| DirectoryEntry {
            id: r.id,
            name: Localized {
                kk: r.name_kk,
                ru: r.name_ru,
                en: r.name_en,
            },
            rank: r.rank,
            beat_numbers: r.beat_numbers,
            work_phone: r.work_phone,
        })
        .collect();
    Ok((entries, total))
}

pub async fn count_beats(pool: &PgPool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar!(r#"SELECT count(*) AS "n!" FROM beats"#)
        .fetch_one(pool)
        .await
}

/// Inserts or updates by external id; true when something changed.
pub async fn upsert_inspector(
    conn: &mut PgConnection,
    inspector: &InspectorRecord,
) -> Result<bool, sqlx::Error> {
    let search_text = fold(&format!(
        "{} {} {}",
        inspector.name.ru, inspector.name.kk, inspector.name.en
    ));
    let hours = Json(&inspector.reception_hours);
    let result = sqlx::query!(
        r#"INSERT INTO inspectors (external_id, name_kk, name_ru, name_en, rank, position, photo,
                                   work_phone, post_id, reception_hours, active, search_text,
                                   is_demo)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8,
                   (SELECT id FROM posts WHERE external_id = $9), $10, $11, $12, $13)
           ON CONFLICT (external_id) DO UPDATE SET
               name_kk = EXCLUDED.name_kk, name_ru = EXCLUDED.name_ru, name_en = EXCLUDED.name_en,
               rank = EXCLUDED.rank, position = EXCLUDED.position, photo = EXCLUDED.photo,
               work_phone = EXCLUDED.work_phone, post_id = EXCLUDED.post_id,
               reception_hours = EXCLUDED.reception_hours, active = EXCLUDED.active,
               search_text = EXCLUDED.search_text, is_demo = EXCLUDED.is_demo,
               updated_at = now()
           WHERE (inspectors.name_kk, inspectors.name_ru, inspectors.name_en, inspectors.rank,
                  inspectors.position, inspectors.photo, inspectors.work_phone,
                  inspectors.post_id, inspectors.reception_hours, inspectors.active,
                  inspectors.is_demo)
                 IS DISTINCT FROM
                 (EXCLUDED.name_kk, EXCLUDED.name_ru, EXCLUDED.name_en, EXCLUDED.rank,
                  EXCLUDED.position, EXCLUDED.photo, EXCLUDED.work_phone, EXCLUDED.post_id,
                  EXCLUDED.reception_hours, EXCLUDED.active, EXCLUDED.is_demo)"#,
        inspector.external_id,
        inspector.name.kk,
        inspector.name.ru,
        inspector.name.en,
        inspector.rank,
        inspector.position,
        inspector.photo,
        inspector.work_phone,
        inspector.post_external_id,
        hours as Json<&OpeningHours>,
        inspector.active,
        search_text,
        inspector.is_demo,
    )
    .execute(conn)
    .await?;
    Ok(result.rows_affected() > 0)
}

/// Whether a post with this external id exists (imports check references before writing).
pub async fn post_exists(conn: &mut PgConnection, external_id: &str) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM posts WHERE external_id = $1) AS "exists!""#,
        external_id
    )
    .fetch_one(conn)
    .await
}

pub async fn inspector_exists(
    conn: &mut PgConnection,
    external_id: &str,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM inspectors WHERE external_id = $1) AS "exists!""#,
        external_id
    )
    .fetch_one(conn)
    .await
}

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
               updated_at = now()
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

pub async fn delete_demo_except(
    conn: &mut PgConnection,
    keep_inspectors: &[String],
    keep_beats: &[String],
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "DELETE FROM beats WHERE is_demo AND NOT (external_id = ANY($1))",
        keep_beats
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "DELETE FROM inspectors WHERE is_demo AND NOT (external_id = ANY($1))",
        keep_inspectors
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}
