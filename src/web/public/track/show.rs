//! `GET /track/{number}?key=`: the receipt, as linked from the confirmation and the printout.

use actix_web::{HttpRequest, HttpResponse, web};
use sqlx::PgPool;

use super::{Lookup, TrackQuery, lookup};
use crate::web::error::AppError;
use crate::web::page::PageContext;
use crate::web::state::AppState;

pub async fn show(
    req: HttpRequest,
    ctx: PageContext,
    path: web::Path<String>,
    query: web::Query<TrackQuery>,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let asked = Lookup {
        number: &path,
        key: query.key.as_deref().unwrap_or_default(),
        just_created: query.new.as_deref() == Some("1"),
    };
    lookup(&req, ctx, &state, &pool, asked).await
}
