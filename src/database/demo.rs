//! The demo data set: a fictional but plausible directory for Atyrau, marked as demo.
//!
//! It mirrors the announcement: 7 modular posts open around the clock, 34 district inspector
//! points (22 with living quarters, several receiving in the daytime only), 17 planned
//! stationary posts in crowded places, and 2 police departments, plus a gazetteer of the
//! city's main streets, microdistricts and landmarks. Names of people and phone numbers are
//! invented; coordinates are approximate.

use sqlx::PgPool;

use crate::domain::beat::Boundary;
use crate::domain::geo::Coordinates;
use crate::domain::hours::OpeningHours;
use crate::domain::post::{PostKind, PostStatus};
use crate::store::inspectors::{self, BeatRecord, InspectorRecord};
use crate::store::places::{self, PlaceKind, PlaceRecord};
use crate::store::posts::{self, Localized, PostRecord};

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

/// Loads (or refreshes) the demo data set in one transaction; real records are untouched.
pub async fn load(pool: &PgPool) -> Result<DemoSummary, sqlx::Error> {
    let place_records = gazetteer();
    let post_records = directory();
    let inspector_records = demo_inspectors();
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Asia::Atyrau)
        .date_naive();
    let beat_records = demo_beats(today);
    let mut tx = pool.begin().await?;
    for place in &place_records {
        places::upsert(&mut tx, place).await?;
    }
    for post in &post_records {
        posts::upsert(&mut tx, post).await?;
    }
    let keep: Vec<String> = place_records
        .iter()
        .map(|p| p.external_id.clone())
        .collect();
    places::delete_demo_except(&mut tx, &keep).await?;
    for inspector in &inspector_records {
        inspectors::upsert_inspector(&mut tx, inspector).await?;
    }
    for beat in &beat_records {
        inspectors::upsert_beat(&mut tx, beat).await?;
    }
    let keep_inspectors: Vec<String> = inspector_records
        .iter()
        .map(|i| i.external_id.clone())
        .collect();
    let keep_beats: Vec<String> = beat_records.iter().map(|b| b.external_id.clone()).collect();
    inspectors::delete_demo_except(&mut tx, &keep_inspectors, &keep_beats).await?;
    let keep: Vec<String> = post_records.iter().map(|p| p.external_id.clone()).collect();
    posts::delete_demo_except(&mut tx, &keep).await?;
    tx.commit().await?;
    Ok(DemoSummary {
        posts: post_records.len(),
        places: place_records.len(),
        inspectors: inspector_records.len(),
        beats: beat_records.len(),
    })
}

fn text(kk: &str, ru: &str, en: &str) -> Localized {
    Localized {
        kk: kk.into(),
        ru: ru.into(),
        en: en.into(),
    }
}

fn point(lat: f64, lon: f64) -> Coordinates {
    // The demo tables are constants within Atyrau; a typo there is a bug the tests catch.
    #[allow(clippy::expect_used)]
    Coordinates::new(lat, lon).expect("the demo tables hold valid coordinates")
}

/// Microdistricts: (kk, ru, en, lat, lon).
const MICRODISTRICTS: [(&str, &str, &str, f64, f64); 12] = [
    ("Авангард", "Авангард", "Avangard", 47.1170, 51.9370),
    ("Жилгородок", "Жилгородок", "Zhilgorodok", 47.1300, 51.8800),
    (
        "Вокзал маңы",
        "Привокзальный",
        "Privokzalny",
        47.0950,
        51.9450,
    ),
    ("Нұрсая", "Нурсая", "Nursaya", 47.0900, 51.8900),
    ("Береке", "Береке", "Bereke", 47.1400, 51.9600),
    ("Самал", "Самал", "Samal", 47.1000, 51.9200),
    ("Геолог", "Геолог", "Geolog", 47.1500, 51.9000),
    ("Балықшы", "Балыкшы", "Balykshy", 47.0700, 51.8500),
    ("Құрсай", "Курсай", "Kursay", 47.1550, 51.9700),
    ("Лесхоз", "Лесхоз", "Leskhoz", 47.1250, 51.8500),
    ("Мирный", "Мирный", "Mirny", 47.1350, 51.9150),
    ("Химпоселке", "Химпоселок", "Khimposyolok", 47.0750, 51.9600),
];

/// Landmarks: (id, kk, ru, en, lat, lon).
const LANDMARKS: [(&str, &str, &str, &str, f64, f64); 12] = [
    (
        "central-market",
        "Орталық базар",
        "Центральный рынок",
        "Central Market",
        47.1080,
        51.9220,
    ),
    (
        "embankment",
        "Жайық өзенінің жағалауы",
        "Набережная реки Урал",
        "Ural River Embankment",
        47.1120,
        51.8950,
    ),
    (
        "railway-station",
        "Атырау темір жол вокзалы",
        "Железнодорожный вокзал Атырау",
        "Atyrau Railway Station",
        47.0940,
        51.9500,
    ),
    (
        "bus-station",
        "Автовокзал",
        "Автовокзал",
        "Bus Station",
        47.0980,
        51.9350,
    ),
    (
        "atyrau-mall",
        "«Атырау» сауда орталығы",
        "ТРЦ «Атырау»",
        "Atyrau Mall",
        47.1110,
        51.9270,
    ),
    (
        "airport",
        "Атырау әуежайы",
        "Аэропорт Атырау",
        "Atyrau Airport",
        47.1210,
        51.8250,
    ),
    (
        "isatai-makhambet-square",
        "Исатай–Махамбет алаңы",
        "Площадь Исатая и Махамбета",
        "Isatai and Makhambet Square",
        47.1080,
        51.9030,
    ),
    (
        "footbridge",
        "Жаяу жүргіншілер көпірі",
        "Пешеходный мост",
        "Pedestrian Bridge",
        47.1100,
        51.8930,
    ),
    (
        "regional-hospital",
        "Облыстық аурухана",
        "Областная больница",
        "Regional Hospital",
        47.1200,
        51.9100,
    ),
    (
        "university",
        "Атырау университеті",
        "Атырауский университет",
        "Atyrau University",
        47.1030,
        51.9100,
    ),
    (
        "munaishy-stadium",
        "«Мұнайшы» стадионы",
        "Стадион «Мунайшы»",
        "Munaishy Stadium",
        47.1140,
        51.9150,
    ),
    (
        "city-park",
        "Орталық саябақ",
        "Центральный парк",
        "Central Park",
        47.1160,
        51.9000,
    ),
];

/// Streets: (id, kk, ru, en, from, to) along which houses are numbered.
type Street = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    (f64, f64),
    (f64, f64),
);
const STREETS: [Street; 12] = [
    (
        "azattyk",
        "Азаттық даңғылы",
        "проспект Азаттык",
        "Azattyk Avenue",
        (47.0900, 51.9300),
        (47.1350, 51.9300),
    ),
    (
        "satpayev",
        "Сәтбаев көшесі",
        "улица Сатпаева",
        "Satpayev Street",
        (47.1000, 51.9000),
        (47.1000, 51.9600),
    ),
    (
        "abai",
        "Абай көшесі",
        "улица Абая",
        "Abai Street",
        (47.1150, 51.9050),
        (47.1150, 51.9550),
    ),
    (
        "makhambet",
        "Махамбет көшесі",
        "улица Махамбета",
        "Makhambet Street",
        (47.1050, 51.9050),
        (47.1250, 51.9050),
    ),
    (
        "aiteke-bi",
        "Әйтеке би көшесі",
        "улица Айтеке би",
        "Aiteke Bi Street",
        (47.0950, 51.9150),
        (47.1300, 51.9150),
    ),
    (
        "baimukhanov",
        "Баймұханов көшесі",
        "улица Баймуханова",
        "Baimukhanov Street",
        (47.1080, 51.9200),
        (47.1080, 51.9600),
    ),
    (
        "studenchesky",
        "Студенттер даңғылы",
        "Студенческий проспект",
        "Studenchesky Avenue",
        (47.0850, 51.9000),
        (47.0850, 51.9600),
    ),
    (
        "gagarin",
        "Гагарин көшесі",
        "улица Гагарина",
        "Gagarin Street",
        (47.1200, 51.9300),
        (47.1400, 51.9600),
    ),
    (
        "kulmanov",
        "Құлманов көшесі",
        "улица Кулманова",
        "Kulmanov Street",
        (47.0920, 51.9150),
        (47.0920, 51.9500),
    ),
    (
        "smagulov",
        "Смағұлов көшесі",
        "улица Смагулова",
        "Smagulov Street",
        (47.1250, 51.9200),
        (47.1250, 51.9650),
    ),
    (
        "beibarys",
        "Бейбарыс даңғылы",
        "проспект Бейбарыса",
        "Beibarys Avenue",
        (47.0700, 51.8600),
        (47.1100, 51.8800),
    ),
    (
        "elorda",
        "Елорда көшесі",
        "улица Елорда",
        "Elorda Street",
        (47.1400, 51.8800),
        (47.1500, 51.9300),
    ),
];

const HOUSES_PER_STREET: usize = 10;

/// "проспект Азаттык, 15" etc. in each language.
fn house_name(street: &Street, number: usize) -> Localized {
    Localized {
        kk: format!("{}, {number}", street.1),
        ru: format!("{}, {number}", street.2),
        en: format!("{number} {}", street.3),
    }
}

fn along(from: (f64, f64), to: (f64, f64), t: f64) -> Coordinates {
    point(from.0 + (to.0 - from.0) * t, from.1 + (to.1 - from.1) * t)
}

pub fn gazetteer() -> Vec<PlaceRecord> {
    let mut out = Vec::new();
    for (kk, ru, en, lat, lon) in MICRODISTRICTS {
        out.push(PlaceRecord {
            external_id: format!("demo-mkr-{}", en.to_lowercase()),
            kind: PlaceKind::Microdistrict,
            name: text(
                &format!("{kk} шағын ауданы"),
                &format!("микрорайон {ru}"),
                &format!("{en} microdistrict"),
            ),
            coordinates: point(lat, lon),
            is_demo: true,
        });
    }
    for (id, kk, ru, en, lat, lon) in LANDMARKS {
        out.push(PlaceRecord {
            external_id: format!("demo-landmark-{id}"),
            kind: PlaceKind::Landmark,
            name: text(kk, ru, en),
            coordinates: point(lat, lon),
            is_demo: true,
        });
    }
    for street in &STREETS {
        let (id, kk, ru, en, from, to) = *street;
        out.push(PlaceRecord {
            external_id: format!("demo-street-{id}"),
            kind: PlaceKind::Street,
            name: text(kk, ru, en),
            coordinates: along(from, to, 0.5),
            is_demo: true,
        });
        for i in 0..HOUSES_PER_STREET {
            let number = 1 + i * 4;
            out.push(PlaceRecord {
                external_id: format!("demo-house-{id}-{number}"),
                kind: PlaceKind::House,
                name: house_name(street, number),
                coordinates: along(from, to, i as f64 / (HOUSES_PER_STREET - 1) as f64),
                is_demo: true,
            });
        }
    }
    out
}

/// A fictional Atyrau number, displayed the local way.
fn phone(n: usize) -> String {
    format!("+7 7122 99-{:02}-{:02}", 10 + n / 100, n % 100)
}

fn hours(text: &str) -> OpeningHours {
    OpeningHours::parse(text).unwrap_or_else(|_| OpeningHours::always_open())
}

/// Public holidays ahead, when inspector points do not receive residents.
const HOLIDAYS: &str = "2026-12-16 off; 2026-12-17 off; 2027-01-01 off; 2027-01-02 off; \
                        2027-01-07 off; 2027-03-08 off; 2027-03-21 off; 2027-03-22 off; \
                        2027-03-23 off";

/// A deterministic scatter (no randomness: the demo set is the same on every machine).
fn jitter(i: usize, scale: f64) -> f64 {
    let x = ((i as u64).wrapping_mul(2_654_435_761) % 1000) as f64 / 1000.0;
    (x - 0.5) * scale
}

fn services_24h() -> Vec<String> {
    [
        "receiving_residents",
        "video_surveillance",
        "emergency_call_button",
        "first_aid_kit",
    ]
    .map(String::from)
    .to_vec()
}

pub fn directory() -> Vec<PostRecord> {
    let mut out = modular_posts();
    out.extend(inspector_points());
    out.extend(planned_posts());
    out.extend(departments());
    out
}

fn modular_posts() -> Vec<PostRecord> {
    let mut out = Vec::new();
    // 7 modular posts at the busiest places, open around the clock.
    let modular = [
        (0usize, "central-market"),
        (1, "embankment"),
        (2, "railway-station"),
        (3, "bus-station"),
        (4, "avangard"),
        (5, "nursaya"),
        (6, "zhilgorodok"),
    ];
    for (i, anchor) in modular {
        let (kk, ru, en, lat, lon) = anchor_place(anchor);
        out.push(PostRecord {
            external_id: format!("demo-modular-{}", i + 1),
            kind: PostKind::ModularPost,
            status: PostStatus::Open,
            name: text(
                &format!("№ {} модульдік полиция бекеті «{kk}»", i + 1),
                &format!("Модульный пост полиции № {} «{ru}»", i + 1),
                &format!("Modular police post No. {} ({en})", i + 1),
            ),
            address: text(
                &format!("{kk}, {}", 2 + i),
                &format!("{ru}, {}", 2 + i),
                &format!("{} {en}", 2 + i),
            ),
            coordinates: point(lat + 0.0008, lon + 0.0006),
            phones: vec![phone(i + 1), "102".into()],
            hours: OpeningHours::always_open(),
            services: services_24h(),
            with_living_quarters: false,
            is_demo: true,
        });
    }
    out
}

fn inspector_points() -> Vec<PostRecord> {
    let mut out = Vec::new();
    // 34 district inspector points, one in each beat; 22 with living quarters.
    for (i, beat) in beat_cells().iter().enumerate() {
        let (kk, ru, en, _, _) = nearest_microdistrict(beat.center);
        let number = i + 1;
        let schedule = match i % 5 {
            // Daytime reception only.
            0 | 3 => "Mo-Fr 09:00-13:00,14:00-18:00",
            1 => "Mo-Fr 09:00-13:00,14:00-19:00; Sa 10:00-14:00",
            2 => "Mo-Fr 08:00-20:00; Sa-Su 10:00-16:00",
            _ => "Mo-Fr 09:00-18:00; Sa 09:00-13:00",
        };
        out.push(PostRecord {
            external_id: format!("demo-inspector-point-{number}"),
            kind: PostKind::InspectorPoint,
            status: PostStatus::Open,
            name: text(
                &format!("№ {number} учаскелік полиция пункті ({kk})"),
                &format!("Участковый пункт полиции № {number} ({ru})"),
                &format!("District inspector point No. {number} ({en})"),
            ),
            address: text(
                &format!("{kk} шағын ауданы, {}", 10 + i),
                &format!("микрорайон {ru}, {}", 10 + i),
                &format!("{} {en} microdistrict", 10 + i),
            ),
            coordinates: point(beat.center.0 + 0.0011, beat.center.1 + 0.0013),
            phones: vec![phone(100 + number)],
            hours: hours(&format!("{schedule}; {HOLIDAYS}")),
            services: vec!["receiving_residents".to_string()],
            with_living_quarters: i < 22,
            is_demo: true,
        });
    }
    out
}

fn planned_posts() -> Vec<PostRecord> {
    let mut out = Vec::new();
    // 17 planned stationary posts in crowded places.
    let planned = [
        "central-market",
        "embankment",
        "railway-station",
        "atyrau-mall",
        "bus-station",
        "footbridge",
        "isatai-makhambet-square",
        "munaishy-stadium",
        "city-park",
        "university",
        "regional-hospital",
        "airport",
        "bereke",
        "kursay",
        "geolog",
        "samal",
        "privokzalny",
    ];
    for (i, anchor) in planned.iter().enumerate() {
        let (kk, ru, en, lat, lon) = anchor_place(anchor);
        out.push(PostRecord {
            external_id: format!("demo-planned-{}", i + 1),
            kind: PostKind::StationaryPost,
            status: PostStatus::Planned,
            name: text(
                &format!("Жоспарланған стационарлық бекет «{kk}»"),
                &format!("Планируемый стационарный пост «{ru}»"),
                &format!("Planned stationary post ({en})"),
            ),
            address: text(kk, ru, en),
            coordinates: point(lat - 0.0007 + jitter(i, 0.001), lon - 0.0009),
            phones: Vec::new(),
            hours: OpeningHours::always_open(),
            services: vec!["video_surveillance".to_string()],
            with_living_quarters: false,
            is_demo: true,
        });
    }
    out
}

fn departments() -> Vec<PostRecord> {
    let mut out = Vec::new();
    // 2 police departments.
    let departments = [
        (
            "demo-department-city",
            text(
                "Атырау қаласының полиция басқармасы",
                "Управление полиции города Атырау",
                "Atyrau City Police Department",
            ),
            text(
                "Азаттық даңғылы, 25",
                "проспект Азаттык, 25",
                "25 Azattyk Avenue",
            ),
            (47.1125, 51.9302),
        ),
        (
            "demo-department-west",
            text(
                "Жайық сол жағалауының полиция бөлімі",
                "Отдел полиции левобережья",
                "Left Bank Police Division",
            ),
            text(
                "Бейбарыс даңғылы, 8",
                "проспект Бейбарыса, 8",
                "8 Beibarys Avenue",
            ),
            (47.0905, 51.8705),
        ),
    ];
    for (n, (id, name, address, (lat, lon))) in departments.into_iter().enumerate() {
        out.push(PostRecord {
            external_id: id.into(),
            kind: PostKind::PoliceDepartment,
            status: PostStatus::Open,
            name,
            address,
            coordinates: point(lat, lon),
            phones: vec![phone(200 + n), "102".into()],
            hours: OpeningHours::always_open(),
            services: services_24h(),
            with_living_quarters: false,
            is_demo: true,
        });
    }
    out
}

/// One demo beat: its outer ring and holes, in (lon, lat), and its centre (lat, lon).
pub struct BeatCell {
    pub rings: Vec<Vec<[f64; 2]>>,
    pub center: (f64, f64),
}

fn rect(min_lon: f64, min_lat: f64, max_lon: f64, max_lat: f64) -> Vec<[f64; 2]> {
    vec![
        [min_lon, min_lat],
        [max_lon, min_lat],
        [max_lon, max_lat],
        [min_lon, max_lat],
        [min_lon, min_lat],
    ]
}

/// The market beat, a hole in the beat around it.
const MARKET: (f64, f64, f64, f64) = (51.9190, 47.1055, 51.9250, 47.1095);

/// 33 grid beats over the demo area (rows of 6, 6, 6, 5, 5, 5 cells from the south) and the
/// Central Market beat inside the one that surrounds it: 34 beats that tile the area.
pub fn beat_cells() -> Vec<BeatCell> {
    const WEST: f64 = 51.82;
    const EAST: f64 = 51.99;
    const SOUTH: f64 = 47.05;
    const ROW: f64 = 0.02;
    let mut cells = Vec::new();
    for (row, columns) in [6usize, 6, 6, 5, 5, 5].into_iter().enumerate() {
        let width = (EAST - WEST) / columns as f64;
        let (min_lat, max_lat) = (SOUTH + ROW * row as f64, SOUTH + ROW * (row + 1) as f64);
        for col in 0..columns {
            let (min_lon, max_lon) = (WEST + width * col as f64, WEST + width * (col + 1) as f64);
            let mut rings = vec![rect(min_lon, min_lat, max_lon, max_lat)];
            let (m0, m1, m2, m3) = MARKET;
            if min_lon < m0 && m2 < max_lon && min_lat < m1 && m3 < max_lat {
                rings.push(rect(m0, m1, m2, m3));
            }
            cells.push(BeatCell {
                center: ((min_lat + max_lat) / 2.0, (min_lon + max_lon) / 2.0),
                rings,
            });
        }
    }
    let (m0, m1, m2, m3) = MARKET;
    cells.push(BeatCell {
        rings: vec![rect(m0, m1, m2, m3)],
        center: ((m1 + m3) / 2.0, (m0 + m2) / 2.0),
    });
    cells
}

fn nearest_microdistrict(at: (f64, f64)) -> (&'static str, &'static str, &'static str, f64, f64) {
    let distance = |m: &(&str, &str, &str, f64, f64)| (m.3 - at.0).powi(2) + (m.4 - at.1).powi(2);
    MICRODISTRICTS
        .iter()
        .min_by(|a, b| distance(a).total_cmp(&distance(b)))
        .copied()
        .unwrap_or(MICRODISTRICTS[0])
}

/// Given names (kk, ru, en, female).
const GIVEN: [(&str, &str, &str, bool); 12] = [
    ("Айдар", "Айдар", "Aidar", false),
    ("Ерлан", "Ерлан", "Yerlan", false),
    ("Нұрлан", "Нурлан", "Nurlan", false),
    ("Асқар", "Аскар", "Askar", false),
    ("Дәурен", "Даурен", "Dauren", false),
    ("Ғалым", "Галым", "Galym", false),
    ("Мұрат", "Мурат", "Murat", false),
    ("Серік", "Серик", "Serik", false),
    ("Әлия", "Алия", "Aliya", true),
    ("Гүлназ", "Гульназ", "Gulnaz", true),
    ("Жанар", "Жанар", "Zhanar", true),
    ("Бауыржан", "Бауржан", "Baurzhan", false),
];

/// Family names (kk, ru, en), masculine; "-а" is added for women.
const FAMILY: [(&str, &str, &str); 9] = [
    ("Сейітов", "Сеитов", "Seitov"),
    ("Қасымов", "Касымов", "Kassymov"),
    ("Өтебаев", "Утебаев", "Utebayev"),
    ("Жұмабаев", "Жумабаев", "Zhumabayev"),
    ("Ахметов", "Ахметов", "Akhmetov"),
    ("Тәжібаев", "Тажибаев", "Tazhibayev"),
    ("Ізбасаров", "Избасаров", "Izbasarov"),
    ("Мұқанов", "Муканов", "Mukanov"),
    ("Бекенов", "Бекенов", "Bekenov"),
];

const RANKS: [&str; 4] = ["lieutenant", "senior_lieutenant", "captain", "major"];

/// 34 fictional inspectors, one for each demo inspector point.
pub fn demo_inspectors() -> Vec<InspectorRecord> {
    (0..beat_cells().len())
        .map(|i| {
            let (gkk, gru, given_en, female) = GIVEN[i % GIVEN.len()];
            let (fkk, fru, fen) = FAMILY[(i / GIVEN.len() + i * 5) % FAMILY.len()];
            let a = if female { "а" } else { "" };
            let a_en = if female { "a" } else { "" };
            let number = i + 1;
            let reception = match i % 3 {
                0 => "Tu,Th 18:00-20:00; Sa 10:00-13:00",
                1 => "Mo,We 17:00-19:00; Sa 09:00-12:00",
                _ => "Mo-Fr 09:00-11:00",
            };
            InspectorRecord {
                external_id: format!("demo-inspector-{number}"),
                name: text(
                    &format!("{fkk}{a} {gkk}"),
                    &format!("{fru}{a} {gru}"),
                    &format!("{given_en} {fen}{a_en}"),
                ),
                rank: RANKS[i % RANKS.len()].to_string(),
                position: if i % 4 == 3 {
                    "senior_district_inspector".into()
                } else {
                    "district_inspector".into()
                },
                photo: None,
                work_phone: phone(300 + number),
                post_external_id: Some(format!("demo-inspector-point-{number}")),
                reception_hours: hours(&format!("{reception}; {HOLIDAYS}")),
                active: true,
                is_demo: true,
            }
        })
        .collect()
}

/// House numbers of each street that fall inside a boundary, as "улица Абая, 1–9".
fn streets_inside(boundary: &Boundary) -> Vec<(Street, usize, usize)> {
    let mut out = Vec::new();
    for street in &STREETS {
        let numbers: Vec<usize> = (0..HOUSES_PER_STREET)
            .filter(|i| {
                let at = along(
                    street.4,
                    street.5,
                    *i as f64 / (HOUSES_PER_STREET - 1) as f64,
                );
                boundary.contains(at.lon(), at.lat())
            })
            .map(|i| 1 + i * 4)
            .collect();
        if let (Some(first), Some(last)) = (numbers.first(), numbers.last()) {
            out.push((*street, *first, *last));
        }
    }
    out
}

/// The 34 demo beats; beat 2's inspector is on leave and beat 3's covers it until ten days
/// from `today`.
pub fn demo_beats(today: chrono::NaiveDate) -> Vec<BeatRecord> {
    beat_cells()
        .into_iter()
        .enumerate()
        .map(|(i, cell)| {
            let number = i + 1;
            let boundary = Boundary { rings: cell.rings };
            let (mkk, mru, men, _, _) = nearest_microdistrict(cell.center);
            let streets = streets_inside(&boundary);
            let describe = |pick: fn(&Street) -> &str, houses: &str, rest: String| {
                if streets.is_empty() {
                    rest
                } else {
                    streets
                        .iter()
                        .map(|(s, a, b)| format!("{}, {houses} {a}–{b}", pick(s)))
                        .collect::<Vec<_>>()
                        .join("; ")
                }
            };
            let (substitute, from, until) = if number == 2 {
                (
                    Some("demo-inspector-3".to_string()),
                    Some(today - chrono::Duration::days(3)),
                    Some(today + chrono::Duration::days(10)),
                )
            } else {
                (None, None, None)
            };
            BeatRecord {
                external_id: format!("demo-beat-{number}"),
                number: number.to_string(),
                name: text(
                    &format!("№ {number} учаске ({mkk})"),
                    &format!("Участок № {number} ({mru})"),
                    &format!("Beat No. {number} ({men})"),
                ),
                description: text(
                    &describe(|s| s.1, "үйлер", format!("{mkk} шағын ауданы, жеке үйлер")),
                    &describe(|s| s.2, "дома", format!("микрорайон {mru}, частный сектор")),
                    &describe(
                        |s| s.3,
                        "houses",
                        format!("{men} microdistrict, private houses"),
                    ),
                ),
                boundary,
                inspector_external_id: Some(format!("demo-inspector-{number}")),
                substitute_external_id: substitute,
                substitute_from: from,
                substitute_until: until,
                is_demo: true,
            }
        })
        .collect()
}

/// A landmark by id, or a microdistrict by its English name in lower case.
fn anchor_place(id: &str) -> (&'static str, &'static str, &'static str, f64, f64) {
    if let Some(l) = LANDMARKS.iter().find(|l| l.0 == id) {
        return (l.1, l.2, l.3, l.4, l.5);
    }
    MICRODISTRICTS
        .iter()
        .find(|m| m.2.to_lowercase() == id)
        .copied()
        .unwrap_or(MICRODISTRICTS[0])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_demo_directory_mirrors_the_announcement() {
        let posts = directory();
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
        let ids: HashSet<_> = posts.iter().map(|p| &p.external_id).collect();
        assert_eq!(ids.len(), posts.len(), "external ids are unique");
        for p in &posts {
            assert!(p.is_demo);
            let (lat, lon) = (p.coordinates.lat(), p.coordinates.lon());
            assert!(
                (47.05..47.17).contains(&lat) && (51.80..52.0).contains(&lon),
                "{p:?}"
            );
        }
    }

    #[test]
    fn every_anchor_of_the_demo_directory_exists() {
        for id in [
            "avangard",
            "nursaya",
            "zhilgorodok",
            "bereke",
            "kursay",
            "geolog",
            "samal",
            "privokzalny",
        ] {
            assert!(
                MICRODISTRICTS.iter().any(|m| m.2.to_lowercase() == id),
                "{id}"
            );
        }
        let places = gazetteer();
        let ids: HashSet<_> = places.iter().map(|p| &p.external_id).collect();
        assert_eq!(ids.len(), places.len());
    }
}
