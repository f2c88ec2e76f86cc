//! What tests start from: staff accounts, a resident's thanks, police posts of their own.

use police_portal::auth::hash_password;
use police_portal::domain::geo::Coordinates;
use police_portal::domain::hours::OpeningHours;
use police_portal::domain::lang::Localized;
use police_portal::domain::moderation::StaffRole;
use police_portal::domain::post::{PostKind, PostStatus};
use police_portal::store::posts::{self, PostRecord};
use police_portal::store::staff as accounts;
use sqlx::PgPool;

pub use super::app::TEST_SECRET;

pub const MODERATOR: (&str, &str) = ("moderator@police.kz", "moderator-password-1");
pub const ADMIN: (&str, &str) = ("admin@police.kz", "admin-password-12345");

/// The accounts `MODERATOR` and `ADMIN`.
pub async fn add_staff(pool: &PgPool) {
    for ((email, password), role) in [(MODERATOR, StaffRole::Moderator), (ADMIN, StaffRole::Admin)]
    {
        let hash = hash_password(password).expect("a hash");
        accounts::create(pool, email, "Staff", role, &hash)
            .await
            .expect("the account is created");
    }
}

/// A thanks whose text repeats the resident's phone number, as people write.
pub const THANKS_WITH_PHONE: &[(&str, &str)] = &[
    ("type", "thanks"),
    ("inspector", "1"),
    (
        "body",
        "Thank you, the inspector found my bag. Call me at +7 701 555 12 34.",
    ),
    ("name", "Aigerim"),
    ("phone", "+7 701 555 12 34"),
    ("consent", "1"),
];

/// `name kk`, `name ru`, `name en`.
pub fn named(name: &str) -> Localized {
    Localized {
        kk: format!("{name} kk"),
        ru: format!("{name} ru"),
        en: format!("{name} en"),
    }
}

/// A police post of a test's own (not a form POST: see `TestApp::send_form`).
pub fn police_post(
    id: &str,
    kind: PostKind,
    status: PostStatus,
    lat: f64,
    lon: f64,
    hours: &str,
) -> PostRecord {
    PostRecord {
        external_id: id.into(),
        kind,
        status,
        name: named(id),
        address: named(&format!("{id} street")),
        coordinates: Coordinates::new(lat, lon).expect("coordinates in range"),
        phones: vec!["+7 7122 00-00-01".into()],
        hours: OpeningHours::parse(hours).expect("hours a test wrote"),
        services: vec![],
        with_living_quarters: true,
        is_demo: false,
    }
}

/// Stores police posts directly, as an import would.
pub async fn seed(pool: &PgPool, records: &[PostRecord]) {
    let mut conn = pool.acquire().await.expect("a connection");
    for r in records {
        posts::upsert(&mut conn, r)
            .await
            .expect("the post is stored");
    }
}
