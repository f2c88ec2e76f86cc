//! `POST /staff/queue/bulk`: one action on the queue's selected items (rejecting them as spam,
//! or assigning them to a staff member), applied and audited item by item, each at the version
//! the queue showed, so that an item someone else changed meanwhile is left alone and named.

use std::collections::HashMap;

use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use sqlx::PgPool;

use crate::domain::deadline::WorkingCalendar;
use crate::domain::moderation::{Action, CommandDraft, RejectionReason, decide};
use crate::domain::submission::SubmissionStatus;
use crate::store::moderation::{self as store, Actor, Applied};
use crate::web::error::AppError;
use crate::web::extract::{CsrfProtected, StaffForm, actor};
use crate::web::page::{self, PageContext};
use crate::web::security::csrf_token;
use crate::web::session::StaffUser;
use crate::web::state::AppState;

/// The most items one bulk action takes.
const BULK_MAX: usize = 200;

#[derive(Clone, Debug, Default, Deserialize)]
pub struct BulkForm {
    #[serde(default)]
    pub csrf_token: String,
    /// `reject_spam` or `assign`.
    #[serde(default)]
    pub bulk_action: String,
    #[serde(default)]
    pub staff_id: String,
    #[serde(default)]
    pub reason: String,
    /// The queue's address to go back to.
    #[serde(default)]
    pub back: String,
    /// `item-{id}` = the version the queue showed, one per selected item.
    #[serde(flatten)]
    pub items: HashMap<String, String>,
}

impl CsrfProtected for BulkForm {
    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
}

impl BulkForm {
    /// The selected items: (id, version as shown), in id order.
    fn selected(&self) -> Vec<(i64, String)> {
        let mut items: Vec<(i64, String)> = self
            .items
            .iter()
            .filter_map(|(k, v)| Some((k.strip_prefix("item-")?.parse().ok()?, v.clone())))
            .collect();
        items.sort_unstable();
        items
    }
}

/// What became of one selected item.
pub struct Outcome {
    pub number: String,
    pub href: String,
    /// The Fluent key of what happened.
    pub key: &'static str,
    pub done: bool,
}

#[derive(Template)]
#[template(path = "staff/bulk.html")]
pub struct BulkPage {
    pub ctx: PageContext,
    pub csrf: String,
    pub user: StaffUser,
    pub outcomes: Vec<Outcome>,
    pub done: usize,
    pub back: String,
}

enum Bulk {
    RejectSpam,
    Assign { to: i64, reason: String },
}

pub async fn apply(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    StaffForm { user, form }: StaffForm<BulkForm>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let selected = form.selected();
    if selected.is_empty() || selected.len() > BULK_MAX {
        return Err(AppError::BadRequest("staff-bulk-none"));
    }
    let bulk = match form.bulk_action.as_str() {
        "reject_spam" => Bulk::RejectSpam,
        "assign" => Bulk::Assign {
            to: form
                .staff_id
                .trim()
                .parse()
                .ok()
                .ok_or(AppError::BadRequest("staff-error-assignee"))?,
            reason: form.reason.trim().chars().take(300).collect(),
        },
        _ => return Err(AppError::BadRequest("error-400-text")),
    };
    let calendar = state.calendar(&pool).await?;
    let who = actor(&user, &req);
    let mut outcomes = Vec::with_capacity(selected.len());
    for (id, version) in selected {
        let Some(s) = store::detail(&pool, id).await? else {
            continue;
        };
        let key = match &bulk {
            Bulk::RejectSpam => {
                let one = One {
                    pool: &pool,
                    calendar: &calendar,
                    user: &user,
                    actor: &who,
                    survey_after: state.settings.notify.survey_after,
                };
                one.reject_as_spam(s.clone(), &version).await?
            }
            Bulk::Assign { to, reason } => {
                let someone_elses = s.assigned_to.is_some_and(|a| a != user.id && a != *to);
                if version != s.version.to_string() {
                    "staff-bulk-changed"
                } else if someone_elses && reason.chars().count() < 3 {
                    "staff-error-reassign-reason"
                } else if crate::store::cases::assign(&pool, id, *to, reason, &who)
                    .await?
                    .is_some()
                {
                    "staff-bulk-assigned"
                } else {
                    "staff-error-assignee"
                }
            }
        };
        outcomes.push(Outcome {
            number: s.tracking_number.clone(),
            href: format!("/staff/submissions/{id}"),
            done: matches!(key, "staff-bulk-rejected" | "staff-bulk-assigned"),
            key,
        });
    }
    let back = if form.back.starts_with("/staff/queue") {
        form.back.clone()
    } else {
        "/staff/queue".to_string()
    };
    let page = BulkPage {
        csrf: csrf_token(&session),
        done: outcomes.iter().filter(|o| o.done).count(),
        outcomes,
        back,
        user,
        ctx,
    };
    page::ok(&page)
}

/// One item's rejection, with what it needs.
struct One<'a> {
    pool: &'a PgPool,
    calendar: &'a WorkingCalendar,
    user: &'a StaffUser,
    actor: &'a Actor,
    survey_after: std::time::Duration,
}

impl One<'_> {
    /// Takes a new item into review first (audited too), then rejects it as spam; the message
    /// key of the outcome.
    async fn reject_as_spam(
        &self,
        mut s: store::Detail,
        version: &str,
    ) -> Result<&'static str, AppError> {
        if version != s.version.to_string() {
            return Ok("staff-bulk-changed");
        }
        if s.status == SubmissionStatus::New {
            if !self.step(&s, Action::Take).await? {
                return Ok("staff-bulk-changed");
            }
            s = store::detail(self.pool, s.id)
                .await?
                .ok_or(AppError::NotFound)?;
        }
        Ok(if self.step(&s, Action::Reject).await? {
            "staff-bulk-rejected"
        } else {
            "staff-bulk-not-allowed"
        })
    }

    /// Decides and applies one step at the stored version; whether it was done.
    async fn step(&self, s: &store::Detail, action: Action) -> Result<bool, AppError> {
        let version = s.version.to_string();
        let draft = CommandDraft {
            version: &version,
            reason_code: RejectionReason::Spam.code(),
            ..CommandDraft::default()
        };
        let Ok(t) = decide(&s.case(), action, &draft, self.user.role, self.calendar) else {
            return Ok(false);
        };
        let applied = store::apply(self.pool, s.id, &t, self.actor, self.survey_after).await?;
        Ok(applied == Applied::Done)
    }
}
