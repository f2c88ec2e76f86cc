//! Numbers, distances and times as a resident reads them in their language.

use chrono::{Datelike, NaiveDateTime, Timelike, Weekday};
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
        let km = decimal(lang, metres / 1000.0, 1);
        lang.t_args("distance-km", &[("km", FluentValue::from(km))])
    }
}

/// A number with a decimal comma in Kazakh and Russian, a point in English: "47,10000".
pub fn decimal(lang: Lang, value: f64, places: usize) -> String {
    let text = format!("{value:.places$}");
    if lang == Lang::En {
        text
    } else {
        text.replace('.', ",")
    }
}

/// A length of time as staff read it: "6 min" under an hour, "5,5 h" under two days, then
/// days ("3,2 d"), with the decimal comma of Kazakh and Russian.
pub fn duration(lang: Lang, hours: f64) -> String {
    if hours < 1.0 {
        let minutes = (hours * 60.0).round().max(1.0) as i64;
        lang.t_args("staff-minutes", &[("minutes", FluentValue::from(minutes))])
    } else if hours < 48.0 {
        let hours = decimal(lang, hours, 1);
        lang.t_args("staff-hours", &[("hours", FluentValue::from(hours))])
    } else {
        let days = decimal(lang, hours / 24.0, 1);
        lang.t_args("staff-days", &[("days", FluentValue::from(days))])
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

/// Which Kazakh case ending a time takes, from the last number word read aloud: 13:00 is
/// «он үш» (үш-ке, үш-те), 18:30 «он сегіз отыз» (отыз-ға, отыз-да). Back or front by vowel
/// harmony; voiceless or voiced by the word's last sound.
pub fn kazakh_sound(hour: u32, minute: u32) -> &'static str {
    let n = if minute == 0 { hour } else { minute };
    let (tens, units) = (n / 10 % 6, n % 10);
    match (units, tens) {
        // бір, екі, жеті, сегіз, нөл, елу
        (1 | 2 | 7 | 8, _) | (0, 0 | 5) => "front-voiced",
        // үш, төрт, бес
        (3..=5, _) => "front-voiceless",
        // алты, тоғыз, он, жиырма, отыз
        (6 | 9, _) | (0, 1..=3) => "back-voiced",
        // қырық
        _ => "back-voiceless",
    }
}

/// The arguments every "open until", "opens at" and "next reception" sentence takes, for a
/// moment relative to `now`: `when` (today, tomorrow, weekday within the week, else date),
/// `day` (mon…sun), `time`, `date`, and the Kazakh `sound` of the time. Each language writes
/// whole sentences from them with selectors (locales/*/posts.ftl).
pub fn moment(now: NaiveDateTime, at: NaiveDateTime) -> [(&'static str, FluentValue<'static>); 5] {
    let days = (at.date() - now.date()).num_days();
    let when = match days {
        ..=0 => "today",
        1 => "tomorrow",
        2..=6 => "weekday",
        _ => "date",
    };
    let day = weekday_key(at.weekday()).trim_start_matches("day-");
    [
        ("when", FluentValue::from(when)),
        ("day", FluentValue::from(day)),
        ("time", FluentValue::from(at.format("%H:%M").to_string())),
        ("date", FluentValue::from(at.format("%d.%m.%Y").to_string())),
        (
            "sound",
            FluentValue::from(kazakh_sound(at.hour(), at.minute())),
        ),
    ]
}

/// The words on an open/closed badge and whether it shows as open.
pub fn open_badge(lang: Lang, now: NaiveDateTime, state: OpenState) -> (bool, String) {
    match state {
        OpenState::Open { until: None } => (true, lang.t("badge-open-24h")),
        OpenState::Open { until: Some(t) } => {
            (true, lang.t_args("badge-open-until", &moment(now, t)))
        }
        OpenState::Closed { opens: Some(t) } => {
            (false, lang.t_args("badge-closed-opens", &moment(now, t)))
        }
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
    fn durations_read_in_minutes_hours_or_days() {
        let cases = [
            (Lang::Ru, 0.1, "6 мин"),
            (Lang::En, 0.1, "6 min"),
            (Lang::Kk, 0.001, "1 мин"),
            (Lang::Ru, 5.5, "5,5 ч"),
            (Lang::En, 5.5, "5.5 h"),
            (Lang::Kk, 47.9, "47,9 сағ"),
            (Lang::Ru, 76.8, "3,2 дн."),
            (Lang::En, 76.8, "3.2 days"),
        ];
        for (lang, hours, shown) in cases {
            assert_eq!(duration(lang, hours), shown, "{lang:?} {hours}");
        }
    }

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
