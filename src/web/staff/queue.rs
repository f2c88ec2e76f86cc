//! `GET /staff/queue` (the moderation queue, filtered, by due date) and `GET /staff/queue.csv`
//! (the same rows for admins, without contact details).

use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use sqlx::PgPool;

use super::view::{bad_filter, csv_response, date, nonempty};
use crate::domain::moderation::AuditAction;
use crate::domain::redaction;
use crate::domain::submission::{Category, Channel, SubmissionKind, SubmissionStatus};
use crate::store::moderation::{self as store, Owner, QueueFilter, QueueRow};
use crate::web::error::AppError;
use crate::web::extract::{AdminUser, actor};
use crate::web::filters;
use crate::web::form::OptionItem;
use crate::web::i18n::Lang;
use crate::web::links::query_string;
use crate::web::page::{self, PageContext};
use crate::web::security::csrf_token;
use crate::web::session::StaffUser;
use crate::web::state::AppState;

pub const QUEUE_PAGE: i64 = 50;
/// Rows read at a time for an export.
const EXPORT_BATCH: i64 = 1000;

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
    /// `mine` (the default), `unassigned` or `all`.
    pub view: Option<String>,
    /// Keyset: the last row of the previous page, "YYYY-MM-DD.id".
    pub after: Option<String>,
}

impl QueueQuery {
    /// The filters (not the page) as a query string.
    fn filters(&self) -> String {
        query_string([
            ("kind", self.kind.as_deref()),
            ("status", self.status.as_deref()),
            ("category", self.category.as_deref()),
            ("post", self.post.as_deref()),
            ("inspector", self.inspector.as_deref()),
            ("overdue", self.overdue.as_deref()),
            ("from", self.from.as_deref()),
            ("until", self.until.as_deref()),
            ("q", self.q.as_deref()),
            ("view", self.view.as_deref()),
        ])
    }

    /// Whose items: the signed-in person's unless the view says otherwise.
    fn view(&self) -> &'static str {
        match nonempty(&self.view) {
            Some("all") => "all",
            Some("unassigned") => "unassigned",
            _ => "mine",
        }
    }

    fn filter(&self, today: NaiveDate, me: i64) -> Result<QueueFilter, AppError> {
        let id = |v: &Option<String>| {
            nonempty(v)
                .map(|t| t.parse::<i64>().ok().ok_or_else(bad_filter))
                .transpose()
        };
        Ok(QueueFilter {
            kind: typed(&self.kind, SubmissionKind::parse)?,
            status: typed(&self.status, SubmissionStatus::parse)?,
            category: typed(&self.category, Category::parse)?,
            post_id: id(&self.post)?,
            inspector_id: id(&self.inspector)?,
            overdue_on: nonempty(&self.overdue).is_some().then_some(today),
            from: date(&self.from)?,
            until: date(&self.until)?,
            text: nonempty(&self.q).map(|t| t.chars().take(200).collect()),
            owner: match self.view() {
                "all" => Owner::Anyone,
                "unassigned" => Owner::Nobody,
                _ => Owner::Staff(me),
            },
        })
    }

    fn after(&self) -> Result<Option<(NaiveDate, i64)>, AppError> {
        let Some(after) = nonempty(&self.after) else {
            return Ok(None);
        };
        let (d, i) = after.split_once('.').ok_or_else(bad_filter)?;
        Ok(Some((
            NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .ok()
                .ok_or_else(bad_filter)?,
            i.parse().ok().ok_or_else(bad_filter)?,
        )))
    }
}

/// A filter read by a domain type's `parse`; anything it does not know is a bad filter.
fn typed<T>(v: &Option<String>, parse: fn(&str) -> Option<T>) -> Result<Option<T>, AppError> {
    nonempty(v)
        .map(|t| parse(t).ok_or_else(bad_filter))
        .transpose()
}

pub struct QueueLine {
    pub id: i64,
    pub version: i32,
    pub href: String,
    pub number: String,
    pub kind: String,
    pub status: String,
    pub received: DateTime<Utc>,
    pub due: NaiveDate,
    pub overdue: bool,
    pub excerpt: String,
    /// The channel's name when it did not come through the web form.
    pub channel: Option<String>,
    pub assignee: String,
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
    /// The city's time zone, which the template shows times in.
    pub tz: chrono_tz::Tz,
    pub next_href: String,
    pub csv_href: String,
    /// `mine`, `unassigned` or `all`, and the links to each with the other filters kept.
    pub view: &'static str,
    pub views: Vec<(&'static str, String, String)>,
    pub inspectors: Vec<OptionItem>,
    pub posts: Vec<OptionItem>,
    /// Whom the selected items may be assigned to: (id, name).
    pub staff: Vec<(i64, String)>,
    /// This page's address, to come back to after a bulk action.
    pub here: String,
}

fn line(lang: Lang, today: NaiveDate, r: &QueueRow) -> QueueLine {
    QueueLine {
        id: r.id,
        version: r.version,
        href: format!("/staff/submissions/{}", r.id),
        number: r.tracking_number.clone(),
        kind: lang.t(r.kind.key()),
        status: lang.t(r.status.key()),
        received: r.received_at,
        due: r.due_on,
        overdue: r.due_on < today && r.status.is_open(),
        excerpt: r.excerpt.clone(),
        channel: Channel::parse(&r.channel)
            .filter(|c| *c != Channel::Web)
            .map(|c| lang.t(c.key())),
        assignee: r.assignee.clone().unwrap_or_default(),
    }
}

/// The options of a filter's `<select>`, the typed one selected.
fn options<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: impl Fn(T) -> String,
    typed: &Option<String>,
) -> Vec<OptionItem> {
    let typed = nonempty(typed).unwrap_or("");
    all.iter()
        .map(|&v| OptionItem {
            value: code(v).into(),
            label: label(v),
            selected: typed == code(v),
        })
        .collect()
}

pub async fn show(
    ctx: PageContext,
    session: Session,
    user: StaffUser,
    query: web::Query<QueueQuery>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let today = state.local_now().date();
    let query = query.into_inner();
    let filter = query.filter(today, user.id)?;
    let rows = store::queue(&pool, &filter, query.after()?, QUEUE_PAGE).await?;
    let (inspector_names, post_names) = crate::store::cases::filter_names(&pool).await?;
    let named = |all, typed: &Option<String>| {
        crate::web::form::named_options(all, lang, nonempty(typed).unwrap_or(""))
    };
    let views = ["mine", "unassigned", "all"]
        .into_iter()
        .map(|v| {
            let mut q = query.clone();
            q.view = Some(v.to_string());
            q.after = None;
            (
                v,
                lang.t(&format!("staff-view-{v}")),
                format!("/staff/queue?{}", q.filters()),
            )
        })
        .collect();
    let base = query.filters();
    let next_href = match rows.last() {
        Some(last) if rows.len() as i64 == QUEUE_PAGE => format!(
            "/staff/queue?{base}{}after={}.{}",
            if base.is_empty() { "" } else { "&" },
            last.due_on,
            last.id
        ),
        _ => String::new(),
    };
    let page = QueuePage {
        staff: crate::store::cases::assignable(&pool).await?,
        here: format!("/staff/queue?{}", query.filters()),
        csrf: csrf_token(&session),
        kinds: options(
            &SubmissionKind::ALL,
            SubmissionKind::code,
            |k| lang.t(k.key()),
            &query.kind,
        ),
        statuses: options(
            &SubmissionStatus::ALL,
            SubmissionStatus::code,
            |s| lang.t(s.key()),
            &query.status,
        ),
        categories: options(
            &Category::ALL,
            Category::code,
            |c| lang.t(c.key()),
            &query.category,
        ),
        lines: rows.iter().map(|r| line(lang, today, r)).collect(),
        view: query.view(),
        views,
        inspectors: named(inspector_names, &query.inspector),
        posts: named(post_names, &query.post),
        tz: state.settings.time_zone,
        next_href,
        csv_href: format!("/staff/queue.csv?{base}"),
        query,
        user,
        ctx,
    };
    page::ok(&page)
}

fn csv_row(r: &QueueRow) -> Vec<String> {
    vec![
        r.tracking_number.clone(),
        r.kind.code().into(),
        r.status.code().into(),
        r.category.clone().unwrap_or_default(),
        r.received_at.to_rfc3339(),
        r.due_on.to_string(),
        r.channel.clone(),
        r.assignee.clone().unwrap_or_default(),
        // Free text carries what residents typed about themselves: masked in exports.
        redaction::suggest(&r.excerpt, None).text,
    ]
}

/// The filtered queue as CSV, admins only; contact details are not included.
pub async fn csv(
    req: HttpRequest,
    AdminUser(user): AdminUser,
    query: web::Query<QueueQuery>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    // An export is of the whole queue unless a view is asked.
    let mut query = query.into_inner();
    query.view.get_or_insert_with(|| "all".into());
    let filter = query.filter(state.local_now().date(), user.id)?;
    let header = [
        "tracking_number",
        "kind",
        "status",
        "category",
        "received_at",
        "due_on",
        "channel",
        "assignee",
        "excerpt",
    ];
    let mut rows = vec![header.map(String::from).to_vec()];
    let mut after = None;
    // All pages, by the same keyset as the screen.
    loop {
        let page = store::queue(&pool, &filter, after, EXPORT_BATCH).await?;
        rows.extend(page.iter().map(csv_row));
        match page.last() {
            Some(last) if page.len() as i64 == EXPORT_BATCH => after = Some((last.due_on, last.id)),
            _ => break,
        }
    }
    // What was searched for can be a person's phone or name: the log says only that it was.
    let searched = QueueQuery {
        q: nonempty(&query.q).map(|_| "[search]".to_string()),
        ..query.clone()
    };
    let filters = searched.filters();
    store::audit(
        &pool,
        &actor(&user, &req),
        AuditAction::ExportQueue,
        &filters,
    )
    .await?;
    csv_response("queue.csv", rows)
}
