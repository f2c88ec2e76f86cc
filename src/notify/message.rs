//! A message in the reader's language: an e-mail's subject, text and HTML, and an SMS of at
//! most two parts. Residents' messages carry a one-click tracking link and, unless they
//! already stopped them, a link to stop the messages the law does not require.

use fluent_templates::fluent_bundle::FluentValue;

use crate::config::Settings;
use crate::domain::lang::Lang;
use crate::domain::moderation::RejectionReason;
use crate::domain::notice::{Event, sms_parts};
use crate::store::bookings::BookingFacts;
use crate::store::outbox::{DigestFacts, Facts};
use crate::web::calendar::{booking_ics, booking_ics_name};

pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
    pub sms: String,
    /// A file the e-mail carries: (name, iCalendar text), for a booking's time.
    pub calendar: Option<(String, String)>,
}

/// The signed links a resident's message carries.
pub struct Links {
    pub track: String,
    pub quiet: String,
    /// The questionnaire's page, and its three one-click answers.
    pub survey: Option<SurveyLinks>,
}

pub struct SurveyLinks {
    pub page: String,
    pub resolved: String,
    pub partly: String,
    pub not_resolved: String,
}

type Args = Vec<(&'static str, FluentValue<'static>)>;

fn rejection(lang: Lang, facts: &Facts) -> String {
    let reason = facts
        .rejection_reason
        .as_deref()
        .and_then(RejectionReason::parse)
        .map(|r| lang.t(r.key()))
        .unwrap_or_default();
    match &facts.duplicate_of {
        Some(number) => format!("{reason}: {number}"),
        None => reason,
    }
}

fn resident_args(lang: Lang, facts: &Facts, links: &Links, settings: &Settings) -> Args {
    let received = facts
        .received_at
        .with_timezone(&settings.time_zone)
        .format("%d.%m.%Y %H:%M")
        .to_string();
    let text =
        |s: &Option<String>| -> FluentValue<'static> { s.clone().unwrap_or_default().into() };
    let mut args: Args = vec![
        ("number", facts.tracking_number.clone().into()),
        ("received", received.into()),
        ("due", facts.due_on.format("%d.%m.%Y").to_string().into()),
        ("link", links.track.clone().into()),
        ("quiet", links.quiet.clone().into()),
        ("addressee", lang.t("track-addressed-police").into()),
        ("reason", text(&facts.extension_reason)),
        ("body", text(&facts.forwarded_to)),
        ("answer", text(&facts.public_answer)),
    ];
    if let Some(s) = &links.survey {
        args.extend([
            ("survey", s.page.clone().into()),
            ("resolved", s.resolved.clone().into()),
            ("partly", s.partly.clone().into()),
            ("not_resolved", s.not_resolved.clone().into()),
        ]);
    }
    args
}

/// A message to a resident about their appeal.
pub fn render(event: Event, facts: &Facts, links: &Links, settings: &Settings) -> Rendered {
    let lang = Lang::parse(&facts.lang).unwrap_or_default();
    let mut args = resident_args(lang, facts, links, settings);
    if event == Event::Rejected {
        args.retain(|(k, _)| *k != "reason");
        args.push(("reason", rejection(lang, facts).into()));
    }
    let key = event.code();
    let mut paragraphs = vec![lang.t_args(&format!("mail-{key}-body"), &args)];
    if event != Event::Survey {
        paragraphs.push(lang.t_args("mail-link", &args));
    }
    if event == Event::Received {
        paragraphs.push(lang.t("mail-urgent"));
    }
    if !facts.quiet {
        paragraphs.push(lang.t_args("mail-quiet", &args));
    }
    paragraphs.push(lang.t("mail-signature"));
    let mut sms = lang.t_args(&format!("sms-{key}"), &args);
    if sms_parts(&sms) > 2 {
        // A long name of the body forwarded to: the link says the rest.
        sms = lang.t_args("sms-update", &args);
    }
    let text = paragraphs.join("\n\n");
    Rendered {
        calendar: None,
        subject: lang.t_args(&format!("mail-{key}-subject"), &args),
        html: html(lang, &text),
        text,
        sms,
    }
}

/// A staff member's daily digest.
/// The links of a message about a booking: its page (which also cancels it) and its `.ics`.
pub struct BookingLinks {
    pub page: String,
    pub cancel: String,
    pub ics: String,
}

/// A message to a resident about their booking: confirmed, reminded the day before, or
/// cancelled by the police with the reason.
pub fn render_booking(
    event: &str,
    facts: &BookingFacts,
    links: &BookingLinks,
    settings: &Settings,
) -> Option<Rendered> {
    let b = &facts.view;
    let lang = Lang::parse(&b.lang).unwrap_or_default();
    let tz = settings.time_zone;
    let code = lang.code();
    let place = [
        b.point_name.as_ref().map(|p| p.get(code).to_string()),
        b.point_address.as_ref().map(|p| p.get(code).to_string()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    let args: Args = vec![
        ("reference", b.reference.clone().into()),
        (
            "when",
            b.starts_at
                .with_timezone(&tz)
                .format("%d.%m.%Y %H:%M")
                .to_string()
                .into(),
        ),
        ("inspector", b.inspector.get(code).to_string().into()),
        ("place", place.into()),
        ("reason", b.cancel_reason.clone().into()),
        ("link", links.page.clone().into()),
        ("cancel", links.cancel.clone().into()),
        ("ics", links.ics.clone().into()),
    ];
    let (subject, body, sms) = match event {
        "booking_confirmed" => (
            "booking-mail-confirmed-subject",
            "booking-mail-confirmed",
            "booking-sms-confirmed",
        ),
        "booking_reminder" => (
            "booking-mail-reminder-subject",
            "booking-mail-reminder",
            "booking-sms-reminder",
        ),
        "booking_cancelled" => (
            "booking-mail-cancelled-subject",
            "booking-mail-cancelled",
            "booking-sms-cancelled",
        ),
        _ => return None,
    };
    let text = [lang.t_args(body, &args), lang.t("mail-signature")].join("\n\n");
    // The confirmation and the reminder carry the time as a calendar file.
    let calendar = (event != "booking_cancelled").then(|| {
        (
            booking_ics_name(b),
            booking_ics(b, lang, settings.time_zone),
        )
    });
    Some(Rendered {
        calendar,
        subject: lang.t_args(subject, &args),
        html: html(lang, &text),
        text,
        // Short by design: the time, the place's name and the page's link.
        sms: lang.t_args(sms, &args),
    })
}

pub fn render_digest(facts: &DigestFacts, day: &str, site: &str) -> Rendered {
    let lang = Lang::parse(&facts.lang).unwrap_or_default();
    let args: Args = vec![
        ("day", day.to_string().into()),
        ("name", facts.name.clone().into()),
        ("new", facts.new.into()),
        ("soon", facts.due_soon.into()),
        ("overdue", facts.overdue.into()),
        ("mine_soon", facts.mine_due_soon.into()),
        ("mine_overdue", facts.mine_overdue.into()),
        ("link", format!("{site}/staff/queue").into()),
        ("dashboard", format!("{site}/staff").into()),
    ];
    let text = [
        lang.t_args("digest-body", &args),
        lang.t_args("digest-stop", &args),
        lang.t("mail-signature"),
    ]
    .join("\n\n");
    Rendered {
        calendar: None,
        subject: lang.t_args("digest-subject", &args),
        html: html(lang, &text),
        text,
        sms: String::new(),
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The HTML part: the same text, paragraphs as paragraphs, links as links. Every piece is
/// escaped, the resident's and the answer's words too.
pub fn html(lang: Lang, text: &str) -> String {
    let paragraphs: String = text
        .split("\n\n")
        .map(|p| {
            let lines: Vec<String> = p
                .lines()
                .map(|line| {
                    line.split(' ')
                        .map(|word| {
                            if word.starts_with("http://") || word.starts_with("https://") {
                                let url = escape(word);
                                format!("<a href=\"{url}\">{url}</a>")
                            } else {
                                escape(word)
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
            format!("<p>{}</p>\n", lines.join("<br>\n"))
        })
        .collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"></head>\
         <body style=\"font-family: sans-serif; font-size: 16px; line-height: 1.5\">\n{paragraphs}</body></html>\n",
        lang.code()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_text_and_links_urls() {
        let out = html(
            Lang::En,
            "An <b>answer</b> & more\nline two\n\nSee https://x.kz/track/A?key=1&b=2",
        );
        assert!(out.contains("<p>An &lt;b&gt;answer&lt;/b&gt; &amp; more<br>\nline two</p>"));
        assert!(out.contains(
            "<a href=\"https://x.kz/track/A?key=1&amp;b=2\">https://x.kz/track/A?key=1&amp;b=2</a>"
        ));
        assert!(out.contains("lang=\"en\""));
    }
}
