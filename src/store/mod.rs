//! The only place SQL lives: one module per table family.

pub mod accounts;
pub mod api_keys;
pub mod beat_life;
pub mod beats;
pub mod bookings;
pub mod calendar;
pub mod cases;
pub mod directory;
pub mod gazetteer;
pub mod inspectors;
pub mod limits;
pub mod moderation;
pub mod open311;
pub mod outbox;
pub mod places;
pub mod posts;
pub mod replies;
pub mod roster;
pub mod secrets;
pub mod sessions;
pub mod staff;
pub mod statistics;
pub mod submissions;
pub mod templates;
pub mod two_factor;

use sqlx::PgPool;

/// Whether the database answers a trivial query.
pub async fn ping(pool: &PgPool) -> Result<(), sqlx::Error> {
    sqlx::query_scalar!("SELECT 1 AS \"one!\"")
        .fetch_one(pool)
        .await
        .map(|_| ())
}
