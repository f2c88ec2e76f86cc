//! Open311 API keys: issued and revoked by administrators (command line or /staff), kept as
//! hashes, each change audited.

use chrono::{DateTime, Utc};
use sqlx::PgPool;

use super::moderation::{Actor, audit_in};
use super::submissions::KeyUse;
use crate::domain::moderation::AuditAction;
use crate::domain::open311::{api_key_hash, api_key_prefix, new_api_key};

/// A key as administrators see it: never the key itself.
#[derive(Clone, Debug)]
pub struct ApiKeyLine {
    pub id: i64,
    pub name: String,
    pub prefix: String,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    pub revoked_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
    /// Requests filed with it.
    pub filed: i64,
}

/// Issues a key named `name`: the key, shown once, or None when the name is taken.
pub async fn issue(pool: &PgPool, name: &str, by: &Actor) -> Result<Option<String>, sqlx::Error> {
    let key = new_api_key();
    let mut tx = pool.begin().await?;
    let id = sqlx::query_scalar!(
        "INSERT INTO api_keys (name, key_hash, prefix, created_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (name) DO NOTHING RETURNING id",
        name,
        api_key_hash(&key),
        api_key_prefix(&key),
        by.staff_email,
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(id) = id else {
        return Ok(None);
    };
    audit_key(&mut tx, by, AuditAction::ApiKeyIssued, id, name).await?;
    tx.commit().await?;
    Ok(Some(key))
}

/// Revokes the key named `name`; false when there is no such key in use.
pub async fn revoke(pool: &PgPool, name: &str, by: &Actor) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let id = sqlx::query_scalar!(
        "UPDATE api_keys SET revoked_at = now(), revoked_by = $2
         WHERE name = $1 AND revoked_at IS NULL RETURNING id",
        name,
        by.staff_email,
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(id) = id else {
        return Ok(false);
    };
    audit_key(&mut tx, by, AuditAction::ApiKeyRevoked, id, name).await?;
    tx.commit().await?;
    Ok(true)
}

async fn audit_key(
    conn: &mut sqlx::PgConnection,
    by: &Actor,
    action: AuditAction,
    id: i64,
    name: &str,
) -> Result<(), sqlx::Error> {
    audit_in(conn, by, action, &format!("api_key:{id}"), name).await
}

/// The key in use that `key` is, marked as used now; None for an unknown or revoked key.
pub async fn find(pool: &PgPool, key: &str) -> Result<Option<KeyUse>, sqlx::Error> {
    let row = sqlx::query!(
        "UPDATE api_keys SET last_used_at = now()
         WHERE key_hash = $1 AND revoked_at IS NULL RETURNING id, name",
        api_key_hash(key),
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| KeyUse {
        id: r.id,
        name: r.name,
    }))
}

/// Every key, those in use first.
pub async fn lines(pool: &PgPool) -> Result<Vec<ApiKeyLine>, sqlx::Error> {
    sqlx::query_as!(
        ApiKeyLine,
        r#"SELECT k.id, k.name, k.prefix, k.created_at, k.created_by, k.revoked_at,
                  k.last_used_at,
                  (SELECT count(*) FROM submissions s WHERE s.api_key_id = k.id) AS "filed!"
           FROM api_keys k
           ORDER BY k.revoked_at IS NOT NULL, k.name"#
    )
    .fetch_all(pool)
    .await
}
