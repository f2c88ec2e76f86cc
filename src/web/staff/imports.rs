//! Imports in the browser: `GET /staff/imports` (the form), `POST /staff/imports` (upload: the
//! file is checked and imported in a transaction that is rolled back, and the preview shows
//! each row as added, changed or unchanged, or every error with its line or feature), and
//! `POST /staff/imports/{id}` (the administrator confirms: exactly the previewed file is
//! imported, all or nothing, as the command line does).

use actix_multipart::Multipart;
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use futures_util::StreamExt;
use serde::Deserialize;
use serde_json::json;
use sqlx::PgPool;

use crate::import::apply::{Kind, Outcome, apply};
use crate::import::{Format, ImportError, RowError, Source};
use crate::store::directory;
use crate::web::error::AppError;
use crate::web::extract::{AdminUser, CsrfProtected, StaffForm, actor};
use crate::web::form::OptionItem;
use crate::web::page::{self, Caching, PageContext};
use crate::web::security::{csrf_token, verify_csrf};
use crate::web::session::StaffUser;
use crate::web::state::AppState;

/// The largest file read.
pub const MAX_IMPORT_BYTES: usize = 10 * 1024 * 1024;

/// How many ids of each group the preview lists.
const LISTED: usize = 100;

pub struct Group {
    pub key: &'static str,
    pub count: usize,
    pub ids: Vec<String>,
}

#[derive(Template)]
#[template(path = "staff/imports.html")]
pub struct ImportsPage {
    pub ctx: PageContext,
    pub csrf: String,
    pub user: StaffUser,
    pub kinds: Vec<OptionItem>,
    /// A message next to the file field.
    pub error: Option<String>,
    pub row_errors: Vec<RowError>,
    pub errors_title: String,
    pub groups: Vec<Group>,
    /// The waiting import to confirm, after a preview.
    pub pending: Option<i64>,
    /// The import is done.
    pub done: bool,
}

fn kinds(ctx: &PageContext, selected: &str) -> Vec<OptionItem> {
    Kind::ALL
        .iter()
        .map(|k| OptionItem {
            value: k.code().into(),
            label: ctx.t(&format!("admin-import-kind-{}", k.code())),
            selected: k.code() == selected,
        })
        .collect()
}

fn groups(outcome: &Outcome) -> Vec<Group> {
    [
        ("admin-import-added", &outcome.added),
        ("admin-import-changed", &outcome.changed),
        ("admin-import-unchanged", &outcome.unchanged),
    ]
    .into_iter()
    .map(|(key, ids)| Group {
        key,
        count: ids.len(),
        ids: ids.iter().take(LISTED).cloned().collect(),
    })
    .collect()
}

struct Shown {
    kind: String,
    error: Option<&'static str>,
    row_errors: Vec<RowError>,
    outcome: Option<Outcome>,
    pending: Option<i64>,
    done: bool,
    status: StatusCode,
}

impl Shown {
    fn new(kind: &str) -> Self {
        Shown {
            kind: kind.to_string(),
            error: None,
            row_errors: Vec::new(),
            outcome: None,
            pending: None,
            done: false,
            status: StatusCode::OK,
        }
    }
}

fn render(
    ctx: PageContext,
    session: &Session,
    user: StaffUser,
    shown: Shown,
) -> Result<HttpResponse, AppError> {
    let page = ImportsPage {
        csrf: csrf_token(session),
        user,
        kinds: kinds(&ctx, &shown.kind),
        error: shown.error.map(|k| ctx.t(k)),
        errors_title: ctx.tn(
            "admin-import-errors",
            "count",
            i64::try_from(shown.row_errors.len()).unwrap_or(i64::MAX),
        ),
        row_errors: shown.row_errors,
        groups: shown.outcome.as_ref().map(groups).unwrap_or_default(),
        pending: shown.pending,
        done: shown.done,
        ctx,
    };
    page::render(shown.status, Caching::NoStore, &page)
}

pub async fn form(
    ctx: PageContext,
    session: Session,
    AdminUser(user): AdminUser,
) -> Result<HttpResponse, AppError> {
    render(ctx, &session, user, Shown::new("posts"))
}

/// The upload's fields: the CSRF token, the kind, the file's name and text.
struct Upload {
    token: String,
    kind: String,
    name: String,
    body: Vec<u8>,
    too_large: bool,
}

async fn read_upload(mut payload: Multipart) -> Result<Upload, AppError> {
    let mut upload = Upload {
        token: String::new(),
        kind: String::new(),
        name: String::new(),
        body: Vec::new(),
        too_large: false,
    };
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(|e| {
            tracing::debug!(error = %e, "a malformed upload");
            AppError::BadRequest("error-400-text")
        })?;
        let name = field.name().unwrap_or_default().to_string();
        if name == "file" {
            upload.name = field
                .content_disposition()
                .and_then(|d| d.get_filename())
                .unwrap_or_default()
                .to_string();
        }
        let limit = if name == "file" {
            MAX_IMPORT_BYTES
        } else {
            200
        };
        let mut bytes = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|e| {
                tracing::debug!(error = %e, "a malformed upload");
                AppError::BadRequest("error-400-text")
            })?;
            if bytes.len() + chunk.len() > limit {
                upload.too_large |= name == "file";
                continue;
            }
            bytes.extend_from_slice(&chunk);
        }
        match name.as_str() {
            "csrf_token" => upload.token = String::from_utf8_lossy(&bytes).into_owned(),
            "kind" => upload.kind = String::from_utf8_lossy(&bytes).into_owned(),
            "file" => upload.body = bytes,
            _ => {}
        }
    }
    Ok(upload)
}

/// CSV or GeoJSON, by the file's extension, else by its first character.
fn format_of(name: &str, text: &str) -> Format {
    let name = name.to_ascii_lowercase();
    if name.ends_with(".geojson") || name.ends_with(".json") {
        Format::GeoJson
    } else if name.ends_with(".csv") {
        Format::Csv
    } else if text.trim_start().starts_with('{') {
        Format::GeoJson
    } else {
        Format::Csv
    }
}

/// What an import error shows: the rows' errors, or one message for the file.
fn refused(shown: &mut Shown, error: ImportError) -> Result<(), AppError> {
    shown.status = StatusCode::UNPROCESSABLE_ENTITY;
    match error {
        ImportError::Invalid(rows) => shown.row_errors = rows,
        ImportError::Database(e) => return Err(AppError::Database(e)),
        ImportError::Read { .. } | ImportError::Format { .. } => {
            shown.error = Some("admin-import-unreadable");
        }
    }
    Ok(())
}

pub async fn preview(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    AdminUser(user): AdminUser,
    payload: Multipart,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let upload = read_upload(payload).await?;
    verify_csrf(&req, &session, &upload.token)?;
    let mut shown = Shown::new(upload.kind.trim());
    let Some(kind) = Kind::parse(upload.kind.trim()) else {
        shown.error = Some("admin-error-choose");
        shown.status = StatusCode::UNPROCESSABLE_ENTITY;
        return render(ctx, &session, user, shown);
    };
    let text = match (upload.too_large, String::from_utf8(upload.body)) {
        (true, _) => Err("admin-import-too-large"),
        (false, Ok(t)) if t.trim().is_empty() => Err("admin-import-empty"),
        (false, Ok(t)) => Ok(t),
        (false, Err(_)) => Err("admin-import-unreadable"),
    };
    let text = match text {
        Ok(t) => t,
        Err(key) => {
            shown.error = Some(key);
            shown.status = StatusCode::UNPROCESSABLE_ENTITY;
            return render(ctx, &session, user, shown);
        }
    };
    let format = format_of(&upload.name, &text);
    let source = Source {
        format,
        text: &text,
    };
    match apply(&pool, kind, &source, state.settings.city_bounds, false).await {
        Ok(outcome) => {
            let csv = format == Format::Csv;
            let id = directory::hold_import(&pool, user.id, kind.code(), csv, &text).await?;
            shown.outcome = Some(outcome);
            shown.pending = Some(id);
        }
        Err(e) => refused(&mut shown, e)?,
    }
    render(ctx, &session, user, shown)
}

#[derive(Debug, Default, Deserialize)]
pub struct ConfirmForm {
    #[serde(default)]
    pub csrf_token: String,
}

impl CsrfProtected for ConfirmForm {
    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
}

pub async fn confirm(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    path: web::Path<String>,
    StaffForm { user, .. }: StaffForm<ConfirmForm>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    if !user.is_admin() {
        return Err(AppError::Forbidden);
    }
    let id: i64 = path.parse().ok().ok_or(AppError::NotFound)?;
    let Some(pending) = directory::take_import(&pool, user.id, id).await? else {
        let mut shown = Shown::new("posts");
        shown.error = Some("admin-import-gone");
        shown.status = StatusCode::GONE;
        return render(ctx, &session, user, shown);
    };
    let kind = Kind::parse(&pending.kind).ok_or(AppError::NotFound)?;
    let format = if pending.csv {
        Format::Csv
    } else {
        Format::GeoJson
    };
    let source = Source {
        format,
        text: &pending.body,
    };
    let mut shown = Shown::new(kind.code());
    match apply(&pool, kind, &source, state.settings.city_bounds, true).await {
        Ok(outcome) => {
            let summary = json!({
                "added": outcome.added.len(),
                "changed": outcome.changed.len(),
                "unchanged": outcome.unchanged.len(),
            });
            directory::audit_import(&pool, &actor(&user, &req), kind.code(), &summary).await?;
            tracing::info!(kind = kind.code(), "import confirmed");
            shown.outcome = Some(outcome);
            shown.done = true;
        }
        // The directory changed since the preview in a way the file no longer fits.
        Err(e) => refused(&mut shown, e)?,
    }
    render(ctx, &session, user, shown)
}
