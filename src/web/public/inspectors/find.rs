//! `GET /inspectors/find`: the inspector serving a location.

use actix_web::{HttpResponse, web};
use askama::Template;
use sqlx::PgPool;

use crate::web::error::AppError;
use crate::web::page::{self, PageContext};
use crate::web::public::view::answer::answer_for;
use crate::web::public::view::inspector_card::InspectorCard;
use crate::web::public::view::location::{self, Located, LocationQuery};
use crate::web::public::view::post_card::PostCard;
use crate::web::public::view::{Choice, ErrorItem, SearchForm, error_items, origin_label};
use crate::web::state::AppState;

#[derive(Template)]
#[template(path = "public/inspector_find.html")]
pub struct FindPage {
    pub ctx: PageContext,
    pub form: SearchForm,
    pub errors: Vec<ErrorItem>,
    pub choices: Vec<Choice>,
    pub not_found: bool,
    pub searched: bool,
    pub origin: String,
    pub card: Option<InspectorCard>,
    /// The location is in no beat: the nearest inspector points instead.
    pub no_beat: bool,
    pub nearest_points: Vec<PostCard>,
    pub nearby: Vec<InspectorCard>,
    pub map_json: String,
}

impl FindPage {
    pub fn error_for(&self, field: &str) -> Option<&str> {
        ErrorItem::for_field(&self.errors, field)
    }
}

pub async fn find(
    ctx: PageContext,
    query: web::Query<LocationQuery>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let query = query.into_inner();
    let mut page = FindPage {
        form: SearchForm {
            q: query.typed().to_string(),
            lat: query.lat.clone().unwrap_or_default(),
            lon: query.lon.clone().unwrap_or_default(),
            ..Default::default()
        },
        errors: Vec::new(),
        choices: Vec::new(),
        not_found: false,
        searched: false,
        origin: String::new(),
        card: None,
        no_beat: false,
        nearest_points: Vec::new(),
        nearby: Vec::new(),
        map_json: String::new(),
        ctx,
    };
    match location::locate(&pool, &query).await? {
        Err(errors) => page.errors = error_items(lang, &errors),
        Ok(Located::At { at, place }) => {
            page.searched = true;
            page.origin = origin_label(lang, at, place.as_ref());
            if let Some(p) = &place
                && page.form.q.trim().is_empty()
            {
                page.form.q = p.name.of(lang).to_string();
            }
            let answer = answer_for(&pool, &state, lang, at).await?;
            page.no_beat = answer.card.is_none();
            page.card = answer.card;
            page.nearest_points = answer.nearest_points;
            page.nearby = answer.nearby;
            page.map_json = answer.map_json;
        }
        Ok(Located::Choose(places)) => {
            page.choices = Choice::for_places(lang, &places, |id| {
                format!("/inspectors/find?place={id}#answer")
            });
        }
        Ok(Located::NotFound) => page.not_found = true,
        Ok(Located::Nothing) => {}
    }
    page::ok_unless(!page.errors.is_empty(), &page)
}
