//! The data static/js/map.js draws: tiles, "you are here", posts and beat boundaries.

use serde_json::json;

use crate::domain::geo::Coordinates;
use crate::store::beats::Beat;
use crate::store::inspectors::Inspector;
use crate::store::posts::Post;
use crate::web::i18n::Lang;
use crate::web::state::AppState;

/// JSON that can stand inside a `<script type="application/json">` element: no `<`, `>` or
/// `&` can end the element or start markup.
pub fn script_safe_json(data: &serde_json::Value) -> String {
    data.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

fn marker(lat: f64, lon: f64, name: &str, id: i64, future: bool) -> serde_json::Value {
    json!({"lat": lat, "lon": lon, "name": name, "href": format!("/posts/{id}"), "future": future})
}

fn map_data(
    state: &AppState,
    lang: Lang,
    you: Option<Coordinates>,
    markers: Vec<serde_json::Value>,
    shapes: Option<Vec<Vec<Vec<[f64; 2]>>>>,
) -> String {
    let mut data = json!({
        "tiles": state.settings.tile_url,
        "attribution": lang.t("map-attribution"),
        "you": you.map(|c| [c.lat(), c.lon()]),
        "youLabel": lang.t("map-you"),
        "zoomIn": lang.t("map-zoom-in"),
        "zoomOut": lang.t("map-zoom-out"),
        "posts": markers,
    });
    if let (Some(shapes), Some(object)) = (shapes, data.as_object_mut()) {
        object.insert("shapes".into(), json!(shapes));
    }
    script_safe_json(&data)
}

/// Posts on the map, and where the resident is.
pub fn posts_map(
    state: &AppState,
    lang: Lang,
    you: Option<Coordinates>,
    posts: &[&Post],
) -> String {
    let markers = posts
        .iter()
        .map(|p| marker(p.lat, p.lon, p.name.of(lang), p.id, p.status.is_future()))
        .collect();
    map_data(state, lang, you, markers, None)
}

/// The inspector's reception point and the beat's boundary.
pub fn beat_map(
    state: &AppState,
    lang: Lang,
    you: Option<Coordinates>,
    inspector: Option<&Inspector>,
    beat: Option<&Beat>,
) -> String {
    let markers = inspector
        .and_then(|i| i.point.as_ref())
        .map(|p| marker(p.lat, p.lon, p.name.of(lang), p.id, false))
        .into_iter()
        .collect();
    // Leaflet wants (lat, lon); GeoJSON rings are (lon, lat).
    let shapes = beat
        .map(|b| {
            vec![
                b.boundary
                    .rings
                    .iter()
                    .map(|r| r.iter().map(|p| [p[1], p[0]]).collect())
                    .collect(),
            ]
        })
        .unwrap_or_default();
    map_data(state, lang, you, markers, Some(shapes))
}
