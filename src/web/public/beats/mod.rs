//! The beat as a place residents know: `GET /beats` (all, with search), `GET /beats/{number}`
//! (who serves it, where they receive, the beat on the map and as streets, local priorities,
//! meetings, thanks, and the last 12 months' figures), `GET /beats/{number}/events.ics`, and
//! booking a reception slot (`booking`).

pub mod booking;

use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::Utc;
use serde::Deserialize;
use sqlx::PgPool;

use crate::domain::beat_life::{CalendarEvent, MeetingKind, ical};
use crate::domain::statistics::Count;
use crate::domain::text::fold;
use crate::store::beat_life;
use crate::store::beats::{self, Beat};
use crate::web::error::AppError;
pub use crate::web::links::beat_href;
use crate::web::page::{self, PageContext};
use crate::web::public::view::inspector_card::{InspectorCard, beat_line, card, thanks_lines};
use crate::web::public::view::map::beat_map;
use crate::web::state::AppState;
use crate::web::statistics::{compute, days, percent};

/// The city's offset from UTC: Kazakhstan keeps no daylight saving time.
fn offset(state: &AppState) -> String {
    Utc::now()
        .with_timezone(&state.settings.time_zone)
        .format("%z")
        .to_string()
}

pub struct BeatRow {
    pub number: String,
    pub name: String,
    pub description: String,
    pub href: String,
}

#[derive(Template)]
#[template(path = "public/beats.html")]
pub struct BeatsPage {
    pub ctx: PageContext,
    pub q: String,
    pub rows: Vec<BeatRow>,
    pub count: i64,
}

#[derive(Debug, Default, Deserialize)]
pub struct BeatsQuery {
    #[serde(default)]
    pub q: String,
}

pub async fn list(
    ctx: PageContext,
    query: web::Query<BeatsQuery>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let q = query.q.trim().chars().take(100).collect::<String>();
    let wanted = fold(&q);
    let lang = ctx.lang;
    let rows = beats::all_beats(&pool)
        .await?
        .into_iter()
        .filter(|b| {
            let all = format!(
                "{} {} {} {} {} {} {}",
                b.number,
                b.name.kk,
                b.name.ru,
                b.name.en,
                b.description.kk,
                b.description.ru,
                b.description.en
            );
            wanted.is_empty() || fold(&all).contains(&wanted)
        })
        .map(|b| BeatRow {
            href: beat_href(&b.number),
            number: b.number.clone(),
            name: b.name.of(lang).to_string(),
            description: b.description.of(lang).to_string(),
        })
        .collect::<Vec<_>>();
    let count = i64::try_from(rows.len()).unwrap_or(0);
    page::ok(&BeatsPage {
        ctx,
        q,
        rows,
        count,
    })
}

pub struct PriorityLine {
    pub issue: String,
    pub action: String,
    pub dates: String,
}

pub struct MeetingLine {
    pub kind: String,
    pub when: String,
    pub place: String,
    pub topic: String,
}

#[derive(Template)]
#[template(path = "public/beat.html")]
pub struct BeatPage {
    pub ctx: PageContext,
    pub number: String,
    pub name: String,
    pub description: String,
    pub card: Option<InspectorCard>,
    pub map_json: String,
    pub priorities: Vec<PriorityLine>,
    pub meetings: Vec<MeetingLine>,
    /// When the inspector last reported to residents, or that they have not for a year.
    pub last_report: String,
    pub received: String,
    pub on_time: String,
    pub median: String,
    /// What a hidden figure means ("< 5", "*", "—"), when one is.
    pub figures_note: String,
    pub href: String,
    pub statistics_href: String,
}

async fn priority_lines(
    ctx: &PageContext,
    pool: &PgPool,
    beat_id: i64,
    today: chrono::NaiveDate,
) -> Result<Vec<PriorityLine>, sqlx::Error> {
    let code = ctx.lang.code();
    let day = |d: chrono::NaiveDate| d.format("%d.%m.%Y").to_string();
    Ok(beat_life::priorities(pool, beat_id, today)
        .await?
        .into_iter()
        .map(|p| PriorityLine {
            issue: p.issue.or_other(code).to_string(),
            action: p.action.or_other(code).to_string(),
            dates: match p.ends_on {
                Some(e) => format!("{} – {}", day(p.starts_on), day(e)),
                None => ctx.t1("beat-priority-from", "date", day(p.starts_on)),
            },
        })
        .collect())
}

async fn meeting_lines(
    ctx: &PageContext,
    state: &AppState,
    pool: &PgPool,
    beat_id: i64,
) -> Result<Vec<MeetingLine>, sqlx::Error> {
    let code = ctx.lang.code();
    let tz = state.settings.time_zone;
    Ok(beat_life::meetings(pool, beat_id, Utc::now())
        .await?
        .into_iter()
        .map(|m| MeetingLine {
            kind: MeetingKind::parse(&m.kind).map_or_else(String::new, |k| ctx.t(k.key())),
            when: format!(
                "{}–{}",
                m.starts_at.with_timezone(&tz).format("%d.%m.%Y %H:%M"),
                m.ends_at.with_timezone(&tz).format("%H:%M")
            ),
            place: m.place.or_other(code).to_string(),
            topic: m.topic.or_other(code).to_string(),
        })
        .collect())
}

async fn beat_of(pool: &PgPool, number: &str) -> Result<Beat, AppError> {
    beats::beat_by_number(pool, number.trim())
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn show(
    ctx: PageContext,
    path: web::Path<String>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let beat = beat_of(&pool, &path).await?;
    let lang = ctx.lang;
    let now = state.local_now();
    let serving = beats::serving(&pool, &beat, now.date()).await?;
    let mut inspector_card = None;
    if let Some((inspector, substitute)) = &serving {
        let mut c = card(lang, now, inspector, vec![beat_line(lang, &beat)], None);
        c.thanks = thanks_lines(&pool, &state, Some(inspector.id), None).await?;
        if *substitute {
            let until = beat
                .substitute_until
                .map(|d| d.format("%d.%m.%Y").to_string())
                .unwrap_or_default();
            c.substitute_note = ctx.t1("beat-substitute-until", "until", until);
        }
        inspector_card = Some(c);
    }
    let priorities = priority_lines(&ctx, &pool, beat.id, now.date()).await?;
    let meetings = meeting_lines(&ctx, &state, &pool, beat.id).await?;
    // The inspector reports to residents at least once a year: the page says when they last
    // did, or that a year has passed without.
    let last_report = match beat_life::last_report(&pool, beat.id).await? {
        Some(at) if at > Utc::now() - chrono::Duration::days(365) => ctx.t1(
            "beat-last-report",
            "date",
            at.with_timezone(&state.settings.time_zone)
                .format("%d.%m.%Y")
                .to_string(),
        ),
        _ => ctx.t("beat-no-report"),
    };
    let figures = compute(&state, &pool).await?;
    let total = figures
        .beats
        .iter()
        .position(|b| b.id == beat.id)
        .and_then(|i| figures.per_beat.get(i))
        .map(|f| &f.total);
    let page = BeatPage {
        map_json: beat_map(
            &state,
            lang,
            None,
            serving.as_ref().map(|(i, _)| i),
            Some(&beat),
        ),
        number: beat.number.clone(),
        name: beat.name.of(lang).to_string(),
        description: beat.description.of(lang).to_string(),
        card: inspector_card,
        priorities,
        meetings,
        last_report,
        figures_note: match total.map(|t| t.received) {
            Some(Count::Withheld) => ctx.t("stats-def-withheld"),
            Some(Count::Exact(_)) if total.is_some_and(|t| t.median_days.is_some()) => {
                String::new()
            }
            _ => ctx.t("stats-def-small"),
        },
        received: total.map(|t| t.received.to_string()).unwrap_or_default(),
        on_time: total
            .map(|t| percent(t.on_time_percent))
            .unwrap_or_default(),
        median: total.map(|t| days(t.median_days)).unwrap_or_default(),
        href: beat_href(&beat.number),
        statistics_href: format!(
            "/statistics?beat={}",
            beat_href(&beat.number).trim_start_matches("/beats/")
        ),
        ctx,
    };
    page::ok(&page)
}

/// `GET /beats/{number}/events.ics`: the beat's meetings and report-backs, in the language
/// asked, in the city's time zone.
pub async fn events(
    ctx: PageContext,
    path: web::Path<String>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let beat = beat_of(&pool, &path).await?;
    let code = ctx.lang.code();
    let tz = state.settings.time_zone;
    let since = Utc::now() - chrono::Duration::days(90);
    let host = state
        .settings
        .notify
        .public_url
        .clone()
        .unwrap_or_else(|| "police-portal".into());
    let host = host
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    let events: Vec<CalendarEvent> = beat_life::meetings(&pool, beat.id, since)
        .await?
        .into_iter()
        .map(|m| {
            let kind = MeetingKind::parse(&m.kind).map_or_else(String::new, |k| ctx.t(k.key()));
            CalendarEvent {
                uid: format!("beat-meeting-{}@{}", m.id, host.trim_end_matches('/')),
                stamp: m.created_at,
                starts: m.starts_at.with_timezone(&tz).naive_local(),
                ends: m.ends_at.with_timezone(&tz).naive_local(),
                summary: format!("{kind}: {}", m.topic.or_other(code)),
                location: m.place.or_other(code).to_string(),
                description: ctx.t1(
                    "beat-calendar-description",
                    "beat",
                    beat.name.of(ctx.lang).to_string(),
                ),
            }
        })
        .collect();
    let name = ctx.t1(
        "beat-calendar-name",
        "beat",
        beat.name.of(ctx.lang).to_string(),
    );
    let body = ical(&name, tz.name(), &offset(&state), &events);
    Ok(HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            format!("inline; filename=\"beat-{}.ics\"", beat.id),
        ))
        .body(body))
}
