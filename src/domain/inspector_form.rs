//! An administrator's inspector form and beat assignment, as typed, turned into details or into
//! what is wrong with each field. The typed lists (ranks, positions) and the hours parser are
//! the importer's.

use chrono::NaiveDate;

use super::field::FieldError;
use super::hours::OpeningHours;
use super::inspector::{Position, Rank};
use super::lang::Localized;
use super::post_form::{TEXT_MAX, valid_directory_phone};

#[derive(Clone, Copy, Debug, Default)]
pub struct InspectorDraft<'a> {
    pub name: [&'a str; 3],
    pub rank: &'a str,
    pub position: &'a str,
    pub work_phone: &'a str,
    /// The reception point's post id, or empty.
    pub post: &'a str,
    pub hours: &'a str,
    /// Minutes per booked reception slot; empty for the default.
    pub slot_minutes: &'a str,
    pub active: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct InspectorDetails {
    pub name: Localized,
    pub rank: Rank,
    pub position: Position,
    pub work_phone: String,
    pub post: Option<i64>,
    pub reception_hours: OpeningHours,
    pub slot_minutes: i32,
    pub active: bool,
}

impl InspectorDetails {
    pub fn parse(draft: &InspectorDraft) -> Result<InspectorDetails, Vec<FieldError>> {
        let mut errors = Vec::new();
        let [kk, ru, en] = draft.name.map(|t| t.trim().to_string());
        for (text, field) in [(&kk, "name_kk"), (&ru, "name_ru"), (&en, "name_en")] {
            if text.is_empty() {
                errors.push(FieldError::new(field, "admin-error-required"));
            } else if text.chars().count() > TEXT_MAX {
                errors.push(FieldError::new(field, "admin-error-too-long"));
            }
        }
        let rank = Rank::parse(draft.rank.trim());
        if rank.is_none() {
            errors.push(FieldError::new("rank", "admin-error-choose"));
        }
        let position = Position::parse(draft.position.trim());
        if position.is_none() {
            errors.push(FieldError::new("position", "admin-error-choose"));
        }
        let work_phone = draft.work_phone.trim().to_string();
        if !valid_directory_phone(&work_phone) {
            errors.push(FieldError::new("work_phone", "admin-error-phones"));
        }
        let post = match draft.post.trim() {
            "" => None,
            id => id.parse::<i64>().ok().or_else(|| {
                errors.push(FieldError::new("post", "admin-error-choose"));
                None
            }),
        };
        let reception_hours = OpeningHours::parse(draft.hours.trim()).ok();
        if reception_hours.is_none() {
            errors.push(FieldError::new("hours", "admin-error-hours"));
        }
        let slot_minutes = match draft.slot_minutes.trim() {
            "" => crate::domain::booking::DEFAULT_SLOT_MINUTES,
            t => t
                .parse::<i32>()
                .ok()
                .filter(|m| (5..=120).contains(m))
                .unwrap_or_else(|| {
                    errors.push(FieldError::new("slot_minutes", "admin-error-slot-minutes"));
                    0
                }),
        };
        match (rank, position, reception_hours) {
            (Some(rank), Some(position), Some(reception_hours)) if errors.is_empty() => {
                Ok(InspectorDetails {
                    name: Localized { kk, ru, en },
                    rank,
                    position,
                    work_phone,
                    post,
                    reception_hours,
                    slot_minutes,
                    active: draft.active,
                })
            }
            _ => Err(errors),
        }
    }
}

/// Who serves a beat: its inspector, and a substitute for a range of dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Assignment {
    pub inspector: Option<i64>,
    pub substitute: Option<i64>,
    pub from: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

/// A date as people here write it (24.11.2026) or as a date field sends it (2026-11-24).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d.%m.%Y"))
        .ok()
}

impl Assignment {
    /// The ids as chosen (empty for none) and the substitute's dates: a substitute needs both
    /// dates, the end not before the start, and is not the beat's own inspector.
    pub fn parse(
        inspector: &str,
        substitute: &str,
        from: &str,
        until: &str,
    ) -> Result<Assignment, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut id = |text: &str, field: &'static str| match text.trim() {
            "" => None,
            t => t.parse::<i64>().ok().or_else(|| {
                errors.push(FieldError::new(field, "admin-error-choose"));
                None
            }),
        };
        let inspector = id(inspector, "inspector");
        let substitute = id(substitute, "substitute");
        let mut date = |text: &str, field: &'static str| match text.trim() {
            "" => None,
            t => parse_date(t).or_else(|| {
                errors.push(FieldError::new(field, "admin-error-date"));
                None
            }),
        };
        let from = date(from, "substitute_from");
        let until = date(until, "substitute_until");
        if substitute.is_some() && errors.is_empty() {
            if from.is_none() {
                errors.push(FieldError::new(
                    "substitute_from",
                    "admin-error-substitute-dates",
                ));
            }
            if until.is_none() {
                errors.push(FieldError::new(
                    "substitute_until",
                    "admin-error-substitute-dates",
                ));
            }
            if substitute == inspector {
                errors.push(FieldError::new("substitute", "admin-error-substitute-self"));
            }
        }
        if let (Some(f), Some(u)) = (from, until)
            && u < f
        {
            errors.push(FieldError::new(
                "substitute_until",
                "admin-error-date-order",
            ));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        // Dates without a substitute mean nothing: they are not kept.
        let (from, until) = if substitute.is_some() {
            (from, until)
        } else {
            (None, None)
        };
        Ok(Assignment {
            inspector,
            substitute,
            from,
            until,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_substitute_needs_a_range_of_dates_and_is_someone_else() {
        let ok = Assignment::parse("1", "2", "24.12.2026", "2026-12-31");
        assert_eq!(
            ok.map(|a| (a.substitute, a.from, a.until)),
            Ok((
                Some(2),
                NaiveDate::from_ymd_opt(2026, 12, 24),
                NaiveDate::from_ymd_opt(2026, 12, 31)
            ))
        );
        let cases = [
            (
                ("1", "2", "", "31.12.2026"),
                "substitute_from",
                "admin-error-substitute-dates",
            ),
            (
                ("1", "2", "24.12.2026", ""),
                "substitute_until",
                "admin-error-substitute-dates",
            ),
            (
                ("1", "2", "31.12.2026", "24.12.2026"),
                "substitute_until",
                "admin-error-date-order",
            ),
            (
                ("1", "1", "24.12.2026", "31.12.2026"),
                "substitute",
                "admin-error-substitute-self",
            ),
            (
                ("1", "2", "31.02.2026", "31.12.2026"),
                "substitute_from",
                "admin-error-date",
            ),
            (("x", "", "", ""), "inspector", "admin-error-choose"),
        ];
        for ((i, s, f, u), field, key) in cases {
            let errors = Assignment::parse(i, s, f, u).err().unwrap_or_default();
            assert_eq!(errors, [FieldError::new(field, key)], "{i} {s} {f} {u}");
        }
        let none = Assignment::parse("1", "", "24.12.2026", "").map(|a| a.from);
        assert_eq!(none, Ok(None), "dates without a substitute are dropped");
    }

    #[test]
    fn an_inspector_form_names_what_is_wrong() {
        let draft = InspectorDraft {
            name: ["Серікұлы А.", "Серикулы А.", "A. Serikuly"],
            rank: "captain",
            position: "district_inspector",
            work_phone: "+7 7122 20-20-20",
            post: "",
            hours: "Tu 18:00-20:00; Th 18:00-20:00",
            slot_minutes: "",
            active: true,
        };
        assert!(InspectorDetails::parse(&draft).is_ok());
        let bad = InspectorDraft {
            rank: "general",
            work_phone: "",
            slot_minutes: "3",
            ..draft
        };
        let fields: Vec<&str> = InspectorDetails::parse(&bad)
            .err()
            .unwrap_or_default()
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["rank", "work_phone", "slot_minutes"]);
    }
}
