//! The district inspector's card: who, how to reach them, when they receive residents.

use chrono::NaiveDateTime;
use sqlx::PgPool;

use super::{PhoneLink, WeekRow};
use crate::domain::geo::Coordinates;
use crate::domain::hours::{OpenState, OpeningHours};
use crate::domain::inspector::{Position, Rank};
use crate::store::beats::Beat;
use crate::store::inspectors::Inspector;
use crate::web::format;
use crate::web::i18n::Lang;
use crate::web::links::{geo_uri, osm_directions};
use crate::web::state::AppState;

/// Everything the inspector card shows.
pub struct InspectorCard {
    pub id: i64,
    /// On the inspector's own page the name is the page's heading, not a link to it.
    pub own_page: bool,
    pub href: String,
    pub name: String,
    pub rank: String,
    pub position: String,
    pub photo_src: String,
    pub phone: PhoneLink,
    pub point_name: String,
    pub point_address: String,
    pub point_href: String,
    pub point_geo: String,
    pub point_directions: String,
    pub distance: String,
    pub receiving_class: &'static str,
    pub receiving_text: String,
    pub reception: Vec<WeekRow>,
    pub beats: Vec<BeatLine>,
    /// "Covers beat 2 for its inspector until 05.12.2026", when a substitute is shown.
    pub substitute_note: String,
    /// Thanks published by moderators, newest first, without any contact data.
    pub thanks: Vec<ThanksLine>,
}

pub struct ThanksLine {
    pub text: String,
    pub date: String,
}

/// Published thanks for an inspector or a post, as the public pages show them.
pub async fn thanks_lines(
    pool: &PgPool,
    state: &AppState,
    inspector: Option<i64>,
    post: Option<i64>,
) -> Result<Vec<ThanksLine>, sqlx::Error> {
    let thanks = crate::store::moderation::published_thanks(pool, inspector, post, 10).await?;
    Ok(thanks
        .into_iter()
        .map(|t| ThanksLine {
            text: t.text,
            date: t
                .published_at
                .with_timezone(&state.settings.time_zone)
                .format("%d.%m.%Y")
                .to_string(),
        })
        .collect())
}

pub struct BeatLine {
    pub number: String,
    /// The beat's own page.
    pub href: String,
    pub name: String,
    pub description: String,
}

pub fn beat_line(lang: Lang, beat: &Beat) -> BeatLine {
    BeatLine {
        href: crate::web::links::beat_href(&beat.number),
        number: beat.number.clone(),
        name: beat.name.of(lang).to_string(),
        description: beat.description.of(lang).to_string(),
    }
}

/// The days with reception hours.
fn week_rows(lang: Lang, hours: &OpeningHours) -> Vec<WeekRow> {
    hours
        .week_days()
        .into_iter()
        .filter(|(_, intervals)| !intervals.is_empty())
        .map(|(day, intervals)| WeekRow {
            day: lang.t(format::weekday_key(day)),
            hours: intervals
                .iter()
                .map(|i| i.label())
                .collect::<Vec<_>>()
                .join(", "),
        })
        .collect()
}

/// "Receiving now, until ..." or "Next reception ...".
fn receiving(lang: Lang, now: NaiveDateTime, hours: &OpeningHours) -> (&'static str, String) {
    match hours.state_at(now) {
        OpenState::Open { until: Some(u) } => (
            "open",
            lang.t_args("inspector-receiving-now", &format::moment(now, u)),
        ),
        OpenState::Open { until: None } => ("open", lang.t("inspector-receiving-always")),
        OpenState::Closed { opens: Some(t) } => (
            "closed",
            lang.t_args("inspector-next-reception", &format::moment(now, t)),
        ),
        OpenState::Closed { opens: None } => ("closed", lang.t("inspector-no-reception")),
    }
}

pub fn card(
    lang: Lang,
    now: NaiveDateTime,
    inspector: &Inspector,
    beats: Vec<BeatLine>,
    from: Option<Coordinates>,
) -> InspectorCard {
    let (receiving_class, receiving_text) = receiving(lang, now, &inspector.reception_hours);
    let point = inspector.point.as_ref();
    let distance = match (from, point) {
        (Some(f), Some(p)) => Coordinates::new(p.lat, p.lon)
            .map(|c| {
                let d = f.distance_m(c);
                format!("{} · {}", format::distance(lang, d), format::walk(lang, d))
            })
            .unwrap_or_default(),
        _ => String::new(),
    };
    InspectorCard {
        id: inspector.id,
        own_page: false,
        href: format!("/inspectors/{}", inspector.id),
        name: inspector.name.of(lang).to_string(),
        rank: lang.t(Rank::key_of(&inspector.rank)),
        position: lang.t(Position::key_of(&inspector.position)),
        photo_src: format!("/inspectors/{}/photo", inspector.id),
        phone: PhoneLink::new(&inspector.work_phone),
        point_name: point
            .map(|p| p.name.of(lang).to_string())
            .unwrap_or_default(),
        point_address: point
            .map(|p| p.address.of(lang).to_string())
            .unwrap_or_default(),
        point_href: point
            .map(|p| format!("/posts/{}", p.id))
            .unwrap_or_default(),
        point_geo: point.map(|p| geo_uri(p.lat, p.lon)).unwrap_or_default(),
        point_directions: point
            .map(|p| osm_directions(from.map(|f| (f.lat(), f.lon())), (p.lat, p.lon)))
            .unwrap_or_default(),
        distance,
        receiving_class,
        receiving_text,
        reception: week_rows(lang, &inspector.reception_hours),
        beats,
        substitute_note: String::new(),
        thanks: Vec::new(),
    }
}
