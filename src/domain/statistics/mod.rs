//! Public statistics: how many appeals came in and how well they were answered, per month and
//! per beat. Every figure's definition is here (and on the page, in `statistics.ftl`); so is
//! the small-count rule: a count from 1 to 4 is published as "< 5", and a median or a share
//! drawn from fewer than 5 appeals is not published, so that no resident can be singled out.

use std::collections::BTreeMap;

use chrono::{Datelike, Months, NaiveDate};

use crate::domain::beat::Boundary;
use crate::domain::deadline::WorkingCalendar;
use crate::domain::moderation::RejectionReason;
use crate::domain::notice::Satisfaction;
use crate::domain::submission::{Category, SubmissionKind};

mod protect;
use protect::{Sum, protect};

/// Counts below this (and above 0) are not published as such.
pub const SMALLEST_SHOWN: u64 = 5;
/// How many months the page and the downloads cover, the current one included.
pub const MONTHS: u32 = 12;

/// A calendar month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    pub fn of(day: NaiveDate) -> Month {
        Month {
            year: day.year(),
            month: day.month(),
        }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or_default()
    }

    /// `2026-11`.
    pub fn code(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    /// The last `n` months up to the one `today` is in, oldest first.
    pub fn last(n: u32, today: NaiveDate) -> Vec<Month> {
        let this = Month::of(today).first_day();
        (0..n)
            .rev()
            .filter_map(|back| this.checked_sub_months(Months::new(back)))
            .map(Month::of)
            .collect()
    }
}

/// One appeal as the statistics see it: no text, no contact, no place.
#[derive(Clone, Debug, PartialEq)]
pub struct Appeal {
    /// The month it was received in, in the city's time.
    pub month: Month,
    /// The beat it belongs to: where it happened, or else the named inspector's beat.
    pub beat: Option<i64>,
    pub kind: SubmissionKind,
    pub category: Option<Category>,
    pub registered_on: NaiveDate,
    pub due_on: NaiveDate,
    /// The day of the first answer (an answer, or forwarding to the competent body).
    pub first_answer_on: Option<NaiveDate>,
    pub extended: bool,
    pub forwarded: bool,
    pub rejection: Option<RejectionReason>,
    /// The resident's last questionnaire answer.
    pub satisfaction: Option<Satisfaction>,
}

impl Appeal {
    /// Thanks need no answer: the answer figures count complaints and requests.
    fn needs_answer(&self) -> bool {
        self.kind != SubmissionKind::Thanks
    }
}

/// A beat as the statistics place appeals in it.
#[derive(Clone, Debug)]
pub struct BeatArea<'a> {
    pub id: i64,
    pub boundary: &'a Boundary,
    pub inspector_id: Option<i64>,
}

/// The beat an appeal belongs to: the one its location lies in, or else the beat of the
/// inspector it names; none when it has neither.
pub fn beat_of(
    beats: &[BeatArea],
    at: Option<(f64, f64)>,
    inspector_id: Option<i64>,
) -> Option<i64> {
    if let Some((lat, lon)) = at
        && let Some(b) = beats.iter().find(|b| b.boundary.contains(lon, lat))
    {
        return Some(b.id);
    }
    let inspector_id = inspector_id?;
    beats
        .iter()
        .find(|b| b.inspector_id == Some(inspector_id))
        .map(|b| b.id)
}

/// The figures of one area (the city or a beat) over one month or the whole period, exact.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figures {
    pub received: u64,
    pub thanks: u64,
    pub complaints: u64,
    pub requests: u64,
    /// Requests per category code.
    pub by_category: BTreeMap<&'static str, u64>,
    /// Complaints and requests with a first answer.
    pub answered: u64,
    /// ... of which the first answer came by the due date (extended lawfully or not).
    pub on_time: u64,
    /// Working days from registration to the first answer, the median.
    pub median_days: Option<f64>,
    pub extended: u64,
    pub forwarded: u64,
    /// Rejections per reason code.
    pub rejected: BTreeMap<&'static str, u64>,
    pub resolved: u64,
    pub partly: u64,
    pub not_resolved: u64,
}

impl Figures {
    pub fn of<'a>(
        appeals: impl IntoIterator<Item = &'a Appeal>,
        calendar: &WorkingCalendar,
    ) -> Self {
        let mut f = Figures::default();
        let mut days = Vec::new();
        for a in appeals {
            f.received += 1;
            match a.kind {
                SubmissionKind::Thanks => f.thanks += 1,
                SubmissionKind::Complaint => f.complaints += 1,
                SubmissionKind::Request => f.requests += 1,
            }
            if let Some(c) = a.category {
                *f.by_category.entry(c.code()).or_default() += 1;
            }
            if let Some(r) = a.rejection {
                *f.rejected.entry(r.code()).or_default() += 1;
            }
            f.extended += u64::from(a.extended);
            f.forwarded += u64::from(a.forwarded);
            match a.satisfaction {
                Some(Satisfaction::Resolved) => f.resolved += 1,
                Some(Satisfaction::Partly) => f.partly += 1,
                Some(Satisfaction::NotResolved) => f.not_resolved += 1,
                None => {}
            }
            if let (true, Some(on)) = (a.needs_answer(), a.first_answer_on) {
                f.answered += 1;
                f.on_time += u64::from(on <= a.due_on);
                days.push(calendar.working_days_left(a.registered_on, on));
            }
        }
        f.median_days = median(&mut days);
        f
    }

    /// Every count, in the columns of `protect`'s table (see `column`).
    fn counts(&self) -> Vec<u64> {
        let mut all = vec![
            self.received,
            self.thanks,
            self.complaints,
            self.requests,
            self.answered,
            self.on_time,
            self.answered - self.on_time,
            self.extended,
            self.forwarded,
            self.rejected.values().sum(),
        ];
        all.extend(
            Category::ALL
                .iter()
                .map(|c| self.by_category.get(c.code()).copied().unwrap_or(0)),
        );
        all.extend(
            RejectionReason::ALL
                .iter()
                .map(|r| self.rejected.get(r.code()).copied().unwrap_or(0)),
        );
        all.extend([self.resolved, self.partly, self.not_resolved]);
        all
    }

    /// The figures as they may be published on their own: small counts hidden.
    pub fn shown(&self) -> Shown {
        let counts: Vec<Count> = self.counts().into_iter().map(Count::of).collect();
        self.shown_as(&counts)
    }

    /// The figures with the counts `protect` allows, in the columns of `counts`.
    fn shown_as(&self, counts: &[Count]) -> Shown {
        let c = |i: usize| counts.get(i).copied().unwrap_or_default();
        // A share would give a hidden count away (2 late of 10 is 80 %): it is published only
        // when those answered, those on time and those late are all published exactly.
        let exact = |i: usize| matches!(c(i), Count::Exact(_));
        let on_time_percent = (self.answered >= SMALLEST_SHOWN
            && exact(column::ANSWERED)
            && exact(column::ON_TIME)
            && exact(column::LATE))
        .then(|| (self.on_time as f64 * 100.0 / self.answered as f64).round());
        let categories = column::CATEGORIES;
        let reasons = categories + Category::ALL.len();
        let satisfaction = reasons + RejectionReason::ALL.len();
        Shown {
            received: c(column::RECEIVED),
            thanks: c(column::THANKS),
            complaints: c(column::COMPLAINTS),
            requests: c(column::REQUESTS),
            by_category: Category::ALL
                .iter()
                .enumerate()
                .map(|(i, cat)| (cat.code(), c(categories + i)))
                .collect(),
            answered: c(column::ANSWERED),
            on_time: c(column::ON_TIME),
            on_time_percent,
            median_days: self.median_days.filter(|_| self.answered >= SMALLEST_SHOWN),
            extended: c(column::EXTENDED),
            forwarded: c(column::FORWARDED),
            rejected: RejectionReason::ALL
                .iter()
                .enumerate()
                .map(|(i, r)| (r.code(), c(reasons + i)))
                .collect(),
            rejected_total: c(column::REJECTED),
            resolved: c(satisfaction),
            partly: c(satisfaction + 1),
            not_resolved: c(satisfaction + 2),
        }
    }
}

/// The columns of `protect`'s table.
mod column {
    pub const RECEIVED: usize = 0;
    pub const THANKS: usize = 1;
    pub const COMPLAINTS: usize = 2;
    pub const REQUESTS: usize = 3;
    pub const ANSWERED: usize = 4;
    pub const ON_TIME: usize = 5;
    /// Answered after the due date: never published, but answered minus on time.
    pub const LATE: usize = 6;
    pub const EXTENDED: usize = 7;
    pub const FORWARDED: usize = 8;
    pub const REJECTED: usize = 9;
    pub const CATEGORIES: usize = 10;
}

/// The sums a reader of an area's table can check: every column over the months adds up to
/// the period's; in every row the kinds add up to those received, on time and late to those
/// answered, the categories to the requests, the reasons to those rejected.
fn sums(rows: usize, columns: usize) -> Vec<Sum> {
    let Some(total_row) = rows.checked_sub(1) else {
        return Vec::new();
    };
    let categories = column::CATEGORIES;
    let reasons = categories + Category::ALL.len();
    let mut sums: Vec<Sum> = (0..columns)
        .map(|c| Sum {
            parts: (0..total_row).map(|r| (r, c)).collect(),
            total: (total_row, c),
        })
        .collect();
    for r in 0..rows {
        let of = |cols: Vec<usize>, total: usize| Sum {
            parts: cols.into_iter().map(|c| (r, c)).collect(),
            total: (r, total),
        };
        sums.push(of(
            vec![column::THANKS, column::COMPLAINTS, column::REQUESTS],
            column::RECEIVED,
        ));
        sums.push(of(vec![column::ON_TIME, column::LATE], column::ANSWERED));
        sums.push(of((categories..reasons).collect(), column::REQUESTS));
        sums.push(of(
            (reasons..reasons + RejectionReason::ALL.len()).collect(),
            column::REJECTED,
        ));
    }
    sums
}

fn median(values: &mut [i64]) -> Option<f64> {
    values.sort_unstable();
    let n = values.len();
    if n == 0 {
        return None;
    }
    let mid = n / 2;
    let at = |i: usize| values.get(i).copied().unwrap_or(0) as f64;
    Some(if n % 2 == 1 {
        at(mid)
    } else {
        (at(mid - 1) + at(mid)) / 2.0
    })
}

/// A published count: exact, "fewer than 5", or withheld (5 or more, hidden so that a small
/// count elsewhere in the table cannot be worked out from it; see `protect`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Count {
    Exact(u64),
    #[default]
    FewerThanFive,
    Withheld,
}

impl Count {
    pub fn of(n: u64) -> Count {
        if n > 0 && n < SMALLEST_SHOWN {
            Count::FewerThanFive
        } else {
            Count::Exact(n)
        }
    }

    /// A bar's length: a hidden count is drawn as nothing.
    pub fn value(self) -> u64 {
        match self {
            Count::Exact(n) => n,
            Count::FewerThanFive | Count::Withheld => 0,
        }
    }
}

impl std::fmt::Display for Count {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Count::Exact(n) => write!(f, "{n}"),
            Count::FewerThanFive => f.write_str("< 5"),
            Count::Withheld => f.write_str("*"),
        }
    }
}

/// The figures of one area and period as they may be published.
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    pub received: Count,
    pub thanks: Count,
    pub complaints: Count,
    pub requests: Count,
    pub by_category: Vec<(&'static str, Count)>,
    pub answered: Count,
    pub on_time: Count,
    /// Of those answered; not published below 5 answered, nor when those on time or those
    /// late are fewer than 5.
    pub on_time_percent: Option<f64>,
    pub median_days: Option<f64>,
    pub extended: Count,
    pub forwarded: Count,
    pub rejected: Vec<(&'static str, Count)>,
    pub rejected_total: Count,
    pub resolved: Count,
    pub partly: Count,
    pub not_resolved: Count,
}

/// An area's figures: each month, and the whole period.
#[derive(Clone, Debug)]
pub struct AreaFigures {
    /// None for the whole city.
    pub beat: Option<i64>,
    pub months: Vec<(Month, Shown)>,
    pub total: Shown,
}

/// The figures of an area (`None`: the whole city) for the given months.
pub fn area(
    appeals: &[Appeal],
    beat: Option<i64>,
    months: &[Month],
    calendar: &WorkingCalendar,
) -> AreaFigures {
    let inside: Vec<&Appeal> = appeals
        .iter()
        .filter(|a| beat.is_none() || a.beat == beat)
        .filter(|a| months.contains(&a.month))
        .collect();
    let figures: Vec<Figures> = months
        .iter()
        .map(|m| Figures::of(inside.iter().copied().filter(|a| a.month == *m), calendar))
        .chain(std::iter::once(Figures::of(
            inside.iter().copied(),
            calendar,
        )))
        .collect();
    // The months and the period in one table, protected together.
    let exact: Vec<Vec<u64>> = figures.iter().map(Figures::counts).collect();
    let columns = exact.first().map_or(0, Vec::len);
    let counts = protect(&exact, &sums(exact.len(), columns), &[column::LATE]);
    let mut shown = figures
        .iter()
        .zip(&counts)
        .map(|(f, c)| f.shown_as(c))
        .collect::<Vec<_>>();
    let total = shown.pop().unwrap_or_else(|| Figures::default().shown());
    AreaFigures {
        beat,
        months: months.iter().copied().zip(shown).collect(),
        total,
    }
}

#[cfg(test)]
mod tests;
