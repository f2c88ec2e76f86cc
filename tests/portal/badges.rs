//! Every open/closed badge for every hour of a week, in Kazakh, Russian and English, against a
//! table written by hand: the prepositions, cases and Kazakh endings must agree.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use police_portal::domain::hours::OpeningHours;
use police_portal::web::format::open_badge;
use police_portal::web::i18n::Lang;

/// Hours `from..=to` of a weekday (0 = Monday) and the badge shown then, in kk, ru, en.
type Row = (usize, u32, u32, &'static str, &'static str, &'static str);

/// A post with a lunch break and a short Saturday; closed on Sunday.
const OFFICE: &str = "Mo-Fr 09:00-13:00,14:00-18:30; Sa 10:00-14:00";
#[rustfmt::skip]
const OFFICE_ROWS: &[Row] = &[
    (0, 0, 8, "Жабық, 09:00-да ашылады", "Закрыто, откроется в 09:00", "Closed, opens at 09:00"),
    (0, 9, 12, "13:00-ке дейін ашық", "Открыто до 13:00", "Open until 13:00"),
    (0, 13, 13, "Жабық, 14:00-те ашылады", "Закрыто, откроется в 14:00", "Closed, opens at 14:00"),
    (0, 14, 18, "18:30-ға дейін ашық", "Открыто до 18:30", "Open until 18:30"),
    (0, 19, 23, "Жабық, ертең 09:00-да ашылады", "Закрыто, откроется завтра в 09:00", "Closed, opens tomorrow at 09:00"),
    (1, 0, 8, "Жабық, 09:00-да ашылады", "Закрыто, откроется в 09:00", "Closed, opens at 09:00"),
    (1, 9, 12, "13:00-ке дейін ашық", "Открыто до 13:00", "Open until 13:00"),
    (1, 13, 13, "Жабық, 14:00-те ашылады", "Закрыто, откроется в 14:00", "Closed, opens at 14:00"),
    (1, 14, 18, "18:30-ға дейін ашық", "Открыто до 18:30", "Open until 18:30"),
    (1, 19, 23, "Жабық, ертең 09:00-да ашылады", "Закрыто, откроется завтра в 09:00", "Closed, opens tomorrow at 09:00"),
    (2, 0, 8, "Жабық, 09:00-да ашылады", "Закрыто, откроется в 09:00", "Closed, opens at 09:00"),
    (2, 9, 12, "13:00-ке дейін ашық", "Открыто до 13:00", "Open until 13:00"),
    (2, 13, 13, "Жабық, 14:00-те ашылады", "Закрыто, откроется в 14:00", "Closed, opens at 14:00"),
    (2, 14, 18, "18:30-ға дейін ашық", "Открыто до 18:30", "Open until 18:30"),
    (2, 19, 23, "Жабық, ертең 09:00-да ашылады", "Закрыто, откроется завтра в 09:00", "Closed, opens tomorrow at 09:00"),
    (3, 0, 8, "Жабық, 09:00-да ашылады", "Закрыто, откроется в 09:00", "Closed, opens at 09:00"),
    (3, 9, 12, "13:00-ке дейін ашық", "Открыто до 13:00", "Open until 13:00"),
    (3, 13, 13, "Жабық, 14:00-те ашылады", "Закрыто, откроется в 14:00", "Closed, opens at 14:00"),
    (3, 14, 18, "18:30-ға дейін ашық", "Открыто до 18:30", "Open until 18:30"),
    (3, 19, 23, "Жабық, ертең 09:00-да ашылады", "Закрыто, откроется завтра в 09:00", "Closed, opens tomorrow at 09:00"),
    (4, 0, 8, "Жабық, 09:00-да ашылады", "Закрыто, откроется в 09:00", "Closed, opens at 09:00"),
    (4, 9, 12, "13:00-ке дейін ашық", "Открыто до 13:00", "Open until 13:00"),
    (4, 13, 13, "Жабық, 14:00-те ашылады", "Закрыто, откроется в 14:00", "Closed, opens at 14:00"),
    (4, 14, 18, "18:30-ға дейін ашық", "Открыто до 18:30", "Open until 18:30"),
    (4, 19, 23, "Жабық, ертең 10:00-да ашылады", "Закрыто, откроется завтра в 10:00", "Closed, opens tomorrow at 10:00"),
    (5, 0, 9, "Жабық, 10:00-да ашылады", "Закрыто, откроется в 10:00", "Closed, opens at 10:00"),
    (5, 10, 13, "14:00-ке дейін ашық", "Открыто до 14:00", "Open until 14:00"),
    (5, 14, 23, "Жабық, дүйсенбі күні 09:00-да ашылады", "Закрыто, откроется в понедельник в 09:00", "Closed, opens on Monday at 09:00"),
    (6, 0, 23, "Жабық, ертең 09:00-да ашылады", "Закрыто, откроется завтра в 09:00", "Closed, opens tomorrow at 09:00"),
];

/// A night post: Friday and Saturday nights only, across midnight.
const NIGHTS: &str = "Fr 20:00-08:00; Sa 20:00-08:00";
#[rustfmt::skip]
const NIGHT_ROWS: &[Row] = &[
    (0, 0, 23, "Жабық, жұма күні 20:00-да ашылады", "Закрыто, откроется в пятницу в 20:00", "Closed, opens on Friday at 20:00"),
    (1, 0, 23, "Жабық, жұма күні 20:00-да ашылады", "Закрыто, откроется в пятницу в 20:00", "Closed, opens on Friday at 20:00"),
    (2, 0, 23, "Жабық, жұма күні 20:00-да ашылады", "Закрыто, откроется в пятницу в 20:00", "Closed, opens on Friday at 20:00"),
    (3, 0, 23, "Жабық, ертең 20:00-да ашылады", "Закрыто, откроется завтра в 20:00", "Closed, opens tomorrow at 20:00"),
    (4, 0, 19, "Жабық, 20:00-да ашылады", "Закрыто, откроется в 20:00", "Closed, opens at 20:00"),
    (4, 20, 23, "Ертең 08:00-ге дейін ашық", "Открыто до завтра, 08:00", "Open until tomorrow, 08:00"),
    (5, 0, 7, "08:00-ге дейін ашық", "Открыто до 08:00", "Open until 08:00"),
    (5, 8, 19, "Жабық, 20:00-да ашылады", "Закрыто, откроется в 20:00", "Closed, opens at 20:00"),
    (5, 20, 23, "Ертең 08:00-ге дейін ашық", "Открыто до завтра, 08:00", "Open until tomorrow, 08:00"),
    (6, 0, 7, "08:00-ге дейін ашық", "Открыто до 08:00", "Open until 08:00"),
    (6, 8, 23, "Жабық, жұма күні 20:00-да ашылады", "Закрыто, откроется в пятницу в 20:00", "Closed, opens on Friday at 20:00"),
];

/// Monday 7 December 2026, a week with no holiday.
fn monday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
}

fn at(day: usize, hour: u32) -> NaiveDateTime {
    let date = monday() + Duration::days(i64::try_from(day).unwrap());
    date.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap())
}

/// Every hour of the week is in the table exactly once, and shows its row's texts.
fn check_week(hours: &str, rows: &[Row]) {
    let hours = OpeningHours::parse(hours).unwrap();
    let mut covered = 0;
    for day in 0..7 {
        for hour in 0..24 {
            let row = rows
                .iter()
                .find(|(d, from, to, ..)| *d == day && (*from..=*to).contains(&hour))
                .unwrap_or_else(|| panic!("no row for day {day} hour {hour}"));
            covered += 1;
            let now = at(day, hour);
            let state = hours.state_at(now);
            for (lang, expected) in [(Lang::Kk, row.3), (Lang::Ru, row.4), (Lang::En, row.5)] {
                let (_, text) = open_badge(lang, now, state);
                assert_eq!(text, expected, "{lang:?} at {now}");
            }
        }
    }
    assert_eq!(covered, 7 * 24);
}

#[test]
fn every_badge_of_an_office_week_reads_correctly_in_three_languages() {
    check_week(OFFICE, OFFICE_ROWS);
}

#[test]
fn every_badge_of_a_night_post_reads_correctly_in_three_languages() {
    check_week(NIGHTS, NIGHT_ROWS);
}

#[test]
fn a_post_closed_more_than_a_week_says_the_date_and_one_open_always_says_so() {
    let weekly = OpeningHours::parse("Mo 09:00-10:00").unwrap();
    let now = at(0, 11);
    let texts: Vec<String> = [Lang::Kk, Lang::Ru, Lang::En]
        .into_iter()
        .map(|lang| open_badge(lang, now, weekly.state_at(now)).1)
        .collect();
    assert_eq!(
        texts,
        [
            "Жабық, 14.12.2026 09:00-да ашылады",
            "Закрыто, откроется 14.12.2026 в 09:00",
            "Closed, opens on 14.12.2026 at 09:00"
        ]
    );
    let always = OpeningHours::parse("24/7").unwrap();
    let (open, text) = open_badge(Lang::Ru, now, always.state_at(now));
    assert!(open);
    assert_eq!(text, "Открыто круглосуточно");
}
