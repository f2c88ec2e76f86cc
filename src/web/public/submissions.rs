//! Residents' feedback about officers and posts (`/feedback`), requests to the police
//! (`/requests`), and tracking what happened to them (`/track`).

use actix_session::Session;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::{NaiveDate, NaiveTime};
use serde::Deserialize;
use sqlx::PgPool;

use super::posts::{ErrorItem, local_now};
use crate::domain::geo::Coordinates;
use crate::domain::submission::{
    CATEGORIES, Email, Iin, Phone, SubmissionKind, category_key, clean_text,
    normalize_tracking_number,
};
use crate::store::submissions::{self, Choice, NewSubmission};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::i18n::Lang;
use crate::web::page::PageContext;
use crate::web::security::{client_ip, client_tag, csrf_token, verify_csrf};

pub const BODY_MIN: usize = 10;
pub const BODY_MAX: usize = 5000;
pub const NAME_MAX: usize = 120;
pub const SHORT_MAX: usize = 300;

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
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub key: &'static str,
}

fn err(field: &'static str, key: &'static str) -> FieldError {
    FieldError { field, key }
}

fn checked(value: &str) -> bool {
    matches!(value, "1" | "on" | "yes" | "true")
}

fn length_ok(text: &str, max: usize) -> bool {
    text.chars().count() <= max
}

/// Which form is being checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormKind {
    Feedback,
    Request,
}

/// Parses a form into a submission, or says what is wrong with each field. `known` tells
/// whether an inspector or post id exists.
pub fn parse_form(
    form_kind: FormKind,
    form: &SubmissionForm,
    known: &KnownRefs,
    today: NaiveDate,
) -> Result<ParsedSubmission, Vec<FieldError>> {
    let mut errors = Vec::new();
    let kind = match form_kind {
        FormKind::Request => Some(SubmissionKind::Request),
        FormKind::Feedback => match form.kind.as_str() {
            "thanks" => Some(SubmissionKind::Thanks),
            "complaint" => Some(SubmissionKind::Complaint),
            _ => {
                errors.push(err("type", "form-error-type"));
                None
            }
        },
    };
    let category = match form_kind {
        FormKind::Request => match category_key(form.category.trim()) {
            Some(_) => Some(form.category.trim().to_string()),
            None => {
                errors.push(err("category", "form-error-category"));
                None
            }
        },
        FormKind::Feedback => None,
    };
    let pick = |text: &str, exists: bool| -> Result<Option<i64>, ()> {
        match text.trim() {
            "" => Ok(None),
            t => t.parse::<i64>().ok().filter(|_| exists).map(Some).ok_or(()),
        }
    };
    let inspector_id = pick(&form.inspector, known.inspector).unwrap_or_else(|_| {
        errors.push(err("inspector", "form-error-inspector"));
        None
    });
    let post_id = pick(&form.post, known.post).unwrap_or_else(|_| {
        errors.push(err("post", "form-error-post"));
        None
    });
    let officer = clean_text(&form.officer, false);
    if !length_ok(&officer, SHORT_MAX) {
        errors.push(err("officer", "form-error-too-long"));
    }
    if form_kind == FormKind::Feedback
        && inspector_id.is_none()
        && post_id.is_none()
        && officer.is_empty()
        && !errors
            .iter()
            .any(|e| e.field == "inspector" || e.field == "post")
    {
        errors.push(err("inspector", "form-error-whom"));
    }
    let incident_date = match form.incident_date.trim() {
        "" => None,
        t => match NaiveDate::parse_from_str(t, "%Y-%m-%d") {
            Ok(d) if d <= today => Some(d),
            Ok(_) => {
                errors.push(err("incident_date", "form-error-date-future"));
                None
            }
            Err(_) => {
                errors.push(err("incident_date", "form-error-date"));
                None
            }
        },
    };
    let incident_time = match form.incident_time.trim() {
        "" => None,
        t => match NaiveTime::parse_from_str(t, "%H:%M") {
            Ok(time) => Some(time),
            Err(_) => {
                errors.push(err("incident_time", "form-error-time"));
                None
            }
        },
    };
    let place = clean_text(&form.place, false);
    if !length_ok(&place, SHORT_MAX) {
        errors.push(err("place", "form-error-too-long"));
    }
    let coordinates = match Coordinates::parse_optional(Some(&form.lat), Some(&form.lon)) {
        Ok(c) => c,
        Err(e) => {
            let field = if e.key().contains("lon") {
                "lon"
            } else {
                "lat"
            };
            errors.push(FieldError {
                field,
                key: e.key(),
            });
            None
        }
    };
    if form_kind == FormKind::Request && place.is_empty() && coordinates.is_none() {
        errors.push(err("place", "form-error-place"));
    }
    let body = clean_text(&form.body, true);
    if body.chars().count() < BODY_MIN {
        errors.push(err("body", "form-error-body-short"));
    } else if !length_ok(&body, BODY_MAX) {
        errors.push(err("body", "form-error-body-long"));
    }
    // The request form has no such box; only feedback may be anonymous.
    let anonymous = form_kind == FormKind::Feedback && checked(&form.anonymous);
    if anonymous && kind != Some(SubmissionKind::Thanks) {
        errors.push(err("anonymous", "form-error-anonymous"));
    }
    // An anonymous thank-you keeps no personal data, even if some was typed.
    let personal = !(anonymous && kind == Some(SubmissionKind::Thanks));
    let name = clean_text(&form.name, false);
    let (mut phone, mut email, mut iin) = (None, None, None);
    if personal {
        if name.chars().count() < 2 {
            errors.push(err("name", "form-error-name"));
        } else if !length_ok(&name, NAME_MAX) {
            errors.push(err("name", "form-error-too-long"));
        }
        if !form.phone.trim().is_empty() {
            match Phone::parse(&form.phone) {
                Some(p) => phone = Some(p.as_str().to_string()),
                None => errors.push(err("phone", "form-error-phone")),
            }
        }
        if !form.email.trim().is_empty() {
            match Email::parse(&form.email) {
                Some(e) => email = Some(e.as_str().to_string()),
                None => errors.push(err("email", "form-error-email")),
            }
        }
        let needs_answer = kind != Some(SubmissionKind::Thanks);
        if needs_answer && form.phone.trim().is_empty() && form.email.trim().is_empty() {
            errors.push(err("phone", "form-error-contact"));
        }
        if !form.iin.trim().is_empty() {
            match Iin::parse(&form.iin) {
                Some(i) => iin = Some(i.as_str().to_string()),
                None => errors.push(err("iin", "form-error-iin")),
            }
        }
        if !checked(&form.consent) {
            errors.push(err("consent", "form-error-consent"));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(ParsedSubmission {
        kind: kind.unwrap_or(SubmissionKind::Request),
        category,
        inspector_id,
        post_id,
        officer_description: officer,
        incident_date,
        incident_time,
        place,
        coordinates,
        body,
        anonymous: !personal,
        author_name: personal.then_some(name),
        phone,
        email,
        iin,
        consent: personal && checked(&form.consent),
    })
}

/// Whether the inspector and post a form names exist (false when it names none).
#[derive(Clone, Copy, Debug, Default)]
pub struct KnownRefs {
    pub inspector: bool,
    pub post: bool,
}

/// Looks up only the references the form actually names.
async fn known_refs(pool: &PgPool, form: &SubmissionForm) -> Result<KnownRefs, sqlx::Error> {
    let inspector = form.inspector.trim().parse::<i64>().ok();
    let post = form.post.trim().parse::<i64>().ok();
    if inspector.is_none() && post.is_none() {
        return Ok(KnownRefs::default());
    }
    let (inspector, post) = submissions::references_exist(pool, inspector, post).await?;
    Ok(KnownRefs { inspector, post })
}

/// A valid submission, before it gets its dates and number.
#[derive(Clone, Debug)]
pub struct ParsedSubmission {
    pub kind: SubmissionKind,
    pub category: Option<String>,
    pub inspector_id: Option<i64>,
    pub post_id: Option<i64>,
    pub officer_description: String,
    pub incident_date: Option<NaiveDate>,
    pub incident_time: Option<NaiveTime>,
    pub place: String,
    pub coordinates: Option<Coordinates>,
    pub body: String,
    pub anonymous: bool,
    pub author_name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub iin: Option<String>,
    pub consent: bool,
}

pub struct OptionItem {
    pub value: String,
    pub label: String,
    pub selected: bool,
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

fn options(lang: Lang, choices: &[Choice], selected: &str) -> Vec<OptionItem> {
    choices
        .iter()
        .map(|c| OptionItem {
            value: c.id.to_string(),
            label: c.name.get(lang.code()).to_string(),
            selected: c.id.to_string() == selected.trim(),
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
async fn render_form(
    ctx: PageContext,
    session: &Session,
    state: &AppState,
    pool: &PgPool,
    form_kind: FormKind,
    form: SubmissionForm,
    errors: &[FieldError],
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let inspectors = submissions::inspector_choices(pool).await?;
    let posts = submissions::post_choices(pool).await?;
    // The same token again when re-rendering, so that a corrected form is still one form.
    let form_token = if state.secrets.form_token_valid(&form.form_token) {
        form.form_token.clone()
    } else {
        state.secrets.new_form_token()
    };
    let page = FormPage {
        form_kind: match form_kind {
            FormKind::Feedback => "feedback",
            FormKind::Request => "request",
        },
        action: match form_kind {
            FormKind::Feedback => "/feedback",
            FormKind::Request => "/requests",
        },
        csrf: csrf_token(session),
        form_token,
        errors: errors
            .iter()
            .map(|e| ErrorItem {
                field: e.field,
                message: lang.t(e.key),
            })
            .collect(),
        inspectors: options(lang, &inspectors, &form.inspector),
        posts: options(lang, &posts, &form.post),
        categories: CATEGORIES
            .iter()
            .map(|(code, key)| OptionItem {
                value: code.to_string(),
                label: lang.t(key),
                selected: *code == form.category.trim(),
            })
            .collect(),
        is_feedback: form_kind == FormKind::Feedback,
        form,
        ctx,
    };
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(page.render()?))
}

#[derive(Debug, Default, Deserialize)]
pub struct NewQuery {
    pub inspector: Option<String>,
    pub post: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub category: Option<String>,
}

pub async fn new_feedback(
    ctx: PageContext,
    session: Session,
    query: web::Query<NewQuery>,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let form = SubmissionForm {
        inspector: query.inspector.clone().unwrap_or_default(),
        post: query.post.clone().unwrap_or_default(),
        kind: query
            .kind
            .clone()
            .filter(|k| k == "thanks" || k == "complaint")
            .unwrap_or_default(),
        ..Default::default()
    };
    render_form(
        ctx,
        &session,
        &state,
        &pool,
        FormKind::Feedback,
        form,
        &[],
        StatusCode::OK,
    )
    .await
}

pub async fn new_request(
    ctx: PageContext,
    session: Session,
    query: web::Query<NewQuery>,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let form = SubmissionForm {
        inspector: query.inspector.clone().unwrap_or_default(),
        category: query.category.clone().unwrap_or_default(),
        ..Default::default()
    };
    render_form(
        ctx,
        &session,
        &state,
        &pool,
        FormKind::Request,
        form,
        &[],
        StatusCode::OK,
    )
    .await
}

pub async fn create_feedback(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    form: web::Form<SubmissionForm>,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    create(
        req,
        ctx,
        session,
        form.into_inner(),
        state,
        pool,
        FormKind::Feedback,
    )
    .await
}

pub async fn create_request(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    form: web::Form<SubmissionForm>,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    create(
        req,
        ctx,
        session,
        form.into_inner(),
        state,
        pool,
        FormKind::Request,
    )
    .await
}

async fn create(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    form: SubmissionForm,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
    form_kind: FormKind,
) -> Result<HttpResponse, AppError> {
    verify_csrf(&req, &session, &form.csrf_token)?;
    let client = client_ip(&req);
    if !form.website.is_empty() {
        tracing::info!(client = %client_tag(client), "honeypot filled; submission refused");
        return Err(AppError::BadRequest("form-error-spam"));
    }
    if !state.secrets.form_token_valid(&form.form_token) {
        // An expired or forged form: show it again, with what was typed, and a new token.
        let errors = [err("body", "form-error-expired")];
        return render_form(
            ctx,
            &session,
            &state,
            &pool,
            form_kind,
            form,
            &errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let now = local_now(&state);
    let known = known_refs(&pool, &form).await?;
    let parsed = match parse_form(form_kind, &form, &known, now.date()) {
        Ok(parsed) => parsed,
        Err(errors) => {
            return render_form(
                ctx,
                &session,
                &state,
                &pool,
                form_kind,
                form,
                &errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    if !state.submission_limit.allow(client) {
        tracing::info!(client = %client_tag(client), "submission rate limit reached");
        // Keep what was typed: the resident can send it again in a minute.
        let errors = [err("submit", "form-error-rate")];
        return render_form(
            ctx,
            &session,
            &state,
            &pool,
            form_kind,
            form,
            &errors,
            StatusCode::TOO_MANY_REQUESTS,
        )
        .await;
    }
    let calendar = state.calendar(&pool).await?;
    let registered_on = calendar.registration_date(now);
    let new = NewSubmission {
        form_token: form.form_token.clone(),
        kind: parsed.kind,
        category: parsed.category,
        inspector_id: parsed.inspector_id,
        post_id: parsed.post_id,
        officer_description: parsed.officer_description,
        incident_date: parsed.incident_date,
        incident_time: parsed.incident_time,
        place: parsed.place,
        lat: parsed.coordinates.map(|c| c.lat()),
        lon: parsed.coordinates.map(|c| c.lon()),
        body: parsed.body,
        anonymous: parsed.anonymous,
        author_name: parsed.author_name,
        phone: parsed.phone,
        email: parsed.email,
        iin: parsed.iin,
        consent: parsed.consent,
        lang: ctx.lang.code().to_string(),
        registered_on,
        due_on: calendar.due_date(registered_on),
    };
    let stored = submissions::insert(&pool, &state.settings.city_code, &new).await?;
    if stored.created {
        tracing::info!(id = stored.id, kind = new.kind.code(), "submission stored");
    }
    let key = state.secrets.tracking_key(&stored.tracking_number);
    // POST-redirect-GET: a refresh of the receipt does not send the form again.
    Ok(HttpResponse::SeeOther()
        .insert_header((
            header::LOCATION,
            format!("/track/{}?key={key}&new=1", stored.tracking_number),
        ))
        .finish())
}

#[derive(Debug, Default, Deserialize)]
pub struct TrackQuery {
    pub number: Option<String>,
    pub key: Option<String>,
    pub new: Option<String>,
}

pub struct HistoryLine {
    pub date: String,
    pub status: String,
    pub note: String,
}

#[derive(Template)]
#[template(path = "public/track.html")]
pub struct TrackPage {
    pub ctx: PageContext,
    pub number: String,
    pub key: String,
    pub error: Option<String>,
    pub found: Option<Receipt>,
}

pub struct Receipt {
    pub just_created: bool,
    pub number: String,
    pub key: String,
    pub link: String,
    pub kind: String,
    pub category: String,
    pub addressed_to: String,
    pub received: String,
    pub registered: String,
    pub due: String,
    pub days_left: String,
    pub status: String,
    pub history: Vec<HistoryLine>,
    pub answer: String,
    pub forwarded_to: String,
    pub rejection: String,
    pub extension: String,
}

async fn receipt(
    state: &AppState,
    pool: &PgPool,
    lang: Lang,
    number: &str,
    key: &str,
    just_created: bool,
) -> Result<Option<Receipt>, AppError> {
    let Some(number) = normalize_tracking_number(number) else {
        return Ok(None);
    };
    if !state.secrets.tracking_key_valid(&number, key) {
        return Ok(None);
    }
    let Some(t) = submissions::tracked(pool, &number).await? else {
        return Ok(None);
    };
    let tz = state.settings.time_zone;
    let now = local_now(state);
    let calendar = state.calendar(pool).await?;
    let left = calendar.working_days_left(now.date(), t.due_on);
    let key = state.secrets.tracking_key(&t.tracking_number);
    let outcome = crate::store::moderation::public_outcome(pool, t.id).await?;
    let rejection = match outcome.rejection_reason.as_deref() {
        Some(code) => {
            let reason = crate::domain::moderation::rejection_key(code)
                .map(|k| lang.t(k))
                .unwrap_or_default();
            match outcome.duplicate_of.as_deref() {
                Some(number) => format!("{reason}: {number}"),
                None => reason,
            }
        }
        None => String::new(),
    };
    let extension = match (&outcome.extension_reason, outcome.original_due_on) {
        (Some(reason), Some(original)) => lang.t_args(
            "track-extension",
            &[
                ("from", original.format("%d.%m.%Y").to_string().into()),
                ("to", t.due_on.format("%d.%m.%Y").to_string().into()),
                ("reason", reason.clone().into()),
            ],
        ),
        _ => String::new(),
    };
    Ok(Some(Receipt {
        answer: outcome.public_answer.unwrap_or_default(),
        forwarded_to: outcome.forwarded_to.unwrap_or_default(),
        rejection,
        extension,
        just_created,
        link: format!("/track/{}?key={key}", t.tracking_number),
        number: t.tracking_number,
        key,
        kind: lang.t(t.kind.key()),
        category: t
            .category
            .as_deref()
            .and_then(category_key)
            .map(|k| lang.t(k))
            .unwrap_or_default(),
        addressed_to: t
            .inspector_name
            .as_ref()
            .or(t.post_name.as_ref())
            .map(|n| n.get(lang.code()).to_string())
            .unwrap_or_else(|| lang.t("track-addressed-police")),
        received: t
            .received_at
            .with_timezone(&tz)
            .format("%d.%m.%Y %H:%M")
            .to_string(),
        registered: t.registered_on.format("%d.%m.%Y").to_string(),
        due: t.due_on.format("%d.%m.%Y").to_string(),
        days_left: lang.t_args("track-days-left", &[("days", left.into())]),
        status: lang.t(t.status.key()),
        history: t
            .history
            .iter()
            .map(|h| HistoryLine {
                date: h.at.with_timezone(&tz).format("%d.%m.%Y %H:%M").to_string(),
                status: lang.t(h.status.key()),
                note: h.public_note.clone(),
            })
            .collect(),
    }))
}

/// Looks a submission up; a wrong number or key is the same "not found" as a missing one,
/// and a client that keeps guessing wrong is refused for a while.
async fn track_lookup(
    req: &HttpRequest,
    ctx: PageContext,
    state: &AppState,
    pool: &PgPool,
    number: &str,
    key: &str,
    just_created: bool,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let found = receipt(state, pool, lang, number, key, just_created).await?;
    let status = if found.is_some() {
        StatusCode::OK
    } else {
        if !state.tracking_limit.allow(client_ip(req)) {
            return Err(AppError::TooManyRequests("track-error-slow-down"));
        }
        StatusCode::NOT_FOUND
    };
    let page = TrackPage {
        error: found.is_none().then(|| lang.t("track-error-not-found")),
        number: number.trim().to_string(),
        key: key.trim().to_string(),
        found,
        ctx,
    };
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        // The page carries a secret key: keep it out of caches and referrers.
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((header::REFERRER_POLICY, "no-referrer"))
        .body(page.render()?))
}

pub async fn track_form(
    req: HttpRequest,
    ctx: PageContext,
    query: web::Query<TrackQuery>,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    match (query.number.as_deref(), query.key.as_deref()) {
        (Some(number), Some(key)) if !number.trim().is_empty() || !key.trim().is_empty() => {
            track_lookup(&req, ctx, &state, &pool, number, key, false).await
        }
        _ => {
            let page = TrackPage {
                error: None,
                number: String::new(),
                key: String::new(),
                found: None,
                ctx,
            };
            Ok(HttpResponse::Ok()
                .content_type("text/html; charset=utf-8")
                .body(page.render()?))
        }
    }
}

pub async fn track(
    req: HttpRequest,
    ctx: PageContext,
    path: web::Path<String>,
    query: web::Query<TrackQuery>,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let key = query.key.clone().unwrap_or_default();
    let just_created = query.new.as_deref() == Some("1");
    track_lookup(&req, ctx, &state, &pool, &path, &key, just_created).await
}

#[derive(Template, askama_web::WebTemplate)]
#[template(path = "public/privacy.html")]
pub struct PrivacyPage {
    pub ctx: PageContext,
}

pub async fn privacy(ctx: PageContext) -> PrivacyPage {
    PrivacyPage { ctx }
}
