//! Where the resident is: a chosen gazetteer place, coordinates, or a typed address.
//! Shared by the post finder and the inspector finder.

use serde::Deserialize;
use sqlx::PgPool;

use crate::domain::field::FieldError;
use crate::domain::geo::{Coordinates, CoordinatesError};
use crate::domain::text::fold;
use crate::store::places::{self, Place};

/// Longest address a resident may type; longer is a mistake or an attack.
pub const MAX_QUERY_CHARS: usize = 200;
const MAX_CHOICES: i64 = 8;

#[derive(Clone, Debug, Default, Deserialize)]
pub struct LocationQuery {
    pub q: Option<String>,
    pub lat: Option<String>,
    pub lon: Option<String>,
    pub place: Option<String>,
}

pub enum Located {
    /// Nothing asked yet: show the form.
    Nothing,
    At {
        at: Coordinates,
        /// The place chosen or found, if the location came from the gazetteer.
        place: Option<Place>,
    },
    /// Several places fit the typed address; the resident picks one.
    Choose(Vec<Place>),
    NotFound,
}

impl LocationQuery {
    pub fn typed(&self) -> &str {
        self.q.as_deref().map(str::trim).unwrap_or("")
    }
}

fn coordinate_error(e: CoordinatesError) -> FieldError {
    let field = match e {
        CoordinatesError::LonNotNumber | CoordinatesError::LonOutOfRange => "lon",
        _ => "lat",
    };
    FieldError {
        field,
        key: e.key(),
    }
}

/// Validates the query and resolves it to a point, a list of choices, or nothing.
pub async fn locate(
    pool: &PgPool,
    query: &LocationQuery,
) -> Result<Result<Located, Vec<FieldError>>, sqlx::Error> {
    if let Some(place) = query.place.as_deref().filter(|p| !p.is_empty()) {
        let Ok(id) = place.trim().parse::<i64>() else {
            return Ok(Err(vec![FieldError {
                field: "q",
                key: "location-error-place",
            }]));
        };
        return Ok(Ok(match places::by_id(pool, id).await? {
            Some(place) => match place.coordinates() {
                Some(at) => Located::At {
                    at,
                    place: Some(place),
                },
                None => Located::NotFound,
            },
            None => Located::NotFound,
        }));
    }
    match Coordinates::parse_optional(query.lat.as_deref(), query.lon.as_deref()) {
        Err(e) => return Ok(Err(vec![coordinate_error(e)])),
        Ok(Some(at)) => return Ok(Ok(Located::At { at, place: None })),
        Ok(None) => {}
    }
    let typed = query.typed();
    if typed.is_empty() {
        return Ok(Ok(Located::Nothing));
    }
    if typed.chars().count() > MAX_QUERY_CHARS {
        return Ok(Err(vec![FieldError {
            field: "q",
            key: "location-error-too-long",
        }]));
    }
    if fold(typed).is_empty() {
        return Ok(Err(vec![FieldError {
            field: "q",
            key: "location-error-no-letters",
        }]));
    }
    let found = places::search(pool, typed, MAX_CHOICES).await?;
    Ok(Ok(pick(exact_first(found, typed))))
}

/// The one place whose name, in any language, is what was typed (the official address
/// «улица Абая, 13» as well as «Абая 13»): it alone, as a clear winner. Several places of the
/// same name stay choices.
fn exact_first(found: Vec<Place>, typed: &str) -> Vec<Place> {
    let typed = fold(typed);
    let is_exact = |p: &Place| {
        [&p.name.kk, &p.name.ru, &p.name.en]
            .iter()
            .any(|n| fold(n) == typed)
    };
    if found.iter().filter(|p| is_exact(p)).count() == 1 {
        found.into_iter().filter(|p| is_exact(p)).collect()
    } else {
        found
    }
}

/// One clear winner is taken; several close matches are offered as choices.
fn pick(mut found: Vec<Place>) -> Located {
    match found.len() {
        0 => Located::NotFound,
        1 => {
            let place = found.remove(0);
            match place.coordinates() {
                Some(at) => Located::At {
                    at,
                    place: Some(place),
                },
                None => Located::NotFound,
            }
        }
        _ if found[0].score >= 0.95 && found[0].score - found[1].score >= 0.15 => {
            pick(vec![found.remove(0)])
        }
        _ => Located::Choose(found),
    }
}
