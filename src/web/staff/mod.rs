//! Staff pages: sign-in, the moderation queue, one submission and its actions, the audit
//! log. Every route checks the session and role through the extractors in `web::extract`.

pub mod audit;
pub mod dashboard;
pub mod login;
pub mod logout;
pub mod password;
pub mod queue;
pub mod submission;
pub mod view;

use actix_web::http::header;
use actix_web::web;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/staff")
            .wrap(
                actix_web::middleware::DefaultHeaders::new()
                    .add((header::CACHE_CONTROL, "no-store"))
                    .add(("X-Robots-Tag", "noindex")),
            )
            .route("/login", web::get().to(login::form))
            .route("/login", web::post().to(login::sign_in))
            .route("/logout", web::post().to(logout::sign_out))
            .route("/password", web::get().to(password::form))
            .route("/password", web::post().to(password::change))
            .route("", web::get().to(dashboard::show))
            .route("/queue", web::get().to(queue::show))
            .route("/queue.csv", web::get().to(queue::csv))
            .route("/submissions/{id}", web::get().to(submission::show::show))
            .route(
                "/submissions/{id}/{action}",
                web::post().to(submission::act::act),
            )
            .route("/audit", web::get().to(audit::show))
            .route("/audit.csv", web::get().to(audit::csv)),
    );
}
