//! Booking a reception slot with the beat's inspector: the slots (from the reception hours,
//! cut in the inspector's slot length, for the next 14 days, closing 2 hours before, never on
//! a public holiday or when the reception point is closed by an exception; from a
//! substitute's hours while the substitute covers the beat), and what a resident must give.

use std::collections::HashSet;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};

use super::beat::substitute_active;
use super::deadline::WorkingCalendar;
use super::field::FieldError;
use super::hours::OpeningHours;
use super::submission::{Email, Phone, clean_text};

/// How far ahead slots are offered, today included.
pub const DAYS_AHEAD: i64 = 14;
/// Bookings close this long before the slot.
pub const CLOSES_BEFORE_MINUTES: i64 = 120;
/// Open bookings one client may hold at a time.
pub const OPEN_PER_CLIENT: i64 = 2;
pub const DEFAULT_SLOT_MINUTES: i32 = 15;
const TOPIC_MAX: usize = 500;
const NAME_MAX: usize = 120;

/// One inspector's reception: their id, hours and slot length.
#[derive(Clone, Debug)]
pub struct Reception<'a> {
    pub inspector_id: i64,
    pub hours: &'a OpeningHours,
    pub slot_minutes: i32,
}

/// Who receives on a beat: the inspector, and a substitute for the dates they cover.
#[derive(Clone, Debug)]
pub struct Coverage<'a> {
    pub regular: Option<Reception<'a>>,
    pub substitute: Option<(Reception<'a>, Option<NaiveDate>, Option<NaiveDate>)>,
}

impl<'a> Coverage<'a> {
    /// Who receives on `day`.
    pub fn on(&self, day: NaiveDate) -> Option<&Reception<'a>> {
        match &self.substitute {
            Some((s, from, until)) if substitute_active(day, *from, *until) => Some(s),
            _ => self.regular.as_ref(),
        }
    }
}

/// A time that can be booked (local times in the city).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Slot {
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub inspector_id: i64,
}

/// The free slots from `now` on: `point` is the reception point's own hours (its exceptions
/// close it), `taken` the (inspector, start) pairs already booked.
pub fn free_slots(
    coverage: &Coverage,
    point: Option<&OpeningHours>,
    calendar: &WorkingCalendar,
    now: NaiveDateTime,
    taken: &HashSet<(i64, NaiveDateTime)>,
) -> Vec<Slot> {
    let today = now.date();
    let earliest = now + Duration::minutes(CLOSES_BEFORE_MINUTES);
    let mut slots = Vec::new();
    for offset in 0..DAYS_AHEAD {
        let day = today + Duration::days(offset);
        if calendar.is_holiday(day) {
            continue;
        }
        let Some(who) = coverage.on(day) else {
            continue;
        };
        let length = Duration::minutes(i64::from(who.slot_minutes.max(5)));
        for (open, close) in who.hours.openings(day, 1) {
            let mut start = open;
            while start + length <= close {
                let end = start + length;
                let point_open = point.is_none_or(|p| {
                    p.state_at(start).is_open() && p.state_at(end - Duration::minutes(1)).is_open()
                });
                if start >= earliest && point_open && !taken.contains(&(who.inspector_id, start)) {
                    slots.push(Slot {
                        start,
                        end,
                        inspector_id: who.inspector_id,
                    });
                }
                start = end;
            }
        }
    }
    slots
}

/// A local day's bounds as UTC instants.
pub fn day_bounds(day: NaiveDate, tz: chrono_tz::Tz) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let start = |d: NaiveDate| {
        d.and_hms_opt(0, 0, 0)?
            .and_local_timezone(tz)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
    };
    Some((start(day)?, start(day.succ_opt()?)?))
}

/// A new booking reference such as Q-7K4M2X (Crockford's alphabet: no I, L, O, U).
pub fn new_reference() -> String {
    use rand::RngExt;
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut rng = rand::rng();
    let tail: String = (0..6)
        .filter_map(|_| ALPHABET.get(rng.random_range(0..ALPHABET.len())))
        .map(|b| char::from(*b))
        .collect();
    format!("Q-{tail}")
}

/// What a resident gives to book: checked like the appeal form's contact fields.
#[derive(Clone, Debug, PartialEq)]
pub struct Visitor {
    pub name: String,
    pub phone: Phone,
    pub email: Option<Email>,
    pub topic: String,
}

/// The booking form as typed.
#[derive(Clone, Copy, Debug, Default)]
pub struct VisitorDraft<'a> {
    pub name: &'a str,
    pub phone: &'a str,
    pub email: &'a str,
    pub topic: &'a str,
    pub consent: bool,
}

impl Visitor {
    pub fn parse(d: &VisitorDraft) -> Result<Visitor, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = clean_text(d.name, false);
        if name.chars().count() < 2 || name.chars().count() > NAME_MAX {
            errors.push(FieldError::new("name", "form-error-name"));
        }
        let phone = Phone::parse(d.phone);
        if phone.is_none() {
            errors.push(FieldError::new("phone", "form-error-phone"));
        }
        let email = match d.email.trim() {
            "" => None,
            e => {
                let parsed = Email::parse(e);
                if parsed.is_none() {
                    errors.push(FieldError::new("email", "form-error-email"));
                }
                parsed
            }
        };
        let topic = clean_text(d.topic, true);
        if topic.chars().count() < 3 {
            errors.push(FieldError::new("topic", "booking-error-topic"));
        } else if topic.chars().count() > TOPIC_MAX {
            errors.push(FieldError::new("topic", "form-error-too-long"));
        }
        if !d.consent {
            errors.push(FieldError::new("consent", "form-error-consent"));
        }
        match phone {
            Some(phone) if errors.is_empty() => Ok(Visitor {
                name,
                phone,
                email,
                topic,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap_or_default()
    }

    fn hours(text: &str) -> OpeningHours {
        OpeningHours::parse(text).unwrap_or_else(|_| OpeningHours::always_open())
    }

    fn starts(slots: &[Slot]) -> Vec<String> {
        slots
            .iter()
            .map(|s| s.start.format("%a %d %H:%M").to_string())
            .collect()
    }

    #[test]
    fn slots_follow_the_weekly_hours_and_close_two_hours_before() {
        let h = hours("Tu 10:00-11:00");
        let coverage = Coverage {
            regular: Some(Reception {
                inspector_id: 1,
                hours: &h,
                slot_minutes: 20,
            }),
            substitute: None,
        };
        // Tuesday 1 December 2026, 08:30: the 10:00 slot is within 2 hours.
        let now = at("2026-12-01 08:30");
        let slots = free_slots(
            &coverage,
            None,
            &WorkingCalendar::new([]),
            now,
            &HashSet::new(),
        );
        assert_eq!(
            starts(&slots),
            [
                "Tue 01 10:40",
                "Tue 08 10:00",
                "Tue 08 10:20",
                "Tue 08 10:40",
            ]
        );
        assert!(
            slots
                .iter()
                .all(|s| s.end - s.start == Duration::minutes(20))
        );
        let taken = HashSet::from([(1, at("2026-12-08 10:20"))]);
        let slots = free_slots(&coverage, None, &WorkingCalendar::new([]), now, &taken);
        assert_eq!(
            starts(&slots),
            ["Tue 01 10:40", "Tue 08 10:00", "Tue 08 10:40"]
        );
    }

    #[test]
    fn past_midnight_holidays_exceptions_and_substitutes() {
        let night = hours("We 23:00-00:30");
        let coverage = Coverage {
            regular: Some(Reception {
                inspector_id: 1,
                hours: &night,
                slot_minutes: 30,
            }),
            substitute: None,
        };
        let now = at("2026-11-30 09:00");
        let none = HashSet::new();
        let calendar = WorkingCalendar::new([]);
        let slots = free_slots(&coverage, None, &calendar, now, &none);
        assert_eq!(
            starts(&slots),
            [
                "Wed 02 23:00",
                "Wed 02 23:30",
                "Thu 03 00:00",
                "Wed 09 23:00",
                "Wed 09 23:30",
                "Thu 10 00:00"
            ]
        );
        // Wednesday 9 December a holiday; the point closed on the 2nd by an exception.
        let holiday = WorkingCalendar::new([(at("2026-12-09 00:00").date(), false)]);
        let point = hours("24/7; 2026-12-02 off");
        let slots = free_slots(&coverage, Some(&point), &holiday, now, &none);
        assert_eq!(starts(&slots), ["Thu 03 00:00"]);

        // A substitute from Thursday 3 December with other hours.
        let weekdays = hours("Mo-Fr 09:00-10:00");
        let other = hours("Mo-Fr 15:00-15:30");
        let covered = Coverage {
            regular: Some(Reception {
                inspector_id: 1,
                hours: &weekdays,
                slot_minutes: 30,
            }),
            substitute: Some((
                Reception {
                    inspector_id: 2,
                    hours: &other,
                    slot_minutes: 30,
                },
                Some(at("2026-12-03 00:00").date()),
                Some(at("2026-12-04 00:00").date()),
            )),
        };
        let slots = free_slots(&covered, None, &calendar, now, &none);
        let first: Vec<(String, i64)> = slots
            .iter()
            .take(7)
            .map(|s| (s.start.format("%d %H:%M").to_string(), s.inspector_id))
            .collect();
        assert_eq!(
            first,
            [
                ("01 09:00".to_string(), 1),
                ("01 09:30".to_string(), 1),
                ("02 09:00".to_string(), 1),
                ("02 09:30".to_string(), 1),
                ("03 15:00".to_string(), 2),
                ("04 15:00".to_string(), 2),
                ("07 09:00".to_string(), 1),
            ]
        );
        assert_eq!(
            slots.last().map(|s| s.start.date()),
            Some(at("2026-12-11 00:00").date())
        );
    }

    #[test]
    fn a_visitor_gives_a_name_a_phone_and_a_topic() {
        let ok = VisitorDraft {
            name: "Aigerim",
            phone: "+7 701 234 56 78",
            email: "",
            topic: "A noisy neighbour",
            consent: true,
        };
        assert!(Visitor::parse(&ok).is_ok());
        let bad = VisitorDraft {
            name: "A",
            phone: "12",
            email: "not-an-email",
            topic: "",
            consent: false,
        };
        let fields: Vec<&str> = Visitor::parse(&bad)
            .err()
            .unwrap_or_default()
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["name", "phone", "email", "topic", "consent"]);
    }
}
