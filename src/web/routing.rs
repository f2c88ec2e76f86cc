//! Routes as HTTP means them: every GET route answers HEAD too (uptime probes send HEAD), and
//! a method a route does not take gets 405 with an `Allow` header, not 404.

use actix_web::http::header;
use actix_web::{HttpResponse, Resource, Route, guard, web};

/// GET, and HEAD (actix sends the headers without the body).
pub fn get() -> Route {
    web::route().guard(guard::Any(guard::Get()).or(guard::Head()))
}

pub fn post() -> Route {
    web::post()
}

/// A resource whose other methods get 405 naming the ones it takes.
pub fn resource(path: &str, allow: &'static str) -> Resource {
    web::resource(path).default_service(web::to(move || async move {
        HttpResponse::MethodNotAllowed()
            .insert_header((header::ALLOW, allow))
            .finish()
    }))
}

/// A page: GET and HEAD.
pub fn page<F, Args>(path: &str, handler: F) -> Resource
where
    F: actix_web::Handler<Args>,
    Args: actix_web::FromRequest + 'static,
    F::Output: actix_web::Responder + 'static,
{
    resource(path, "GET, HEAD").route(get().to(handler))
}

/// A form target: POST only.
pub fn form<F, Args>(path: &str, handler: F) -> Resource
where
    F: actix_web::Handler<Args>,
    Args: actix_web::FromRequest + 'static,
    F::Output: actix_web::Responder + 'static,
{
    resource(path, "POST").route(post().to(handler))
}
