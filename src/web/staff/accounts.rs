//! Staff accounts, kept by administrators: `GET /staff/accounts` (the list and the invitation
//! form), `POST /staff/accounts` (invite), `POST /staff/accounts/{id}/{action}` (role, disable,
//! enable, end sessions, a new link). An invitation is a link shown once to the administrator,
//! valid 72 hours and once; the person sets their own password (`invitation.rs`).

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use rand::RngExt;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use sqlx::PgPool;

use crate::domain::field::FieldError;
use crate::domain::moderation::StaffRole;
use crate::domain::submission::Email;
use crate::store::accounts::{self, AccountLine, Change, Changed, Invited};
use crate::web::error::AppError;
use crate::web::extract::{AdminUser, CsrfProtected, StaffForm, actor};
use crate::web::form::{ErrorItem, error_items};
use crate::web::i18n::Lang;
use crate::web::page::{self, Caching, PageContext, redirect};
use crate::web::security::csrf_token;
use crate::web::session::StaffUser;
use crate::web::state::AppState;

/// How long an invitation link stays valid.
pub const INVITATION_HOURS: u32 = 72;
const NAME_MAX: usize = 120;

/// A new invitation token and the hash the database keeps of it.
pub fn new_token() -> (String, Vec<u8>) {
    let bytes: [u8; 32] = rand::rng().random();
    let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let hash = token_hash(&token);
    (token, hash)
}

pub fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.trim().as_bytes()).to_vec()
}

pub struct AccountRow {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: String,
    pub is_admin: bool,
    pub state: String,
    pub active: bool,
    pub open_sessions: i64,
    pub is_me: bool,
    pub two_factor: bool,
}

/// A link made for someone, shown once.
pub struct NewLink {
    pub email: String,
    pub href: String,
}

#[derive(Template)]
#[template(path = "staff/accounts.html")]
pub struct AccountsPage {
    pub ctx: PageContext,
    pub csrf: String,
    pub user: StaffUser,
    pub rows: Vec<AccountRow>,
    pub form: InviteForm,
    pub errors: Vec<ErrorItem>,
    pub link: Option<NewLink>,
    pub notice: String,
    pub notice_is_error: bool,
    pub invitation_text: String,
}

impl AccountsPage {
    pub fn error_for(&self, field: &str) -> Option<&str> {
        ErrorItem::for_field(&self.errors, field)
    }

    pub fn has_error(&self, field: &str) -> bool {
        self.error_for(field).is_some()
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    pub csrf_token: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub role: String,
}

impl CsrfProtected for InviteForm {
    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
}

fn row(lang: Lang, me: i64, a: &AccountLine) -> AccountRow {
    let state = match (a.active, a.pending) {
        (false, _) => "admin-account-disabled",
        (true, true) => "admin-account-pending",
        (true, false) => "admin-account-active",
    };
    AccountRow {
        id: a.id,
        email: a.email.clone(),
        name: a.name.clone(),
        role: lang.t(&format!("staff-role-{}", a.role.code())),
        is_admin: a.role == StaffRole::Admin,
        state: lang.t(state),
        active: a.active,
        two_factor: a.two_factor,
        open_sessions: a.open_sessions,
        is_me: a.id == me,
    }
}

/// How the page is shown: after what, with what status.
struct Shown {
    form: InviteForm,
    errors: Vec<FieldError>,
    link: Option<NewLink>,
    notice: &'static str,
    status: StatusCode,
}

async fn render(
    ctx: PageContext,
    session: &Session,
    user: StaffUser,
    pool: &PgPool,
    shown: Shown,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let rows = accounts::list(pool)
        .await?
        .iter()
        .map(|a| row(lang, user.id, a))
        .collect();
    let page = AccountsPage {
        csrf: csrf_token(session),
        user,
        rows,
        errors: error_items(lang, &shown.errors),
        form: shown.form,
        link: shown.link,
        notice: if shown.notice.is_empty() {
            String::new()
        } else {
            lang.t(shown.notice)
        },
        notice_is_error: shown.status == StatusCode::CONFLICT,
        invitation_text: ctx.tn(
            "admin-invitation-text",
            "hours",
            i64::from(INVITATION_HOURS),
        ),
        ctx,
    };
    page::render(shown.status, Caching::NoStore, &page)
}

#[derive(Debug, Default, Deserialize)]
pub struct DoneQuery {
    pub done: Option<String>,
}

pub async fn list(
    ctx: PageContext,
    session: Session,
    AdminUser(user): AdminUser,
    query: web::Query<DoneQuery>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    let notice = match query.done.as_deref() {
        Some("role") => "admin-account-done-role",
        Some("disable") => "admin-account-done-disable",
        Some("enable") => "admin-account-done-enable",
        Some("end-sessions") => "admin-account-done-sessions",
        Some("reset") => "admin-account-done-two-factor",
        _ => "",
    };
    let shown = Shown {
        form: InviteForm {
            role: "moderator".into(),
            ..InviteForm::default()
        },
        errors: Vec::new(),
        link: None,
        notice,
        status: StatusCode::OK,
    };
    render(ctx, &session, user, &pool, shown).await
}

fn invitation_href(req: &HttpRequest, state: &AppState, token: &str) -> String {
    format!(
        "{}/staff/invitation?token={token}",
        crate::web::links::site(req, &state.settings)
    )
}

fn parse_invite(form: &InviteForm) -> Result<(Email, String, StaffRole), Vec<FieldError>> {
    let mut errors = Vec::new();
    let email = Email::parse(&form.email.trim().to_lowercase());
    if email.is_none() {
        errors.push(FieldError::new("email", "admin-error-email"));
    }
    let name = form.name.trim().to_string();
    if name.is_empty() {
        errors.push(FieldError::new("name", "admin-error-required"));
    } else if name.chars().count() > NAME_MAX {
        errors.push(FieldError::new("name", "admin-error-too-long"));
    }
    let role = match form.role.trim() {
        "moderator" => Some(StaffRole::Moderator),
        "admin" => Some(StaffRole::Admin),
        _ => {
            errors.push(FieldError::new("role", "admin-error-choose"));
            None
        }
    };
    match (email, role) {
        (Some(email), Some(role)) if errors.is_empty() => Ok((email, name, role)),
        _ => Err(errors),
    }
}

pub async fn invite(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    StaffForm { user, form }: StaffForm<InviteForm>,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    if !user.is_admin() {
        return Err(AppError::Forbidden);
    }
    let mut shown = Shown {
        form: InviteForm::default(),
        errors: Vec::new(),
        link: None,
        notice: "",
        status: StatusCode::OK,
    };
    let (email, name, role) = match parse_invite(&form) {
        Ok(parsed) => parsed,
        Err(errors) => {
            shown.form = form;
            shown.errors = errors;
            shown.status = StatusCode::UNPROCESSABLE_ENTITY;
            return render(ctx, &session, user, &pool, shown).await;
        }
    };
    let (token, hash) = new_token();
    let valid = f64::from(INVITATION_HOURS) * 3600.0;
    let who = actor(&user, &req);
    let account = (email.as_str(), name.as_str(), role);
    match accounts::invite(&pool, &who, account, &hash, valid).await? {
        Invited::Done(id) => {
            tracing::info!(staff = id, "staff member invited");
            shown.link = Some(NewLink {
                email: email.as_str().to_string(),
                href: invitation_href(&req, &state, &token),
            });
        }
        Invited::Taken => {
            shown.form = form;
            shown.errors = vec![FieldError::new("email", "admin-error-email-taken")];
            shown.status = StatusCode::UNPROCESSABLE_ENTITY;
        }
    }
    render(ctx, &session, user, &pool, shown).await
}

#[derive(Debug, Default, Deserialize)]
pub struct ActionForm {
    #[serde(default)]
    pub csrf_token: String,
}

impl CsrfProtected for ActionForm {
    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
}

pub async fn act(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    path: web::Path<(String, String)>,
    StaffForm { user, .. }: StaffForm<ActionForm>,
    state: web::Data<AppState>,
    pool: web::Data<PgPool>,
) -> Result<HttpResponse, AppError> {
    if !user.is_admin() {
        return Err(AppError::Forbidden);
    }
    let (id, action) = path.into_inner();
    let id: i64 = id.parse().ok().ok_or(AppError::NotFound)?;
    let who = actor(&user, &req);
    let change = match action.as_str() {
        "make-admin" => Change::Role(StaffRole::Admin),
        "make-moderator" => Change::Role(StaffRole::Moderator),
        "disable" => Change::Disable,
        "enable" => Change::Enable,
        "end-sessions" => Change::EndSessions,
        "reset-two-factor" => {
            // A lost phone and lost recovery codes: off, and the account's sessions end; the
            // next sign-in sets it up again where it is required.
            if !accounts::list(&pool).await?.iter().any(|a| a.id == id) {
                return Err(AppError::NotFound);
            }
            crate::store::two_factor::disable(&pool, id, &who, true).await?;
            return Ok(redirect("/staff/accounts?done=reset"));
        }
        "invite" => {
            let (token, hash) = new_token();
            let valid = f64::from(INVITATION_HOURS) * 3600.0;
            if accounts::reinvite(&pool, &who, id, &hash, valid).await? == Changed::Missing {
                return Err(AppError::NotFound);
            }
            let email = accounts::list(&pool)
                .await?
                .into_iter()
                .find(|a| a.id == id)
                .map(|a| a.email)
                .unwrap_or_default();
            let shown = Shown {
                form: InviteForm::default(),
                errors: Vec::new(),
                link: Some(NewLink {
                    email,
                    href: invitation_href(&req, &state, &token),
                }),
                notice: "",
                status: StatusCode::OK,
            };
            return render(ctx, &session, user, &pool, shown).await;
        }
        _ => return Err(AppError::NotFound),
    };
    match accounts::change(&pool, &who, id, change).await? {
        Changed::Done => {
            let done = match change {
                Change::Role(_) => "role",
                Change::Disable => "disable",
                Change::Enable => "enable",
                Change::EndSessions => "end-sessions",
            };
            Ok(redirect(&format!("/staff/accounts?done={done}")))
        }
        Changed::Missing => Err(AppError::NotFound),
        Changed::LastAdmin => {
            let shown = Shown {
                form: InviteForm::default(),
                errors: Vec::new(),
                link: None,
                notice: "admin-account-last-admin",
                status: StatusCode::CONFLICT,
            };
            render(ctx, &session, user, &pool, shown).await
        }
    }
}
