//! What residents send: kinds, categories, statuses, and the values a form is parsed into.

pub mod contact;
pub mod new;
pub mod tracking;

pub use contact::{Author, Email, Iin, Phone};
pub use new::{Draft, FormKind, NewSubmission};
pub use tracking::{new_tracking_number, normalize_tracking_key, normalize_tracking_number};

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, sqlx::Type)]
#[sqlx(type_name = "submission_kind", rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum SubmissionKind {
    Thanks,
    Complaint,
    Request,
}

impl SubmissionKind {
    pub fn code(self) -> &'static str {
        match self {
            SubmissionKind::Thanks => "thanks",
            SubmissionKind::Complaint => "complaint",
            SubmissionKind::Request => "request",
        }
    }

    pub const ALL: [SubmissionKind; 3] = [
        SubmissionKind::Thanks,
        SubmissionKind::Complaint,
        SubmissionKind::Request,
    ];

    pub fn parse(code: &str) -> Option<SubmissionKind> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn key(self) -> &'static str {
        match self {
            SubmissionKind::Thanks => "kind-thanks",
            SubmissionKind::Complaint => "kind-complaint",
            SubmissionKind::Request => "kind-request",
        }
    }
}

/// How an appeal came in: the portal's form, another service through Open311, or filed by
/// staff for a resident who came in or phoned (the Code's oral appeal).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Channel {
    Web,
    Open311,
    WalkIn,
    Phone,
}

impl Channel {
    pub const ALL: [Channel; 4] = [
        Channel::Web,
        Channel::Open311,
        Channel::WalkIn,
        Channel::Phone,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Channel::Web => "web",
            Channel::Open311 => "open311",
            Channel::WalkIn => "walk_in",
            Channel::Phone => "phone",
        }
    }

    pub fn parse(code: &str) -> Option<Channel> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The Fluent key of its name.
    pub fn key(self) -> &'static str {
        match self {
            Channel::Web => "channel-web",
            Channel::Open311 => "channel-open311",
            Channel::WalkIn => "channel-walk-in",
            Channel::Phone => "channel-phone",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, sqlx::Type)]
#[sqlx(type_name = "submission_status", rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum SubmissionStatus {
    New,
    InReview,
    Published,
    Answered,
    Forwarded,
    Rejected,
    Extended,
    Closed,
}

impl SubmissionStatus {
    pub const ALL: [SubmissionStatus; 8] = [
        SubmissionStatus::New,
        SubmissionStatus::InReview,
        SubmissionStatus::Published,
        SubmissionStatus::Answered,
        SubmissionStatus::Forwarded,
        SubmissionStatus::Rejected,
        SubmissionStatus::Extended,
        SubmissionStatus::Closed,
    ];

    /// Still waiting for the police: counted for deadlines and "overdue".
    pub const OPEN: [SubmissionStatus; 3] = [
        SubmissionStatus::New,
        SubmissionStatus::InReview,
        SubmissionStatus::Extended,
    ];

    pub fn is_open(self) -> bool {
        Self::OPEN.contains(&self)
    }

    pub fn code(self) -> &'static str {
        match self {
            SubmissionStatus::New => "new",
            SubmissionStatus::InReview => "in_review",
            SubmissionStatus::Published => "published",
            SubmissionStatus::Answered => "answered",
            SubmissionStatus::Forwarded => "forwarded",
            SubmissionStatus::Rejected => "rejected",
            SubmissionStatus::Extended => "extended",
            SubmissionStatus::Closed => "closed",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn key(self) -> &'static str {
        match self {
            SubmissionStatus::New => "submission-status-new",
            SubmissionStatus::InReview => "submission-status-in-review",
            SubmissionStatus::Published => "submission-status-published",
            SubmissionStatus::Answered => "submission-status-answered",
            SubmissionStatus::Forwarded => "submission-status-forwarded",
            SubmissionStatus::Rejected => "submission-status-rejected",
            SubmissionStatus::Extended => "submission-status-extended",
            SubmissionStatus::Closed => "submission-status-closed",
        }
    }
}

/// What a request is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Category {
    PublicOrder,
    Noise,
    RoadSafety,
    DomesticConflict,
    MeetingWithInspector,
    NewPostLocation,
    Other,
}

impl Category {
    pub const ALL: [Category; 7] = [
        Category::PublicOrder,
        Category::Noise,
        Category::RoadSafety,
        Category::DomesticConflict,
        Category::MeetingWithInspector,
        Category::NewPostLocation,
        Category::Other,
    ];

    /// The code stored in the database and sent by forms.
    pub fn code(self) -> &'static str {
        match self {
            Category::PublicOrder => "public_order",
            Category::Noise => "noise",
            Category::RoadSafety => "road_safety",
            Category::DomesticConflict => "domestic_conflict",
            Category::MeetingWithInspector => "meeting_with_inspector",
            Category::NewPostLocation => "new_post_location",
            Category::Other => "other",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Category::PublicOrder => "category-public-order",
            Category::Noise => "category-noise",
            Category::RoadSafety => "category-road-safety",
            Category::DomesticConflict => "category-domestic-conflict",
            Category::MeetingWithInspector => "category-meeting-with-inspector",
            Category::NewPostLocation => "category-new-post-location",
            Category::Other => "category-other",
        }
    }

    pub fn parse(code: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// Free text as stored: Unicode NFC, control characters removed (line breaks and tabs kept),
/// trimmed. Script or SQL-looking text is kept verbatim: it is data, escaped when shown.
pub fn clean_text(text: &str, multiline: bool) -> String {
    let normalized: String = text
        .nfc()
        .filter(|c| !c.is_control() || (multiline && (*c == '\n' || *c == '\t')))
        .collect();
    let normalized = normalized.replace("\r\n", "\n");
    normalized.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_normalised_and_control_characters_removed() {
        assert_eq!(
            clean_text("  e\u{301}\u{0}x\r\nline\u{7}  ", true),
            "éx\nline"
        );
        assert_eq!(clean_text("a\nb", false), "ab");
        let script = "<script>alert(1)</script>'; DROP TABLE submissions; --";
        assert_eq!(clean_text(script, true), script);
    }
}
