//! HTTP: one folder per audience, plus the pieces every page shares.

pub mod api;
pub mod error;
pub mod extract;
pub mod form;
pub mod format;
pub mod health;
pub mod i18n;
pub mod links;
pub mod page;
pub mod public;
pub mod security;
pub mod session;
pub mod staff;
pub mod state;
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
    use public::{home, inspectors, posts, privacy, submission, track};
    // One pair of handlers serves both forms; the route says which.
    let form =
        |path: &str, kind: FormKind, action| web::resource(path).app_data(kind).route(action);
    cfg.route("/", web::get().to(home::show))
        .route("/healthz", web::get().to(health::check))
        .route("/posts", web::get().to(posts::find::find))
        .route("/posts/{id}", web::get().to(posts::show::show))
        .route(
            "/inspectors",
            web::get().to(inspectors::directory::directory),
        )
        .route("/inspectors/find", web::get().to(inspectors::find::find))
        .route("/inspectors/{id}", web::get().to(inspectors::show::show))
        .route(
            "/inspectors/{id}/photo",
            web::get().to(inspectors::photo::photo),
        )
        .service(form(
            "/feedback/new",
            FormKind::Feedback,
            web::get().to(submission::new::new),
        ))
        .service(form(
            "/feedback",
            FormKind::Feedback,
            web::post().to(submission::create::create),
        ))
        .service(form(
            "/requests/new",
            FormKind::Request,
            web::get().to(submission::new::new),
        ))
        .service(form(
            "/requests",
            FormKind::Request,
            web::post().to(submission::create::create),
        ))
        .route("/track", web::get().to(track::form::form))
        .route("/track/{number}", web::get().to(track::show::show))
        .route("/privacy", web::get().to(privacy::show))
        .configure(staff::routes)
        .service(api::scope())
        .route("/api/openapi.json", web::get().to(api::openapi));
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
