//! A booking as an iCalendar file (RFC 5545), the same file whether the resident downloads it
//! from the signed link or finds it attached to the confirmation and the reminder.

use chrono::Utc;
use chrono_tz::Tz;

use crate::domain::beat_life::{CalendarEvent, ical};
use crate::domain::lang::Lang;
use crate::store::bookings::BookingView;

/// The booking's calendar file, in `lang`, in the city's time zone.
pub fn booking_ics(b: &BookingView, lang: Lang, tz: Tz) -> String {
    let place = [
        b.point_name.as_ref().map(|p| p.of(lang).to_string()),
        b.point_address.as_ref().map(|p| p.of(lang).to_string()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    let event = CalendarEvent {
        uid: format!("booking-{}@police-portal", b.reference),
        stamp: Utc::now(),
        starts: b.starts_at.with_timezone(&tz).naive_local(),
        ends: b.ends_at.with_timezone(&tz).naive_local(),
        summary: lang.t_args(
            "booking-calendar-summary",
            &[("inspector", b.inspector.of(lang).to_string().into())],
        ),
        location: place,
        description: lang.t_args(
            "booking-calendar-description",
            &[("reference", b.reference.clone().into())],
        ),
    };
    let offset = b.starts_at.with_timezone(&tz).format("%z").to_string();
    ical(&b.reference, tz.name(), &offset, &[event])
}

/// The file's name as a mail attachment or a download.
pub fn booking_ics_name(b: &BookingView) -> String {
    format!("{}.ics", b.reference)
}
