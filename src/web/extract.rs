//! What a handler asks for instead of checking it itself: the signed-in staff member, an
//! administrator, a form whose CSRF token was checked, the kind of a submission form.

use std::future::{Ready, ready};
use std::pin::Pin;

use actix_session::SessionExt;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use serde::de::DeserializeOwned;
use sqlx::PgPool;

use super::error::AppError;
use super::security::{client_ip, verify_csrf};
use super::session::{self, StaffUser};
use super::state::AppState;
use crate::domain::submission::FormKind;
use crate::store::moderation::Actor;

type Boxed<T, E> = Pin<Box<dyn Future<Output = Result<T, E>>>>;

fn shared(req: &HttpRequest) -> Result<(web::Data<PgPool>, web::Data<AppState>), AppError> {
    match (
        req.app_data::<web::Data<PgPool>>(),
        req.app_data::<web::Data<AppState>>(),
    ) {
        (Some(pool), Some(state)) => Ok((pool.clone(), state.clone())),
        _ => Err(AppError::Session("the app has no pool or state".into())),
    }
}

async fn signed_in(req: &HttpRequest) -> Result<Option<StaffUser>, AppError> {
    let (pool, state) = shared(req)?;
    let user = session::current(&req.get_session(), &pool, &state).await?;
    // Where two-factor sign-in is required, an account without it sets it up first: only
    // that page and signing out are open to it.
    let exempt = ["/staff/two-factor", "/staff/logout"].contains(&req.path());
    match user {
        Some(u) if u.must_set_up_two_factor(&state) && !exempt => Err(AppError::TwoFactorRequired),
        other => Ok(other),
    }
}

/// The audit log's "who, from where" for a request.
pub fn actor(user: &StaffUser, req: &HttpRequest) -> Actor {
    Actor {
        staff_id: Some(user.id),
        staff_email: user.email.clone(),
        client: client_tag(req),
    }
}

/// The keyed tag of the request's client (`Secrets::client_tag`).
pub fn client_tag(req: &HttpRequest) -> String {
    match req.app_data::<web::Data<AppState>>() {
        Some(state) => state.secrets.client_tag(client_ip(req)),
        None => String::new(),
    }
}

impl FromRequest for StaffUser {
    type Error = AppError;
    type Future = Boxed<Self, AppError>;

    /// A signed-in staff member, or a redirect to the sign-in page.
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { signed_in(&req).await?.ok_or(AppError::SignInRequired) })
    }
}

/// A signed-in administrator; a moderator is refused with 403.
pub struct AdminUser(pub StaffUser);

impl FromRequest for AdminUser {
    type Error = AppError;
    type Future = Boxed<Self, AppError>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let user = signed_in(&req).await?.ok_or(AppError::SignInRequired)?;
            if user.is_admin() {
                Ok(AdminUser(user))
            } else {
                Err(AppError::Forbidden)
            }
        })
    }
}

/// The staff member if one is signed in (the sign-in and sign-out pages).
pub struct MaybeStaff(pub Option<StaffUser>);

impl FromRequest for MaybeStaff {
    type Error = AppError;
    type Future = Boxed<Self, AppError>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { Ok(MaybeStaff(signed_in(&req).await?)) })
    }
}

/// A form that carries the session's CSRF token.
pub trait CsrfProtected {
    fn csrf_token(&self) -> &str;
}

/// A url-encoded body as the form's fields. NUL is removed here, once for every form
/// (PostgreSQL refuses it in text and no one types it), so that a form with one still comes
/// back with what was typed and a message next to the field, never a 500.
fn parse_form<T: DeserializeOwned>(body: &[u8]) -> Result<T, AppError> {
    let body = super::input::without_nul(body);
    serde_urlencoded::from_bytes(&body).map_err(|e| {
        tracing::debug!(error = %e, "a form that is not url-encoded");
        AppError::BadRequest("error-400-text")
    })
}

/// Refuses a form (403) unless its CSRF token is the session's and it comes from this site.
fn checked_form<T>(req: &HttpRequest, form: T) -> Result<T, actix_web::Error>
where
    T: CsrfProtected,
{
    verify_csrf(req, &req.get_session(), form.csrf_token())?;
    Ok(form)
}

/// A form from a page of this site: the CSRF token was checked before the handler runs.
pub struct CsrfForm<T>(pub T);

impl<T> FromRequest for CsrfForm<T>
where
    T: DeserializeOwned + CsrfProtected + 'static,
{
    type Error = actix_web::Error;
    type Future = Boxed<Self, actix_web::Error>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = web::Bytes::from_request(req, payload);
        let req = req.clone();
        Box::pin(async move {
            let form = parse_form::<T>(&body.await?)?;
            Ok(CsrfForm(checked_form(&req, form)?))
        })
    }
}

/// A staff member's form: signed in first (else the sign-in page), then the CSRF token
/// (else 403), always in this order.
pub struct StaffForm<T> {
    pub user: StaffUser,
    pub form: T,
}

impl<T> FromRequest for StaffForm<T>
where
    T: DeserializeOwned + CsrfProtected + 'static,
{
    type Error = actix_web::Error;
    type Future = Boxed<Self, actix_web::Error>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = web::Bytes::from_request(req, payload);
        let req = req.clone();
        Box::pin(async move {
            let form = parse_form::<T>(&body.await?)?;
            let user = signed_in(&req).await?.ok_or(AppError::SignInRequired)?;
            let form = checked_form(&req, form)?;
            Ok(StaffForm { user, form })
        })
    }
}

/// Only the CSRF token, for forms that send nothing else (sign-out).
#[derive(Debug, Default, serde::Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    pub csrf_token: String,
}

impl CsrfProtected for CsrfOnly {
    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
}

impl FromRequest for FormKind {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    /// Set per route (`/feedback` or `/requests`) with `app_data`.
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(
            req.app_data::<FormKind>()
                .copied()
                .ok_or(AppError::NotFound),
        )
    }
}
