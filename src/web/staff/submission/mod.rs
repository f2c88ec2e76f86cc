//! One submission in full, for staff: `GET /staff/submissions/{id}` (`show`) and
//! `POST /staff/submissions/{id}/{action}` (`act`).

pub mod act;
pub mod case;
pub mod show;

use actix_session::Session;
use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use askama::Template;
use serde::Deserialize;
use sqlx::PgPool;

use super::view::{AuditLine, HistoryLine, audit_line};
use crate::domain::moderation::{Action, CommandDraft, RejectionReason, available};
use crate::domain::redaction::{self, Redaction, Segment};
use crate::domain::submission::Category;
use crate::store::moderation::{self as store, AuditFilter, Detail};
use crate::web::error::AppError;
use crate::web::extract::CsrfProtected;
use crate::web::filters;
use crate::web::form::OptionItem;
use crate::web::page::{self, Caching, PageContext};
use crate::web::security::csrf_token;
use crate::web::session::StaffUser;
use crate::web::state::AppState;

/// Audit entries shown with a submission.
const AUDIT_ENTRIES: i64 = 200;

/// The action forms as typed; kept when the page comes back with a message.
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
    /// An internal note being written.
    #[serde(default)]
    pub note: String,
    /// "1" once the preview of what the public or the resident will read was confirmed.
    #[serde(default)]
    pub confirm: String,
    /// The answer template chosen to insert.
    #[serde(default)]
    pub template: String,
}

impl CsrfProtected for ActionForm {
    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
}

impl ActionForm {
    pub fn draft(&self) -> CommandDraft<'_> {
        CommandDraft {
            version: &self.version,
            text: &self.text,
            reason: &self.reason,
            reason_code: &self.reason_code,
            duplicate_of: &self.duplicate_of,
            forwarded_to: &self.forwarded_to,
            days: &self.days,
        }
    }
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
    /// The city's time zone, which the template shows times in.
    pub tz: chrono_tz::Tz,
    pub actions: Vec<&'static str>,
    pub reasons: Vec<OptionItem>,
    pub history: Vec<HistoryLine>,
    pub audit: Vec<AuditLine>,
    pub error: Option<String>,
    pub typed: ActionForm,
    /// The text to publish as suggested: the original with personal data masked.
    pub suggested: Redaction,
    /// The resident's answers to "was it resolved?": (when, answer, comment).
    pub survey: Vec<(chrono::DateTime<chrono::Utc>, String, String)>,
    /// 409 when someone else acted first.
    pub status_code: u16,
    /// Whom it may be assigned to: (id, name, selected).
    pub staff: Vec<(i64, String, bool)>,
    pub notes: Vec<crate::store::cases::Note>,
    /// The resident's language, by name.
    pub resident_lang: String,
    /// The next item of the signed-in person's queue after this one.
    pub next_href: String,
    /// What was typed and not sent (an answer, a reason), kept after a conflict.
    pub kept_text: String,
    /// What the public or the resident would read, to confirm.
    pub preview: Option<PreviewView>,
    /// Answer templates to insert: (id, title).
    pub templates: Vec<(i64, String)>,
}

/// A text as it will be read, waiting for confirmation.
#[derive(Clone, Debug)]
pub struct Preview {
    pub action: Action,
    pub text: String,
}

/// The preview as the page shows it: the pieces that look like personal data marked.
#[derive(Clone, Debug)]
pub struct PreviewView {
    pub action: &'static str,
    /// "publish"/"correct" are read by the public, "answer" by the resident.
    pub public: bool,
    pub text: String,
    pub segments: Vec<Segment>,
    pub personal: bool,
}

impl PreviewView {
    fn of(p: Preview, author_name: Option<&str>) -> Self {
        let segments = redaction::highlight(&p.text, author_name);
        PreviewView {
            action: p.action.code(),
            public: p.action != Action::Answer,
            personal: segments.iter().any(|s| s.personal),
            segments,
            text: p.text,
        }
    }
}

impl SubmissionPage {
    pub fn offers(&self, action: &str) -> bool {
        self.actions.contains(&action)
    }
}

/// The page of a submission, possibly with a message about an action and what was typed.
pub struct Shown {
    pub user: StaffUser,
    pub s: Detail,
    pub error: Option<&'static str>,
    pub typed: ActionForm,
    pub status: StatusCode,
    pub preview: Option<Preview>,
}

pub async fn render(
    ctx: PageContext,
    session: &Session,
    pool: &PgPool,
    state: &AppState,
    shown: Shown,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let tz = state.settings.time_zone;
    let Shown {
        user,
        s,
        error,
        typed,
        status,
        preview,
    } = shown;
    let tracked = crate::store::submissions::tracked(pool, &s.tracking_number).await?;
    let history = tracked
        .map(|t| t.history)
        .unwrap_or_default()
        .iter()
        .map(|h| HistoryLine {
            at: h.at,
            status: lang.t(h.status.key()),
            note: h.public_note.clone(),
        })
        .collect();
    let filter = AuditFilter {
        submission_id: Some(s.id),
        ..Default::default()
    };
    let audit = store::audit_entries(pool, &filter, AUDIT_ENTRIES).await?;
    let survey = survey(pool, lang, s.id).await?;
    let kept_text = kept(&typed);
    let staff = staff_options(pool, s.assigned_to.unwrap_or(user.id)).await?;
    let notes = crate::store::cases::notes(pool, s.id).await?;
    let resident_lang = crate::domain::lang::Lang::parse(&s.lang)
        .map(|l| lang.t(&format!("lang-name-{}", l.code())))
        .unwrap_or_else(|| s.lang.clone());
    let next_href = next_item(pool, &user, &s).await?;
    let preview = preview.map(|p| PreviewView::of(p, s.author_name.as_deref()));
    let templates = crate::store::templates::titles(pool).await?;
    let page = SubmissionPage {
        preview,
        templates,
        staff,
        notes,
        resident_lang,
        next_href,
        status_code: status.as_u16(),
        kept_text,
        survey,
        csrf: csrf_token(session),
        kind: lang.t(s.kind.key()),
        status: lang.t(s.status.key()),
        category: s
            .category
            .as_deref()
            .and_then(Category::parse)
            .map(|c| lang.t(c.key()))
            .unwrap_or_default(),
        tz,
        actions: available(s.kind, s.status, user.role)
            .into_iter()
            .map(|a| a.code())
            .collect(),
        reasons: RejectionReason::ALL
            .iter()
            .map(|r| OptionItem {
                value: r.code().to_string(),
                label: lang.t(r.key()),
                selected: typed.reason_code == r.code(),
            })
            .collect(),
        history,
        audit: audit.iter().map(|a| audit_line(lang, state, a)).collect(),
        error: error.map(|k| lang.t(k)),
        suggested: redaction::suggest(&s.body, s.author_name.as_deref()),
        typed,
        s,
        user,
        ctx,
    };
    page::render(status, Caching::NoStore, &page)
}

/// Whom the submission may be assigned to: (id, name, selected).
async fn staff_options(
    pool: &PgPool,
    chosen: i64,
) -> Result<Vec<(i64, String, bool)>, sqlx::Error> {
    Ok(crate::store::cases::assignable(pool)
        .await?
        .into_iter()
        .map(|(id, name)| (id, name, id == chosen))
        .collect())
}

/// What was typed and not sent, kept after a conflict.
fn kept(typed: &ActionForm) -> String {
    [&typed.text, &typed.reason, &typed.forwarded_to]
        .into_iter()
        .filter(|t| !t.trim().is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The resident's answers to the questionnaire: (when, answer in words, comment).
async fn survey(
    pool: &PgPool,
    lang: crate::domain::lang::Lang,
    id: i64,
) -> Result<Vec<(chrono::DateTime<chrono::Utc>, String, String)>, sqlx::Error> {
    Ok(crate::store::replies::survey_lines(pool, id)
        .await?
        .into_iter()
        .map(|l| {
            let answer = crate::domain::notice::Satisfaction::parse(&l.answer)
                .map(|a| lang.t(a.key()))
                .unwrap_or(l.answer);
            (l.answered_at, answer, l.comment)
        })
        .collect())
}

/// The next open item in the signed-in person's queue after this one, or their first; empty
/// when there is none.
async fn next_item(pool: &PgPool, user: &StaffUser, s: &Detail) -> Result<String, sqlx::Error> {
    let filter = crate::store::cases::QueueFilter {
        owner: crate::store::cases::Owner::Staff(user.id),
        ..Default::default()
    };
    let after = Some((s.due_on, s.id));
    let mut next = crate::store::cases::queue(pool, &filter, after, 5).await?;
    if next.is_empty() {
        next = crate::store::cases::queue(pool, &filter, None, 5).await?;
    }
    Ok(next
        .into_iter()
        .find(|r| r.id != s.id && r.status.is_open())
        .map(|r| format!("/staff/submissions/{}", r.id))
        .unwrap_or_default())
}

/// A submission id from the path; anything else is a page that does not exist.
pub fn path_id(text: &str) -> Result<i64, AppError> {
    text.parse().ok().ok_or_else(|| AppError::NotFound)
}
