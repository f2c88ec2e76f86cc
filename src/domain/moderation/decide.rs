//! One staff action on one submission: what it needs, whether it may happen, what it changes.
//! The web layer parses nothing of its meaning; the store applies the `Transition` as it is.

use chrono::NaiveDate;

use super::{Action, MAX_EXTENSION_WORKING_DAYS, RejectionReason, StaffRole, TransitionError};
use crate::domain::deadline::WorkingCalendar;
use crate::domain::submission::new::{BODY_MAX, BODY_MIN};
use crate::domain::submission::{
    SubmissionKind, SubmissionStatus, clean_text, normalize_tracking_number,
};

/// The longest name of the body a submission is forwarded to.
pub const FORWARDED_TO_MAX: usize = 200;
/// The longest reason for an extension or a reopening.
pub const REASON_MAX: usize = 1000;

/// What the decision needs to know about the submission.
#[derive(Clone, Debug)]
pub struct Case {
    pub kind: SubmissionKind,
    pub status: SubmissionStatus,
    pub tracking_number: String,
    pub due_on: NaiveDate,
    /// The version now stored, for optimistic locking.
    pub version: i32,
}

/// The action form as typed.
#[derive(Clone, Copy, Debug, Default)]
pub struct CommandDraft<'a> {
    /// The version of the submission the page was built from.
    pub version: &'a str,
    pub text: &'a str,
    pub reason: &'a str,
    pub reason_code: &'a str,
    pub duplicate_of: &'a str,
    pub forwarded_to: &'a str,
    pub days: &'a str,
}

/// An action with what it needs, each payload already valid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    Take,
    Close,
    /// The text of a thanks as the public will see it (possibly redacted).
    Publish {
        text: String,
    },
    Answer {
        text: String,
    },
    Forward {
        to: String,
    },
    Reject {
        reason: RejectionReason,
        duplicate_of: Option<String>,
    },
    Extend {
        working_days: u32,
        reason: String,
    },
    Reopen {
        reason: String,
    },
    Unpublish {
        reason: String,
    },
    Correct {
        text: String,
    },
}

fn within(text: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&text.chars().count())
}

impl Command {
    /// The payload `action` needs, or the message key of what is missing or wrong.
    pub fn parse(action: Action, case: &Case, d: &CommandDraft) -> Result<Command, &'static str> {
        let text = clean_text(d.text, true);
        let reason = clean_text(d.reason, true);
        Ok(match action {
            Action::Take => Command::Take,
            Action::Close => Command::Close,
            Action::Publish if within(&text, 1, BODY_MAX) => Command::Publish { text },
            Action::Publish => return Err("staff-error-public-text"),
            Action::Answer if within(&text, BODY_MIN, BODY_MAX) => Command::Answer { text },
            Action::Answer => return Err("staff-error-answer"),
            Action::Forward => {
                let to = clean_text(d.forwarded_to, false);
                if !within(&to, 1, FORWARDED_TO_MAX) {
                    return Err("staff-error-forwarded-to");
                }
                Command::Forward { to }
            }
            Action::Reject => {
                let reason = RejectionReason::parse(d.reason_code.trim())
                    .ok_or("staff-error-reason-code")?;
                let duplicate_of = match reason {
                    RejectionReason::Duplicate => Some(
                        normalize_tracking_number(d.duplicate_of)
                            .filter(|n| *n != case.tracking_number)
                            .ok_or("staff-error-duplicate-of")?,
                    ),
                    _ => None,
                };
                Command::Reject {
                    reason,
                    duplicate_of,
                }
            }
            Action::Extend => {
                if !within(&reason, 1, REASON_MAX) {
                    return Err("staff-error-reason");
                }
                let working_days = d
                    .days
                    .trim()
                    .parse()
                    .ok()
                    .filter(|n| (1..=MAX_EXTENSION_WORKING_DAYS).contains(n))
                    .ok_or("staff-error-days")?;
                Command::Extend {
                    working_days,
                    reason,
                }
            }
            Action::Reopen if within(&reason, 1, REASON_MAX) => Command::Reopen { reason },
            Action::Unpublish if within(&reason, 1, REASON_MAX) => Command::Unpublish { reason },
            Action::Reopen | Action::Unpublish => return Err("staff-error-reason"),
            Action::Correct if within(&text, 1, BODY_MAX) => Command::Correct { text },
            Action::Correct => return Err("staff-error-public-text"),
        })
    }
}

/// A change an action makes; fields left `None` keep their value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Change {
    pub public_text: Option<String>,
    pub public_answer: Option<String>,
    pub forwarded_to: Option<String>,
    pub rejection_reason: Option<RejectionReason>,
    pub duplicate_of: Option<String>,
    pub extension_reason: Option<String>,
    pub due_on: Option<NaiveDate>,
    /// This action answers the resident (the first one counts for the dashboard).
    pub answers: bool,
    pub publishes: bool,
    /// Takes a published thanks off the public pages (its public text and date cleared).
    pub unpublishes: bool,
    /// Shown to the resident in the history.
    pub public_note: String,
}

/// What the store writes: the state change, its effect, and the audit reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transition {
    pub action: Action,
    pub from: SubmissionStatus,
    pub to: SubmissionStatus,
    /// The version the change applies to; someone else's change in between is a conflict.
    pub version: i32,
    pub change: Change,
    pub audit_reason: String,
}

/// Why an action is refused, in the order the checks are made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The form is not one this portal sent (its version is not a number).
    Malformed,
    /// Only an administrator may do this (whatever the state).
    AdminOnly,
    /// The page was read before someone else acted.
    Stale,
    /// Not possible in the submission's current state.
    NotAllowed,
    /// The payload is missing or wrong; the message key says what.
    Invalid(&'static str),
}

impl Refusal {
    pub fn key(self) -> &'static str {
        match self {
            Refusal::Malformed => "error-400-text",
            Refusal::AdminOnly => TransitionError::AdminOnly.key(),
            Refusal::Stale => "error-409-text",
            Refusal::NotAllowed => TransitionError::NotAllowed.key(),
            Refusal::Invalid(key) => key,
        }
    }
}

/// Decides what `action`, sent by `role` from a page of `version`, does to the submission.
pub fn decide(
    case: &Case,
    action: Action,
    draft: &CommandDraft,
    role: StaffRole,
    calendar: &WorkingCalendar,
) -> Result<Transition, Refusal> {
    let version: i32 = draft
        .version
        .trim()
        .parse()
        .ok()
        .ok_or(Refusal::Malformed)?;
    let to = super::transition(case.kind, case.status, action, role);
    if to == Err(TransitionError::AdminOnly) {
        return Err(Refusal::AdminOnly);
    }
    // Someone acted since this page was read: say so, whatever the action would now be.
    if version != case.version {
        return Err(Refusal::Stale);
    }
    let to = to.ok().ok_or(Refusal::NotAllowed)?;
    let command = Command::parse(action, case, draft).map_err(Refusal::Invalid)?;
    let (change, audit_reason) = effect(command, case, calendar);
    Ok(Transition {
        action,
        from: case.status,
        to,
        version,
        change,
        audit_reason,
    })
}

/// What a valid command changes, and the reason the audit log records.
fn effect(command: Command, case: &Case, calendar: &WorkingCalendar) -> (Change, String) {
    let mut change = Change::default();
    let audit_reason = match command {
        Command::Take | Command::Close => String::new(),
        Command::Publish { text } => {
            change.public_text = Some(text);
            change.publishes = true;
            String::new()
        }
        Command::Answer { text } => {
            change.public_answer = Some(text);
            change.answers = true;
            String::new()
        }
        Command::Forward { to } => {
            change.public_note = to.clone();
            change.forwarded_to = Some(to.clone());
            change.answers = true;
            to
        }
        Command::Reject {
            reason,
            duplicate_of,
        } => {
            if let Some(number) = &duplicate_of {
                change.public_note = number.clone();
            }
            change.duplicate_of = duplicate_of;
            change.rejection_reason = Some(reason);
            reason.code().to_string()
        }
        Command::Extend {
            working_days,
            reason,
        } => {
            change.due_on = Some(calendar.add_working_days(case.due_on, working_days));
            change.extension_reason = Some(reason.clone());
            change.public_note = reason.clone();
            reason
        }
        Command::Reopen { reason } => reason,
        Command::Unpublish { reason } => {
            change.unpublishes = true;
            reason
        }
        Command::Correct { text } => {
            change.public_text = Some(text);
            String::new()
        }
    };
    (change, audit_reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(kind: SubmissionKind, status: SubmissionStatus) -> Case {
        Case {
            kind,
            status,
            tracking_number: "ATR-2611-4KQ7".into(),
            due_on: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default(),
            version: 3,
        }
    }

    fn draft<'a>() -> CommandDraft<'a> {
        CommandDraft {
            version: "3",
            ..CommandDraft::default()
        }
    }

    fn calendar() -> WorkingCalendar {
        WorkingCalendar::new(std::iter::empty())
    }

    #[test]
    fn refusals_come_in_order_shape_admin_stale_state_payload() {
        use SubmissionKind as K;
        use SubmissionStatus as S;
        let cases = [
            (
                K::Thanks,
                S::Closed,
                Action::Reopen,
                "1",
                StaffRole::Moderator,
                Refusal::AdminOnly,
            ),
            (
                K::Thanks,
                S::New,
                Action::Take,
                "2",
                StaffRole::Moderator,
                Refusal::Stale,
            ),
            (
                K::Thanks,
                S::Closed,
                Action::Reopen,
                "x",
                StaffRole::Moderator,
                Refusal::Malformed,
            ),
            (
                K::Thanks,
                S::InReview,
                Action::Answer,
                "3",
                StaffRole::Admin,
                Refusal::NotAllowed,
            ),
            (
                K::Request,
                S::InReview,
                Action::Answer,
                "3",
                StaffRole::Moderator,
                Refusal::Invalid("staff-error-answer"),
            ),
            (
                K::Request,
                S::InReview,
                Action::Reject,
                "3",
                StaffRole::Moderator,
                Refusal::Invalid("staff-error-reason-code"),
            ),
        ];
        for (kind, status, action, version, role, expected) in cases {
            let d = CommandDraft { version, ..draft() };
            let got = decide(&case(kind, status), action, &d, role, &calendar());
            assert_eq!(got.err(), Some(expected), "{kind:?} {status:?} {action:?}");
        }
    }

    #[test]
    fn a_duplicate_names_another_submission() {
        let c = case(SubmissionKind::Request, SubmissionStatus::InReview);
        let same = CommandDraft {
            reason_code: "duplicate",
            duplicate_of: "atr-2611-4kq7",
            ..draft()
        };
        assert_eq!(
            Command::parse(Action::Reject, &c, &same),
            Err("staff-error-duplicate-of")
        );
        let other = CommandDraft {
            duplicate_of: "ATR-2611-4KQ8",
            ..same
        };
        let t = decide(
            &c,
            Action::Reject,
            &other,
            StaffRole::Moderator,
            &calendar(),
        );
        let change = t.map(|t| t.change).unwrap_or_default();
        assert_eq!(change.duplicate_of.as_deref(), Some("ATR-2611-4KQ8"));
        assert_eq!(change.public_note, "ATR-2611-4KQ8");
        assert_eq!(change.rejection_reason, Some(RejectionReason::Duplicate));
    }

    #[test]
    fn an_extension_moves_the_deadline_by_working_days() {
        let c = case(SubmissionKind::Request, SubmissionStatus::InReview);
        let d = CommandDraft {
            reason: "Waiting for the city's answer",
            days: "5",
            ..draft()
        };
        let t = decide(&c, Action::Extend, &d, StaffRole::Moderator, &calendar());
        let t = t.ok();
        // 1 December 2026 is a Tuesday; five working days later is the next Tuesday.
        assert_eq!(
            t.as_ref().and_then(|t| t.change.due_on),
            NaiveDate::from_ymd_opt(2026, 12, 8)
        );
        assert_eq!(t.map(|t| t.to), Some(SubmissionStatus::Extended));
        for days in ["0", "16", "five"] {
            let d = CommandDraft { days, ..d };
            assert_eq!(
                decide(&c, Action::Extend, &d, StaffRole::Moderator, &calendar()).err(),
                Some(Refusal::Invalid("staff-error-days")),
                "{days}"
            );
        }
    }
}
