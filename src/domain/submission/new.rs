//! A resident's form turned into a submission, or into the list of what is wrong with it.
//! Every rule about what a feedback or request must contain lives here.

use chrono::{Datelike, NaiveDate, NaiveTime};

pub use super::contact::Author;
use super::contact::parse_author;
#[cfg(test)]
use super::contact::{Email, Phone};
use super::{Category, SubmissionKind, clean_text};
use crate::domain::field::{FieldError, in_form_order};
use crate::domain::geo::Coordinates;

/// Shortest and longest text a resident may send (the answer of staff follows the same).
pub const BODY_MIN: usize = 10;
pub const BODY_MAX: usize = 5000;
pub const NAME_MAX: usize = 120;
/// An officer's description, a place.
pub const SHORT_MAX: usize = 300;

/// The fields in the order the form shows them.
pub const FIELD_ORDER: [&str; 18] = [
    "type",
    "category",
    "inspector",
    "post",
    "officer",
    "incident_date",
    "incident_time",
    "place",
    "lat",
    "lon",
    "body",
    "anonymous",
    "name",
    "phone",
    "email",
    "iin",
    "consent",
    "submit",
];

/// Which form is being checked: feedback (thanks or complaint) or a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormKind {
    Feedback,
    Request,
}

/// What a form sent, as typed: nothing is lost to a parse error.
#[derive(Clone, Copy, Debug, Default)]
pub struct Draft<'a> {
    pub kind: &'a str,
    pub category: &'a str,
    pub inspector: &'a str,
    pub post: &'a str,
    pub officer: &'a str,
    pub incident_date: &'a str,
    pub incident_time: &'a str,
    pub place: &'a str,
    pub lat: &'a str,
    pub lon: &'a str,
    pub body: &'a str,
    pub anonymous: bool,
    pub name: &'a str,
    pub phone: &'a str,
    pub email: &'a str,
    pub iin: &'a str,
    pub consent: bool,
}

/// The inspector and post a draft names by id, for the store to check that they exist.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct References {
    pub inspector: Option<i64>,
    pub post: Option<i64>,
}

impl Draft<'_> {
    pub fn references(&self) -> References {
        References {
            inspector: self.inspector.trim().parse().ok(),
            post: self.post.trim().parse().ok(),
        }
    }
}

/// A valid submission, before it has a number and dates.
#[derive(Clone, Debug, PartialEq)]
pub struct NewSubmission {
    pub kind: SubmissionKind,
    pub category: Option<Category>,
    pub inspector: Option<i64>,
    pub post: Option<i64>,
    pub officer_description: String,
    pub incident_date: Option<NaiveDate>,
    pub incident_time: Option<NaiveTime>,
    pub place: String,
    pub coordinates: Option<Coordinates>,
    pub body: String,
    pub author: Option<Author>,
}

/// Collects the errors of one form.
pub(super) struct Errors(pub(super) Vec<FieldError>);

impl Errors {
    pub(super) fn add(&mut self, field: &'static str, key: &'static str) {
        self.0.push(FieldError::new(field, key));
    }

    fn has(&self, field: &str) -> bool {
        self.0.iter().any(|e| e.field == field)
    }
}

pub(super) fn too_long(text: &str, max: usize) -> bool {
    text.chars().count() > max
}

impl NewSubmission {
    /// A complaint or a request is shown to the resident to check before it is sent (GOV.UK's
    /// "Check your answers"); a thanks is sent at once.
    pub fn is_checked_before_sending(&self) -> bool {
        self.kind != SubmissionKind::Thanks
    }

    /// Parses a draft into a submission, or says what is wrong with each field.
    pub fn parse(
        form: FormKind,
        draft: &Draft,
        today: NaiveDate,
    ) -> Result<NewSubmission, Vec<FieldError>> {
        let mut errors = Errors(Vec::new());
        let kind = parse_kind(form, draft.kind, &mut errors);
        let category = match form {
            FormKind::Request => Category::parse(draft.category.trim()).or_else(|| {
                errors.add("category", "form-error-category");
                None
            }),
            FormKind::Feedback => None,
        };
        let inspector = parse_reference(draft.inspector, "inspector", &mut errors);
        let post = parse_reference(draft.post, "post", &mut errors);
        let officer_description = clean_text(draft.officer, false);
        if too_long(&officer_description, SHORT_MAX) {
            errors.add("officer", "form-error-too-long");
        }
        let names_no_one = inspector.is_none() && post.is_none() && officer_description.is_empty();
        if form == FormKind::Feedback
            && names_no_one
            && !errors.has("inspector")
            && !errors.has("post")
        {
            errors.add("inspector", "form-error-whom");
        }
        let incident_date = parse_incident_date(draft.incident_date, today, &mut errors);
        let incident_time = match draft.incident_time.trim() {
            "" => None,
            t => NaiveTime::parse_from_str(t, "%H:%M").ok().or_else(|| {
                errors.add("incident_time", "form-error-time");
                None
            }),
        };
        let place = clean_text(draft.place, false);
        if too_long(&place, SHORT_MAX) {
            errors.add("place", "form-error-too-long");
        }
        let coordinates = Coordinates::parse_optional(Some(draft.lat), Some(draft.lon))
            .unwrap_or_else(|e| {
                let field = if e.key().contains("lon") {
                    "lon"
                } else {
                    "lat"
                };
                errors.add(field, e.key());
                None
            });
        if form == FormKind::Request && place.is_empty() && coordinates.is_none() {
            errors.add("place", "form-error-place");
        }
        let body = clean_text(draft.body, true);
        if body.chars().count() < BODY_MIN {
            errors.add("body", "form-error-body-short");
        } else if too_long(&body, BODY_MAX) {
            errors.add("body", "form-error-body-long");
        }
        let author = parse_author(form, kind, draft, &mut errors);
        match kind {
            Some(kind) if errors.0.is_empty() => Ok(NewSubmission {
                kind,
                category,
                inspector,
                post,
                officer_description,
                incident_date,
                incident_time,
                place,
                coordinates,
                body,
                author,
            }),
            _ => Err(errors.0),
        }
    }
}

fn parse_kind(form: FormKind, text: &str, errors: &mut Errors) -> Option<SubmissionKind> {
    match (form, text) {
        (FormKind::Request, _) => Some(SubmissionKind::Request),
        (FormKind::Feedback, "thanks") => Some(SubmissionKind::Thanks),
        (FormKind::Feedback, "complaint") => Some(SubmissionKind::Complaint),
        (FormKind::Feedback, _) => {
            errors.add("type", "form-error-type");
            None
        }
    }
}

/// An optional id; whether it exists is the store's to say.
fn parse_reference(text: &str, field: &'static str, errors: &mut Errors) -> Option<i64> {
    match text.trim() {
        "" => None,
        t => t.parse::<i64>().ok().filter(|id| *id > 0).or_else(|| {
            errors.add(
                field,
                if field == "post" {
                    "form-error-post"
                } else {
                    "form-error-inspector"
                },
            );
            None
        }),
    }
}

fn parse_incident_date(text: &str, today: NaiveDate, errors: &mut Errors) -> Option<NaiveDate> {
    match text.trim() {
        "" => None,
        // What a date field sends (2026-11-24), or a date typed as people here write it
        // (24.11.2026) where the browser offers a plain text field.
        // A two-digit year (20.11.26) would read as the year 26: not a date meant.
        t => match NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .or_else(|_| NaiveDate::parse_from_str(t, "%d.%m.%Y"))
            .ok()
            .filter(|d| d.year() >= 1900)
        {
            Some(d) if d <= today => Some(d),
            Some(_) => {
                errors.add("incident_date", "form-error-date-future");
                None
            }
            None => {
                errors.add("incident_date", "form-error-date");
                None
            }
        },
    }
}

/// The errors of a parse and of the store's reference check, in the form's order.
pub fn merge_errors(mut errors: Vec<FieldError>, more: Vec<FieldError>) -> Vec<FieldError> {
    for e in more {
        if !errors.iter().any(|x| x.field == e.field) {
            errors.push(e);
        }
    }
    in_form_order(&mut errors, &FIELD_ORDER);
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default()
    }

    fn thanks<'a>() -> Draft<'a> {
        Draft {
            kind: "thanks",
            inspector: "3",
            body: "Thank you for your help yesterday.",
            name: "Aigerim",
            consent: true,
            ..Draft::default()
        }
    }

    fn keys(result: Result<NewSubmission, Vec<FieldError>>) -> Vec<(&'static str, &'static str)> {
        result
            .err()
            .unwrap_or_default()
            .iter()
            .map(|e| (e.field, e.key))
            .collect()
    }

    #[test]
    fn an_anonymous_thanks_keeps_no_personal_data() {
        let draft = Draft {
            anonymous: true,
            phone: "87012345678",
            consent: false,
            ..thanks()
        };
        let parsed = NewSubmission::parse(FormKind::Feedback, &draft, today());
        assert_eq!(parsed.map(|s| s.author), Ok(None));
    }

    #[test]
    fn an_incident_date_is_read_as_sent_or_as_written_here() {
        let on = |text| {
            let draft = Draft {
                incident_date: text,
                ..thanks()
            };
            NewSubmission::parse(FormKind::Feedback, &draft, today()).map(|s| s.incident_date)
        };
        let date = NaiveDate::from_ymd_opt(2026, 11, 20);
        assert_eq!(on("2026-11-20"), Ok(date));
        assert_eq!(on(" 20.11.2026 "), Ok(date));
        assert_eq!(on(""), Ok(None));
        assert!(on("20.11.26").is_err());
        assert!(on("31.02.2026").is_err());
    }

    #[test]
    fn each_rule_names_its_field() {
        type Case<'a> = (FormKind, Draft<'a>, Vec<(&'a str, &'a str)>);
        let cases: [Case; 8] = [
            (
                FormKind::Feedback,
                Draft {
                    kind: "other",
                    phone: "87012345678",
                    ..thanks()
                },
                vec![("type", "form-error-type")],
            ),
            (
                FormKind::Feedback,
                Draft {
                    kind: "complaint",
                    anonymous: true,
                    phone: "87012345678",
                    ..thanks()
                },
                vec![("anonymous", "form-error-anonymous")],
            ),
            (
                FormKind::Feedback,
                Draft {
                    kind: "complaint",
                    ..thanks()
                },
                vec![("phone", "form-error-contact")],
            ),
            (
                FormKind::Feedback,
                Draft {
                    inspector: "",
                    ..thanks()
                },
                vec![("inspector", "form-error-whom")],
            ),
            (
                FormKind::Feedback,
                Draft {
                    inspector: "x",
                    ..thanks()
                },
                vec![("inspector", "form-error-inspector")],
            ),
            (
                FormKind::Feedback,
                Draft {
                    incident_date: "2026-11-25",
                    ..thanks()
                },
                vec![("incident_date", "form-error-date-future")],
            ),
            (
                FormKind::Request,
                Draft {
                    category: "noise",
                    phone: "87012345678",
                    ..thanks()
                },
                vec![("place", "form-error-place")],
            ),
            (
                FormKind::Feedback,
                Draft {
                    consent: false,
                    ..thanks()
                },
                vec![("consent", "form-error-consent")],
            ),
        ];
        for (form, draft, expected) in cases {
            assert_eq!(
                keys(NewSubmission::parse(form, &draft, today())),
                expected,
                "{draft:?}"
            );
        }
    }

    #[test]
    fn typed_values_reach_the_submission() {
        let draft = Draft {
            kind: "complaint",
            phone: "8 (701) 234-56-78",
            email: "A@Mail.KZ",
            lat: "47.1",
            lon: "51.9",
            ..thanks()
        };
        let parsed = NewSubmission::parse(FormKind::Feedback, &draft, today());
        let author = parsed.ok().and_then(|s| s.author);
        assert_eq!(
            author
                .as_ref()
                .and_then(|a| a.phone.as_ref())
                .map(Phone::as_str),
            Some("+77012345678")
        );
        assert_eq!(
            author
                .as_ref()
                .and_then(|a| a.email.as_ref())
                .map(Email::as_str),
            Some("A@mail.kz")
        );
    }

    #[test]
    fn reference_errors_join_the_others_in_form_order() {
        let merged = merge_errors(
            vec![FieldError::new("body", "form-error-body-short")],
            vec![FieldError::new("inspector", "form-error-inspector")],
        );
        let fields: Vec<_> = merged.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["inspector", "body"]);
    }
}
