//! Numbers, distances and times as a resident reads them in their language.

use chrono::{Datelike, NaiveDateTime, Weekday};
use fluent_templates::fluent_bundle::FluentValue;

use super::i18n::Lang;
use crate::domain::geo::walking_minutes;
use crate::domain::hours::OpenState;

/// "850 m", "2,4 km" (decimal comma in Kazakh and Russian).
pub fn distance(lang: Lang, metres: f64) -> String {
    if metres < 1000.0 {
        let m = ((metres / 10.0).round() * 10.0).max(10.0) as i64;
        lang.t_args("distance-m", &[("m", FluentValue::from(m))])
    } else {
        let km = format!("{:.1}", metres / 1000.0);
        let km = if lang == Lang::En {
            km
        } else {
            km.replace('.', ",")
        };
        lang.t_args("distance-km", &[("km", FluentValue::from(km))])
    }
}

pub fn walk(lang: Lang, metres: f64) -> String {
    lang.t_args(
        "walk-minutes",
        &[("min", FluentValue::from(walking_minutes(metres)))],
    )
}

pub fn weekday_key(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "day-mon",
        Weekday::Tue => "day-tue",
        Weekday::Wed => "day-wed",
        Weekday::Thu => "day-thu",
        Weekday::Fri => "day-fri",
        Weekday::Sat => "day-sat",
        Weekday::Sun => "day-sun",
    }
}

/// "18:00", "tomorrow at 09:00", "Monday at 09:00", relative to `now`.
pub fn when(lang: Lang, now: NaiveDateTime, at: NaiveDateTime) -> String {
    let time = at.format("%H:%M").to_string();
    let days = (at.date() - now.date()).num_days();
    let args = |day: String| {
        [
            ("time", FluentValue::from(time.clone())),
            ("day", FluentValue::from(day)),
        ]
    };
    match days {
        0 => lang.t_args("when-today", &args(String::new())),
        1 => lang.t_args("when-tomorrow", &args(String::new())),
        _ => lang.t_args("when-weekday", &args(lang.t(weekday_key(at.weekday())))),
    }
}

/// The words on an open/closed badge and whether it shows as open.
pub fn open_badge(lang: Lang, now: NaiveDateTime, state: OpenState) -> (bool, String) {
    match state {
        OpenState::Open { until: None } => (true, lang.t("badge-open-24h")),
        OpenState::Open { until: Some(t) } => (
            true,
            lang.t_args(
                "badge-open-until",
                &[("when", FluentValue::from(when(lang, now, t)))],
            ),
        ),
        OpenState::Closed { opens: Some(t) } => (
            false,
            lang.t_args(
                "badge-closed-opens",
                &[("when", FluentValue::from(when(lang, now, t)))],
            ),
        ),
        OpenState::Closed { opens: None } => (false, lang.t("badge-closed")),
    }
}

/// `+77122991001` for a `tel:` link from a displayed number.
pub fn tel_href(phone: &str) -> String {
    let digits: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    format!("tel:{digits}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_read_naturally_in_each_language() {
        assert_eq!(distance(Lang::En, 843.0), "840 m");
        assert_eq!(distance(Lang::Ru, 2449.0), "2,4 км");
        assert_eq!(distance(Lang::En, 2449.0), "2.4 km");
        assert_eq!(distance(Lang::Kk, 3.0), "10 м");
    }

    #[test]
    fn phone_links_keep_only_digits_and_plus() {
        assert_eq!(tel_href("+7 7122 99-10-01"), "tel:+77122991001");
        assert_eq!(tel_href("102"), "tel:102");
    }
}
