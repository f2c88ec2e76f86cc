//! Administrators' changes to the gazetteer: a place added, renamed or moved, with its audit
//! row in the same transaction and optimistic locking by version.

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use sqlx::{PgConnection, PgPool};

use super::directory::{Saved, audit_change};
use super::moderation::Actor;
use crate::domain::geo::Coordinates;
use crate::domain::lang::Localized;
use crate::domain::moderation::AuditAction;
use crate::domain::place::PlaceKind;
use crate::domain::place_form::PlaceDetails;
use crate::domain::text::fold;

#[derive(Clone, Debug)]
pub struct EditablePlace {
    pub id: i64,
    pub version: i32,
    pub details: PlaceDetails,
    pub updated_at: DateTime<Utc>,
}

fn place_json(p: &PlaceDetails) -> Value {
    json!({
        "kind": p.kind.code(),
        "name": {"kk": p.name.kk, "ru": p.name.ru, "en": p.name.en},
        "lat": p.coordinates.lat(),
        "lon": p.coordinates.lon(),
    })
}

/// Places in name order, those whose names contain `q` (in any language) if given.
pub async fn places(
    pool: &PgPool,
    q: Option<&str>,
    limit: i64,
) -> Result<Vec<(i64, PlaceKind, Localized)>, sqlx::Error> {
    let pattern = q.map(|q| format!("%{}%", fold(q)));
    let rows = sqlx::query!(
        r#"SELECT id, kind AS "kind: PlaceKind", name_kk, name_ru, name_en FROM places
           WHERE ($1::text IS NULL OR search_text LIKE $1)
           ORDER BY name_ru, id LIMIT $2"#,
        pattern,
        limit
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                r.id,
                r.kind,
                Localized {
                    kk: r.name_kk,
                    ru: r.name_ru,
                    en: r.name_en,
                },
            )
        })
        .collect())
}

async fn read_place(
    conn: &mut PgConnection,
    id: i64,
) -> Result<Option<EditablePlace>, sqlx::Error> {
    let row = sqlx::query!(
        r#"SELECT id, version, kind AS "kind: PlaceKind", name_kk, name_ru, name_en, lat, lon,
                  updated_at
           FROM places WHERE id = $1 FOR UPDATE"#,
        id
    )
    .fetch_optional(conn)
    .await?;
    let Some(r) = row else {
        return Ok(None);
    };
    let coordinates =
        Coordinates::new(r.lat, r.lon).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
    Ok(Some(EditablePlace {
        id: r.id,
        version: r.version,
        updated_at: r.updated_at,
        details: PlaceDetails {
            kind: r.kind,
            name: Localized {
                kk: r.name_kk,
                ru: r.name_ru,
                en: r.name_en,
            },
            coordinates,
        },
    }))
}

pub async fn place(pool: &PgPool, id: i64) -> Result<Option<EditablePlace>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let found = read_place(&mut tx, id).await?;
    tx.commit().await?;
    Ok(found)
}

fn search_text(p: &PlaceDetails) -> String {
    fold(&format!("{} {} {}", p.name.ru, p.name.kk, p.name.en))
}

/// A new place, found at once by every instance's searches; its external id is
/// `admin-place-{id}`.
pub async fn create_place(
    pool: &PgPool,
    actor: &Actor,
    p: &PlaceDetails,
) -> Result<i64, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let id = sqlx::query_scalar!(
        r#"WITH n AS (SELECT nextval(pg_get_serial_sequence('places', 'id')) AS id)
           INSERT INTO places (id, external_id, kind, name_kk, name_ru, name_en, lat, lon,
                               search_text)
           SELECT n.id, 'admin-place-' || n.id, $1, $2, $3, $4, $5, $6, $7 FROM n
           RETURNING id"#,
        p.kind as PlaceKind,
        p.name.kk,
        p.name.ru,
        p.name.en,
        p.coordinates.lat(),
        p.coordinates.lon(),
        search_text(p)
    )
    .fetch_one(&mut *tx)
    .await?;
    let target = format!("place:{id}");
    audit_change(
        &mut tx,
        actor,
        AuditAction::PlaceCreated,
        &target,
        None,
        &place_json(p),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn update_place(
    pool: &PgPool,
    actor: &Actor,
    id: i64,
    version: i32,
    p: &PlaceDetails,
) -> Result<Saved<EditablePlace>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let Some(current) = read_place(&mut tx, id).await? else {
        return Ok(Saved::Missing);
    };
    if current.version != version {
        return Ok(Saved::Conflict(Box::new(current)));
    }
    sqlx::query!(
        "UPDATE places SET kind = $2, name_kk = $3, name_ru = $4, name_en = $5, lat = $6,
                lon = $7, search_text = $8, version = version + 1, updated_at = now()
         WHERE id = $1",
        id,
        p.kind as PlaceKind,
        p.name.kk,
        p.name.ru,
        p.name.en,
        p.coordinates.lat(),
        p.coordinates.lon(),
        search_text(p)
    )
    .execute(&mut *tx)
    .await?;
    let target = format!("place:{id}");
    let (before, after) = (place_json(&current.details), place_json(p));
    audit_change(
        &mut tx,
        actor,
        AuditAction::PlaceUpdated,
        &target,
        Some(before),
        &after,
    )
    .await?;
    tx.commit().await?;
    Ok(Saved::Done(id))
}
