//! District inspectors: their ranks and positions, and who serves a beat on a given day.

use chrono::NaiveDate;

use super::beat::substitute_active;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rank {
    Lieutenant,
    SeniorLieutenant,
    Captain,
    Major,
    LieutenantColonel,
}

impl Rank {
    pub const ALL: [Rank; 5] = [
        Rank::Lieutenant,
        Rank::SeniorLieutenant,
        Rank::Captain,
        Rank::Major,
        Rank::LieutenantColonel,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Rank::Lieutenant => "lieutenant",
            Rank::SeniorLieutenant => "senior_lieutenant",
            Rank::Captain => "captain",
            Rank::Major => "major",
            Rank::LieutenantColonel => "lieutenant_colonel",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Rank::Lieutenant => "rank-lieutenant",
            Rank::SeniorLieutenant => "rank-senior-lieutenant",
            Rank::Captain => "rank-captain",
            Rank::Major => "rank-major",
            Rank::LieutenantColonel => "rank-lieutenant-colonel",
        }
    }

    pub fn parse(code: &str) -> Option<Rank> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The message key for a stored code; a rank this version does not know reads "officer".
    pub fn key_of(code: &str) -> &'static str {
        Rank::parse(code).map_or("rank-other", Rank::key)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Position {
    DistrictInspector,
    SeniorDistrictInspector,
}

impl Position {
    pub const ALL: [Position; 2] = [
        Position::DistrictInspector,
        Position::SeniorDistrictInspector,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Position::DistrictInspector => "district_inspector",
            Position::SeniorDistrictInspector => "senior_district_inspector",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Position::DistrictInspector => "position-district-inspector",
            Position::SeniorDistrictInspector => "position-senior-district-inspector",
        }
    }

    pub fn parse(code: &str) -> Option<Position> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }

    /// The message key for a stored code; unknown codes read as a district inspector.
    pub fn key_of(code: &str) -> &'static str {
        Position::parse(code).map_or("position-district-inspector", Position::key)
    }
}

/// Who is meant to serve a beat today.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Serving {
    /// A substitute covers the beat (leave, sickness); if they cannot be found or are
    /// inactive, the beat's own inspector stands in.
    Substitute {
        substitute: i64,
        inspector: Option<i64>,
    },
    Inspector(i64),
    Nobody,
}

/// The substitute while the cover lasts, else the beat's inspector.
pub fn serving_today(
    today: NaiveDate,
    inspector: Option<i64>,
    substitute: Option<i64>,
    from: Option<NaiveDate>,
    until: Option<NaiveDate>,
) -> Serving {
    match (substitute, inspector) {
        (Some(substitute), inspector) if substitute_active(today, from, until) => {
            Serving::Substitute {
                substitute,
                inspector,
            }
        }
        (_, Some(inspector)) => Serving::Inspector(inspector),
        (_, None) => Serving::Nobody,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2026, 12, d)
    }

    #[test]
    fn a_substitute_serves_only_within_the_dates() {
        let today = day(5).unwrap_or_default();
        let cases = [
            (
                Some(1),
                Some(2),
                day(1),
                day(10),
                Serving::Substitute {
                    substitute: 2,
                    inspector: Some(1),
                },
            ),
            (Some(1), Some(2), day(6), day(10), Serving::Inspector(1)),
            (Some(1), Some(2), day(1), day(4), Serving::Inspector(1)),
            (Some(1), Some(2), None, day(10), Serving::Inspector(1)),
            (None, None, None, None, Serving::Nobody),
        ];
        for (inspector, substitute, from, until, expected) in cases {
            assert_eq!(
                serving_today(today, inspector, substitute, from, until),
                expected
            );
        }
    }

    #[test]
    fn unknown_codes_still_have_a_message() {
        assert_eq!(Rank::key_of("general"), "rank-other");
        assert_eq!(Rank::key_of("major"), "rank-major");
        assert_eq!(Position::key_of(""), "position-district-inspector");
    }
}
