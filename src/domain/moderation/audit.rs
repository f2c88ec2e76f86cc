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
            AuditAction::Moderation(action) => action.code(),
        }
    }
}
