//! HTTP: one folder per audience, plus the pieces every page shares.

pub mod api;
pub mod calendar;
pub mod csv;
pub mod error;
pub mod extract;
pub mod filters;
pub mod form;
pub mod format;
pub mod health;
pub mod hours;
pub mod i18n;
pub mod input;
pub mod links;
pub mod metrics;
pub mod open311;
pub mod page;
pub mod public;
pub mod routing;
pub mod security;
pub mod session;
pub mod staff;
pub mod state;
pub mod statistics;
pub mod telemetry;
pub mod validation;

use actix_web::body::MessageBody;
use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::web;

use crate::domain::submission::FormKind;
pub use state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    use public::{accessibility, home, inspectors, posts, privacy, statistics, submission, track};
    use routing::{page, resource};
    // One pair of handlers serves both forms; the route says which.
    let submission_form =
        |path: &str, kind: FormKind| page(path, submission::new::new).app_data(kind);
    // Where a form is sent; a GET there (a bookmark, a language link) leads to the blank form.
    let sent_to = |path: &str, kind: FormKind| {
        resource(path, "GET, HEAD, POST")
            .route(routing::get().to(submission::new::to_blank_form))
            .route(routing::post().to(submission::create::create))
            .app_data(kind)
    };
    cfg.service(page("/", home::show))
        .service(page("/healthz", health::check))
        .service(page("/metrics", metrics::show))
        .service(page("/posts", posts::find::find))
        .service(page("/posts/{id}", posts::show::show))
        .service(page("/inspectors", inspectors::directory::directory))
        .service(page("/inspectors/find", inspectors::find::find))
        .service(page("/inspectors/{id}", inspectors::show::show))
        .service(page("/inspectors/{id}/photo", inspectors::photo::photo))
        .service(submission_form("/feedback/new", FormKind::Feedback))
        .service(submission_form("/requests/new", FormKind::Request))
        .service(sent_to("/feedback", FormKind::Feedback))
        .service(sent_to("/requests", FormKind::Request))
        .service(page("/track", track::form::form))
        .service(page("/track/{number}", track::show::show))
        .service(
            resource("/track/{number}/quiet", "GET, HEAD, POST")
                .route(routing::get().to(track::reply::quiet_form))
                .route(routing::post().to(track::reply::quiet)),
        )
        .service(
            resource("/track/{number}/survey/{round}", "GET, HEAD, POST")
                .route(routing::get().to(track::reply::survey_link))
                .route(routing::post().to(track::reply::survey)),
        )
        .configure(beat_routes)
        .service(page("/statistics", statistics::show))
        .service(page("/statistics.csv", statistics::export::csv))
        .service(page("/privacy", privacy::show))
        .service(page("/accessibility", accessibility::show))
        .configure(staff::routes)
        .service(api::scope())
        .service(open311::scope())
        .service(resource("/api/openapi.json", "GET, HEAD").route(routing::get().to(api::openapi)));
}

/// The beats, their calendars, and bookings of reception slots.
fn beat_routes(cfg: &mut web::ServiceConfig) {
    use public::{beats, bookings};
    use routing::{page, resource};
    cfg.service(page("/beats", beats::list))
        .service(page("/beats/{number}", beats::show))
        .service(page("/beats/{number}/events.ics", beats::events))
        .service(
            resource("/beats/{number}/book", "GET, HEAD, POST")
                .route(routing::get().to(beats::booking::form))
                .route(routing::post().to(beats::booking::book)),
        )
        .service(page("/bookings/{reference}", bookings::show))
        .service(page("/bookings/{reference}/event.ics", bookings::event))
        .service(
            resource("/bookings/{reference}/cancel", "GET, HEAD, POST")
                .route(routing::get().to(bookings::cancel_form))
                .route(routing::post().to(bookings::cancel)),
        );
}

/// Remembers a language chosen with `?lang=` in a cookie for the following pages.
pub async fn remember_language(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let chosen = i18n::query_lang(req.query_string());
    let mut res = next.call(req).await?;
    if let Some(lang) = chosen {
        let cookie = Cookie::build(i18n::LANG_COOKIE, lang.code())
            .path("/")
            .max_age(CookieDuration::days(365))
            .same_site(SameSite::Lax)
            .http_only(true)
            .finish();
        res.response_mut().add_cookie(&cookie)?;
    }
    Ok(res)
}
