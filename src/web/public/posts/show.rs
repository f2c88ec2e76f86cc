//! `GET /posts/{id}`: one post with its weekly hours, special dates and published thanks.

use actix_web::{HttpResponse, web};
use askama::Template;
use sqlx::PgPool;

use crate::domain::hours::Interval;
use crate::domain::post::Service;
use crate::store::posts;
use crate::web::error::AppError;
use crate::web::format;
use crate::web::i18n::Lang;
use crate::web::links::{geo_uri, osm_directions};
use crate::web::page::{self, PageContext};
use crate::web::public::view::inspector_card::{ThanksLine, thanks_lines};
use crate::web::public::view::map::posts_map;
use crate::web::public::view::post_card::{badge, phones};
use crate::web::public::view::{PhoneLink, WeekRow};
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

fn intervals_text(lang: Lang, intervals: &[Interval]) -> String {
    if intervals.is_empty() {
        return lang.t("hours-closed");
    }
    intervals
        .iter()
        .map(|i| i.label())
        .collect::<Vec<_>>()
        .join(", ")
}

fn week(lang: Lang, post: &posts::Post) -> Vec<WeekRow> {
    if post.hours.always {
        return vec![WeekRow {
            day: lang.t("hours-every-day"),
            hours: lang.t("hours-24h"),
        }];
    }
    post.hours
        .week_days()
        .into_iter()
        .map(|(day, intervals)| WeekRow {
            day: lang.t(format::weekday_key(day)),
            hours: intervals_text(lang, &intervals),
        })
        .collect()
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
    let exceptions = post
        .hours
        .upcoming_exceptions(now.date())
        .into_iter()
        .map(|e| WeekRow {
            day: e.date.format("%d.%m.%Y").to_string(),
            hours: intervals_text(lang, &e.intervals),
        })
        .collect();
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
        week: week(lang, &post),
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
