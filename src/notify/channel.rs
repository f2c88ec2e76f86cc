//! Where messages go: SMTP (`PORTAL_SMTP_URL`), an SMS gateway over HTTP (`PORTAL_SMS_URL`,
//! POST `{"to": ..., "text": ...}` with an optional bearer token), or, for whatever is not
//! configured, files under `data_dir/outbox/` (`.eml`, `.txt`) that show what would be sent.

use std::path::PathBuf;

use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::message::Rendered;
use crate::config::Settings;

pub struct Channels {
    smtp: Option<AsyncSmtpTransport<Tokio1Executor>>,
    from: Mailbox,
    sms: Option<(String, Option<String>)>,
    http: reqwest::Client,
    files: PathBuf,
}

impl Channels {
    pub fn from_settings(settings: &Settings) -> Result<Self, String> {
        let n = &settings.notify;
        let smtp = match &n.smtp_url {
            Some(url) => Some(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| format!("PORTAL_SMTP_URL: {e}"))?
                    .timeout(Some(std::time::Duration::from_secs(20)))
                    .build(),
            ),
            None => None,
        };
        let from: Mailbox = n
            .mail_from
            .parse()
            .map_err(|e| format!("PORTAL_MAIL_FROM: {e}"))?;
        let http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(20))
            .build()
            .map_err(|e| format!("the SMS client: {e}"))?;
        Ok(Self {
            smtp,
            from,
            sms: n.sms_url.clone().map(|u| (u, n.sms_token.clone())),
            http,
            files: settings.data_dir.join("outbox"),
        })
    }

    /// Writes a message as a file, whole or not at all: under a hidden name first, then
    /// renamed, so whoever reads the folder never sees half a message.
    fn file(&self, name: &str, content: &str) -> Result<(), String> {
        let failed = |e: std::io::Error| format!("the outbox folder: {e}");
        std::fs::create_dir_all(&self.files).map_err(failed)?;
        let part = self.files.join(format!(".{name}.part"));
        std::fs::write(&part, content).map_err(failed)?;
        std::fs::rename(&part, self.files.join(name)).map_err(failed)
    }

    pub async fn email(&self, id: i64, to: &str, m: &Rendered) -> Result<(), String> {
        let to: Mailbox = to
            .parse()
            .map_err(|_e| "the e-mail address is not valid".to_string())?;
        // Plain text first, HTML as the alternative mail programs prefer; quoted-printable
        // keeps both readable in the .eml files of the demo.
        let body = MultiPart::alternative()
            .singlepart(
                SinglePart::builder()
                    .header(ContentType::TEXT_PLAIN)
                    .header(ContentTransferEncoding::QuotedPrintable)
                    .body(m.text.clone()),
            )
            .singlepart(
                SinglePart::builder()
                    .header(ContentType::TEXT_HTML)
                    .header(ContentTransferEncoding::QuotedPrintable)
                    .body(m.html.clone()),
            );
        let builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(m.subject.clone());
        let email = match &m.calendar {
            Some((name, ics)) => {
                let kind = ContentType::parse("text/calendar; charset=utf-8; method=PUBLISH")
                    .map_err(|e| format!("the calendar's content type: {e}"))?;
                builder.multipart(
                    MultiPart::mixed()
                        .multipart(body)
                        .singlepart(Attachment::new(name.clone()).body(ics.clone(), kind)),
                )
            }
            None => builder.multipart(body),
        }
        .map_err(|e| format!("the message could not be built: {e}"))?;
        match &self.smtp {
            Some(smtp) => smtp
                .send(email)
                .await
                .map(|_| ())
                .map_err(|e| format!("SMTP: {e}")),
            None => self.file(
                &format!("{id}-email.eml"),
                &String::from_utf8_lossy(&email.formatted()),
            ),
        }
    }

    pub async fn sms(&self, id: i64, to: &str, text: &str) -> Result<(), String> {
        let Some((url, token)) = &self.sms else {
            return self.file(&format!("{id}-sms.txt"), &format!("To: {to}\n\n{text}\n"));
        };
        let mut request = self
            .http
            .post(url)
            .json(&serde_json::json!({"to": to, "text": text}));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request
            .send()
            .await
            .map_err(|e| format!("SMS gateway: {}", e.without_url()))?;
        if response.status().is_success() {
            Ok(())
        } else {
            Err(format!("SMS gateway answered {}", response.status()))
        }
    }
}
