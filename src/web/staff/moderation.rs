//! The moderation queue, one submission with its actions, the audit log and CSV exports.

use actix_session::Session;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::NaiveDate;
use serde::Deserialize;
use sqlx::PgPool;

use super::{StaffUser, redirect, require_admin, require_staff};
use crate::domain::moderation::{
    Action, MAX_EXTENSION_WORKING_DAYS, REJECTION_REASONS, available, rejection_key, transition,
};
use crate::domain::submission::{
    CATEGORIES, SubmissionKind, SubmissionStatus, category_key, clean_text,
    normalize_tracking_number,
};
use crate::store::moderation::{
    self as store, Applied, AuditFilter, Change, Detail, QueueFilter, QueueRow,
};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::i18n::Lang;
use crate::web::page::PageContext;
use crate::web::public::posts::local_now;
use crate::web::public::submissions::OptionItem;
use crate::web::security::{csrf_token, verify_csrf};

pub const QUEUE_PAGE: i64 = 50;

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

pub async fn dashboard(
    ctx: PageContext,
    session: Session,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let user = require_staff(&session, &pool, &state).await?;
    let lang = ctx.lang;
    let today = local_now(&state).date();
    let calendar = state.calendar(&pool).await?;
    let soon = calendar.add_working_days(today, 3);
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
            .map(|h| lang.t_args("staff-hours", &[("hours", format!("{h:.1}").into())]))
            .unwrap_or_else(|| lang.t("staff-no-data")),
        user,
        ctx,
    };
    Ok(html(StatusCode::OK, page.render()?))
}

fn html(status: StatusCode, body: String) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(body)
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct QueueQuery {
    pub kind: Option<String>,
    pub status: Option<String>,
    pub category: Option<String>,
    pub post: Option<String>,
    pub inspector: Option<String>,
    pub overdue: Option<String>,
    pub from: Option<String>,
    pub until: Option<String>,
    pub q: Option<String>,
    /// Keyset: the last row of the previous page, "YYYY-MM-DD.id".
    pub after: Option<String>,
}

fn nonempty(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn date(v: &Option<String>) -> Result<Option<NaiveDate>, AppError> {
    match nonempty(v) {
        None => Ok(None),
        Some(t) => NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| AppError::BadRequest("staff-error-filter")),
    }
}

fn id(v: &Option<String>) -> Result<Option<i64>, AppError> {
    match nonempty(v) {
        None => Ok(None),
        Some(t) => t
            .parse()
            .map(Some)
            .map_err(|_| AppError::BadRequest("staff-error-filter")),
    }
}

fn parse_filter(q: &QueueQuery, today: NaiveDate) -> Result<QueueFilter, AppError> {
    let bad = || AppError::BadRequest("staff-error-filter");
    Ok(QueueFilter {
        kind: match nonempty(&q.kind) {
            None => None,
            Some("thanks") => Some(SubmissionKind::Thanks),
            Some("complaint") => Some(SubmissionKind::Complaint),
            Some("request") => Some(SubmissionKind::Request),
            Some(_) => return Err(bad()),
        },
        status: match nonempty(&q.status) {
            None => None,
            Some(s) => Some(SubmissionStatus::parse(s).ok_or_else(bad)?),
        },
        category: match nonempty(&q.category) {
            None => None,
            Some(c) if category_key(c).is_some() => Some(c.to_string()),
            Some(_) => return Err(bad()),
        },
        post_id: id(&q.post)?,
        inspector_id: id(&q.inspector)?,
        overdue_on: nonempty(&q.overdue).is_some().then_some(today),
        from: date(&q.from)?,
        until: date(&q.until)?,
        text: nonempty(&q.q).map(|t| t.chars().take(200).collect()),
    })
}

fn parse_after(q: &QueueQuery) -> Result<Option<(NaiveDate, i64)>, AppError> {
    let Some(after) = nonempty(&q.after) else {
        return Ok(None);
    };
    let bad = || AppError::BadRequest("staff-error-filter");
    let (d, i) = after.split_once('.').ok_or_else(bad)?;
    Ok(Some((
        NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| bad())?,
        i.parse().map_err(|_| bad())?,
    )))
}

pub struct QueueLine {
    pub href: String,
    pub number: String,
    pub kind: String,
    pub status: String,
    pub received: String,
    pub due: String,
    pub overdue: bool,
    pub excerpt: String,
}

#[derive(Template)]
#[template(path = "staff/queue.html")]
pub struct QueuePage {
    pub ctx: PageContext,
    pub csrf: String,
    pub user: StaffUser,
    pub query: QueueQuery,
    pub kinds: Vec<OptionItem>,
    pub statuses: Vec<OptionItem>,
    pub categories: Vec<OptionItem>,
    pub lines: Vec<QueueLine>,
    pub next_href: String,
    pub csv_href: String,
}

fn query_string(q: &QueueQuery) -> String {
    let pairs = [
        ("kind", &q.kind),
        ("status", &q.status),
        ("category", &q.category),
        ("post", &q.post),
        ("inspector", &q.inspector),
        ("overdue", &q.overdue),
        ("from", &q.from),
        ("until", &q.until),
        ("q", &q.q),
    ];
    pairs
        .iter()
        .filter_map(|(k, v)| nonempty(v).map(|v| format!("{k}={}", encode(v))))
        .collect::<Vec<_>>()
        .join("&")
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn line(lang: Lang, state: &AppState, today: NaiveDate, r: &QueueRow) -> QueueLine {
    QueueLine {
        href: format!("/staff/submissions/{}", r.id),
        number: r.tracking_number.clone(),
        kind: lang.t(r.kind.key()),
        status: lang.t(r.status.key()),
        received: r
            .received_at
            .with_timezone(&state.settings.time_zone)
            .format("%d.%m.%Y %H:%M")
            .to_string(),
        due: r.due_on.format("%d.%m.%Y").to_string(),
        overdue: r.due_on < today
            && matches!(
                r.status,
                SubmissionStatus::New | SubmissionStatus::InReview | SubmissionStatus::Extended
            ),
        excerpt: r.excerpt.clone(),
    }
}

pub async fn queue(
    ctx: PageContext,
    session: Session,
    query: web::Query<QueueQuery>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let user = require_staff(&session, &pool, &state).await?;
    let lang = ctx.lang;
    let today = local_now(&state).date();
    let query = query.into_inner();
    let filter = parse_filter(&query, today)?;
    let rows = store::queue(&pool, &filter, parse_after(&query)?, QUEUE_PAGE).await?;
    let base = query_string(&query);
    let next_href = match rows.last() {
        Some(last) if rows.len() as i64 == QUEUE_PAGE => format!(
            "/staff/queue?{base}{}after={}.{}",
            if base.is_empty() { "" } else { "&" },
            last.due_on,
            last.id
        ),
        _ => String::new(),
    };
    let selected = |v: &Option<String>| nonempty(v).unwrap_or("").to_string();
    let page = QueuePage {
        csrf: csrf_token(&session),
        kinds: [
            SubmissionKind::Thanks,
            SubmissionKind::Complaint,
            SubmissionKind::Request,
        ]
        .iter()
        .map(|k| OptionItem {
            value: k.code().into(),
            label: lang.t(k.key()),
            selected: selected(&query.kind) == k.code(),
        })
        .collect(),
        statuses: SubmissionStatus::ALL
            .iter()
            .map(|s| OptionItem {
                value: s.code().into(),
                label: lang.t(s.key()),
                selected: selected(&query.status) == s.code(),
            })
            .collect(),
        categories: CATEGORIES
            .iter()
            .map(|(c, k)| OptionItem {
                value: c.to_string(),
                label: lang.t(k),
                selected: selected(&query.category) == *c,
            })
            .collect(),
        lines: rows.iter().map(|r| line(lang, &state, today, r)).collect(),
        next_href,
        csv_href: format!("/staff/queue.csv?{base}"),
        query,
        user,
        ctx,
    };
    Ok(html(StatusCode::OK, page.render()?))
}

fn csv_response(name: &str, rows: Vec<Vec<String>>) -> Result<HttpResponse, AppError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        writer
            .write_record(&row)
            .map_err(|_| AppError::BadRequest("staff-error-filter"))?;
    }
    let body = writer
        .into_inner()
        .map_err(|_| AppError::BadRequest("staff-error-filter"))?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ))
        .body(body))
}

/// The filtered queue as CSV, admins only; contact details are not included.
pub async fn queue_csv(
    req: HttpRequest,
    session: Session,
    query: web::Query<QueueQuery>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let user = require_admin(&session, &pool, &state).await?;
    let today = local_now(&state).date();
    let filter = parse_filter(&query, today)?;
    let mut rows = vec![
        [
            "tracking_number",
            "kind",
            "status",
            "category",
            "received_at",
            "due_on",
            "excerpt",
        ]
        .map(String::from)
        .to_vec(),
    ];
    let mut after = None;
    // All pages, by the same keyset as the screen.
    loop {
        let page = store::queue(&pool, &filter, after, 1000).await?;
        for r in &page {
            rows.push(vec![
                r.tracking_number.clone(),
                r.kind.code().into(),
                r.status.code().into(),
                r.category.clone().unwrap_or_default(),
                r.received_at.to_rfc3339(),
                r.due_on.to_string(),
                r.excerpt.clone(),
            ]);
        }
        match page.last() {
            Some(last) if page.len() == 1000 => after = Some((last.due_on, last.id)),
            _ => break,
        }
    }
    store::audit(
        &pool,
        &user.actor(&req),
        "export_queue",
        &query_string(&query),
    )
    .await?;
    csv_response("queue.csv", rows)
}

pub struct HistoryLine {
    pub date: String,
    pub status: String,
    pub note: String,
}

pub struct AuditLine {
    pub date: String,
    pub who: String,
    pub action: String,
    pub number: String,
    pub change: String,
    pub reason: String,
    pub client: String,
}

#[derive(Template)]
#[template(path = "staff/submission.html")]
pub struct SubmissionPage {
    pub ctx: PageContext,
    pub csrf: String,
    pub user: StaffUser,
    pub s: Detail,
    pub kind: String,
    pub status: String,
    pub category: String,
    pub received: String,
    pub actions: Vec<&'static str>,
    pub reasons: Vec<OptionItem>,
    pub history: Vec<HistoryLine>,
    pub audit: Vec<AuditLine>,
    pub error: Option<String>,
    pub typed: ActionForm,
}

impl SubmissionPage {
    pub fn offers(&self, action: &str) -> bool {
        self.actions.contains(&action)
    }
}

fn audit_line(lang: Lang, state: &AppState, a: &store::AuditEntry) -> AuditLine {
    AuditLine {
        date: a
            .at
            .with_timezone(&state.settings.time_zone)
            .format("%d.%m.%Y %H:%M:%S")
            .to_string(),
        who: a.staff_email.clone(),
        action: a.action.clone(),
        number: a.tracking_number.clone().unwrap_or_default(),
        change: match (a.from_status, a.to_status) {
            (Some(f), Some(t)) => format!("{} → {}", lang.t(f.key()), lang.t(t.key())),
            _ => String::new(),
        },
        reason: a.reason.clone(),
        client: a.client.clone(),
    }
}

#[allow(clippy::too_many_arguments)]
async fn render_detail(
    ctx: PageContext,
    session: &Session,
    pool: &PgPool,
    state: &AppState,
    user: StaffUser,
    s: Detail,
    error: Option<&str>,
    typed: ActionForm,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let tz = state.settings.time_zone;
    let history = crate::store::submissions::tracked(pool, &s.tracking_number)
        .await?
        .map(|t| t.history)
        .unwrap_or_default()
        .iter()
        .map(|h| HistoryLine {
            date: h.at.with_timezone(&tz).format("%d.%m.%Y %H:%M").to_string(),
            status: lang.t(h.status.key()),
            note: h.public_note.clone(),
        })
        .collect();
    let audit = store::audit_entries(
        pool,
        &AuditFilter {
            submission_id: Some(s.id),
            ..Default::default()
        },
        200,
    )
    .await?
    .iter()
    .map(|a| audit_line(lang, state, a))
    .collect();
    let page = SubmissionPage {
        csrf: csrf_token(session),
        kind: lang.t(s.kind.key()),
        status: lang.t(s.status.key()),
        category: s
            .category
            .as_deref()
            .and_then(category_key)
            .map(|k| lang.t(k))
            .unwrap_or_default(),
        received: s
            .received_at
            .with_timezone(&tz)
            .format("%d.%m.%Y %H:%M")
            .to_string(),
        actions: available(s.kind, s.status, user.role)
            .into_iter()
            .map(|a| a.code())
            .collect(),
        reasons: REJECTION_REASONS
            .iter()
            .map(|(c, k)| OptionItem {
                value: c.to_string(),
                label: lang.t(k),
                selected: typed.reason_code == *c,
            })
            .collect(),
        history,
        audit,
        error: error.map(|k| lang.t(k)),
        typed,
        s,
        user,
        ctx,
    };
    Ok(html(status, page.render()?))
}

fn path_id(text: &str) -> Result<i64, AppError> {
    text.parse().map_err(|_| AppError::NotFound)
}

pub async fn detail(
    ctx: PageContext,
    session: Session,
    path: web::Path<String>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let user = require_staff(&session, &pool, &state).await?;
    let s = store::detail(&pool, path_id(&path)?)
        .await?
        .ok_or(AppError::NotFound)?;
    render_detail(
        ctx,
        &session,
        &pool,
        &state,
        user,
        s,
        None,
        ActionForm::default(),
        StatusCode::OK,
    )
    .await
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct ActionForm {
    #[serde(default)]
    pub csrf_token: String,
    #[serde(default)]
    pub version: String,
    /// The public text of a thanks, or the answer to a complaint or request.
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub reason_code: String,
    #[serde(default)]
    pub duplicate_of: String,
    #[serde(default)]
    pub forwarded_to: String,
    #[serde(default)]
    pub days: String,
}

/// Checks what an action needs and turns it into a change, or names what is missing.
fn change_for(
    action: Action,
    form: &ActionForm,
    s: &Detail,
    calendar: &crate::domain::deadline::WorkingCalendar,
) -> Result<(Change, String), &'static str> {
    let text = clean_text(&form.text, true);
    let reason = clean_text(&form.reason, true);
    let mut change = Change::default();
    let audit_reason;
    match action {
        Action::Take | Action::Close => audit_reason = String::new(),
        Action::Publish => {
            if text.is_empty() || text.chars().count() > 5000 {
                return Err("staff-error-public-text");
            }
            change.public_text = Some(text);
            change.publishes = true;
            audit_reason = String::new();
        }
        Action::Answer => {
            if text.chars().count() < 10 || text.chars().count() > 5000 {
                return Err("staff-error-answer");
            }
            change.public_answer = Some(text);
            change.answers = true;
            audit_reason = String::new();
        }
        Action::Forward => {
            let body = clean_text(&form.forwarded_to, false);
            if body.is_empty() || body.chars().count() > 200 {
                return Err("staff-error-forwarded-to");
            }
            change.public_note = body.clone();
            change.forwarded_to = Some(body.clone());
            change.answers = true;
            audit_reason = body;
        }
        Action::Reject => {
            if rejection_key(form.reason_code.trim()).is_none() {
                return Err("staff-error-reason-code");
            }
            if form.reason_code.trim() == "duplicate" {
                let number = normalize_tracking_number(&form.duplicate_of)
                    .filter(|n| *n != s.tracking_number)
                    .ok_or("staff-error-duplicate-of")?;
                change.duplicate_of = Some(number.clone());
                change.public_note = number;
            }
            change.rejection_reason = Some(form.reason_code.trim().to_string());
            audit_reason = form.reason_code.trim().to_string();
        }
        Action::Extend => {
            if reason.is_empty() || reason.chars().count() > 1000 {
                return Err("staff-error-reason");
            }
            let days: u32 = form
                .days
                .trim()
                .parse()
                .ok()
                .filter(|d| (1..=MAX_EXTENSION_WORKING_DAYS).contains(d))
                .ok_or("staff-error-days")?;
            change.due_on = Some(calendar.add_working_days(s.due_on, days));
            change.extension_reason = Some(reason.clone());
            change.public_note = reason.clone();
            audit_reason = reason;
        }
        Action::Reopen => {
            if reason.is_empty() || reason.chars().count() > 1000 {
                return Err("staff-error-reason");
            }
            audit_reason = reason;
        }
    }
    Ok((change, audit_reason))
}

pub async fn act(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    path: web::Path<(String, String)>,
    form: web::Form<ActionForm>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let user = require_staff(&session, &pool, &state).await?;
    verify_csrf(&req, &session, &form.csrf_token)?;
    let (id_text, action_text) = path.into_inner();
    let action = Action::parse(&action_text).ok_or(AppError::NotFound)?;
    let s = store::detail(&pool, path_id(&id_text)?)
        .await?
        .ok_or(AppError::NotFound)?;
    let form = form.into_inner();
    let version: i32 = form
        .version
        .trim()
        .parse()
        .map_err(|_| AppError::BadRequest("staff-error-filter"))?;

    let transition = transition(s.kind, s.status, action, user.role);
    if transition == Err(crate::domain::moderation::TransitionError::AdminOnly) {
        return Err(AppError::Forbidden);
    }
    // Someone acted since this page was read: say so, whatever the action would now be.
    if version != s.version {
        return Err(AppError::Conflict);
    }
    let to = match transition {
        Ok(to) => to,
        Err(e) => {
            return render_detail(
                ctx,
                &session,
                &pool,
                &state,
                user,
                s,
                Some(e.key()),
                form,
                StatusCode::CONFLICT,
            )
            .await;
        }
    };
    let calendar = state.calendar(&pool).await?;
    let (change, reason) = match change_for(action, &form, &s, &calendar) {
        Ok(c) => c,
        Err(key) => {
            return render_detail(
                ctx,
                &session,
                &pool,
                &state,
                user,
                s,
                Some(key),
                form,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let actor = user.actor(&req);
    match store::apply(
        &pool,
        s.id,
        version,
        s.status,
        to,
        action.code(),
        &reason,
        &change,
        &actor,
    )
    .await?
    {
        Applied::Done => Ok(redirect(&format!("/staff/submissions/{}", s.id))),
        Applied::Conflict => Err(AppError::Conflict),
    }
}

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
}

async fn audit_filter(pool: &PgPool, q: &AuditQuery) -> Result<AuditFilter, AppError> {
    let submission_id = match nonempty(&q.number) {
        None => None,
        Some(n) => {
            let number =
                normalize_tracking_number(n).ok_or(AppError::BadRequest("staff-error-filter"))?;
            Some(
                crate::store::submissions::tracked(pool, &number)
                    .await?
                    .map(|t| t.id)
                    .unwrap_or(-1),
            )
        }
    };
    Ok(AuditFilter {
        staff_email: nonempty(&q.staff).map(str::to_lowercase),
        action: nonempty(&q.action).map(str::to_string),
        submission_id,
        from: date(&q.from)?,
        until: date(&q.until)?,
    })
}

pub async fn audit(
    ctx: PageContext,
    session: Session,
    query: web::Query<AuditQuery>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let user = require_admin(&session, &pool, &state).await?;
    let filter = audit_filter(&pool, &query).await?;
    let lang = ctx.lang;
    let entries = store::audit_entries(&pool, &filter, 500).await?;
    let q = query.into_inner();
    let csv_href = format!(
        "/staff/audit.csv?{}",
        [
            ("staff", &q.staff),
            ("action", &q.action),
            ("number", &q.number),
            ("from", &q.from),
            ("until", &q.until)
        ]
        .iter()
        .filter_map(|(k, v)| nonempty(v).map(|v| format!("{k}={}", encode(v))))
        .collect::<Vec<_>>()
        .join("&")
    );
    let page = AuditPage {
        csrf: csrf_token(&session),
        lines: entries
            .iter()
            .map(|a| audit_line(lang, &state, a))
            .collect(),
        csv_href,
        query: q,
        user,
        ctx,
    };
    Ok(html(StatusCode::OK, page.render()?))
}

pub async fn audit_csv(
    req: HttpRequest,
    session: Session,
    query: web::Query<AuditQuery>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let user = require_admin(&session, &pool, &state).await?;
    let filter = audit_filter(&pool, &query).await?;
    let entries = store::audit_entries(&pool, &filter, 100_000).await?;
    let mut rows = vec![
        [
            "at",
            "staff",
            "action",
            "tracking_number",
            "from",
            "to",
            "reason",
            "client",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for a in entries {
        rows.push(vec![
            a.at.to_rfc3339(),
            a.staff_email,
            a.action,
            a.tracking_number.unwrap_or_default(),
            a.from_status
                .map(|s| s.code().to_string())
                .unwrap_or_default(),
            a.to_status
                .map(|s| s.code().to_string())
                .unwrap_or_default(),
            a.reason,
            a.client,
        ]);
    }
    store::audit(&pool, &user.actor(&req), "export_audit", "").await?;
    csv_response("audit.csv", rows)
}
