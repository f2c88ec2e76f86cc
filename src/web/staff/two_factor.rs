//! Two-factor sign-in with an authenticator app (TOTP, RFC 6238).
//! `GET /staff/two-factor` sets it up: a QR code drawn on the server (an SVG image, nothing
//! fetched from elsewhere) and the secret as text to type; `POST /staff/two-factor` turns it on
//! with the first right code and shows ten recovery codes once (kept hashed);
//! `POST /staff/two-factor/off` turns it off where it is not required.
//! `GET/POST /staff/login/code` is the second step of signing in: an app code (each accepted
//! once) or an unused recovery code. Nothing to solve or remember beyond the password manager
//! and the app (WCAG 2.2, 3.3.8): the field takes what the app or a paste gives.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use data_encoding::BASE64;
use rand::RngExt;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use sqlx::PgPool;

use crate::domain::moderation::AuditAction;
use crate::domain::totp;
use crate::store::moderation::{Actor, audit};
use crate::store::{staff, two_factor as store};
use crate::web::error::AppError;
use crate::web::extract::{CsrfForm, CsrfProtected, StaffForm, actor, client_tag};
use crate::web::page::{self, Caching, PageContext, redirect};
use crate::web::security::csrf_token;
use crate::web::session::StaffUser;
use crate::web::state::AppState;

/// The cookie session's key for the token of a sign-in waiting for its second factor.
const PENDING: &str = "pending_sign_in";
/// How long the second step may take, and how many codes it may try.
const CHALLENGE_SECS: f64 = 300.0;
const MAX_ATTEMPTS: i32 = 5;
/// The issuer authenticator apps show beside the account.
const ISSUER: &str = "Atyrau police portal";

#[derive(Debug, Default, Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    pub csrf_token: String,
    #[serde(default)]
    pub code: String,
}

impl CsrfProtected for CodeForm {
    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
}

fn now_step() -> i64 {
    totp::step_of(chrono::Utc::now().timestamp())
}

fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// Whether an account signs in with a second factor.
pub async fn is_on(pool: &PgPool, staff_id: i64) -> Result<bool, AppError> {
    Ok(store::secret(pool, staff_id)
        .await?
        .is_some_and(|s| s.enabled))
}

/// After a right password: a challenge in the database, its token in the cookie.
pub async fn ask_for_code(session: &Session, pool: &PgPool, staff_id: i64) -> Result<(), AppError> {
    let bytes: [u8; 32] = rand::rng().random();
    let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    store::challenge(pool, &token_hash(&token), staff_id, CHALLENGE_SECS).await?;
    session.renew();
    session
        .insert(PENDING, token)
        .map_err(|e| AppError::Session(e.to_string()))
}

#[derive(Template)]
#[template(path = "staff/login_code.html")]
pub struct CodePage {
    pub ctx: PageContext,
    pub csrf: String,
    pub error: Option<String>,
}

fn code_page(
    ctx: PageContext,
    session: &Session,
    error: Option<&str>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let page = CodePage {
        csrf: csrf_token(session),
        error: error.map(|k| ctx.t(k)),
        ctx,
    };
    page::render(status, Caching::NoStore, &page)
}

pub async fn code_form(ctx: PageContext, session: Session) -> Result<HttpResponse, AppError> {
    match session.get::<String>(PENDING) {
        Ok(Some(_)) => code_page(ctx, &session, None, StatusCode::OK),
        _ => Ok(redirect("/staff/login")),
    }
}

pub async fn verify(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    CsrfForm(form): CsrfForm<CodeForm>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let Ok(Some(token)) = session.get::<String>(PENDING) else {
        return Ok(redirect("/staff/login"));
    };
    let hash = token_hash(&token);
    let Some(staff_id) = store::attempt(&pool, &hash, MAX_ATTEMPTS).await? else {
        // Expired, or too many codes tried: the password again.
        session.remove(PENDING);
        return Ok(redirect("/staff/login"));
    };
    let account = staff::by_id(&pool, staff_id)
        .await?
        .filter(|a| a.active)
        .ok_or(AppError::SignInRequired)?;
    let who = Actor {
        staff_id: Some(account.id),
        staff_email: account.email.clone(),
        client: client_tag(&req),
    };
    let secret = store::secret(&pool, staff_id).await?.filter(|s| s.enabled);
    let by_app = match &secret {
        Some(s) => match totp::matching_step(&s.secret, &form.code, now_step()) {
            Some(step) => store::use_step(&pool, staff_id, step).await?,
            None => false,
        },
        None => false,
    };
    let by_recovery = !by_app
        && form.code.trim().chars().count() >= 16
        && store::use_recovery_code(&pool, staff_id, &totp::recovery_hash(&form.code)).await?;
    if !(by_app || by_recovery) || !store::settle(&pool, &hash).await? {
        audit(&pool, &who, AuditAction::TotpFailed, "").await?;
        return code_page(
            ctx,
            &session,
            Some("two-factor-wrong"),
            StatusCode::UNAUTHORIZED,
        );
    }
    if by_recovery {
        audit(&pool, &who, AuditAction::RecoveryCodeUsed, "").await?;
    }
    session.remove(PENDING);
    super::login::finish(&session, &pool, &state, &who, &account.email, ctx.lang).await
}

#[derive(Template)]
#[template(path = "staff/two_factor.html")]
pub struct SetupPage {
    pub ctx: PageContext,
    pub csrf: String,
    pub user: StaffUser,
    /// On already: how many recovery codes are left; may it be turned off.
    pub on: bool,
    pub codes_left: i64,
    pub required: bool,
    /// Setting up: the QR code as a data address, and the secret to type.
    pub qr: String,
    pub secret: String,
    pub error: Option<String>,
    /// Just turned on: the recovery codes, shown this once.
    pub recovery_codes: Vec<String>,
}

/// The QR code of the `otpauth://` address as an SVG image (a `data:` address).
fn qr_image(uri: &str) -> Result<String, AppError> {
    let code = qrcode::QrCode::new(uri.as_bytes()).map_err(|e| AppError::Session(e.to_string()))?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(220, 220)
        .build();
    Ok(format!(
        "data:image/svg+xml;base64,{}",
        BASE64.encode(svg.as_bytes())
    ))
}

struct Setup {
    error: Option<&'static str>,
    recovery_codes: Vec<String>,
    status: StatusCode,
}

async fn render(
    ctx: PageContext,
    session: &Session,
    user: StaffUser,
    state: &AppState,
    pool: &PgPool,
    shown: Setup,
) -> Result<HttpResponse, AppError> {
    let on = is_on(pool, user.id).await?;
    let (qr, secret) = if on {
        (String::new(), String::new())
    } else {
        let fresh: [u8; totp::SECRET_BYTES] = rand::rng().random();
        let pending = store::pending(pool, user.id, &fresh).await?;
        let uri = totp::otpauth_uri(ISSUER, &user.email, &pending.secret);
        (qr_image(&uri)?, totp::secret_text(&pending.secret))
    };
    let page = SetupPage {
        csrf: csrf_token(session),
        codes_left: store::codes_left(pool, user.id).await?,
        required: user.two_factor_required(state),
        on,
        qr,
        secret,
        error: shown.error.map(|k| ctx.t(k)),
        recovery_codes: shown.recovery_codes,
        user,
        ctx,
    };
    page::render(shown.status, Caching::NoStore, &page)
}

pub async fn setup(
    ctx: PageContext,
    session: Session,
    user: StaffUser,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let shown = Setup {
        error: None,
        recovery_codes: Vec::new(),
        status: StatusCode::OK,
    };
    render(ctx, &session, user, &state, &pool, shown).await
}

pub async fn enable(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    StaffForm { user, form }: StaffForm<CodeForm>,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let pending = store::secret(&pool, user.id).await?.filter(|s| !s.enabled);
    let step = pending
        .as_ref()
        .and_then(|p| totp::matching_step(&p.secret, &form.code, now_step()));
    let Some(step) = step else {
        let shown = Setup {
            error: Some("two-factor-wrong"),
            recovery_codes: Vec::new(),
            status: StatusCode::UNPROCESSABLE_ENTITY,
        };
        return render(ctx, &session, user, &state, &pool, shown).await;
    };
    let codes: Vec<String> = (0..totp::RECOVERY_CODES)
        .map(|_| totp::recovery_code(&rand::rng().random()))
        .collect();
    let hashes: Vec<Vec<u8>> = codes.iter().map(|c| totp::recovery_hash(c)).collect();
    store::enable(&pool, user.id, step, &hashes, &actor(&user, &req)).await?;
    let user = StaffUser {
        two_factor: true,
        ..user
    };
    let shown = Setup {
        error: None,
        recovery_codes: codes,
        status: StatusCode::OK,
    };
    render(ctx, &session, user, &state, &pool, shown).await
}

pub async fn disable(
    req: HttpRequest,
    StaffForm { user, .. }: StaffForm<CodeForm>,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    if user.two_factor_required(&state) {
        return Err(AppError::Forbidden);
    }
    store::disable(&pool, user.id, &actor(&user, &req), false).await?;
    Ok(redirect("/staff/two-factor"))
}
