//! Staff pages: sign-in, the moderation queue, one submission and its actions, the audit
//! log. Every route checks the session and role through the extractors in `web::extract`.

pub mod accounts;
pub mod api_keys;
pub mod audit;
pub mod beat_life;
pub mod bookings;
pub mod bulk;
pub mod calendar;
pub mod dashboard;
pub mod imports;
pub mod invitation;
pub mod login;
pub mod logout;
pub mod outbox;
pub mod password;
pub mod places;
pub mod posts;
pub mod queue;
pub mod roster;
pub mod submission;
pub mod templates;
pub mod two_factor;
pub mod view;
pub mod walk_in;

use actix_web::http::header;
use actix_web::web;

const GET_AND_POST: &str = "GET, HEAD, POST";

pub fn routes(cfg: &mut web::ServiceConfig) {
    use crate::web::routing::{get, page, post, resource};
    cfg.service(
        web::scope("/staff")
            .wrap(
                actix_web::middleware::DefaultHeaders::new()
                    .add((header::CACHE_CONTROL, "no-store"))
                    .add(("X-Robots-Tag", "noindex")),
            )
            .service(
                resource("/login", GET_AND_POST)
                    .route(get().to(login::form))
                    .route(post().to(login::sign_in)),
            )
            .service(resource("/logout", "POST").route(post().to(logout::sign_out)))
            .service(
                resource("/login/code", GET_AND_POST)
                    .route(get().to(two_factor::code_form))
                    .route(post().to(two_factor::verify)),
            )
            .service(
                resource("/password", GET_AND_POST)
                    .route(get().to(password::form))
                    .route(post().to(password::change)),
            )
            .service(
                resource("/invitation", GET_AND_POST)
                    .route(get().to(invitation::form))
                    .route(post().to(invitation::set_password)),
            )
            .service(page("", dashboard::show))
            .service(resource("/digest", "POST").route(post().to(dashboard::set_digest)))
            .service(page("/queue", queue::show))
            .service(page("/queue.csv", queue::csv))
            .service(page("/submissions/{id}", submission::show::show))
            .configure(case_routes)
            .service(page("/bookings", bookings::show))
            .service(resource("/bookings/{id}/{action}", "POST").route(post().to(bookings::mark)))
            .service(page("/beats/{id}/life", beat_life::show))
            .service(
                resource("/beats/{id}/priorities", "POST")
                    .route(post().to(beat_life::add_priority)),
            )
            .service(
                resource("/beats/{id}/meetings", "POST").route(post().to(beat_life::add_meeting)),
            )
            .service(
                resource("/beats/{id}/{what}/{item}/remove", "POST")
                    .route(post().to(beat_life::remove)),
            )
            .service(page("/audit", audit::show))
            .service(page("/audit.csv", audit::csv))
            .configure(directory_routes),
    );
}

/// Case work besides the actions: assignment, notes, templates, bulk actions, oral appeals,
/// two-factor set-up; then the actions themselves (`{action}` last, as it matches any word).
fn case_routes(cfg: &mut web::ServiceConfig) {
    use crate::web::routing::{get, page, post, resource};
    cfg.service(
        resource("/submissions/{id}/assign", "POST").route(post().to(submission::case::assign)),
    )
    .service(resource("/submissions/{id}/notes", "POST").route(post().to(submission::case::note)))
    .service(
        resource("/submissions/{id}/template", "POST")
            .route(post().to(submission::case::insert_template)),
    )
    .service(page("/submissions/{id}/talon", walk_in::talon))
    .service(resource("/queue/bulk", "POST").route(post().to(bulk::apply)))
    .service(
        resource("/walk-in", GET_AND_POST)
            .route(get().to(walk_in::form))
            .route(post().to(walk_in::file)),
    )
    .service(
        resource("/two-factor", GET_AND_POST)
            .route(get().to(two_factor::setup))
            .route(post().to(two_factor::enable)),
    )
    .service(resource("/two-factor/off", "POST").route(post().to(two_factor::disable)))
    .service(resource("/submissions/{id}/{action}", "POST").route(post().to(submission::act::act)));
}

/// What administrators keep: the directory, the calendar, imports, staff accounts.
fn directory_routes(cfg: &mut web::ServiceConfig) {
    use crate::web::routing::{get, page, post, resource};
    cfg.service(
        resource("/accounts", GET_AND_POST)
            .route(get().to(accounts::list))
            .route(post().to(accounts::invite)),
    )
    .service(resource("/accounts/{id}/{action}", "POST").route(post().to(accounts::act)))
    .service(page("/inspectors", roster::inspectors))
    .service(
        resource("/inspectors/new", GET_AND_POST)
            .route(get().to(roster::inspector::new_inspector))
            .route(post().to(roster::inspector::create)),
    )
    .service(
        resource("/inspectors/{id}", GET_AND_POST)
            .route(get().to(roster::inspector::edit))
            .route(post().to(roster::inspector::update)),
    )
    .service(
        resource("/inspectors/{id}/photo", "POST")
            .route(post().to(roster::inspector::upload_photo)),
    )
    .service(page("/beats", roster::beats))
    .service(
        resource("/beats/{id}", GET_AND_POST)
            .route(get().to(roster::beat::edit))
            .route(post().to(roster::beat::assign)),
    )
    .service(resource("/beats/{id}/boundary", "POST").route(post().to(roster::beat::set_boundary)))
    .service(
        resource("/imports", GET_AND_POST)
            .route(get().to(imports::form))
            .route(post().to(imports::preview)),
    )
    .service(resource("/imports/{id}", "POST").route(post().to(imports::confirm)))
    .service(
        resource("/calendar", GET_AND_POST)
            .route(get().to(calendar::show))
            .route(post().to(calendar::set)),
    )
    .service(resource("/calendar/remove", "POST").route(post().to(calendar::remove)))
    .service(
        resource("/api-keys", GET_AND_POST)
            .route(get().to(api_keys::list))
            .route(post().to(api_keys::issue)),
    )
    .service(resource("/api-keys/{id}/revoke", "POST").route(post().to(api_keys::revoke)))
    .service(
        resource("/templates", GET_AND_POST)
            .route(get().to(templates::list))
            .route(post().to(templates::save)),
    )
    .service(page("/templates/{id}", templates::edit))
    .service(resource("/templates/{id}/remove", "POST").route(post().to(templates::remove)))
    .service(page("/outbox", outbox::show))
    .service(resource("/outbox/{id}/retry", "POST").route(post().to(outbox::retry)))
    .service(page("/places", places::list))
    .service(
        resource("/places/new", GET_AND_POST)
            .route(get().to(places::new_place))
            .route(post().to(places::create)),
    )
    .service(
        resource("/places/{id}", GET_AND_POST)
            .route(get().to(places::edit))
            .route(post().to(places::update)),
    )
    .service(page("/posts", posts::list))
    .service(
        resource("/posts/new", GET_AND_POST)
            .route(get().to(posts::edit::new_post))
            .route(post().to(posts::edit::create)),
    )
    .service(page("/posts/hours-preview", posts::preview::show))
    .service(
        resource("/posts/{id}", GET_AND_POST)
            .route(get().to(posts::edit::edit))
            .route(post().to(posts::edit::update)),
    );
}
