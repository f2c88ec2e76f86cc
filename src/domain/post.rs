//! Police posts: what kinds there are and what state they are in.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, sqlx::Type)]
#[sqlx(type_name = "post_kind", rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum PostKind {
    /// A modular post that receives residents around the clock.
    ModularPost,
    /// A stationary post in a crowded or high-crime place.
    StationaryPost,
    /// A district inspector point (участковый пункт полиции).
    InspectorPoint,
    PoliceDepartment,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, sqlx::Type)]
#[sqlx(type_name = "post_status", rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum PostStatus {
    Open,
    Planned,
    UnderConstruction,
    TemporarilyClosed,
}

impl PostKind {
    pub const ALL: [PostKind; 4] = [
        PostKind::ModularPost,
        PostKind::StationaryPost,
        PostKind::InspectorPoint,
        PostKind::PoliceDepartment,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PostKind::ModularPost => "modular_post",
            PostKind::StationaryPost => "stationary_post",
            PostKind::InspectorPoint => "inspector_point",
            PostKind::PoliceDepartment => "police_department",
        }
    }

    pub fn parse(code: &str) -> Option<PostKind> {
        PostKind::ALL.into_iter().find(|k| k.code() == code.trim())
    }

    /// Message key for the kind's name.
    pub fn key(self) -> &'static str {
        match self {
            PostKind::ModularPost => "kind-modular-post",
            PostKind::StationaryPost => "kind-stationary-post",
            PostKind::InspectorPoint => "kind-inspector-point",
            PostKind::PoliceDepartment => "kind-police-department",
        }
    }
}

impl PostStatus {
    pub const ALL: [PostStatus; 4] = [
        PostStatus::Open,
        PostStatus::Planned,
        PostStatus::UnderConstruction,
        PostStatus::TemporarilyClosed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PostStatus::Open => "open",
            PostStatus::Planned => "planned",
            PostStatus::UnderConstruction => "under_construction",
            PostStatus::TemporarilyClosed => "temporarily_closed",
        }
    }

    pub fn parse(code: &str) -> Option<PostStatus> {
        PostStatus::ALL
            .into_iter()
            .find(|s| s.code() == code.trim())
    }

    pub fn key(self) -> &'static str {
        match self {
            PostStatus::Open => "status-open",
            PostStatus::Planned => "status-planned",
            PostStatus::UnderConstruction => "status-under-construction",
            PostStatus::TemporarilyClosed => "status-temporarily-closed",
        }
    }

    /// Not yet receiving anyone: listed apart from working posts, never as open.
    pub fn is_future(self) -> bool {
        matches!(self, PostStatus::Planned | PostStatus::UnderConstruction)
    }
}

/// What a post offers residents besides an officer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Service {
    ReceivingResidents,
    VideoSurveillance,
    EmergencyCallButton,
    FirstAidKit,
    HelpForLostChildren,
}

impl Service {
    pub const ALL: [Service; 5] = [
        Service::ReceivingResidents,
        Service::VideoSurveillance,
        Service::EmergencyCallButton,
        Service::FirstAidKit,
        Service::HelpForLostChildren,
    ];

    /// The code stored with the post and used in imports.
    pub fn code(self) -> &'static str {
        match self {
            Service::ReceivingResidents => "receiving_residents",
            Service::VideoSurveillance => "video_surveillance",
            Service::EmergencyCallButton => "emergency_call_button",
            Service::FirstAidKit => "first_aid_kit",
            Service::HelpForLostChildren => "help_for_lost_children",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Service::ReceivingResidents => "service-receiving-residents",
            Service::VideoSurveillance => "service-video-surveillance",
            Service::EmergencyCallButton => "service-emergency-call-button",
            Service::FirstAidKit => "service-first-aid-kit",
            Service::HelpForLostChildren => "service-help-for-lost-children",
        }
    }

    pub fn parse(code: &str) -> Option<Service> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}
