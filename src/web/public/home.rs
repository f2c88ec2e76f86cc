//! The home page: what the portal offers, and one search that answers both "where is the
//! nearest open post" and "who is my inspector".

use actix_web::{HttpResponse, web};
use askama::Template;
use sqlx::PgPool;

use super::view::answer::answer_for;
use super::view::inspector_card::InspectorCard;
use super::view::location::{self, Located, LocationQuery};
use super::view::post_card::{PostCard, card};
use super::view::{Choice, ErrorItem, error_items, origin_label};
use crate::domain::field::FieldError;
use crate::store::posts::{self, NearestFilter};
use crate::web::error::AppError;
use crate::web::page::{self, PageContext};
use crate::web::state::AppState;

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
            // The home form has the address field only.
            let errors: Vec<_> = errors.iter().map(|e| FieldError::new("q", e.key)).collect();
            page.errors = error_items(lang, &errors);
        }
        Ok(Located::At { at, place }) => {
            page.searched = true;
            page.origin = origin_label(lang, at, place.as_ref());
            if let Some(p) = &place
                && page.q.trim().is_empty()
            {
                page.q = p.name.of(lang).to_string();
            }
            let now = state.local_now();
            let filter = NearestFilter {
                kind: None,
                future: false,
                open_at: Some(now),
                limit: 1,
            };
            let open = posts::nearest(&pool, at, filter).await?;
            page.nearest_open = open.first().map(|p| card(lang, now, at, p));
            let answer = answer_for(&pool, &state, lang, at).await?;
            page.no_beat = answer.card.is_none();
            // Outside every beat: the nearest beat's inspector, said plainly.
            page.card = answer.card.or_else(|| answer.nearby.into_iter().next());
        }
        Ok(Located::Choose(places)) => {
            page.choices = Choice::for_places(lang, &places, |id| format!("/?place={id}#answers"));
        }
        Ok(Located::NotFound) => page.not_found = true,
        Ok(Located::Nothing) => {}
    }
    page::ok_unless(!page.errors.is_empty(), &page)
}
