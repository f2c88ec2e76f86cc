//! The portal's shared secret, when none is configured: the first instance's candidate wins.

use sqlx::PgPool;

/// The secret every instance on this database uses; `candidate` becomes it if there is none.
pub async fn shared(pool: &PgPool, candidate: &str) -> Result<String, sqlx::Error> {
    sqlx::query!(
        "INSERT INTO portal_secret (id, key) VALUES (1, $1) ON CONFLICT (id) DO NOTHING",
        candidate
    )
    .execute(pool)
    .await?;
    sqlx::query_scalar!("SELECT key FROM portal_secret WHERE id = 1")
        .fetch_one(pool)
        .await
}
