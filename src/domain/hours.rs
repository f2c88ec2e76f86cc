//! Opening hours: around the clock, or a weekly schedule with dated exceptions.
//!
//! The text form (used in imports) is a small subset of OpenStreetMap's `opening_hours`:
//! `24/7`, or `Mo-Fr 09:00-13:00,14:00-18:00; Sa 10:00-14:00`, with exceptions appended as
//! `2026-12-16 off` or `2026-12-31 10:00-15:00`. Intervals may pass midnight (`20:00-08:00`).

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

/// Minutes after midnight, 0..=1440.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Minute(u16);

impl Minute {
    fn parse(text: &str) -> Option<Minute> {
        let (h, m) = text.trim().split_once(':')?;
        if h.is_empty() || h.len() > 2 || m.len() != 2 {
            return None;
        }
        let h: u16 = h.parse().ok()?;
        let m: u16 = m.parse().ok()?;
        if m >= 60 || h > 24 || (h == 24 && m != 0) {
            return None;
        }
        Some(Minute(h * 60 + m))
    }

    pub fn as_time(self) -> NaiveTime {
        let m = u32::from(self.0 % 1440);
        NaiveTime::from_hms_opt(m / 60, m % 60, 0).unwrap_or(NaiveTime::MIN)
    }

    pub fn label(self) -> String {
        format!("{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

/// One opening: from `open` to `close`; a `close` not after `open` means the next day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interval {
    pub open: Minute,
    pub close: Minute,
}

impl Interval {
    fn overnight(self) -> bool {
        self.close <= self.open
    }

    pub fn label(self) -> String {
        format!("{}–{}", self.open.label(), self.close.label())
    }

    fn parse(text: &str) -> Option<Interval> {
        let (a, b) = text.trim().split_once('-')?;
        let open = Minute::parse(a)?;
        let close = Minute::parse(b)?;
        if open.0 == 1440 || open == close {
            return None;
        }
        Some(Interval { open, close })
    }
}

/// A day that differs from the weekly schedule: a holiday, a temporary closure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exception {
    pub date: NaiveDate,
    /// Empty when closed all day.
    pub intervals: Vec<Interval>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpeningHours {
    /// Open around the clock, except on exception days.
    pub always: bool,
    /// Monday first.
    pub week: [Vec<Interval>; 7],
    pub exceptions: Vec<Exception>,
}

/// What a resident is told about a place right now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenState {
    /// Open; `until` is when it closes, if within the coming week.
    Open { until: Option<NaiveDateTime> },
    /// Closed; `opens` is the next opening within the coming two weeks.
    Closed { opens: Option<NaiveDateTime> },
}

impl OpenState {
    pub fn is_open(self) -> bool {
        matches!(self, OpenState::Open { .. })
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error(
    "opening hours '{0}' are not understood; use 24/7 or e.g. Mo-Fr 09:00-18:00; Sa 10:00-14:00"
)]
pub struct HoursError(pub String);

const DAY_CODES: [&str; 7] = ["mo", "tu", "we", "th", "fr", "sa", "su"];

impl OpeningHours {
    pub fn always_open() -> Self {
        Self {
            always: true,
            week: Default::default(),
            exceptions: Vec::new(),
        }
    }

    /// Parses the text form described at the top of this module.
    pub fn parse(text: &str) -> Result<Self, HoursError> {
        let err = || HoursError(text.to_string());
        let mut hours = OpeningHours {
            always: false,
            week: Default::default(),
            exceptions: Vec::new(),
        };
        let mut any = false;
        for rule in text.split(';').map(str::trim).filter(|r| !r.is_empty()) {
            any = true;
            if rule == "24/7" {
                hours.always = true;
                continue;
            }
            let (selector, times) = rule.split_once(char::is_whitespace).ok_or_else(err)?;
            let times = times.trim();
            let intervals: Vec<Interval> = if times.eq_ignore_ascii_case("off") {
                Vec::new()
            } else {
                times
                    .split(',')
                    .map(Interval::parse)
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(err)?
            };
            if let Ok(date) = NaiveDate::parse_from_str(selector, "%Y-%m-%d") {
                hours.exceptions.retain(|e| e.date != date);
                hours.exceptions.push(Exception { date, intervals });
                continue;
            }
            for day in parse_days(selector).ok_or_else(err)? {
                if let Some(slot) = hours.week.get_mut(day) {
                    *slot = intervals.clone();
                }
            }
        }
        if !any {
            return Err(err());
        }
        hours.exceptions.sort_by_key(|e| e.date);
        Ok(hours)
    }

    /// The text form `parse` reads: consecutive days with the same hours as one range
    /// (`Mo-Fr 09:00-18:00`), then the exceptions by date.
    pub fn to_text(&self) -> String {
        let times = |intervals: &[Interval]| {
            if intervals.is_empty() {
                return "off".to_string();
            }
            let parts: Vec<String> = intervals
                .iter()
                .map(|i| format!("{}-{}", i.open.label(), i.close.label()))
                .collect();
            parts.join(",")
        };
        let mut rules = Vec::new();
        if self.always {
            rules.push("24/7".to_string());
        } else {
            let mut day = 0;
            while let Some(intervals) = self.week.get(day) {
                let same = self
                    .week
                    .iter()
                    .skip(day)
                    .take_while(|d| *d == intervals)
                    .count();
                let last = day + same - 1;
                if !intervals.is_empty() {
                    let days = match (DAY_CODES.get(day), DAY_CODES.get(last)) {
                        (Some(a), Some(_)) if day == last => title(a),
                        (Some(a), Some(b)) => format!("{}-{}", title(a), title(b)),
                        _ => String::new(),
                    };
                    rules.push(format!("{days} {}", times(intervals)));
                }
                day = last + 1;
            }
        }
        for e in &self.exceptions {
            rules.push(format!(
                "{} {}",
                e.date.format("%Y-%m-%d"),
                times(&e.intervals)
            ));
        }
        rules.join("; ")
    }

    /// The intervals that start on `date`.
    fn intervals_on(&self, date: NaiveDate) -> Vec<Interval> {
        if let Some(e) = self.exceptions.iter().find(|e| e.date == date) {
            return e.intervals.clone();
        }
        if self.always {
            return vec![Interval {
                open: Minute(0),
                close: Minute(1440),
            }];
        }
        let day = date.weekday().num_days_from_monday() as usize;
        self.week.get(day).cloned().unwrap_or_default()
    }

    /// The openings that start on the `days` days from `date`, as local times (an opening
    /// past midnight ends the next day).
    pub fn openings(&self, date: NaiveDate, days: i64) -> Vec<(NaiveDateTime, NaiveDateTime)> {
        let mut all = Vec::new();
        for offset in 0..days {
            let day = date + Duration::days(offset);
            for i in self.intervals_on(day) {
                let start = day.and_time(NaiveTime::MIN) + Duration::minutes(i64::from(i.open.0));
                let end_day = if i.overnight() {
                    day + Duration::days(1)
                } else {
                    day
                };
                let end =
                    end_day.and_time(NaiveTime::MIN) + Duration::minutes(i64::from(i.close.0));
                all.push((start, end));
            }
        }
        all.sort();
        all
    }

    /// Opening periods as absolute local times, for the days around `date`.
    fn periods_from(&self, date: NaiveDate, days: i64) -> Vec<(NaiveDateTime, NaiveDateTime)> {
        let mut periods = self.openings(date - Duration::days(1), days + 1);
        periods.sort();
        // Touching periods (a 24-hour day followed by another) are one opening.
        let mut merged: Vec<(NaiveDateTime, NaiveDateTime)> = Vec::new();
        for (start, end) in periods {
            match merged.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => merged.push((start, end)),
            }
        }
        merged
    }

    /// Open or closed at the local time `at`, with when that changes.
    pub fn state_at(&self, at: NaiveDateTime) -> OpenState {
        let periods = self.periods_from(at.date(), 15);
        if let Some(&(_, end)) = periods.iter().find(|(s, e)| *s <= at && at < *e) {
            let horizon = at.date() + Duration::days(14);
            let until = (end.date() < horizon).then_some(end);
            return OpenState::Open { until };
        }
        let opens = periods.iter().map(|(s, _)| *s).find(|s| *s > at);
        OpenState::Closed { opens }
    }

    /// The weekly schedule as (weekday, intervals), Monday first.
    pub fn week_days(&self) -> Vec<(Weekday, Vec<Interval>)> {
        let days = [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
            Weekday::Sat,
            Weekday::Sun,
        ];
        days.into_iter().zip(self.week.iter().cloned()).collect()
    }

    /// Exceptions from `from` on, for the post page.
    pub fn upcoming_exceptions(&self, from: NaiveDate) -> Vec<&Exception> {
        self.exceptions.iter().filter(|e| e.date >= from).collect()
    }
}

/// `Mo-Fr`, `Sa,Su`, `Mo-We,Fr` into weekday indexes.
/// "mo" as "Mo".
fn title(code: &str) -> String {
    let mut chars = code.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

fn parse_days(selector: &str) -> Option<Vec<usize>> {
    let mut days = Vec::new();
    for part in selector.split(',') {
        let part = part.trim().to_ascii_lowercase();
        let index = |code: &str| DAY_CODES.iter().position(|d| *d == code);
        match part.split_once('-') {
            Some((a, b)) => {
                let (a, b) = (index(a)?, index(b)?);
                if a > b {
                    return None;
                }
                days.extend(a..=b);
            }
            None => days.push(index(&part)?),
        }
    }
    Some(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    // 2026-11-23 is a Monday.
    #[test]
    fn the_text_form_reads_back_as_the_same_hours() {
        for text in [
            "24/7",
            "24/7; 2026-12-16 off",
            "Mo-Fr 09:00-13:00,14:00-18:00; Sa 10:00-14:00",
            "Tu 18:00-20:00; Th 18:00-20:00; Sa 10:00-13:00; 2027-01-01 off",
            "Mo-Su 20:00-08:00; 2026-12-31 10:00-15:00",
            "Mo 09:00-24:00",
        ] {
            let hours = OpeningHours::parse(text).unwrap();
            assert_eq!(hours.to_text(), text, "{text}");
            assert_eq!(OpeningHours::parse(&hours.to_text()), Ok(hours));
        }
    }

    #[test]
    fn a_weekly_schedule_with_a_lunch_break() {
        let hours = OpeningHours::parse("Mo-Fr 09:00-13:00,14:00-18:00; Sa 10:00-14:00").unwrap();
        let cases = [
            ("2026-11-23 08:59", false, Some("2026-11-23 09:00")),
            ("2026-11-23 09:00", true, Some("2026-11-23 13:00")),
            ("2026-11-23 13:30", false, Some("2026-11-23 14:00")),
            ("2026-11-23 17:59", true, Some("2026-11-23 18:00")),
            ("2026-11-23 18:00", false, Some("2026-11-24 09:00")),
            ("2026-11-28 11:00", true, Some("2026-11-28 14:00")),
            ("2026-11-28 15:00", false, Some("2026-11-30 09:00")),
            ("2026-11-29 12:00", false, Some("2026-11-30 09:00")),
        ];
        for (now, open, change) in cases {
            let state = hours.state_at(at(now));
            assert_eq!(state.is_open(), open, "{now}");
            let expected = change.map(at);
            match state {
                OpenState::Open { until } => assert_eq!(until, expected, "{now}"),
                OpenState::Closed { opens } => assert_eq!(opens, expected, "{now}"),
            }
        }
    }

    #[test]
    fn an_overnight_interval_is_open_after_midnight() {
        let hours = OpeningHours::parse("Mo-Su 20:00-08:00").unwrap();
        assert_eq!(
            hours.state_at(at("2026-11-24 02:00")),
            OpenState::Open {
                until: Some(at("2026-11-24 08:00"))
            }
        );
        assert_eq!(
            hours.state_at(at("2026-11-24 12:00")),
            OpenState::Closed {
                opens: Some(at("2026-11-24 20:00"))
            }
        );
        // Monday 02:00 belongs to Sunday's night.
        let sunday_only = OpeningHours::parse("Su 22:00-06:00").unwrap();
        assert!(sunday_only.state_at(at("2026-11-23 02:00")).is_open());
        assert!(!sunday_only.state_at(at("2026-11-24 02:00")).is_open());
    }

    #[test]
    fn around_the_clock_stays_open_with_no_closing_time() {
        let hours = OpeningHours::parse("24/7").unwrap();
        assert_eq!(
            hours.state_at(at("2026-11-24 03:00")),
            OpenState::Open { until: None }
        );
    }

    #[test]
    fn exceptions_override_the_week() {
        let hours = OpeningHours::parse("24/7; 2026-12-16 off; 2026-12-17 10:00-15:00").unwrap();
        assert_eq!(
            hours.state_at(at("2026-12-16 12:00")),
            OpenState::Closed {
                opens: Some(at("2026-12-17 10:00"))
            }
        );
        assert_eq!(
            hours.state_at(at("2026-12-15 23:00")),
            OpenState::Open {
                until: Some(at("2026-12-16 00:00"))
            }
        );
        assert!(hours.state_at(at("2026-12-17 14:59")).is_open());
        assert!(!hours.state_at(at("2026-12-17 15:00")).is_open());
        assert!(hours.state_at(at("2026-12-18 00:00")).is_open());
    }

    #[test]
    fn a_closed_day_ends_an_overnight_interval_of_the_day_before_at_its_time() {
        let hours = OpeningHours::parse("Mo-Su 20:00-08:00; 2026-11-24 off").unwrap();
        // Monday night's opening runs into Tuesday morning even though Tuesday is off.
        assert!(hours.state_at(at("2026-11-24 07:00")).is_open());
        assert!(!hours.state_at(at("2026-11-24 21:00")).is_open());
    }

    #[test]
    fn never_open_has_no_next_opening() {
        let hours = OpeningHours::parse("Mo-Su off").unwrap();
        assert_eq!(
            hours.state_at(at("2026-11-24 12:00")),
            OpenState::Closed { opens: None }
        );
    }

    #[test]
    fn malformed_hours_are_refused() {
        for text in [
            "",
            "always",
            "Mo-Fr",
            "Mo-Fr 9-18",
            "Xx 09:00-18:00",
            "Fr-Mo 09:00-18:00",
            "Mo 25:00-26:00",
            "Mo 09:60-10:00",
            "Mo 09:00-09:00",
            "2026-13-01 off",
        ] {
            assert!(OpeningHours::parse(text).is_err(), "{text:?}");
        }
    }
}
