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
use crate::domain::notice::{Event, Satisfaction};
use crate::store::outbox::{self, Claimed, Facts};
use crate::web::security::Secrets;
use channel::Channels;
use message::{Links, Rendered, SurveyLinks};

/// How many messages a worker claims at a time, and for how long.
const BATCH: i64 = 20;
const LEASE_SECS: f64 = 120.0;
/// How often a worker looks whether the day's staff digests are to be written.
const DIGEST_CHECK: std::time::Duration = std::time::Duration::from_secs(60);

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
    /// once a minute it writes the day's staff digests when their hour has come, and once an
    /// hour it forgets the texts of messages sent longer ago than the settings keep them.
    pub async fn run(self) {
        let mut forgotten_at: Option<std::time::Instant> = None;
        let mut digests_at: Option<std::time::Instant> = None;
        loop {
            if digests_at.is_none_or(|t| t.elapsed() > DIGEST_CHECK) {
                if let Err(e) = self.schedule_digests().await {
                    tracing::warn!(error = %e, "the staff digests could not be written");
                }
                if let Err(e) = self.schedule_reminders().await {
                    tracing::warn!(error = %e, "the booking reminders could not be written");
                }
                digests_at = Some(std::time::Instant::now());
            }
            if let Err(e) = self.run_once().await {
                tracing::warn!(error = %e, "the outbox could not be read");
            }
            if forgotten_at.is_none_or(|t| t.elapsed() > std::time::Duration::from_secs(3600)) {
                let days = self.settings.notify.keep_text_days;
                if let Err(e) = outbox::forget_texts(&self.pool, days).await {
                    tracing::warn!(error = %e, "old message texts could not be forgotten");
                }
                forgotten_at = Some(std::time::Instant::now());
            }
            tokio::time::sleep(self.settings.notify.poll).await;
        }
    }

    fn local_now(&self) -> chrono::NaiveDateTime {
        chrono::Utc::now()
            .with_timezone(&self.settings.time_zone)
            .naive_local()
    }

    /// Today's digests, from the configured local hour on (every instance may try: one row
    /// per person and day).
    pub async fn schedule_digests(&self) -> Result<u64, sqlx::Error> {
        use chrono::Timelike;
        let now = self.local_now();
        match self.settings.notify.digest_hour {
            Some(hour) if now.hour() >= hour => {}
            _ => return Ok(0),
        }
        outbox::schedule_digests(&self.pool, now.date()).await
    }

    fn site(&self) -> &str {
        self.settings
            .notify
            .public_url
            .as_deref()
            .unwrap_or_default()
    }

    /// The signed links of a message about the appeal `facts` describes.
    fn links(&self, facts: &Facts, m: &Claimed) -> Links {
        let site = self.site();
        let number = &facts.tracking_number;
        let key = self.secrets.tracking_key(number);
        let quiet = self.secrets.reply_token(number, "quiet");
        // The pages open in the resident's language, whatever the browser says.
        let lang = crate::domain::lang::Lang::parse(&facts.lang)
            .unwrap_or_default()
            .code();
        let survey = m
            .event_key
            .strip_prefix("survey:")
            .filter(|_| m.event == Event::Survey.code())
            .map(|round| {
                let t = self.secrets.reply_token(number, &format!("survey:{round}"));
                let page = format!("{site}/track/{number}/survey/{round}?t={t}&lang={lang}");
                let answer = |a: Satisfaction| format!("{page}&answer={}", a.code());
                SurveyLinks {
                    resolved: answer(Satisfaction::Resolved),
                    partly: answer(Satisfaction::Partly),
                    not_resolved: answer(Satisfaction::NotResolved),
                    page,
                }
            });
        Links {
            track: format!("{site}/track/{number}?key={key}&lang={lang}"),
            quiet: format!("{site}/track/{number}/quiet?t={quiet}&lang={lang}"),
            survey,
        }
    }

    /// A message about a booking: to the resident's own phone and e-mail.
    async fn prepare_booking(&self, m: &Claimed, id: i64) -> Result<Plan, sqlx::Error> {
        let Some(facts) = crate::store::bookings::facts(&self.pool, id).await? else {
            return Ok(Plan::Fail("the booking is gone".into()));
        };
        // A reminder of an appointment that no longer stands is not sent.
        if m.event == "booking_reminder" && facts.view.status != "booked" {
            return Ok(Plan::Stop);
        }
        let site = self.site();
        let reference = &facts.view.reference;
        let t = self.secrets.reply_token(reference, "booking");
        let lang = &facts.view.lang;
        let links = message::BookingLinks {
            page: format!("{site}/bookings/{reference}?t={t}&lang={lang}"),
            cancel: format!("{site}/bookings/{reference}/cancel?t={t}&lang={lang}"),
            ics: format!("{site}/bookings/{reference}/event.ics?t={t}&lang={lang}"),
        };
        let Some(rendered) = message::render_booking(&m.event, &facts, &links, &self.settings)
        else {
            return Ok(Plan::Fail(format!("no message for the event {}", m.event)));
        };
        Ok(Plan::Send(Prepared {
            email: facts.email,
            phone: Some(facts.phone),
            rendered,
        }))
    }

    /// Tomorrow's reminders of booked appointments (every instance may try: one row per
    /// booking and channel).
    pub async fn schedule_reminders(&self) -> Result<u64, sqlx::Error> {
        let tomorrow = self.local_now().date() + chrono::Duration::days(1);
        let Some((from, until)) =
            crate::domain::booking::day_bounds(tomorrow, self.settings.time_zone)
        else {
            return Ok(0);
        };
        crate::store::bookings::schedule_reminders(&self.pool, from, until).await
    }

    /// What to do with a claimed row: send it (and where), stop it, or give it up.
    async fn prepare(&self, m: &Claimed) -> Result<Plan, sqlx::Error> {
        if let Some(booking_id) = m.booking_id {
            return self.prepare_booking(m, booking_id).await;
        }
        if let Some(staff_id) = m.staff_id {
            let today = self.local_now().date();
            let calendar = crate::store::calendar::calendar(&self.pool).await?;
            let soon = calendar.add_working_days(today, 3);
            let Some(facts) = outbox::digest_facts(&self.pool, staff_id, today, soon).await? else {
                return Ok(Plan::Fail("the staff account is gone".into()));
            };
            if !facts.wants_it {
                return Ok(Plan::Stop);
            }
            let day = today.format("%d.%m.%Y").to_string();
            let rendered = message::render_digest(&facts, &day, self.site());
            return Ok(Plan::Send(Prepared {
                email: Some(facts.email),
                phone: None,
                rendered,
            }));
        }
        let Some(facts) = outbox::facts(&self.pool, m.submission_id.unwrap_or_default()).await?
        else {
            return Ok(Plan::Fail("the submission is gone".into()));
        };
        let Some(event) = Event::parse(&m.event) else {
            return Ok(Plan::Fail(format!("no message for the event {}", m.event)));
        };
        if facts.quiet && !event.statutory() {
            return Ok(Plan::Stop);
        }
        let links = self.links(&facts, m);
        let rendered = message::render(event, &facts, &links, &self.settings);
        Ok(Plan::Send(Prepared {
            email: facts.email,
            phone: facts.phone,
            rendered,
        }))
    }

    async fn deliver(&self, m: Claimed) -> Result<(), sqlx::Error> {
        let prepared = match self.prepare(&m).await? {
            Plan::Send(p) => p,
            Plan::Stop => return outbox::stopped(&self.pool, m.id).await,
            Plan::Fail(why) => return outbox::failed(&self.pool, m.id, &why, 0.0, true).await,
        };
        let p = &prepared;
        let result = match (m.channel.as_str(), &p.email, &p.phone) {
            ("email", Some(to), _) => self.channels.email(m.id, to, &p.rendered).await,
            ("sms", _, Some(to)) => self.channels.sms(m.id, to, &p.rendered.sms).await,
            _ => Err("no address for this channel".to_string()),
        };
        match result {
            Ok(()) => {
                tracing::info!(message = m.id, event = %m.event, channel = %m.channel, "message sent");
                let kept = match m.channel.as_str() {
                    "sms" => &p.rendered.sms,
                    _ => &p.rendered.text,
                };
                outbox::sent(&self.pool, m.id, kept).await
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

enum Plan {
    Send(Prepared),
    /// Not to be sent: the resident stopped such messages, or the digest was turned off.
    Stop,
    /// Never sendable: a dead letter at once.
    Fail(String),
}

/// A message ready to go, with the addresses it may go to.
struct Prepared {
    email: Option<String>,
    phone: Option<String>,
    rendered: Rendered,
}
