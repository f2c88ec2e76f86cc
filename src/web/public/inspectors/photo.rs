//! `GET /inspectors/{id}/photo`: the inspector's photo, or a portrait with initials.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use sqlx::PgPool;

use crate::store::{inspectors, roster};
use crate::web::error::AppError;
use crate::web::i18n::Lang;
use crate::web::state::AppState;

/// A placeholder portrait: initials on a colour of the inspector's own.
#[derive(Template)]
#[template(path = "public/portrait.svg", escape = "html")]
struct Portrait {
    hue: i64,
    initials: String,
}

pub async fn photo(
    req: HttpRequest,
    lang: Lang,
    path: web::Path<String>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let id: i64 = path.parse().ok().ok_or_else(|| AppError::NotFound)?;
    let inspector = inspectors::inspector_by_id(&pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    // A photo uploaded in the browser, from the database: the same on every instance.
    if let Some((jpeg, updated_at)) = roster::photo(&pool, id).await? {
        let etag = format!("\"{}-{}\"", id, updated_at.timestamp_micros());
        let fresh = req
            .headers()
            .get(actix_web::http::header::IF_NONE_MATCH)
            .is_some_and(|v| v.as_bytes() == etag.as_bytes());
        let mut response = if fresh {
            HttpResponse::NotModified()
        } else {
            HttpResponse::Ok()
        };
        response
            .insert_header(("ETag", etag))
            .insert_header(("Cache-Control", "no-cache"));
        if fresh {
            return Ok(response.finish());
        }
        return Ok(response.content_type("image/jpeg").body(jpeg));
    }
    if let Some(file) = inspector.photo.as_deref() {
        // Only a plain file name: never a path out of the photos folder.
        if !file.contains('/') && !file.contains("..") {
            let path = state.settings.data_dir.join("photos").join(file);
            if let Ok(named) = actix_files::NamedFile::open(path) {
                return Ok(named.into_response(&req));
            }
        }
    }
    let initials: String = inspector
        .name
        .of(lang)
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .take(2)
        .collect();
    let svg = Portrait {
        hue: (id * 47) % 360,
        initials,
    }
    .render()?;
    Ok(HttpResponse::Ok()
        .content_type("image/svg+xml")
        .insert_header(("Cache-Control", "public, max-age=86400"))
        .body(svg))
}
