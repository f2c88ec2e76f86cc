//! The receipt (талон) of a submission as the resident sees it: no contact details.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use sqlx::PgPool;

use super::Lookup;
use crate::domain::moderation::RejectionReason;
use crate::domain::submission::{SubmissionKind, normalize_tracking_number};
use crate::store::moderation::PublicOutcome;
use crate::store::submissions::{self, Tracked};
use crate::web::error::AppError;
use crate::web::i18n::Lang;
use crate::web::state::AppState;

pub struct HistoryLine {
    pub at: DateTime<Utc>,
    pub status: String,
    pub note: String,
}

pub struct Receipt {
    pub just_created: bool,
    pub number: String,
    pub key: String,
    pub link: String,
    pub kind: String,
    pub category: String,
    pub addressed_to: String,
    /// The city's time zone, which the template shows times in.
    pub tz: Tz,
    pub received_at: DateTime<Utc>,
    pub registered_on: NaiveDate,
    pub due_on: NaiveDate,
    pub days_left: String,
    pub status: String,
    pub history: Vec<HistoryLine>,
    pub answer: String,
    pub forwarded_to: String,
    pub rejection: String,
    pub extension: String,
    /// On the page shown right after sending: what happens next, in order.
    pub next_steps: Vec<String>,
}

/// Who considers the appeal, by when, how the answer comes, and what to do if it is urgent.
fn next_steps(lang: Lang, kind: SubmissionKind, due_on: NaiveDate) -> Vec<String> {
    let due = due_on.format("%d.%m.%Y").to_string();
    let mut steps = match kind {
        SubmissionKind::Thanks => vec![lang.t("track-next-thanks")],
        SubmissionKind::Complaint | SubmissionKind::Request => vec![
            lang.t_args("track-next-consider", &[("due", due.into())]),
            lang.t("track-next-forward"),
        ],
    };
    steps.push(lang.t("track-next-answer"));
    steps.push(lang.t("track-next-urgent"));
    steps
}

/// "Duplicate: ATR-2611-4KQ7", or the reason alone.
fn rejection(lang: Lang, outcome: &PublicOutcome) -> String {
    let Some(reason) = outcome.rejection_reason.as_deref() else {
        return String::new();
    };
    let reason = RejectionReason::parse(reason)
        .map(|r| lang.t(r.key()))
        .unwrap_or_default();
    match outcome.duplicate_of.as_deref() {
        Some(number) => format!("{reason}: {number}"),
        None => reason,
    }
}

fn extension(lang: Lang, outcome: &PublicOutcome, t: &Tracked) -> String {
    match (&outcome.extension_reason, outcome.original_due_on) {
        (Some(reason), Some(original)) => lang.t_args(
            "track-extension",
            &[
                ("from", original.format("%d.%m.%Y").to_string().into()),
                ("to", t.due_on.format("%d.%m.%Y").to_string().into()),
                ("reason", reason.clone().into()),
            ],
        ),
        _ => String::new(),
    }
}

/// The receipt for a number and key, or `None` for a wrong one.
pub async fn receipt(
    state: &AppState,
    pool: &PgPool,
    lang: Lang,
    asked: &Lookup<'_>,
) -> Result<Option<Receipt>, AppError> {
    let Some(number) = normalize_tracking_number(asked.number) else {
        return Ok(None);
    };
    if !state.secrets.tracking_key_valid(&number, asked.key) {
        return Ok(None);
    }
    let Some(t) = submissions::tracked(pool, &number).await? else {
        return Ok(None);
    };
    let tz = state.settings.time_zone;
    let calendar = state.calendar(pool).await?;
    let left = calendar.working_days_left(state.local_now().date(), t.due_on);
    let key = state.secrets.tracking_key(&t.tracking_number);
    let outcome = crate::store::moderation::public_outcome(pool, t.id).await?;
    Ok(Some(Receipt {
        rejection: rejection(lang, &outcome),
        extension: extension(lang, &outcome, &t),
        answer: outcome.public_answer.unwrap_or_default(),
        forwarded_to: outcome.forwarded_to.unwrap_or_default(),
        just_created: asked.just_created,
        next_steps: if asked.just_created {
            next_steps(lang, t.kind, t.due_on)
        } else {
            Vec::new()
        },
        link: format!("/track/{}?key={key}", t.tracking_number),
        key,
        kind: lang.t(t.kind.key()),
        category: t.category.map(|c| lang.t(c.key())).unwrap_or_default(),
        addressed_to: t
            .inspector_name
            .as_ref()
            .or(t.post_name.as_ref())
            .map(|n| n.of(lang).to_string())
            .unwrap_or_else(|| lang.t("track-addressed-police")),
        tz,
        received_at: t.received_at,
        registered_on: t.registered_on,
        due_on: t.due_on,
        days_left: lang.t_args("track-days-left", &[("days", left.into())]),
        status: lang.t(t.status.key()),
        history: t
            .history
            .iter()
            .map(|h| HistoryLine {
                at: h.at,
                status: lang.t(h.status.key()),
                note: h.public_note.clone(),
            })
            .collect(),
        number: t.tracking_number,
    }))
}
