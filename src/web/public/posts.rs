//! `GET /posts` (find the nearest post) and `GET /posts/{id}` (one post).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::{NaiveDateTime, Utc};
use serde::Deserialize;
use serde_json::json;
use sqlx::PgPool;

use super::location::{self, FieldError, Located, LocationQuery};
use crate::domain::geo::Coordinates;
use crate::domain::post::{PostKind, PostStatus};
use crate::store::places::Place;
use crate::store::posts::{self, NearbyPost, NearestFilter, Post};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::format;
use crate::web::i18n::Lang;
use crate::web::page::PageContext;

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

/// What the resident typed, shown back in the form.
#[derive(Default)]
pub struct SearchForm {
    pub q: String,
    pub lat: String,
    pub lon: String,
    pub kind: String,
    pub open_now: bool,
}

pub struct ErrorItem {
    pub field: &'static str,
    pub message: String,
}

impl ErrorItem {
    /// The message for one field of a form, shown next to it.
    pub fn for_field<'a>(errors: &'a [ErrorItem], field: &str) -> Option<&'a str> {
        errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }
}

pub struct Choice {
    pub label: String,
    pub kind_label: String,
    pub href: String,
}

impl Choice {
    /// Links to pick one of several matching places; `href` makes the link for a place id.
    pub fn for_places(lang: Lang, places: &[Place], href: impl Fn(i64) -> String) -> Vec<Choice> {
        places
            .iter()
            .map(|p| Choice {
                label: p.name.get(lang.code()).to_string(),
                kind_label: lang.t(p.kind.key()),
                href: href(p.id),
            })
            .collect()
    }
}

pub struct Phone {
    pub display: String,
    pub href: String,
}

pub struct KindOption {
    pub code: &'static str,
    pub label: String,
    pub selected: bool,
}

/// A post in a list of results, ready to display.
pub struct PostCard {
    pub href: String,
    pub name: String,
    pub kind_label: String,
    pub address: String,
    pub distance: String,
    pub walk: String,
    pub badge_class: &'static str,
    pub badge_text: String,
    pub phones: Vec<Phone>,
    pub geo_href: String,
    pub osm_href: String,
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

/// The local time in the city, for "open now".
pub fn local_now(state: &AppState) -> NaiveDateTime {
    Utc::now()
        .with_timezone(&state.settings.time_zone)
        .naive_local()
}

pub fn phones(post: &Post) -> Vec<Phone> {
    post.phones
        .iter()
        .map(|p| Phone {
            display: p.clone(),
            href: format::tel_href(p),
        })
        .collect()
}

/// A badge for the post's state: planned, closed for now, or open/closed by its hours.
pub fn badge(lang: Lang, now: NaiveDateTime, post: &Post) -> (&'static str, String) {
    match post.status {
        PostStatus::Open => {
            let (open, text) = format::open_badge(lang, now, post.hours.state_at(now));
            (if open { "open" } else { "closed" }, text)
        }
        PostStatus::TemporarilyClosed => ("closed", lang.t(post.status.key())),
        PostStatus::Planned | PostStatus::UnderConstruction => {
            ("planned", lang.t(post.status.key()))
        }
    }
}

pub fn osm_directions(from: Option<Coordinates>, post: &Post) -> String {
    match from {
        Some(f) => format!(
            "https://www.openstreetmap.org/directions?engine=fossgis_osrm_foot&route={:.5}%2C{:.5}%3B{:.5}%2C{:.5}",
            f.lat(),
            f.lon(),
            post.lat,
            post.lon
        ),
        None => format!(
            "https://www.openstreetmap.org/?mlat={:.5}&mlon={:.5}#map=17/{:.5}/{:.5}",
            post.lat, post.lon, post.lat, post.lon
        ),
    }
}

pub fn geo_uri(post: &Post) -> String {
    format!("geo:{:.6},{:.6}?z=17", post.lat, post.lon)
}

pub fn card(lang: Lang, now: NaiveDateTime, from: Coordinates, nearby: &NearbyPost) -> PostCard {
    let post = &nearby.post;
    let (badge_class, badge_text) = badge(lang, now, post);
    PostCard {
        href: format!("/posts/{}", post.id),
        name: post.name.get(lang.code()).to_string(),
        kind_label: lang.t(post.kind.key()),
        address: post.address.get(lang.code()).to_string(),
        distance: format::distance(lang, nearby.distance_m),
        walk: format::walk(lang, nearby.distance_m),
        badge_class,
        badge_text,
        phones: phones(post),
        geo_href: geo_uri(post),
        osm_href: osm_directions(Some(from), post),
    }
}

/// Map data for static/js/map.js, safe to place inside a `<script type="application/json">`.
pub fn map_json(state: &AppState, lang: Lang, you: Option<Coordinates>, posts: &[&Post]) -> String {
    let markers: Vec<_> = posts
        .iter()
        .map(|p| {
            json!({
                "lat": p.lat, "lon": p.lon,
                "name": p.name.get(lang.code()),
                "href": format!("/posts/{}", p.id),
                "future": p.status.is_future(),
            })
        })
        .collect();
    let data = json!({
        "tiles": state.settings.tile_url,
        "attribution": lang.t("map-attribution"),
        "you": you.map(|c| [c.lat(), c.lon()]),
        "youLabel": lang.t("map-you"),
        "posts": markers,
    });
    script_safe_json(&data)
}

/// JSON that can stand inside a `<script type="application/json">` element: no `<`, `>` or
/// `&` can end the element or start markup.
pub fn script_safe_json(data: &serde_json::Value) -> String {
    data.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

fn place_label(lang: Lang, place: &Place) -> String {
    place.name.get(lang.code()).to_string()
}

pub fn coordinates_label(at: Coordinates) -> String {
    format!("{:.5}, {:.5}", at.lat(), at.lon())
}

/// Query string to keep the filters when a choice or the map picks a new location.
fn filter_suffix(form: &SearchForm) -> String {
    let mut s = String::new();
    if !form.kind.is_empty() {
        s.push_str(&format!("&kind={}", form.kind));
    }
    if form.open_now {
        s.push_str("&open_now=1");
    }
    s
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
    let kind = match kind_text.trim() {
        "" => None,
        code => match PostKind::parse(code) {
            Some(k) => Some(k),
            None => {
                errors.push(FieldError {
                    field: "kind",
                    key: "posts-error-kind",
                });
                None
            }
        },
    };
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
        Ok(located) => Some(located),
        Err(field_errors) => {
            errors.extend(field_errors);
            None
        }
    };
    let now = local_now(&state);
    let mut page = PostsPage {
        kinds: PostKind::ALL
            .iter()
            .map(|k| KindOption {
                code: k.code(),
                label: lang.t(k.key()),
                selected: Some(*k) == kind,
            })
            .collect(),
        errors: errors
            .iter()
            .map(|e| ErrorItem {
                field: e.field,
                message: lang.t(e.key),
            })
            .collect(),
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
            Some(Located::At { at, place }) => {
                page.searched = true;
                page.origin = match &place {
                    Some(p) => place_label(lang, p),
                    None => coordinates_label(at),
                };
                if place.is_some() && form.lat.is_empty() {
                    form.lat = format!("{:.5}", at.lat());
                    form.lon = format!("{:.5}", at.lon());
                }
                let (working, planned) = if open_now {
                    let working = posts::nearest(
                        &pool,
                        at,
                        NearestFilter {
                            kind,
                            future: false,
                            open_at: Some(now),
                            limit: RESULTS,
                        },
                    )
                    .await?;
                    let planned = posts::nearest(
                        &pool,
                        at,
                        NearestFilter {
                            kind,
                            future: true,
                            open_at: None,
                            limit: PLANNED_RESULTS,
                        },
                    )
                    .await?;
                    (working, planned)
                } else {
                    posts::nearest_working_and_planned(&pool, at, kind, RESULTS, PLANNED_RESULTS)
                        .await?
                };
                page.cards = working.iter().map(|p| card(lang, now, at, p)).collect();
                page.planned = planned.iter().map(|p| card(lang, now, at, p)).collect();
                let all: Vec<&Post> = working.iter().chain(&planned).map(|n| &n.post).collect();
                page.map_json = map_json(&state, lang, Some(at), &all);
            }
            Some(Located::Choose(places)) => {
                let suffix = filter_suffix(&form);
                page.choices =
                    Choice::for_places(lang, &places, |id| format!("/posts?place={id}{suffix}"));
            }
            Some(Located::NotFound) => page.not_found = true,
            Some(Located::Nothing) | None => {}
        }
    }
    let status = if page.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    page.form = form;
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(page.render()?))
}

pub struct WeekRow {
    pub day: String,
    pub hours: String,
}

#[derive(Template, askama_web::WebTemplate)]
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
    pub phones: Vec<Phone>,
    pub services: Vec<String>,
    pub week: Vec<WeekRow>,
    pub exceptions: Vec<WeekRow>,
    pub geo_href: String,
    pub osm_href: String,
    pub updated: String,
    pub map_json: String,
    pub thanks: Vec<super::inspectors::ThanksLine>,
}

fn intervals_text(lang: Lang, intervals: &[crate::domain::hours::Interval]) -> String {
    if intervals.is_empty() {
        return lang.t("hours-closed");
    }
    intervals
        .iter()
        .map(|i| i.label())
        .collect::<Vec<_>>()
        .join(", ")
}

pub async fn show(
    ctx: PageContext,
    path: web::Path<String>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<PostPage, AppError> {
    let id: i64 = path.parse().map_err(|_| AppError::NotFound)?;
    let post = posts::by_id(&pool, id).await?.ok_or(AppError::NotFound)?;
    let lang = ctx.lang;
    let now = local_now(&state);
    let (badge_class, badge_text) = badge(lang, now, &post);
    let week = if post.hours.always {
        vec![WeekRow {
            day: lang.t("hours-every-day"),
            hours: lang.t("hours-24h"),
        }]
    } else {
        post.hours
            .week_days()
            .into_iter()
            .map(|(day, intervals)| WeekRow {
                day: lang.t(format::weekday_key(day)),
                hours: intervals_text(lang, &intervals),
            })
            .collect()
    };
    let exceptions = post
        .hours
        .upcoming_exceptions(now.date())
        .into_iter()
        .map(|e| WeekRow {
            day: e.date.format("%d.%m.%Y").to_string(),
            hours: intervals_text(lang, &e.intervals),
        })
        .collect();
    Ok(PostPage {
        id: post.id,
        accepts_feedback: !post.status.is_future(),
        name: post.name.get(lang.code()).to_string(),
        kind_label: lang.t(post.kind.key()),
        status_label: lang.t(post.status.key()),
        badge_class,
        badge_text,
        address: post.address.get(lang.code()).to_string(),
        phones: phones(&post),
        services: post
            .services
            .iter()
            .filter_map(|s| crate::domain::post::service_key(s))
            .map(|key| lang.t(key))
            .collect(),
        week,
        exceptions,
        geo_href: geo_uri(&post),
        osm_href: osm_directions(None, &post),
        updated: post
            .updated_at
            .with_timezone(&state.settings.time_zone)
            .format("%d.%m.%Y")
            .to_string(),
        map_json: map_json(&state, lang, None, &[&post]),
        thanks: super::inspectors::thanks_lines(&pool, &state, None, Some(post.id)).await?,
        ctx,
    })
}
