//! Working days and the statutory deadline of an appeal (Administrative Procedural Code of the
//! Republic of Kazakhstan): registered the day it arrives, or the next working day when it
//! arrives after working hours or on a day off; answered within 15 working days.

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

/// Working days to answer an appeal.
pub const ANSWER_WORKING_DAYS: u32 = 15;
/// The end of the working day: later arrivals are registered the next working day.
pub fn closing_time() -> NaiveTime {
    NaiveTime::from_hms_opt(18, 0, 0).unwrap_or(NaiveTime::MIN)
}

/// Working days within which an appeal for another body is forwarded to it.
pub const FORWARD_WORKING_DAYS: u32 = 3;

/// Monday to Friday, except the dates the calendar says otherwise.
#[derive(Clone, Debug, Default)]
pub struct WorkingCalendar {
    exceptions: HashMap<NaiveDate, bool>,
}

impl WorkingCalendar {
    pub fn new(exceptions: impl IntoIterator<Item = (NaiveDate, bool)>) -> Self {
        Self {
            exceptions: exceptions.into_iter().collect(),
        }
    }

    pub fn is_working(&self, day: NaiveDate) -> bool {
        self.exceptions
            .get(&day)
            .copied()
            .unwrap_or(!matches!(day.weekday(), Weekday::Sat | Weekday::Sun))
    }

    /// A day off the calendar adds (a public holiday, a moved day off), not a weekend.
    pub fn is_holiday(&self, day: NaiveDate) -> bool {
        self.exceptions.get(&day) == Some(&false)
    }

    pub fn next_working_day(&self, after: NaiveDate) -> NaiveDate {
        let mut day = after + Duration::days(1);
        // A year without a working day is not a calendar; stop rather than loop.
        for _ in 0..366 {
            if self.is_working(day) {
                return day;
            }
            day += Duration::days(1);
        }
        day
    }

    /// The registration date of something that arrived at the local time `at`.
    pub fn registration_date(&self, at: NaiveDateTime) -> NaiveDate {
        let day = at.date();
        if self.is_working(day) && at.time() < closing_time() {
            day
        } else {
            self.next_working_day(day)
        }
    }

    /// `days` working days after `from`.
    pub fn add_working_days(&self, from: NaiveDate, days: u32) -> NaiveDate {
        let mut day = from;
        for _ in 0..days {
            day = self.next_working_day(day);
        }
        day
    }

    /// The due date of an appeal registered on `registered`.
    pub fn due_date(&self, registered: NaiveDate) -> NaiveDate {
        self.add_working_days(registered, ANSWER_WORKING_DAYS)
    }

    /// The last day an appeal registered on `registered` may be forwarded to the body it
    /// belongs to: 3 working days (the Administrative Procedural Code).
    pub fn forwarding_limit(&self, registered: NaiveDate) -> NaiveDate {
        self.add_working_days(registered, FORWARD_WORKING_DAYS)
    }

    /// Working days from `today` (exclusive) to `due` (inclusive); 0 when due or overdue.
    pub fn working_days_left(&self, today: NaiveDate, due: NaiveDate) -> i64 {
        let mut count = 0;
        let mut day = today;
        while day < due {
            day += Duration::days(1);
            if self.is_working(day) {
                count += 1;
            }
        }
        count
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn kazakhstan() -> WorkingCalendar {
        WorkingCalendar::new(
            ["2026-12-16", "2027-01-01", "2027-01-04", "2027-01-07"]
                .into_iter()
                .map(|s| (d(s), false))
                .chain([(d("2026-12-19"), true)]),
        )
    }

    #[test]
    fn registration_follows_working_hours_weekends_and_holidays() {
        let cal = kazakhstan();
        let cases = [
            ("2026-11-24 10:00", "2026-11-24", "a Tuesday morning"),
            ("2026-11-24 17:59", "2026-11-24", "just before closing"),
            ("2026-11-24 18:00", "2026-11-25", "at closing"),
            ("2026-11-27 20:00", "2026-11-30", "Friday evening"),
            ("2026-11-28 12:00", "2026-11-30", "Saturday"),
            ("2026-11-29 23:59", "2026-11-30", "Sunday night"),
            ("2026-12-16 09:00", "2026-12-17", "Independence Day"),
            (
                "2026-12-15 19:00",
                "2026-12-17",
                "the evening before a holiday",
            ),
            ("2026-12-19 09:00", "2026-12-19", "a Saturday made working"),
            ("2026-12-31 18:30", "2027-01-05", "New Year's Eve"),
        ];
        for (arrived, registered, what) in cases {
            assert_eq!(cal.registration_date(at(arrived)), d(registered), "{what}");
        }
    }

    #[test]
    fn the_answer_is_due_fifteen_working_days_after_registration() {
        let cal = kazakhstan();
        // 24 Nov + 15 working days: 25-27 Nov (3), 30 Nov-4 Dec (8), 7-11 Dec (13), 14-15 Dec (15).
        assert_eq!(cal.due_date(d("2026-11-24")), d("2026-12-15"));
        // Across Independence Day (16 Dec, off) and the working Saturday 19 Dec.
        // 4 Dec + 15: 7-11 (5), 14,15,17,18 (9), 19 Sat (10), 21-25 (15).
        assert_eq!(cal.due_date(d("2026-12-04")), d("2026-12-25"));
        // Across New Year: 1, 4 and 7 January are off.
        // 21 Dec + 15: 22-25 (4), 28-31 (8), 5,6,8 (11), 11-14 (15).
        assert_eq!(cal.due_date(d("2026-12-21")), d("2027-01-14"));
    }

    #[test]
    fn working_days_left_counts_only_working_days() {
        let cal = kazakhstan();
        assert_eq!(cal.working_days_left(d("2026-11-27"), d("2026-11-30")), 1);
        assert_eq!(cal.working_days_left(d("2026-11-30"), d("2026-11-30")), 0);
        assert_eq!(cal.working_days_left(d("2026-12-01"), d("2026-11-30")), 0);
        assert_eq!(cal.working_days_left(d("2026-12-15"), d("2026-12-18")), 2);
    }
}
