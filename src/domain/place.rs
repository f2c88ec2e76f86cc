//! Places in the gazetteer residents search by: what kinds there are.

#[derive(Clone, Copy, Debug, PartialEq, Eq, sqlx::Type)]
#[sqlx(type_name = "place_kind", rename_all = "snake_case")]
pub enum PlaceKind {
    Street,
    House,
    Microdistrict,
    Landmark,
}

impl PlaceKind {
    pub const ALL: [PlaceKind; 4] = [
        PlaceKind::Street,
        PlaceKind::House,
        PlaceKind::Microdistrict,
        PlaceKind::Landmark,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PlaceKind::Street => "street",
            PlaceKind::House => "house",
            PlaceKind::Microdistrict => "microdistrict",
            PlaceKind::Landmark => "landmark",
        }
    }

    pub fn parse(code: &str) -> Option<PlaceKind> {
        PlaceKind::ALL.into_iter().find(|k| k.code() == code.trim())
    }

    pub fn key(self) -> &'static str {
        match self {
            PlaceKind::Street => "place-street",
            PlaceKind::House => "place-house",
            PlaceKind::Microdistrict => "place-microdistrict",
            PlaceKind::Landmark => "place-landmark",
        }
    }
}
