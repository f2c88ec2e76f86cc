//! `GET /posts/{id}`: one post with its weekly hours, special dates and published thanks.

use actix_web::{HttpResponse, web};
use askama::Template;
use sqlx::PgPool;

use crate::domain::post::Service;
use crate::store::posts;
use crate::web::error::AppError;
use crate::web::hours::{self, WeekRow};
use crate::web::links::{geo_uri, osm_directions};
use crate::web::page::{self, PageContext};
use crate::web::public::view::PhoneLink;
use crate::web::public::view::inspector_card::{ThanksLine, thanks_lines};
use crate::web::public::view::map::posts_map;
use crate::web::public::view::post_card::{badge, phones};
use crate::web::state::AppState;

#[derive(Template)]
#[template(path = "public/post.html")]
pub struct PostPage {
    pub ctx: PageContext,
    pub id: i64,
    /// Planned posts have no officers to thank or complain about yet.
    pub accepts_feedback: bool,
    pub name: String,
    pub kind_label: String,
    pub status_label: String,
    pub badge_class: &'static str,
    pub badge_text: String,
    pub address: String,
    pub phones: Vec<PhoneLink>,
    pub services: Vec<String>,
    pub week: Vec<WeekRow>,
    pub exceptions: Vec<WeekRow>,
    pub geo_href: String,
    pub osm_href: String,
    pub updated: String,
    pub map_json: String,
    pub thanks: Vec<ThanksLine>,
}

pub async fn show(
    ctx: PageContext,
    path: web::Path<String>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let id: i64 = path.parse().ok().ok_or_else(|| AppError::NotFound)?;
    let post = posts::by_id(&pool, id).await?.ok_or(AppError::NotFound)?;
    let lang = ctx.lang;
    let now = state.local_now();
    let (badge_class, badge_text) = badge(lang, now, &post);
    let exceptions = hours::exceptions(lang, &post.hours, now.date());
    let page = PostPage {
        id: post.id,
        accepts_feedback: !post.status.is_future(),
        name: post.name.of(lang).to_string(),
        kind_label: lang.t(post.kind.key()),
        status_label: lang.t(post.status.key()),
        badge_class,
        badge_text,
        address: post.address.of(lang).to_string(),
        phones: phones(&post),
        services: post
            .services
            .iter()
            .filter_map(|s| Service::parse(s))
            .map(|s| lang.t(s.key()))
            .collect(),
        week: hours::week(lang, &post.hours),
        exceptions,
        geo_href: geo_uri(post.lat, post.lon),
        osm_href: osm_directions(None, (post.lat, post.lon)),
        updated: post
            .updated_at
            .with_timezone(&state.settings.time_zone)
            .format("%d.%m.%Y")
            .to_string(),
        map_json: posts_map(&state, lang, None, &[&post]),
        thanks: thanks_lines(&pool, &state, None, Some(post.id)).await?,
        ctx,
    };
    page::ok(&page)
}
