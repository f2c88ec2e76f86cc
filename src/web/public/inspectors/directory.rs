//! `GET /inspectors`: every inspector, searchable by name, beat number or street.

use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use sqlx::PgPool;

use crate::domain::inspector::Rank;
use crate::store::inspectors;
use crate::web::error::AppError;
use crate::web::links::encode;
use crate::web::page::{self, PageContext};
use crate::web::public::view::PhoneLink;
use crate::web::public::view::location::MAX_QUERY_CHARS;

pub const PAGE_SIZE: i64 = 20;

#[derive(Debug, Default, Deserialize)]
pub struct DirectoryQuery {
    pub q: Option<String>,
    pub page: Option<String>,
}

pub struct DirectoryLine {
    pub href: String,
    pub name: String,
    pub rank: String,
    pub beats: String,
    pub phone: PhoneLink,
}

#[derive(Template)]
#[template(path = "public/inspectors.html")]
pub struct DirectoryPage {
    pub ctx: PageContext,
    pub q: String,
    pub error: Option<String>,
    pub lines: Vec<DirectoryLine>,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
    pub prev_href: String,
    pub next_href: String,
}

pub async fn directory(
    ctx: PageContext,
    query: web::Query<DirectoryQuery>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let q = query.q.as_deref().unwrap_or("").trim().to_string();
    let page_number = match query.page.as_deref().map(str::trim) {
        None | Some("") => Some(1),
        Some(p) => p.parse::<i64>().ok().filter(|n| (1..=100_000).contains(n)),
    };
    let error = (q.chars().count() > MAX_QUERY_CHARS).then(|| lang.t("location-error-too-long"));
    let Some(page_number) = page_number else {
        return Err(AppError::BadRequest("inspectors-error-page"));
    };
    let (entries, total) = if error.is_none() {
        inspectors::directory(&pool, &q, PAGE_SIZE, (page_number - 1) * PAGE_SIZE).await?
    } else {
        (Vec::new(), 0)
    };
    let pages = (total + PAGE_SIZE - 1) / PAGE_SIZE;
    let link = |n: i64| format!("/inspectors?q={}&page={n}", encode(&q));
    let page = DirectoryPage {
        lines: entries
            .into_iter()
            .map(|e| DirectoryLine {
                href: format!("/inspectors/{}", e.id),
                name: e.name.of(lang).to_string(),
                rank: lang.t(Rank::key_of(&e.rank)),
                beats: e.beat_numbers.join(", "),
                phone: PhoneLink::new(&e.work_phone),
            })
            .collect(),
        total,
        page: page_number,
        pages,
        prev_href: if page_number > 1 {
            link(page_number - 1)
        } else {
            String::new()
        },
        next_href: if page_number < pages {
            link(page_number + 1)
        } else {
            String::new()
        },
        error,
        q,
        ctx,
    };
    page::ok_unless(page.error.is_some(), &page)
}
