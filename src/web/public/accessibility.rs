//! `GET /accessibility`: the accessibility statement — what was tested, how, what is known
//! not to work, and how to report a problem.

use actix_web::HttpResponse;
use askama::Template;

use crate::web::error::AppError;
use crate::web::page::{self, PageContext};

#[derive(Template)]
#[template(path = "public/accessibility.html")]
pub struct AccessibilityPage {
    pub ctx: PageContext,
}

pub async fn show(ctx: PageContext) -> Result<HttpResponse, AppError> {
    page::ok(&AccessibilityPage { ctx })
}
