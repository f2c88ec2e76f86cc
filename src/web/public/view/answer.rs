//! "Who is my inspector" for a point: the card of whoever serves its beat today, or the
//! nearest inspector points when the point is in no beat. The home page and the inspector
//! finder both answer with it.

use sqlx::PgPool;

use super::inspector_card::{InspectorCard, beat_line, card, thanks_lines};
use super::map::{beat_map, posts_map};
use super::post_card::{self, PostCard};
use crate::domain::geo::Coordinates;
use crate::domain::post::PostKind;
use crate::store::beats;
use crate::store::posts::{self, NearestFilter, Post};
use crate::web::i18n::Lang;
use crate::web::state::AppState;

/// How many inspector points a place in no beat is shown.
const NEAREST_POINTS: i64 = 5;
/// How many nearby beats' inspectors a place in no beat is shown.
const NEAREST_BEATS: i64 = 2;

pub struct Answer {
    pub card: Option<InspectorCard>,
    /// For a place in no beat: who serves the nearest beats, with their phones.
    pub nearby: Vec<InspectorCard>,
    pub nearest_points: Vec<PostCard>,
    pub map_json: String,
}

pub async fn answer_for(
    pool: &PgPool,
    state: &AppState,
    lang: Lang,
    at: Coordinates,
) -> Result<Answer, sqlx::Error> {
    let now = state.local_now();
    let beat = beats::beat_at(pool, at).await?;
    let serving = match &beat {
        Some(b) => beats::serving(pool, b, now.date()).await?,
        None => None,
    };
    if let (Some(beat), Some((inspector, substitute))) = (&beat, &serving) {
        let mut card = card(lang, now, inspector, vec![beat_line(lang, beat)], Some(at));
        card.thanks = thanks_lines(pool, state, Some(inspector.id), None).await?;
        if *substitute {
            let until = beat
                .substitute_until
                .map(|d| d.format("%d.%m.%Y").to_string())
                .unwrap_or_default();
            card.substitute_note = lang.t_args(
                "inspector-substitute-note",
                &[
                    ("beat", beat.number.clone().into()),
                    ("until", until.into()),
                ],
            );
        }
        return Ok(Answer {
            map_json: beat_map(state, lang, Some(at), Some(inspector), Some(beat)),
            card: Some(card),
            nearby: Vec::new(),
            nearest_points: Vec::new(),
        });
    }
    let filter = NearestFilter {
        kind: Some(PostKind::InspectorPoint),
        future: false,
        open_at: None,
        limit: NEAREST_POINTS,
    };
    let points = posts::nearest(pool, at, filter).await?;
    let refs: Vec<&Post> = points.iter().map(|p| &p.post).collect();
    let mut nearby: Vec<InspectorCard> = Vec::new();
    for beat in beats::nearest_beats(pool, at, NEAREST_BEATS).await? {
        if let Some((inspector, _)) = beats::serving(pool, &beat, now.date()).await?
            && !nearby.iter().any(|c| c.id == inspector.id)
        {
            nearby.push(card(
                lang,
                now,
                &inspector,
                vec![beat_line(lang, &beat)],
                Some(at),
            ));
        }
    }
    Ok(Answer {
        card: None,
        nearby,
        nearest_points: points
            .iter()
            .map(|p| post_card::card(lang, now, at, p))
            .collect(),
        map_json: posts_map(state, lang, Some(at), &refs),
    })
}
