//! The staff session in the cookie: who signed in, when, and under which password epoch.

use std::time::{SystemTime, UNIX_EPOCH};

use actix_session::Session;
use sqlx::PgPool;

use super::error::AppError;
use super::state::AppState;
use crate::domain::moderation::StaffRole;
use crate::store::staff::{self, StaffAccount};

const SESSION_STAFF: &str = "staff_id";
const SESSION_EPOCH: &str = "staff_epoch";
const SESSION_SIGNED_IN: &str = "staff_signed_in";
const SESSION_SEEN: &str = "staff_seen";

/// The signed-in staff member.
#[derive(Clone, Debug)]
pub struct StaffUser {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: StaffRole,
}

impl StaffUser {
    pub fn is_admin(&self) -> bool {
        self.role == StaffRole::Admin
    }
}

/// Milliseconds since the epoch: session times are kept at this precision.
fn now_millis() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

fn millis(d: std::time::Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

/// The staff member this session belongs to, if it is still valid: within its idle time and
/// lifetime, of an active account, and begun after the last password change.
pub async fn current(
    session: &Session,
    pool: &PgPool,
    state: &AppState,
) -> Result<Option<StaffUser>, AppError> {
    let Ok(Some(id)) = session.get::<i64>(SESSION_STAFF) else {
        return Ok(None);
    };
    let read = |key: &str| session.get::<i64>(key).ok().flatten().unwrap_or(0);
    let (signed_in, seen) = (read(SESSION_SIGNED_IN), read(SESSION_SEEN));
    let epoch = session.get::<i32>(SESSION_EPOCH).ok().flatten();
    let now = now_millis();
    if now - seen >= millis(state.settings.staff_idle_timeout)
        || now - signed_in >= millis(state.settings.staff_session_lifetime)
    {
        session.purge();
        return Ok(None);
    }
    let account = staff::by_id(pool, id).await?;
    let Some(account) = account.filter(|a| a.active && Some(a.session_epoch) == epoch) else {
        session.purge();
        return Ok(None);
    };
    // A cookie that cannot be updated still carries a valid sign-in; it idles out sooner.
    session.insert(SESSION_SEEN, now).ok();
    Ok(Some(StaffUser {
        id: account.id,
        email: account.email,
        name: account.name,
        role: account.role,
    }))
}

/// Starts a session for `account` under a new session id.
pub fn begin(session: &Session, account: &StaffAccount) -> Result<(), AppError> {
    session.renew();
    let now = now_millis();
    session
        .insert(SESSION_STAFF, account.id)
        .and_then(|()| session.insert(SESSION_EPOCH, account.session_epoch))
        .and_then(|()| session.insert(SESSION_SIGNED_IN, now))
        .and_then(|()| session.insert(SESSION_SEEN, now))
        .map_err(|e| AppError::Session(e.to_string()))
}

/// Keeps this session valid after a password change, which ends every other one.
pub fn keep_after_password_change(session: &Session, epoch: i32) -> Result<(), AppError> {
    session
        .insert(SESSION_EPOCH, epoch)
        .map_err(|e| AppError::Session(e.to_string()))
}
