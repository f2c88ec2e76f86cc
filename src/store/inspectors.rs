//! District inspectors and their beats: point-in-beat lookup, the directory, upserts.

use sqlx::types::Json;
use sqlx::{PgConnection, PgPool};

use crate::domain::hours::OpeningHours;
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
               updated_at = now(), version = inspectors.version + 1
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
