//! The beat's page, its priorities, meetings and calendar feed (parsed with Python's
//! icalendar), and booking a reception slot: one slot, one booking under a 100-way race, the
//! signed cancel link used twice or forged, staff marks, and the reminder sent once.

use std::sync::Arc;

use chrono::{Datelike, Duration, NaiveDate};
use scraper::Html;

use crate::helpers::{
    ADMIN, MODERATOR, TEST_SECRET, TestApp, attrs, form_fields, test_settings, text, texts,
    with_values,
};
use crate::notify::{SmtpSink, decoded, eventually, free_port};
use police_portal::domain::hours::OpeningHours;

/// A beat served by an active inspector at a reception point, with no substitute.
struct Served {
    beat: i64,
    number: String,
    inspector: i64,
}

/// Gives the beat's inspector reception every day 09:00-11:00 in 15-minute slots, opens the
/// point around the clock, and clears holidays in the coming fortnight, so that tomorrow
/// 09:00 is the first free slot whatever day the test runs.
async fn served(app: &TestApp) -> Served {
    let (beat, number, inspector, post): (i64, String, i64, i64) = sqlx::query_as(
        "SELECT b.id, b.number, i.id, i.post_id FROM beats b
         JOIN inspectors i ON i.id = b.inspector_id
         WHERE i.active AND i.post_id IS NOT NULL AND b.substitute_id IS NULL
           AND (SELECT count(*) FROM beats x WHERE x.inspector_id = i.id) = 1
         ORDER BY b.id LIMIT 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let daily = serde_json::to_value(OpeningHours::parse("Mo-Su 09:00-11:00").unwrap()).unwrap();
    let always = serde_json::to_value(OpeningHours::always_open()).unwrap();
    sqlx::query("UPDATE inspectors SET reception_hours = $2, slot_minutes = 15 WHERE id = $1")
        .bind(inspector)
        .bind(daily)
        .execute(&app.pool)
        .await
        .unwrap();
    sqlx::query("UPDATE posts SET hours = $2 WHERE id = $1")
        .bind(post)
        .bind(always)
        .execute(&app.pool)
        .await
        .unwrap();
    sqlx::query("DELETE FROM calendar_days WHERE day BETWEEN current_date AND current_date + 15")
        .execute(&app.pool)
        .await
        .unwrap();
    Served {
        beat,
        number,
        inspector,
    }
}

async fn tomorrow(app: &TestApp) -> NaiveDate {
    sqlx::query_scalar("SELECT ((now() AT TIME ZONE 'Asia/Atyrau')::date + 1)")
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

const VISITOR: &[(&str, &str)] = &[
    ("name", "Aigerim Nurlanovna"),
    ("phone", "+7 701 234 56 78"),
    ("email", "aigerim@example.kz"),
    ("topic", "A car parked on the pavement every night"),
    ("consent", "1"),
];

/// Books `slot` from a fresh client; the response.
async fn book(
    app: &TestApp,
    number: &str,
    slot: &str,
    forwarded: Option<&str>,
) -> reqwest::Response {
    let client = app.another_client();
    let page = client
        .page(&format!("/beats/{number}/book?lang=en"), 200)
        .await;
    let mut fields = with_values(&form_fields(&page, "#booking-form"), VISITOR);
    fields.retain(|(k, _)| k != "slot");
    fields.push(("slot".into(), slot.into()));
    let mut request = client
        .client
        .post(client.url(&format!("/beats/{number}/book?lang=en")))
        .form(&fields);
    if let Some(ip) = forwarded {
        request = request.header("x-forwarded-for", ip);
    }
    request.send().await.unwrap()
}

/// The events of a calendar file, or of the calendar a raw e-mail carries, as parsed by
/// Python's icalendar: a line per event, UID, DTSTAMP, DTSTART, its TZID, SUMMARY, `|`,
/// LOCATION, tab-separated.
fn calendar_events(input: &str) -> String {
    use std::io::Write;
    let script = "import sys, email, icalendar\n\
         text = sys.stdin.read()\n\
         if not text.startswith('BEGIN:VCALENDAR'):\n\
         \x20   parts = [p for p in email.message_from_string(text).walk()\n\
         \x20            if p.get_content_type() == 'text/calendar']\n\
         \x20   assert len(parts) == 1, 'one calendar in the mail'\n\
         \x20   assert parts[0].get_filename().endswith('.ics')\n\
         \x20   text = parts[0].get_payload(decode=True).decode('utf-8')\n\
         cal = icalendar.Calendar.from_ical(text)\n\
         for e in cal.walk('VEVENT'):\n\
         \x20   print(e['UID'], e['DTSTAMP'].dt.isoformat(), e['DTSTART'].dt.isoformat(), \
         e['DTSTART'].params['TZID'], e['SUMMARY'], '|', e['LOCATION'], sep='\\t')";
    let parsed = std::process::Command::new("/usr/bin/python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            child.stdin.take().unwrap().write_all(input.as_bytes())?;
            child.wait_with_output()
        })
        .expect("python3-icalendar (apt install python3-icalendar)");
    assert!(
        parsed.status.success(),
        "{}",
        String::from_utf8_lossy(&parsed.stderr)
    );
    String::from_utf8_lossy(&parsed.stdout).to_string()
}

#[tokio::test]
async fn a_beat_page_shows_who_serves_it_its_priorities_meetings_and_calendar() {
    let app = TestApp::builder()
        .with_demo_data()
        .with_staff()
        .spawn()
        .await;
    let s = served(&app).await;
    let moderator = app.another_client();
    assert_eq!(moderator.sign_in(MODERATOR).await.status(), 303);
    let life = format!("/staff/beats/{}/life?lang=en", s.beat);
    let page = moderator.page(&life, 200).await;
    // A priority without any text: the form again, the dates kept, the message by the field.
    let empty = with_values(
        &form_fields(&page, "#priority-form"),
        &[("starts_on", "2026-12-01")],
    );
    let refused = moderator
        .client
        .post(moderator.url(&format!("/staff/beats/{}/priorities?lang=en", s.beat)))
        .form(&empty)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    let refused = Html::parse_document(&refused.text().await.unwrap());
    assert!(!text(&refused, "#issue-error").is_empty());
    assert_eq!(attrs(&refused, "#starts_on", "value"), ["2026-12-01"]);
    let priority = with_values(
        &form_fields(&page, "#priority-form"),
        &[
            ("issue_ru", "Ночной шум у Центрального рынка"),
            ("action_en", "Evening patrols"),
            ("starts_on", "2026-12-01"),
        ],
    );
    let done = moderator
        .client
        .post(moderator.url(&format!("/staff/beats/{}/priorities", s.beat)))
        .form(&priority)
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 303);
    let day = tomorrow(&app).await + Duration::days(6);
    let meeting = with_values(
        &form_fields(&page, "#meeting-form"),
        &[
            ("kind", "report"),
            ("date", &day.format("%Y-%m-%d").to_string()),
            ("starts", "18:30"),
            ("ends", "19:30"),
            ("place_en", "School 5, the hall"),
            ("topic_en", "The inspector's yearly report"),
            ("topic_kk", "Инспектордың жылдық есебі"),
        ],
    );
    let done = moderator
        .client
        .post(moderator.url(&format!("/staff/beats/{}/meetings", s.beat)))
        .form(&meeting)
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 303);
    let audited: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE action IN ('priority_added', 'meeting_added')
         AND staff_email = $1",
    )
    .bind(MODERATOR.0)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(audited, 2);

    // A thanks to the beat's inspector, published by the moderator, and one not published.
    let inspector = s.inspector.to_string();
    let thanks = [
        ("type", "thanks"),
        ("inspector", inspector.as_str()),
        (
            "body",
            "Thank you for finding our lost child at the market, Mr Serik Akhmetov.",
        ),
        ("anonymous", "1"),
    ];
    let (published, _) = app.submit("/feedback", &thanks).await;
    app.submit("/feedback", &thanks).await;
    assert_eq!(moderator.act(published, "take", &[]).await.status(), 303);
    let public_text = "Thank you for finding our lost child at the market.";
    assert_eq!(
        moderator
            .act(published, "publish", &[("text", public_text)])
            .await
            .status(),
        303
    );

    let visitor = app.another_client();
    let beat = visitor
        .page(&format!("/beats/{}?lang=en", s.number), 200)
        .await;
    // Only the published text, never what the resident wrote.
    assert_eq!(texts(&beat, ".thanks-list .public-text"), [public_text]);
    assert!(!beat.html().contains("Akhmetov"));
    let priorities = texts(&beat, "#priorities li");
    assert_eq!(priorities.len(), 1);
    // English is shown where given, another language where not.
    assert!(priorities[0].contains("Ночной шум") && priorities[0].contains("Evening patrols"));
    assert!(priorities[0].contains("from 01.12.2026"), "{priorities:?}");
    let meetings = texts(&beat, "#meetings li");
    assert!(
        meetings[0].contains("The inspector's yearly report"),
        "{meetings:?}"
    );
    assert!(meetings[0].contains(&day.format("%d.%m.%Y 18:30").to_string()));
    // A report-back still to come is not one given: a year without, until one has been.
    let no_report = text(&beat, "#last-report");
    assert!(no_report.contains("12 months"), "{no_report}");

    assert_eq!(
        attrs(&beat, "#book-link", "href"),
        [format!("/beats/{}/book", s.number)]
    );
    assert!(!text(&beat, ".inspector-card h2").is_empty());
    // The beat's figures are the public statistics' for it: two thanks, shown as "< 5".
    let statistics: serde_json::Value = visitor
        .get("/api/v1/statistics.json")
        .await
        .json()
        .await
        .unwrap();
    let area = statistics["areas"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["beat"] == s.number.as_str())
        .unwrap();
    assert_eq!(area["total"]["received"], "< 5");
    assert_eq!(text(&beat, "#figure-received"), "< 5");
    assert!(
        text(&beat, "#figures-note").contains("< 5"),
        "what a hidden figure means, beside it"
    );
    // The inspector's own page links to the beat's.
    let card = visitor
        .page(&format!("/inspectors/{}?lang=en", s.inspector), 200)
        .await;
    assert!(attrs(&card, ".beat-link", "href").contains(&format!("/beats/{}", s.number)));
    // The list finds it by number.
    let list = visitor
        .page(&format!("/beats?q={}&lang=en", s.number), 200)
        .await;
    assert!(attrs(&list, "#beats a", "href").contains(&format!("/beats/{}", s.number)));
    visitor.page("/beats/no-such-beat", 404).await;

    // The calendar feed, in Kazakh, parsed by a real iCalendar parser.
    let ics = visitor
        .get(&format!("/beats/{}/events.ics?lang=kk", s.number))
        .await;
    assert!(
        ics.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let ics = ics.text().await.unwrap();
    let out = calendar_events(&ics);
    let fields: Vec<&str> = out.trim().split('\t').collect();
    assert_eq!(fields.len(), 7, "{out}");
    assert!(fields[0].starts_with("beat-meeting-"), "{out}");
    assert!(fields[1].ends_with("+00:00"), "DTSTAMP in UTC: {out}");
    assert_eq!(
        fields[2],
        day.format("%Y-%m-%dT18:30:00+05:00").to_string(),
        "{out}"
    );
    assert_eq!(fields[3], "Asia/Atyrau");
    assert!(
        fields[4].contains("Инспектордың жылдық есебі"),
        "in Kazakh: {out}"
    );
    assert_eq!(fields[6], "School 5, the hall", "{out}");

    // The priority removed: audited, gone from the beat's page; the meeting stays.
    let page = moderator.page(&life, 200).await;
    let remove = attrs(&page, "form[action*='/priority/']", "action");
    assert_eq!(remove.len(), 1, "{remove:?}");
    let csrf = attrs(&page, "input[name=csrf_token]", "value").remove(0);
    let removed = moderator
        .client
        .post(moderator.url(&remove[0]))
        .form(&[("csrf_token", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(removed.status(), 303);
    let audited: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE action = 'priority_removed' AND staff_email = $1",
    )
    .bind(MODERATOR.0)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(audited, 1);
    let beat = visitor
        .page(&format!("/beats/{}?lang=en", s.number), 200)
        .await;
    assert!(texts(&beat, "#priorities li").is_empty());
    assert_eq!(texts(&beat, "#meetings li").len(), 1);

    // A report-back given 40 days ago: the page says so.
    sqlx::query(
        "INSERT INTO beat_meetings (beat_id, kind, starts_at, ends_at, place_ru, topic_ru)
         VALUES ($1, 'report', now() - interval '40 days',
                 now() - interval '40 days' + interval '1 hour', 'Школа 5', 'Отчёт')",
    )
    .bind(s.beat)
    .execute(&app.pool)
    .await
    .unwrap();
    let reported: String = sqlx::query_scalar(
        "SELECT to_char((now() - interval '40 days') AT TIME ZONE 'Asia/Atyrau', 'DD.MM.YYYY')",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let again = visitor
        .page(&format!("/beats/{}?lang=en", s.number), 200)
        .await;
    assert!(
        text(&again, "#last-report").contains(&reported),
        "{}",
        text(&again, "#last-report")
    );
}

#[tokio::test]
async fn of_100_residents_taking_one_slot_one_gets_it_and_99_see_the_next_free_times() {
    let app = TestApp::builder()
        .with_demo_data()
        .with_settings(|s| s.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()])
        .spawn()
        .await;
    let s = served(&app).await;
    let first = format!(
        "{}:{}T09:00",
        s.inspector,
        tomorrow(&app).await.format("%Y-%m-%d")
    );
    let page = app
        .page(&format!("/beats/{}/book?lang=en", s.number), 200)
        .await;
    let offered = attrs(&page, "input[name=slot]", "value");
    assert!(offered.contains(&first), "{first} in {offered:?}");
    // Each resident's own form, then all at once.
    let mut forms = Vec::new();
    for i in 0..100 {
        let client = app.another_client();
        let page = client
            .page(&format!("/beats/{}/book?lang=en", s.number), 200)
            .await;
        let mut fields = with_values(&form_fields(&page, "#booking-form"), VISITOR);
        fields.retain(|(k, _)| k != "slot");
        fields.push(("slot".into(), first.clone()));
        forms.push((client, fields, format!("10.1.{}.{}", i / 200, i % 200 + 1)));
    }
    let path = format!("/beats/{}/book?lang=en", s.number);
    let all = forms.into_iter().map(|(client, fields, ip)| {
        let url = client.url(&path);
        async move {
            let r = client
                .client
                .post(url)
                .header("x-forwarded-for", ip)
                .form(&fields)
                .send()
                .await
                .unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        }
    });
    let answers = futures_util::future::join_all(all).await;
    let booked = answers.iter().filter(|(s, _)| *s == 303).count();
    assert_eq!(
        booked,
        1,
        "{:?}",
        answers.iter().map(|a| a.0).collect::<Vec<_>>()
    );
    for (status, body) in answers.iter().filter(|(s, _)| *s != 303) {
        assert_eq!(*status, 409);
        let html = Html::parse_document(body);
        assert!(!text(&html, "#taken").is_empty());
        assert!(!text(&html, "#slot-error").is_empty());
        // What they typed is kept, and the next free time is offered, not the taken one.
        assert_eq!(attrs(&html, "input#name", "value"), ["Aigerim Nurlanovna"]);
        let slots = attrs(&html, "input[name=slot]", "value");
        assert!(!slots.contains(&first) && !slots.is_empty());
    }
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM bookings")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(stored, 1);
}

#[tokio::test]
async fn the_cancel_link_works_once_a_forged_one_not_at_all_and_staff_see_the_day() {
    let port = free_port();
    let sink = SmtpSink::start(port);
    let app = TestApp::builder()
        .with_demo_data()
        .with_staff()
        .with_settings(move |s| {
            s.notify.smtp_url = Some(format!("smtp://127.0.0.1:{port}"));
            s.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
        })
        .spawn()
        .await;
    let s = served(&app).await;
    let day = tomorrow(&app).await;
    let slot = |t: &str| format!("{}:{}T{t}", s.inspector, day.format("%Y-%m-%d"));
    let done = book(&app, &s.number, &slot("09:15"), Some("10.2.0.1")).await;
    assert_eq!(done.status(), 303);
    let confirmation = done.headers()["location"].to_str().unwrap().to_string();
    assert!(confirmation.starts_with("/bookings/Q-"), "{confirmation}");
    let resident = app.another_client();
    let page = resident.page(&format!("{confirmation}&lang=en"), 200).await;
    assert!(text(&page, "#when").starts_with(&day.format("%d.%m.%Y 09:15").to_string()));
    // The resident's page shows no name, phone or topic.
    for secret in ["Aigerim", "234 56 78", "pavement"] {
        assert!(
            !page.html().contains(secret),
            "{secret} on the confirmation page"
        );
    }
    // The confirmation e-mail has the time and the cancel link.
    eventually("the confirmation", || !sink.mails().is_empty()).await;
    let raw = sink.mails().remove(0);
    let mail = decoded(&raw);
    assert!(
        mail.contains("09:15") && mail.contains("/cancel?t="),
        "{mail}"
    );
    // ... and carries the time as a calendar file, in the resident's language.
    let attached = calendar_events(&raw);
    let event: Vec<&str> = attached.trim().split('\t').collect();
    assert_eq!(event.len(), 7, "{attached}");
    assert!(event[0].starts_with("booking-Q-"), "{attached}");
    assert_eq!(event[2], day.format("%Y-%m-%dT09:15:00+05:00").to_string());
    assert_eq!(event[3], "Asia/Atyrau");
    assert!(event[4].starts_with("Appointment with "), "{attached}");
    assert!(!event[6].is_empty(), "the reception point: {attached}");

    let reference = confirmation
        .trim_start_matches("/bookings/")
        .split('?')
        .next()
        .unwrap()
        .to_string();
    resident
        .page(&format!("/bookings/{reference}?t=forged00000"), 404)
        .await;
    resident
        .page(&format!("/bookings/{reference}/cancel?t=forged00000"), 404)
        .await;
    let token = confirmation.split("t=").nth(1).unwrap().to_string();
    // The signed link downloads the same event; a forged one nothing.
    let ics = resident
        .get(&format!(
            "/bookings/{reference}/event.ics?t={token}&lang=en"
        ))
        .await;
    assert_eq!(ics.status(), 200);
    let downloaded = calendar_events(&ics.text().await.unwrap());
    let same: Vec<&str> = downloaded.trim().split('\t').collect();
    assert_eq!((same[0], same[2], same[4]), (event[0], event[2], event[4]));
    resident
        .page(
            &format!("/bookings/{reference}/event.ics?t=forged00000"),
            404,
        )
        .await;
    let cancel_page = resident
        .page(
            &format!("/bookings/{reference}/cancel?t={token}&lang=en"),
            200,
        )
        .await;
    let fields = form_fields(&cancel_page, "#cancel-form");
    let action = attrs(&cancel_page, "#cancel-form", "action").remove(0);
    for _ in 0..2 {
        let r = resident
            .client
            .post(resident.url(&action))
            .form(&fields)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303, "cancelling twice is cancelling once");
    }
    let cancelled = resident.page(&format!("{confirmation}&lang=en"), 200).await;
    assert!(!text(&cancelled, "#booking-status").is_empty());
    assert!(attrs(&cancelled, "#cancel-link", "href").is_empty());
    let status: String = sqlx::query_scalar("SELECT status FROM bookings")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(status, "cancelled");
    // One client holds at most two upcoming bookings.
    for t in ["10:00", "10:15"] {
        assert_eq!(
            book(&app, &s.number, &slot(t), Some("10.2.0.9"))
                .await
                .status(),
            303
        );
    }
    let third = book(&app, &s.number, &slot("10:30"), Some("10.2.0.9")).await;
    assert_eq!(third.status(), 429);
    let third = Html::parse_document(&third.text().await.unwrap());
    assert!(!text(&third, "#slot-error").is_empty());
    assert_eq!(attrs(&third, "input#name", "value"), ["Aigerim Nurlanovna"]);
    sqlx::query("DELETE FROM bookings WHERE status = 'booked'")
        .execute(&app.pool)
        .await
        .unwrap();
    // The time is free again.
    let again = app.page(&format!("/beats/{}/book", s.number), 200).await;
    assert!(attrs(&again, "input[name=slot]", "value").contains(&slot("09:15")));

    // Staff see the day's bookings with the residents' details, and mark them.
    let kept = book(&app, &s.number, &slot("09:30"), Some("10.2.0.2")).await;
    assert_eq!(kept.status(), 303);
    let moderator = app.another_client();
    assert_eq!(moderator.sign_in(MODERATOR).await.status(), 303);
    let staff_day = moderator
        .page(
            &format!("/staff/bookings?day={}&lang=en", day.format("%Y-%m-%d")),
            200,
        )
        .await;
    let rows = texts(&staff_day, "tbody tr");
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(
        rows.iter()
            .any(|r| r.contains("Aigerim Nurlanovna") && r.contains("09:30"))
    );
    let id: i64 = sqlx::query_scalar("SELECT id FROM bookings WHERE status = 'booked'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let csrf = attrs(&staff_day, "input[name=csrf_token]", "value").remove(0);
    let no_reason = moderator
        .client
        .post(moderator.url(&format!("/staff/bookings/{id}/cancel")))
        .form(&[("csrf_token", csrf.as_str()), ("reason", ""), ("day", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(no_reason.status(), 303);
    assert!(
        no_reason.headers()["location"]
            .to_str()
            .unwrap()
            .contains("error=reason")
    );
    let cancelled = moderator
        .client
        .post(moderator.url(&format!("/staff/bookings/{id}/cancel")))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("reason", "The inspector is called to an emergency"),
            ("day", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(cancelled.status(), 303);
    let (audited, told): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM audit_log WHERE action = 'booking_cancelled'),
                (SELECT count(*) FROM outbox WHERE booking_id = $1 AND event = 'booking_cancelled')",
    )
    .bind(id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!((audited, told), (1, 2), "audited; told by e-mail and SMS");
    eventually("the cancellation", || {
        sink.mails()
            .iter()
            .any(|m| decoded(m).contains("called to an emergency"))
    })
    .await;

    // Attended and no-show are marked once the time has begun, not before.
    for (t, ip) in [("10:30", "10.2.0.3"), ("10:45", "10.2.0.4")] {
        assert_eq!(
            book(&app, &s.number, &slot(t), Some(ip)).await.status(),
            303
        );
    }
    let ids: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM bookings WHERE status = 'booked' ORDER BY starts_at")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    let mark = |id: i64, what: &'static str| {
        let moderator = &moderator;
        let csrf = csrf.clone();
        async move {
            moderator
                .client
                .post(moderator.url(&format!("/staff/bookings/{id}/{what}")))
                .form(&[("csrf_token", csrf.as_str()), ("day", "")])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(mark(ids[0], "attended").await, 409, "not begun yet");
    let staff_day = moderator
        .page(
            &format!("/staff/bookings?day={}&lang=en", day.format("%Y-%m-%d")),
            200,
        )
        .await;
    assert!(attrs(&staff_day, "form[action$='/attended']", "action").is_empty());
    sqlx::query(
        "UPDATE bookings SET starts_at = starts_at - interval '2 days',
                             ends_at = ends_at - interval '2 days' WHERE status = 'booked'",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    let earlier = moderator
        .page(
            &format!(
                "/staff/bookings?day={}&lang=en",
                (day - Duration::days(2)).format("%Y-%m-%d")
            ),
            200,
        )
        .await;
    assert_eq!(
        attrs(&earlier, "form[action$='/attended']", "action"),
        ids.iter()
            .map(|id| format!("/staff/bookings/{id}/attended"))
            .collect::<Vec<_>>()
    );
    assert_eq!(mark(ids[0], "attended").await, 303);
    assert_eq!(mark(ids[1], "no-show").await, 303);
    assert_eq!(mark(ids[1], "attended").await, 409, "marked once");
    let marks: Vec<(String, String)> = sqlx::query_as(
        "SELECT b.status, a.action FROM bookings b
         JOIN audit_log a ON a.target = 'booking:' || b.reference
         WHERE b.id = ANY($1) ORDER BY b.starts_at",
    )
    .bind(&ids)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        marks,
        [
            ("attended".to_string(), "booking_attended".to_string()),
            ("no_show".to_string(), "booking_no_show".to_string())
        ]
    );
    let _ = ADMIN;
}

#[tokio::test]
async fn the_reminder_the_day_before_is_written_once_and_sent_once() {
    let port = free_port();
    let sink = SmtpSink::start(port);
    let app = TestApp::builder()
        .with_demo_data()
        .with_settings(move |s| s.notify.smtp_url = Some(format!("smtp://127.0.0.1:{port}")))
        .spawn()
        .await;
    let s = served(&app).await;
    let day = tomorrow(&app).await;
    let slot = format!("{}:{}T10:00", s.inspector, day.format("%Y-%m-%d"));
    assert_eq!(book(&app, &s.number, &slot, None).await.status(), 303);
    let mut settings = test_settings();
    settings.notify.smtp_url = Some(format!("smtp://127.0.0.1:{port}"));
    let secrets = Arc::new(police_portal::web::security::Secrets::new(TEST_SECRET));
    let worker = police_portal::notify::Notifier::new(app.pool.clone(), settings, secrets).unwrap();
    // The app's own worker may have written them already at its start: together, once.
    let written =
        worker.schedule_reminders().await.unwrap() + worker.schedule_reminders().await.unwrap();
    let rows: i64 =
        sqlx::query_scalar("SELECT count(*) FROM outbox WHERE event = 'booking_reminder'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(rows, 2, "e-mail and SMS, once each");
    assert!(written <= 2);
    worker.run_once().await.unwrap();
    eventually("the reminder", || {
        sink.mails()
            .iter()
            .filter(|m| decoded(m).contains("10:00"))
            .count()
            >= 2
    })
    .await;
    worker.run_once().await.unwrap();
    let reminders = sink
        .mails()
        .iter()
        .filter(|m| {
            decoded(m).contains(&day.format("%d.%m.%Y").to_string())
                && decoded(m).contains("cancel")
        })
        .count();
    // The confirmation and the reminder: one of each.
    assert_eq!(reminders, 2, "{:?}", sink.mails());
    let _ = day.weekday();
}

/// Opens the point around the clock and gives the inspector `hours` in `minutes`-long slots.
async fn receive(app: &TestApp, inspector: i64, hours: &str, minutes: i32) {
    let hours = serde_json::to_value(OpeningHours::parse(hours).unwrap()).unwrap();
    sqlx::query("UPDATE inspectors SET reception_hours = $2, slot_minutes = $3 WHERE id = $1")
        .bind(inspector)
        .bind(hours)
        .bind(minutes)
        .execute(&app.pool)
        .await
        .unwrap();
}

#[tokio::test]
async fn slots_follow_the_hours_past_midnight_holidays_exceptions_and_a_substitute() {
    let app = TestApp::builder().with_demo_data().spawn().await;
    let s = served(&app).await;
    let day = tomorrow(&app).await;
    let d = |n: i64| day + Duration::days(n);
    let ymd = |n: i64| d(n).format("%Y-%m-%d").to_string();
    // Every night 23:30-00:30 in half hours, except the day after tomorrow (an exception of
    // the inspector's hours); a public holiday in three days; a substitute with morning hours
    // for days 4 and 5.
    let hours = format!("Mo-Su 23:30-00:30; {} off", ymd(1));
    receive(&app, s.inspector, &hours, 30).await;
    sqlx::query(
        "INSERT INTO calendar_days (day, working, note) VALUES ($1, false, 'test holiday')",
    )
    .bind(d(2))
    .execute(&app.pool)
    .await
    .unwrap();
    let other: i64 = sqlx::query_scalar(
        "SELECT id FROM inspectors WHERE active AND id <> $1 ORDER BY id LIMIT 1",
    )
    .bind(s.inspector)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    receive(&app, other, "Mo-Su 09:00-09:45", 15).await;
    sqlx::query(
        "UPDATE beats SET substitute_id = $2, substitute_from = $3, substitute_until = $4
         WHERE id = $1",
    )
    .bind(s.beat)
    .bind(other)
    .bind(d(3))
    .bind(d(4))
    .execute(&app.pool)
    .await
    .unwrap();
    // The reception point closed on day 6 by an exception of its own hours.
    let closed =
        serde_json::to_value(OpeningHours::parse(&format!("24/7; {} off", ymd(6))).unwrap())
            .unwrap();
    sqlx::query(
        "UPDATE posts SET hours = $2 FROM inspectors i WHERE i.id = $1 AND posts.id = i.post_id",
    )
    .bind(s.inspector)
    .bind(closed)
    .execute(&app.pool)
    .await
    .unwrap();
    let page = app.page(&format!("/beats/{}/book", s.number), 200).await;
    let offered = attrs(&page, "input[name=slot]", "value");
    let on = |n: i64| -> Vec<String> {
        offered
            .iter()
            .filter(|v| v.contains(&format!(":{}T", ymd(n))))
            .cloned()
            .collect()
    };
    let mine = |n: i64, t: &str| format!("{}:{}T{t}", s.inspector, ymd(n));
    let theirs = |n: i64, t: &str| format!("{other}:{}T{t}", ymd(n));
    // Tomorrow's night reception: 23:30 (and 00:00 of tonight's, when far enough ahead), then
    // 00:00 the day after (it began tomorrow).
    assert_eq!(on(0).last(), Some(&mine(0, "23:30")));
    assert!(
        on(0)
            .iter()
            .all(|v| v.starts_with(&format!("{}:", s.inspector)))
    );
    assert_eq!(
        on(1),
        [mine(1, "00:00")],
        "the exception day: only what began the night before"
    );
    assert!(on(2).is_empty(), "a public holiday: {:?}", on(2));
    assert_eq!(
        on(3),
        [theirs(3, "09:00"), theirs(3, "09:15"), theirs(3, "09:30")],
        "the night that began on the holiday is not offered; the substitute from day 3"
    );
    assert_eq!(on(4).len(), 3, "{:?}", on(4));
    assert!(on(4).iter().all(|v| v.starts_with(&format!("{other}:"))));
    assert_eq!(on(5), [mine(5, "23:30")], "back to the beat's inspector");
    assert!(on(6).is_empty(), "the point is closed: {:?}", on(6));
    assert_eq!(
        on(7),
        [mine(7, "00:00"), mine(7, "23:30")],
        "open again after the closed day"
    );
    // Never more than 14 days ahead, never in the past or within 2 hours.
    let today: NaiveDate = day - Duration::days(1);
    assert!(offered.iter().all(|v| {
        let date = v.split(':').nth(1).unwrap().split('T').next().unwrap();
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
        date >= today && date < today + Duration::days(15)
    }));
}

#[tokio::test]
async fn a_resident_finds_the_beat_from_the_home_page_books_tomorrow_and_cancels() {
    use crate::browser::{Screen, assert_accessible, browser_at, fill, find, press_enter};
    use thirtyfour::prelude::*;

    let app = TestApp::builder().with_demo_data().spawn().await;
    // The Central Market's beat, whose inspector receives every morning.
    let (beat, inspector, post): (i64, i64, i64) = sqlx::query_as(
        "SELECT b.id, i.id, i.post_id FROM beats b JOIN inspectors i ON i.id = b.inspector_id
         WHERE b.number = '34'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    receive(&app, inspector, "Mo-Su 09:00-11:00", 15).await;
    let always = serde_json::to_value(OpeningHours::always_open()).unwrap();
    sqlx::query("UPDATE posts SET hours = $2 WHERE id = $1")
        .bind(post)
        .bind(always)
        .execute(&app.pool)
        .await
        .unwrap();
    sqlx::query("UPDATE beats SET substitute_id = NULL WHERE id = $1")
        .bind(beat)
        .execute(&app.pool)
        .await
        .unwrap();
    sqlx::query("DELETE FROM calendar_days WHERE day BETWEEN current_date AND current_date + 15")
        .execute(&app.pool)
        .await
        .unwrap();
    let day = tomorrow(&app).await;

    let driver = browser_at(Screen::Window(1024, 900), "en-GB,en", true).await;
    driver.goto(app.url("/?lang=en")).await.unwrap();
    fill(&driver, "q", "Central Market").await;
    press_enter(&driver, "q").await;
    find(&driver, By::Css(".beat-link"))
        .await
        .click()
        .await
        .unwrap();
    find(&driver, By::Id("book-link")).await;
    assert_accessible(&driver, "the beat page").await;
    find(&driver, By::Id("book-link"))
        .await
        .click()
        .await
        .unwrap();
    let first = format!("{inspector}:{}T09:00", day.format("%Y-%m-%d"));
    find(&driver, By::Css(format!("input[value='{first}']")))
        .await
        .click()
        .await
        .unwrap();
    assert_accessible(&driver, "the booking form").await;
    fill(&driver, "name", "Aigerim Nurlanovna").await;
    fill(&driver, "phone", "+7 701 234 56 78").await;
    fill(&driver, "topic", "Cars parked on the pavement").await;
    find(&driver, By::Id("consent"))
        .await
        .click()
        .await
        .unwrap();
    press_enter(&driver, "name").await;
    let when = find(&driver, By::Id("when")).await.text().await.unwrap();
    assert!(
        when.starts_with(&day.format("%d.%m.%Y 09:00").to_string()),
        "{when}"
    );
    assert_accessible(&driver, "the booking confirmation").await;
    find(&driver, By::Id("cancel-link"))
        .await
        .click()
        .await
        .unwrap();
    find(&driver, By::Id("cancel")).await;
    assert_accessible(&driver, "the cancel page").await;
    find(&driver, By::Id("cancel")).await.click().await.unwrap();
    let status = find(&driver, By::Id("booking-status"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!status.is_empty());
    assert!(
        driver.find(By::Id("cancel-link")).await.is_err(),
        "nothing left to cancel"
    );
    driver.goto(app.url("/beats?lang=kk")).await.unwrap();
    find(&driver, By::Id("beats")).await;
    assert_accessible(&driver, "the list of beats").await;
    driver.quit().await.unwrap();
    let status: String = sqlx::query_scalar("SELECT status FROM bookings")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(status, "cancelled");
}
