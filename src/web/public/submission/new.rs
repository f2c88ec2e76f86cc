//! `GET /feedback/new` and `GET /requests/new`: an empty form, prefilled from the link.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Deserialize;
use sqlx::PgPool;

use super::{Shown, SubmissionForm, render_form};
use crate::domain::submission::FormKind;
use crate::web::error::AppError;
use crate::web::page::PageContext;
use crate::web::state::AppState;

/// What a link may prefill: `?inspector=`, `?post=`, `?type=`, `?category=`.
#[derive(Debug, Default, Deserialize)]
pub struct NewQuery {
    pub inspector: Option<String>,
    pub post: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub category: Option<String>,
}

impl NewQuery {
    fn prefill(self, kind: FormKind) -> SubmissionForm {
        match kind {
            FormKind::Feedback => SubmissionForm {
                inspector: self.inspector.unwrap_or_default(),
                post: self.post.unwrap_or_default(),
                kind: self
                    .kind
                    .filter(|k| k == "thanks" || k == "complaint")
                    .unwrap_or_default(),
                ..Default::default()
            },
            FormKind::Request => SubmissionForm {
                inspector: self.inspector.unwrap_or_default(),
                category: self.category.unwrap_or_default(),
                ..Default::default()
            },
        }
    }
}

pub async fn new(
    ctx: PageContext,
    kind: FormKind,
    session: Session,
    query: web::Query<NewQuery>,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let shown = Shown {
        kind,
        form: query.into_inner().prefill(kind),
        errors: &[],
        status: StatusCode::OK,
    };
    render_form(ctx, &session, &state, &pool, shown).await
}

/// `GET /feedback`, `GET /requests`: the blank form, with the same query (`?lang=`).
pub async fn to_blank_form(req: actix_web::HttpRequest) -> HttpResponse {
    let path = format!("{}/new", req.path().trim_end_matches('/'));
    match req.query_string() {
        "" => crate::web::page::redirect(&path),
        query => crate::web::page::redirect(&format!("{path}?{query}")),
    }
}
