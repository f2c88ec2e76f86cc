//! Administrators' changes to staff accounts: invitations (a one-use link, stored as a hash),
//! role, disabling, ending sessions. Each change and its audit row in one transaction; the
//! last active administrator can be neither disabled nor made a moderator.

use serde_json::{Value, json};
use sqlx::{PgConnection, PgPool};

use super::directory::audit_change;
use super::moderation::Actor;
use super::staff::DbRole;
use crate::domain::moderation::{AuditAction, StaffRole};

/// What an administrator does to an account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    Role(StaffRole),
    Disable,
    Enable,
    EndSessions,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Changed {
    Done,
    /// The change would leave no active administrator.
    LastAdmin,
    Missing,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Invited {
    Done(i64),
    /// An account with this e-mail exists.
    Taken,
}

/// An open invitation, as its page shows it.
#[derive(Clone, Debug)]
pub struct Invitation {
    pub email: String,
    pub name: String,
}

fn account_json(email: &str, name: &str, role: StaffRole, active: bool) -> Value {
    json!({"email": email, "name": name, "role": role.code(), "active": active})
}

struct Row {
    id: i64,
    email: String,
    name: String,
    role: DbRole,
    active: bool,
}

async fn locked(conn: &mut PgConnection, id: i64) -> Result<Option<Row>, sqlx::Error> {
    sqlx::query_as!(
        Row,
        r#"SELECT id, email, name, role AS "role: DbRole", active FROM staff
           WHERE id = $1 FOR UPDATE"#,
        id
    )
    .fetch_optional(conn)
    .await
}

async fn new_invitation(
    conn: &mut PgConnection,
    staff_id: i64,
    created_by: Option<i64>,
    token_hash: &[u8],
    valid_secs: f64,
) -> Result<(), sqlx::Error> {
    // A new link replaces any earlier one that was not used.
    sqlx::query!(
        "DELETE FROM staff_invitations WHERE staff_id = $1 AND used_at IS NULL",
        staff_id
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "INSERT INTO staff_invitations (token_hash, staff_id, created_by, expires_at)
         VALUES ($1, $2, $3, now() + make_interval(secs => $4))",
        token_hash,
        staff_id,
        created_by,
        valid_secs
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A new account without a password, and its invitation.
pub async fn invite(
    pool: &PgPool,
    actor: &Actor,
    (email, name, role): (&str, &str, StaffRole),
    token_hash: &[u8],
    valid_secs: f64,
) -> Result<Invited, sqlx::Error> {
    let mut tx = pool.begin().await?;
    // An empty hash matches no password until the invitation sets one.
    let id = sqlx::query_scalar!(
        "INSERT INTO staff (email, name, role, password_hash) VALUES ($1, $2, $3, '')
         ON CONFLICT (email) DO NOTHING RETURNING id",
        email,
        name,
        DbRole::from(role) as DbRole
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(id) = id else {
        return Ok(Invited::Taken);
    };
    new_invitation(&mut tx, id, actor.staff_id, token_hash, valid_secs).await?;
    let after = account_json(email, name, role, true);
    let target = format!("staff:{id}");
    audit_change(
        &mut tx,
        actor,
        AuditAction::StaffInvited,
        &target,
        None,
        &after,
    )
    .await?;
    tx.commit().await?;
    Ok(Invited::Done(id))
}

/// A new link for an existing account (a forgotten password, an expired invitation).
pub async fn reinvite(
    pool: &PgPool,
    actor: &Actor,
    id: i64,
    token_hash: &[u8],
    valid_secs: f64,
) -> Result<Changed, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let Some(row) = locked(&mut tx, id).await? else {
        return Ok(Changed::Missing);
    };
    new_invitation(&mut tx, id, actor.staff_id, token_hash, valid_secs).await?;
    let now = account_json(&row.email, &row.name, row.role.into(), row.active);
    let target = format!("staff:{id}");
    audit_change(
        &mut tx,
        actor,
        AuditAction::StaffInvited,
        &target,
        Some(now.clone()),
        &now,
    )
    .await?;
    tx.commit().await?;
    Ok(Changed::Done)
}

/// Applies a change; the active administrators are locked first, so that two administrators
/// disabling each other at once cannot both succeed.
pub async fn change(
    pool: &PgPool,
    actor: &Actor,
    id: i64,
    change: Change,
) -> Result<Changed, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let admins = sqlx::query_scalar!(
        "SELECT id FROM staff WHERE role = 'admin' AND active ORDER BY id FOR UPDATE"
    )
    .fetch_all(&mut *tx)
    .await?;
    let Some(row) = locked(&mut tx, id).await? else {
        return Ok(Changed::Missing);
    };
    let role: StaffRole = row.role.into();
    let (new_role, active, action) = match change {
        Change::Role(r) => (r, row.active, AuditAction::StaffRoleChanged),
        Change::Disable => (role, false, AuditAction::StaffDisabled),
        Change::Enable => (role, true, AuditAction::StaffEnabled),
        Change::EndSessions => (role, row.active, AuditAction::StaffSessionsEnded),
    };
    let stays_admin = new_role == StaffRole::Admin && active;
    if admins == [id] && !stays_admin {
        return Ok(Changed::LastAdmin);
    }
    // Every change but enabling ends the account's sessions (a new role is taken up at the
    // next sign-in).
    let end_sessions = change != Change::Enable;
    sqlx::query!(
        "UPDATE staff SET role = $2, active = $3,
                session_epoch = session_epoch + CASE WHEN $4 THEN 1 ELSE 0 END
         WHERE id = $1",
        id,
        DbRole::from(new_role) as DbRole,
        active,
        end_sessions
    )
    .execute(&mut *tx)
    .await?;
    if end_sessions {
        sqlx::query!(
            "UPDATE staff_sessions SET ended_at = now() WHERE staff_id = $1 AND ended_at IS NULL",
            id
        )
        .execute(&mut *tx)
        .await?;
    }
    let before = account_json(&row.email, &row.name, role, row.active);
    let after = account_json(&row.email, &row.name, new_role, active);
    let target = format!("staff:{id}");
    audit_change(&mut tx, actor, action, &target, Some(before), &after).await?;
    tx.commit().await?;
    Ok(Changed::Done)
}

/// The invitation a token opens, if it is unused and not expired.
pub async fn invitation(
    pool: &PgPool,
    token_hash: &[u8],
) -> Result<Option<Invitation>, sqlx::Error> {
    sqlx::query_as!(
        Invitation,
        "SELECT s.email, s.name FROM staff_invitations i JOIN staff s ON s.id = i.staff_id
         WHERE i.token_hash = $1 AND i.used_at IS NULL AND i.expires_at > now() AND s.active",
        token_hash
    )
    .fetch_optional(pool)
    .await
}

/// Uses an invitation once: sets the password, ends any session the account had, audits;
/// the account's e-mail and name.
/// `None` when the token is unknown, used or expired.
pub async fn accept(
    pool: &PgPool,
    token_hash: &[u8],
    password_hash: &str,
    client: &str,
) -> Result<Option<Invitation>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let staff_id = sqlx::query_scalar!(
        "UPDATE staff_invitations SET used_at = now()
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
         RETURNING staff_id",
        token_hash
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(staff_id) = staff_id else {
        return Ok(None);
    };
    let row = sqlx::query_as!(
        Row,
        r#"UPDATE staff SET password_hash = $2, session_epoch = session_epoch + 1
           WHERE id = $1 AND active
           RETURNING id, email, name, role AS "role: DbRole", active"#,
        staff_id,
        password_hash
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let actor = Actor {
        staff_id: Some(row.id),
        staff_email: row.email.clone(),
        client: client.to_string(),
    };
    let now = account_json(&row.email, &row.name, row.role.into(), row.active);
    let target = format!("staff:{}", row.id);
    let action = AuditAction::InvitationAccepted;
    audit_change(&mut tx, &actor, action, &target, None, &now).await?;
    tx.commit().await?;
    Ok(Some(Invitation {
        email: row.email,
        name: row.name,
    }))
}

/// A line of the administrators' list of accounts.
#[derive(Clone, Debug)]
pub struct AccountLine {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: StaffRole,
    pub active: bool,
    /// Invited, and the invitation not yet used.
    pub pending: bool,
    pub open_sessions: i64,
    /// Two-factor sign-in is set up.
    pub two_factor: bool,
}

pub async fn list(pool: &PgPool) -> Result<Vec<AccountLine>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"SELECT s.id, s.email, s.name, s.role AS "role: DbRole", s.active,
                  s.password_hash = '' AS "pending!",
                  (SELECT count(*) FROM staff_sessions x
                   WHERE x.staff_id = s.id AND x.ended_at IS NULL) AS "open_sessions!",
                  EXISTS (SELECT 1 FROM staff_two_factor t
                          WHERE t.staff_id = s.id AND t.enabled_at IS NOT NULL) AS "two_factor!"
           FROM staff s ORDER BY s.email"#
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| AccountLine {
            id: r.id,
            email: r.email,
            name: r.name,
            role: r.role.into(),
            active: r.active,
            pending: r.pending,
            open_sessions: r.open_sessions,
            two_factor: r.two_factor,
        })
        .collect())
}
