//! Residents' feedback about officers and posts (`/feedback`) and requests to the police
//! (`/requests`): one form in two kinds, shown (`new`) and sent (`create`).

pub mod check;
pub mod create;
pub mod new;

use actix_session::Session;
use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use askama::Template;
use serde::Deserialize;
use sqlx::PgPool;

use super::view::{ErrorItem, OptionItem, error_items};
use crate::domain::field::FieldError;
use crate::domain::submission::{Category, Draft, FormKind};
use crate::store::submissions::{self, Choice};
use crate::web::error::{AppError, is_outage};
use crate::web::extract::CsrfProtected;
use crate::web::i18n::Lang;
use crate::web::page::{self, Caching, PageContext};
use crate::web::security::csrf_token;
use crate::web::state::AppState;

/// Everything either form may send; all text, so that nothing typed is lost to a parse error.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct SubmissionForm {
    #[serde(default)]
    pub csrf_token: String,
    #[serde(default)]
    pub form_token: String,
    /// A field people do not see; bots fill it in.
    #[serde(default)]
    pub website: String,
    #[serde(default, rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub inspector: String,
    #[serde(default)]
    pub post: String,
    #[serde(default)]
    pub officer: String,
    #[serde(default)]
    pub incident_date: String,
    #[serde(default)]
    pub incident_time: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub lat: String,
    #[serde(default)]
    pub lon: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub anonymous: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub iin: String,
    #[serde(default)]
    pub consent: String,
    /// Set by the language switcher of a returned form: show it again, store nothing.
    #[serde(default)]
    pub relang: String,
    /// `check` when sent from the "Check your answers" page.
    #[serde(default)]
    pub stage: String,
    /// A "Change" button of that page: the field to go back to.
    #[serde(default)]
    pub change: String,
}

impl CsrfProtected for SubmissionForm {
    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
}

/// A checkbox as browsers and old clients send it.
fn checked(value: &str) -> bool {
    matches!(value, "1" | "on" | "yes" | "true")
}

impl SubmissionForm {
    /// The form as the domain reads it.
    pub fn draft(&self) -> Draft<'_> {
        Draft {
            kind: &self.kind,
            category: &self.category,
            inspector: &self.inspector,
            post: &self.post,
            officer: &self.officer,
            incident_date: &self.incident_date,
            incident_time: &self.incident_time,
            place: &self.place,
            lat: &self.lat,
            lon: &self.lon,
            body: &self.body,
            anonymous: checked(&self.anonymous),
            name: &self.name,
            phone: &self.phone,
            email: &self.email,
            iin: &self.iin,
            consent: checked(&self.consent),
        }
    }
}

#[derive(Template)]
#[template(path = "public/submission_form.html")]
pub struct FormPage {
    pub ctx: PageContext,
    pub form_kind: &'static str,
    pub action: &'static str,
    pub csrf: String,
    pub form_token: String,
    pub form: SubmissionForm,
    pub errors: Vec<ErrorItem>,
    pub inspectors: Vec<OptionItem>,
    pub posts: Vec<OptionItem>,
    pub categories: Vec<OptionItem>,
    pub is_feedback: bool,
}

impl FormPage {
    pub fn error_for(&self, field: &str) -> Option<&str> {
        ErrorItem::for_field(&self.errors, field)
    }

    pub fn has_error(&self, field: &str) -> bool {
        self.error_for(field).is_some()
    }
}

/// The choices in the page's language, in the order people read them («№ 2» before «№ 10»).
fn options(lang: Lang, choices: &[Choice], selected: &str) -> Vec<OptionItem> {
    let mut options: Vec<OptionItem> = choices
        .iter()
        .map(|c| OptionItem {
            value: c.id.to_string(),
            label: c.name.of(lang).to_string(),
            selected: c.id.to_string() == selected.trim(),
        })
        .collect();
    options.sort_by(|a, b| crate::domain::text::natural_cmp(&a.label, &b.label));
    options
}

pub(super) async fn choices(pool: &PgPool) -> Result<(Vec<Choice>, Vec<Choice>), AppError> {
    Ok((
        submissions::inspector_choices(pool).await?,
        submissions::post_choices(pool).await?,
    ))
}

/// The one option a resident chose, when the list itself cannot be read.
fn typed_only(id: &str) -> Vec<OptionItem> {
    let id = id.trim();
    if id.is_empty() {
        return Vec::new();
    }
    vec![OptionItem {
        value: id.to_string(),
        label: format!("№ {id}"),
        selected: true,
    }]
}

/// The form as typed, with its errors; every state of the form is shown through here.
pub struct Shown<'a> {
    pub kind: FormKind,
    pub form: SubmissionForm,
    pub errors: &'a [FieldError],
    pub status: StatusCode,
}

pub async fn render_form(
    ctx: PageContext,
    session: &Session,
    state: &AppState,
    pool: &PgPool,
    shown: Shown<'_>,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let form = shown.form;
    // During an outage the lists cannot be read: the choice typed is kept on its own.
    let (inspectors, posts) = match choices(pool).await {
        Ok((inspectors, posts)) => (
            options(lang, &inspectors, &form.inspector),
            options(lang, &posts, &form.post),
        ),
        Err(AppError::Database(e)) if is_outage(&e) => {
            (typed_only(&form.inspector), typed_only(&form.post))
        }
        Err(e) => return Err(e),
    };
    let csrf = csrf_token(session);
    // The same token again when re-rendering, so that a corrected form is still one form.
    let form_token = if state.secrets.form_token_valid(&form.form_token, &csrf) {
        form.form_token.clone()
    } else {
        state.secrets.new_form_token(&csrf)
    };
    let (form_kind, action) = match shown.kind {
        FormKind::Feedback => ("feedback", "/feedback"),
        FormKind::Request => ("request", "/requests"),
    };
    let page = FormPage {
        form_kind,
        action,
        csrf,
        form_token,
        errors: error_items(lang, shown.errors),
        inspectors,
        posts,
        categories: Category::ALL
            .iter()
            .map(|c| OptionItem {
                value: c.code().to_string(),
                label: lang.t(c.key()),
                selected: c.code() == form.category.trim(),
            })
            .collect(),
        is_feedback: shown.kind == FormKind::Feedback,
        form,
        ctx,
    };
    page::render(shown.status, Caching::NoStore, &page)
}
