//! Staff accounts.

use sqlx::PgPool;

use crate::domain::moderation::StaffRole;

#[derive(Clone, Copy, Debug, PartialEq, Eq, sqlx::Type)]
#[sqlx(type_name = "staff_role", rename_all = "snake_case")]
pub enum DbRole {
    Moderator,
    Admin,
}

impl From<DbRole> for StaffRole {
    fn from(r: DbRole) -> Self {
        match r {
            DbRole::Moderator => StaffRole::Moderator,
            DbRole::Admin => StaffRole::Admin,
        }
    }
}

impl From<StaffRole> for DbRole {
    fn from(r: StaffRole) -> Self {
        match r {
            StaffRole::Moderator => DbRole::Moderator,
            StaffRole::Admin => DbRole::Admin,
        }
    }
}

#[derive(Clone, Debug)]
pub struct StaffAccount {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: StaffRole,
    pub password_hash: String,
    pub active: bool,
    pub session_epoch: i32,
}

struct StaffRow {
    id: i64,
    email: String,
    name: String,
    role: DbRole,
    password_hash: String,
    active: bool,
    session_epoch: i32,
}

impl From<StaffRow> for StaffAccount {
    fn from(r: StaffRow) -> Self {
        StaffAccount {
            id: r.id,
            email: r.email,
            name: r.name,
            role: r.role.into(),
            password_hash: r.password_hash,
            active: r.active,
            session_epoch: r.session_epoch,
        }
    }
}

/// Creates an account; false when the e-mail is taken.
pub async fn create(
    pool: &PgPool,
    email: &str,
    name: &str,
    role: StaffRole,
    password_hash: &str,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query!(
        "INSERT INTO staff (email, name, role, password_hash) VALUES ($1, $2, $3, $4)
         ON CONFLICT (email) DO NOTHING",
        email,
        name,
        DbRole::from(role) as DbRole,
        password_hash
    )
    .execute(pool)
    .await?;
    Ok(result.rows_affected() == 1)
}

pub async fn by_email(pool: &PgPool, email: &str) -> Result<Option<StaffAccount>, sqlx::Error> {
    let row = sqlx::query_as!(
        StaffRow,
        r#"SELECT id, email, name, role AS "role: DbRole", password_hash, active, session_epoch
           FROM staff WHERE email = $1"#,
        email
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(Into::into))
}

pub async fn by_id(pool: &PgPool, id: i64) -> Result<Option<StaffAccount>, sqlx::Error> {
    let row = sqlx::query_as!(
        StaffRow,
        r#"SELECT id, email, name, role AS "role: DbRole", password_hash, active, session_epoch
           FROM staff WHERE id = $1"#,
        id
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(Into::into))
}

pub async fn list(pool: &PgPool) -> Result<Vec<StaffAccount>, sqlx::Error> {
    let rows = sqlx::query_as!(
        StaffRow,
        r#"SELECT id, email, name, role AS "role: DbRole", password_hash, active, session_epoch
           FROM staff ORDER BY email"#
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// Disables an account and ends its sessions; false when there is no such account.
pub async fn disable(pool: &PgPool, email: &str) -> Result<bool, sqlx::Error> {
    let result = sqlx::query!(
        "UPDATE staff SET active = false, session_epoch = session_epoch + 1 WHERE email = $1",
        email
    )
    .execute(pool)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Sets a new password and ends every other session; returns the new session epoch.
pub async fn set_password(pool: &PgPool, id: i64, password_hash: &str) -> Result<i32, sqlx::Error> {
    sqlx::query_scalar!(
        "UPDATE staff SET password_hash = $2, session_epoch = session_epoch + 1
         WHERE id = $1 RETURNING session_epoch",
        id,
        password_hash
    )
    .fetch_one(pool)
    .await
}

/// The language a staff member last signed in with: their digest is written in it.
pub async fn set_lang(pool: &PgPool, id: i64, lang: &str) -> Result<(), sqlx::Error> {
    sqlx::query!("UPDATE staff SET lang = $2 WHERE id = $1", id, lang)
        .execute(pool)
        .await?;
    Ok(())
}

/// Whether a staff member gets the daily digest.
pub async fn wants_digest(pool: &PgPool, id: i64) -> Result<bool, sqlx::Error> {
    Ok(
        sqlx::query_scalar!("SELECT digest FROM staff WHERE id = $1", id)
            .fetch_optional(pool)
            .await?
            .unwrap_or(false),
    )
}

/// Turns a staff member's daily digest on or off, with its audit row.
pub async fn set_digest(
    pool: &PgPool,
    id: i64,
    on: bool,
    actor: &super::moderation::Actor,
) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    sqlx::query!("UPDATE staff SET digest = $2 WHERE id = $1", id, on)
        .execute(&mut *tx)
        .await?;
    super::moderation::audit_in(
        &mut tx,
        actor,
        crate::domain::moderation::AuditAction::DigestChanged,
        "",
        if on { "on" } else { "off" },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
