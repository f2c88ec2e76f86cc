//! Open311 GeoReport v2 as this portal speaks it: one service per appeal kind and request
//! category, what of an appeal may be public, and the query's rules (dates at most 90 days
//! apart, at most 1,000 requests, status open or closed).

use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::domain::submission::{Category, SubmissionKind, SubmissionStatus};

/// A service: a kind of appeal, and for requests their category.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Service {
    Thanks,
    Complaint,
    Request(Category),
}

impl Service {
    pub fn all() -> Vec<Service> {
        let mut all = vec![Service::Thanks, Service::Complaint];
        all.extend(Category::ALL.into_iter().map(Service::Request));
        all
    }

    /// Stable: clients keep it.
    pub fn code(self) -> String {
        match self {
            Service::Thanks => "thanks".into(),
            Service::Complaint => "complaint".into(),
            Service::Request(c) => format!("request_{}", c.code()),
        }
    }

    pub fn parse(code: &str) -> Option<Service> {
        Service::all().into_iter().find(|s| s.code() == code)
    }

    pub fn of(kind: SubmissionKind, category: Option<Category>) -> Service {
        match kind {
            SubmissionKind::Thanks => Service::Thanks,
            SubmissionKind::Complaint => Service::Complaint,
            SubmissionKind::Request => Service::Request(category.unwrap_or(Category::Other)),
        }
    }

    pub fn kind(self) -> SubmissionKind {
        match self {
            Service::Thanks => SubmissionKind::Thanks,
            Service::Complaint => SubmissionKind::Complaint,
            Service::Request(_) => SubmissionKind::Request,
        }
    }

    pub fn category(self) -> Option<Category> {
        match self {
            Service::Request(c) => Some(c),
            _ => None,
        }
    }

    /// The Fluent keys of its name and description.
    pub fn name_key(self) -> &'static str {
        match self {
            Service::Thanks => "feedback-type-thanks",
            Service::Complaint => "feedback-type-complaint",
            Service::Request(c) => c.key(),
        }
    }

    pub fn description_key(self) -> String {
        format!("open311-service-{}", self.code().replace('_', "-"))
    }

    /// The group clients show it under.
    pub fn group(self) -> &'static str {
        match self {
            Service::Thanks | Service::Complaint => "feedback",
            Service::Request(_) => "request",
        }
    }

    /// Whether requests of this service may be listed at all. A domestic conflict is never
    /// listed: even a rounded location can point at one household.
    pub fn listed(self) -> bool {
        !matches!(
            self,
            Service::Complaint | Service::Request(Category::DomesticConflict)
        )
    }

    /// Questions beyond the common fields: (code, datatype, required, Fluent key).
    pub fn attributes(self) -> &'static [(&'static str, &'static str, bool, &'static str)] {
        match self {
            Service::Thanks => &[("officer", "string", false, "open311-attribute-officer")],
            Service::Complaint => &[
                ("officer", "string", false, "open311-attribute-officer"),
                (
                    "incident_date",
                    "datetime",
                    false,
                    "open311-attribute-incident-date",
                ),
            ],
            Service::Request(_) => &[],
        }
    }
}

/// GeoReport v2's two statuses.
pub fn open311_status(status: SubmissionStatus) -> &'static str {
    match status {
        SubmissionStatus::New | SubmissionStatus::InReview | SubmissionStatus::Extended => "open",
        _ => "closed",
    }
}

/// The longest span between `start_date` and `end_date`, and the default window.
pub const MAX_SPAN_DAYS: i64 = 90;
/// The most requests one answer lists.
pub const MAX_REQUESTS: i64 = 1000;

/// A location rounded to about 100 m (three decimals of a degree of latitude: 111 m).
pub fn rounded(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}

/// The window of a `GET requests`: the dates asked, or the last 90 days; an error key when
/// the dates are out of order or further apart than 90 days.
pub fn window(
    start: Option<DateTime<Utc>>,
    end: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(DateTime<Utc>, DateTime<Utc>), &'static str> {
    let span = Duration::days(MAX_SPAN_DAYS);
    let (from, until) = match (start, end) {
        (Some(s), Some(e)) => (s, e),
        (Some(s), None) => (s, (s + span).min(now)),
        (None, Some(e)) => (e - span, e),
        (None, None) => (now - span, now),
    };
    if from > until {
        return Err("open311-error-dates-order");
    }
    if until - from > span {
        return Err("open311-error-dates-span");
    }
    Ok((from, until))
}

/// The due date as a moment: the end of the day in the city.
pub fn expected(due_on: NaiveDate, tz: chrono_tz::Tz) -> Option<DateTime<Utc>> {
    due_on
        .and_hms_opt(23, 59, 59)?
        .and_local_timezone(tz)
        .single()
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_codes_are_unique_and_round_trip() {
        let all = Service::all();
        assert_eq!(all.len(), 2 + Category::ALL.len());
        for s in &all {
            assert_eq!(Service::parse(&s.code()), Some(*s));
        }
        assert_eq!(
            Service::parse("request_noise"),
            Some(Service::Request(Category::Noise))
        );
        assert_eq!(Service::parse("noise"), None);
    }

    #[test]
    fn complaints_and_domestic_conflicts_are_never_listed() {
        assert!(!Service::Complaint.listed());
        assert!(!Service::Request(Category::DomesticConflict).listed());
        assert!(Service::Thanks.listed() && Service::Request(Category::Noise).listed());
    }

    #[test]
    fn the_window_is_at_most_90_days() {
        let now = DateTime::parse_from_rfc3339("2026-12-02T10:00:00Z")
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default();
        let day = Duration::days(1);
        assert_eq!(window(None, None, now), Ok((now - day * 90, now)));
        assert_eq!(
            window(Some(now - day * 91), Some(now), now),
            Err("open311-error-dates-span")
        );
        assert_eq!(
            window(Some(now), Some(now - day), now),
            Err("open311-error-dates-order")
        );
        assert_eq!(
            window(Some(now - day * 10), None, now),
            Ok((now - day * 10, now))
        );
    }

    #[test]
    fn locations_are_rounded_to_about_100_m() {
        assert!((rounded(47.116_789) - 47.117).abs() < 1e-9);
        assert!((rounded(51.923_4) - 51.923).abs() < 1e-9);
    }
}
