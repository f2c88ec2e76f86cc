//! A police post as a card in a list of results, with its open/closed badge.

use chrono::NaiveDateTime;

use super::PhoneLink;
use crate::domain::geo::Coordinates;
use crate::domain::post::PostStatus;
use crate::store::posts::{NearbyPost, Post};
use crate::web::format;
use crate::web::i18n::Lang;
use crate::web::links::{geo_uri, osm_directions};

/// A post in a list of results, ready to display.
pub struct PostCard {
    pub href: String,
    pub name: String,
    pub kind_label: String,
    pub address: String,
    pub distance: String,
    pub walk: String,
    pub badge_class: &'static str,
    pub badge_text: String,
    pub phones: Vec<PhoneLink>,
    pub geo_href: String,
    pub osm_href: String,
}

pub fn phones(post: &Post) -> Vec<PhoneLink> {
    post.phones.iter().map(|p| PhoneLink::new(p)).collect()
}

/// A badge for the post's state: planned, closed for now, or open/closed by its hours.
pub fn badge(lang: Lang, now: NaiveDateTime, post: &Post) -> (&'static str, String) {
    match post.status {
        PostStatus::Open => {
            let (open, text) = format::open_badge(lang, now, post.hours.state_at(now));
            (if open { "open" } else { "closed" }, text)
        }
        PostStatus::TemporarilyClosed => ("closed", lang.t(post.status.key())),
        PostStatus::Planned | PostStatus::UnderConstruction => {
            ("planned", lang.t(post.status.key()))
        }
    }
}

pub fn card(lang: Lang, now: NaiveDateTime, from: Coordinates, nearby: &NearbyPost) -> PostCard {
    let post = &nearby.post;
    let (badge_class, badge_text) = badge(lang, now, post);
    PostCard {
        href: format!("/posts/{}", post.id),
        name: post.name.of(lang).to_string(),
        kind_label: lang.t(post.kind.key()),
        address: post.address.of(lang).to_string(),
        distance: format::distance(lang, nearby.distance_m),
        walk: format::walk(lang, nearby.distance_m),
        badge_class,
        badge_text,
        phones: phones(post),
        geo_href: geo_uri(post.lat, post.lon),
        osm_href: osm_directions(Some((from.lat(), from.lon())), (post.lat, post.lon)),
    }
}
