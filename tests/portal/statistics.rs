//! Public statistics: the figures of the page, the CSV and the JSON against counts the test
//! computes itself from the rows it made (working days counted in SQL from the calendar
//! table), and the small-count rule everywhere.

use std::collections::HashMap;

use serde_json::Value;

use crate::helpers::TestApp;

/// A point in the market's beat (the public API says which).
const MARKET: (f64, f64) = (47.108, 51.922);

/// What the test made one appeal into.
struct Made {
    beat: Option<i64>,
    kind: &'static str,
    category: Option<&'static str>,
    registered: i64,
    due: i64,
    answered: Option<i64>,
    extended: bool,
    forwarded: bool,
    rejection: Option<&'static str>,
    satisfaction: Option<&'static str>,
}

fn request(beat: i64, category: &'static str, registered: i64, answered: Option<i64>) -> Made {
    Made {
        beat: Some(beat),
        kind: "request",
        category: Some(category),
        registered,
        due: registered + 20,
        answered,
        extended: false,
        forwarded: false,
        rejection: None,
        satisfaction: None,
    }
}

async fn working_days(app: &TestApp, from: chrono::NaiveDate, to: chrono::NaiveDate) -> i64 {
    sqlx::query_scalar(
        "SELECT count(*) FROM generate_series($1::date + 1, $2::date, interval '1 day') AS g(d)
         LEFT JOIN calendar_days c ON c.day = g.d::date
         WHERE coalesce(c.working, extract(isodow FROM g.d) < 6)",
    )
    .bind(from)
    .bind(to)
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

fn median(mut v: Vec<i64>) -> f64 {
    v.sort_unstable();
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2] as f64
    } else {
        (v[n / 2 - 1] + v[n / 2]) as f64 / 2.0
    }
}

/// A count as published.
fn shown(n: usize) -> Value {
    if (1..5).contains(&n) {
        Value::from("< 5")
    } else {
        Value::from(n)
    }
}

/// Every count in a figures object is 0, 5 or more, or "< 5".
fn assert_no_small_count(v: &Value, path: &str) {
    match v {
        Value::Object(o) => {
            for (k, x) in o {
                if k.contains("percent") || k.contains("median") {
                    continue;
                }
                assert_no_small_count(x, &format!("{path}.{k}"));
            }
        }
        Value::Array(a) => a.iter().for_each(|x| assert_no_small_count(x, path)),
        Value::Number(n) => {
            let n = n.as_f64().unwrap();
            assert!(
                n == 0.0 || n >= 5.0,
                "{path} = {n}: a small count published"
            );
        }
        _ => {}
    }
}

/// A published value against the test's own: the same, or "*" (withheld) for a count of 5 or
/// more, or no share where the share would rest on a withheld count.
fn agrees(published: &Value, counted: &Value) -> bool {
    published == counted
        || (published == "*" && counted.as_f64().is_some_and(|n| n >= 5.0))
        || (published.is_null() && counted.is_f64())
}

/// The least and most a published count can be: exact, "< 5" (1 to 4) or "*" (5 or more).
fn bounds(v: &Value) -> (f64, f64) {
    match v {
        Value::Number(n) => {
            let n = n.as_f64().unwrap();
            (n, n)
        }
        Value::String(s) if s == "< 5" => (1.0, 4.0),
        Value::String(s) if s == "*" => (5.0, f64::INFINITY),
        other => panic!("not a count: {other}"),
    }
}

/// Whether a hidden part of `parts` follows from the others and an exact `total`.
fn derivable(parts: &[&Value], total: &Value) -> bool {
    let Some(total) = total.as_f64() else {
        return false;
    };
    let b: Vec<(f64, f64)> = parts.iter().map(|v| bounds(v)).collect();
    (0..b.len()).filter(|&i| b[i].0 < b[i].1).any(|i| {
        let others = |f: fn(&(f64, f64)) -> f64| -> f64 {
            b.iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, x)| f(x))
                .sum()
        };
        let least = b[i].0.max(total - others(|x| x.1));
        let most = b[i].1.min(total - others(|x| x.0));
        least == most
    })
}

/// Every sum a reader can check in an area's figures leaves its hidden parts ambiguous: the
/// kinds of those received, the categories of the requests, the reasons of those rejected,
/// the months of the period, and those answered minus those on time (the late, unpublished).
fn assert_nothing_derivable(area: &Value) {
    let months = area["months"].as_array().unwrap();
    let rows: Vec<&Value> = months.iter().chain([&area["total"]]).collect();
    let keys: Vec<String> = area["total"]
        .as_object()
        .unwrap()
        .keys()
        .filter(|k| !k.contains("percent") && !k.contains("median"))
        .cloned()
        .collect();
    let name = &area["beat"];
    for row in &rows {
        let of = |prefix: &str| -> Vec<&Value> {
            keys.iter()
                .filter(|k| k.starts_with(prefix))
                .map(|k| &row[k.as_str()])
                .collect()
        };
        let kinds = [&row["thanks"], &row["complaints"], &row["requests"]];
        assert!(!derivable(&kinds, &row["received"]), "{name} kinds: {row}");
        assert!(
            !derivable(&of("requests_"), &row["requests"]),
            "{name} categories: {row}"
        );
        assert!(
            !derivable(&of("rejected_"), &row["rejected"]),
            "{name} reasons: {row}"
        );
        if let (Some(answered), Some(on_time)) =
            (row["answered"].as_f64(), row["answered_on_time"].as_f64())
        {
            let late = answered - on_time;
            assert!(late == 0.0 || late >= 5.0, "{name} late: {row}");
        }
    }
    for key in &keys {
        let parts: Vec<&Value> = months.iter().map(|m| &m[key.as_str()]).collect();
        assert!(
            !derivable(&parts, &area["total"][key.as_str()]),
            "{name} {key} over the months"
        );
    }
}

#[tokio::test]
async fn the_figures_match_what_was_made_and_small_counts_are_hidden() {
    let app = TestApp::builder()
        .with_demo_data()
        .with_settings(|s| s.submissions_per_minute = 1000)
        .spawn()
        .await;
    // Two beats whose inspectors serve only them, and the market's beat by the public API.
    let single: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT id, number, inspector_id FROM beats WHERE inspector_id IN (
             SELECT inspector_id FROM beats GROUP BY 1 HAVING count(*) = 1)
         ORDER BY id LIMIT 2",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let [(a, a_number, a_inspector), (b, b_number, b_inspector)] = &single[..] else {
        panic!("two beats with inspectors of their own in the demo data");
    };
    let located: Value = app
        .get(&format!(
            "/api/v1/inspectors/locate?lat={}&lon={}",
            MARKET.0, MARKET.1
        ))
        .await
        .json()
        .await
        .unwrap();
    let market = located["beat"]["id"].as_i64().unwrap();

    // The previous month in the city: 7 requests in beat A (6 answered, 2 of them late; 2
    // extended, 6 forwarded; 5 about noise), 3 complaints in beat B (one rejected as spam),
    // one request at the market by its point alone, a thanks with neither place nor inspector.
    let mut made: Vec<Made> = Vec::new();
    for (i, answered) in [Some(1), Some(2), Some(3), Some(5), Some(25), Some(30), None]
        .into_iter()
        .enumerate()
    {
        let i = i64::try_from(i).unwrap();
        let mut r = request(
            *a,
            if i < 5 { "noise" } else { "road_safety" },
            i,
            answered.map(|d| i + d),
        );
        r.extended = i < 2;
        r.forwarded = i >= 1;
        r.satisfaction = match i {
            0..=2 => Some("resolved"),
            3 | 4 => Some("not_resolved"),
            _ => None,
        };
        made.push(r);
    }
    for i in 0..3 {
        made.push(Made {
            beat: Some(*b),
            kind: "complaint",
            category: None,
            registered: 3 + i,
            due: 23 + i,
            answered: None,
            extended: false,
            forwarded: false,
            rejection: (i == 0).then_some("spam"),
            satisfaction: None,
        });
    }
    made.push(request(market, "public_order", 10, Some(12)));
    made.push(Made {
        beat: None,
        kind: "thanks",
        category: None,
        registered: 12,
        due: 32,
        answered: None,
        extended: false,
        forwarded: false,
        rejection: None,
        satisfaction: None,
    });

    let first: chrono::NaiveDate = sqlx::query_scalar(
        "SELECT (date_trunc('month', now() AT TIME ZONE 'Asia/Atyrau') - interval '1 month')::date",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let month_code = first.format("%Y-%m").to_string();
    let day = |n: i64| first + chrono::Duration::days(n);
    for m in &made {
        let fields: Vec<(&str, &str)> = match m.kind {
            "thanks" => vec![
                ("type", "thanks"),
                ("officer", "The officer at the bus station"),
                ("body", "Thank you for the help with my car."),
                ("anonymous", "1"),
            ],
            "complaint" => vec![
                ("type", "complaint"),
                ("officer", "The officer at the bus station"),
                ("body", "He was rude and did not listen to me."),
                ("name", "Aigerim"),
                ("phone", "+7 701 234 56 78"),
                ("consent", "1"),
            ],
            _ => vec![
                ("category", m.category.unwrap()),
                ("place", "Somewhere in the city"),
                ("body", "Something to see to in our street."),
                ("name", "Serik"),
                ("email", "serik@example.kz"),
                ("consent", "1"),
            ],
        };
        let path = if m.kind == "request" {
            "/requests"
        } else {
            "/feedback"
        };
        let (id, _) = app.submit(path, &fields).await;
        let at_market = m.beat == Some(market) && m.category == Some("public_order");
        let inspector = match m.beat {
            Some(x) if x == *a => Some(*a_inspector),
            Some(x) if x == *b => Some(*b_inspector),
            _ => None,
        };
        sqlx::query(
            "UPDATE submissions SET
                 received_at = ($2::date + time '10:00') AT TIME ZONE 'Asia/Atyrau',
                 registered_on = $2, due_on = $3,
                 first_answer_at = ($4::date + time '12:00') AT TIME ZONE 'Asia/Atyrau',
                 original_due_on = CASE WHEN $5 THEN $3 - 10 END,
                 rejection_reason = $6, inspector_id = $7,
                 lat = CASE WHEN $8 THEN $9::float8 END, lon = CASE WHEN $8 THEN $10::float8 END,
                 forwarded_to = CASE WHEN $11 THEN 'Akimat of Atyrau' END
             WHERE id = $1",
        )
        .bind(id)
        .bind(day(m.registered))
        .bind(day(m.due))
        .bind(m.answered.map(day))
        .bind(m.extended)
        .bind(m.rejection)
        .bind(inspector)
        .bind(at_market)
        .bind(MARKET.0)
        .bind(MARKET.1)
        .bind(m.forwarded)
        .execute(&app.pool)
        .await
        .unwrap();
        if let Some(answer) = m.satisfaction {
            sqlx::query(
                "INSERT INTO satisfaction (submission_id, round, answer) VALUES ($1, 1, $2)",
            )
            .bind(id)
            .bind(answer)
            .execute(&app.pool)
            .await
            .unwrap();
        }
    }

    // What the test expects, from its own rows.
    let mut expected: HashMap<Option<i64>, HashMap<&str, Value>> = HashMap::new();
    for area in [None, Some(*a), Some(*b), Some(market)] {
        let rows: Vec<&Made> = made
            .iter()
            .filter(|m| area.is_none() || m.beat == area)
            .collect();
        let needing: Vec<&&Made> = rows.iter().filter(|m| m.kind != "thanks").collect();
        let answered: Vec<&&&Made> = needing.iter().filter(|m| m.answered.is_some()).collect();
        let mut days = Vec::new();
        for m in &answered {
            days.push(working_days(&app, day(m.registered), day(m.answered.unwrap())).await);
        }
        let on_time = answered
            .iter()
            .filter(|m| m.answered.unwrap() <= m.due)
            .count();
        let count = |f: &dyn Fn(&Made) -> bool| shown(rows.iter().filter(|m| f(m)).count());
        let mut e = HashMap::new();
        e.insert("received", shown(rows.len()));
        e.insert("requests", count(&|m| m.kind == "request"));
        e.insert("complaints", count(&|m| m.kind == "complaint"));
        e.insert("thanks", count(&|m| m.kind == "thanks"));
        e.insert("answered", shown(answered.len()));
        e.insert("answered_on_time", shown(on_time));
        e.insert("extended", count(&|m| m.extended));
        e.insert("forwarded", count(&|m| m.forwarded));
        // A share is published only when neither those on time nor those late are hidden.
        let late = answered.len() - on_time;
        let hidden = |n: usize| (1..5).contains(&n);
        e.insert(
            "answered_on_time_percent",
            if answered.len() >= 5 && !hidden(on_time) && !hidden(late) {
                Value::from((on_time as f64 * 100.0 / answered.len() as f64).round())
            } else {
                Value::Null
            },
        );
        e.insert("rejected_spam", count(&|m| m.rejection == Some("spam")));
        e.insert("requests_noise", count(&|m| m.category == Some("noise")));
        e.insert(
            "requests_road_safety",
            count(&|m| m.category == Some("road_safety")),
        );
        e.insert("resolved", count(&|m| m.satisfaction == Some("resolved")));
        e.insert(
            "not_resolved",
            count(&|m| m.satisfaction == Some("not_resolved")),
        );
        e.insert(
            "median_working_days_to_first_answer",
            if answered.len() >= 5 {
                Value::from(median(days))
            } else {
                Value::Null
            },
        );
        expected.insert(area, e);
    }

    let json: Value = app
        .get("/api/v1/statistics.json?lang=en")
        .await
        .json()
        .await
        .unwrap();
    assert_no_small_count(&json["areas"], "areas");
    let areas = json["areas"].as_array().unwrap();
    let numbers: HashMap<i64, &str> = [(*a, a_number.as_str()), (*b, b_number.as_str())]
        .into_iter()
        .collect();
    let market_number: String = sqlx::query_scalar("SELECT number FROM beats WHERE id = $1")
        .bind(market)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    for (area, want) in &expected {
        let number = area.map(|id| numbers.get(&id).copied().unwrap_or(market_number.as_str()));
        let found = areas
            .iter()
            .find(|x| x["beat"].as_str() == number)
            .unwrap_or_else(|| panic!("{number:?} in the JSON"));
        let month = found["months"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["month"] == month_code.as_str())
            .unwrap();
        for (field, value) in want {
            // When the market's beat is A or B, the test's own rows for it are A's or B's.
            if area == &Some(market) && (market == *a || market == *b) {
                continue;
            }
            for (published, at) in [
                (&month[*field], "month"),
                (&found["total"][*field], "total"),
            ] {
                assert!(
                    agrees(published, value),
                    "{number:?} {at} {field}: published {published}, counted {value}"
                );
            }
        }
    }
    // Beat A's requests are 5 about noise and 2 about road safety: the 2 is "< 5", and the 5
    // is withheld, or 7 - 5 would give the 2 away.
    let a_area = areas
        .iter()
        .find(|x| x["beat"] == a_number.as_str())
        .unwrap();
    if market != *a {
        assert_eq!(a_area["total"]["requests_road_safety"], "< 5");
        assert_eq!(a_area["total"]["requests_noise"], "*");
        assert_eq!(a_area["total"]["requests"], 7);
    }
    // And nowhere can a hidden count be worked out from what is published beside it.
    for area in areas {
        assert_nothing_derivable(area);
    }
    assert_eq!(areas.len(), 1 + count_beats(&app).await);

    // The page for beat A: the same figures in the table, a chart with a title and the numbers.
    let page = app
        .page(&format!("/statistics?beat={a_number}&lang=en"), 200)
        .await;
    let want = &expected[&Some(*a)];
    let label = first.format("%m.%Y").to_string();
    let row = crate::helpers::texts(&page, "#months tbody tr th")
        .iter()
        .position(|t| *t == label)
        .unwrap_or_else(|| panic!("{label} in the table"));
    let cell = |class: &str| {
        crate::helpers::texts(&page, &format!("#months tbody td.{class}"))[row].clone()
    };
    let as_text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n
            .as_f64()
            .map(|d| format!("{d:.1}").replace(".0", ""))
            .unwrap(),
        _ => "—".to_string(),
    };
    for (class, field) in [
        ("received", "received"),
        ("answered", "answered"),
        ("on-time", "answered_on_time"),
        ("extended", "extended"),
        ("resolved", "resolved"),
        ("median", "median_working_days_to_first_answer"),
    ] {
        assert_eq!(cell(class), as_text(&want[field]), "{class} on the page");
    }
    let received = as_text(&want["received"]);
    assert_eq!(
        crate::helpers::text(&page, "#months tfoot td.received"),
        received
    );
    assert!(!crate::helpers::text(&page, "svg[role=img] > title").is_empty());
    let desc = crate::helpers::text(&page, "svg[role=img] > desc");
    let on_time = as_text(&want["answered_on_time"]);
    assert!(
        desc.contains(&format!("{label} {received} / {on_time}")),
        "{desc}"
    );
    assert_eq!(
        crate::helpers::attrs(&page, "#csv-link", "href"),
        [format!("/statistics.csv?beat={a_number}")]
    );
    assert!(!crate::helpers::text(&page, "#small-counts").is_empty());
    // The city's page lists every beat, each linking to its own.
    let city = app.page("/statistics?lang=ru", 200).await;
    let links = crate::helpers::attrs(&city, "#beats th a", "href");
    assert_eq!(links.len(), count_beats(&app).await);
    assert_eq!(crate::helpers::text(&city, "#total-received"), "12");
    for secret in ["Aigerim", "serik@example.kz", "Somewhere", "701 234"] {
        assert!(
            !city.html().contains(secret),
            "{secret} on the statistics page"
        );
    }
    app.page("/statistics?beat=no-such-beat", 404).await;
    // With figures in them, the pages pass axe-core in a real browser, charts and tables.
    {
        use crate::browser::{Screen, assert_accessible, browser_at, find};
        let driver = browser_at(Screen::Window(1024, 900), "kk-KZ,kk", true).await;
        for path in [
            format!("/statistics?beat={a_number}&lang=kk"),
            "/statistics?lang=ru".to_string(),
        ] {
            driver.goto(app.url(&path)).await.unwrap();
            find(&driver, thirtyfour::By::Css("svg[role=img]")).await;
            assert_accessible(&driver, &path).await;
        }
        driver.quit().await.unwrap();
    }

    // The CSV holds the same, a row per area and month.
    let csv = app.get("/statistics.csv").await.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let b_row = rows
        .iter()
        .find(|r| &r[at("beat")] == b_number.as_str() && r[at("month")] == month_code)
        .unwrap();
    if market != *b {
        assert_eq!(&b_row[at("received")], "< 5");
        assert_eq!(&b_row[at("complaints")], "< 5");
        assert_eq!(&b_row[at("rejected_spam")], "< 5");
        assert_eq!(&b_row[at("answered")], "0");
        assert_eq!(&b_row[at("median_working_days_to_first_answer")], "");
    }
    let city_total = rows
        .iter()
        .find(|r| &r[at("area")] == "city" && &r[at("month")] == "total")
        .unwrap();
    assert_eq!(&city_total[at("received")], "12");
    assert_eq!(rows.len(), (1 + count_beats(&app).await) * 13);
}

async fn count_beats(app: &TestApp) -> usize {
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM beats")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    usize::try_from(n).unwrap()
}
