//! The week a post's hours text gives, and whether the post would be open now: shown under the
//! hours field, and at `GET /staff/posts/hours-preview?hours=` for the form's script to show
//! as it is typed. The same parser as the importer, the same sentences as the public page.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::NaiveDateTime;
use serde::Deserialize;

use crate::domain::hours::OpeningHours;
use crate::web::error::AppError;
use crate::web::extract::AdminUser;
use crate::web::hours::{self, WeekRow};
use crate::web::i18n::Lang;
use crate::web::page::{self, Caching, PageContext};
use crate::web::state::AppState;

/// The hours as the public will read them, or that they cannot be read.
pub struct HoursPreview {
    pub valid: bool,
    pub open_now: bool,
    pub now: String,
    pub week: Vec<WeekRow>,
    pub exceptions: Vec<WeekRow>,
}

pub fn preview(lang: Lang, now: NaiveDateTime, text: &str) -> HoursPreview {
    match OpeningHours::parse(text.trim()) {
        Ok(h) => {
            let (open_now, badge) = hours::now_badge(lang, now, &h);
            HoursPreview {
                valid: true,
                open_now,
                now: badge,
                week: hours::week(lang, &h),
                exceptions: hours::exceptions(lang, &h, now.date()),
            }
        }
        Err(_) => HoursPreview {
            valid: false,
            open_now: false,
            now: String::new(),
            week: Vec::new(),
            exceptions: Vec::new(),
        },
    }
}

#[derive(Template)]
#[template(path = "staff/hours_preview.html")]
pub struct PreviewFragment {
    pub ctx: PageContext,
    pub preview: HoursPreview,
}

#[derive(Debug, Default, Deserialize)]
pub struct PreviewQuery {
    #[serde(default)]
    pub hours: String,
}

pub async fn show(
    ctx: PageContext,
    _admin: AdminUser,
    query: web::Query<PreviewQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let page = PreviewFragment {
        preview: preview(ctx.lang, state.local_now(), &query.hours),
        ctx,
    };
    page::render(StatusCode::OK, Caching::NoStore, &page)
}
