//! Police posts: nearest-first search over the earth-cube index, lookups and upserts.

use chrono::{DateTime, NaiveDateTime, Utc};
use sqlx::types::Json;
use sqlx::{PgConnection, PgPool};

use crate::domain::geo::Coordinates;
use crate::domain::hours::OpeningHours;
use crate::domain::post::{PostKind, PostStatus};

use crate::domain::lang::Localized;

/// A post as the public sees it (staff-only fields are not read).
#[derive(Clone, Debug)]
pub struct Post {
    pub id: i64,
    pub external_id: String,
    pub kind: PostKind,
    pub status: PostStatus,
    pub name: Localized,
    pub address: Localized,
    pub lat: f64,
    pub lon: f64,
    pub phones: Vec<String>,
    pub hours: OpeningHours,
    pub services: Vec<String>,
    pub updated_at: DateTime<Utc>,
}

/// A post and how far it is from where the resident is.
#[derive(Clone, Debug)]
pub struct NearbyPost {
    pub post: Post,
    /// Great-circle distance in metres.
    pub distance_m: f64,
}

/// What to search for around a point.
#[derive(Clone, Copy, Debug)]
pub struct NearestFilter {
    pub kind: Option<PostKind>,
    /// Planned and under-construction posts instead of working ones.
    pub future: bool,
    /// Only posts open at this local time.
    pub open_at: Option<NaiveDateTime>,
    pub limit: i64,
}

/// Everything needed to create or update a post (imports and demo data).
#[derive(Clone, Debug)]
pub struct PostRecord {
    pub external_id: String,
    pub kind: PostKind,
    pub status: PostStatus,
    pub name: Localized,
    pub address: Localized,
    pub coordinates: Coordinates,
    pub phones: Vec<String>,
    pub hours: OpeningHours,
    pub services: Vec<String>,
    pub with_living_quarters: bool,
    pub is_demo: bool,
}

struct PostRow {
    id: i64,
    external_id: String,
    kind: PostKind,
    status: PostStatus,
    name_kk: String,
    name_ru: String,
    name_en: String,
    address_kk: String,
    address_ru: String,
    address_en: String,
    lat: f64,
    lon: f64,
    phones: Vec<String>,
    hours: Json<OpeningHours>,
    services: Vec<String>,
    updated_at: DateTime<Utc>,
    distance_m: Option<f64>,
}

impl PostRow {
    fn into_nearby(self) -> NearbyPost {
        let distance_m = self.distance_m.unwrap_or(0.0);
        NearbyPost {
            post: Post {
                id: self.id,
                external_id: self.external_id,
                kind: self.kind,
                status: self.status,
                name: Localized {
                    kk: self.name_kk,
                    ru: self.name_ru,
                    en: self.name_en,
                },
                address: Localized {
                    kk: self.address_kk,
                    ru: self.address_ru,
                    en: self.address_en,
                },
                lat: self.lat,
                lon: self.lon,
                phones: self.phones,
                hours: self.hours.0,
                services: self.services,
                updated_at: self.updated_at,
            },
            distance_m,
        }
    }
}

/// One page of posts nearest to `at`, nearest first, by the GiST index on `location`.
/// The cube distance is a chord through the earth, which orders exactly as the great circle.
async fn nearest_page(
    pool: &PgPool,
    at: Coordinates,
    kind: Option<PostKind>,
    future: bool,
    limit: i64,
    offset: i64,
) -> Result<Vec<NearbyPost>, sqlx::Error> {
    let rows = sqlx::query_as!(
        PostRow,
        r#"SELECT id, external_id, kind AS "kind: PostKind", status AS "status: PostStatus",
                  name_kk, name_ru, name_en, address_kk, address_ru, address_en, lat, lon,
                  phones, hours AS "hours: Json<OpeningHours>", services, updated_at,
                  earth_distance(location, ll_to_earth($1, $2)) AS distance_m
           FROM posts
           WHERE ($3::post_kind IS NULL OR kind = $3)
             AND post_is_future(status) = $4
           ORDER BY location <-> ll_to_earth($1, $2)
           LIMIT $5 OFFSET $6"#,
        at.lat(),
        at.lon(),
        kind as Option<PostKind>,
        future,
        limit,
        offset,
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(PostRow::into_nearby).collect())
}

/// Working and planned posts nearest to `at` in one round trip: the results page needs both.
pub async fn nearest_working_and_planned(
    pool: &PgPool,
    at: Coordinates,
    kind: Option<PostKind>,
    working: i64,
    planned: i64,
) -> Result<(Vec<NearbyPost>, Vec<NearbyPost>), sqlx::Error> {
    let rows = sqlx::query_as!(
        PostRow,
        r#"(SELECT id AS "id!", external_id AS "external_id!", kind AS "kind!: PostKind",
                   status AS "status!: PostStatus", name_kk AS "name_kk!", name_ru AS "name_ru!",
                   name_en AS "name_en!", address_kk AS "address_kk!", address_ru AS "address_ru!",
                   address_en AS "address_en!", lat AS "lat!", lon AS "lon!", phones AS "phones!",
                   hours AS "hours!: Json<OpeningHours>", services AS "services!",
                   updated_at AS "updated_at!",
                   earth_distance(location, ll_to_earth($1, $2)) AS distance_m
            FROM posts
            WHERE ($3::post_kind IS NULL OR kind = $3)
              AND NOT post_is_future(status)
            ORDER BY location <-> ll_to_earth($1, $2)
            LIMIT $4)
           UNION ALL
           (SELECT id, external_id, kind, status, name_kk, name_ru, name_en, address_kk,
                   address_ru, address_en, lat, lon, phones, hours, services, updated_at,
                   earth_distance(location, ll_to_earth($1, $2))
            FROM posts
            WHERE ($3::post_kind IS NULL OR kind = $3)
              AND post_is_future(status)
            ORDER BY location <-> ll_to_earth($1, $2)
            LIMIT $5)"#,
        at.lat(),
        at.lon(),
        kind as Option<PostKind>,
        working,
        planned,
    )
    .fetch_all(pool)
    .await?;
    // Each branch is already nearest first; UNION ALL keeps them in order, one after another.
    let (planned, working): (Vec<NearbyPost>, Vec<NearbyPost>) = rows
        .into_iter()
        .map(PostRow::into_nearby)
        .partition(|p| p.post.status.is_future());
    Ok((working, planned))
}

/// The nearest posts matching `filter`, nearest first. "Open now" depends on each post's
/// hours, so pages are read from the index until enough open posts are found.
pub async fn nearest(
    pool: &PgPool,
    at: Coordinates,
    filter: NearestFilter,
) -> Result<Vec<NearbyPost>, sqlx::Error> {
    let Some(open_at) = filter.open_at else {
        return nearest_page(pool, at, filter.kind, filter.future, filter.limit, 0).await;
    };
    const PAGE: i64 = 50;
    // A bound on the work per request; beyond it the city has no open post of this kind.
    const MAX_SCANNED: i64 = 5_000;
    let mut found = Vec::new();
    let mut offset = 0;
    while offset < MAX_SCANNED {
        let page = nearest_page(pool, at, filter.kind, filter.future, PAGE, offset).await?;
        let exhausted = (page.len() as i64) < PAGE;
        found.extend(page.into_iter().filter(|p| {
            p.post.status == PostStatus::Open && p.post.hours.state_at(open_at).is_open()
        }));
        if found.len() as i64 >= filter.limit || exhausted {
            break;
        }
        offset += PAGE;
    }
    found.truncate(filter.limit as usize);
    Ok(found)
}

pub async fn by_id(pool: &PgPool, id: i64) -> Result<Option<Post>, sqlx::Error> {
    let row = sqlx::query_as!(
        PostRow,
        r#"SELECT id, external_id, kind AS "kind: PostKind", status AS "status: PostStatus",
                  name_kk, name_ru, name_en, address_kk, address_ru, address_en, lat, lon,
                  phones, hours AS "hours: Json<OpeningHours>", services, updated_at,
                  NULL::float8 AS distance_m
           FROM posts WHERE id = $1"#,
        id
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| r.into_nearby().post))
}

/// Every post, for the open-data export; ordered by id so that the export is stable.
pub async fn all(pool: &PgPool) -> Result<Vec<Post>, sqlx::Error> {
    let rows = sqlx::query_as!(
        PostRow,
        r#"SELECT id, external_id, kind AS "kind: PostKind", status AS "status: PostStatus",
                  name_kk, name_ru, name_en, address_kk, address_ru, address_en, lat, lon,
                  phones, hours AS "hours: Json<OpeningHours>", services, updated_at,
                  NULL::float8 AS distance_m
           FROM posts ORDER BY id"#
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|r| r.into_nearby().post).collect())
}

pub async fn count(pool: &PgPool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar!(r#"SELECT count(*) AS "n!" FROM posts"#)
        .fetch_one(pool)
        .await
}

pub async fn any_demo(pool: &PgPool) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!(r#"SELECT EXISTS (SELECT 1 FROM posts WHERE is_demo) AS "any!""#)
        .fetch_one(pool)
        .await
}

/// Inserts or updates by external id. Returns true when something changed: an identical
/// record is left alone, so re-importing a file changes nothing (not even `updated_at`).
pub async fn upsert(conn: &mut PgConnection, post: &PostRecord) -> Result<bool, sqlx::Error> {
    let hours = Json(&post.hours);
    let result = sqlx::query!(
        r#"INSERT INTO posts (external_id, kind, status, name_kk, name_ru, name_en,
                              address_kk, address_ru, address_en, lat, lon, phones, hours,
                              services, with_living_quarters, is_demo)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
           ON CONFLICT (external_id) DO UPDATE SET
               kind = EXCLUDED.kind, status = EXCLUDED.status,
               name_kk = EXCLUDED.name_kk, name_ru = EXCLUDED.name_ru, name_en = EXCLUDED.name_en,
               address_kk = EXCLUDED.address_kk, address_ru = EXCLUDED.address_ru,
               address_en = EXCLUDED.address_en, lat = EXCLUDED.lat, lon = EXCLUDED.lon,
               phones = EXCLUDED.phones, hours = EXCLUDED.hours, services = EXCLUDED.services,
               with_living_quarters = EXCLUDED.with_living_quarters,
               is_demo = EXCLUDED.is_demo, updated_at = now(), version = posts.version + 1
           WHERE (posts.kind, posts.status, posts.name_kk, posts.name_ru, posts.name_en,
                  posts.address_kk, posts.address_ru, posts.address_en, posts.lat, posts.lon,
                  posts.phones, posts.hours, posts.services, posts.with_living_quarters,
                  posts.is_demo)
                 IS DISTINCT FROM
                 (EXCLUDED.kind, EXCLUDED.status, EXCLUDED.name_kk, EXCLUDED.name_ru,
                  EXCLUDED.name_en, EXCLUDED.address_kk, EXCLUDED.address_ru,
                  EXCLUDED.address_en, EXCLUDED.lat, EXCLUDED.lon, EXCLUDED.phones,
                  EXCLUDED.hours, EXCLUDED.services, EXCLUDED.with_living_quarters,
                  EXCLUDED.is_demo)"#,
        post.external_id,
        post.kind as PostKind,
        post.status as PostStatus,
        post.name.kk,
        post.name.ru,
        post.name.en,
        post.address.kk,
        post.address.ru,
        post.address.en,
        post.coordinates.lat(),
        post.coordinates.lon(),
        &post.phones,
        hours as Json<&OpeningHours>,
        &post.services,
        post.with_living_quarters,
        post.is_demo,
    )
    .execute(conn)
    .await?;
    Ok(result.rows_affected() > 0)
}

/// Removes demo posts whose external ids are not in `keep` (a refreshed demo set).
pub async fn delete_demo_except(
    conn: &mut PgConnection,
    keep: &[String],
) -> Result<u64, sqlx::Error> {
    let result = sqlx::query!(
        "DELETE FROM posts WHERE is_demo AND NOT (external_id = ANY($1))",
        keep
    )
    .execute(conn)
    .await?;
    Ok(result.rows_affected())
}
