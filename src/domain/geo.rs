//! Points on the map, distances between them and how long they take to walk.

use serde::Serialize;

/// A valid WGS 84 point: latitude in -90..=90, longitude in -180..=180.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Coordinates {
    lat: f64,
    lon: f64,
}

/// Why coordinates were refused; each names a message for the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CoordinatesError {
    #[error("latitude is not a number")]
    LatNotNumber,
    #[error("longitude is not a number")]
    LonNotNumber,
    #[error("latitude is out of range")]
    LatOutOfRange,
    #[error("longitude is out of range")]
    LonOutOfRange,
    #[error("only one of latitude and longitude was given")]
    Incomplete,
}

impl CoordinatesError {
    /// The message key (locales) and the stable API code.
    pub fn key(self) -> &'static str {
        match self {
            CoordinatesError::LatNotNumber => "posts-error-lat-number",
            CoordinatesError::LonNotNumber => "posts-error-lon-number",
            CoordinatesError::LatOutOfRange => "posts-error-lat-range",
            CoordinatesError::LonOutOfRange => "posts-error-lon-range",
            CoordinatesError::Incomplete => "posts-error-coords-incomplete",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            CoordinatesError::LatNotNumber => "lat_not_a_number",
            CoordinatesError::LonNotNumber => "lon_not_a_number",
            CoordinatesError::LatOutOfRange => "lat_out_of_range",
            CoordinatesError::LonOutOfRange => "lon_out_of_range",
            CoordinatesError::Incomplete => "coordinates_incomplete",
        }
    }
}

/// Mean Earth radius used by PostgreSQL's earthdistance module, in metres.
pub const EARTH_RADIUS_M: f64 = 6_378_168.0;
/// An unhurried walk, 4.5 km/h.
const WALKING_M_PER_MIN: f64 = 75.0;

impl Coordinates {
    pub fn new(lat: f64, lon: f64) -> Result<Self, CoordinatesError> {
        if !lat.is_finite() {
            return Err(CoordinatesError::LatNotNumber);
        }
        if !lon.is_finite() {
            return Err(CoordinatesError::LonNotNumber);
        }
        if !(-90.0..=90.0).contains(&lat) {
            return Err(CoordinatesError::LatOutOfRange);
        }
        if !(-180.0..=180.0).contains(&lon) {
            return Err(CoordinatesError::LonOutOfRange);
        }
        Ok(Self { lat, lon })
    }

    /// From form or query text; a decimal comma is accepted, as Russian keyboards type it.
    pub fn parse(lat: &str, lon: &str) -> Result<Self, CoordinatesError> {
        let number = |s: &str| s.trim().replace(',', ".").parse::<f64>().ok();
        let lat = number(lat).ok_or(CoordinatesError::LatNotNumber)?;
        let lon = number(lon).ok_or(CoordinatesError::LonNotNumber)?;
        Self::new(lat, lon)
    }

    /// Both, one or neither of two optional fields.
    pub fn parse_optional(
        lat: Option<&str>,
        lon: Option<&str>,
    ) -> Result<Option<Self>, CoordinatesError> {
        let lat = lat.map(str::trim).filter(|s| !s.is_empty());
        let lon = lon.map(str::trim).filter(|s| !s.is_empty());
        match (lat, lon) {
            (None, None) => Ok(None),
            (Some(lat), Some(lon)) => Self::parse(lat, lon).map(Some),
            _ => Err(CoordinatesError::Incomplete),
        }
    }

    pub fn lat(self) -> f64 {
        self.lat
    }

    pub fn lon(self) -> f64 {
        self.lon
    }

    /// Great-circle distance by the haversine formula, in metres.
    pub fn distance_m(self, other: Coordinates) -> f64 {
        let (p1, p2) = (self.lat.to_radians(), other.lat.to_radians());
        let dp = p2 - p1;
        let dl = (other.lon - self.lon).to_radians();
        let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
        2.0 * EARTH_RADIUS_M * a.sqrt().asin()
    }
}

/// Minutes on foot for a distance, at least one.
pub fn walking_minutes(distance_m: f64) -> i64 {
    ((distance_m / WALKING_M_PER_MIN).ceil() as i64).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_are_validated() {
        let cases = [
            ("47.1", "51.9", Ok(())),
            ("47,1", "51,9", Ok(())),
            ("-90", "180", Ok(())),
            ("90.0001", "51", Err(CoordinatesError::LatOutOfRange)),
            ("47", "-180.5", Err(CoordinatesError::LonOutOfRange)),
            ("north", "51", Err(CoordinatesError::LatNotNumber)),
            ("47", "", Err(CoordinatesError::LonNotNumber)),
            ("NaN", "51", Err(CoordinatesError::LatNotNumber)),
            ("47", "inf", Err(CoordinatesError::LonNotNumber)),
        ];
        for (lat, lon, expected) in cases {
            assert_eq!(
                Coordinates::parse(lat, lon).map(|_| ()),
                expected,
                "{lat},{lon}"
            );
        }
        assert_eq!(
            Coordinates::parse_optional(Some("47"), None),
            Err(CoordinatesError::Incomplete)
        );
        assert_eq!(Coordinates::parse_optional(Some(" "), None), Ok(None));
    }

    #[test]
    fn distances_match_known_values() {
        let atyrau = Coordinates::new(47.1167, 51.8833).unwrap();
        let astana = Coordinates::new(51.1694, 71.4491).unwrap();
        let d = atyrau.distance_m(astana) / 1000.0;
        assert!((1470.0..1510.0).contains(&d), "{d} km");
        assert_eq!(atyrau.distance_m(atyrau), 0.0);
        assert_eq!(walking_minutes(0.0), 1);
        assert_eq!(walking_minutes(750.0), 10);
        assert_eq!(walking_minutes(751.0), 11);
    }
}
