//! An administrator's post form, as typed, turned into a post's details or into what is wrong
//! with each field. The rules are the importer's: the same kinds, statuses, services, phone
//! shape and hours parser.

use super::field::{FieldError, in_form_order};
use super::geo::Coordinates;
use super::hours::OpeningHours;
use super::lang::Localized;
use super::post::{PostKind, PostStatus, Service};

/// The fields in the order the form shows them.
pub const POST_FIELDS: [&str; 14] = [
    "kind",
    "status",
    "name_kk",
    "name_ru",
    "name_en",
    "address_kk",
    "address_ru",
    "address_en",
    "place",
    "lat",
    "lon",
    "phones",
    "hours",
    "services",
];

/// A name, an address, a phone: at most this many characters.
pub const TEXT_MAX: usize = 300;

/// What the form sent, as text.
#[derive(Clone, Copy, Debug, Default)]
pub struct PostDraft<'a> {
    pub kind: &'a str,
    pub status: &'a str,
    pub name: [&'a str; 3],
    pub address: [&'a str; 3],
    pub lat: &'a str,
    pub lon: &'a str,
    /// One per line (or separated by commas).
    pub phones: &'a str,
    pub hours: &'a str,
    pub services: &'a [String],
    pub living_quarters: bool,
}

/// A post as the administrator described it.
#[derive(Clone, Debug, PartialEq)]
pub struct PostDetails {
    pub kind: PostKind,
    pub status: PostStatus,
    pub name: Localized,
    pub address: Localized,
    pub coordinates: Coordinates,
    pub phones: Vec<String>,
    pub hours: OpeningHours,
    pub services: Vec<String>,
    pub with_living_quarters: bool,
}

/// The shape of a directory phone, as the importer accepts it: digits, spaces, + - ( ).
pub fn valid_directory_phone(phone: &str) -> bool {
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    (3..=15).contains(&digits)
        && phone
            .chars()
            .all(|c| c.is_ascii_digit() || " +-()".contains(c))
}

fn localized(
    texts: [&str; 3],
    fields: [&'static str; 3],
    errors: &mut Vec<FieldError>,
) -> Localized {
    let [kk, ru, en] = texts.map(|t| t.trim().to_string());
    for (text, field) in [&kk, &ru, &en].into_iter().zip(fields) {
        if text.is_empty() {
            errors.push(FieldError::new(field, "admin-error-required"));
        } else if text.chars().count() > TEXT_MAX {
            errors.push(FieldError::new(field, "admin-error-too-long"));
        }
    }
    Localized { kk, ru, en }
}

impl PostDetails {
    pub fn parse(draft: &PostDraft) -> Result<PostDetails, Vec<FieldError>> {
        let mut errors = Vec::new();
        let kind = PostKind::parse(draft.kind.trim());
        if kind.is_none() {
            errors.push(FieldError::new("kind", "admin-error-choose"));
        }
        let status = PostStatus::parse(draft.status.trim());
        if status.is_none() {
            errors.push(FieldError::new("status", "admin-error-choose"));
        }
        let name = localized(draft.name, ["name_kk", "name_ru", "name_en"], &mut errors);
        let address_fields = ["address_kk", "address_ru", "address_en"];
        let address = localized(draft.address, address_fields, &mut errors);
        let coordinates = match Coordinates::parse(draft.lat, draft.lon) {
            Ok(c) => Some(c),
            Err(_) if draft.lat.trim().is_empty() && draft.lon.trim().is_empty() => {
                errors.push(FieldError::new("lat", "admin-error-location"));
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
        let phones: Vec<String> = draft
            .phones
            .split(['\n', ','])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect();
        if phones.iter().any(|p| !valid_directory_phone(p)) {
            errors.push(FieldError::new("phones", "admin-error-phones"));
        }
        let hours = OpeningHours::parse(draft.hours.trim()).ok();
        if hours.is_none() {
            errors.push(FieldError::new("hours", "admin-error-hours"));
        }
        if draft.services.iter().any(|c| Service::parse(c).is_none()) {
            errors.push(FieldError::new("services", "admin-error-choose"));
        }
        // In the one order services are listed in, so that ticking the same boxes is no change.
        let services: Vec<String> = Service::ALL
            .iter()
            .filter(|s| draft.services.iter().any(|c| c == s.code()))
            .map(|s| s.code().to_string())
            .collect();
        match (kind, status, coordinates, hours) {
            (Some(kind), Some(status), Some(coordinates), Some(hours)) if errors.is_empty() => {
                Ok(PostDetails {
                    kind,
                    status,
                    name,
                    address,
                    coordinates,
                    phones,
                    hours,
                    services,
                    with_living_quarters: draft.living_quarters,
                })
            }
            _ => {
                in_form_order(&mut errors, &POST_FIELDS);
                Err(errors)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> PostDraft<'static> {
        PostDraft {
            kind: "modular_post",
            status: "open",
            name: ["№ 8 бекет", "Пост № 8", "Post No. 8"],
            address: ["Абай көшесі, 1", "улица Абая, 1", "1 Abai Street"],
            lat: "47,1",
            lon: "51.9",
            phones: "+7 7122 20-20-20\n102",
            hours: "24/7",
            services: &[],
            living_quarters: false,
        }
    }

    #[test]
    fn a_complete_form_is_a_post() {
        let post = PostDetails::parse(&draft()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(post.phones, ["+7 7122 20-20-20", "102"]);
        assert!(post.hours.always);
        assert!((post.coordinates.lat() - 47.1).abs() < 1e-9);
    }

    #[test]
    fn services_are_kept_in_their_listed_order() {
        let ticked = [
            "first_aid_kit".to_string(),
            "receiving_residents".to_string(),
        ];
        let post = PostDetails::parse(&PostDraft {
            services: &ticked,
            ..draft()
        });
        let services = post.map(|p| p.services).unwrap_or_default();
        assert_eq!(services, ["receiving_residents", "first_aid_kit"]);
    }

    #[test]
    fn each_rule_names_its_field() {
        let services = ["first_aid_kit".to_string(), "teleport".to_string()];
        let cases: Vec<(PostDraft, &str, &str)> = vec![
            (
                PostDraft {
                    kind: "castle",
                    ..draft()
                },
                "kind",
                "admin-error-choose",
            ),
            (
                PostDraft {
                    status: "",
                    ..draft()
                },
                "status",
                "admin-error-choose",
            ),
            (
                PostDraft {
                    name: ["", "Пост", "Post"],
                    ..draft()
                },
                "name_kk",
                "admin-error-required",
            ),
            (
                PostDraft {
                    lat: "",
                    lon: "",
                    ..draft()
                },
                "lat",
                "admin-error-location",
            ),
            (
                PostDraft {
                    lat: "95",
                    ..draft()
                },
                "lat",
                "posts-error-lat-range",
            ),
            (
                PostDraft {
                    phones: "call us",
                    ..draft()
                },
                "phones",
                "admin-error-phones",
            ),
            (
                PostDraft {
                    hours: "Mo-Fr 9-18",
                    ..draft()
                },
                "hours",
                "admin-error-hours",
            ),
            (
                PostDraft {
                    hours: "",
                    ..draft()
                },
                "hours",
                "admin-error-hours",
            ),
            (
                PostDraft {
                    services: &services,
                    ..draft()
                },
                "services",
                "admin-error-choose",
            ),
        ];
        for (draft, field, key) in cases {
            let errors = PostDetails::parse(&draft).err().unwrap_or_default();
            assert_eq!(errors, [FieldError::new(field, key)], "{draft:?}");
        }
    }
}
