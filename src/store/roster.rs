//! Who serves where, kept by administrators: inspectors' details and photos, and each beat's
//! inspector and substitute. Each change with its audit row in one transaction, optimistic
//! locking by version, as for posts (`directory.rs`).

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{Value, json};
use sqlx::types::Json;
use sqlx::{PgConnection, PgPool};

use super::directory::{Saved, audit_change};
use super::moderation::Actor;
use crate::domain::beat::Boundary;
use crate::domain::hours::OpeningHours;
use crate::domain::inspector::{Position, Rank};
use crate::domain::inspector_form::{Assignment, InspectorDetails};
use crate::domain::lang::Localized;
use crate::domain::moderation::AuditAction;
use crate::domain::text::fold;

#[derive(Clone, Debug)]
pub struct InspectorLine {
    pub id: i64,
    pub name: Localized,
    pub rank: String,
    pub active: bool,
    pub beats: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct EditableInspector {
    pub id: i64,
    pub version: i32,
    pub details: InspectorDetails,
    pub has_photo: bool,
    pub updated_at: DateTime<Utc>,
}

#[derive(Clone, Debug)]
pub struct BeatLine {
    pub id: i64,
    pub number: String,
    pub name: Localized,
    pub inspector: Option<Localized>,
    pub substitute: Option<Localized>,
    pub from: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

#[derive(Clone, Debug)]
pub struct EditableBeat {
    pub id: i64,
    pub version: i32,
    pub number: String,
    pub name: Localized,
    pub assignment: Assignment,
    pub updated_at: DateTime<Utc>,
}

fn names(kk: String, ru: String, en: String) -> Localized {
    Localized { kk, ru, en }
}

pub async fn inspectors(pool: &PgPool) -> Result<Vec<InspectorLine>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"SELECT i.id, i.name_kk, i.name_ru, i.name_en, i.rank, i.active,
                  ARRAY(SELECT b.number FROM beats b WHERE b.inspector_id = i.id
                        ORDER BY b.number) AS "beats!"
           FROM inspectors i ORDER BY i.name_ru, i.id"#
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| InspectorLine {
            id: r.id,
            name: names(r.name_kk, r.name_ru, r.name_en),
            rank: r.rank,
            active: r.active,
            beats: r.beats,
        })
        .collect())
}

fn inspector_json(d: &InspectorDetails) -> Value {
    json!({
        "name": {"kk": d.name.kk, "ru": d.name.ru, "en": d.name.en},
        "rank": d.rank.code(),
        "position": d.position.code(),
        "work_phone": d.work_phone,
        "post": d.post,
        "reception_hours": d.reception_hours.to_text(),
        "slot_minutes": d.slot_minutes,
        "active": d.active,
    })
}

async fn read_inspector(
    conn: &mut PgConnection,
    id: i64,
) -> Result<Option<EditableInspector>, sqlx::Error> {
    let row = sqlx::query!(
        r#"SELECT id, version, name_kk, name_ru, name_en, rank, position, work_phone, post_id,
                  reception_hours AS "reception_hours: Json<OpeningHours>", slot_minutes,
                  active, updated_at,
                  EXISTS (SELECT 1 FROM inspector_photos p WHERE p.inspector_id = id)
                      AS "has_photo!"
           FROM inspectors WHERE id = $1 FOR UPDATE"#,
        id
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| EditableInspector {
        id: r.id,
        version: r.version,
        has_photo: r.has_photo,
        updated_at: r.updated_at,
        details: InspectorDetails {
            name: names(r.name_kk, r.name_ru, r.name_en),
            // A code this version does not know shows as the first of the list to fix.
            rank: Rank::parse(&r.rank).unwrap_or(Rank::Lieutenant),
            position: Position::parse(&r.position).unwrap_or(Position::DistrictInspector),
            work_phone: r.work_phone,
            post: r.post_id,
            reception_hours: r.reception_hours.0,
            slot_minutes: r.slot_minutes,
            active: r.active,
        },
    }))
}

pub async fn inspector(pool: &PgPool, id: i64) -> Result<Option<EditableInspector>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let found = read_inspector(&mut tx, id).await?;
    tx.commit().await?;
    Ok(found)
}

pub async fn update_inspector(
    pool: &PgPool,
    actor: &Actor,
    id: i64,
    version: i32,
    d: &InspectorDetails,
) -> Result<Saved<EditableInspector>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let Some(current) = read_inspector(&mut tx, id).await? else {
        return Ok(Saved::Missing);
    };
    if current.version != version {
        return Ok(Saved::Conflict(Box::new(current)));
    }
    let hours = Json(&d.reception_hours);
    let search = fold(&format!("{} {} {}", d.name.ru, d.name.kk, d.name.en));
    sqlx::query!(
        "UPDATE inspectors SET name_kk = $2, name_ru = $3, name_en = $4, rank = $5,
                position = $6, work_phone = $7, post_id = $8, reception_hours = $9,
                active = $10, search_text = $11, slot_minutes = $12, version = version + 1,
                updated_at = now()
         WHERE id = $1",
        id,
        d.name.kk,
        d.name.ru,
        d.name.en,
        d.rank.code(),
        d.position.code(),
        d.work_phone,
        d.post,
        hours as Json<&OpeningHours>,
        d.active,
        search,
        d.slot_minutes
    )
    .execute(&mut *tx)
    .await?;
    let (before, after) = (inspector_json(&current.details), inspector_json(d));
    let target = format!("inspector:{id}");
    let action = AuditAction::InspectorUpdated;
    audit_change(&mut tx, actor, action, &target, Some(before), &after).await?;
    tx.commit().await?;
    Ok(Saved::Done(id))
}

/// Whether a post with this id exists (a reception point chosen on the form).
pub async fn post_exists(pool: &PgPool, id: i64) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM posts WHERE id = $1) AS "exists!""#,
        id
    )
    .fetch_one(pool)
    .await
}

/// Replaces an inspector's photo (already re-encoded); false when there is no such inspector.
pub async fn set_photo(
    pool: &PgPool,
    actor: &Actor,
    id: i64,
    jpeg: &[u8],
) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let done = sqlx::query!(
        "INSERT INTO inspector_photos (inspector_id, jpeg)
         SELECT id, $2 FROM inspectors WHERE id = $1
         ON CONFLICT (inspector_id) DO UPDATE SET jpeg = EXCLUDED.jpeg, updated_at = now()",
        id,
        jpeg
    )
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    let after = json!({"photo_bytes": jpeg.len()});
    let target = format!("inspector:{id}");
    audit_change(
        &mut tx,
        actor,
        AuditAction::PhotoUploaded,
        &target,
        None,
        &after,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// An uploaded photo and when it was stored.
pub async fn photo(
    pool: &PgPool,
    id: i64,
) -> Result<Option<(Vec<u8>, DateTime<Utc>)>, sqlx::Error> {
    let row = sqlx::query!(
        "SELECT jpeg, updated_at FROM inspector_photos WHERE inspector_id = $1",
        id
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| (r.jpeg, r.updated_at)))
}

pub async fn beats(pool: &PgPool) -> Result<Vec<BeatLine>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"SELECT b.id, b.number, b.name_kk, b.name_ru, b.name_en,
                  i.name_kk AS "i_kk?", i.name_ru AS "i_ru?", i.name_en AS "i_en?",
                  s.name_kk AS "s_kk?", s.name_ru AS "s_ru?", s.name_en AS "s_en?",
                  b.substitute_from, b.substitute_until
           FROM beats b
           LEFT JOIN inspectors i ON i.id = b.inspector_id
           LEFT JOIN inspectors s ON s.id = b.substitute_id
           ORDER BY b.id"#
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| BeatLine {
            id: r.id,
            number: r.number,
            name: names(r.name_kk, r.name_ru, r.name_en),
            inspector: r
                .i_ru
                .map(|ru| names(r.i_kk.unwrap_or_default(), ru, r.i_en.unwrap_or_default())),
            substitute: r
                .s_ru
                .map(|ru| names(r.s_kk.unwrap_or_default(), ru, r.s_en.unwrap_or_default())),
            from: r.substitute_from,
            until: r.substitute_until,
        })
        .collect())
}

async fn read_beat(conn: &mut PgConnection, id: i64) -> Result<Option<EditableBeat>, sqlx::Error> {
    let row = sqlx::query!(
        "SELECT id, version, number, name_kk, name_ru, name_en, inspector_id, substitute_id,
                substitute_from, substitute_until, updated_at
         FROM beats WHERE id = $1 FOR UPDATE",
        id
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| EditableBeat {
        id: r.id,
        version: r.version,
        number: r.number,
        name: names(r.name_kk, r.name_ru, r.name_en),
        updated_at: r.updated_at,
        assignment: Assignment {
            inspector: r.inspector_id,
            substitute: r.substitute_id,
            from: r.substitute_from,
            until: r.substitute_until,
        },
    }))
}

pub async fn beat(pool: &PgPool, id: i64) -> Result<Option<EditableBeat>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let found = read_beat(&mut tx, id).await?;
    tx.commit().await?;
    Ok(found)
}

/// Of these inspector ids, those that are not active inspectors.
pub async fn not_active_inspectors(pool: &PgPool, ids: &[i64]) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar!(
        r#"SELECT x AS "x!" FROM unnest($1::bigint[]) AS x
           WHERE NOT EXISTS (SELECT 1 FROM inspectors WHERE id = x AND active)"#,
        ids
    )
    .fetch_all(pool)
    .await
}

fn assignment_json(a: &Assignment) -> Value {
    json!({
        "inspector": a.inspector,
        "substitute": a.substitute,
        "substitute_from": a.from.map(|d| d.to_string()),
        "substitute_until": a.until.map(|d| d.to_string()),
    })
}

pub async fn assign(
    pool: &PgPool,
    actor: &Actor,
    id: i64,
    version: i32,
    a: &Assignment,
) -> Result<Saved<EditableBeat>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let Some(current) = read_beat(&mut tx, id).await? else {
        return Ok(Saved::Missing);
    };
    if current.version != version {
        return Ok(Saved::Conflict(Box::new(current)));
    }
    sqlx::query!(
        "UPDATE beats SET inspector_id = $2, substitute_id = $3, substitute_from = $4,
                substitute_until = $5, version = version + 1, updated_at = now()
         WHERE id = $1",
        id,
        a.inspector,
        a.substitute,
        a.from,
        a.until
    )
    .execute(&mut *tx)
    .await?;
    let (before, after) = (assignment_json(&current.assignment), assignment_json(a));
    let target = format!("beat:{id}");
    let action = AuditAction::BeatAssigned;
    audit_change(&mut tx, actor, action, &target, Some(before), &after).await?;
    tx.commit().await?;
    Ok(Saved::Done(id))
}

/// Every beat's boundary: (id, number, boundary), to tell which a new boundary overlaps.
pub async fn boundaries(pool: &PgPool) -> Result<Vec<(i64, String, Boundary)>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"SELECT id, number, boundary AS "boundary: Json<Boundary>" FROM beats ORDER BY id"#
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.id, r.number, r.boundary.0))
        .collect())
}

/// A beat's new boundary (already checked); the search box follows it.
pub async fn set_boundary(
    pool: &PgPool,
    actor: &Actor,
    id: i64,
    version: i32,
    boundary: &Boundary,
) -> Result<Saved<EditableBeat>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let Some(current) = read_beat(&mut tx, id).await? else {
        return Ok(Saved::Missing);
    };
    if current.version != version {
        return Ok(Saved::Conflict(Box::new(current)));
    }
    let before = sqlx::query_scalar!(
        r#"SELECT boundary AS "boundary: Json<Boundary>" FROM beats WHERE id = $1"#,
        id
    )
    .fetch_one(&mut *tx)
    .await?;
    let (min_lon, min_lat, max_lon, max_lat) = boundary.bbox();
    sqlx::query!(
        "UPDATE beats SET boundary = $2, bbox = box(point($3, $4), point($5, $6)),
                version = version + 1, updated_at = now()
         WHERE id = $1",
        id,
        Json(boundary) as Json<&Boundary>,
        min_lon,
        min_lat,
        max_lon,
        max_lat
    )
    .execute(&mut *tx)
    .await?;
    let target = format!("beat:{id}");
    let (before, after) = (json!({"boundary": before.0}), json!({"boundary": boundary}));
    let action = AuditAction::BoundaryChanged;
    audit_change(&mut tx, actor, action, &target, Some(before), &after).await?;
    tx.commit().await?;
    Ok(Saved::Done(id))
}

/// A new inspector, shown at once on every instance; the external id is `admin-inspector-{id}`.
pub async fn create_inspector(
    pool: &PgPool,
    actor: &Actor,
    d: &InspectorDetails,
) -> Result<i64, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let hours = Json(&d.reception_hours);
    let search = fold(&format!("{} {} {}", d.name.ru, d.name.kk, d.name.en));
    let id = sqlx::query_scalar!(
        r#"WITH n AS (SELECT nextval(pg_get_serial_sequence('inspectors', 'id')) AS id)
           INSERT INTO inspectors (id, external_id, name_kk, name_ru, name_en, rank, position,
                                   work_phone, post_id, reception_hours, active, search_text,
                                   slot_minutes)
           SELECT n.id, 'admin-inspector-' || n.id, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11
           FROM n
           RETURNING id"#,
        d.name.kk,
        d.name.ru,
        d.name.en,
        d.rank.code(),
        d.position.code(),
        d.work_phone,
        d.post,
        hours as Json<&OpeningHours>,
        d.active,
        search,
        d.slot_minutes
    )
    .fetch_one(&mut *tx)
    .await?;
    let target = format!("inspector:{id}");
    let after = inspector_json(d);
    audit_change(
        &mut tx,
        actor,
        AuditAction::InspectorCreated,
        &target,
        None,
        &after,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}
