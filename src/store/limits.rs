//! Shared rate limits: counters per key and fixed window, atomic under concurrency, so that
//! any number of instances on one database count together.

use sqlx::PgPool;

/// Counts one event for `key` in the current window of `window_secs`; the count so far.
pub async fn hit(pool: &PgPool, key: &[u8], window_secs: i32) -> Result<i32, sqlx::Error> {
    sqlx::query_scalar!(
        r#"INSERT INTO rate_counters (key, window_start, hits)
           VALUES ($1, to_timestamp(floor(extract(epoch FROM now()) / $2::float8) * $2::float8), 1)
           ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_counters.hits + 1
           RETURNING hits"#,
        key,
        f64::from(window_secs),
    )
    .fetch_one(pool)
    .await
}

/// The events counted for `key` in the current window, without counting one.
pub async fn hits(pool: &PgPool, key: &[u8], window_secs: i32) -> Result<i32, sqlx::Error> {
    let hits = sqlx::query_scalar!(
        r#"SELECT hits FROM rate_counters
           WHERE key = $1 AND window_start = to_timestamp(floor(extract(epoch FROM now()) / $2::float8) * $2::float8)"#,
        key,
        f64::from(window_secs),
    )
    .fetch_optional(pool)
    .await?;
    Ok(hits.unwrap_or(0))
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
