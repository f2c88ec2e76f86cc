//! Tracking what happened to a submission: `GET /track` (the form, or a lookup) and
//! `GET /track/{number}` (the receipt). A wrong number or key is the same "not found" as a
//! missing one, and a client that keeps guessing wrong is slowed down.

pub mod form;
pub mod receipt;
pub mod reply;
pub mod show;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;
use sqlx::PgPool;

use crate::web::error::AppError;
use crate::web::filters;
use crate::web::page::{self, Caching, PageContext};
use crate::web::security::client_ip;
use crate::web::state::AppState;
use receipt::{Receipt, receipt};

#[derive(Debug, Default, Deserialize)]
pub struct TrackQuery {
    pub number: Option<String>,
    pub key: Option<String>,
    pub new: Option<String>,
}

#[derive(Template)]
#[template(path = "public/track.html")]
pub struct TrackPage {
    pub ctx: PageContext,
    pub number: String,
    pub key: String,
    pub error: Option<String>,
    pub found: Option<Receipt>,
}

/// What the resident typed: a number and its key.
pub struct Lookup<'a> {
    pub number: &'a str,
    pub key: &'a str,
    pub just_created: bool,
}

async fn lookup(
    req: &HttpRequest,
    ctx: PageContext,
    state: &AppState,
    pool: &PgPool,
    asked: Lookup<'_>,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let client = client_ip(req).to_string();
    let limit = &state.tracking_limit;
    // Once limited, every lookup waits out the window, the right key too: otherwise the
    // answer to a limited client would still tell a right guess from a wrong one.
    if limit.exhausted(pool, &state.secrets, &client).await? {
        state
            .metrics
            .limit_refusals
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        return Err(AppError::TooManyRequests("track-error-slow-down"));
    }
    let found = receipt(state, pool, lang, &asked).await?;
    let status = if found.is_some() {
        StatusCode::OK
    } else {
        if !limit.allow(pool, &state.secrets, &client).await? {
            state
                .metrics
                .limit_refusals
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            return Err(AppError::TooManyRequests("track-error-slow-down"));
        }
        StatusCode::NOT_FOUND
    };
    let page = TrackPage {
        error: found.is_none().then(|| lang.t("track-error-not-found")),
        number: asked.number.trim().to_string(),
        key: asked.key.trim().to_string(),
        found,
        ctx,
    };
    // The page carries a secret key: keep it out of caches and referrers.
    page::render(status, Caching::Secret, &page)
}
