//! Two-factor sign-in: each account's TOTP secret and the last step used (so that no code
//! counts twice, whichever instance it reaches), its hashed recovery codes, and the sign-in
//! challenges that wait for the second factor after a right password.

use sqlx::PgPool;

use super::moderation::{Actor, audit, audit_in};
use crate::domain::moderation::AuditAction;

/// An account's secret and whether it is in use yet (false while it is being set up).
#[derive(Clone, Debug)]
pub struct Secret {
    pub secret: Vec<u8>,
    pub enabled: bool,
}

pub async fn secret(pool: &PgPool, staff_id: i64) -> Result<Option<Secret>, sqlx::Error> {
    let row = sqlx::query!(
        "SELECT secret, enabled_at IS NOT NULL AS \"enabled!\" FROM staff_two_factor
         WHERE staff_id = $1",
        staff_id
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| Secret {
        secret: r.secret,
        enabled: r.enabled,
    }))
}

/// The secret being set up: the one already offered (a reload shows the same QR code), or
/// `fresh` when there is none.
pub async fn pending(pool: &PgPool, staff_id: i64, fresh: &[u8]) -> Result<Secret, sqlx::Error> {
    sqlx::query!(
        "INSERT INTO staff_two_factor (staff_id, secret) VALUES ($1, $2)
         ON CONFLICT (staff_id) DO NOTHING",
        staff_id,
        fresh
    )
    .execute(pool)
    .await?;
    let row = sqlx::query!(
        "SELECT secret, enabled_at IS NOT NULL AS \"enabled!\" FROM staff_two_factor
         WHERE staff_id = $1",
        staff_id
    )
    .fetch_one(pool)
    .await?;
    Ok(Secret {
        secret: row.secret,
        enabled: row.enabled,
    })
}

/// Uses a step once: false when this step (or a later one) was used already.
pub async fn use_step(pool: &PgPool, staff_id: i64, step: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "UPDATE staff_two_factor SET last_step = $2
         WHERE staff_id = $1 AND enabled_at IS NOT NULL AND last_step < $2",
        staff_id,
        step
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Turns two-factor sign-in on with the step of the first right code, replaces the recovery
/// codes with `code_hashes`, and audits it; false when it was on already.
pub async fn enable(
    pool: &PgPool,
    staff_id: i64,
    step: i64,
    code_hashes: &[Vec<u8>],
    actor: &Actor,
) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let done = sqlx::query!(
        "UPDATE staff_two_factor SET enabled_at = now(), last_step = $2
         WHERE staff_id = $1 AND enabled_at IS NULL",
        staff_id,
        step
    )
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query!(
        "DELETE FROM staff_recovery_codes WHERE staff_id = $1",
        staff_id
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "INSERT INTO staff_recovery_codes (staff_id, code_hash) SELECT $1, unnest($2::bytea[])",
        staff_id,
        code_hashes
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    audit(pool, actor, AuditAction::TotpEnabled, "").await?;
    Ok(true)
}

/// Turns two-factor sign-in off for an account (its secret and codes deleted), audited with
/// the account it was turned off for; with `end_sessions` (an administrator's reset for a lost
/// phone) its sessions end too. False when it had none.
pub async fn disable(
    pool: &PgPool,
    staff_id: i64,
    actor: &Actor,
    end_sessions: bool,
) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let had = sqlx::query!("DELETE FROM staff_two_factor WHERE staff_id = $1", staff_id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
        > 0;
    sqlx::query!(
        "DELETE FROM staff_recovery_codes WHERE staff_id = $1",
        staff_id
    )
    .execute(&mut *tx)
    .await?;
    if end_sessions {
        sqlx::query!(
            "UPDATE staff_sessions SET ended_at = now() WHERE staff_id = $1 AND ended_at IS NULL",
            staff_id
        )
        .execute(&mut *tx)
        .await?;
    }
    if had {
        let target = format!("staff:{staff_id}");
        audit_in(&mut tx, actor, AuditAction::TotpDisabled, &target, "").await?;
    }
    tx.commit().await?;
    Ok(had)
}

/// Uses a recovery code once; false when it is not one of the account's unused codes.
pub async fn use_recovery_code(
    pool: &PgPool,
    staff_id: i64,
    code_hash: &[u8],
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "UPDATE staff_recovery_codes SET used_at = now()
         WHERE staff_id = $1 AND code_hash = $2 AND used_at IS NULL",
        staff_id,
        code_hash
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Recovery codes not used yet.
pub async fn codes_left(pool: &PgPool, staff_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar!(
        "SELECT count(*) AS \"n!\" FROM staff_recovery_codes
         WHERE staff_id = $1 AND used_at IS NULL",
        staff_id
    )
    .fetch_one(pool)
    .await
}

/// A right password waiting for the second factor, for `ttl_secs`.
pub async fn challenge(
    pool: &PgPool,
    token_hash: &[u8],
    staff_id: i64,
    ttl_secs: f64,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "DELETE FROM sign_in_challenges WHERE expires_at < now() OR staff_id = $1",
        staff_id
    )
    .execute(pool)
    .await?;
    sqlx::query!(
        "INSERT INTO sign_in_challenges (token_hash, staff_id, expires_at)
         VALUES ($1, $2, now() + make_interval(secs => $3))",
        token_hash,
        staff_id,
        ttl_secs
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// The account a challenge is for, counting this attempt; None when it expired, is unknown,
/// or has had `max_attempts` already.
pub async fn attempt(
    pool: &PgPool,
    token_hash: &[u8],
    max_attempts: i32,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar!(
        "UPDATE sign_in_challenges SET attempts = attempts + 1
         WHERE token_hash = $1 AND expires_at > now() AND attempts < $2
         RETURNING staff_id",
        token_hash,
        max_attempts
    )
    .fetch_optional(pool)
    .await
}

/// The challenge is settled (signed in): it cannot be used again.
pub async fn settle(pool: &PgPool, token_hash: &[u8]) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "DELETE FROM sign_in_challenges WHERE token_hash = $1",
        token_hash
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}
