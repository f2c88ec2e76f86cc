//! Oral appeals (the Administrative Procedural Code's устное обращение): a resident who comes
//! to a reception point or calls is heard by staff, who file the appeal for them.
//! `GET /staff/walk-in` is the form, `POST /staff/walk-in` stores it once (the form's one-time
//! token), with the channel and who received it, under the web form's rules; the resident is
//! told on their own contacts like anyone else. `GET /staff/submissions/{id}/talon` is the
//! printable талон: number, date and time, who received it, the due date and the tracking link.

use std::sync::atomic::Ordering::Relaxed;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use sqlx::PgPool;

use super::submission::path_id;
use crate::domain::field::FieldError;
use crate::domain::lang::Lang;
use crate::domain::submission::{
    Category, Channel, Draft, FormKind, NewSubmission, SubmissionKind,
};
use crate::store::moderation as detail_store;
use crate::store::submissions::{self, Outcome, Receiver, Registration, Source};
use crate::web::error::AppError;
use crate::web::extract::{CsrfProtected, StaffForm};
use crate::web::filters;
use crate::web::form::{ErrorItem, OptionItem, error_items, named_options};
use crate::web::page::{self, Caching, PageContext, redirect};
use crate::web::security::csrf_token;
use crate::web::session::StaffUser;
use crate::web::state::AppState;

#[derive(Clone, Debug, Default, Deserialize)]
pub struct WalkInForm {
    #[serde(default)]
    pub csrf_token: String,
    #[serde(default)]
    pub form_token: String,
    /// `walk_in` or `phone`.
    #[serde(default)]
    pub channel: String,
    /// `complaint`, `request` or `thanks`.
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub post: String,
    #[serde(default)]
    pub inspector: String,
    /// Whom a thanks or complaint is about, in words.
    #[serde(default)]
    pub officer: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    /// The language the resident wants to be answered in.
    #[serde(default)]
    pub resident_lang: String,
    #[serde(default)]
    pub consent: Option<String>,
}

impl CsrfProtected for WalkInForm {
    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
}

impl WalkInForm {
    fn draft(&self) -> (FormKind, Draft<'_>) {
        let form = if self.kind == "request" {
            FormKind::Request
        } else {
            FormKind::Feedback
        };
        let draft = Draft {
            kind: &self.kind,
            category: &self.category,
            post: &self.post,
            inspector: &self.inspector,
            officer: &self.officer,
            place: &self.place,
            body: &self.body,
            name: &self.name,
            phone: &self.phone,
            email: &self.email,
            consent: self.consent.is_some(),
            ..Draft::default()
        };
        (form, draft)
    }
}

#[derive(Template)]
#[template(path = "staff/walk_in.html")]
pub struct WalkInPage {
    pub ctx: PageContext,
    pub csrf: String,
    pub user: StaffUser,
    pub form: WalkInForm,
    pub errors: Vec<ErrorItem>,
    pub kinds: Vec<OptionItem>,
    pub categories: Vec<OptionItem>,
    pub posts: Vec<OptionItem>,
    pub inspectors: Vec<OptionItem>,
    pub langs: Vec<OptionItem>,
    pub channels: Vec<OptionItem>,
}

impl WalkInPage {
    pub fn error_for(&self, field: &str) -> Option<&str> {
        ErrorItem::for_field(&self.errors, field)
    }
}

fn choices(values: &[(&str, String)], typed: &str) -> Vec<OptionItem> {
    values
        .iter()
        .map(|(v, label)| OptionItem {
            value: (*v).to_string(),
            label: label.clone(),
            selected: typed == *v,
        })
        .collect()
}

async fn render(
    ctx: PageContext,
    session: &Session,
    user: StaffUser,
    state: &AppState,
    pool: &PgPool,
    (mut form, errors, status): (WalkInForm, Vec<FieldError>, StatusCode),
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let csrf = csrf_token(session);
    if !state.secrets.form_token_valid(&form.form_token, &csrf) {
        form.form_token = state.secrets.new_form_token(&csrf);
    }
    let (inspector_names, post_names) = crate::store::cases::filter_names(pool).await?;
    let posts = named_options(post_names, lang, &form.post);
    let inspectors = named_options(inspector_names, lang, &form.inspector);
    let kinds = SubmissionKind::ALL.map(|k| (k.code(), lang.t(k.key())));
    let categories: Vec<(&str, String)> = Category::ALL
        .iter()
        .map(|c| (c.code(), lang.t(c.key())))
        .collect();
    let langs = Lang::ALL.map(|l| (l.code(), l.native_name().to_string()));
    let channels = [Channel::WalkIn, Channel::Phone].map(|c| (c.code(), lang.t(c.key())));
    let page = WalkInPage {
        kinds: choices(&kinds, &form.kind),
        categories: choices(&categories, &form.category),
        langs: choices(&langs, &form.resident_lang),
        channels: choices(&channels, &form.channel),
        posts,
        inspectors,
        errors: error_items(lang, &errors),
        csrf,
        form,
        user,
        ctx,
    };
    page::render(status, Caching::NoStore, &page)
}

pub async fn form(
    ctx: PageContext,
    session: Session,
    user: StaffUser,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let form = WalkInForm {
        channel: Channel::WalkIn.code().into(),
        resident_lang: ctx.lang.code().into(),
        ..WalkInForm::default()
    };
    let shown = (form, Vec::new(), StatusCode::OK);
    render(ctx, &session, user, &state, &pool, shown).await
}

pub async fn file(
    ctx: PageContext,
    session: Session,
    StaffForm { user, form }: StaffForm<WalkInForm>,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let channel =
        Channel::parse(&form.channel).filter(|c| matches!(c, Channel::WalkIn | Channel::Phone));
    let resident_lang = Lang::parse(&form.resident_lang);
    let (kind, draft) = form.draft();
    let parsed = NewSubmission::parse(kind, &draft, state.local_now().date());
    let mut errors = parsed.as_ref().err().cloned().unwrap_or_default();
    if channel.is_none() {
        errors.push(FieldError::new("channel", "walk-in-error-channel"));
    }
    if resident_lang.is_none() {
        errors.push(FieldError::new("resident_lang", "walk-in-error-lang"));
    }
    if !state
        .secrets
        .form_token_valid(&form.form_token, &form.csrf_token)
    {
        errors.push(FieldError::new("submit", "form-error-expired"));
    }
    let (Ok(new), Some(channel), Some(lang), true) =
        (parsed, channel, resident_lang, errors.is_empty())
    else {
        let shown = (form, errors, StatusCode::UNPROCESSABLE_ENTITY);
        return render(ctx, &session, user, &state, &pool, shown).await;
    };
    if let Some(post) = new.post
        && crate::store::posts::by_id(&pool, post).await?.is_none()
    {
        let errors = vec![FieldError::new("post", "form-error-post")];
        let shown = (form, errors, StatusCode::UNPROCESSABLE_ENTITY);
        return render(ctx, &session, user, &state, &pool, shown).await;
    }
    let calendar = state.calendar(&pool).await?;
    let registered_on = calendar.registration_date(state.local_now());
    let registration = Registration {
        form_token: form.form_token.clone(),
        lang,
        registered_on,
        due_on: calendar.due_date(registered_on),
        source: Source {
            channel,
            api_key: None,
            media_url: None,
            received_by: Some(Receiver {
                id: user.id,
                name: user.name.clone(),
                email: user.email.clone(),
            }),
        },
    };
    let city = &state.settings.city_code;
    let Outcome::Stored(stored) =
        submissions::insert(&pool, city, &new, &registration, None).await?
    else {
        return Err(AppError::TooManyRequests("form-error-rate"));
    };
    if stored.created {
        tracing::info!(
            id = stored.id,
            channel = channel.code(),
            "oral appeal filed"
        );
        state.metrics.submissions_accepted.fetch_add(1, Relaxed);
    }
    Ok(redirect(&format!("/staff/submissions/{}/talon", stored.id)))
}

#[derive(Template)]
#[template(path = "staff/talon.html")]
pub struct TalonPage {
    pub ctx: PageContext,
    pub csrf: String,
    pub user: StaffUser,
    pub number: String,
    pub kind: String,
    pub channel: String,
    pub received_at: DateTime<Utc>,
    pub received_by: String,
    pub due_on: NaiveDate,
    pub tz: chrono_tz::Tz,
    pub track_link: String,
    pub id: i64,
}

pub async fn talon(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    user: StaffUser,
    path: web::Path<String>,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let s = detail_store::detail(&pool, path_id(&path)?)
        .await?
        .ok_or(AppError::NotFound)?;
    let received_by = s.received_by_name.clone().ok_or(AppError::NotFound)?;
    let path = format!(
        "/track/{}?key={}",
        s.tracking_number,
        state.secrets.tracking_key(&s.tracking_number)
    );
    let base = crate::web::links::site(&req, &state.settings);
    let page = TalonPage {
        csrf: csrf_token(&session),
        kind: ctx.t(s.kind.key()),
        channel: ctx.t(s.channel_key()),
        number: s.tracking_number,
        received_at: s.received_at,
        received_by,
        due_on: s.due_on,
        tz: state.settings.time_zone,
        track_link: base + &path,
        id: s.id,
        user,
        ctx,
    };
    page::render(StatusCode::OK, Caching::NoStore, &page)
}
