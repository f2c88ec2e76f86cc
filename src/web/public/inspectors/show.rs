//! `GET /inspectors/{id}`: one inspector's card with the beats they serve.

use actix_web::{HttpResponse, web};
use askama::Template;
use sqlx::PgPool;

use crate::domain::beat::substitute_active;
use crate::store::beats::{self, Beat};
use crate::store::inspectors;
use crate::web::error::AppError;
use crate::web::page::{self, PageContext};
use crate::web::public::view::inspector_card::{InspectorCard, beat_line, card, thanks_lines};
use crate::web::public::view::map::beat_map;
use crate::web::state::AppState;

#[derive(Template)]
#[template(path = "public/inspector.html")]
pub struct InspectorPage {
    pub ctx: PageContext,
    pub card: InspectorCard,
    pub map_json: String,
}

pub async fn show(
    ctx: PageContext,
    path: web::Path<String>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let id: i64 = path.parse().ok().ok_or_else(|| AppError::NotFound)?;
    let inspector = inspectors::inspector_by_id(&pool, id)
        .await?
        .filter(|i| i.active)
        .ok_or(AppError::NotFound)?;
    let lang = ctx.lang;
    let now = state.local_now();
    let beats = beats::beats_of(&pool, id).await?;
    // A beat this inspector covers as a substitute counts only while the cover lasts.
    let served: Vec<&Beat> = beats
        .iter()
        .filter(|b| {
            b.inspector_id == Some(id)
                || substitute_active(now.date(), b.substitute_from, b.substitute_until)
        })
        .collect();
    let lines = served.iter().map(|b| beat_line(lang, b)).collect();
    let mut card = card(lang, now, &inspector, lines, None);
    card.own_page = true;
    card.thanks = thanks_lines(&pool, &state, Some(id), None).await?;
    let page = InspectorPage {
        map_json: beat_map(
            &state,
            lang,
            None,
            Some(&inspector),
            served.first().copied(),
        ),
        card,
        ctx,
    };
    page::ok(&page)
}
