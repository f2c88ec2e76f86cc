//! An administrator's place of the gazetteer (a street, a house, a microdistrict, a landmark),
//! as typed, turned into its details or into what is wrong with each field.

use super::field::FieldError;
use super::geo::Coordinates;
use super::lang::Localized;
use super::place::PlaceKind;
use super::post_form::TEXT_MAX;

#[derive(Clone, Copy, Debug, Default)]
pub struct PlaceDraft<'a> {
    pub kind: &'a str,
    pub name: [&'a str; 3],
    pub lat: &'a str,
    pub lon: &'a str,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PlaceDetails {
    pub kind: PlaceKind,
    pub name: Localized,
    pub coordinates: Coordinates,
}

impl PlaceDetails {
    pub fn parse(draft: &PlaceDraft) -> Result<PlaceDetails, Vec<FieldError>> {
        let mut errors = Vec::new();
        let kind = PlaceKind::parse(draft.kind.trim());
        if kind.is_none() {
            errors.push(FieldError::new("kind", "admin-error-choose"));
        }
        let [kk, ru, en] = draft.name.map(|t| t.trim().to_string());
        for (text, field) in [(&kk, "name_kk"), (&ru, "name_ru"), (&en, "name_en")] {
            if text.is_empty() {
                errors.push(FieldError::new(field, "admin-error-required"));
            } else if text.chars().count() > TEXT_MAX {
                errors.push(FieldError::new(field, "admin-error-too-long"));
            }
        }
        let coordinates = match Coordinates::parse(draft.lat, draft.lon) {
            Ok(c) => Some(c),
            Err(_) if draft.lat.trim().is_empty() && draft.lon.trim().is_empty() => {
                errors.push(FieldError::new("lat", "admin-error-coordinates"));
                None
            }
            Err(e) => {
                let field = if e.key().contains("lon") {
                    "lon"
                } else {
                    "lat"
                };
                errors.push(FieldError::new(field, e.key()));
                None
            }
        };
        match (kind, coordinates) {
            (Some(kind), Some(coordinates)) if errors.is_empty() => Ok(PlaceDetails {
                kind,
                name: Localized { kk, ru, en },
                coordinates,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_needs_a_kind_three_names_and_a_point() {
        let draft = PlaceDraft {
            kind: "landmark",
            name: ["Жаңа саябақ", "Новый парк", "New Park"],
            lat: "47,1",
            lon: "51,9",
        };
        assert!(PlaceDetails::parse(&draft).is_ok());
        let cases = [
            (
                PlaceDraft {
                    kind: "river",
                    ..draft
                },
                "kind",
                "admin-error-choose",
            ),
            (
                PlaceDraft {
                    name: ["", "Парк", "Park"],
                    ..draft
                },
                "name_kk",
                "admin-error-required",
            ),
            (
                PlaceDraft {
                    lat: "",
                    lon: "",
                    ..draft
                },
                "lat",
                "admin-error-coordinates",
            ),
            (
                PlaceDraft {
                    lon: "500",
                    ..draft
                },
                "lon",
                "posts-error-lon-range",
            ),
        ];
        for (draft, field, key) in cases {
            let errors = PlaceDetails::parse(&draft).err().unwrap_or_default();
            assert_eq!(errors, [FieldError::new(field, key)], "{draft:?}");
        }
    }
}
