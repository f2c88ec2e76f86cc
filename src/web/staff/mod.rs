//! Staff pages: sign-in with throttling, sessions with idle and absolute limits, password
//! change, and the role checks every `/staff` route goes through.

pub mod moderation;

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::{SystemTime, UNIX_EPOCH};

use actix_session::Session;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use askama::Template;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use serde::Deserialize;
use sqlx::PgPool;

use crate::domain::moderation::StaffRole;
use crate::store::moderation::{self as audit_store, Actor};
use crate::store::staff::{self, StaffAccount};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::PageContext;
use crate::web::security::{client_ip, client_tag, csrf_token, verify_csrf};

const SESSION_STAFF: &str = "staff_id";
const SESSION_EPOCH: &str = "staff_epoch";
const SESSION_SIGNED_IN: &str = "staff_signed_in";
const SESSION_SEEN: &str = "staff_seen";

/// Sign-in attempts allowed per account and per client each minute.
pub const ATTEMPTS_PER_ACCOUNT: u32 = 5;
pub const ATTEMPTS_PER_CLIENT: u32 = 20;
pub const MIN_PASSWORD_CHARS: usize = 12;

/// Throttles for sign-in.
pub struct SignInLimits {
    account: DefaultKeyedRateLimiter<String>,
    client: DefaultKeyedRateLimiter<IpAddr>,
}

impl Default for SignInLimits {
    fn default() -> Self {
        let quota = |n: u32| Quota::per_minute(NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN));
        Self {
            account: RateLimiter::keyed(quota(ATTEMPTS_PER_ACCOUNT)),
            client: RateLimiter::keyed(quota(ATTEMPTS_PER_CLIENT)),
        }
    }
}

impl SignInLimits {
    fn allow(&self, email: &str, client: IpAddr) -> bool {
        let account = self.account.check_key(&email.to_string()).is_ok();
        let client = self.client.check_key(&client).is_ok();
        account && client
    }
}

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

    pub fn actor(&self, req: &HttpRequest) -> Actor {
        Actor {
            staff_id: Some(self.id),
            staff_email: self.email.clone(),
            client: client_tag(client_ip(req)),
        }
    }
}

/// Milliseconds since the epoch: session times are kept at this precision.
fn now_millis() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
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
    let signed_in = session
        .get::<i64>(SESSION_SIGNED_IN)
        .ok()
        .flatten()
        .unwrap_or(0);
    let seen = session.get::<i64>(SESSION_SEEN).ok().flatten().unwrap_or(0);
    let epoch = session.get::<i32>(SESSION_EPOCH).ok().flatten();
    let now = now_millis();
    let idle = state.settings.staff_idle_timeout.as_millis() as i64;
    let lifetime = state.settings.staff_session_lifetime.as_millis() as i64;
    if now - seen >= idle || now - signed_in >= lifetime {
        session.purge();
        return Ok(None);
    }
    let Some(account) = staff::by_id(pool, id).await? else {
        session.purge();
        return Ok(None);
    };
    if !account.active || Some(account.session_epoch) != epoch {
        session.purge();
        return Ok(None);
    }
    let _ = session.insert(SESSION_SEEN, now);
    Ok(Some(StaffUser {
        id: account.id,
        email: account.email,
        name: account.name,
        role: account.role,
    }))
}

/// A signed-in staff member, or a redirect to the sign-in page.
pub async fn require_staff(
    session: &Session,
    pool: &PgPool,
    state: &AppState,
) -> Result<StaffUser, AppError> {
    current(session, pool, state)
        .await?
        .ok_or(AppError::SignInRequired)
}

/// A signed-in administrator; a moderator is refused.
pub async fn require_admin(
    session: &Session,
    pool: &PgPool,
    state: &AppState,
) -> Result<StaffUser, AppError> {
    let user = require_staff(session, pool, state).await?;
    if user.is_admin() {
        Ok(user)
    } else {
        Err(AppError::Forbidden)
    }
}

pub fn hash_password(password: &str) -> Result<String, argon2::password_hash::Error> {
    Ok(Argon2::default()
        .hash_password(password.as_bytes())?
        .to_string())
}

fn password_matches(password: &str, hash: &str) -> bool {
    Argon2::default()
        .verify_password(password.as_bytes(), hash)
        .is_ok()
}

/// A hash no password matches, verified when the account does not exist so that a wrong
/// e-mail takes as long as a wrong password.
fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_password("no account has this password").unwrap_or_default())
}

#[derive(Template)]
#[template(path = "staff/login.html")]
pub struct LoginPage {
    pub ctx: PageContext,
    pub csrf: String,
    pub email: String,
    pub error: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    pub csrf_token: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub password: String,
}

fn login_page(
    ctx: PageContext,
    session: &Session,
    email: String,
    error: Option<&str>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let page = LoginPage {
        csrf: csrf_token(session),
        error: error.map(|k| ctx.t(k)),
        email,
        ctx,
    };
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(page.render()?))
}

pub async fn login_form(
    ctx: PageContext,
    session: Session,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    if current(&session, &pool, &state).await?.is_some() {
        return Ok(redirect("/staff"));
    }
    login_page(ctx, &session, String::new(), None, StatusCode::OK)
}

pub fn redirect(to: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, to.to_string()))
        .finish()
}

pub async fn login(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    form: web::Form<LoginForm>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    verify_csrf(&req, &session, &form.csrf_token)?;
    let email = form.email.trim().to_lowercase();
    let client = client_ip(&req);
    if !state.sign_in_limits.allow(&email, client) {
        tracing::info!(client = %client_tag(client), "sign-in throttled");
        return login_page(
            ctx,
            &session,
            form.email.clone(),
            Some("staff-login-throttled"),
            StatusCode::TOO_MANY_REQUESTS,
        );
    }
    let account: Option<StaffAccount> = staff::by_email(&pool, &email).await?;
    let password = form.password.clone();
    let hash = account
        .as_ref()
        .map(|a| a.password_hash.clone())
        .unwrap_or_else(|| dummy_hash().to_string());
    // Hashing is slow on purpose; keep it off the async workers.
    let matches = web::block(move || password_matches(&password, &hash))
        .await
        .unwrap_or(false);
    let actor = Actor {
        staff_id: account.as_ref().map(|a| a.id),
        staff_email: account
            .as_ref()
            .map(|a| a.email.clone())
            .unwrap_or_default(),
        client: client_tag(client),
    };
    match account {
        Some(account) if matches && account.active => {
            session.renew();
            let now = now_millis();
            let _ = session.insert(SESSION_STAFF, account.id);
            let _ = session.insert(SESSION_EPOCH, account.session_epoch);
            let _ = session.insert(SESSION_SIGNED_IN, now);
            let _ = session.insert(SESSION_SEEN, now);
            audit_store::audit(&pool, &actor, "sign_in", "").await?;
            Ok(redirect("/staff"))
        }
        _ => {
            // Only attempts on a real account are recorded: a typo in the e-mail field is
            // not a person's name to keep.
            if actor.staff_id.is_some() {
                audit_store::audit(&pool, &actor, "sign_in_failed", "").await?;
            }
            login_page(
                ctx,
                &session,
                form.email.clone(),
                Some("staff-login-failed"),
                StatusCode::UNAUTHORIZED,
            )
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    pub csrf_token: String,
}

pub async fn logout(
    req: HttpRequest,
    session: Session,
    form: web::Form<CsrfOnly>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    verify_csrf(&req, &session, &form.csrf_token)?;
    if let Some(user) = current(&session, &pool, &state).await? {
        audit_store::audit(&pool, &user.actor(&req), "sign_out", "").await?;
    }
    session.purge();
    Ok(redirect("/staff/login"))
}

#[derive(Template)]
#[template(path = "staff/password.html")]
pub struct PasswordPage {
    pub ctx: PageContext,
    pub csrf: String,
    pub user: StaffUser,
    pub error: Option<String>,
    pub done: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    pub csrf_token: String,
    #[serde(default)]
    pub current: String,
    #[serde(default)]
    pub new: String,
    #[serde(default)]
    pub repeat: String,
}

pub async fn password_form(
    ctx: PageContext,
    session: Session,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let user = require_staff(&session, &pool, &state).await?;
    let page = PasswordPage {
        csrf: csrf_token(&session),
        user,
        error: None,
        done: false,
        ctx,
    };
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(page.render()?))
}

pub async fn change_password(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    form: web::Form<PasswordForm>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    verify_csrf(&req, &session, &form.csrf_token)?;
    let user = require_staff(&session, &pool, &state).await?;
    let account = staff::by_id(&pool, user.id)
        .await?
        .ok_or(AppError::SignInRequired)?;
    let current_password = form.current.clone();
    let hash = account.password_hash.clone();
    let current_ok = web::block(move || password_matches(&current_password, &hash))
        .await
        .unwrap_or(false);
    let error = if !current_ok {
        Some("staff-password-wrong-current")
    } else if form.new.chars().count() < MIN_PASSWORD_CHARS {
        Some("staff-password-too-short")
    } else if form.new != form.repeat {
        Some("staff-password-mismatch")
    } else {
        None
    };
    if let Some(key) = error {
        let page = PasswordPage {
            csrf: csrf_token(&session),
            error: Some(ctx.t(key)),
            user,
            done: false,
            ctx,
        };
        return Ok(HttpResponse::UnprocessableEntity()
            .content_type("text/html; charset=utf-8")
            .body(page.render()?));
    }
    let new = form.new.clone();
    let hash = web::block(move || hash_password(&new))
        .await
        .map_err(|_| AppError::BadRequest("staff-password-too-short"))?
        .map_err(|_| AppError::BadRequest("staff-password-too-short"))?;
    let epoch = staff::set_password(&pool, user.id, &hash).await?;
    // This session stays; every other session of this account ends.
    let _ = session.insert(SESSION_EPOCH, epoch);
    audit_store::audit(&pool, &user.actor(&req), "password_changed", "").await?;
    let page = PasswordPage {
        csrf: csrf_token(&session),
        user,
        error: None,
        done: true,
        ctx,
    };
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(page.render()?))
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/staff")
            .wrap(
                actix_web::middleware::DefaultHeaders::new()
                    .add((header::CACHE_CONTROL, "no-store"))
                    .add(("X-Robots-Tag", "noindex")),
            )
            .route("/login", web::get().to(login_form))
            .route("/login", web::post().to(login))
            .route("/logout", web::post().to(logout))
            .route("/password", web::get().to(password_form))
            .route("/password", web::post().to(change_password))
            .route("", web::get().to(moderation::dashboard))
            .route("/queue", web::get().to(moderation::queue))
            .route("/queue.csv", web::get().to(moderation::queue_csv))
            .route("/submissions/{id}", web::get().to(moderation::detail))
            .route(
                "/submissions/{id}/{action}",
                web::post().to(moderation::act),
            )
            .route("/audit", web::get().to(moderation::audit))
            .route("/audit.csv", web::get().to(moderation::audit_csv)),
    );
}
