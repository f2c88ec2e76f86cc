//! A message about an appeal in the resident's language: e-mail subject and text, and an SMS
//! of at most two parts.

use crate::config::Settings;
use crate::domain::lang::Lang;
use crate::store::outbox::Facts;

pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub sms: String,
}

pub fn render(event: &str, facts: &Facts, link: &str, settings: &Settings) -> Rendered {
    let lang = Lang::parse(&facts.lang).unwrap_or_default();
    let received = facts
        .received_at
        .with_timezone(&settings.time_zone)
        .format("%d.%m.%Y %H:%M")
        .to_string();
    let due = facts.due_on.format("%d.%m.%Y").to_string();
    let args = |extra: &[(&'static str, String)]| {
        let mut all: Vec<(
            &'static str,
            fluent_templates::fluent_bundle::FluentValue<'static>,
        )> = vec![
            ("number", facts.tracking_number.clone().into()),
            ("received", received.clone().into()),
            ("due", due.clone().into()),
            ("link", link.to_string().into()),
            ("addressee", lang.t("track-addressed-police").into()),
            (
                "reason",
                facts.extension_reason.clone().unwrap_or_default().into(),
            ),
        ];
        all.extend(extra.iter().map(|(k, v)| (*k, v.clone().into())));
        all
    };
    let key = match event {
        "received" => "received",
        "extended" => "extended",
        _ => "update",
    };
    let a = args(&[]);
    Rendered {
        subject: lang.t_args(&format!("mail-{key}-subject"), &a),
        text: lang.t_args(&format!("mail-{key}-body"), &a),
        sms: lang.t_args(&format!("sms-{key}"), &a),
    }
}
