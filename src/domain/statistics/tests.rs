//! The figures' rules, month by month and for the period.

use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
}

fn appeal(kind: SubmissionKind, registered: &str, answered: Option<&str>) -> Appeal {
    let registered_on = d(registered);
    let calendar = WorkingCalendar::new([]);
    Appeal {
        month: Month::of(registered_on),
        beat: Some(1),
        kind,
        category: (kind == SubmissionKind::Request).then_some(Category::Noise),
        registered_on,
        due_on: calendar.due_date(registered_on),
        first_answer_on: answered.map(d),
        extended: false,
        forwarded: false,
        rejection: None,
        satisfaction: None,
    }
}

#[test]
fn small_counts_are_published_as_fewer_than_five() {
    assert_eq!(Count::of(0).to_string(), "0");
    assert_eq!(Count::of(1).to_string(), "< 5");
    assert_eq!(Count::of(4).to_string(), "< 5");
    assert_eq!(Count::of(5).to_string(), "5");
    assert_eq!(Count::of(3).value(), 0);
}

#[test]
fn the_answer_figures_count_working_days_and_leave_thanks_out() {
    let calendar = WorkingCalendar::new([]);
    // Monday 2 Nov 2026: answered on Friday (4 working days), the next Monday (5), and
    // after the due date (15 working days: 23 Nov).
    let appeals = [
        appeal(SubmissionKind::Request, "2026-11-02", Some("2026-11-06")),
        appeal(SubmissionKind::Request, "2026-11-02", Some("2026-11-09")),
        appeal(SubmissionKind::Complaint, "2026-11-02", Some("2026-11-30")),
        appeal(SubmissionKind::Request, "2026-11-02", None),
        appeal(SubmissionKind::Thanks, "2026-11-02", Some("2026-11-03")),
    ];
    let f = Figures::of(&appeals, &calendar);
    assert_eq!(
        (f.received, f.thanks, f.complaints, f.requests),
        (5, 1, 1, 3)
    );
    assert_eq!((f.answered, f.on_time), (3, 2));
    assert_eq!(f.median_days, Some(5.0));
    assert_eq!(f.by_category.get("noise"), Some(&3));
    let shown = f.shown();
    assert_eq!(shown.received, Count::Exact(5));
    assert_eq!(shown.answered, Count::FewerThanFive);
    assert_eq!(
        shown.median_days, None,
        "a median of fewer than 5 is not published"
    );
    assert_eq!(shown.on_time_percent, None);
}

#[test]
fn a_share_is_published_only_when_it_gives_no_small_count_away() {
    let calendar = WorkingCalendar::new([]);
    // Registered Monday 2 Nov 2026 (due 23 Nov): `on_time` answered on the Friday, the
    // rest after the due date.
    let answered = |on_time: usize, late: usize| {
        let mut appeals = Vec::new();
        appeals.extend(
            (0..on_time).map(|_| appeal(SubmissionKind::Request, "2026-11-02", Some("2026-11-06"))),
        );
        appeals.extend(
            (0..late).map(|_| appeal(SubmissionKind::Request, "2026-11-02", Some("2026-11-30"))),
        );
        Figures::of(&appeals, &calendar).shown().on_time_percent
    };
    assert_eq!(
        answered(2, 8),
        None,
        "20 % of 10 would tell that 2 were on time"
    );
    assert_eq!(
        answered(8, 2),
        None,
        "80 % of 10 would tell that 2 were late"
    );
    assert_eq!(answered(5, 5), Some(50.0));
    assert_eq!(answered(10, 0), Some(100.0));
    assert_eq!(answered(0, 6), Some(0.0));
}

#[test]
fn a_small_month_cannot_be_worked_out_from_the_year() {
    let calendar = WorkingCalendar::new([]);
    // 6 requests in October and 3 in November: the year's 9 minus October's 6 would give
    // November's 3 away, so October's are withheld.
    let mut appeals: Vec<Appeal> = (0..6)
        .map(|_| appeal(SubmissionKind::Request, "2026-10-05", None))
        .collect();
    appeals.extend((0..3).map(|_| appeal(SubmissionKind::Request, "2026-11-05", None)));
    let months = Month::last(2, d("2026-11-20"));
    let beat = area(&appeals, Some(1), &months, &calendar);
    let requests: Vec<String> = beat
        .months
        .iter()
        .map(|(_, f)| f.requests.to_string())
        .collect();
    assert_eq!(requests, ["*", "< 5"]);
    assert_eq!(beat.total.requests, Count::Exact(9));
    assert_eq!(beat.total.received, Count::Exact(9));
}

#[test]
fn an_area_has_each_month_and_the_period() {
    let calendar = WorkingCalendar::new([]);
    let mut other_beat = appeal(SubmissionKind::Request, "2026-10-05", None);
    other_beat.beat = Some(2);
    let appeals = vec![
        appeal(SubmissionKind::Request, "2026-10-05", None),
        appeal(SubmissionKind::Request, "2026-11-05", None),
        other_beat,
    ];
    let months = Month::last(2, d("2026-11-20"));
    assert_eq!(
        months.iter().map(|m| m.code()).collect::<Vec<_>>(),
        ["2026-10", "2026-11"]
    );
    let beat = area(&appeals, Some(1), &months, &calendar);
    assert_eq!(beat.months.len(), 2);
    assert_eq!(beat.total.received, Count::FewerThanFive);
    let city = area(&appeals, None, &months, &calendar);
    assert_eq!(city.total.requests, Count::FewerThanFive);
    assert_eq!(
        Month::last(12, d("2026-03-31")).first().map(|m| m.code()),
        Some("2025-04".into())
    );
}
