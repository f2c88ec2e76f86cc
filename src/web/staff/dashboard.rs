//! `GET /staff`: counts by status and kind, what is overdue or due soon, answer times.

use actix_session::Session;
use actix_web::{HttpResponse, web};
use askama::Template;
use sqlx::PgPool;

use crate::store::moderation as store;
use crate::web::error::AppError;
use crate::web::page::{self, PageContext};
use crate::web::security::csrf_token;
use crate::web::session::StaffUser;
use crate::web::state::AppState;

/// "Due soon" is within this many working days.
const DUE_SOON_WORKING_DAYS: u32 = 3;

#[derive(Template)]
#[template(path = "staff/dashboard.html")]
pub struct DashboardPage {
    pub ctx: PageContext,
    pub csrf: String,
    pub user: StaffUser,
    pub rows: Vec<(String, String, i64)>,
    pub overdue: i64,
    pub due_soon: i64,
    pub median: String,
}

pub async fn show(
    ctx: PageContext,
    session: Session,
    user: StaffUser,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let today = state.local_now().date();
    let calendar = state.calendar(&pool).await?;
    let soon = calendar.add_working_days(today, DUE_SOON_WORKING_DAYS);
    let d = store::dashboard(&pool, today, soon).await?;
    let page = DashboardPage {
        csrf: csrf_token(&session),
        rows: d
            .by_status_kind
            .iter()
            .map(|(s, k, n)| (lang.t(s.key()), lang.t(k.key()), *n))
            .collect(),
        overdue: d.overdue,
        due_soon: d.due_soon,
        median: d
            .median_hours_to_answer
            .map(|h| crate::web::format::duration(lang, h))
            .unwrap_or_else(|| lang.t("staff-no-data")),
        user,
        ctx,
    };
    page::ok(&page)
}
