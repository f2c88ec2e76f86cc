//! Answer templates, kept by administrators: `GET /staff/templates` (the templates and a form
//! for a new one), `GET /staff/templates/{id}` (the form filled in to change one),
//! `POST /staff/templates` (save), `POST /staff/templates/{id}/remove`. Every change audited.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use sqlx::PgPool;

use crate::domain::answer_template::{AnswerTemplate, NUMBER_PLACEHOLDER, TemplateDraft};
use crate::domain::field::FieldError;
use crate::store::templates::{self, TemplateLine};
use crate::web::error::AppError;
use crate::web::extract::{AdminUser, CsrfOnly, CsrfProtected, StaffForm, actor};
use crate::web::filters;
use crate::web::form::{ErrorItem, error_items};
use crate::web::page::{self, Caching, PageContext, redirect};
use crate::web::security::csrf_token;
use crate::web::session::StaffUser;
use crate::web::state::AppState;

#[derive(Template)]
#[template(path = "staff/templates.html")]
pub struct TemplatesPage {
    pub ctx: PageContext,
    pub csrf: String,
    pub user: StaffUser,
    pub lines: Vec<TemplateLine>,
    pub tz: chrono_tz::Tz,
    pub form: TemplateForm,
    pub errors: Vec<ErrorItem>,
    pub placeholder: &'static str,
}

impl TemplatesPage {
    pub fn error_for(&self, field: &str) -> Option<&str> {
        ErrorItem::for_field(&self.errors, field)
    }

    /// The three texts' fields: (name, language, the language's name, value).
    pub fn bodies(&self) -> [(&'static str, &'static str, &'static str, &str); 3] {
        let f = &self.form;
        [
            ("body_kk", "kk", "Қазақша", f.body_kk.as_str()),
            ("body_ru", "ru", "Русский", f.body_ru.as_str()),
            ("body_en", "en", "English", f.body_en.as_str()),
        ]
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct TemplateForm {
    #[serde(default)]
    pub csrf_token: String,
    /// Empty for a new template.
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub body_kk: String,
    #[serde(default)]
    pub body_ru: String,
    #[serde(default)]
    pub body_en: String,
}

impl CsrfProtected for TemplateForm {
    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
}

impl TemplateForm {
    fn of(line: &TemplateLine) -> Self {
        let t = &line.template;
        TemplateForm {
            id: line.id.to_string(),
            title: t.title.clone(),
            body_kk: t.body_kk.clone(),
            body_ru: t.body_ru.clone(),
            body_en: t.body_en.clone(),
            ..TemplateForm::default()
        }
    }
}

async fn render(
    ctx: PageContext,
    session: &Session,
    user: StaffUser,
    state: &AppState,
    pool: &PgPool,
    (form, errors): (TemplateForm, Vec<FieldError>),
) -> Result<HttpResponse, AppError> {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = TemplatesPage {
        csrf: csrf_token(session),
        user,
        lines: templates::list(pool).await?,
        tz: state.settings.time_zone,
        errors: error_items(ctx.lang, &errors),
        form,
        placeholder: NUMBER_PLACEHOLDER,
        ctx,
    };
    page::render(status, Caching::NoStore, &page)
}

pub async fn list(
    ctx: PageContext,
    session: Session,
    AdminUser(user): AdminUser,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let empty = (TemplateForm::default(), Vec::new());
    render(ctx, &session, user, &state, &pool, empty).await
}

pub async fn edit(
    ctx: PageContext,
    session: Session,
    AdminUser(user): AdminUser,
    path: web::Path<String>,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let id: i64 = path.parse().ok().ok_or(AppError::NotFound)?;
    let line = templates::get(&pool, id).await?.ok_or(AppError::NotFound)?;
    let shown = (TemplateForm::of(&line), Vec::new());
    render(ctx, &session, user, &state, &pool, shown).await
}

pub async fn save(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    StaffForm { user, form }: StaffForm<TemplateForm>,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    if !user.is_admin() {
        return Err(AppError::Forbidden);
    }
    let id = match form.id.trim() {
        "" => None,
        id => Some(
            id.parse::<i64>()
                .ok()
                .ok_or(AppError::BadRequest("error-400-text"))?,
        ),
    };
    let draft = TemplateDraft {
        title: &form.title,
        body_kk: &form.body_kk,
        body_ru: &form.body_ru,
        body_en: &form.body_en,
    };
    let template = match AnswerTemplate::parse(&draft) {
        Ok(t) => t,
        Err(errors) => {
            return render(ctx, &session, user, &state, &pool, (form, errors)).await;
        }
    };
    templates::save(&pool, id, &template, &actor(&user, &req))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(redirect("/staff/templates"))
}

pub async fn remove(
    req: HttpRequest,
    path: web::Path<String>,
    StaffForm { user, .. }: StaffForm<CsrfOnly>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    if !user.is_admin() {
        return Err(AppError::Forbidden);
    }
    let id: i64 = path.parse().ok().ok_or(AppError::NotFound)?;
    if !templates::remove(&pool, id, &actor(&user, &req)).await? {
        return Err(AppError::NotFound);
    }
    Ok(redirect("/staff/templates"))
}
