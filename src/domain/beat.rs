//! Beat boundaries: polygons with holes, whether a point lies in one, and which boundaries are
//! acceptable. Coordinates are (lon, lat) as in GeoJSON.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A closed ring of (lon, lat) points; the last point repeats the first.
pub type Ring = Vec<[f64; 2]>;

/// The outer ring and any holes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Boundary {
    pub rings: Vec<Ring>,
}

/// A box the city lies in; beats outside it are refused at import.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    pub min_lon: f64,
    pub min_lat: f64,
    pub max_lon: f64,
    pub max_lat: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BoundaryError {
    #[error("the boundary has no rings")]
    Empty,
    #[error("ring {0} has fewer than 4 points")]
    TooFewPoints(usize),
    #[error("ring {0} does not close: its last point differs from its first")]
    NotClosed(usize),
    #[error("ring {0} crosses itself")]
    SelfIntersecting(usize),
    #[error("ring {0} has a point that is not a valid coordinate")]
    BadPoint(usize),
    #[error("ring {0} lies outside the city")]
    OutsideCity(usize),
    #[error("hole {0} is not inside the outer ring")]
    HoleOutside(usize),
}

/// Where a point is relative to a ring.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Inside,
    OnEdge,
    Outside,
}

const EPS: f64 = 1e-12;

fn on_segment(p: [f64; 2], a: [f64; 2], b: [f64; 2]) -> bool {
    let cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
    if cross.abs() > EPS {
        return false;
    }
    p[0] >= a[0].min(b[0]) - EPS
        && p[0] <= a[0].max(b[0]) + EPS
        && p[1] >= a[1].min(b[1]) - EPS
        && p[1] <= a[1].max(b[1]) + EPS
}

fn side(ring: &Ring, p: [f64; 2]) -> Side {
    let mut inside = false;
    for (&a, &b) in ring.iter().zip(ring.iter().skip(1)) {
        if on_segment(p, a, b) {
            return Side::OnEdge;
        }
        // Ray casting to the east.
        if (a[1] > p[1]) != (b[1] > p[1]) {
            let x = a[0] + (p[1] - a[1]) * (b[0] - a[0]) / (b[1] - a[1]);
            if p[0] < x {
                inside = !inside;
            }
        }
    }
    if inside { Side::Inside } else { Side::Outside }
}

impl Boundary {
    /// A point on the outer edge or on a hole's edge belongs to the beat; a point strictly
    /// inside a hole does not.
    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        let p = [lon, lat];
        let Some(outer) = self.rings.first() else {
            return false;
        };
        if side(outer, p) == Side::Outside {
            return false;
        }
        !self
            .rings
            .iter()
            .skip(1)
            .any(|hole| side(hole, p) == Side::Inside)
    }

    /// Whether the outer rings share more than a border: an edge of one crosses an edge of the
    /// other, or a corner of one lies strictly inside the other. Neighbouring beats that only
    /// touch along their common border do not overlap.
    pub fn overlaps(&self, other: &Boundary) -> bool {
        let (Some(a), Some(b)) = (self.rings.first(), other.rings.first()) else {
            return false;
        };
        let edges = |r: &Ring| -> Vec<([f64; 2], [f64; 2])> {
            r.iter().copied().zip(r.iter().copied().skip(1)).collect()
        };
        let crossing = edges(a).iter().any(|&(p, q)| {
            edges(b).iter().any(|&(r, t)| {
                let (o1, o2) = (orientation(p, q, r), orientation(p, q, t));
                let (o3, o4) = (orientation(r, t, p), orientation(r, t, q));
                o1 * o2 < -EPS * EPS && o3 * o4 < -EPS * EPS
            })
        });
        crossing
            || a.iter().any(|&p| side(b, p) == Side::Inside)
            || b.iter().any(|&p| side(a, p) == Side::Inside)
    }

    /// The bounding box of the outer ring: (min lon, min lat, max lon, max lat).
    pub fn bbox(&self) -> (f64, f64, f64, f64) {
        let mut b = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for p in self.rings.first().into_iter().flatten() {
            b = (b.0.min(p[0]), b.1.min(p[1]), b.2.max(p[0]), b.3.max(p[1]));
        }
        b
    }

    /// Checks that every ring closes, does not cross itself, lies in the city, and that
    /// holes lie inside the outer ring.
    pub fn validate(&self, city: Bounds) -> Result<(), BoundaryError> {
        if self.rings.is_empty() {
            return Err(BoundaryError::Empty);
        }
        for (i, ring) in self.rings.iter().enumerate() {
            let n = i + 1;
            if ring.len() < 4 {
                return Err(BoundaryError::TooFewPoints(n));
            }
            if ring.iter().any(|p| {
                !p[0].is_finite() || !p[1].is_finite() || p[0].abs() > 180.0 || p[1].abs() > 90.0
            }) {
                return Err(BoundaryError::BadPoint(n));
            }
            if ring.first() != ring.last() {
                return Err(BoundaryError::NotClosed(n));
            }
            if ring.iter().any(|p| {
                p[0] < city.min_lon
                    || p[0] > city.max_lon
                    || p[1] < city.min_lat
                    || p[1] > city.max_lat
            }) {
                return Err(BoundaryError::OutsideCity(n));
            }
            if self_intersects(ring) {
                return Err(BoundaryError::SelfIntersecting(n));
            }
        }
        let Some(outer) = self.rings.first() else {
            return Err(BoundaryError::Empty);
        };
        for (i, hole) in self.rings.iter().enumerate().skip(1) {
            // The last point repeats the first.
            if hole
                .iter()
                .take(hole.len().saturating_sub(1))
                .any(|p| side(outer, *p) == Side::Outside)
            {
                return Err(BoundaryError::HoleOutside(i));
            }
        }
        Ok(())
    }
}

fn orientation(a: [f64; 2], b: [f64; 2], c: [f64; 2]) -> f64 {
    (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
}

fn segments_intersect(a: [f64; 2], b: [f64; 2], c: [f64; 2], d: [f64; 2]) -> bool {
    let (o1, o2) = (orientation(a, b, c), orientation(a, b, d));
    let (o3, o4) = (orientation(c, d, a), orientation(c, d, b));
    if ((o1 > EPS && o2 < -EPS) || (o1 < -EPS && o2 > EPS))
        && ((o3 > EPS && o4 < -EPS) || (o3 < -EPS && o4 > EPS))
    {
        return true;
    }
    on_segment(c, a, b) || on_segment(d, a, b) || on_segment(a, c, d) || on_segment(b, c, d)
}

/// Whether two edges that are not neighbours touch or cross.
fn self_intersects(ring: &Ring) -> bool {
    let edges: Vec<([f64; 2], [f64; 2])> = ring
        .iter()
        .copied()
        .zip(ring.iter().copied().skip(1))
        .collect();
    let n = edges.len();
    for (i, &(a, b)) in edges.iter().enumerate() {
        for (j, &(c, d)) in edges.iter().enumerate().skip(i + 1) {
            let neighbours = j == i + 1 || (i == 0 && j == n - 1);
            if !neighbours && segments_intersect(a, b, c, d) {
                return true;
            }
        }
    }
    false
}

/// A temporary substitute is shown instead of the beat's inspector while `today` is within
/// the dates (both inclusive).
pub fn substitute_active(
    today: NaiveDate,
    from: Option<NaiveDate>,
    until: Option<NaiveDate>,
) -> bool {
    match (from, until) {
        (Some(f), Some(u)) => f <= today && today <= u,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(x: f64, y: f64, size: f64) -> Boundary {
        Boundary {
            rings: vec![vec![
                [x, y],
                [x + size, y],
                [x + size, y + size],
                [x, y + size],
                [x, y],
            ]],
        }
    }

    #[test]
    fn neighbours_touch_and_overlapping_beats_overlap() {
        let a = block(51.90, 47.10, 0.01);
        assert!(!a.overlaps(&block(51.91, 47.10, 0.01)), "a common border");
        assert!(!a.overlaps(&block(51.95, 47.10, 0.01)), "apart");
        assert!(a.overlaps(&block(51.905, 47.105, 0.01)), "corners inside");
        assert!(
            a.overlaps(&block(51.902, 47.102, 0.002)),
            "one inside the other"
        );
        let cross = Boundary {
            rings: vec![vec![
                [51.899, 47.104],
                [51.911, 47.104],
                [51.911, 47.106],
                [51.899, 47.106],
                [51.899, 47.104],
            ]],
        };
        assert!(a.overlaps(&cross), "edges crossing, no corner inside");
    }

    fn square(x0: f64, y0: f64, x1: f64, y1: f64) -> Ring {
        vec![[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]
    }

    const CITY: Bounds = Bounds {
        min_lon: 0.0,
        min_lat: 0.0,
        max_lon: 100.0,
        max_lat: 100.0,
    };

    #[test]
    fn points_inside_on_edges_in_holes_and_outside() {
        let beat = Boundary {
            rings: vec![square(0.0, 0.0, 10.0, 10.0), square(4.0, 4.0, 6.0, 6.0)],
        };
        let cases = [
            ((1.0, 1.0), true, "inside"),
            ((0.0, 5.0), true, "on the west edge"),
            ((10.0, 10.0), true, "on a corner"),
            ((5.0, 0.0), true, "on the south edge"),
            ((5.0, 5.0), false, "in the hole"),
            ((4.0, 5.0), true, "on the hole's edge"),
            ((6.0, 6.0), true, "on the hole's corner"),
            ((10.0001, 5.0), false, "just outside"),
            ((-1.0, -1.0), false, "outside"),
        ];
        for ((x, y), expected, what) in cases {
            assert_eq!(beat.contains(x, y), expected, "{what}");
        }
    }

    #[test]
    fn bad_boundaries_are_refused_with_the_reason() {
        let bowtie = vec![
            [0.0, 0.0],
            [10.0, 10.0],
            [10.0, 0.0],
            [0.0, 10.0],
            [0.0, 0.0],
        ];
        let open = vec![[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0]];
        let cases: Vec<(Vec<Ring>, BoundaryError)> = vec![
            (vec![], BoundaryError::Empty),
            (
                vec![vec![[0.0, 0.0], [1.0, 1.0], [0.0, 0.0]]],
                BoundaryError::TooFewPoints(1),
            ),
            (vec![open.clone(), open], BoundaryError::NotClosed(1)),
            (vec![bowtie], BoundaryError::SelfIntersecting(1)),
            (
                vec![square(90.0, 80.0, 110.0, 85.0)],
                BoundaryError::OutsideCity(1),
            ),
            (
                vec![square(0.0, 0.0, 10.0, 10.0), square(20.0, 20.0, 30.0, 30.0)],
                BoundaryError::HoleOutside(1),
            ),
            (
                vec![vec![[0.0, 0.0], [f64::NAN, 1.0], [1.0, 1.0], [0.0, 0.0]]],
                BoundaryError::BadPoint(1),
            ),
        ];
        for (rings, expected) in cases {
            assert_eq!(
                Boundary { rings }.validate(CITY),
                Err(expected.clone()),
                "{expected}"
            );
        }
        let good = Boundary {
            rings: vec![square(0.0, 0.0, 10.0, 10.0), square(4.0, 4.0, 6.0, 6.0)],
        };
        assert_eq!(good.validate(CITY), Ok(()));
    }

    #[test]
    fn a_substitute_covers_from_the_first_to_the_last_day() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let (from, until) = (Some(d("2026-11-20")), Some(d("2026-11-30")));
        assert!(!substitute_active(d("2026-11-19"), from, until));
        assert!(substitute_active(d("2026-11-20"), from, until));
        assert!(substitute_active(d("2026-11-30"), from, until));
        assert!(!substitute_active(d("2026-12-01"), from, until));
        assert!(!substitute_active(d("2026-11-25"), None, until));
    }
}
