//! Shared rate limits: counters per key and fixed window, atomic under concurrency, so that
//! any number of instances on one database count together. The sliding estimate is the SQL
//! function `rate_count` (migration 0012), so a statement can count and decide in one trip.

use sqlx::PgPool;

/// A limit on events per key: what it counts (a keyed hash, never an address or an e-mail),
/// its window, and how many events a window allows.
#[derive(Clone, Debug)]
pub struct Counted {
    pub key: Vec<u8>,
    pub window_secs: i32,
    pub per_window: i32,
}

/// Counts one event; false when the key is over its limit.
pub async fn allow(pool: &PgPool, limit: &Counted) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!(
        r#"SELECT rate_count($1, $2, true) <= $3 AS "allowed!""#,
        limit.key,
        limit.window_secs,
        f64::from(limit.per_window),
    )
    .fetch_one(pool)
    .await
}

/// Whether the key has used up its limit already, without counting an event.
pub async fn exhausted(pool: &PgPool, limit: &Counted) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!(
        r#"SELECT rate_count($1, $2, false) >= $3 AS "exhausted!""#,
        limit.key,
        limit.window_secs,
        f64::from(limit.per_window),
    )
    .fetch_one(pool)
    .await
}

/// Deletes windows that ended more than `keep_secs` ago; how many.
pub async fn forget_old(pool: &PgPool, keep_secs: i32) -> Result<u64, sqlx::Error> {
    let done = sqlx::query!(
        "DELETE FROM rate_counters WHERE window_start < now() - make_interval(secs => $1)",
        f64::from(keep_secs),
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}
