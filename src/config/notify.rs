//! How messages to residents and staff leave: the outbox's channels, retries, questionnaire,
//! and digest settings.

use super::ConfigError;

/// The outbox's channels and its retry rule.
#[derive(Clone, Debug)]
pub struct NotifySettings {
    /// `smtp://user:pass@host:587?tls=starttls`, `smtp://127.0.0.1:2525` (a plain relay).
    pub smtp_url: Option<String>,
    pub mail_from: String,
    /// An HTTP gateway that takes POST `{"to": ..., "text": ...}`.
    pub sms_url: Option<String>,
    pub sms_token: Option<String>,
    /// Where links in messages point: the portal as residents reach it (by default the
    /// address it listens on).
    pub public_url: Option<String>,
    /// How often a worker looks for messages when there were none.
    pub poll: std::time::Duration,
    /// The first retry's wait; each further one doubles it.
    pub backoff: std::time::Duration,
    /// After this many failed attempts a message is a dead letter.
    pub max_attempts: i32,
    /// How long after an answer the resident is asked whether it resolved the matter.
    pub survey_after: std::time::Duration,
    /// How long the text of a sent message is kept for the administrators' page.
    pub keep_text_days: u64,
    /// The local hour from which staff get their daily digest; `None` (`off`): no digests.
    pub digest_hour: Option<u32>,
}

impl NotifySettings {
    pub(super) fn from_lookup(
        lookup: &impl Fn(&str) -> Option<String>,
        public_url: Option<String>,
    ) -> Result<Self, ConfigError> {
        Ok(NotifySettings {
            // lettre says `tls=required`; `starttls` is the common name for it.
            smtp_url: lookup("PORTAL_SMTP_URL")
                .filter(|v| !v.is_empty())
                .map(|v| v.replace("tls=starttls", "tls=required")),
            mail_from: lookup("PORTAL_MAIL_FROM")
                .unwrap_or_else(|| "Atyrau police portal <no-reply@police.example.kz>".into()),
            sms_url: lookup("PORTAL_SMS_URL").filter(|v| !v.is_empty()),
            sms_token: lookup("PORTAL_SMS_TOKEN").filter(|v| !v.is_empty()),
            public_url,
            poll: std::time::Duration::from_millis(500),
            backoff: std::time::Duration::from_secs(30),
            max_attempts: 8,
            survey_after: std::time::Duration::from_secs(
                60 * number(&lookup, "PORTAL_SURVEY_AFTER_MINUTES", 24 * 60, 0..=43_200)?,
            ),
            keep_text_days: number(&lookup, "PORTAL_KEEP_MESSAGES_DAYS", 30, 1..=3650)?,
            digest_hour: match lookup("PORTAL_DIGEST_HOUR") {
                Some(v) if v.trim() == "off" => None,
                _ => u32::try_from(number(&lookup, "PORTAL_DIGEST_HOUR", 8, 0..=23)?).ok(),
            },
        })
    }
}

fn number(
    lookup: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    default: u64,
    range: std::ops::RangeInclusive<u64>,
) -> Result<u64, ConfigError> {
    match lookup(name) {
        None => Ok(default),
        Some(v) => v
            .trim()
            .parse()
            .ok()
            .filter(|n| range.contains(n))
            .ok_or(ConfigError::Number(name, v, *range.start(), *range.end())),
    }
}
