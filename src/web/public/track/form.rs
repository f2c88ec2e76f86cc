//! `GET /track`: the number-and-key form, or the lookup it sends.

use actix_web::{HttpRequest, HttpResponse, web};
use sqlx::PgPool;

use super::{Lookup, TrackPage, TrackQuery, lookup};
use crate::web::error::AppError;
use crate::web::page::{self, PageContext};
use crate::web::state::AppState;

pub async fn form(
    req: HttpRequest,
    ctx: PageContext,
    query: web::Query<TrackQuery>,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    match (query.number.as_deref(), query.key.as_deref()) {
        (Some(number), Some(key)) if !number.trim().is_empty() || !key.trim().is_empty() => {
            let asked = Lookup {
                number,
                key,
                just_created: false,
            };
            lookup(&req, ctx, &state, &pool, asked).await
        }
        _ => page::ok(&TrackPage {
            error: None,
            number: String::new(),
            key: String::new(),
            found: None,
            ctx,
        }),
    }
}
