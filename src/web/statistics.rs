//! The public statistics as the page, the CSV and the JSON share them: the figures of the
//! last 12 months for the city and every beat, computed from the store's slim rows by
//! `domain::statistics`, and one row of figures as columns and values.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use serde::Deserialize;
use serde_json::{Value, json};
use sqlx::PgPool;

use crate::domain::moderation::RejectionReason;
use crate::domain::notice::Satisfaction;
use crate::domain::statistics::{
    Appeal, AreaFigures, BeatArea, Count, MONTHS, Month, Shown, area, beat_of,
};
use crate::domain::submission::Category;
use crate::store::beats::{Beat, all_beats};
use crate::web::error::AppError;
use crate::web::state::{AppState, STATISTICS_TTL};

#[derive(Debug, Default, Deserialize)]
pub struct StatisticsQuery {
    /// A beat's number; the whole city when empty.
    #[serde(default)]
    pub beat: String,
}

/// Everything the page and the downloads show: the months, and the figures of the city and of
/// every beat.
pub struct Computed {
    pub months: Vec<Month>,
    pub beats: Vec<Beat>,
    pub city: AreaFigures,
    /// In the order of `beats`.
    pub per_beat: Vec<AreaFigures>,
}

/// The last 12 months' figures, at most `STATISTICS_TTL` old.
pub async fn compute(state: &AppState, pool: &PgPool) -> Result<Arc<Computed>, sqlx::Error> {
    if let Some((at, computed)) = state.statistics.read().await.as_ref()
        && at.elapsed() < STATISTICS_TTL
    {
        return Ok(computed.clone());
    }
    let computed = Arc::new(compute_now(state, pool).await?);
    *state.statistics.write().await = Some((Instant::now(), computed.clone()));
    Ok(computed)
}

/// The last 12 months' figures, from the appeals as they are now.
async fn compute_now(state: &AppState, pool: &PgPool) -> Result<Computed, sqlx::Error> {
    let months = Month::last(MONTHS, state.local_now().date());
    let since = months.first().map(|m| m.first_day()).unwrap_or_default();
    let tz = state.settings.time_zone;
    let rows = crate::store::statistics::appeals_since(pool, since, tz.name()).await?;
    let beats = all_beats(pool).await?;
    let calendar = state.calendar(pool).await?;
    let areas: Vec<BeatArea> = beats
        .iter()
        .map(|b| BeatArea {
            id: b.id,
            boundary: &b.boundary,
            inspector_id: b.inspector_id,
        })
        .collect();
    let appeals: Vec<Appeal> = rows
        .iter()
        .map(|r| Appeal {
            month: Month::of(r.received_on),
            beat: beat_of(&areas, r.lat.zip(r.lon), r.inspector_id),
            kind: r.kind,
            category: r.category.as_deref().and_then(Category::parse),
            registered_on: r.registered_on,
            due_on: r.due_on,
            first_answer_on: r.first_answer_on,
            extended: r.extended,
            forwarded: r.forwarded,
            rejection: r
                .rejection_reason
                .as_deref()
                .and_then(RejectionReason::parse),
            satisfaction: r.satisfaction.as_deref().and_then(Satisfaction::parse),
        })
        .collect();
    let city = area(&appeals, None, &months, &calendar);
    // Each beat's figures from its own appeals: one pass to sort them, not one per beat.
    let mut of_beat: HashMap<i64, Vec<Appeal>> = HashMap::new();
    for a in &appeals {
        if let Some(beat) = a.beat {
            of_beat.entry(beat).or_default().push(a.clone());
        }
    }
    let per_beat = beats
        .iter()
        .map(|b| {
            let own = of_beat.get(&b.id).map(Vec::as_slice).unwrap_or_default();
            area(own, Some(b.id), &months, &calendar)
        })
        .collect();
    Ok(Computed {
        months,
        beats,
        city,
        per_beat,
    })
}

/// The area a query names: None for the city, the beat's index, or not found.
pub fn chosen(computed: &Computed, beat: &str) -> Result<Option<usize>, AppError> {
    match beat.trim() {
        "" => Ok(None),
        number => computed
            .beats
            .iter()
            .position(|b| b.number == number)
            .map(Some)
            .ok_or(AppError::NotFound),
    }
}

/// The columns of a figures row, in order.
pub fn columns() -> Vec<String> {
    let mut all: Vec<String> = [
        "received",
        "thanks",
        "complaints",
        "requests",
        "answered",
        "answered_on_time",
        "answered_on_time_percent",
        "median_working_days_to_first_answer",
        "extended",
        "forwarded",
        "rejected",
    ]
    .map(String::from)
    .to_vec();
    all.extend(
        RejectionReason::ALL
            .iter()
            .map(|r| format!("rejected_{}", r.code())),
    );
    all.extend(
        Category::ALL
            .iter()
            .map(|c| format!("requests_{}", c.code())),
    );
    all.extend(["resolved", "partly_resolved", "not_resolved"].map(String::from));
    all
}

pub fn count_json(c: Count) -> Value {
    match c {
        Count::Exact(n) => json!(n),
        Count::FewerThanFive => json!("< 5"),
        Count::Withheld => json!("*"),
    }
}

/// The values of a figures row, in the order of `columns`.
pub fn values(f: &Shown) -> Vec<Value> {
    let mut all = vec![
        count_json(f.received),
        count_json(f.thanks),
        count_json(f.complaints),
        count_json(f.requests),
        count_json(f.answered),
        count_json(f.on_time),
        json!(f.on_time_percent),
        json!(f.median_days),
        count_json(f.extended),
        count_json(f.forwarded),
        count_json(f.rejected_total),
    ];
    all.extend(f.rejected.iter().map(|(_, c)| count_json(*c)));
    all.extend(f.by_category.iter().map(|(_, c)| count_json(*c)));
    all.extend([f.resolved, f.partly, f.not_resolved].map(count_json));
    all
}

/// The areas asked: the city and every beat, or the one beat named.
pub fn areas<'a>(
    computed: &'a Computed,
    beat: &str,
) -> Result<Vec<(Option<&'a str>, &'a AreaFigures)>, AppError> {
    Ok(match chosen(computed, beat)? {
        Some(i) => computed
            .beats
            .get(i)
            .zip(computed.per_beat.get(i))
            .map(|(b, f)| vec![(Some(b.number.as_str()), f)])
            .unwrap_or_default(),
        None => std::iter::once((None, &computed.city))
            .chain(
                computed
                    .beats
                    .iter()
                    .zip(&computed.per_beat)
                    .map(|(b, f)| (Some(b.number.as_str()), f)),
            )
            .collect(),
    })
}

pub fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

pub fn figures_json(f: &Shown) -> Value {
    Value::Object(columns().into_iter().zip(values(f)).collect())
}

/// `11.2026`, as dates are written here.
pub fn month_label(m: Month) -> String {
    format!("{:02}.{}", m.month, m.year)
}

/// A median of working days, or the dash of a figure not published.
pub fn days(v: Option<f64>) -> String {
    v.map_or_else(|| "—".into(), |d| format!("{d:.1}").replace(".0", ""))
}

pub fn percent(v: Option<f64>) -> String {
    v.map_or_else(|| "—".into(), |p| format!("{p:.0} %"))
}
