//! The links in a message to the resident, signed for one appeal and one purpose:
//! `/track/{number}/quiet` stops the messages the law does not require (a page, then a button:
//! a mail scanner that opens links stops nothing), and `/track/{number}/survey/{round}` is the
//! questionnaire, whose one-click answers are recorded as the link opens (then a comment may be
//! added, or the answer changed). A wrong token is the same "not found" as a missing appeal,
//! and a client that keeps guessing is slowed down like one guessing tracking keys.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use sqlx::PgPool;

use crate::domain::notice::{SURVEY_COMMENT_MAX, Satisfaction};
use crate::domain::submission::{clean_text, normalize_tracking_number};
use crate::store::replies::{self, Answered};
use crate::web::error::AppError;
use crate::web::form::OptionItem;
use crate::web::page::{self, Caching, PageContext};
use crate::web::security::client_ip;
use crate::web::state::AppState;

#[derive(Debug, Default, Deserialize)]
pub struct TokenQuery {
    pub t: Option<String>,
    pub answer: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct QuietForm {
    #[serde(default)]
    pub t: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct SurveyForm {
    #[serde(default)]
    pub t: String,
    #[serde(default)]
    pub answer: String,
    #[serde(default)]
    pub comment: String,
}

#[derive(Template)]
#[template(path = "public/quiet.html")]
pub struct QuietPage {
    pub ctx: PageContext,
    pub number: String,
    pub token: String,
    pub done: bool,
    pub track_link: String,
}

#[derive(Template)]
#[template(path = "public/survey.html")]
pub struct SurveyPage {
    pub ctx: PageContext,
    pub number: String,
    pub action: String,
    pub token: String,
    pub answers: Vec<OptionItem>,
    pub comment: String,
    pub recorded: Option<String>,
    pub reopened: bool,
    pub answer_error: Option<String>,
    pub comment_error: Option<String>,
    pub track_link: String,
}

/// The appeal's number when `token` is signed for it and `purpose`; else "not found", or
/// "slow down" for a client that keeps guessing.
async fn checked(
    req: &HttpRequest,
    state: &AppState,
    pool: &PgPool,
    number: &str,
    purpose: &str,
    token: &str,
) -> Result<String, AppError> {
    let limit = &state.tracking_limit;
    let client = client_ip(req).to_string();
    if limit.exhausted(pool, &state.secrets, &client).await? {
        return Err(AppError::TooManyRequests("track-error-slow-down"));
    }
    match normalize_tracking_number(number) {
        Some(n) if state.secrets.reply_token_valid(&n, purpose, token) => Ok(n),
        _ => {
            if !limit.allow(pool, &state.secrets, &client).await? {
                return Err(AppError::TooManyRequests("track-error-slow-down"));
            }
            Err(AppError::NotFound)
        }
    }
}

fn track_link(state: &AppState, number: &str) -> String {
    format!("/track/{number}?key={}", state.secrets.tracking_key(number))
}

fn quiet_page(
    ctx: PageContext,
    state: &AppState,
    number: String,
    token: String,
    done: bool,
) -> Result<HttpResponse, AppError> {
    let page = QuietPage {
        track_link: track_link(state, &number),
        number,
        token,
        done,
        ctx,
    };
    page::render(StatusCode::OK, Caching::Secret, &page)
}

/// `GET /track/{number}/quiet?t=`: what stopping means, and the button.
pub async fn quiet_form(
    req: HttpRequest,
    ctx: PageContext,
    path: web::Path<String>,
    query: web::Query<TokenQuery>,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let token = query.t.clone().unwrap_or_default();
    let number = checked(&req, &state, &pool, &path, "quiet", &token).await?;
    quiet_page(ctx, &state, number, token, false)
}

/// `POST /track/{number}/quiet`: stops them.
pub async fn quiet(
    req: HttpRequest,
    ctx: PageContext,
    path: web::Path<String>,
    form: web::Form<QuietForm>,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let number = checked(&req, &state, &pool, &path, "quiet", &form.t).await?;
    if !replies::stop_messages(&pool, &number).await? {
        return Err(AppError::NotFound);
    }
    quiet_page(ctx, &state, number, form.t.clone(), true)
}

/// What the survey page shows besides its form.
struct Shown<'a> {
    chosen: Option<Satisfaction>,
    comment: String,
    answered: Option<&'a Answered>,
    answer_error: Option<&'static str>,
    comment_error: Option<&'static str>,
}

fn survey_page(
    ctx: PageContext,
    state: &AppState,
    (number, round, token): (String, i64, String),
    shown: Shown<'_>,
) -> Result<HttpResponse, AppError> {
    let status = if shown.answer_error.is_some() || shown.comment_error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = SurveyPage {
        action: format!("/track/{number}/survey/{round}"),
        track_link: track_link(state, &number),
        answers: Satisfaction::ALL
            .into_iter()
            .map(|a| OptionItem {
                value: a.code().to_string(),
                label: ctx.t(a.key()),
                selected: shown.chosen == Some(a),
            })
            .collect(),
        comment: shown.comment,
        recorded: shown.answered.map(|a| ctx.t(a.answer.key())),
        reopened: shown.answered.is_some_and(|a| a.reopened),
        answer_error: shown.answer_error.map(|k| ctx.t(k)),
        comment_error: shown.comment_error.map(|k| ctx.t(k)),
        number,
        token,
        ctx,
    };
    page::render(status, Caching::Secret, &page)
}

/// `GET /track/{number}/survey/{round}?t=[&answer=]`: with an answer (the message's
/// one-click links) it is recorded at once; without one, the question.
pub async fn survey_link(
    req: HttpRequest,
    ctx: PageContext,
    path: web::Path<(String, i64)>,
    query: web::Query<TokenQuery>,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let (number, round) = path.into_inner();
    let token = query.t.clone().unwrap_or_default();
    let number = checked(
        &req,
        &state,
        &pool,
        &number,
        &format!("survey:{round}"),
        &token,
    )
    .await?;
    let chosen = query.answer.as_deref().and_then(Satisfaction::parse);
    let answered = match chosen {
        Some(answer) => Some(
            replies::answer_survey(
                &pool,
                &number,
                round,
                answer,
                None,
                state.settings.notify.survey_after,
            )
            .await?
            .ok_or(AppError::NotFound)?,
        ),
        None if replies::survey_sent(&pool, &number, round).await? => None,
        None => return Err(AppError::NotFound),
    };
    let shown = Shown {
        chosen,
        comment: answered
            .as_ref()
            .map(|a| a.comment.clone())
            .unwrap_or_default(),
        answered: answered.as_ref(),
        answer_error: None,
        comment_error: None,
    };
    survey_page(ctx, &state, (number, round, token), shown)
}

/// `POST /track/{number}/survey/{round}`: an answer with an optional comment.
pub async fn survey(
    req: HttpRequest,
    ctx: PageContext,
    path: web::Path<(String, i64)>,
    form: web::Form<SurveyForm>,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let (number, round) = path.into_inner();
    let form = form.into_inner();
    let purpose = format!("survey:{round}");
    let number = checked(&req, &state, &pool, &number, &purpose, &form.t).await?;
    let chosen = Satisfaction::parse(form.answer.trim());
    let comment = clean_text(&form.comment, true);
    let too_long = comment.chars().count() > SURVEY_COMMENT_MAX;
    let (Some(answer), false) = (chosen, too_long) else {
        let shown = Shown {
            chosen,
            // What was typed comes back as typed.
            comment: form.comment,
            answered: None,
            answer_error: chosen.is_none().then_some("survey-error-answer"),
            comment_error: too_long.then_some("survey-error-comment"),
        };
        return survey_page(ctx, &state, (number, round, form.t), shown);
    };
    let answered = replies::answer_survey(
        &pool,
        &number,
        round,
        answer,
        Some(&comment),
        state.settings.notify.survey_after,
    )
    .await?
    .ok_or(AppError::NotFound)?;
    let shown = Shown {
        chosen: Some(answer),
        comment: answered.comment.clone(),
        answered: Some(&answered),
        answer_error: None,
        comment_error: None,
    };
    survey_page(ctx, &state, (number, round, form.t), shown)
}
