//! Find my district inspector: `/inspectors/find`, the directory `/inspectors`, a card
//! `/inspectors/{id}` and the placeholder portrait `/inspectors/{id}/photo`.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::NaiveDateTime;
use serde::Deserialize;
use serde_json::json;
use sqlx::PgPool;

use super::location::{self, Located, LocationQuery};
use super::posts::{
    Choice, ErrorItem, Phone, PostCard, SearchForm, WeekRow, coordinates_label, local_now,
};
use crate::domain::beat::substitute_active;
use crate::domain::geo::Coordinates;
use crate::domain::post::PostKind;
use crate::store::inspectors::{self, Beat, Inspector};
use crate::store::posts::{self as post_store, NearestFilter};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::format;
use crate::web::i18n::Lang;
use crate::web::page::PageContext;

pub const PAGE_SIZE: i64 = 20;

/// Everything the inspector card shows.
pub struct InspectorCard {
    pub id: i64,
    pub href: String,
    pub name: String,
    pub rank: String,
    pub position: String,
    pub photo_src: String,
    pub phone: Phone,
    pub point_name: String,
    pub point_address: String,
    pub point_href: String,
    pub point_geo: String,
    pub point_directions: String,
    pub distance: String,
    pub receiving_class: &'static str,
    pub receiving_text: String,
    pub reception: Vec<WeekRow>,
    pub beats: Vec<BeatLine>,
    /// "Covers beat 2 for its inspector until 05.12.2026", when a substitute is shown.
    pub substitute_note: String,
    /// Thanks published by moderators, newest first, without any contact data.
    pub thanks: Vec<ThanksLine>,
}

pub struct ThanksLine {
    pub text: String,
    pub date: String,
}

/// Published thanks for an inspector or a post, as the public pages show them.
pub async fn thanks_lines(
    pool: &PgPool,
    state: &AppState,
    inspector: Option<i64>,
    post: Option<i64>,
) -> Result<Vec<ThanksLine>, sqlx::Error> {
    Ok(
        crate::store::moderation::published_thanks(pool, inspector, post, 10)
            .await?
            .into_iter()
            .map(|t| ThanksLine {
                text: t.text,
                date: t
                    .published_at
                    .with_timezone(&state.settings.time_zone)
                    .format("%d.%m.%Y")
                    .to_string(),
            })
            .collect(),
    )
}

pub struct BeatLine {
    pub number: String,
    pub name: String,
    pub description: String,
}

fn rank_key(code: &str) -> &'static str {
    match code {
        "lieutenant" => "rank-lieutenant",
        "senior_lieutenant" => "rank-senior-lieutenant",
        "captain" => "rank-captain",
        "major" => "rank-major",
        "lieutenant_colonel" => "rank-lieutenant-colonel",
        _ => "rank-other",
    }
}

fn position_key(code: &str) -> &'static str {
    match code {
        "senior_district_inspector" => "position-senior-district-inspector",
        _ => "position-district-inspector",
    }
}

/// Rank codes an import accepts.
pub const RANKS: [&str; 5] = [
    "lieutenant",
    "senior_lieutenant",
    "captain",
    "major",
    "lieutenant_colonel",
];
pub const POSITIONS: [&str; 2] = ["district_inspector", "senior_district_inspector"];

fn week_rows(lang: Lang, hours: &crate::domain::hours::OpeningHours) -> Vec<WeekRow> {
    hours
        .week_days()
        .into_iter()
        .filter(|(_, intervals)| !intervals.is_empty())
        .map(|(day, intervals)| WeekRow {
            day: lang.t(format::weekday_key(day)),
            hours: intervals
                .iter()
                .map(|i| i.label())
                .collect::<Vec<_>>()
                .join(", "),
        })
        .collect()
}

fn beat_line(lang: Lang, beat: &Beat) -> BeatLine {
    BeatLine {
        number: beat.number.clone(),
        name: beat.name.get(lang.code()).to_string(),
        description: beat.description.get(lang.code()).to_string(),
    }
}

pub fn card(
    lang: Lang,
    now: NaiveDateTime,
    inspector: &Inspector,
    beats: &[BeatLine],
    from: Option<Coordinates>,
) -> InspectorCard {
    let (receiving_class, receiving_text) = match inspector.reception_hours.state_at(now) {
        crate::domain::hours::OpenState::Open { until } => (
            "open",
            lang.t_args(
                "inspector-receiving-now",
                &[(
                    "when",
                    until
                        .map(|u| format::when(lang, now, u))
                        .unwrap_or_default()
                        .into(),
                )],
            ),
        ),
        crate::domain::hours::OpenState::Closed { opens: Some(t) } => (
            "closed",
            lang.t_args(
                "inspector-next-reception",
                &[("when", format::when(lang, now, t).into())],
            ),
        ),
        crate::domain::hours::OpenState::Closed { opens: None } => {
            ("closed", lang.t("inspector-no-reception"))
        }
    };
    let point = inspector.point.as_ref();
    let distance = match (from, point) {
        (Some(f), Some(p)) => Coordinates::new(p.lat, p.lon)
            .map(|c| {
                let d = f.distance_m(c);
                format!("{} · {}", format::distance(lang, d), format::walk(lang, d))
            })
            .unwrap_or_default(),
        _ => String::new(),
    };
    InspectorCard {
        id: inspector.id,
        href: format!("/inspectors/{}", inspector.id),
        name: inspector.name.get(lang.code()).to_string(),
        rank: lang.t(rank_key(&inspector.rank)),
        position: lang.t(position_key(&inspector.position)),
        photo_src: format!("/inspectors/{}/photo", inspector.id),
        phone: Phone {
            display: inspector.work_phone.clone(),
            href: format::tel_href(&inspector.work_phone),
        },
        point_name: point
            .map(|p| p.name.get(lang.code()).to_string())
            .unwrap_or_default(),
        point_address: point
            .map(|p| p.address.get(lang.code()).to_string())
            .unwrap_or_default(),
        point_href: point
            .map(|p| format!("/posts/{}", p.id))
            .unwrap_or_default(),
        point_geo: point
            .map(|p| format!("geo:{:.6},{:.6}?z=17", p.lat, p.lon))
            .unwrap_or_default(),
        point_directions: match (from, point) {
            (Some(f), Some(p)) => format!(
                "https://www.openstreetmap.org/directions?engine=fossgis_osrm_foot&route={:.5}%2C{:.5}%3B{:.5}%2C{:.5}",
                f.lat(),
                f.lon(),
                p.lat,
                p.lon
            ),
            (None, Some(p)) => format!(
                "https://www.openstreetmap.org/?mlat={:.5}&mlon={:.5}#map=17/{:.5}/{:.5}",
                p.lat, p.lon, p.lat, p.lon
            ),
            _ => String::new(),
        },
        distance,
        receiving_class,
        receiving_text,
        reception: week_rows(lang, &inspector.reception_hours),
        beats: beats
            .iter()
            .map(|b| BeatLine {
                number: b.number.clone(),
                name: b.name.clone(),
                description: b.description.clone(),
            })
            .collect(),
        substitute_note: String::new(),
        thanks: Vec::new(),
    }
}

/// Who serves a beat today: the substitute while one covers it, else its inspector.
pub async fn serving(
    pool: &PgPool,
    beat: &Beat,
    today: chrono::NaiveDate,
) -> Result<Option<(Inspector, bool)>, sqlx::Error> {
    let substitute = substitute_active(today, beat.substitute_from, beat.substitute_until)
        .then_some(beat.substitute_id)
        .flatten();
    if let Some(id) = substitute
        && let Some(inspector) = inspectors::inspector_by_id(pool, id).await?
        && inspector.active
    {
        return Ok(Some((inspector, true)));
    }
    match beat.inspector_id {
        Some(id) => Ok(inspectors::inspector_by_id(pool, id)
            .await?
            .map(|i| (i, false))),
        None => Ok(None),
    }
}

/// Map data with the beat's boundary as well as the points.
fn beat_map_json(
    state: &AppState,
    lang: Lang,
    you: Option<Coordinates>,
    inspector: Option<&Inspector>,
    beat: Option<&Beat>,
) -> String {
    let markers: Vec<_> = inspector
        .and_then(|i| i.point.as_ref())
        .map(|p| {
            json!({"lat": p.lat, "lon": p.lon, "name": p.name.get(lang.code()),
                   "href": format!("/posts/{}", p.id), "future": false})
        })
        .into_iter()
        .collect();
    // Leaflet wants (lat, lon); GeoJSON rings are (lon, lat).
    let shapes: Vec<Vec<Vec<[f64; 2]>>> = beat
        .map(|b| {
            vec![
                b.boundary
                    .rings
                    .iter()
                    .map(|r| r.iter().map(|p| [p[1], p[0]]).collect())
                    .collect(),
            ]
        })
        .unwrap_or_default();
    let data = json!({
        "tiles": state.settings.tile_url,
        "attribution": lang.t("map-attribution"),
        "you": you.map(|c| [c.lat(), c.lon()]),
        "youLabel": lang.t("map-you"),
        "posts": markers,
        "shapes": shapes,
    });
    super::posts::script_safe_json(&data)
}

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
    pub map_json: String,
}

impl FindPage {
    pub fn error_for(&self, field: &str) -> Option<&str> {
        ErrorItem::for_field(&self.errors, field)
    }
}

/// The inspector serving a location, as a card, or the nearest inspector points when the
/// location is in no beat.
pub struct Answer {
    pub card: Option<InspectorCard>,
    pub nearest_points: Vec<PostCard>,
    pub map_json: String,
}

pub async fn answer_for(
    pool: &PgPool,
    state: &AppState,
    lang: Lang,
    at: Coordinates,
) -> Result<Answer, sqlx::Error> {
    let now = local_now(state);
    let beat = inspectors::beat_at(pool, at).await?;
    let serving = match &beat {
        Some(b) => serving(pool, b, now.date()).await?,
        None => None,
    };
    if let (Some(beat), Some((inspector, substitute))) = (&beat, &serving) {
        let mut card = card(lang, now, inspector, &[beat_line(lang, beat)], Some(at));
        card.thanks = thanks_lines(pool, state, Some(inspector.id), None).await?;
        if *substitute {
            card.substitute_note = lang.t_args(
                "inspector-substitute-note",
                &[
                    ("beat", beat.number.clone().into()),
                    (
                        "until",
                        beat.substitute_until
                            .map(|d| d.format("%d.%m.%Y").to_string())
                            .unwrap_or_default()
                            .into(),
                    ),
                ],
            );
        }
        return Ok(Answer {
            map_json: beat_map_json(state, lang, Some(at), Some(inspector), Some(beat)),
            card: Some(card),
            nearest_points: Vec::new(),
        });
    }
    let points = post_store::nearest(
        pool,
        at,
        NearestFilter {
            kind: Some(PostKind::InspectorPoint),
            future: false,
            open_at: None,
            limit: 5,
        },
    )
    .await?;
    let cards = points
        .iter()
        .map(|p| super::posts::card(lang, now, at, p))
        .collect();
    let refs: Vec<&crate::store::posts::Post> = points.iter().map(|p| &p.post).collect();
    Ok(Answer {
        card: None,
        nearest_points: cards,
        map_json: super::posts::map_json(state, lang, Some(at), &refs),
    })
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
        map_json: String::new(),
        ctx,
    };
    match location::locate(&pool, &query).await? {
        Err(errors) => {
            page.errors = errors
                .iter()
                .map(|e| ErrorItem {
                    field: e.field,
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
            let answer = answer_for(&pool, &state, lang, at).await?;
            page.no_beat = answer.card.is_none();
            page.card = answer.card;
            page.nearest_points = answer.nearest_points;
            page.map_json = answer.map_json;
        }
        Ok(Located::Choose(places)) => {
            page.choices =
                Choice::for_places(lang, &places, |id| format!("/inspectors/find?place={id}"));
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

#[derive(Template, askama_web::WebTemplate)]
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
) -> Result<InspectorPage, AppError> {
    let id: i64 = path.parse().map_err(|_| AppError::NotFound)?;
    let inspector = inspectors::inspector_by_id(&pool, id)
        .await?
        .filter(|i| i.active)
        .ok_or(AppError::NotFound)?;
    let lang = ctx.lang;
    let now = local_now(&state);
    let beats = inspectors::beats_of(&pool, id).await?;
    // A beat this inspector covers as a substitute counts only while the cover lasts.
    let served: Vec<&Beat> = beats
        .iter()
        .filter(|b| {
            b.inspector_id == Some(id)
                || substitute_active(now.date(), b.substitute_from, b.substitute_until)
        })
        .collect();
    let lines: Vec<BeatLine> = served.iter().map(|b| beat_line(lang, b)).collect();
    let mut card = card(lang, now, &inspector, &lines, None);
    card.thanks = thanks_lines(&pool, &state, Some(id), None).await?;
    Ok(InspectorPage {
        map_json: beat_map_json(
            &state,
            lang,
            None,
            Some(&inspector),
            served.first().copied(),
        ),
        card,
        ctx,
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct DirectoryQuery {
    pub q: Option<String>,
    pub page: Option<String>,
}

pub struct DirectoryLine {
    pub href: String,
    pub name: String,
    pub rank: String,
    pub beats: String,
    pub phone: Phone,
}

#[derive(Template)]
#[template(path = "public/inspectors.html")]
pub struct DirectoryPage {
    pub ctx: PageContext,
    pub q: String,
    pub error: Option<String>,
    pub lines: Vec<DirectoryLine>,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
    pub prev_href: String,
    pub next_href: String,
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub async fn directory(
    ctx: PageContext,
    query: web::Query<DirectoryQuery>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let q = query.q.as_deref().unwrap_or("").trim().to_string();
    let page_number = match query.page.as_deref().map(str::trim) {
        None | Some("") => Some(1),
        Some(p) => p.parse::<i64>().ok().filter(|n| (1..=100_000).contains(n)),
    };
    let mut error = None;
    if q.chars().count() > location::MAX_QUERY_CHARS {
        error = Some(lang.t("location-error-too-long"));
    }
    let Some(page_number) = page_number else {
        return Err(AppError::BadRequest("inspectors-error-page"));
    };
    let (entries, total) = if error.is_none() {
        inspectors::directory(&pool, &q, PAGE_SIZE, (page_number - 1) * PAGE_SIZE).await?
    } else {
        (Vec::new(), 0)
    };
    let pages = (total + PAGE_SIZE - 1) / PAGE_SIZE;
    let link = |n: i64| format!("/inspectors?q={}&page={n}", encode(&q));
    let page = DirectoryPage {
        lines: entries
            .into_iter()
            .map(|e| DirectoryLine {
                href: format!("/inspectors/{}", e.id),
                name: e.name.get(lang.code()).to_string(),
                rank: lang.t(rank_key(&e.rank)),
                beats: e.beat_numbers.join(", "),
                phone: Phone {
                    href: format::tel_href(&e.work_phone),
                    display: e.work_phone,
                },
            })
            .collect(),
        total,
        page: page_number,
        pages,
        prev_href: if page_number > 1 {
            link(page_number - 1)
        } else {
            String::new()
        },
        next_href: if page_number < pages {
            link(page_number + 1)
        } else {
            String::new()
        },
        error,
        q,
        ctx,
    };
    let status = if page.error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(page.render()?))
}

/// A placeholder portrait: initials on a colour of the inspector's own.
#[derive(Template)]
#[template(path = "public/portrait.svg", escape = "html")]
struct Portrait {
    hue: i64,
    initials: String,
}

/// The inspector's photo from the data directory, or a portrait placeholder with initials.
pub async fn photo(
    req: HttpRequest,
    path: web::Path<String>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let id: i64 = path.parse().map_err(|_| AppError::NotFound)?;
    let inspector = inspectors::inspector_by_id(&pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(file) = inspector.photo.as_deref() {
        // Only a plain file name: never a path out of the photos folder.
        if !file.contains('/') && !file.contains("..") {
            let path = state.settings.data_dir.join("photos").join(file);
            if let Ok(named) = actix_files::NamedFile::open(path) {
                return Ok(named.into_response(&req));
            }
        }
    }
    let lang = Lang::from_request(&req);
    let name = inspector.name.get(lang.code());
    let initials: String = name
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .take(2)
        .collect();
    let svg = Portrait {
        hue: (id * 47) % 360,
        initials,
    }
    .render()?;
    Ok(HttpResponse::Ok()
        .content_type("image/svg+xml")
        .insert_header(("Cache-Control", "public, max-age=86400"))
        .body(svg))
}
