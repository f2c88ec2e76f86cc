//! Who serves where, kept by administrators: the inspectors (`GET /staff/inspectors`, one to
//! edit with its photo in `inspector.rs`) and the beats with their inspector and substitute
//! (`GET /staff/beats`, one to assign in `beat.rs`).

pub mod beat;
pub mod inspector;

use actix_session::Session;
use actix_web::{HttpResponse, web};
use askama::Template;
use sqlx::PgPool;

use crate::domain::inspector::Rank;
use crate::store::roster;
use crate::web::error::AppError;
use crate::web::extract::AdminUser;
use crate::web::form::OptionItem;
use crate::web::i18n::Lang;
use crate::web::page::{self, PageContext};
use crate::web::security::csrf_token;
use crate::web::session::StaffUser;

pub struct InspectorRow {
    pub href: String,
    pub name: String,
    pub rank: String,
    pub state: String,
    pub beats: String,
}

#[derive(Template)]
#[template(path = "staff/inspectors.html")]
pub struct InspectorsPage {
    pub ctx: PageContext,
    pub csrf: String,
    pub user: StaffUser,
    pub rows: Vec<InspectorRow>,
}

pub async fn inspectors(
    ctx: PageContext,
    session: Session,
    AdminUser(user): AdminUser,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let mut rows: Vec<InspectorRow> = roster::inspectors(&pool)
        .await?
        .iter()
        .map(|i| InspectorRow {
            href: format!("/staff/inspectors/{}", i.id),
            name: i.name.of(lang).to_string(),
            rank: lang.t(Rank::key_of(&i.rank)),
            state: lang.t(if i.active {
                "admin-inspector-active"
            } else {
                "admin-inspector-inactive"
            }),
            beats: i.beats.join(", "),
        })
        .collect();
    rows.sort_by(|a, b| crate::domain::text::natural_cmp(&a.name, &b.name));
    let page = InspectorsPage {
        csrf: csrf_token(&session),
        user,
        rows,
        ctx,
    };
    page::ok(&page)
}

pub struct BeatRow {
    pub href: String,
    pub number: String,
    pub name: String,
    pub inspector: String,
    pub substitute: String,
}

#[derive(Template)]
#[template(path = "staff/beats.html")]
pub struct BeatsPage {
    pub ctx: PageContext,
    pub csrf: String,
    pub user: StaffUser,
    pub rows: Vec<BeatRow>,
}

pub async fn beats(
    ctx: PageContext,
    session: Session,
    AdminUser(user): AdminUser,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%d.%m.%Y").to_string());
    let rows = roster::beats(&pool)
        .await?
        .iter()
        .map(|b| BeatRow {
            href: format!("/staff/beats/{}", b.id),
            number: b.number.clone(),
            name: b.name.of(lang).to_string(),
            inspector: b
                .inspector
                .as_ref()
                .map(|n| n.of(lang).to_string())
                .unwrap_or_default(),
            substitute: match (&b.substitute, date(b.from), date(b.until)) {
                (Some(n), Some(f), Some(u)) => format!("{} ({f}–{u})", n.of(lang)),
                (Some(n), _, _) => n.of(lang).to_string(),
                (None, _, _) => String::new(),
            },
        })
        .collect();
    let page = BeatsPage {
        csrf: csrf_token(&session),
        user,
        rows,
        ctx,
    };
    page::ok(&page)
}

/// The active inspectors as a select's options.
pub async fn inspector_options(
    pool: &PgPool,
    lang: Lang,
    selected: &str,
) -> Result<Vec<OptionItem>, AppError> {
    let mut options: Vec<OptionItem> = roster::inspectors(pool)
        .await?
        .iter()
        .filter(|i| i.active)
        .map(|i| OptionItem {
            value: i.id.to_string(),
            label: i.name.of(lang).to_string(),
            selected: i.id.to_string() == selected.trim(),
        })
        .collect();
    options.sort_by(|a, b| crate::domain::text::natural_cmp(&a.label, &b.label));
    Ok(options)
}
