//! The staff session: the cookie carries a random token, PostgreSQL the session (its hash),
//! so that sign-out, a password change or disabling an account ends it at once everywhere.

use actix_session::Session;
use rand::RngExt;
use sha2::{Digest, Sha256};
use sqlx::PgPool;

use super::error::AppError;
use super::state::AppState;
use crate::domain::moderation::StaffRole;
use crate::store::sessions;

/// The session token in the (encrypted, signed) cookie.
const SESSION_TOKEN: &str = "staff_session";
/// The CSRF token's key in the cookie; rotated at sign-in.
const CSRF_KEY: &str = "csrf";

/// The signed-in staff member.
#[derive(Clone, Debug)]
pub struct StaffUser {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: StaffRole,
    /// The hash of this session's token, to end it or keep it.
    pub session: Vec<u8>,
    /// Whether the account has two-factor sign-in set up.
    pub two_factor: bool,
}

impl StaffUser {
    pub fn is_admin(&self) -> bool {
        self.role == StaffRole::Admin
    }

    /// Whether this account's role signs in with a second factor.
    pub fn two_factor_required(&self, state: &AppState) -> bool {
        match self.role {
            StaffRole::Admin => state.settings.two_factor_admins,
            StaffRole::Moderator => state.settings.two_factor_moderators,
        }
    }

    /// Whether this account must set up two-factor sign-in before anything else.
    pub fn must_set_up_two_factor(&self, state: &AppState) -> bool {
        self.two_factor_required(state) && !self.two_factor
    }
}

fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// The staff member this session belongs to, if the server still holds it open: within its
/// idle time and lifetime, of an active account.
pub async fn current(
    session: &Session,
    pool: &PgPool,
    state: &AppState,
) -> Result<Option<StaffUser>, AppError> {
    let Ok(Some(token)) = session.get::<String>(SESSION_TOKEN) else {
        return Ok(None);
    };
    let hash = token_hash(&token);
    let idle = state.settings.staff_idle_timeout.as_secs_f64();
    let lifetime = state.settings.staff_session_lifetime.as_secs_f64();
    let Some(account) = sessions::touch(pool, &hash, idle, lifetime).await? else {
        session.purge();
        return Ok(None);
    };
    Ok(Some(StaffUser {
        id: account.id,
        email: account.email,
        name: account.name,
        role: account.role,
        two_factor: account.two_factor,
        session: hash,
    }))
}

/// Starts a session for an account: a new token, a new cookie, a new CSRF token.
pub async fn begin(session: &Session, pool: &PgPool, staff_id: i64) -> Result<(), AppError> {
    let bytes: [u8; 32] = rand::rng().random();
    let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    sessions::begin(pool, &token_hash(&token), staff_id).await?;
    session.renew();
    session.remove(CSRF_KEY);
    session
        .insert(SESSION_TOKEN, token)
        .map_err(|e| AppError::Session(e.to_string()))
}

/// Ends this session on the server and in the cookie.
pub async fn end(session: &Session, pool: &PgPool, user: &StaffUser) -> Result<(), AppError> {
    sessions::end(pool, &user.session).await?;
    session.purge();
    Ok(())
}
