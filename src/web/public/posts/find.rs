//! `GET /posts`: the nearest posts to an address, coordinates or a picked place.

use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use sqlx::PgPool;

use crate::domain::field::FieldError;
use crate::domain::geo::Coordinates;
use crate::domain::post::PostKind;
use crate::store::posts::{self, NearbyPost, NearestFilter, Post};
use crate::web::error::AppError;
use crate::web::page::{self, PageContext};
use crate::web::public::view::location::{self, Located, LocationQuery};
use crate::web::public::view::map::posts_map;
use crate::web::public::view::post_card::{PostCard, card};
use crate::web::public::view::{Choice, ErrorItem, SearchForm, error_items, origin_label};
use crate::web::state::AppState;

/// How many working posts and planned posts a search lists.
pub const RESULTS: i64 = 10;
pub const PLANNED_RESULTS: i64 = 5;

#[derive(Debug, Default, Deserialize)]
pub struct FindQuery {
    #[serde(flatten)]
    pub location: LocationQuery,
    pub kind: Option<String>,
    pub open_now: Option<String>,
}

pub struct KindOption {
    pub code: &'static str,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "public/posts.html")]
pub struct PostsPage {
    pub ctx: PageContext,
    pub form: SearchForm,
    pub kinds: Vec<KindOption>,
    pub errors: Vec<ErrorItem>,
    pub searched: bool,
    pub origin: String,
    pub choices: Vec<Choice>,
    pub not_found: bool,
    pub cards: Vec<PostCard>,
    pub planned: Vec<PostCard>,
    pub map_json: String,
}

impl PostsPage {
    pub fn error_for(&self, field: &str) -> Option<&str> {
        ErrorItem::for_field(&self.errors, field)
    }
}

/// Query string to keep the filters when a choice or the map picks a new location.
fn filter_suffix(form: &SearchForm) -> String {
    let mut s = String::new();
    if !form.kind.is_empty() {
        s.push_str(&format!("&kind={}", crate::web::links::encode(&form.kind)));
    }
    if form.open_now {
        s.push_str("&open_now=1");
    }
    s
}

/// The working and planned posts nearest to `at`; with `open_now`, only those open now.
async fn nearest(
    pool: &PgPool,
    state: &AppState,
    at: Coordinates,
    kind: Option<PostKind>,
    open_now: bool,
) -> Result<(Vec<NearbyPost>, Vec<NearbyPost>), sqlx::Error> {
    if !open_now {
        return posts::nearest_working_and_planned(pool, at, kind, RESULTS, PLANNED_RESULTS).await;
    }
    let working = NearestFilter {
        kind,
        future: false,
        open_at: Some(state.local_now()),
        limit: RESULTS,
    };
    let planned = NearestFilter {
        kind,
        future: true,
        open_at: None,
        limit: PLANNED_RESULTS,
    };
    Ok((
        posts::nearest(pool, at, working).await?,
        posts::nearest(pool, at, planned).await?,
    ))
}

fn parse_kind(text: &str, errors: &mut Vec<FieldError>) -> Option<PostKind> {
    match text.trim() {
        "" => None,
        code => PostKind::parse(code).or_else(|| {
            errors.push(FieldError::new("kind", "posts-error-kind"));
            None
        }),
    }
}

pub async fn find(
    ctx: PageContext,
    query: web::Query<FindQuery>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let query = query.into_inner();
    let mut errors: Vec<FieldError> = Vec::new();
    let kind_text = query.kind.clone().unwrap_or_default();
    let kind = parse_kind(&kind_text, &mut errors);
    let open_now = query
        .open_now
        .as_deref()
        .is_some_and(|v| !v.is_empty() && v != "0");
    let mut form = SearchForm {
        q: query.location.typed().to_string(),
        lat: query.location.lat.clone().unwrap_or_default(),
        lon: query.location.lon.clone().unwrap_or_default(),
        kind: if kind.is_some() {
            kind_text.trim().to_string()
        } else {
            kind_text
        },
        open_now,
    };
    let located = match location::locate(&pool, &query.location).await? {
        Ok(located) => located,
        Err(field_errors) => {
            errors.extend(field_errors);
            Located::Nothing
        }
    };
    let mut page = PostsPage {
        kinds: PostKind::ALL
            .iter()
            .map(|k| KindOption {
                code: k.code(),
                label: lang.t(k.key()),
                selected: Some(*k) == kind,
            })
            .collect(),
        errors: error_items(lang, &errors),
        searched: false,
        origin: String::new(),
        choices: Vec::new(),
        not_found: false,
        cards: Vec::new(),
        planned: Vec::new(),
        map_json: String::new(),
        form: SearchForm::default(),
        ctx,
    };
    if errors.is_empty() {
        match located {
            Located::At { at, place } => {
                page.searched = true;
                page.origin = origin_label(lang, at, place.as_ref());
                // A chosen place shows in the field; sent again, its exact name resolves.
                if let Some(p) = &place
                    && form.q.trim().is_empty()
                {
                    form.q = p.name.of(lang).to_string();
                }
                let (working, planned) = nearest(&pool, &state, at, kind, open_now).await?;
                let now = state.local_now();
                page.cards = working.iter().map(|p| card(lang, now, at, p)).collect();
                page.planned = planned.iter().map(|p| card(lang, now, at, p)).collect();
                let all: Vec<&Post> = working.iter().chain(&planned).map(|n| &n.post).collect();
                page.map_json = posts_map(&state, lang, Some(at), &all);
            }
            Located::Choose(places) => {
                let suffix = filter_suffix(&form);
                page.choices = Choice::for_places(lang, &places, |id| {
                    format!("/posts?place={id}{suffix}#answer")
                });
            }
            Located::NotFound => page.not_found = true,
            Located::Nothing => {}
        }
    }
    page.form = form;
    page::ok_unless(!page.errors.is_empty(), &page)
}
