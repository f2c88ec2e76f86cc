//! Messages to residents, from the outbox: a worker in every instance claims due rows, renders
//! them in the resident's language, sends them by e-mail (SMTP) or SMS (an HTTP gateway), or,
//! with neither configured, writes them as files under `data_dir/outbox/`, and marks them sent.
//! A failure is retried with exponential backoff; after the last attempt it is a dead letter.
//! Contact details and message bodies never go to the log.

pub mod channel;
pub mod message;

use sqlx::PgPool;
use std::sync::Arc;

use crate::config::Settings;
use crate::store::outbox::{self, Claimed};
use crate::web::security::Secrets;
use channel::Channels;

/// How many messages a worker claims at a time, and for how long.
const BATCH: i64 = 20;
const LEASE_SECS: f64 = 120.0;
/// How long the text of a sent message is kept (for the administrators' page).
const KEEP_TEXT_DAYS: f64 = 30.0;

pub struct Notifier {
    pool: PgPool,
    settings: Settings,
    secrets: Arc<Secrets>,
    channels: Channels,
}

impl Notifier {
    pub fn new(pool: PgPool, settings: Settings, secrets: Arc<Secrets>) -> Result<Self, String> {
        let channels = Channels::from_settings(&settings)?;
        Ok(Self {
            pool,
            settings,
            secrets,
            channels,
        })
    }

    /// Sends what is due, until nothing is; how many were handled.
    pub async fn run_once(&self) -> Result<usize, sqlx::Error> {
        let mut handled = 0;
        loop {
            let claimed = outbox::claim(&self.pool, BATCH, LEASE_SECS).await?;
            if claimed.is_empty() {
                return Ok(handled);
            }
            handled += claimed.len();
            for message in claimed {
                self.deliver(message).await?;
            }
        }
    }

    /// Runs until the process ends, looking again every `poll` when there was nothing to do;
    /// once an hour it forgets the texts of messages sent more than 30 days ago.
    pub async fn run(self) {
        let mut forgotten_at: Option<std::time::Instant> = None;
        loop {
            match self.run_once().await {
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "the outbox could not be read"),
            }
            if forgotten_at.is_none_or(|t| t.elapsed() > std::time::Duration::from_secs(3600)) {
                if let Err(e) = outbox::forget_texts(&self.pool, KEEP_TEXT_DAYS).await {
                    tracing::warn!(error = %e, "old message texts could not be forgotten");
                }
                forgotten_at = Some(std::time::Instant::now());
            }
            tokio::time::sleep(self.settings.notify.poll).await;
        }
    }

    async fn deliver(&self, m: Claimed) -> Result<(), sqlx::Error> {
        let Some(facts) = outbox::facts(&self.pool, m.submission_id).await? else {
            return outbox::failed(&self.pool, m.id, "the submission is gone", 0.0, true).await;
        };
        let key = self.secrets.tracking_key(&facts.tracking_number);
        let site = self
            .settings
            .notify
            .public_url
            .as_deref()
            .unwrap_or_default();
        let link = format!("{site}/track/{}?key={key}", facts.tracking_number);
        let rendered = message::render(&m.event, &facts, &link, &self.settings);
        let result = match (m.channel.as_str(), &facts.email, &facts.phone) {
            ("email", Some(to), _) => self.channels.email(m.id, to, &rendered).await,
            ("sms", _, Some(to)) => self.channels.sms(m.id, to, &rendered.sms).await,
            _ => Err("no address for this channel".to_string()),
        };
        match result {
            Ok(()) => {
                tracing::info!(message = m.id, event = %m.event, channel = %m.channel, "message sent");
                outbox::sent(&self.pool, m.id, &rendered.text).await
            }
            Err(error) => {
                let dead = m.attempts >= self.settings.notify.max_attempts;
                let exponent = u32::try_from(m.attempts.saturating_sub(1))
                    .unwrap_or(0)
                    .min(16);
                let wait =
                    self.settings.notify.backoff.as_secs_f64() * f64::from(2u32.pow(exponent));
                // The error names the channel's problem, never the address or the text.
                tracing::warn!(message = m.id, attempts = m.attempts, dead, error = %error, "message not sent");
                outbox::failed(&self.pool, m.id, &error, wait, dead).await
            }
        }
    }
}
