//! What staff may do with a submission, in which state, and what state it leads to.

pub mod audit;
pub mod decide;

pub use audit::AuditAction;
pub use decide::{Case, Change, Command, CommandDraft, Refusal, Transition, decide};

use super::submission::{SubmissionKind, SubmissionStatus};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StaffRole {
    Moderator,
    Admin,
}

impl StaffRole {
    pub fn code(self) -> &'static str {
        match self {
            StaffRole::Moderator => "moderator",
            StaffRole::Admin => "admin",
        }
    }

    pub fn parse(code: &str) -> Option<StaffRole> {
        match code {
            "moderator" => Some(StaffRole::Moderator),
            "admin" => Some(StaffRole::Admin),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// A moderator takes a new submission into review.
    Take,
    /// A thanks is shown publicly (its text possibly redacted).
    Publish,
    /// A complaint or request gets an answer for the resident.
    Answer,
    /// Sent to the body it belongs to.
    Forward,
    /// Refused with a reason from the list.
    Reject,
    /// The deadline is extended with a reason.
    Extend,
    Close,
    /// An administrator reopens a closed submission with a reason.
    Reopen,
    /// A published thanks is taken off the public pages, with a reason, back into review.
    Unpublish,
    /// A published thanks gets a corrected public text.
    Correct,
}

impl Action {
    pub const ALL: [Action; 10] = [
        Action::Take,
        Action::Publish,
        Action::Correct,
        Action::Unpublish,
        Action::Answer,
        Action::Forward,
        Action::Reject,
        Action::Extend,
        Action::Close,
        Action::Reopen,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Action::Take => "take",
            Action::Publish => "publish",
            Action::Answer => "answer",
            Action::Forward => "forward",
            Action::Reject => "reject",
            Action::Extend => "extend",
            Action::Close => "close",
            Action::Reopen => "reopen",
            Action::Unpublish => "unpublish",
            Action::Correct => "correct",
        }
    }

    pub fn parse(code: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.code() == code)
    }

    /// The message key of the action's button.
    pub fn key(self) -> &'static str {
        match self {
            Action::Take => "staff-action-take",
            Action::Publish => "staff-action-publish",
            Action::Answer => "staff-action-answer",
            Action::Forward => "staff-action-forward",
            Action::Reject => "staff-action-reject",
            Action::Extend => "staff-action-extend",
            Action::Close => "staff-action-close",
            Action::Reopen => "staff-action-reopen",
            Action::Unpublish => "staff-action-unpublish",
            Action::Correct => "staff-action-correct",
        }
    }

    /// What the public or the resident will read: shown as a preview to confirm first.
    pub fn is_previewed(self) -> bool {
        matches!(self, Action::Publish | Action::Answer | Action::Correct)
    }
}

/// Why a submission is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RejectionReason {
    Spam,
    Abusive,
    /// The same matter as an earlier submission, whose number is given.
    Duplicate,
    NotPoliceBusiness,
}

impl RejectionReason {
    pub const ALL: [RejectionReason; 4] = [
        RejectionReason::Spam,
        RejectionReason::Abusive,
        RejectionReason::Duplicate,
        RejectionReason::NotPoliceBusiness,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RejectionReason::Spam => "spam",
            RejectionReason::Abusive => "abusive",
            RejectionReason::Duplicate => "duplicate",
            RejectionReason::NotPoliceBusiness => "not_police_business",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            RejectionReason::Spam => "reject-reason-spam",
            RejectionReason::Abusive => "reject-reason-abusive",
            RejectionReason::Duplicate => "reject-reason-duplicate",
            RejectionReason::NotPoliceBusiness => "reject-reason-not-police-business",
        }
    }

    pub fn parse(code: &str) -> Option<RejectionReason> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// Working days an extension may add to the deadline at most.
pub const MAX_EXTENSION_WORKING_DAYS: u32 = 15;

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("this action is not possible in the submission's current state")]
    NotAllowed,
    #[error("only an administrator may do this")]
    AdminOnly,
}

impl TransitionError {
    pub fn key(self) -> &'static str {
        match self {
            TransitionError::NotAllowed => "staff-error-not-allowed",
            TransitionError::AdminOnly => "staff-error-admin-only",
        }
    }
}

/// The state `action` leads to from `status`, or why it cannot be done.
pub fn transition(
    kind: SubmissionKind,
    status: SubmissionStatus,
    action: Action,
    role: StaffRole,
) -> Result<SubmissionStatus, TransitionError> {
    use SubmissionStatus as S;
    let thanks = kind == SubmissionKind::Thanks;
    let next = match (status, action) {
        (S::New, Action::Take) => S::InReview,
        (S::InReview, Action::Publish) if thanks => S::Published,
        (S::Published, Action::Correct) if thanks => S::Published,
        (S::Published, Action::Unpublish) if thanks => S::InReview,
        (S::InReview | S::Extended, Action::Answer) if !thanks => S::Answered,
        (S::InReview | S::Extended, Action::Forward) if !thanks => S::Forwarded,
        (S::InReview | S::Extended, Action::Reject) => S::Rejected,
        (S::InReview, Action::Extend) if !thanks => S::Extended,
        (S::Published | S::Answered | S::Forwarded | S::Rejected, Action::Close) => S::Closed,
        (S::Closed, Action::Reopen) => {
            if role != StaffRole::Admin {
                return Err(TransitionError::AdminOnly);
            }
            S::InReview
        }
        _ => return Err(TransitionError::NotAllowed),
    };
    Ok(next)
}

/// The actions that make sense to offer for a submission.
pub fn available(kind: SubmissionKind, status: SubmissionStatus, role: StaffRole) -> Vec<Action> {
    Action::ALL
        .into_iter()
        .filter(|a| transition(kind, status, *a, role).is_ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use SubmissionKind::{Complaint, Request, Thanks};
    use SubmissionStatus as S;

    #[test]
    fn allowed_transitions() {
        let m = StaffRole::Moderator;
        let cases = [
            (Thanks, S::New, Action::Take, S::InReview),
            (Request, S::New, Action::Take, S::InReview),
            (Thanks, S::InReview, Action::Publish, S::Published),
            (Thanks, S::Published, Action::Correct, S::Published),
            (Thanks, S::Published, Action::Unpublish, S::InReview),
            (Complaint, S::InReview, Action::Answer, S::Answered),
            (Request, S::Extended, Action::Answer, S::Answered),
            (Request, S::InReview, Action::Forward, S::Forwarded),
            (Thanks, S::InReview, Action::Reject, S::Rejected),
            (Complaint, S::Extended, Action::Reject, S::Rejected),
            (Request, S::InReview, Action::Extend, S::Extended),
            (Thanks, S::Published, Action::Close, S::Closed),
            (Request, S::Answered, Action::Close, S::Closed),
            (Request, S::Forwarded, Action::Close, S::Closed),
            (Thanks, S::Rejected, Action::Close, S::Closed),
        ];
        for (kind, from, action, to) in cases {
            assert_eq!(
                transition(kind, from, action, m),
                Ok(to),
                "{kind:?} {from:?} {action:?}"
            );
        }
        assert_eq!(
            transition(Request, S::Closed, Action::Reopen, StaffRole::Admin),
            Ok(S::InReview)
        );
    }

    #[test]
    fn refused_transitions() {
        let m = StaffRole::Moderator;
        let cases = [
            (Thanks, S::New, Action::Publish, TransitionError::NotAllowed),
            (Request, S::New, Action::Answer, TransitionError::NotAllowed),
            (
                Thanks,
                S::InReview,
                Action::Take,
                TransitionError::NotAllowed,
            ),
            (
                Complaint,
                S::InReview,
                Action::Publish,
                TransitionError::NotAllowed,
            ),
            (
                Thanks,
                S::InReview,
                Action::Answer,
                TransitionError::NotAllowed,
            ),
            (
                Thanks,
                S::InReview,
                Action::Extend,
                TransitionError::NotAllowed,
            ),
            (
                Request,
                S::Extended,
                Action::Extend,
                TransitionError::NotAllowed,
            ),
            (Request, S::New, Action::Close, TransitionError::NotAllowed),
            (
                Request,
                S::InReview,
                Action::Close,
                TransitionError::NotAllowed,
            ),
            (
                Request,
                S::Closed,
                Action::Answer,
                TransitionError::NotAllowed,
            ),
            (
                Request,
                S::Closed,
                Action::Reopen,
                TransitionError::AdminOnly,
            ),
            (
                Request,
                S::Answered,
                Action::Reopen,
                TransitionError::NotAllowed,
            ),
            (
                Thanks,
                S::Published,
                Action::Publish,
                TransitionError::NotAllowed,
            ),
        ];
        for (kind, from, action, error) in cases {
            assert_eq!(
                transition(kind, from, action, m),
                Err(error),
                "{kind:?} {from:?} {action:?}"
            );
        }
    }

    #[test]
    fn only_possible_actions_are_offered() {
        assert_eq!(
            available(Thanks, S::InReview, StaffRole::Moderator),
            [Action::Publish, Action::Reject]
        );
        assert_eq!(available(Request, S::Closed, StaffRole::Moderator), []);
        assert_eq!(
            available(Request, S::Closed, StaffRole::Admin),
            [Action::Reopen]
        );
    }
}
