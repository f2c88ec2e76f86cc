//! `GET /statistics.csv`: the city and every beat (or the one `?beat=` names), each month and
//! the whole period, with the page's small-count rule: a count from 1 to 4 is `< 5`, a median
//! or share drawn from fewer than 5 answered appeals is empty.

use actix_web::{HttpResponse, web};
use sqlx::PgPool;

use crate::web::csv::csv_response;
use crate::web::error::AppError;
use crate::web::state::AppState;
use crate::web::statistics::{StatisticsQuery, areas, cell, columns, compute, values};

/// `GET /statistics.csv`
pub async fn csv(
    query: web::Query<StatisticsQuery>,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let computed = compute(&state, &pool).await?;
    let mut header = vec!["area".to_string(), "beat".into(), "month".into()];
    header.extend(columns());
    let mut rows = vec![header];
    for (beat, figures) in areas(&computed, &query.beat)? {
        let area = if beat.is_some() { "beat" } else { "city" };
        let lines = figures
            .months
            .iter()
            .map(|(m, f)| (m.code(), f))
            .chain(std::iter::once(("total".to_string(), &figures.total)));
        for (month, f) in lines {
            let mut row = vec![
                area.to_string(),
                beat.unwrap_or_default().to_string(),
                month,
            ];
            row.extend(values(f).iter().map(cell));
            rows.push(row);
        }
    }
    csv_response("statistics.csv", rows)
}
