//! Shared rate limits: counters per key and fixed window, atomic under concurrency, so that
//! any number of instances on one database count together.

use sqlx::PgPool;

/// The counts a sliding window is estimated from: this window's, the previous one's, and how
/// far into this window we are (0..1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Windows {
    pub current: i32,
    pub previous: i32,
    pub elapsed: f64,
}

/// Counts one event for `key` in the current window of `window_secs`.
pub async fn hit(pool: &PgPool, key: &[u8], window_secs: i32) -> Result<Windows, sqlx::Error> {
    let row = sqlx::query!(
        r#"WITH w AS (SELECT to_timestamp(floor(extract(epoch FROM now()) / $2::float8)
                                          * $2::float8) AS start),
                hit AS (INSERT INTO rate_counters (key, window_start, hits)
                        SELECT $1, start, 1 FROM w
                        ON CONFLICT (key, window_start)
                        DO UPDATE SET hits = rate_counters.hits + 1
                        RETURNING hits)
           SELECT (SELECT hits FROM hit) AS "current!",
                  coalesce((SELECT r.hits FROM rate_counters r, w
                            WHERE r.key = $1
                              AND r.window_start = w.start - make_interval(secs => $2::float8)),
                           0) AS "previous!",
                  (SELECT (extract(epoch FROM now()) - extract(epoch FROM start))::float8
                          / $2::float8 FROM w) AS "elapsed!""#,
        key,
        f64::from(window_secs),
    )
    .fetch_one(pool)
    .await?;
    Ok(Windows {
        current: row.current,
        previous: row.previous,
        elapsed: row.elapsed,
    })
}

/// The same counts without counting an event.
pub async fn hits(pool: &PgPool, key: &[u8], window_secs: i32) -> Result<Windows, sqlx::Error> {
    let row = sqlx::query!(
        r#"WITH w AS (SELECT to_timestamp(floor(extract(epoch FROM now()) / $2::float8)
                                          * $2::float8) AS start)
           SELECT coalesce((SELECT r.hits FROM rate_counters r, w
                            WHERE r.key = $1 AND r.window_start = w.start), 0) AS "current!",
                  coalesce((SELECT r.hits FROM rate_counters r, w
                            WHERE r.key = $1
                              AND r.window_start = w.start - make_interval(secs => $2::float8)),
                           0) AS "previous!",
                  (SELECT (extract(epoch FROM now()) - extract(epoch FROM start))::float8
                          / $2::float8 FROM w) AS "elapsed!""#,
        key,
        f64::from(window_secs),
    )
    .fetch_one(pool)
    .await?;
    Ok(Windows {
        current: row.current,
        previous: row.previous,
        elapsed: row.elapsed,
    })
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
