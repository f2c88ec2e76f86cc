//! `GET /api/v1/statistics.json`: the public statistics for programs, with the page's
//! small-count rule (a count from 1 to 4 is the string `"< 5"`).

use actix_web::{HttpResponse, web};
use serde_json::{Value, json};
use sqlx::PgPool;

use crate::web::error::AppError;
use crate::web::i18n::Lang;
use crate::web::state::AppState;
use crate::web::statistics::{StatisticsQuery, areas, compute, figures_json};

/// `GET /api/v1/statistics.json`
#[utoipa::path(
    get,
    path = "/api/v1/statistics.json",
    tag = "statistics",
    params(("beat" = Option<String>, Query, description = "a beat's number; the city and every beat when absent")),
    responses(
        (status = 200, description = "Figures per month and for the last 12 months, per area; a count from 1 to 4 is the string \"< 5\", a median or share of fewer than 5 answered appeals is null"),
        (status = 404, description = "No beat with this number")
    )
)]
pub async fn json(
    req: actix_web::HttpRequest,
    query: web::Query<StatisticsQuery>,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let computed = compute(&state, &pool).await?;
    let lang = Lang::from_request(&req);
    let names: std::collections::HashMap<&str, &str> = computed
        .beats
        .iter()
        .map(|b| (b.number.as_str(), b.name.get(lang.code())))
        .collect();
    let areas: Vec<Value> = areas(&computed, &query.beat)?
        .into_iter()
        .map(|(beat, figures)| {
            json!({
                "area": if beat.is_some() { "beat" } else { "city" },
                "beat": beat,
                "name": beat.and_then(|b| names.get(b).copied()),
                "months": figures.months.iter().map(|(m, f)| {
                    let mut v = figures_json(f);
                    if let Value::Object(o) = &mut v {
                        o.insert("month".into(), json!(m.code()));
                    }
                    v
                }).collect::<Vec<_>>(),
                "total": figures_json(&figures.total),
            })
        })
        .collect();
    let body = json!({
        "period": {
            "from": computed.months.first().map(|m| m.code()),
            "until": computed.months.last().map(|m| m.code()),
        },
        "small_counts": "a count from 1 to 4 is \"< 5\"; \"*\" is a count of 5 or more withheld so that no \"< 5\" beside it can be worked out by subtraction",
        "definitions": "/statistics#definitions",
        "areas": areas,
    });
    Ok(HttpResponse::Ok()
        .insert_header(("Access-Control-Allow-Origin", "*"))
        .insert_header(("Cache-Control", "public, max-age=300"))
        .json(body))
}
