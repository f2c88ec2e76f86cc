//! What the audit log records: every action of a staff member, by a stable code.

use super::Action;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AuditAction {
    SignIn,
    SignInFailed,
    SignOut,
    PasswordChanged,
    ExportQueue,
    ExportAudit,
    /// Changes to the directory.
    PostCreated,
    PostUpdated,
    InspectorCreated,
    InspectorUpdated,
    PhotoUploaded,
    BeatAssigned,
    BoundaryChanged,
    Imported,
    CalendarDaySet,
    PlaceCreated,
    PlaceUpdated,
    CalendarDayRemoved,
    /// Changes to staff accounts.
    StaffInvited,
    StaffRoleChanged,
    StaffDisabled,
    StaffEnabled,
    StaffSessionsEnded,
    InvitationAccepted,
    /// A staff member turned their daily digest on or off.
    DigestChanged,
    /// What a resident did with the links of a message: the questionnaire's "not resolved"
    /// reopened the appeal; the messages the law does not require were stopped.
    ResidentReopened,
    ResidentStoppedMessages,
    /// An administrator sent a dead letter again.
    MessageRetried,
    /// Open311 API keys issued and revoked by an administrator, and a request filed with one.
    ApiKeyIssued,
    ApiKeyRevoked,
    Open311Filed,
    /// Bookings of reception slots marked by staff, and the beat's priorities and meetings.
    BookingAttended,
    BookingNoShow,
    BookingCancelled,
    PriorityAdded,
    PriorityRemoved,
    MeetingAdded,
    MeetingRemoved,
    /// A submission assigned (or reassigned, with a reason) to a staff member; an internal note.
    Assigned,
    NoteAdded,
    /// An action on a submission.
    Moderation(Action),
}

impl AuditAction {
    /// The code stored in the log and offered as a filter.
    pub fn code(self) -> &'static str {
        match self {
            AuditAction::SignIn => "sign_in",
            AuditAction::SignInFailed => "sign_in_failed",
            AuditAction::SignOut => "sign_out",
            AuditAction::PasswordChanged => "password_changed",
            AuditAction::ExportQueue => "export_queue",
            AuditAction::ExportAudit => "export_audit",
            AuditAction::PostCreated => "post_created",
            AuditAction::PostUpdated => "post_updated",
            AuditAction::InspectorCreated => "inspector_created",
            AuditAction::InspectorUpdated => "inspector_updated",
            AuditAction::PhotoUploaded => "photo_uploaded",
            AuditAction::BeatAssigned => "beat_assigned",
            AuditAction::BoundaryChanged => "boundary_changed",
            AuditAction::Imported => "imported",
            AuditAction::CalendarDaySet => "calendar_day_set",
            AuditAction::PlaceCreated => "place_created",
            AuditAction::PlaceUpdated => "place_updated",
            AuditAction::CalendarDayRemoved => "calendar_day_removed",
            AuditAction::StaffInvited => "staff_invited",
            AuditAction::StaffRoleChanged => "staff_role_changed",
            AuditAction::StaffDisabled => "staff_disabled",
            AuditAction::StaffEnabled => "staff_enabled",
            AuditAction::StaffSessionsEnded => "staff_sessions_ended",
            AuditAction::InvitationAccepted => "invitation_accepted",
            AuditAction::DigestChanged => "digest_changed",
            AuditAction::ResidentReopened => "resident_reopened",
            AuditAction::ResidentStoppedMessages => "resident_stopped_messages",
            AuditAction::MessageRetried => "message_retried",
            AuditAction::ApiKeyIssued => "api_key_issued",
            AuditAction::ApiKeyRevoked => "api_key_revoked",
            AuditAction::Open311Filed => "open311_filed",
            AuditAction::BookingAttended => "booking_attended",
            AuditAction::BookingNoShow => "booking_no_show",
            AuditAction::BookingCancelled => "booking_cancelled",
            AuditAction::PriorityAdded => "priority_added",
            AuditAction::PriorityRemoved => "priority_removed",
            AuditAction::MeetingAdded => "meeting_added",
            AuditAction::MeetingRemoved => "meeting_removed",
            AuditAction::Assigned => "assigned",
            AuditAction::NoteAdded => "note_added",
            AuditAction::Moderation(action) => action.code(),
        }
    }

    /// Every action, as the audit log's filter offers them.
    pub fn all() -> Vec<AuditAction> {
        use AuditAction::*;
        let mut all = vec![
            SignIn,
            SignInFailed,
            SignOut,
            PasswordChanged,
            ExportQueue,
            ExportAudit,
            PostCreated,
            PostUpdated,
            InspectorCreated,
            InspectorUpdated,
            PhotoUploaded,
            BeatAssigned,
            BoundaryChanged,
            Imported,
            CalendarDaySet,
            PlaceCreated,
            PlaceUpdated,
            CalendarDayRemoved,
            StaffInvited,
            StaffRoleChanged,
            StaffDisabled,
            StaffEnabled,
            StaffSessionsEnded,
            InvitationAccepted,
            DigestChanged,
            ResidentReopened,
            ResidentStoppedMessages,
            MessageRetried,
            ApiKeyIssued,
            ApiKeyRevoked,
            Open311Filed,
            BookingAttended,
            BookingNoShow,
            BookingCancelled,
            PriorityAdded,
            PriorityRemoved,
            MeetingAdded,
            MeetingRemoved,
            Assigned,
            NoteAdded,
        ];
        all.extend(Action::ALL.into_iter().map(Moderation));
        all
    }

    /// The Fluent key of its name in words.
    pub fn key(self) -> String {
        format!("audit-action-{}", self.code().replace('_', "-"))
    }

    /// The key of a stored code, or None for a code this version does not know.
    pub fn key_of(code: &str) -> Option<String> {
        Self::all()
            .into_iter()
            .find(|a| a.code() == code)
            .map(AuditAction::key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_one_code() {
        let all = AuditAction::all();
        let codes: std::collections::HashSet<&str> = all.iter().map(|a| a.code()).collect();
        assert_eq!(codes.len(), all.len());
        assert_eq!(
            AuditAction::key_of("sign_in").as_deref(),
            Some("audit-action-sign-in")
        );
        assert_eq!(AuditAction::key_of("unknown"), None);
    }
}
