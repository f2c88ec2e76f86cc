//! "Check your answers" (GOV.UK's pattern): a complaint or a request is shown as it will be
//! sent, each answer with a button back to its field; nothing is stored or counted until the
//! resident sends it from here. Everything typed travels in the page's hidden fields, so
//! "Change" and the language buttons lose nothing, with or without JavaScript.

use actix_session::Session;
use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use askama::Template;
use sqlx::PgPool;

use super::{SubmissionForm, choices};
use crate::domain::submission::contact::Phone;
use crate::domain::submission::{FormKind, NewSubmission};
use crate::store::submissions::Choice;
use crate::web::error::AppError;
use crate::web::format::decimal;
use crate::web::i18n::Lang;
use crate::web::page::{self, Caching, PageContext};
use crate::web::security::csrf_token;

/// One answer as the resident gave it, and the field "Change" leads back to.
pub struct CheckRow {
    pub field: &'static str,
    pub label: String,
    /// Empty when the resident gave none ("Not given").
    pub value: String,
}

#[derive(Template)]
#[template(path = "public/submission_check.html")]
pub struct CheckPage {
    pub ctx: PageContext,
    pub action: &'static str,
    pub is_feedback: bool,
    pub csrf: String,
    pub rows: Vec<CheckRow>,
    /// What the form sent, sent again by every button of this page.
    pub hidden: Vec<(&'static str, String)>,
}

/// The fields of the form that travel through this page as they were typed.
fn hidden(form: &SubmissionForm) -> Vec<(&'static str, String)> {
    let fields = [
        ("form_token", &form.form_token),
        ("type", &form.kind),
        ("category", &form.category),
        ("inspector", &form.inspector),
        ("post", &form.post),
        ("officer", &form.officer),
        ("incident_date", &form.incident_date),
        ("incident_time", &form.incident_time),
        ("place", &form.place),
        ("lat", &form.lat),
        ("lon", &form.lon),
        ("body", &form.body),
        ("anonymous", &form.anonymous),
        ("name", &form.name),
        ("phone", &form.phone),
        ("email", &form.email),
        ("iin", &form.iin),
        ("consent", &form.consent),
    ];
    fields
        .into_iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(name, value)| (name, value.clone()))
        .collect()
}

fn name_of(lang: Lang, choices: &[Choice], id: Option<i64>) -> String {
    id.and_then(|id| choices.iter().find(|c| c.id == id))
        .map(|c| c.name.of(lang).to_string())
        .unwrap_or_default()
}

/// The answers in the form's order, as the portal understood them (a phone as it will be
/// stored, a date as it is written here).
fn rows(
    lang: Lang,
    kind: FormKind,
    new: &NewSubmission,
    (inspectors, posts): &(Vec<Choice>, Vec<Choice>),
) -> Vec<CheckRow> {
    let row = |field, key: &str, value: String| CheckRow {
        field,
        label: lang.t(key),
        value,
    };
    let mut rows = Vec::new();
    match kind {
        FormKind::Feedback => rows.push(row("type", "check-type-label", lang.t(new.kind.key()))),
        FormKind::Request => rows.push(row(
            "category",
            "request-category-label",
            new.category.map(|c| lang.t(c.key())).unwrap_or_default(),
        )),
    }
    rows.push(row(
        "inspector",
        "form-inspector-label",
        name_of(lang, inspectors, new.inspector),
    ));
    if kind == FormKind::Feedback {
        rows.push(row(
            "post",
            "form-post-label",
            name_of(lang, posts, new.post),
        ));
        rows.push(row(
            "officer",
            "check-officer-label",
            new.officer_description.clone(),
        ));
        let when = [
            new.incident_date.map(|d| d.format("%d.%m.%Y").to_string()),
            new.incident_time.map(|t| t.format("%H:%M").to_string()),
        ];
        let when: Vec<String> = when.into_iter().flatten().collect();
        rows.push(row("incident_date", "check-when-label", when.join(" ")));
    }
    rows.push(row("place", "check-place-label", new.place.clone()));
    if let Some(at) = new.coordinates {
        let at = [decimal(lang, at.lat(), 5), decimal(lang, at.lon(), 5)];
        rows.push(row("lat", "location-coords-summary", at.join("; ")));
    }
    rows.push(row("body", "check-body-label", new.body.clone()));
    if let Some(author) = &new.author {
        rows.push(row("name", "check-name-label", author.name.clone()));
        let phone = author.phone.as_ref().map(Phone::spaced);
        rows.push(row("phone", "form-phone-label", phone.unwrap_or_default()));
        let email = author.email.as_ref().map(|e| e.as_str().to_string());
        rows.push(row("email", "form-email-label", email.unwrap_or_default()));
        let iin = author.iin.as_ref().map(|i| i.as_str().to_string());
        rows.push(row("iin", "check-iin-label", iin.unwrap_or_default()));
    }
    rows
}

pub async fn render_check(
    ctx: PageContext,
    session: &Session,
    pool: &PgPool,
    kind: FormKind,
    form: &SubmissionForm,
    new: &NewSubmission,
) -> Result<HttpResponse, AppError> {
    let names = choices(pool).await?;
    let page = CheckPage {
        action: match kind {
            FormKind::Feedback => "/feedback",
            FormKind::Request => "/requests",
        },
        is_feedback: kind == FormKind::Feedback,
        csrf: csrf_token(session),
        rows: rows(ctx.lang, kind, new, &names),
        hidden: hidden(form),
        ctx,
    };
    page::render(StatusCode::OK, Caching::NoStore, &page)
}
