//! `GET /staff/audit` and `GET /staff/audit.csv`: the append-only audit log, admins only.

use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use sqlx::PgPool;

use super::view::{AuditLine, audit_line, bad_filter, csv_response, date, nonempty};
use crate::domain::moderation::AuditAction;
use crate::domain::submission::normalize_tracking_number;
use crate::store::moderation::{self as store, AuditEntry, AuditFilter};
use crate::store::submissions;
use crate::web::error::AppError;
use crate::web::extract::{AdminUser, actor};
use crate::web::links::query_string;
use crate::web::page::{self, PageContext};
use crate::web::security::csrf_token;
use crate::web::session::StaffUser;
use crate::web::state::AppState;

/// Most entries on the page, and in one export.
const PAGE_ENTRIES: i64 = 500;
const EXPORT_ENTRIES: i64 = 100_000;

#[derive(Clone, Debug, Default, Deserialize)]
pub struct AuditQuery {
    pub staff: Option<String>,
    pub action: Option<String>,
    pub number: Option<String>,
    pub from: Option<String>,
    pub until: Option<String>,
}

#[derive(Template)]
#[template(path = "staff/audit.html")]
pub struct AuditPage {
    pub ctx: PageContext,
    pub csrf: String,
    pub user: StaffUser,
    pub query: AuditQuery,
    pub lines: Vec<AuditLine>,
    pub csv_href: String,
    /// Every action by name, for the filter.
    pub actions: Vec<crate::web::form::OptionItem>,
}

impl AuditQuery {
    /// The filter; a tracking number is read as the store knows it (none found matches none).
    async fn filter(&self, pool: &PgPool) -> Result<AuditFilter, AppError> {
        let submission_id = match nonempty(&self.number) {
            None => None,
            Some(n) => {
                let number = normalize_tracking_number(n).ok_or_else(bad_filter)?;
                let tracked = submissions::tracked(pool, &number).await?;
                Some(tracked.map_or(-1, |t| t.id))
            }
        };
        Ok(AuditFilter {
            staff_email: nonempty(&self.staff).map(str::to_lowercase),
            action: nonempty(&self.action).map(str::to_string),
            submission_id,
            from: date(&self.from)?,
            until: date(&self.until)?,
        })
    }

    fn filters(&self) -> String {
        query_string([
            ("staff", self.staff.as_deref()),
            ("action", self.action.as_deref()),
            ("number", self.number.as_deref()),
            ("from", self.from.as_deref()),
            ("until", self.until.as_deref()),
        ])
    }
}

pub async fn show(
    ctx: PageContext,
    session: Session,
    AdminUser(user): AdminUser,
    query: web::Query<AuditQuery>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let filter = query.filter(&pool).await?;
    let lang = ctx.lang;
    let entries = store::audit_entries(&pool, &filter, PAGE_ENTRIES).await?;
    let query = query.into_inner();
    let page = AuditPage {
        csrf: csrf_token(&session),
        lines: entries
            .iter()
            .map(|a| audit_line(lang, &state, a))
            .collect(),
        csv_href: format!("/staff/audit.csv?{}", query.filters()),
        actions: crate::domain::moderation::AuditAction::all()
            .into_iter()
            .map(|a| crate::web::form::OptionItem {
                value: a.code().to_string(),
                label: lang.t(&a.key()),
                selected: query.action.as_deref() == Some(a.code()),
            })
            .collect(),
        query,
        user,
        ctx,
    };
    page::ok(&page)
}

fn csv_row(a: AuditEntry) -> Vec<String> {
    let code = |s: Option<crate::domain::submission::SubmissionStatus>| {
        s.map(|s| s.code().to_string()).unwrap_or_default()
    };
    vec![
        a.at.to_rfc3339(),
        a.staff_email,
        a.action,
        a.tracking_number.unwrap_or_default(),
        code(a.from_status),
        code(a.to_status),
        a.reason,
        a.client,
    ]
}

pub async fn csv(
    req: HttpRequest,
    AdminUser(user): AdminUser,
    query: web::Query<AuditQuery>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let filter = query.filter(&pool).await?;
    let entries = store::audit_entries(&pool, &filter, EXPORT_ENTRIES).await?;
    let header = [
        "at",
        "staff",
        "action",
        "tracking_number",
        "from",
        "to",
        "reason",
        "client",
    ];
    let mut rows = vec![header.map(String::from).to_vec()];
    rows.extend(entries.into_iter().map(csv_row));
    store::audit(&pool, &actor(&user, &req), AuditAction::ExportAudit, "").await?;
    csv_response("audit.csv", rows)
}
