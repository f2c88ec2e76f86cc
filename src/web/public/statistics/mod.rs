//! `GET /statistics`: how many appeals came in and how well they were answered, per month for
//! the city or one beat, with server-drawn SVG charts beside tables of the same numbers, each
//! figure's definition, and the downloads (`/statistics.csv` in `export`, the JSON in
//! `web::api::statistics`). Small counts are shown as "< 5" (`domain::statistics`).

pub mod chart;
pub mod export;

pub use crate::web::statistics::StatisticsQuery;
use crate::web::statistics::{chosen, compute, days, month_label, percent};

use actix_web::{HttpResponse, web};
use askama::Template;
use sqlx::PgPool;

use crate::domain::moderation::RejectionReason;
use crate::domain::statistics::{AreaFigures, Shown};
use crate::domain::submission::Category;
use crate::store::beats::Beat;
use crate::web::error::AppError;
use crate::web::page::{self, PageContext};
use crate::web::state::AppState;
use chart::Chart;

/// One line of a figures table.
pub struct Line {
    pub label: String,
    /// Where the line's label links (a beat's own statistics), or empty.
    pub href: String,
    pub received: String,
    pub thanks: String,
    pub complaints: String,
    pub requests: String,
    pub answered: String,
    pub on_time: String,
    pub on_time_percent: String,
    pub median_days: String,
    pub extended: String,
    pub forwarded: String,
    pub rejected: String,
    pub resolved: String,
    pub partly: String,
    pub not_resolved: String,
}

impl Line {
    fn new(label: String, href: String, f: &Shown) -> Line {
        Line {
            label,
            href,
            received: f.received.to_string(),
            thanks: f.thanks.to_string(),
            complaints: f.complaints.to_string(),
            requests: f.requests.to_string(),
            answered: f.answered.to_string(),
            on_time: f.on_time.to_string(),
            on_time_percent: percent(f.on_time_percent),
            median_days: days(f.median_days),
            extended: f.extended.to_string(),
            forwarded: f.forwarded.to_string(),
            rejected: f.rejected_total.to_string(),
            resolved: f.resolved.to_string(),
            partly: f.partly.to_string(),
            not_resolved: f.not_resolved.to_string(),
        }
    }
}

/// An area to choose.
pub struct AreaOption {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "public/statistics.html")]
pub struct StatisticsPage {
    pub ctx: PageContext,
    pub area_name: String,
    pub areas: Vec<AreaOption>,
    pub period: String,
    pub total: Line,
    pub months: Vec<Line>,
    pub chart: Chart,
    /// (name, count) over the period.
    pub categories: Vec<Named>,
    pub reasons: Vec<Named>,
    /// Per beat over the period; only for the whole city.
    pub beats: Vec<Line>,
    pub csv_href: String,
    pub json_href: String,
}

pub async fn show(
    ctx: PageContext,
    query: web::Query<StatisticsQuery>,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let computed = compute(&state, &pool).await?;
    let index = chosen(&computed, &query.beat)?;
    let (figures, area_name) =
        match index.and_then(|i| computed.beats.get(i).zip(computed.per_beat.get(i))) {
            Some((beat, figures)) => (figures, beat_label(&ctx, beat)),
            None => (&computed.city, ctx.t("stats-city")),
        };
    let mut areas = vec![AreaOption {
        value: String::new(),
        label: ctx.t("stats-city"),
        selected: index.is_none(),
    }];
    areas.extend(computed.beats.iter().enumerate().map(|(i, b)| AreaOption {
        value: b.number.clone(),
        label: beat_label(&ctx, b),
        selected: index == Some(i),
    }));
    let months: Vec<Line> = figures
        .months
        .iter()
        .map(|(m, f)| Line::new(month_label(*m), String::new(), f))
        .collect();
    let beats = if index.is_none() {
        computed
            .beats
            .iter()
            .zip(&computed.per_beat)
            .map(|(b, f)| {
                let label = beat_label(&ctx, b);
                let href = format!("/statistics?beat={}", urlencoding(&b.number));
                Line::new(label, href, &f.total)
            })
            .collect()
    } else {
        Vec::new()
    };
    let chart = month_chart(&ctx, &area_name, figures);
    let (categories, reasons) = breakdown(&ctx, figures);
    let period = match (computed.months.first(), computed.months.last()) {
        (Some(a), Some(b)) => format!("{} – {}", month_label(*a), month_label(*b)),
        _ => String::new(),
    };
    let suffix = if query.beat.trim().is_empty() {
        String::new()
    } else {
        format!("?beat={}", urlencoding(query.beat.trim()))
    };
    let page = StatisticsPage {
        total: Line::new(area_name.clone(), String::new(), &figures.total),
        area_name,
        areas,
        period,
        months,
        chart,
        categories,
        reasons,
        beats,
        csv_href: format!("/statistics.csv{suffix}"),
        json_href: format!("/api/v1/statistics.json{suffix}"),
        ctx,
    };
    let mut response = page::ok(&page)?;
    // The figures change slowly; a cache in front may keep them for five minutes.
    response.headers_mut().insert(
        actix_web::http::header::CACHE_CONTROL,
        actix_web::http::header::HeaderValue::from_static("public, max-age=300"),
    );
    Ok(response)
}

/// A name and its count, as shown.
pub type Named = (String, String);

/// Requests by category and rejections by reason over the period: (name, count).
fn breakdown(ctx: &PageContext, figures: &AreaFigures) -> (Vec<Named>, Vec<Named>) {
    let categories = figures
        .total
        .by_category
        .iter()
        .filter_map(|(code, n)| Category::parse(code).map(|c| (ctx.t(c.key()), n.to_string())))
        .collect();
    let reasons = figures
        .total
        .rejected
        .iter()
        .filter_map(|(code, n)| {
            RejectionReason::parse(code).map(|r| (ctx.t(r.key()), n.to_string()))
        })
        .collect();
    (categories, reasons)
}

/// A beat by its name, which carries its number; by its number when it has no name.
fn beat_label(ctx: &PageContext, b: &Beat) -> String {
    match b.name.get(ctx.lang.code()) {
        "" => ctx.t1("stats-beat-name", "number", b.number.clone()),
        name => name.to_string(),
    }
}

fn urlencoding(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// Received and answered on time, per month, as bars.
fn month_chart(ctx: &PageContext, area_name: &str, figures: &AreaFigures) -> Chart {
    let received = ctx.t("stats-received");
    let on_time = ctx.t("stats-on-time");
    let groups: Vec<_> = figures
        .months
        .iter()
        .map(|(m, f)| {
            (
                month_label(*m),
                vec![
                    ("received", received.clone(), f.received),
                    ("on-time", on_time.clone(), f.on_time),
                ],
            )
        })
        .collect();
    let summary = figures
        .months
        .iter()
        .map(|(m, f)| format!("{} {} / {}", month_label(*m), f.received, f.on_time))
        .collect::<Vec<_>>()
        .join("; ");
    chart::grouped(
        "chart-months",
        ctx.t1("stats-chart-title", "area", area_name.to_string()),
        ctx.t1("stats-chart-desc", "figures", summary),
        &groups,
    )
}
