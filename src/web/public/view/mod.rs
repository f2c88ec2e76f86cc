//! What public pages show in common: cards, links, map data, the search form and its
//! messages. A leaf: it imports no page module, so every page may use it.

pub mod answer;
pub mod inspector_card;
pub mod location;
pub mod map;
pub mod post_card;

pub use crate::web::form::{ErrorItem, OptionItem, error_items};

use crate::domain::geo::Coordinates;
use crate::store::places::Place;
use crate::web::i18n::Lang;

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

pub use crate::web::hours::WeekRow;

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
