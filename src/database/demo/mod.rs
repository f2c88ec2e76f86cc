//! The demo data set: a fictional but plausible directory for Atyrau, marked as demo.
//!
//! It mirrors the announcement: 7 modular posts open around the clock, 34 district inspector
//! points (22 with living quarters, several receiving in the daytime only), 17 planned
//! stationary posts in crowded places, and 2 police departments, plus a gazetteer of the
//! city's main streets, microdistricts and landmarks, 34 inspectors and their beats. Names
//! of people and phone numbers are invented; coordinates are approximate.
//!
//! The set is four files in the formats administrators import (README, "Imports"), read by
//! the same parsers and checks, so loading the demo also exercises the importer.

use chrono::{Duration, NaiveDate};
use sqlx::PgPool;

use crate::domain::beat::Bounds;
use crate::import::{self, Format, ImportError, RowError, Source, upsert_all};
use crate::store::{inspectors, places, posts};

const POSTS: &str = include_str!("posts.csv");
const GAZETTEER: &str = include_str!("gazetteer.csv");
const INSPECTORS: &str = include_str!("inspectors.csv");
const BEATS: &str = include_str!("beats.geojson");

/// The area the demo beats lie in (Atyrau).
const DEMO_BOUNDS: Bounds = Bounds {
    min_lon: 51.70,
    min_lat: 47.00,
    max_lon: 52.10,
    max_lat: 47.30,
};

/// What a load put in the database, for the log and the command line.
#[derive(Debug, Default)]
pub struct DemoSummary {
    pub posts: usize,
    pub places: usize,
    pub inspectors: usize,
    pub beats: usize,
}

impl std::fmt::Display for DemoSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} posts, {} gazetteer places, {} inspectors, {} beats",
            self.posts, self.places, self.inspectors, self.beats
        )
    }
}

/// True when the directory has no posts at all.
pub async fn is_empty(pool: &PgPool) -> Result<bool, sqlx::Error> {
    Ok(posts::count(pool).await? == 0)
}

/// True when any demo record is in the directory.
pub async fn is_present(pool: &PgPool) -> Result<bool, sqlx::Error> {
    posts::any_demo(pool).await
}

fn csv(text: &str) -> Source<'_> {
    Source {
        format: Format::Csv,
        text,
    }
}

/// The demo's substitute covers beat 2 around today, whenever the demo is loaded: the file's
/// dates are moved to start three days ago and end in ten days.
fn keep_cover_current(
    from: &mut Option<NaiveDate>,
    until: &mut Option<NaiveDate>,
    today: NaiveDate,
) {
    if from.is_some() && until.is_some() {
        *from = Some(today - Duration::days(3));
        *until = Some(today + Duration::days(10));
    }
}

/// Loads (or refreshes) the demo data set in one transaction; real records are untouched.
pub async fn load(pool: &PgPool) -> Result<DemoSummary, ImportError> {
    let mut post_records = import::posts::parse(&csv(POSTS))?;
    let mut place_records = import::gazetteer::parse(&csv(GAZETTEER))?;
    let mut inspector_records = import::inspectors::parse(&csv(INSPECTORS))?;
    let beats = Source {
        format: Format::GeoJson,
        text: BEATS,
    };
    let mut beat_records = import::beats::parse(&beats, DEMO_BOUNDS)?;
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Asia::Atyrau)
        .date_naive();
    post_records.iter_mut().for_each(|p| p.is_demo = true);
    place_records.iter_mut().for_each(|p| p.is_demo = true);
    inspector_records
        .iter_mut()
        .for_each(|(_, i)| i.is_demo = true);
    for (_, beat) in &mut beat_records {
        beat.is_demo = true;
        keep_cover_current(&mut beat.substitute_from, &mut beat.substitute_until, today);
    }
    let ids = |ids: Vec<&str>| ids.into_iter().map(String::from).collect::<Vec<_>>();
    let mut tx = pool.begin().await?;
    upsert_all(&mut tx, &place_records).await?;
    upsert_all(&mut tx, &post_records).await?;
    places::delete_demo_except(
        &mut tx,
        &ids(place_records
            .iter()
            .map(|p| p.external_id.as_str())
            .collect()),
    )
    .await?;
    refuse(import::inspectors::unknown_posts(&mut tx, &inspector_records).await?)?;
    upsert_all(&mut tx, inspector_records.iter().map(|(_, i)| i)).await?;
    refuse(import::beats::unknown_inspectors(&mut tx, &beat_records).await?)?;
    upsert_all(&mut tx, beat_records.iter().map(|(_, b)| b)).await?;
    let keep_inspectors = ids(inspector_records
        .iter()
        .map(|(_, i)| i.external_id.as_str())
        .collect());
    let keep_beats = ids(beat_records
        .iter()
        .map(|(_, b)| b.external_id.as_str())
        .collect());
    inspectors::delete_demo_except(&mut tx, &keep_inspectors, &keep_beats).await?;
    posts::delete_demo_except(
        &mut tx,
        &ids(post_records
            .iter()
            .map(|p| p.external_id.as_str())
            .collect()),
    )
    .await?;
    tx.commit().await?;
    Ok(DemoSummary {
        posts: post_records.len(),
        places: place_records.len(),
        inspectors: inspector_records.len(),
        beats: beat_records.len(),
    })
}

fn refuse(errors: Vec<RowError>) -> Result<(), ImportError> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ImportError::Invalid(errors))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::domain::post::{PostKind, PostStatus};

    #[test]
    fn the_demo_directory_mirrors_the_announcement() {
        let posts = import::posts::parse(&csv(POSTS)).unwrap();
        let count = |k: PostKind, s: PostStatus| {
            posts
                .iter()
                .filter(|p| p.kind == k && p.status == s)
                .count()
        };
        assert_eq!(count(PostKind::ModularPost, PostStatus::Open), 7);
        assert_eq!(count(PostKind::InspectorPoint, PostStatus::Open), 34);
        assert_eq!(count(PostKind::StationaryPost, PostStatus::Planned), 17);
        assert_eq!(count(PostKind::PoliceDepartment, PostStatus::Open), 2);
        assert_eq!(posts.iter().filter(|p| p.with_living_quarters).count(), 22);
        for p in &posts {
            let (lat, lon) = (p.coordinates.lat(), p.coordinates.lon());
            assert!(
                (47.05..47.17).contains(&lat) && (51.80..52.0).contains(&lon),
                "{p:?}"
            );
        }
    }

    #[test]
    fn every_inspector_has_a_beat_and_a_reception_point_of_the_demo() {
        let posts = import::posts::parse(&csv(POSTS)).unwrap();
        let points: HashSet<_> = posts.iter().map(|p| p.external_id.as_str()).collect();
        let inspectors = import::inspectors::parse(&csv(INSPECTORS)).unwrap();
        let beats = import::beats::parse(
            &Source {
                format: Format::GeoJson,
                text: BEATS,
            },
            DEMO_BOUNDS,
        )
        .unwrap();
        assert_eq!((inspectors.len(), beats.len()), (34, 34));
        for (_, i) in &inspectors {
            let point = i.post_external_id.as_deref().unwrap_or_default();
            assert!(points.contains(point), "{}", i.external_id);
        }
        let covered = beats
            .iter()
            .filter(|(_, b)| b.substitute_external_id.is_some());
        assert_eq!(covered.count(), 1, "one beat is covered by a substitute");
    }

    #[test]
    fn the_cover_is_moved_around_today_and_a_beat_without_one_keeps_none() {
        let today = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        let (mut from, mut until) = (
            NaiveDate::from_ymd_opt(2026, 1, 1),
            NaiveDate::from_ymd_opt(2026, 1, 9),
        );
        keep_cover_current(&mut from, &mut until, today);
        assert_eq!(
            (from, until),
            (
                NaiveDate::from_ymd_opt(2027, 2, 26),
                NaiveDate::from_ymd_opt(2027, 3, 11)
            )
        );
        let (mut none_from, mut none_until) = (None, None);
        keep_cover_current(&mut none_from, &mut none_until, today);
        assert_eq!((none_from, none_until), (None, None));
    }
}
