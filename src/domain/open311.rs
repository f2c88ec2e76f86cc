//! Open311 GeoReport v2 as this portal speaks it: one service per appeal kind and request
//! category, what of an appeal may be public, and the query's rules (dates at most 90 days
//! apart, at most 1,000 requests, status open or closed).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rand::RngExt;
use sha2::{Digest, Sha256};

use crate::domain::submission::{Category, Draft, FormKind, SubmissionKind, SubmissionStatus};

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

/// The longest `description` the specification allows.
pub const DESCRIPTION_MAX: usize = 4000;

/// What a client sent to `POST requests`, as sent; the web form's rules judge it.
#[derive(Clone, Copy, Debug)]
pub struct Filing<'a> {
    pub service: Service,
    pub lat: &'a str,
    pub long: &'a str,
    pub address_string: &'a str,
    pub email: &'a str,
    pub phone: &'a str,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub description: &'a str,
    pub officer: &'a str,
    pub incident_date: &'a str,
}

impl<'a> Filing<'a> {
    /// The resident's name as the form has it: first and last name.
    pub fn name(&self) -> String {
        format!("{} {}", self.first_name.trim(), self.last_name.trim())
            .trim()
            .to_string()
    }

    /// The draft the web form would have sent. A thanks with neither a name nor a contact is
    /// anonymous; whoever filed with a key has asked the resident's consent (the key's terms).
    pub fn draft(&self, name: &'a str) -> (FormKind, Draft<'a>) {
        let form = match self.service {
            Service::Request(_) => FormKind::Request,
            _ => FormKind::Feedback,
        };
        let anonymous = self.service == Service::Thanks
            && name.is_empty()
            && self.email.trim().is_empty()
            && self.phone.trim().is_empty();
        // An `incident_date` attribute is a datetime; the form takes its date.
        let incident_date = self.incident_date.trim();
        let incident_date = incident_date.get(..10).unwrap_or(incident_date);
        let draft = Draft {
            kind: self.service.kind().code(),
            category: self.service.category().map_or("", Category::code),
            officer: self.officer,
            incident_date,
            place: self.address_string,
            lat: self.lat,
            lon: self.long,
            body: self.description,
            anonymous,
            name,
            phone: self.phone,
            email: self.email,
            consent: true,
            ..Draft::default()
        };
        (form, draft)
    }
}

/// The Open311 field a web form field's error belongs to.
pub fn field_of(form_field: &str) -> &'static str {
    match form_field {
        "body" => "description",
        "name" | "anonymous" => "first_name",
        "place" => "address_string",
        "lat" => "lat",
        "lon" => "long",
        "phone" => "phone",
        "email" => "email",
        "officer" | "inspector" | "post" => "attribute[officer]",
        "incident_date" | "incident_time" => "attribute[incident_date]",
        _ => "service_code",
    }
}

/// A new API key: shown once to whoever issues it, stored only as its hash.
pub fn new_api_key() -> String {
    let bytes: [u8; 24] = rand::rng().random();
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("p311_{hex}")
}

/// What the database keeps of a key. The key is 192 random bits, so a plain SHA-256 cannot
/// be reversed or guessed; a slow password hash would only slow every request down.
pub fn api_key_hash(key: &str) -> Vec<u8> {
    Sha256::digest(key.trim().as_bytes()).to_vec()
}

/// The start of a key an administrator tells keys apart by.
pub fn api_key_prefix(key: &str) -> String {
    key.chars().take(9).collect()
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
    fn a_filing_is_the_draft_the_web_form_would_send() {
        let filing = Filing {
            service: Service::Request(Category::Noise),
            lat: "47.1",
            long: "51.9",
            address_string: "",
            email: "a@example.kz",
            phone: "",
            first_name: "Aigerim",
            last_name: "",
            description: "Loud music every night after midnight.",
            officer: "",
            incident_date: "2026-11-30T23:10:00+05:00",
        };
        let name = filing.name();
        assert_eq!(name, "Aigerim");
        let (form, draft) = filing.draft(&name);
        assert_eq!(form, FormKind::Request);
        assert_eq!((draft.kind, draft.category), ("request", "noise"));
        assert_eq!(draft.incident_date, "2026-11-30");
        assert!(!draft.anonymous && draft.consent);
        let thanks = Filing {
            service: Service::Thanks,
            email: "",
            first_name: "",
            ..filing
        };
        let (form, draft) = thanks.draft("");
        assert_eq!(form, FormKind::Feedback);
        assert!(
            draft.anonymous,
            "a thanks without name or contact is anonymous"
        );
        assert_eq!(field_of("body"), "description");
        assert_eq!(field_of("inspector"), "attribute[officer]");
    }

    #[test]
    fn api_keys_are_random_and_kept_as_hashes() {
        let (a, b) = (new_api_key(), new_api_key());
        assert_ne!(a, b);
        assert_eq!(a.len(), 5 + 48);
        assert_eq!(api_key_hash(&a), api_key_hash(&format!(" {a}\n")));
        assert_ne!(api_key_hash(&a), api_key_hash(&b));
        assert_eq!(api_key_hash(&a).len(), 32);
        assert!(a.starts_with(&api_key_prefix(&a)));
    }

    #[test]
    fn locations_are_rounded_to_about_100_m() {
        assert!((rounded(47.116_789) - 47.117).abs() < 1e-9);
        assert!((rounded(51.923_4) - 51.923).abs() < 1e-9);
    }
}
