//! The home page: what the portal offers, and one search that answers both "where is the
//! nearest open post" and "who is my inspector".

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use sqlx::PgPool;

use super::inspectors::{InspectorCard, answer_for};
use super::location::{self, Located, LocationQuery};
use super::posts::{Choice, ErrorItem, PostCard, card, coordinates_label, local_now};
use crate::store::posts::{self, NearestFilter};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::PageContext;

#[derive(Template)]
#[template(path = "public/home.html")]
pub struct HomePage {
    ctx: PageContext,
    q: String,
    errors: Vec<ErrorItem>,
    choices: Vec<Choice>,
    not_found: bool,
    searched: bool,
    origin: String,
    nearest_open: Option<PostCard>,
    card: Option<InspectorCard>,
    no_beat: bool,
}

impl HomePage {
    pub fn error_for(&self, field: &str) -> Option<&str> {
        ErrorItem::for_field(&self.errors, field)
    }
}

pub async fn show(
    ctx: PageContext,
    query: web::Query<LocationQuery>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let query = query.into_inner();
    let mut page = HomePage {
        q: query.typed().to_string(),
        errors: Vec::new(),
        choices: Vec::new(),
        not_found: false,
        searched: false,
        origin: String::new(),
        nearest_open: None,
        card: None,
        no_beat: false,
        ctx,
    };
    match location::locate(&pool, &query).await? {
        Err(errors) => {
            page.errors = errors
                .iter()
                .map(|e| ErrorItem {
                    // The home form has the address field only.
                    field: "q",
                    message: lang.t(e.key),
                })
                .collect();
        }
        Ok(Located::At { at, place }) => {
            page.searched = true;
            page.origin = place
                .as_ref()
                .map(|p| p.name.get(lang.code()).to_string())
                .unwrap_or_else(|| coordinates_label(at));
            let now = local_now(&state);
            let open = posts::nearest(
                &pool,
                at,
                NearestFilter {
                    kind: None,
                    future: false,
                    open_at: Some(now),
                    limit: 1,
                },
            )
            .await?;
            page.nearest_open = open.first().map(|p| card(lang, now, at, p));
            let answer = answer_for(&pool, &state, lang, at).await?;
            page.no_beat = answer.card.is_none();
            page.card = answer.card;
        }
        Ok(Located::Choose(places)) => {
            page.choices = Choice::for_places(lang, &places, |id| format!("/?place={id}#answers"));
        }
        Ok(Located::NotFound) => page.not_found = true,
        Ok(Located::Nothing) => {}
    }
    let status = if page.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(page.render()?))
}
