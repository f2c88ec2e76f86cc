//! The directory's posts, kept by administrators: the list (`GET /staff/posts`), a new post and
//! an edit (`edit.rs`), and the hours preview the form shows as it is typed (`preview.rs`).

pub mod edit;
pub mod preview;

use std::collections::BTreeMap;

use actix_session::Session;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use sqlx::PgPool;

use crate::domain::post::{PostKind, PostStatus};
use crate::store::directory::{self, PostFilter, PostLine};
use crate::web::error::AppError;
use crate::web::extract::AdminUser;
use crate::web::filters;
use crate::web::form::OptionItem;
use crate::web::i18n::Lang;
use crate::web::page::{self, PageContext};
use crate::web::security::csrf_token;
use crate::web::session::StaffUser;
use crate::web::state::AppState;

#[derive(Clone, Debug, Default, Deserialize)]
pub struct PostsQuery {
    pub q: Option<String>,
    pub kind: Option<String>,
    pub status: Option<String>,
}

pub struct PostRow {
    pub href: String,
    pub name: String,
    pub kind: String,
    pub status: String,
    pub address: String,
    pub updated: chrono::DateTime<chrono::Utc>,
}

#[derive(Template)]
#[template(path = "staff/posts.html")]
pub struct PostsPage {
    pub ctx: PageContext,
    pub csrf: String,
    pub user: StaffUser,
    pub q: String,
    pub kinds: Vec<OptionItem>,
    pub statuses: Vec<OptionItem>,
    pub rows: Vec<PostRow>,
    pub tz: chrono_tz::Tz,
}

/// The kinds of post as a select's options.
pub fn kind_options(lang: Lang, selected: &str) -> Vec<OptionItem> {
    PostKind::ALL
        .iter()
        .map(|k| OptionItem {
            value: k.code().into(),
            label: lang.t(k.key()),
            selected: k.code() == selected,
        })
        .collect()
}

/// The statuses in the order a post goes through them.
pub fn status_options(lang: Lang, selected: &str) -> Vec<OptionItem> {
    [
        PostStatus::Planned,
        PostStatus::UnderConstruction,
        PostStatus::Open,
        PostStatus::TemporarilyClosed,
    ]
    .iter()
    .map(|s| OptionItem {
        value: s.code().into(),
        label: lang.t(s.key()),
        selected: s.code() == selected,
    })
    .collect()
}

fn row(lang: Lang, p: &PostLine) -> PostRow {
    PostRow {
        href: format!("/staff/posts/{}", p.id),
        name: p.name.of(lang).to_string(),
        kind: lang.t(p.kind.key()),
        status: lang.t(p.status.key()),
        address: p.address.of(lang).to_string(),
        updated: p.updated_at,
    }
}

pub async fn list(
    ctx: PageContext,
    session: Session,
    AdminUser(user): AdminUser,
    query: web::Query<PostsQuery>,
    pool: web::Data<PgPool>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let query = query.into_inner();
    let text = |v: &Option<String>| v.as_deref().map(str::trim).unwrap_or("").to_string();
    let (q, kind, status) = (text(&query.q), text(&query.kind), text(&query.status));
    let filter = PostFilter {
        q: Some(q.clone()).filter(|q| !q.is_empty()),
        kind: PostKind::parse(&kind),
        status: PostStatus::parse(&status),
    };
    let mut rows: Vec<PostRow> = directory::posts(&pool, &filter)
        .await?
        .iter()
        .map(|p| row(lang, p))
        .collect();
    rows.sort_by(|a, b| crate::domain::text::natural_cmp(&a.name, &b.name));
    let page = PostsPage {
        csrf: csrf_token(&session),
        user,
        q,
        kinds: kind_options(lang, &kind),
        statuses: status_options(lang, &status),
        rows,
        tz: state.settings.time_zone,
        ctx,
    };
    page::ok(&page)
}

/// Everything the post form sends, as text; the services as `service.<code>` checkboxes.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct PostForm {
    #[serde(default)]
    pub csrf_token: String,
    /// The version the edit began from (empty for a new post).
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub name_kk: String,
    #[serde(default)]
    pub name_ru: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(default)]
    pub address_kk: String,
    #[serde(default)]
    pub address_ru: String,
    #[serde(default)]
    pub address_en: String,
    /// A gazetteer address or landmark, used when no coordinates are given.
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub lat: String,
    #[serde(default)]
    pub lon: String,
    #[serde(default)]
    pub phones: String,
    #[serde(default)]
    pub hours: String,
    #[serde(default)]
    pub living_quarters: String,
    /// "Preview the hours" without JavaScript: shown again, nothing saved.
    #[serde(default)]
    pub preview: String,
    #[serde(flatten)]
    pub rest: BTreeMap<String, String>,
}

impl crate::web::extract::CsrfProtected for PostForm {
    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
}

impl PostForm {
    /// The service codes ticked.
    pub fn services(&self) -> Vec<String> {
        self.rest
            .keys()
            .filter_map(|k| k.strip_prefix("service."))
            .map(str::to_string)
            .collect()
    }

    pub fn draft<'a>(&'a self, services: &'a [String]) -> crate::domain::post_form::PostDraft<'a> {
        crate::domain::post_form::PostDraft {
            kind: &self.kind,
            status: &self.status,
            name: [&self.name_kk, &self.name_ru, &self.name_en],
            address: [&self.address_kk, &self.address_ru, &self.address_en],
            lat: &self.lat,
            lon: &self.lon,
            phones: &self.phones,
            hours: &self.hours,
            services,
            living_quarters: matches!(self.living_quarters.as_str(), "1" | "on"),
        }
    }
}
