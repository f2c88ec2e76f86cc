//! What public pages show in common: cards, links, map data, the search form and its
//! messages. A leaf: it imports no page module, so every page may use it.

pub mod answer;
pub mod inspector_card;
pub mod location;
pub mod map;
pub mod post_card;

use crate::domain::field::FieldError;
use crate::domain::geo::Coordinates;
use crate::store::places::Place;
use crate::web::i18n::Lang;

/// A message shown in the error summary and next to its field.
pub struct ErrorItem {
    pub field: &'static str,
    pub message: String,
}

impl ErrorItem {
    /// The message for one field of a form, shown next to it.
    pub fn for_field<'a>(errors: &'a [ErrorItem], field: &str) -> Option<&'a str> {
        errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }
}

/// Field errors in the user's language.
pub fn error_items(lang: Lang, errors: &[FieldError]) -> Vec<ErrorItem> {
    errors
        .iter()
        .map(|e| ErrorItem {
            field: e.field,
            message: lang.t(e.key),
        })
        .collect()
}

/// One of several places that fit a typed address, as a link that picks it.
pub struct Choice {
    pub label: String,
    pub kind_label: String,
    pub href: String,
}

impl Choice {
    /// Links to pick one of several matching places; `href` makes the link for a place id.
    pub fn for_places(lang: Lang, places: &[Place], href: impl Fn(i64) -> String) -> Vec<Choice> {
        places
            .iter()
            .map(|p| Choice {
                label: p.name.of(lang).to_string(),
                kind_label: lang.t(p.kind.key()),
                href: href(p.id),
            })
            .collect()
    }
}

/// A phone number with its `tel:` link.
pub struct PhoneLink {
    pub display: String,
    pub href: String,
}

impl PhoneLink {
    pub fn new(number: &str) -> Self {
        Self {
            display: number.to_string(),
            href: crate::web::format::tel_href(number),
        }
    }
}

/// An option of a `<select>`.
pub struct OptionItem {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// A day and its hours in a week table.
pub struct WeekRow {
    pub day: String,
    pub hours: String,
}

/// What the resident typed into a location search, shown back in the form.
#[derive(Default)]
pub struct SearchForm {
    pub q: String,
    pub lat: String,
    pub lon: String,
    pub kind: String,
    pub open_now: bool,
}

/// Where a search was made from, in words: the place's name, or the coordinates.
pub fn origin_label(lang: Lang, at: Coordinates, place: Option<&Place>) -> String {
    match place {
        Some(p) => p.name.of(lang).to_string(),
        None => format!("{:.5}, {:.5}", at.lat(), at.lon()),
    }
}
