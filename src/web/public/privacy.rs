//! `GET /privacy`: how residents' personal data is processed.

use actix_web::HttpResponse;
use askama::Template;

use crate::web::error::AppError;
use crate::web::page::{self, PageContext};

#[derive(Template)]
#[template(path = "public/privacy.html")]
pub struct PrivacyPage {
    pub ctx: PageContext,
}

pub async fn show(ctx: PageContext) -> Result<HttpResponse, AppError> {
    page::ok(&PrivacyPage { ctx })
}
