//! `GET /staff/login` and `POST /staff/login`: sign-in, throttled per account and client.

use actix_session::Session;
use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use sqlx::PgPool;

use crate::auth::password_matches;
use crate::domain::moderation::AuditAction;
use crate::store::moderation::{self as audit_store, Actor};
use crate::store::staff;
use crate::web::error::AppError;
use crate::web::extract::client_tag;
use crate::web::extract::{CsrfForm, CsrfProtected, MaybeStaff};
use crate::web::page::{self, Caching, PageContext, redirect};
use crate::web::security::{SignInAttempt, client_ip, csrf_token};
use crate::web::session;
use crate::web::state::AppState;

/// The cookie that tells this browser signed in to an account before (see `SignInLimits`).
const DEVICE_COOKIE: &str = "staff_device";

fn device_cookie(state: &AppState, email: &str) -> Cookie<'static> {
    Cookie::build(DEVICE_COOKIE, state.secrets.device_token(email))
        .path("/staff")
        .http_only(true)
        .secure(state.settings.secure_cookies)
        .same_site(SameSite::Strict)
        .max_age(CookieDuration::days(365))
        .finish()
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

impl CsrfProtected for LoginForm {
    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
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
    page::render(status, Caching::NoStore, &page)
}

/// Signs an account in once every factor is right: a session, the audit record, the staff
/// member's language, and the cookie that knows this browser.
pub(super) async fn finish(
    session: &Session,
    pool: &PgPool,
    state: &AppState,
    actor: &Actor,
    email: &str,
    lang: crate::web::i18n::Lang,
) -> Result<HttpResponse, AppError> {
    let id = actor.staff_id.ok_or(AppError::SignInRequired)?;
    session::begin(session, pool, id).await?;
    audit_store::audit(pool, actor, AuditAction::SignIn, "").await?;
    staff::set_lang(pool, id, lang.code()).await?;
    let mut response = redirect("/staff");
    response
        .add_cookie(&device_cookie(state, email))
        .map_err(|e| AppError::Session(e.to_string()))?;
    Ok(response)
}

pub async fn form(
    ctx: PageContext,
    session: Session,
    MaybeStaff(user): MaybeStaff,
) -> Result<HttpResponse, AppError> {
    if user.is_some() {
        return Ok(redirect("/staff"));
    }
    login_page(ctx, &session, String::new(), None, StatusCode::OK)
}

pub async fn sign_in(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    CsrfForm(form): CsrfForm<LoginForm>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let email = form.email.trim().to_lowercase();
    let known_device = req
        .cookie(DEVICE_COOKIE)
        .is_some_and(|c| c.value() == state.secrets.device_token(&email));
    let attempt = SignInAttempt {
        email: &email,
        client: client_ip(&req),
        known_device,
    };
    if !state
        .sign_in_limits
        .allow(&pool, &state.secrets, &attempt)
        .await?
    {
        tracing::info!(client = %client_tag(&req), "sign-in throttled");
        state
            .metrics
            .limit_refusals
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let status = StatusCode::TOO_MANY_REQUESTS;
        return login_page(
            ctx,
            &session,
            form.email,
            Some("staff-login-throttled"),
            status,
        );
    }
    let account = staff::by_email(&pool, &email).await?;
    let password = form.password.clone();
    let hash = account.as_ref().map(|a| a.password_hash.clone());
    // Hashing is slow on purpose: off the async workers, and a few at a time.
    let permit = state.hashing.acquire().await;
    let matches = web::block(move || password_matches(&password, hash.as_deref()))
        .await
        .unwrap_or(false);
    drop(permit);
    let actor = Actor {
        staff_id: account.as_ref().map(|a| a.id),
        staff_email: account
            .as_ref()
            .map(|a| a.email.clone())
            .unwrap_or_default(),
        client: client_tag(&req),
    };
    match account {
        Some(account) if matches && account.active => {
            if super::two_factor::is_on(&pool, account.id).await? {
                super::two_factor::ask_for_code(&session, &pool, account.id).await?;
                return Ok(redirect("/staff/login/code"));
            }
            finish(&session, &pool, &state, &actor, &account.email, ctx.lang).await
        }
        _ => {
            // Only attempts on a real account are recorded: a typo in the e-mail field is
            // not a person's name to keep.
            if actor.staff_id.is_some() {
                audit_store::audit(&pool, &actor, AuditAction::SignInFailed, "").await?;
            }
            let status = StatusCode::UNAUTHORIZED;
            login_page(
                ctx,
                &session,
                form.email,
                Some("staff-login-failed"),
                status,
            )
        }
    }
}
