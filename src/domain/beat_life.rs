//! What staff publish about a beat's life: local priorities (an issue residents raised, what
//! is being done, from when) and meetings or report-backs with residents; and the beat's
//! calendar as iCalendar (RFC 5545).

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

use super::field::FieldError;
use super::lang::Localized;
use super::submission::clean_text;

const TEXT_MAX: usize = 500;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MeetingKind {
    Meeting,
    /// The inspector reports to residents (at least once a year).
    Report,
}

impl MeetingKind {
    pub fn code(self) -> &'static str {
        match self {
            MeetingKind::Meeting => "meeting",
            MeetingKind::Report => "report",
        }
    }

    pub fn parse(code: &str) -> Option<MeetingKind> {
        match code {
            "meeting" => Some(MeetingKind::Meeting),
            "report" => Some(MeetingKind::Report),
            _ => None,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            MeetingKind::Meeting => "beat-meeting-kind-meeting",
            MeetingKind::Report => "beat-meeting-kind-report",
        }
    }
}

/// Three texts as typed, one per language; at least one must be given.
#[derive(Clone, Copy, Debug, Default)]
pub struct ThreeDraft<'a> {
    pub kk: &'a str,
    pub ru: &'a str,
    pub en: &'a str,
}

fn three(
    d: ThreeDraft,
    field: &'static str,
    required: bool,
    errors: &mut Vec<FieldError>,
) -> Localized {
    let l = Localized {
        kk: clean_text(d.kk, false),
        ru: clean_text(d.ru, false),
        en: clean_text(d.en, false),
    };
    if required && l.kk.is_empty() && l.ru.is_empty() && l.en.is_empty() {
        errors.push(FieldError::new(field, "beat-error-text"));
    } else if [&l.kk, &l.ru, &l.en]
        .iter()
        .any(|t| t.chars().count() > TEXT_MAX)
    {
        errors.push(FieldError::new(field, "form-error-too-long"));
    }
    l
}

fn date(text: &str, field: &'static str, errors: &mut Vec<FieldError>) -> Option<NaiveDate> {
    match text.trim() {
        "" => None,
        t => NaiveDate::parse_from_str(t, "%Y-%m-%d").ok().or_else(|| {
            errors.push(FieldError::new(field, "form-error-date"));
            None
        }),
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct NewPriority {
    pub issue: Localized,
    pub action: Localized,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
}

impl NewPriority {
    pub fn parse(
        issue: ThreeDraft,
        action: ThreeDraft,
        starts_on: &str,
        ends_on: &str,
    ) -> Result<NewPriority, Vec<FieldError>> {
        let mut errors = Vec::new();
        let issue = three(issue, "issue_ru", true, &mut errors);
        let action = three(action, "action_ru", true, &mut errors);
        let starts = date(starts_on, "starts_on", &mut errors);
        if starts.is_none() && !errors.iter().any(|e| e.field == "starts_on") {
            errors.push(FieldError::new("starts_on", "form-error-date"));
        }
        let ends_on = date(ends_on, "ends_on", &mut errors);
        if let (Some(s), Some(e)) = (starts, ends_on)
            && e < s
        {
            errors.push(FieldError::new("ends_on", "beat-error-ends-before"));
        }
        match starts {
            Some(starts_on) if errors.is_empty() => Ok(NewPriority {
                issue,
                action,
                starts_on,
                ends_on,
            }),
            _ => Err(errors),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct NewMeeting {
    pub kind: MeetingKind,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub place: Localized,
    pub topic: Localized,
}

/// A meeting form as typed: the date and times are the city's.
#[derive(Clone, Copy, Debug, Default)]
pub struct MeetingDraft<'a> {
    pub kind: &'a str,
    pub date: &'a str,
    pub starts: &'a str,
    pub ends: &'a str,
    pub place: ThreeDraft<'a>,
    pub topic: ThreeDraft<'a>,
}

impl NewMeeting {
    pub fn parse(d: &MeetingDraft, tz: chrono_tz::Tz) -> Result<NewMeeting, Vec<FieldError>> {
        let mut errors = Vec::new();
        let kind = MeetingKind::parse(d.kind.trim());
        if kind.is_none() {
            errors.push(FieldError::new("kind", "admin-error-choose"));
        }
        let day = date(d.date, "date", &mut errors);
        if day.is_none() && !errors.iter().any(|e| e.field == "date") {
            errors.push(FieldError::new("date", "form-error-date"));
        }
        let time = |t: &str, field: &'static str, errors: &mut Vec<FieldError>| {
            let parsed = chrono::NaiveTime::parse_from_str(t.trim(), "%H:%M").ok();
            if parsed.is_none() {
                errors.push(FieldError::new(field, "form-error-time"));
            }
            parsed
        };
        let starts = time(d.starts, "starts", &mut errors);
        let ends = time(d.ends, "ends", &mut errors);
        let place = three(d.place, "place_ru", true, &mut errors);
        let topic = three(d.topic, "topic_ru", true, &mut errors);
        let local = |day: NaiveDate, t: chrono::NaiveTime| {
            NaiveDateTime::new(day, t)
                .and_local_timezone(tz)
                .earliest()
                .map(|x| x.with_timezone(&Utc))
        };
        let (starts_at, ends_at) = match (day, starts, ends) {
            (Some(day), Some(s), Some(e)) => (local(day, s), local(day, e)),
            _ => (None, None),
        };
        if let (Some(s), Some(e)) = (starts_at, ends_at)
            && e <= s
        {
            errors.push(FieldError::new("ends", "beat-error-ends-before"));
        }
        match (kind, starts_at, ends_at) {
            (Some(kind), Some(starts_at), Some(ends_at)) if errors.is_empty() => Ok(NewMeeting {
                kind,
                starts_at,
                ends_at,
                place,
                topic,
            }),
            _ => Err(errors),
        }
    }
}

/// One event of a calendar feed.
#[derive(Clone, Debug)]
pub struct CalendarEvent {
    /// Unique and stable: the same event keeps it in every download.
    pub uid: String,
    pub stamp: DateTime<Utc>,
    pub starts: NaiveDateTime,
    pub ends: NaiveDateTime,
    pub summary: String,
    pub location: String,
    pub description: String,
}

/// RFC 5545 text: `\`, `;`, `,` escaped, new lines as `\n`.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line folded at 75 octets (never inside a character), ending in CRLF.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// A calendar of events in the city's time zone (`tz_name`, e.g. Asia/Atyrau, with its fixed
/// offset `offset`, e.g. +0500: Kazakhstan has no daylight saving time).
pub fn ical(name: &str, tz_name: &str, offset: &str, events: &[CalendarEvent]) -> String {
    let mut out = String::new();
    let fmt = |t: NaiveDateTime| t.format("%Y%m%dT%H%M%S").to_string();
    for l in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Atyrau police portal//beats//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        line(&mut out, l);
    }
    line(&mut out, &format!("X-WR-CALNAME:{}", escape(name)));
    line(&mut out, &format!("X-WR-TIMEZONE:{tz_name}"));
    for l in [
        "BEGIN:VTIMEZONE".to_string(),
        format!("TZID:{tz_name}"),
        "BEGIN:STANDARD".into(),
        "DTSTART:19700101T000000".into(),
        format!("TZOFFSETFROM:{offset}"),
        format!("TZOFFSETTO:{offset}"),
        "END:STANDARD".into(),
        "END:VTIMEZONE".into(),
    ] {
        line(&mut out, &l);
    }
    for e in events {
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}", escape(&e.uid)));
        line(
            &mut out,
            &format!("DTSTAMP:{}", e.stamp.format("%Y%m%dT%H%M%SZ")),
        );
        line(
            &mut out,
            &format!("DTSTART;TZID={tz_name}:{}", fmt(e.starts)),
        );
        line(&mut out, &format!("DTEND;TZID={tz_name}:{}", fmt(e.ends)));
        line(&mut out, &format!("SUMMARY:{}", escape(&e.summary)));
        line(&mut out, &format!("LOCATION:{}", escape(&e.location)));
        if !e.description.is_empty() {
            line(&mut out, &format!("DESCRIPTION:{}", escape(&e.description)));
        }
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_priority_needs_an_issue_an_action_and_a_start() {
        let issue = ThreeDraft {
            ru: "Ночной шум у Центрального рынка",
            ..ThreeDraft::default()
        };
        let action = ThreeDraft {
            en: "Evening patrols",
            ..ThreeDraft::default()
        };
        let p = NewPriority::parse(issue, action, "2026-12-01", "");
        assert!(p.is_ok());
        let fields: Vec<&str> = NewPriority::parse(ThreeDraft::default(), action, "1 Dec", "")
            .err()
            .unwrap_or_default()
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["issue_ru", "starts_on"]);
        let before = NewPriority::parse(issue, action, "2026-12-01", "2026-11-01");
        let first = before.err().unwrap_or_default().first().map(|e| e.field);
        assert_eq!(first, Some("ends_on"));
    }

    #[test]
    fn a_meeting_is_in_the_citys_time() {
        let d = MeetingDraft {
            kind: "report",
            date: "2026-12-10",
            starts: "18:30",
            ends: "19:30",
            place: ThreeDraft {
                ru: "Школа № 5, актовый зал",
                ..ThreeDraft::default()
            },
            topic: ThreeDraft {
                kk: "Жылдық есеп",
                ..ThreeDraft::default()
            },
        };
        let m = NewMeeting::parse(&d, chrono_tz::Asia::Atyrau);
        let m = m.ok();
        assert_eq!(
            m.as_ref().map(|m| m.starts_at.to_rfc3339()),
            Some("2026-12-10T13:30:00+00:00".to_string())
        );
        let wrong = MeetingDraft { ends: "18:00", ..d };
        assert!(NewMeeting::parse(&wrong, chrono_tz::Asia::Atyrau).is_err());
    }

    #[test]
    fn the_calendar_escapes_folds_and_ends_lines_with_crlf() {
        let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap_or_default();
        let e = CalendarEvent {
            uid: "meeting-1@police-portal".into(),
            stamp: DateTime::parse_from_rfc3339("2026-12-01T10:00:00Z")
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or_default(),
            starts: at("2026-12-10 18:30"),
            ends: at("2026-12-10 19:30"),
            summary: "Отчёт участкового инспектора перед жителями; вопросы, предложения и ответы"
                .into(),
            location: "School 5, hall".into(),
            description: String::new(),
        };
        let text = ical("Beat 1", "Asia/Atyrau", "+0500", &[e]);
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(text.contains("DTSTART;TZID=Asia/Atyrau:20261210T183000\r\n"));
        assert!(text.contains("LOCATION:School 5\\, hall\r\n"));
        assert!(text.lines().all(|l| l.len() <= 75), "{text}");
        assert!(text.contains("\\;"));
        let unfolded = text.replace("\r\n ", "");
        assert!(unfolded.contains("перед жителями\\; вопросы"));
    }
}
