//! The gazetteer: streets, houses, microdistricts and landmarks residents search by name.

use sqlx::{PgConnection, PgPool};

use crate::domain::geo::Coordinates;
use crate::domain::lang::Localized;
use crate::domain::text::fold;

use crate::domain::place::PlaceKind;

#[derive(Clone, Debug)]
pub struct Place {
    pub id: i64,
    pub kind: PlaceKind,
    pub name: Localized,
    pub lat: f64,
    pub lon: f64,
    /// How well the place matched the search, 0..1.
    pub score: f32,
}

impl Place {
    pub fn coordinates(&self) -> Option<Coordinates> {
        Coordinates::new(self.lat, self.lon).ok()
    }
}

struct PlaceRow {
    id: i64,
    kind: PlaceKind,
    name_kk: String,
    name_ru: String,
    name_en: String,
    lat: f64,
    lon: f64,
    score: f32,
}

impl From<PlaceRow> for Place {
    fn from(r: PlaceRow) -> Self {
        Place {
            id: r.id,
            kind: r.kind,
            name: Localized {
                kk: r.name_kk,
                ru: r.name_ru,
                en: r.name_en,
            },
            lat: r.lat,
            lon: r.lon,
            score: r.score,
        }
    }
}

#[derive(Clone, Debug)]
pub struct PlaceRecord {
    pub external_id: String,
    pub kind: PlaceKind,
    pub name: Localized,
    pub coordinates: Coordinates,
    pub is_demo: bool,
}

/// Places whose names resemble `query` in any alphabet, best first. Trigram word
/// similarity tolerates typos; the index is on the folded names.
pub async fn search(pool: &PgPool, query: &str, limit: i64) -> Result<Vec<Place>, sqlx::Error> {
    let folded = fold(query);
    if folded.is_empty() {
        return Ok(Vec::new());
    }
    sqlx::query_as!(
        PlaceRow,
        r#"SELECT id, kind AS "kind: PlaceKind", name_kk, name_ru, name_en, lat, lon,
                  word_similarity($1, search_text) AS "score!"
           FROM places
           WHERE $1 <% search_text
           ORDER BY word_similarity($1, search_text) DESC, length(search_text), id
           LIMIT $2"#,
        folded,
        limit
    )
    .fetch_all(pool)
    .await
    .map(|rows| rows.into_iter().map(Place::from).collect())
}

pub async fn by_id(pool: &PgPool, id: i64) -> Result<Option<Place>, sqlx::Error> {
    sqlx::query_as!(
        PlaceRow,
        r#"SELECT id, kind AS "kind: PlaceKind", name_kk, name_ru, name_en, lat, lon,
                  1::real AS "score!"
           FROM places WHERE id = $1"#,
        id
    )
    .fetch_optional(pool)
    .await
    .map(|row| row.map(Place::from))
}

pub async fn count(pool: &PgPool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar!(r#"SELECT count(*) AS "n!" FROM places"#)
        .fetch_one(pool)
        .await
}

/// Inserts or updates by external id; true when something changed.
pub async fn upsert(conn: &mut PgConnection, place: &PlaceRecord) -> Result<bool, sqlx::Error> {
    let search_text = fold(&format!(
        "{} {} {}",
        place.name.ru, place.name.kk, place.name.en
    ));
    let result = sqlx::query!(
        r#"INSERT INTO places (external_id, kind, name_kk, name_ru, name_en, lat, lon,
                               search_text, is_demo)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           ON CONFLICT (external_id) DO UPDATE SET
               kind = EXCLUDED.kind, name_kk = EXCLUDED.name_kk, name_ru = EXCLUDED.name_ru,
               name_en = EXCLUDED.name_en, lat = EXCLUDED.lat, lon = EXCLUDED.lon,
               search_text = EXCLUDED.search_text, is_demo = EXCLUDED.is_demo,
               updated_at = now(), version = places.version + 1
           WHERE (places.kind, places.name_kk, places.name_ru, places.name_en, places.lat,
                  places.lon, places.is_demo)
                 IS DISTINCT FROM
                 (EXCLUDED.kind, EXCLUDED.name_kk, EXCLUDED.name_ru, EXCLUDED.name_en,
                  EXCLUDED.lat, EXCLUDED.lon, EXCLUDED.is_demo)"#,
        place.external_id,
        place.kind as PlaceKind,
        place.name.kk,
        place.name.ru,
        place.name.en,
        place.coordinates.lat(),
        place.coordinates.lon(),
        search_text,
        place.is_demo,
    )
    .execute(conn)
    .await?;
    Ok(result.rows_affected() > 0)
}

pub async fn delete_demo_except(
    conn: &mut PgConnection,
    keep: &[String],
) -> Result<u64, sqlx::Error> {
    let result = sqlx::query!(
        "DELETE FROM places WHERE is_demo AND NOT (external_id = ANY($1))",
        keep
    )
    .execute(conn)
    .await?;
    Ok(result.rows_affected())
}
