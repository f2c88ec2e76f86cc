//! What residents are told about their appeal, and what they answer back: the events that
//! send a message, which of them the law requires, the statutory three working days to tell
//! of an extension or a forwarding, and the questionnaire's answers.

use chrono::NaiveDate;

use crate::domain::deadline::WorkingCalendar;
use crate::domain::moderation::Action;

/// A step of an appeal that the resident is told of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    Received,
    Taken,
    Extended,
    Forwarded,
    Answered,
    Rejected,
    Closed,
    Reopened,
    Published,
    /// "Was it resolved?", after an answer.
    Survey,
}

impl Event {
    pub const ALL: [Event; 10] = [
        Event::Received,
        Event::Taken,
        Event::Extended,
        Event::Forwarded,
        Event::Answered,
        Event::Rejected,
        Event::Closed,
        Event::Reopened,
        Event::Published,
        Event::Survey,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Event::Received => "received",
            Event::Taken => "taken",
            Event::Extended => "extended",
            Event::Forwarded => "forwarded",
            Event::Answered => "answered",
            Event::Rejected => "rejected",
            Event::Closed => "closed",
            Event::Reopened => "reopened",
            Event::Published => "published",
            Event::Survey => "survey",
        }
    }

    pub fn parse(code: &str) -> Option<Event> {
        Event::ALL.into_iter().find(|e| e.code() == code)
    }

    /// The message a staff action sends; correcting or unpublishing a thanks sends none.
    pub fn of_action(action: Action) -> Option<Event> {
        Some(match action {
            Action::Take => Event::Taken,
            Action::Publish => Event::Published,
            Action::Answer => Event::Answered,
            Action::Forward => Event::Forwarded,
            Action::Reject => Event::Rejected,
            Action::Extend => Event::Extended,
            Action::Close => Event::Closed,
            Action::Reopen => Event::Reopened,
            Action::Unpublish | Action::Correct => return None,
        })
    }

    /// Required by the Administrative Procedural Code: the receipt, an extension, a
    /// forwarding, the decision. The resident cannot stop these.
    pub fn statutory(self) -> bool {
        matches!(
            self,
            Event::Received
                | Event::Extended
                | Event::Forwarded
                | Event::Answered
                | Event::Rejected
        )
    }

    /// The resident must be told of these within [`NOTICE_LIMIT_WORKING_DAYS`].
    pub fn has_notice_limit(self) -> bool {
        matches!(self, Event::Extended | Event::Forwarded)
    }
}

/// The Code's limit for telling the applicant of an extension or a forwarding.
pub const NOTICE_LIMIT_WORKING_DAYS: u32 = 3;
/// A notice still unsent this many working days after the action is urgent.
pub const NOTICE_URGENT_WORKING_DAYS: u32 = 2;

/// Where an unsent statutory notice stands against the Code's limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NoticeClock {
    /// The last day the notice may go out.
    pub limit: NaiveDate,
    /// Unsent two working days after the action (or later).
    pub urgent: bool,
    pub overdue: bool,
}

/// The clock of a notice for an action taken on `acted_on`, seen on `today`. Working days
/// are counted from the day after the action, as the Code counts terms.
pub fn notice_clock(cal: &WorkingCalendar, acted_on: NaiveDate, today: NaiveDate) -> NoticeClock {
    let limit = cal.add_working_days(acted_on, NOTICE_LIMIT_WORKING_DAYS);
    let urgent_from = cal.add_working_days(acted_on, NOTICE_URGENT_WORKING_DAYS);
    NoticeClock {
        limit,
        urgent: today >= urgent_from,
        overdue: today > limit,
    }
}

/// The questionnaire's answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Satisfaction {
    Resolved,
    Partly,
    NotResolved,
}

impl Satisfaction {
    pub const ALL: [Satisfaction; 3] = [
        Satisfaction::Resolved,
        Satisfaction::Partly,
        Satisfaction::NotResolved,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Satisfaction::Resolved => "resolved",
            Satisfaction::Partly => "partly",
            Satisfaction::NotResolved => "not_resolved",
        }
    }

    pub fn parse(code: &str) -> Option<Satisfaction> {
        Satisfaction::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The Fluent key of the answer as residents and staff read it.
    pub fn key(self) -> &'static str {
        match self {
            Satisfaction::Resolved => "survey-resolved",
            Satisfaction::Partly => "survey-partly",
            Satisfaction::NotResolved => "survey-not-resolved",
        }
    }

    /// "Not resolved" puts the appeal back into the queue.
    pub fn reopens(self) -> bool {
        self == Satisfaction::NotResolved
    }
}

/// The longest comment a resident may add to the questionnaire.
pub const SURVEY_COMMENT_MAX: usize = 2000;

/// An SMS part: 160 GSM-7 characters, or 70 when anything needs UCS-2 (Cyrillic does);
/// a message of two parts has 153 or 67 per part (the rest carries the joining header).
pub fn sms_parts(text: &str) -> usize {
    let n = text.chars().count();
    let (single, part) = if text.chars().all(is_gsm7) {
        (160, 153)
    } else {
        (70, 67)
    };
    if n <= single { 1 } else { n.div_ceil(part) }
}

fn is_gsm7(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || " \n\r@$_!\"#%&'()*+,-./:;<=>?£¥èéùìòÇØøÅåΔΦΓΛΩΠΨΣΘΞÆæßÉÄÖÑÜ§¿äöñüà".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, day).unwrap_or_default()
    }

    #[test]
    fn codes_round_trip() {
        for e in Event::ALL {
            assert_eq!(Event::parse(e.code()), Some(e));
        }
        for s in Satisfaction::ALL {
            assert_eq!(Satisfaction::parse(s.code()), Some(s));
        }
        assert_eq!(Event::parse("deleted"), None);
    }

    #[test]
    fn only_non_statutory_messages_can_be_stopped() {
        let stoppable: Vec<_> = Event::ALL.into_iter().filter(|e| !e.statutory()).collect();
        assert_eq!(
            stoppable,
            [
                Event::Taken,
                Event::Closed,
                Event::Reopened,
                Event::Published,
                Event::Survey
            ]
        );
    }

    #[test]
    fn the_notice_clock_counts_working_days_with_holidays() {
        // Wednesday 2 December 2026; 16 December (Wednesday) is Independence Day.
        let cal = WorkingCalendar::new([(d(16), false)]);
        let on_time = notice_clock(&cal, d(2), d(3));
        assert_eq!(on_time.limit, d(7), "Thu, Fri, Mon");
        assert!(!on_time.urgent && !on_time.overdue);
        let urgent = notice_clock(&cal, d(2), d(4));
        assert!(urgent.urgent && !urgent.overdue);
        assert!(notice_clock(&cal, d(2), d(8)).overdue);
        // Across the holiday: from Tuesday the 15th the 16th does not count (Thu 17, Fri 18,
        // Mon 21).
        assert_eq!(notice_clock(&cal, d(15), d(15)).limit, d(21));
    }

    #[test]
    fn sms_parts_by_alphabet() {
        assert_eq!(sms_parts(&"a".repeat(160)), 1);
        assert_eq!(sms_parts(&"a".repeat(161)), 2);
        assert_eq!(sms_parts(&"ы".repeat(70)), 1);
        assert_eq!(sms_parts(&"ы".repeat(71)), 2);
        assert_eq!(sms_parts(&"ы".repeat(135)), 3);
    }
}
