//! What the audit log records: every action of a staff member, by a stable code.

use super::Action;

/// Declares the audit actions once: each variant with its stored code; `all()` lists them.
macro_rules! audit_actions {
    ($($(#[$doc:meta])* $variant:ident => $code:literal,)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum AuditAction {
            $($(#[$doc])* $variant,)*
            /// An action on a submission.
            Moderation(Action),
        }

        impl AuditAction {
            /// The code stored in the log and offered as a filter.
            pub fn code(self) -> &'static str {
                match self {
                    $(AuditAction::$variant => $code,)*
                    AuditAction::Moderation(action) => action.code(),
                }
            }

            /// Every action, as the audit log's filter offers them.
            pub fn all() -> Vec<AuditAction> {
                let mut all = vec![$(AuditAction::$variant,)*];
                all.extend(Action::ALL.into_iter().map(AuditAction::Moderation));
                all
            }
        }
    };
}

audit_actions! {
    SignIn => "sign_in",
    SignInFailed => "sign_in_failed",
    SignOut => "sign_out",
    PasswordChanged => "password_changed",
    ExportQueue => "export_queue",
    ExportAudit => "export_audit",
    /// Changes to the directory.
    PostCreated => "post_created",
    PostUpdated => "post_updated",
    InspectorCreated => "inspector_created",
    InspectorUpdated => "inspector_updated",
    PhotoUploaded => "photo_uploaded",
    BeatAssigned => "beat_assigned",
    BoundaryChanged => "boundary_changed",
    Imported => "imported",
    CalendarDaySet => "calendar_day_set",
    PlaceCreated => "place_created",
    PlaceUpdated => "place_updated",
    CalendarDayRemoved => "calendar_day_removed",
    /// Changes to staff accounts.
    StaffInvited => "staff_invited",
    StaffRoleChanged => "staff_role_changed",
    StaffDisabled => "staff_disabled",
    StaffEnabled => "staff_enabled",
    StaffSessionsEnded => "staff_sessions_ended",
    InvitationAccepted => "invitation_accepted",
    /// A staff member turned their daily digest on or off.
    DigestChanged => "digest_changed",
    /// What a resident did with the links of a message: the questionnaire's "not resolved"
    /// reopened the appeal; the messages the law does not require were stopped.
    ResidentReopened => "resident_reopened",
    ResidentStoppedMessages => "resident_stopped_messages",
    /// An administrator sent a dead letter again.
    MessageRetried => "message_retried",
    /// Open311 API keys issued and revoked by an administrator, and a request filed with one.
    ApiKeyIssued => "api_key_issued",
    ApiKeyRevoked => "api_key_revoked",
    Open311Filed => "open311_filed",
    /// Bookings of reception slots marked by staff, and the beat's priorities and meetings.
    BookingAttended => "booking_attended",
    BookingNoShow => "booking_no_show",
    BookingCancelled => "booking_cancelled",
    PriorityAdded => "priority_added",
    PriorityRemoved => "priority_removed",
    MeetingAdded => "meeting_added",
    MeetingRemoved => "meeting_removed",
    /// A submission assigned (or reassigned, with a reason) to a staff member; an internal note.
    Assigned => "assigned",
    NoteAdded => "note_added",
    /// Answer templates kept by administrators.
    TemplateSaved => "template_saved",
    TemplateRemoved => "template_removed",
    /// An appeal a resident made at a reception point or by phone, filed by staff.
    WalkInFiled => "walk_in_filed",
    /// Two-factor sign-in: set up, turned off (by its owner or an administrator), a wrong
    /// code, a recovery code used.
    TotpEnabled => "totp_enabled",
    TotpDisabled => "totp_disabled",
    TotpFailed => "totp_failed",
    RecoveryCodeUsed => "recovery_code_used",
}

impl AuditAction {
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
