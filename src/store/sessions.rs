//! Staff sessions on the server: begun at sign-in, checked on every request, ended at once.

use sqlx::PgPool;

use super::staff::DbRole;
use crate::domain::moderation::StaffRole;

/// The account a valid session belongs to.
#[derive(Clone, Debug)]
pub struct SessionAccount {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: StaffRole,
    /// Whether the account has two-factor sign-in set up.
    pub two_factor: bool,
}

pub async fn begin(pool: &PgPool, token_hash: &[u8], staff_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "INSERT INTO staff_sessions (token_hash, staff_id) VALUES ($1, $2)",
        token_hash,
        staff_id
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// The session's account if the session is open, of an active account, seen within
/// `idle_secs` and begun within `lifetime_secs`; marks it seen.
pub async fn touch(
    pool: &PgPool,
    token_hash: &[u8],
    idle_secs: f64,
    lifetime_secs: f64,
) -> Result<Option<SessionAccount>, sqlx::Error> {
    let row = sqlx::query!(
        r#"UPDATE staff_sessions s SET seen_at = now()
           FROM staff a
           WHERE s.token_hash = $1 AND s.ended_at IS NULL AND a.id = s.staff_id AND a.active
             AND s.seen_at > now() - make_interval(secs => $2)
             AND s.started_at > now() - make_interval(secs => $3)
           RETURNING a.id, a.email, a.name, a.role AS "role: DbRole",
                     EXISTS (SELECT 1 FROM staff_two_factor t
                             WHERE t.staff_id = a.id AND t.enabled_at IS NOT NULL)
                         AS "two_factor!""#,
        token_hash,
        idle_secs,
        lifetime_secs
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| SessionAccount {
        id: r.id,
        email: r.email,
        name: r.name,
        role: r.role.into(),
        two_factor: r.two_factor,
    }))
}

/// Ends one session (sign-out).
pub async fn end(pool: &PgPool, token_hash: &[u8]) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "UPDATE staff_sessions SET ended_at = now() WHERE token_hash = $1 AND ended_at IS NULL",
        token_hash
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// Ends every open session of an account but `keep` (a password change keeps its own);
/// how many were ended.
pub async fn end_all_of(
    pool: &PgPool,
    staff_id: i64,
    keep: Option<&[u8]>,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query!(
        "UPDATE staff_sessions SET ended_at = now()
         WHERE staff_id = $1 AND ended_at IS NULL AND ($2::bytea IS NULL OR token_hash <> $2)",
        staff_id,
        keep
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}

/// Ends every open session of every account; how many.
pub async fn end_all(pool: &PgPool) -> Result<u64, sqlx::Error> {
    let done = sqlx::query!("UPDATE staff_sessions SET ended_at = now() WHERE ended_at IS NULL")
        .execute(pool)
        .await?;
    Ok(done.rows_affected())
}

/// Deletes sessions that ended, or went idle, more than `keep_secs` ago.
pub async fn forget_old(pool: &PgPool, keep_secs: f64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query!(
        "DELETE FROM staff_sessions
         WHERE coalesce(ended_at, seen_at) < now() - make_interval(secs => $1)",
        keep_secs
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}
