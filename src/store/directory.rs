//! Administrators' changes to the directory: each change and its audit record (with the record
//! before and after) in one transaction, and optimistic locking by version.

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use sqlx::types::Json;
use sqlx::{PgConnection, PgPool};

use super::moderation::Actor;
use crate::domain::geo::Coordinates;
use crate::domain::hours::OpeningHours;
use crate::domain::lang::Localized;
use crate::domain::moderation::AuditAction;
use crate::domain::post::{PostKind, PostStatus};
use crate::domain::post_form::PostDetails;

/// A post as its edit form shows it, at the version it was read.
#[derive(Clone, Debug)]
pub struct EditablePost {
    pub id: i64,
    pub version: i32,
    pub details: PostDetails,
    pub updated_at: DateTime<Utc>,
}

/// A line of the administrators' list of posts.
#[derive(Clone, Debug)]
pub struct PostLine {
    pub id: i64,
    pub kind: PostKind,
    pub status: PostStatus,
    pub name: Localized,
    pub address: Localized,
    pub updated_at: DateTime<Utc>,
}

/// What the list is narrowed to.
#[derive(Clone, Debug, Default)]
pub struct PostFilter {
    /// Part of a name or an address, in any language.
    pub q: Option<String>,
    pub kind: Option<PostKind>,
    pub status: Option<PostStatus>,
}

/// What saving an edit of a record of kind `T` came to.
#[derive(Debug)]
pub enum Saved<T> {
    Done(i64),
    /// Someone saved a newer version first: this is it; nothing was written.
    Conflict(Box<T>),
    Missing,
}

/// The record as the audit log keeps it.
fn post_json(p: &PostDetails) -> Value {
    json!({
        "kind": p.kind.code(),
        "status": p.status.code(),
        "name": {"kk": p.name.kk, "ru": p.name.ru, "en": p.name.en},
        "address": {"kk": p.address.kk, "ru": p.address.ru, "en": p.address.en},
        "lat": p.coordinates.lat(),
        "lon": p.coordinates.lon(),
        "phones": p.phones,
        "hours": p.hours.to_text(),
        "services": p.services,
        "living_quarters": p.with_living_quarters,
    })
}

/// An audit row for a change to a record of the directory or a staff account.
pub(super) async fn audit_change(
    conn: &mut PgConnection,
    actor: &Actor,
    action: AuditAction,
    target: &str,
    before: Option<Value>,
    after: &Value,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "INSERT INTO audit_log (staff_id, staff_email, action, client, target, before, after)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        actor.staff_id,
        actor.staff_email,
        action.code(),
        actor.client,
        target,
        before,
        after
    )
    .execute(conn)
    .await?;
    Ok(())
}

struct LineRow {
    id: i64,
    kind: PostKind,
    status: PostStatus,
    name_kk: String,
    name_ru: String,
    name_en: String,
    address_kk: String,
    address_ru: String,
    address_en: String,
    updated_at: DateTime<Utc>,
}

fn localized(kk: String, ru: String, en: String) -> Localized {
    Localized { kk, ru, en }
}

pub async fn posts(pool: &PgPool, filter: &PostFilter) -> Result<Vec<PostLine>, sqlx::Error> {
    let pattern = filter.q.as_deref().map(|q| format!("%{}%", q.trim()));
    let rows = sqlx::query_as!(
        LineRow,
        r#"SELECT id, kind AS "kind: PostKind", status AS "status: PostStatus",
                  name_kk, name_ru, name_en, address_kk, address_ru, address_en, updated_at
           FROM posts
           WHERE ($1::text IS NULL OR concat_ws(' ', name_kk, name_ru, name_en, address_kk,
                                               address_ru, address_en) ILIKE $1)
             AND ($2::post_kind IS NULL OR kind = $2)
             AND ($3::post_status IS NULL OR status = $3)
           ORDER BY name_ru, id"#,
        pattern,
        filter.kind as Option<PostKind>,
        filter.status as Option<PostStatus>,
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| PostLine {
            id: r.id,
            kind: r.kind,
            status: r.status,
            name: localized(r.name_kk, r.name_ru, r.name_en),
            address: localized(r.address_kk, r.address_ru, r.address_en),
            updated_at: r.updated_at,
        })
        .collect())
}

struct EditRow {
    id: i64,
    version: i32,
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
    with_living_quarters: bool,
    updated_at: DateTime<Utc>,
}

impl EditRow {
    fn into_editable(self) -> Result<EditablePost, sqlx::Error> {
        let coordinates =
            Coordinates::new(self.lat, self.lon).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
        Ok(EditablePost {
            id: self.id,
            version: self.version,
            updated_at: self.updated_at,
            details: PostDetails {
                kind: self.kind,
                status: self.status,
                name: localized(self.name_kk, self.name_ru, self.name_en),
                address: localized(self.address_kk, self.address_ru, self.address_en),
                coordinates,
                phones: self.phones,
                hours: self.hours.0,
                services: self.services,
                with_living_quarters: self.with_living_quarters,
            },
        })
    }
}

async fn read_post(
    conn: &mut PgConnection,
    id: i64,
    lock: bool,
) -> Result<Option<EditablePost>, sqlx::Error> {
    // The same row either way; locked when it is about to be changed.
    let row = if lock {
        sqlx::query_as!(
            EditRow,
            r#"SELECT id, version, kind AS "kind: PostKind", status AS "status: PostStatus",
                      name_kk, name_ru, name_en, address_kk, address_ru, address_en,
                      lat, lon, phones, hours AS "hours: Json<OpeningHours>", services,
                      with_living_quarters, updated_at
               FROM posts WHERE id = $1 FOR UPDATE"#,
            id
        )
        .fetch_optional(conn)
        .await?
    } else {
        sqlx::query_as!(
            EditRow,
            r#"SELECT id, version, kind AS "kind: PostKind", status AS "status: PostStatus",
                      name_kk, name_ru, name_en, address_kk, address_ru, address_en,
                      lat, lon, phones, hours AS "hours: Json<OpeningHours>", services,
                      with_living_quarters, updated_at
               FROM posts WHERE id = $1"#,
            id
        )
        .fetch_optional(conn)
        .await?
    };
    row.map(EditRow::into_editable).transpose()
}

pub async fn post(pool: &PgPool, id: i64) -> Result<Option<EditablePost>, sqlx::Error> {
    let mut conn = pool.acquire().await?;
    read_post(&mut conn, id, false).await
}

/// A new post, found at once by every instance's searches; its external id is `admin-{id}`.
pub async fn create_post(
    pool: &PgPool,
    actor: &Actor,
    post: &PostDetails,
) -> Result<i64, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let hours = Json(&post.hours);
    let id = sqlx::query_scalar!(
        r#"WITH n AS (SELECT nextval(pg_get_serial_sequence('posts', 'id')) AS id)
           INSERT INTO posts (id, external_id, kind, status, name_kk, name_ru, name_en,
                              address_kk, address_ru, address_en, lat, lon, phones, hours,
                              services, with_living_quarters)
           SELECT n.id, 'admin-' || n.id, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,
                  $13, $14
           FROM n
           RETURNING id"#,
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
    )
    .fetch_one(&mut *tx)
    .await?;
    let target = format!("post:{id}");
    let after = post_json(post);
    audit_change(
        &mut tx,
        actor,
        AuditAction::PostCreated,
        &target,
        None,
        &after,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Saves a post edited from `version`; a newer version in the database is a conflict.
pub async fn update_post(
    pool: &PgPool,
    actor: &Actor,
    id: i64,
    version: i32,
    post: &PostDetails,
) -> Result<Saved<EditablePost>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let Some(current) = read_post(&mut tx, id, true).await? else {
        return Ok(Saved::Missing);
    };
    if current.version != version {
        return Ok(Saved::Conflict(Box::new(current)));
    }
    let hours = Json(&post.hours);
    sqlx::query!(
        "UPDATE posts SET kind = $2, status = $3, name_kk = $4, name_ru = $5, name_en = $6,
                address_kk = $7, address_ru = $8, address_en = $9, lat = $10, lon = $11,
                phones = $12, hours = $13, services = $14, with_living_quarters = $15,
                version = version + 1, updated_at = now()
         WHERE id = $1",
        id,
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
    )
    .execute(&mut *tx)
    .await?;
    let target = format!("post:{id}");
    let (before, after) = (post_json(&current.details), post_json(post));
    audit_change(
        &mut tx,
        actor,
        AuditAction::PostUpdated,
        &target,
        Some(before),
        &after,
    )
    .await?;
    tx.commit().await?;
    Ok(Saved::Done(id))
}

/// The directory's tables an import writes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DirectoryTable {
    Posts,
    Places,
    Inspectors,
    Beats,
}

/// Whether a record with this external id is stored (an import's preview tells added from
/// changed).
pub async fn exists(
    conn: &mut PgConnection,
    table: DirectoryTable,
    external_id: &str,
) -> Result<bool, sqlx::Error> {
    let found = match table {
        DirectoryTable::Posts => {
            sqlx::query_scalar!(
                r#"SELECT EXISTS (SELECT 1 FROM posts WHERE external_id = $1) AS "e!""#,
                external_id
            )
            .fetch_one(conn)
            .await?
        }
        DirectoryTable::Places => {
            sqlx::query_scalar!(
                r#"SELECT EXISTS (SELECT 1 FROM places WHERE external_id = $1) AS "e!""#,
                external_id
            )
            .fetch_one(conn)
            .await?
        }
        DirectoryTable::Inspectors => {
            sqlx::query_scalar!(
                r#"SELECT EXISTS (SELECT 1 FROM inspectors WHERE external_id = $1) AS "e!""#,
                external_id
            )
            .fetch_one(conn)
            .await?
        }
        DirectoryTable::Beats => {
            sqlx::query_scalar!(
                r#"SELECT EXISTS (SELECT 1 FROM beats WHERE external_id = $1) AS "e!""#,
                external_id
            )
            .fetch_one(conn)
            .await?
        }
    };
    Ok(found)
}

/// An uploaded import waiting for the administrator's confirmation after its preview.
#[derive(Clone, Debug)]
pub struct PendingImport {
    pub id: i64,
    pub kind: String,
    pub csv: bool,
    pub body: String,
}

pub async fn hold_import(
    pool: &PgPool,
    staff_id: i64,
    kind: &str,
    csv: bool,
    body: &str,
) -> Result<i64, sqlx::Error> {
    // Waiting imports older than a day are forgotten.
    sqlx::query!("DELETE FROM pending_imports WHERE created_at < now() - interval '1 day'")
        .execute(pool)
        .await?;
    sqlx::query_scalar!(
        "INSERT INTO pending_imports (staff_id, kind, csv, body) VALUES ($1, $2, $3, $4)
         RETURNING id",
        staff_id,
        kind,
        csv,
        body
    )
    .fetch_one(pool)
    .await
}

/// Takes a waiting import of this staff member: it can be confirmed once.
pub async fn take_import(
    pool: &PgPool,
    staff_id: i64,
    id: i64,
) -> Result<Option<PendingImport>, sqlx::Error> {
    sqlx::query_as!(
        PendingImport,
        "DELETE FROM pending_imports WHERE id = $1 AND staff_id = $2
         AND created_at > now() - interval '1 day'
         RETURNING id, kind, csv, body",
        id,
        staff_id
    )
    .fetch_optional(pool)
    .await
}

/// Records an import in the audit log.
pub async fn audit_import(
    pool: &PgPool,
    actor: &Actor,
    kind: &str,
    summary: &Value,
) -> Result<(), sqlx::Error> {
    let mut conn = pool.acquire().await?;
    let target = format!("import:{kind}");
    audit_change(
        &mut conn,
        actor,
        AuditAction::Imported,
        &target,
        None,
        summary,
    )
    .await
}
